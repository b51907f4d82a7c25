import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import type { UserProfile } from '../../api/wire.js';
import { Dialog } from '../../components/Dialog.js';
import { UserPicker } from '../../components/UserPicker.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { insertWindow } from './chat-cache.js';
import { chatText } from './chat-text.js';

/** Pick someone from the directory; their chat (new or existing) opens. */
export function NewChatDialog({ me, onClose }: { me: number; onClose: () => void }) {
  const t = useText(chatText);
  const queryClient = useQueryClient();
  const openWindow = useNavigation((s) => s.openWindow);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function pick(user: UserProfile) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const window = await chatApi.open(user.id);
      insertWindow(queryClient, window);
      openWindow(window.id);
      onClose();
    } catch (failure) {
      setError(t('openFailed', { reason: (failure as Error).message }));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('newChatTitle')} closeButton onClose={onClose}>
      <UserPicker label={t('pickPerson')} exclude={[me]} onPick={pick} autoFocus />
      {busy && <p role="status">{t('opening')}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
