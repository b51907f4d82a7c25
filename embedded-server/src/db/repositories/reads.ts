import type { MessageRepository } from './messages.js';
import type { OfflineMessageRepository } from './offline-messages.js';
import type { WindowRepository } from './windows.js';

/** A member reading a one-to-one window up to a message: what they had, and what changes. */
export interface DirectRead {
  windowId: number;
  userId: number;
  /** Their read cursor, and their unread count, before this read. */
  readUpTo: number;
  unread: number;
  /** The new cursor, and how many unread messages past it mention them. */
  upTo: number;
  mentionUnread: number;
  now: number;
}

/**
 * Reading a one-to-one window, the write every read and every answer makes: the messages
 * up to the cursor become read (and delivered), the member's cursors and counts move, and
 * their offline copies count as delivered. Here the message, window and offline
 * repositories each write their part; PostgreSQL writes it all in one statement.
 */
export function createReadRepository(
  messages: MessageRepository,
  windows: WindowRepository,
  offline: OfflineMessageRepository,
) {
  return {
    /** Writes the read; returns the member's unread count after it. */
    direct(read: DirectRead): number {
      const { windowId, userId, upTo, now } = read;
      const changed = messages.markDirectRead(windowId, userId, read.readUpTo, upTo, now);
      const unread = Math.max(0, read.unread - changed);
      windows.setReadState(windowId, userId, upTo, unread, read.mentionUnread);
      offline.markDeliveredForRead(userId, windowId, upTo, now);
      return unread;
    },
  };
}

export type ReadRepository = ReturnType<typeof createReadRepository>;
