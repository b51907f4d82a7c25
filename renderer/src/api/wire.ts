/** The server's wire shapes and events, from the contract (types only: the renderer never runs server code). */
export type {
  BadgeCounts,
  ChatMessageWire as ChatMessage,
  ChatWindowWire as ChatWindow,
  Highlight,
  InboxCounts,
  MessageSearchResultWire as MessageSearchResult,
  NotificationWire as Notification,
  OfflineMessageWire as OfflineMessage,
  ProjectDetailWire as ProjectDetail,
  ProjectWire as Project,
  ReadReceiptWire as ReadReceipt,
  ReceiptsWire as Receipts,
  SearchResultWire as SearchResult,
  SignedInWire as SignedIn,
  TaskWire as Task,
  UserCard,
  UserProfile,
  WindowFilter,
  WindowPageWire as WindowPage,
} from '../../../embedded-server/src/contract/wire.js';
export type {
  ClientFrame,
  ServerEvent,
  ServerEventMap,
  ServerEventType,
} from '../../../embedded-server/src/contract/events.js';
