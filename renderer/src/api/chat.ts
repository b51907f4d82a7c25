import type { MessageType } from './contract.js';
import { call } from './http.js';
import type { ChatMessage, ChatWindow, ReadReceipt, WindowFilter, WindowPage } from './wire.js';

export interface OutgoingMessage {
  message: string;
  type: MessageType;
  clientMsgId: string;
  attachmentId?: string;
  /** VOICE: the clip's length in whole seconds. */
  voiceLength?: number;
  /** FILE: the name the recipient sees. */
  fileName?: string;
  /** The id of the message this one answers. */
  replyTo?: number;
  /** Group windows: the members mentioned, or `['all']` (the project's owner only). */
  mentions?: (number | 'all')[];
}

/** Where a page of history is read from: just before a message, just after one, or around one. */
type HistoryCursor = { before: number } | { after: number } | { around: number };

/** A page of a window's history, ascending; without a cursor, the latest messages. */
function historyPage(cId: number, cursor: HistoryCursor | null, limit: number) {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [name, id] of Object.entries(cursor ?? {})) query.set(name, String(id));
  return call<ChatMessage[]>('chat', 'GET', `/api/chat/${cId}/messages?${query}`);
}

/** Chat windows (seed 003) and their extensions. */
export const chatApi = {
  windows: (type: WindowFilter, page = 1, pageSize = 100) =>
    call<WindowPage>('chat', 'GET', `/api/chat?type=${type}&page=${page}&pageSize=${pageSize}`),
  open: (toId: number) => call<ChatWindow>('chat', 'POST', '/api/chat', { body: { toId } }),
  /** The `limit` messages before `before` (or the latest), ascending. */
  history: (cId: number, before?: number, limit = 50) =>
    historyPage(cId, before === undefined ? null : { before }, limit),
  /** The `limit` messages after `after`, ascending: scrolling forward from an older message. */
  historyAfter: (cId: number, after: number, limit = 50) => historyPage(cId, { after }, limit),
  /** `around` with the older and newer messages split about evenly, ascending: opening a window at a message. */
  historyAround: (cId: number, around: number, limit = 50) => historyPage(cId, { around }, limit),
  send: (cId: number, outgoing: OutgoingMessage, signal?: AbortSignal) =>
    call<ChatMessage>('chat', 'POST', `/api/chat/${cId}/messages`, { body: outgoing, signal }),
  read: (cId: number, upTo: number) => call<ReadReceipt>('chat', 'POST', `/api/chat/${cId}/read`, { body: { upTo } }),
  /** Everything after the last message id seen, across the caller's windows. */
  since: (after: number, limit = 500) =>
    call<ChatMessage[]>('chat', 'GET', `/api/chat/sync?after=${after}&limit=${limit}`),
};
