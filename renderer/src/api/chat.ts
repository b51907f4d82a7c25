import type { MessageType } from './contract.js';
import { call } from './http.js';
import type { ChatMessage, ChatWindow, ReadReceipt, WindowFilter, WindowPage } from './wire.js';

export interface OutgoingMessage {
  message: string;
  type: MessageType;
  clientMsgId: string;
  attachmentId?: string;
  voiceLength?: number;
}

/** Chat windows (seed 003) and their extensions. */
export const chatApi = {
  windows: (type: WindowFilter, page = 1, pageSize = 100) =>
    call<WindowPage>('chat', 'GET', `/api/chat?type=${type}&page=${page}&pageSize=${pageSize}`),
  open: (toId: number) => call<ChatWindow>('chat', 'POST', '/api/chat', { body: { toId } }),
  /** The `limit` messages before `before` (or the latest), ascending. */
  history: (cId: number, before?: number, limit = 50) =>
    call<ChatMessage[]>(
      'chat',
      'GET',
      `/api/chat/${cId}/messages?limit=${limit}${before === undefined ? '' : `&before=${before}`}`,
    ),
  send: (cId: number, outgoing: OutgoingMessage) =>
    call<ChatMessage>('chat', 'POST', `/api/chat/${cId}/messages`, { body: outgoing }),
  read: (cId: number, upTo: number) => call<ReadReceipt>('chat', 'POST', `/api/chat/${cId}/read`, { body: { upTo } }),
  /** Everything after the last message id seen, across the caller's windows. */
  since: (after: number, limit = 500) =>
    call<ChatMessage[]>('chat', 'GET', `/api/chat/sync?after=${after}&limit=${limit}`),
};
