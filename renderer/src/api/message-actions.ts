import { call } from './http.js';
import type { ChatMessage, Receipts } from './wire.js';

const message = (cId: number, id: number) => `/api/chat/${cId}/messages/${id}`;

/** What can be done to a message once sent (API.md §3b); each answers the message as it now is. */
export const messageActionsApi = {
  /** A copy of message `forwardOf` (any window of the caller's) sent to window `cId`. */
  forward: (cId: number, forwardOf: number, clientMsgId: string, signal?: AbortSignal) =>
    call<ChatMessage>('chat', 'POST', `/api/chat/${cId}/messages`, { body: { forwardOf, clientMsgId }, signal }),
  recall: (cId: number, id: number) => call<ChatMessage>('chat', 'POST', `${message(cId, id)}/recall`),
  edit: (cId: number, id: number, text: string) =>
    call<ChatMessage>('chat', 'PATCH', message(cId, id), { body: { message: text } }),
  /** Puts (`on`) or takes back the caller's reaction. */
  react: (cId: number, id: number, emoji: string, on: boolean) =>
    call<ChatMessage>('chat', on ? 'PUT' : 'DELETE', `${message(cId, id)}/reactions/${encodeURIComponent(emoji)}`),
  /** Hides the message from the caller's own history. */
  deleteForMe: (cId: number, id: number) => call<null>('chat', 'DELETE', message(cId, id)),
  /** Who read, got, or has yet to get the caller's own message. */
  receipts: (cId: number, id: number) => call<Receipts>('chat', 'GET', `${message(cId, id)}/receipts`),
};
