import type { OfflineMessage, Role, Task, User, WindowKind } from '../../embedded-server/src/domain/types.js';

/** How big a dataset is: the three numbers `npm run bench:data` takes. */
export interface DatasetSize {
  users: number;
  messages: number;
  notifications: number;
}

export interface DatasetOptions extends DatasetSize {
  /** The same seed and sizes give the same dataset (ids, texts, times relative to `now`). */
  seed: number;
  /** The end of the timeline: everything happened before it. */
  now: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Messages and notifications spread over this many days before `now`. */
export const TIMELINE_DAYS = 180;

/** A user as the domain knows it, plus when they were last online (what they have seen). */
export interface PlannedUser extends User {
  lastSeen: number;
}

/** One member's state in a window, as the server keeps it in `window_members`. */
export interface PlannedMember {
  userId: number;
  joinedAt: number;
  /** The window's last message id when they joined: only later ones were sent to them. */
  joinedAfter: number;
  /** Every message to them with an id up to this one is read. */
  readUpTo: number;
  /** Every message to them with an id up to this one reached them (pushed and acknowledged, or read). */
  seenUpTo: number;
  unread: number;
  lastActivityAt: number;
}

export interface PlannedWindow {
  /** Position in the plan; the database id is given by creation order. */
  index: number;
  id: number;
  kind: WindowKind;
  openerId: number;
  peerId: number | null;
  createdAt: number;
  members: PlannedMember[];
  /** Relative share of the messages this window receives. */
  weight: number;
  lastMessageId: number | null;
  lastActivityAt: number;
  /** Set for the reader's first busy window: the reader left this many of the messages they saw unread. */
  readerUnreadTail?: number;
}

export interface PlannedProject {
  id: string;
  name: string;
  ownerId: number;
  window: PlannedWindow;
  createdAt: number;
  /** Current members, owner first. */
  members: { userId: number; role: 'owner' | 'member'; joinedAt: number }[];
  tasks: Task[];
}

/** An offline message (seed 000); delivery is decided once everyone's last visit is known. */
export type PlannedOffline = Omit<OfflineMessage, 'seq'>;

export interface PlannedInvitation {
  kind: 'project' | 'task';
  projectId: string;
  taskId: string | null;
  inviterId: number;
  inviteeId: number;
  remark: string;
  state: 'pending' | 'accepted' | 'declined';
  offline: PlannedOffline;
  createdAt: number;
  answeredAt: number | null;
}

export type { Role };
