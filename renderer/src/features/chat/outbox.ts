import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { chatApi, type OutgoingMessage } from '../../api/chat.js';
import { ApiError } from '../../api/http.js';
import type { ChatMessage } from '../../api/wire.js';
import { addMessage } from './chat-cache.js';
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
  type: 'TEXT' | 'IMAGE' | 'VOICE' | 'FILE';
  text: string;
  /** The image, voice clip or file, until the server has it. */
  file?: Blob;
  /** A local URL of the image or voice clip, to show or play it while it uploads. */
  previewUrl?: string;
  attachmentId?: string;
  state: 'uploading' | 'sending' | 'failed';
  /** Why the last attempt failed (read while `state` is 'failed'). */
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

/** Uploads in flight, to cancel them by `clientMsgId`. */
const uploads = new Map<string, AbortController>();

const cancelled = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** The request for an outbox message, with only the fields its type and extras call for. */
function request(item: Outgoing, attachmentId: string | undefined): OutgoingMessage {
  return {
    message: item.text,
    type: item.type,
    clientMsgId: item.clientMsgId,
    ...(attachmentId ? { attachmentId } : {}),
    ...(item.voiceLength !== undefined ? { voiceLength: item.voiceLength } : {}),
    ...(item.fileName !== undefined ? { fileName: item.fileName } : {}),
    ...(item.replyTo ? { replyTo: item.replyTo.id } : {}),
    ...(item.mentions?.length ? { mentions: item.mentions } : {}),
  };
}

async function uploadOnce(item: Outgoing, file: Blob): Promise<string> {
  const { patch } = useOutbox.getState();
  const controller = new AbortController();
  uploads.set(item.clientMsgId, controller);
  patch(item.clientMsgId, { state: 'uploading', progress: 0 });
  try {
    const uploaded = await uploadAttachment(file, {
      ...(item.type === 'FILE' ? { name: item.fileName } : {}),
      onProgress: (progress) => patch(item.clientMsgId, { progress }),
      signal: controller.signal,
    });
    patch(item.clientMsgId, { attachmentId: uploaded.id, progress: 1 });
    return uploaded.id;
  } finally {
    uploads.delete(item.clientMsgId);
  }
}

/**
 * Sends (or sends again) an outbox message. A retry reuses the `clientMsgId`, so the
 * server answers with the first copy if the earlier attempt got through after all; an
 * attachment already uploaded is not uploaded again.
 */
export async function deliver(queryClient: QueryClient, clientMsgId: string): Promise<void> {
  const item = useOutbox.getState().items[clientMsgId];
  if (!item) return;
  try {
    const attachmentId = item.attachmentId ?? (item.file ? await uploadOnce(item, item.file) : undefined);
    // Cancelled between the upload's end and here: nothing is sent.
    if (!useOutbox.getState().items[clientMsgId]) return;
    useOutbox.getState().patch(clientMsgId, { state: 'sending' });
    const message = await chatApi.send(item.cId, request(item, attachmentId));
    addMessage(queryClient, message);
    settleOutbox([message], item.fromId);
  } catch (error) {
    if (cancelled(error)) return;
    useOutbox.getState().patch(clientMsgId, { state: 'failed', failure: sendFailure(error) });
  }
}

/**
 * Takes a message back before the server has it: an upload in progress stops, and the
 * message leaves the outbox. (A text whose request is already on its way may still arrive.)
 */
export function cancelOutgoing(clientMsgId: string) {
  uploads.get(clientMsgId)?.abort();
  useOutbox.getState().remove(clientMsgId);
}

type Content = Omit<Outgoing, 'clientMsgId' | 'cId' | 'fromId' | 'state' | 'progress' | 'created_at'>;

function enqueue(queryClient: QueryClient, cId: number, fromId: number, content: Content, extras: Extras) {
  const clientMsgId = crypto.randomUUID();
  useOutbox.getState().put({
    ...content,
    ...extras,
    clientMsgId,
    cId,
    fromId,
    state: content.file ? 'uploading' : 'sending',
    progress: 0,
    created_at: new Date().toISOString(),
  });
  void deliver(queryClient, clientMsgId);
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
