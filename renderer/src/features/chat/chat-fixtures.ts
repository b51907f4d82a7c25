import type { ChatMessage, ChatWindow } from '../../api/wire.js';

/** A chat message as the server sends it, with only what a test cares about filled in. */
export function message(id: number, change: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    message: `message ${id}`,
    status: false,
    fromId: 2,
    toId: 1,
    belong: 1,
    cId: 10,
    created_at: new Date(Date.UTC(2024, 2, 9, 8, 0, id)).toISOString(),
    type: 'TEXT',
    clientMsgId: `client-${id}`,
    voiceLength: -1,
    imageSize: -1,
    attachment: null,
    fileName: null,
    replyTo: null,
    forwarded: false,
    recalled: false,
    editedAt: null,
    reactions: [],
    mentions: [],
    system: null,
    deliveredAt: null,
    readAt: null,
    readCount: null,
    ...change,
  };
}

/** A one-to-one window between user 1 (the caller) and user 2. */
export function directWindow(id: number, change: Partial<ChatWindow> = {}): ChatWindow {
  return {
    id,
    afterMessage: null,
    fromId: 1,
    toId: 2,
    created_at: new Date(Date.UTC(2024, 2, 9, 7, 0)).toISOString(),
    messages: [],
    user: { id: 2, userName: 'lisi', nickname: '李四', image: '' },
    type: 'direct',
    unread: 0,
    mentionUnread: 0,
    ...change,
  };
}
