/**
 * The real-time channel of API.md §3: which event carries which data, the frames a
 * client may send, and the close codes.
 */
import type { BadgeCounts, ChatMessageWire, InvitationWire, NotificationWire, OfflineMessageWire } from './wire.js';

/** Server → client: `{ type, data }`, event name → data. */
export interface ServerEventMap {
  ready: undefined;
  pong: undefined;
  error: { msg: string };
  counts: BadgeCounts;
  'message.new': ChatMessageWire;
  'message.delivered': { cId: number; ids: number[]; userId: number };
  'message.read': { cId: number; upTo: number; userId: number };
  /** Recalled by its sender: erased everywhere (API.md §3b). */
  'message.recalled': { cId: number; id: number };
  /** Edited, or its reactions changed: the whole message again. */
  'message.updated': ChatMessageWire;
  /** Deleted for the user (their other devices hide it too). */
  'message.hidden': { cId: number; id: number };
  'notification.new': NotificationWire;
  'notification.updated': NotificationWire;
  'offline.new': OfflineMessageWire;
  /** Withdrawn by the server (the decline it told of was undone). */
  'notification.removed': { id: number };
  /** Something of the project changed (members, tasks, invitations): open pages refetch it. */
  'project.updated': { pid: string };
  /** An invitation changed state: to its invitee and its inviter. */
  'invitation.updated': InvitationWire;
}
export type ServerEventType = keyof ServerEventMap;

/** One server frame; `data` is absent where the map says `undefined`. */
export type ServerEvent = {
  [K in ServerEventType]: ServerEventMap[K] extends undefined ? { type: K } : { type: K; data: ServerEventMap[K] };
}[ServerEventType];

/** Client → server. */
export type ClientFrame = { type: 'auth'; token: string } | { type: 'ack'; ids: number[] } | { type: 'ping' };

/** At most this many message ids in one acknowledgement. */
export const MAX_ACK_IDS = 500;

/** Close codes (4xxx are the application's own). */
export const CloseCode = {
  badToken: 4401,
  authTimeout: 4408,
  tooManyConnections: 4429,
  unsupportedData: 1003,
  goingAway: 1001,
  /** A page from an origin the server does not answer as itself. */
  policy: 1008,
  /** Too many sockets waiting to authenticate: come back later. */
  tryAgainLater: 1013,
  /** The client read so slowly that its backlog passed the limit. */
  tooSlow: 4413,
} as const;
