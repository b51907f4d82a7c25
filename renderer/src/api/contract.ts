/**
 * The contract's values the renderer uses: its enumerations, close codes and the message
 * summary rule. Plain constants and pure functions only; the wire's shapes are in `wire.ts`.
 */
export { CloseCode } from '../../../embedded-server/src/contract/events.js';
export {
  EDIT_WINDOW_MS,
  type InvitationState,
  isInvitationType,
  MAX_RESTORE_ITEMS,
  MENTION_ALL,
  NOTIFICATION_SUBTYPES,
  NOTIFICATION_TYPES,
  NotificationStatus,
  OfflineType,
  RECALL_WINDOW_MS,
  WINDOW_PREVIEW_MESSAGES,
  type MessageType,
} from '../../../embedded-server/src/contract/enums.js';
export { messageSummary } from '../../../embedded-server/src/contract/summary.js';
export { spoofingCharacter } from '../../../embedded-server/src/contract/display-names.js';
export { badgeTotal } from '../../../embedded-server/src/contract/desktop.js';
