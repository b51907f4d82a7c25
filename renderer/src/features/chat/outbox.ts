import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { chatApi, type OutgoingMessage } from '../../api/chat.js';
import { ApiError } from '../../api/http.js';
import { messageActionsApi } from '../../api/message-actions.js';
import type { ChatMessage } from '../../api/wire.js';
import { backoffDelay } from '../../realtime/backoff.js';
import { onReady } from '../../realtime/dispatch.js';
import { addMessage } from './chat-cache.js';
import { forgetOutboxesExcept, forgetOutgoing, storedOutbox, storeOutgoing } from './outbox-storage.js';
import { uploadAttachment } from './upload.js';

/** The message a reply answers, as much of it as the quote above the reply shows. */
export type Quoted = Pick<ChatMessage, 'id' | 'fromId' | 'type' | 'message' | 'fileName' | 'recalled'>;

/** Who a group message mentions: member ids, or `'all'` (the project's owner only). */
export type Mention = number | 'all';

/** A message on its way: shown at once, then replaced by the server's copy (same `clientMsgId`). */
export interface Outgoing {
  clientMsgId: string;
  cId: number;
  fromId: number;
  /** Its place in the sender's outbox: a window's messages go in this order. */
  order: number;
  type: 'TEXT' | 'IMAGE' | 'VOICE' | 'FILE';
  text: string;
  /** The image, voice clip or file, until the server has it. */
  file?: Blob;
  /** A local URL of the image or voice clip (or a forwarded one's own), to show or play it meanwhile. */
  previewUrl?: string;
  attachmentId?: string;
  /** A copy of this message of the user's (forwarded): the server copies it, content and all. */
  forwardOf?: number;
  /**
   * 'queued': it could not go (no connection, a server error) and goes by itself when the
   * connection is back; 'failed': the server refused it, and only deleting it helps.
   */
  state: 'uploading' | 'sending' | 'queued' | 'failed';
  /** Why the last attempt failed (read while `state` is 'queued' or 'failed'). */
  failure?: SendFailure;
  /** Upload progress, 0..1. */
  progress: number;
  created_at: string;
  /** FILE: the name it goes by. */
  fileName?: string;
  /** What is uploaded, in bytes (a FILE shows it; progress times it is what has gone). */
  size?: number;
  /** VOICE: the clip's length in whole seconds. */
  voiceLength?: number;
  /** The message this one answers. */
  replyTo?: Quoted;
  /** Group windows: who it mentions. */
  mentions?: Mention[];
}

/** What any kind of message may carry besides its content. */
export interface Extras {
  replyTo?: Quoted;
  mentions?: Mention[];
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

const revokePreview = (item: Outgoing) => item.previewUrl?.startsWith('blob:') && URL.revokeObjectURL(item.previewUrl);

/**
 * Messages not yet confirmed by the server, by `clientMsgId`; every change that a resend
 * after a reload needs (a new message, its uploaded attachment, a refusal, its end) is
 * written to the outbox on disk too.
 */
export const useOutbox = create<OutboxState>()((set, get) => ({
  items: {},
  put: (item) => set(({ items }) => ({ items: { ...items, [item.clientMsgId]: item } })),
  patch: (clientMsgId, change) => {
    set(({ items }) => {
      const item = items[clientMsgId];
      return item ? { items: { ...items, [clientMsgId]: { ...item, ...change } } } : { items };
    });
    const item = get().items[clientMsgId];
    if (item && (change.attachmentId !== undefined || change.state === 'failed')) void storeOutgoing(item);
  },
  remove: (clientMsgId) =>
    set(({ items }) => {
      const item = items[clientMsgId];
      if (!item) return { items };
      revokePreview(item);
      void forgetOutgoing(item.fromId, clientMsgId);
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

/** Uploads in flight, to cancel them by `clientMsgId`. */
const uploads = new Map<string, AbortController>();

const cancelled = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** The request for an outbox message, with only the fields its type and extras call for. */
function request(item: Outgoing): OutgoingMessage {
  return {
    message: item.text,
    type: item.type,
    clientMsgId: item.clientMsgId,
    ...(item.attachmentId ? { attachmentId: item.attachmentId } : {}),
    ...(item.voiceLength !== undefined ? { voiceLength: item.voiceLength } : {}),
    ...(item.fileName !== undefined ? { fileName: item.fileName } : {}),
    ...(item.replyTo ? { replyTo: item.replyTo.id } : {}),
    ...(item.mentions?.length ? { mentions: item.mentions } : {}),
  };
}

/**
 * When a send was interrupted, the outbox tries again by itself: at once when the
 * connection is back (see `resendOutbox`), else after a delay that grows with each failed
 * round, with jitter so a team's clients do not all come back in the same instant.
 */
let retryRound = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function retryLater(queryClient: QueryClient) {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    resendOutbox(queryClient);
  }, backoffDelay(retryRound++));
}

function interrupted(queryClient: QueryClient, clientMsgId: string, error: unknown) {
  const failure = sendFailure(error);
  useOutbox.getState().patch(clientMsgId, { state: retryable(failure) ? 'queued' : 'failed', failure });
  if (retryable(failure)) retryLater(queryClient);
}

/** Uploads an outbox message's attachment; its window's queue goes on once it is there. */
async function upload(queryClient: QueryClient, item: Outgoing & { file: Blob }) {
  const { patch } = useOutbox.getState();
  const controller = new AbortController();
  uploads.set(item.clientMsgId, controller);
  patch(item.clientMsgId, { state: 'uploading', progress: 0 });
  try {
    const uploaded = await uploadAttachment(item.file, {
      ...(item.type === 'FILE' ? { name: item.fileName } : {}),
      onProgress: (progress) => patch(item.clientMsgId, { progress }),
      signal: controller.signal,
    });
    uploads.delete(item.clientMsgId);
    patch(item.clientMsgId, { attachmentId: uploaded.id, progress: 1, state: 'sending' });
    void flushWindow(queryClient, item.cId);
  } catch (error) {
    uploads.delete(item.clientMsgId);
    if (!cancelled(error)) interrupted(queryClient, item.clientMsgId, error);
  }
}

/**
 * A send with no answer by then is given up and sent again later (the same `clientMsgId`):
 * a request stuck on a dead connection must not hold its window's queue for ever.
 */
const SEND_TIMEOUT_MS = 15_000;

/** Posts one message; false when it could not go and may on a later try. */
async function post(queryClient: QueryClient, item: Outgoing): Promise<boolean> {
  useOutbox.getState().patch(item.clientMsgId, { state: 'sending' });
  try {
    const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
    const message =
      item.forwardOf !== undefined
        ? await messageActionsApi.forward(item.cId, item.forwardOf, item.clientMsgId, signal)
        : await chatApi.send(item.cId, request(item), signal);
    retryRound = 0;
    addMessage(queryClient, message);
    settleOutbox([message], item.fromId);
    return true;
  } catch (error) {
    interrupted(queryClient, item.clientMsgId, error);
    return !retryable(sendFailure(error));
  }
}

const inWindow = (cId: number) =>
  Object.values(useOutbox.getState().items)
    .filter((item) => item.cId === cId)
    .sort((a, b) => a.order - b.order);

/** Those after a message that could not go wait for it, and say so. */
function holdBack(stuck: Outgoing) {
  const { items, patch } = useOutbox.getState();
  if (items[stuck.clientMsgId]?.state !== 'queued') return;
  for (const later of inWindow(stuck.cId))
    if (later.order > stuck.order && later.state === 'sending') patch(later.clientMsgId, { state: 'queued' });
}

/** Windows whose queue is being sent, and those asked again meanwhile. */
const flushing = new Set<number>();
const flushAgain = new Set<number>();

/**
 * Sends a window's waiting messages one after another, in the order they were written: a
 * message that cannot go now holds back those after it, so they never arrive out of order.
 * Attachments upload side by side from the start; a message waits for its own upload to
 * be sent, and those after it wait with it. The server's `clientMsgId` idempotency makes a
 * resend of one that did arrive (its answer lost) return the first copy.
 */
async function flushWindow(queryClient: QueryClient, cId: number): Promise<void> {
  if (flushing.has(cId)) return void flushAgain.add(cId);
  flushing.add(cId);
  try {
    do {
      flushAgain.delete(cId);
      const waiting = inWindow(cId).filter((item) => item.state !== 'failed');
      for (const item of waiting)
        if (item.file && !item.attachmentId && !uploads.has(item.clientMsgId))
          void upload(queryClient, { ...item, file: item.file });
      for (const item of waiting) {
        const current = useOutbox.getState().items[item.clientMsgId];
        if (!current || current.state === 'failed') continue;
        // Its upload is under way (the queue goes on once it ends) or could not finish.
        const ready = current.attachmentId || !current.file;
        if (ready && (await post(queryClient, current))) continue;
        holdBack(current);
        break;
      }
    } while (flushAgain.has(cId));
  } finally {
    flushing.delete(cId);
  }
}

/** Everything waiting goes now, window by window (the connection is back, or the user asked). */
export function resendOutbox(queryClient: QueryClient): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  const windows = new Set(Object.values(useOutbox.getState().items).map((item) => item.cId));
  for (const cId of windows) void flushWindow(queryClient, cId);
}

onReady(resendOutbox);

/**
 * The user's "retry now" on a message that is waiting: its window's queue (it included)
 * goes at once rather than at the next automatic try.
 */
export function retryNow(queryClient: QueryClient, clientMsgId: string): Promise<void> {
  const item = useOutbox.getState().items[clientMsgId];
  return item ? flushWindow(queryClient, item.cId) : Promise.resolve();
}

/**
 * Takes a message back before the server has it: an upload in progress stops, and the
 * message leaves the outbox. (A text whose request is already on its way may still arrive.)
 */
export function cancelOutgoing(clientMsgId: string) {
  uploads.get(clientMsgId)?.abort();
  useOutbox.getState().remove(clientMsgId);
}

/**
 * After a reload or a restart: what the user sent and the server never confirmed is shown
 * again in its window and sent by itself. Outboxes of anyone else who used this device go.
 */
export async function restoreOutbox(queryClient: QueryClient, userId: number): Promise<void> {
  await forgetOutboxesExcept(userId);
  const { items, put } = useOutbox.getState();
  for (const kept of await storedOutbox(userId)) {
    if (items[kept.clientMsgId]) continue;
    const showable = kept.file && (kept.type === 'IMAGE' || kept.type === 'VOICE');
    put({
      ...kept,
      ...(showable ? { previewUrl: URL.createObjectURL(kept.file!) } : {}),
      state: kept.state === 'failed' ? 'failed' : 'queued',
      progress: kept.attachmentId ? 1 : 0,
    });
  }
  resendOutbox(queryClient);
}

/** Signed out: the outbox in memory goes (the one on disk stays for the same user's return). */
export function closeOutbox() {
  for (const item of Object.values(useOutbox.getState().items)) revokePreview(item);
  useOutbox.setState({ items: {} });
  // A send still on its way finds its message gone and stops; the next user's queues start afresh.
  flushing.clear();
  flushAgain.clear();
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

type Content = Omit<Outgoing, 'clientMsgId' | 'cId' | 'fromId' | 'order' | 'state' | 'progress' | 'created_at'>;

/** Orders the outbox across reloads: the time, and a counter for messages written in the same millisecond. */
let lastOrder = 0;
const nextOrder = () => (lastOrder = Math.max(lastOrder + 1, Date.now() * 1000));

/** Shows the message, writes it to the outbox on disk, and only then sends it. */
function enqueue(queryClient: QueryClient, cId: number, fromId: number, content: Content, extras: Extras) {
  const item: Outgoing = {
    ...content,
    ...extras,
    clientMsgId: crypto.randomUUID(),
    cId,
    fromId,
    order: nextOrder(),
    state: content.file ? 'uploading' : 'sending',
    progress: 0,
    created_at: new Date().toISOString(),
  };
  useOutbox.getState().put(item);
  void storeOutgoing(item).then(() => flushWindow(queryClient, cId));
}

export function sendText(queryClient: QueryClient, cId: number, fromId: number, text: string, extras: Extras = {}) {
  enqueue(queryClient, cId, fromId, { type: 'TEXT', text }, extras);
}

export function sendImage(queryClient: QueryClient, cId: number, fromId: number, file: Blob, extras: Extras = {}) {
  const content = { type: 'IMAGE', text: '', file, previewUrl: URL.createObjectURL(file), size: file.size } as const;
  enqueue(queryClient, cId, fromId, content, extras);
}

/** A recorded clip, `seconds` long (whole seconds, at least 1). */
export function sendVoice(
  queryClient: QueryClient,
  cId: number,
  fromId: number,
  clip: Blob,
  seconds: number,
  extras: Extras = {},
) {
  const content = {
    type: 'VOICE',
    text: '',
    file: clip,
    previewUrl: URL.createObjectURL(clip),
    size: clip.size,
    voiceLength: seconds,
  } as const;
  enqueue(queryClient, cId, fromId, content, extras);
}

export function sendFile(queryClient: QueryClient, cId: number, fromId: number, file: File, extras: Extras = {}) {
  const content = { type: 'FILE', text: '', file, fileName: file.name, size: file.size } as const;
  enqueue(queryClient, cId, fromId, content, extras);
}

/** A copy of one of the user's messages to window `cId`, shown as the original until the server's copy comes. */
export function sendForward(queryClient: QueryClient, cId: number, fromId: number, original: ChatMessage) {
  if (original.type !== 'TEXT' && original.type !== 'IMAGE' && original.type !== 'VOICE' && original.type !== 'FILE')
    return;
  const content = {
    type: original.type,
    text: original.message,
    forwardOf: original.id,
    ...(original.attachment ? { previewUrl: original.attachment.url } : {}),
    ...(original.fileName ? { fileName: original.fileName } : {}),
    ...(original.type === 'VOICE' ? { voiceLength: original.voiceLength } : {}),
  };
  enqueue(queryClient, cId, fromId, content, {});
}
