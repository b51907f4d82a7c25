import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { messageActionsApi } from '../../api/message-actions.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatMessage } from '../../api/wire.js';
import { applyHidden, applyRecalled, applyUpdated } from './chat-cache.js';
import { mergeMessages, updateMessages, type History } from './history.js';
import { hasReacted, toggledReactions } from './message-rules.js';
import { useReplyTargets } from './reply-target.js';

function changeHistory(queryClient: QueryClient, cId: number, change: (history: History) => History) {
  queryClient.setQueryData<History>(queryKeys.history(cId), (history) => history && change(history));
}

const cachedCopy = (queryClient: QueryClient, message: ChatMessage) =>
  queryClient.getQueryData<History>(queryKeys.history(message.cId))?.messages.find((m) => m.id === message.id) ??
  message;

/**
 * What the user can do to one message from its menu and its reaction chips. Reactions and
 * deleting show at once and are put back if the server refuses; a recall or an edit waits
 * for the server's answer (it may say the time is up). `onFailed` hears why one failed.
 */
export function useMessageActions(message: ChatMessage, me: number, onFailed: (error: Error) => void) {
  const queryClient = useQueryClient();
  const { cId, id } = message;

  const react = useMutation({
    mutationFn: ({ emoji, on }: { emoji: string; on: boolean }) => messageActionsApi.react(cId, id, emoji, on),
    onMutate: async ({ emoji }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.history(cId) });
      const before = cachedCopy(queryClient, message).reactions;
      setReactions(queryClient, message, toggledReactions({ ...message, reactions: before }, emoji, me));
      return { before };
    },
    onError: (error, _variables, snapshot) => {
      if (snapshot) setReactions(queryClient, message, snapshot.before);
      onFailed(error);
    },
    onSuccess: (fresh) => applyUpdated(queryClient, fresh),
  });

  const remove = useMutation({
    mutationFn: () => messageActionsApi.deleteForMe(cId, id),
    onMutate: () => {
      const before = cachedCopy(queryClient, message);
      applyHidden(queryClient, cId, id);
      return { before };
    },
    onError: (error, _variables, snapshot) => {
      if (snapshot)
        changeHistory(queryClient, cId, (history) => ({
          ...history,
          messages: mergeMessages(history.messages, [snapshot.before]),
        }));
      onFailed(error);
    },
  });

  const recall = useMutation({
    mutationFn: () => messageActionsApi.recall(cId, id),
    onSuccess: () => applyRecalled(queryClient, cId, id),
    onError: onFailed,
  });

  return {
    /** Puts the user's reaction on, or takes it off. */
    toggleReaction: (emoji: string) =>
      react.mutate({ emoji, on: !hasReacted(cachedCopy(queryClient, message), emoji, me) }),
    deleteForMe: () => remove.mutate(),
    recall: () => recall.mutate(),
    reply: () => useReplyTargets.getState().replyTo(message),
    copy: () => navigator.clipboard.writeText(message.message).catch(onFailed),
  };
}

export type MessageActions = ReturnType<typeof useMessageActions>;

function setReactions(queryClient: QueryClient, message: ChatMessage, reactions: ChatMessage['reactions']) {
  changeHistory(queryClient, message.cId, (history) =>
    updateMessages(
      history,
      (m) => m.id === message.id,
      (m) => ({ ...m, reactions }),
    ),
  );
}

/** Saves an edited text; the answer (and `message.updated`) brings the new copy. */
export function useEditMessage(message: ChatMessage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => messageActionsApi.edit(message.cId, message.id, text),
    onSuccess: (fresh) => applyUpdated(queryClient, fresh),
  });
}
