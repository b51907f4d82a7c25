import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { OfflineType } from '../../api/contract.js';
import { ApiError } from '../../api/http.js';
import { offlineApi } from '../../api/offline.js';
import { queryKeys } from '../../api/query-keys.js';
import type { OfflineMessage } from '../../api/wire.js';
import { offerUndo } from '../../components/undo-offer.js';
import { translator } from '../../i18n/text.js';
import { projectQuery, refreshMembership, refreshProject } from '../projects/project-queries.js';
import { useAnswers, type Answer } from './answers-store.js';
import { replaceOfflineMessage } from './offline-history.js';
import { invitationsText } from './invitations-text.js';

/**
 * Accepting or declining one invitation. A second click while the first request runs is
 * ignored: the ref closes the gap before React has re-rendered the buttons as disabled.
 * `onSettled` tells the list the item was answered (or found answered) here.
 */
export function useAnswerInvitation(message: OfflineMessage, onSettled: (id: string) => void) {
  const queryClient = useQueryClient();
  const record = useAnswers((s) => s.record);
  const running = useRef(false);
  const [busy, setBusy] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function answer(choice: Answer) {
    if (running.current) return;
    running.current = true;
    setBusy(choice);
    setError(null);
    try {
      const [updated] = await offlineApi.answer(message.id, choice);
      record(message.id, choice);
      onSettled(message.id);
      if (updated) replaceOfflineMessage(queryClient, updated);
      if (choice === 'accept') afterAccepting(message);
      else offerUndoDecline(message.id);
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.status === 409) {
        onSettled(message.id);
        void queryClient.invalidateQueries({ queryKey: queryKeys.offlineHistory });
      }
    } finally {
      running.current = false;
      setBusy(null);
    }
  }

  /** The server takes a decline back for a few seconds: the invitation is pending again. */
  function offerUndoDecline(id: string) {
    offerUndo({
      done: (language) => translator(invitationsText, language)('declinedUndoable'),
      undo: async () => {
        const [restored] = await offlineApi.undoDecline(id);
        if (restored) replaceOfflineMessage(queryClient, restored);
        await queryClient.invalidateQueries({ queryKey: queryKeys.offlineHistory });
      },
    });
  }

  function afterAccepting({ type, extraInfo }: OfflineMessage) {
    const { projectId } = extraInfo;
    if (type === OfflineType.projectInvitation && projectId !== undefined) {
      refreshMembership(queryClient, projectId);
      // Fetched now so "Open group chat" knows the window at once.
      void queryClient.prefetchQuery(projectQuery(projectId));
    } else refreshProject(queryClient);
  }

  return { answer, busy, error };
}
