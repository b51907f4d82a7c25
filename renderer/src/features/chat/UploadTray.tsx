import { useShallow } from 'zustand/react/shallow';
import { useText } from '../../i18n/text.js';
import { composerText } from './composer-text.js';
import { cancelOutgoing, useOutbox, type Outgoing } from './outbox.js';

/**
 * The window's uploads in progress, each with how far it got and a Cancel: a large file
 * takes a while, and the user may think better of it.
 */
export function UploadTray({ cId }: { cId: number }) {
  const t = useText(composerText);
  const uploading = useOutbox(
    useShallow((s) => Object.values(s.items).filter((item) => item.cId === cId && item.state === 'uploading')),
  );
  if (uploading.length === 0) return null;

  const nameOf = (item: Outgoing) => item.fileName ?? (item.type === 'VOICE' ? t('voiceClip') : t('image'));
  return (
    <ul className="upload-tray" aria-label={t('uploads')}>
      {uploading.map((item) => {
        const label = t('uploadingName', { name: nameOf(item) });
        return (
          <li key={item.clientMsgId} className="upload-item">
            <span className="upload-name">{nameOf(item)}</span>
            <progress className="upload-bar" aria-label={label} max={1} value={item.progress} />
            <span className="upload-percent">{Math.round(item.progress * 100)}%</span>
            <button type="button" className="link-button" onClick={() => cancelOutgoing(item.clientMsgId)}>
              {t('cancelUpload')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
