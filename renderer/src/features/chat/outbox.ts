import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { chatApi } from '../../api/chat.js';
import { ApiError } from '../../api/http.js';
import type { ChatMessage } from '../../api/wire.js';
import { addMessage } from './chat-cache.js';
import { uploadAttachment } from './upload.js';

/** A message on its way: shown at once, then replaced by the server's copy (same `clientMsgId`). */
export interface Outgoing {
  clientMsgId: string;
  cId: number;
  fromId: number;
  type: 'TEXT' | 'IMAGE';
  text: string;
  /** The image, until the server has it. */
  file?: Blob;
  /** A local URL of the image, to show it while it uploads. */
  previewUrl?: string;
  attachmentId?: string;
  state: 'uploading' | 'sending' | 'failed';
  /** Why the last attempt failed (read while `state` is 'failed'). */
  failure?: SendFailure;
  /** Upload progress, 0..1. */
  progress: number;
  created_at: string;
}

/**
 * Why a message did not go. The server's refusals (a file type it does not take, a file too
 * large, a message it will not accept) get the same answer however often they are sent, so
 * only deleting the message helps; anything else (no connection, a server error, a timeout)
 * may pass on a retry.
 */
export type SendFailure = 'unsupported-type' | 'too-large' | 'refused' | 'interrupted';

/** A request timeout or "too many requests" is a 4xx that a later try can get past. */
const PASSING_REFUSALS = new Set([408, 429]);

export function sendFailure(error: unknown): SendFailure {
  if (!(error instanceof ApiError)) return 'interrupted';
  if (error.status === 415) return 'unsupported-type';
  if (error.status === 413) return 'too-large';
  const refused = error.status >= 400 && error.status < 500 && !PASSING_REFUSALS.has(error.status);
  return refused ? 'refused' : 'interrupted';
}

export const retryable = (failure: SendFailure) => failure === 'interrupted';

interface OutboxState {
  items: Record<string, Outgoing>;
  put(item: Outgoing): void;
  patch(clientMsgId: string, change: Partial<Outgoing>): void;
  remove(clientMsgId: string): void;
}

/** Messages not yet confirmed by the server, by `clientMsgId`. */
export const useOutbox = create<OutboxState>()((set) => ({
  items: {},
  put: (item) => set(({ items }) => ({ items: { ...items, [item.clientMsgId]: item } })),
  patch: (clientMsgId, change) =>
    set(({ items }) => {
      const item = items[clientMsgId];
      return item ? { items: { ...items, [clientMsgId]: { ...item, ...change } } } : { items };
    }),
  remove: (clientMsgId) =>
    set(({ items }) => {
      const item = items[clientMsgId];
      if (!item) return { items };
      if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
      return { items: Object.fromEntries(Object.entries(items).filter(([id]) => id !== clientMsgId)) };
    }),
}));

/**
 * Own messages the server has (its answer, its push, the catch-up) leave the outbox: from
 * then on the history is their one copy.
 */
export function settleOutbox(messages: readonly ChatMessage[], me: number) {
  const { items, remove } = useOutbox.getState();
  for (const message of messages)
    if (message.fromId === me && message.clientMsgId && items[message.clientMsgId]) remove(message.clientMsgId);
}

/**
 * Sends (or sends again) an outbox message. A retry reuses the `clientMsgId`, so the
 * server answers with the first copy if the earlier attempt got through after all.
 */
export async function deliver(queryClient: QueryClient, clientMsgId: string): Promise<void> {
  const outbox = useOutbox.getState();
  const item = outbox.items[clientMsgId];
  if (!item) return;
  try {
    let attachmentId = item.attachmentId;
    if (item.type === 'IMAGE' && !attachmentId) {
      outbox.patch(clientMsgId, { state: 'uploading', progress: 0 });
      const uploaded = await uploadAttachment(item.file!, (progress) => outbox.patch(clientMsgId, { progress }));
      attachmentId = uploaded.id;
      outbox.patch(clientMsgId, { attachmentId, progress: 1 });
    }
    outbox.patch(clientMsgId, { state: 'sending' });
    const message = await chatApi.send(item.cId, {
      message: item.text,
      type: item.type,
      clientMsgId,
      ...(attachmentId ? { attachmentId } : {}),
    });
    addMessage(queryClient, message);
    settleOutbox([message], item.fromId);
  } catch (error) {
    useOutbox.getState().patch(clientMsgId, { state: 'failed', failure: sendFailure(error) });
  }
}

function enqueue(queryClient: QueryClient, item: Omit<Outgoing, 'clientMsgId' | 'state' | 'progress' | 'created_at'>) {
  const clientMsgId = crypto.randomUUID();
  useOutbox.getState().put({
    ...item,
    clientMsgId,
    state: item.type === 'IMAGE' ? 'uploading' : 'sending',
    progress: 0,
    created_at: new Date().toISOString(),
  });
  void deliver(queryClient, clientMsgId);
}

export function sendText(queryClient: QueryClient, cId: number, fromId: number, text: string) {
  enqueue(queryClient, { cId, fromId, type: 'TEXT', text });
}

export function sendImage(queryClient: QueryClient, cId: number, fromId: number, file: Blob) {
  enqueue(queryClient, { cId, fromId, type: 'IMAGE', text: '', file, previewUrl: URL.createObjectURL(file) });
}
