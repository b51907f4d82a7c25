/** The server's wire shapes, shared as types only (the renderer never imports server code). */
export type {
  ChatMessageWire as ChatMessage,
  ChatWindowWire as ChatWindow,
  NotificationWire as Notification,
  OfflineMessageWire as OfflineMessage,
  ProjectWire as Project,
  TaskWire as Task,
  UserCard,
  UserProfile,
  SearchResultWire as SearchResult,
} from '../../../embedded-server/src/http/wire.js';
export type { BadgeCounts } from '../../../embedded-server/src/domain/counts.js';
export type { InboxCounts } from '../../../embedded-server/src/domain/inbox.js';
