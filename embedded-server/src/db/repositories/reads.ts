import type { MessageRepository } from './messages.js';
import type { OfflineMessageRepository } from './offline-messages.js';
import type { WindowRepository } from './windows.js';

/** A member reading a one-to-one window up to a message: what they had, and what changes. */
export interface DirectRead {
  windowId: number;
  userId: number;
  /**
   * Their read cursor, and their unread count, before this read, as the transaction read
   * them. SQLite, the one writer, subtracts from `unread`; PostgreSQL subtracts from the
   * row's own count, which is the same unless another instance changed it meanwhile.
   */
  readUpTo: number;
  unread: number;
  /** The new cursor, and how many unread messages past it mention them. */
  upTo: number;
  mentionUnread: number;
  now: number;
}

/** A one-to-one message acknowledged by its recipient: whose, where, and whether that delivered it. */
export interface AcknowledgedMessage {
  id: number;
  windowId: number;
  fromId: number;
  deliveredNow: boolean;
}

/**
 * What a recipient writes as messages reach them, the writes of every read, answer and
 * acknowledgement. Here the message, window and offline repositories each write their
 * part; PostgreSQL writes each in one statement.
 */
export function createReadRepository(
  messages: MessageRepository,
  windows: WindowRepository,
  offline: OfflineMessageRepository,
) {
  return {
    /**
     * Reading a one-to-one window: the messages up to the cursor become read (and
     * delivered), the member's cursors and counts move, and their offline copies count as
     * delivered. Returns the member's unread count after it.
     */
    direct(read: DirectRead): number {
      const { windowId, userId, upTo, now } = read;
      const changed = messages.markDirectRead(windowId, userId, read.readUpTo, upTo, now);
      const unread = Math.max(0, read.unread - changed);
      windows.setReadState(windowId, userId, upTo, unread, read.mentionUnread);
      offline.markDeliveredForRead(userId, windowId, upTo, now);
      return unread;
    },
    /**
     * What `userId` acknowledged among `ids`: the one-to-one messages sent to them, each
     * with its offline copy, become delivered at `now` if they were not yet. Returns those
     * messages in the order of `ids`; the others (a group's, their own, unknown) are left.
     */
    acknowledgeDirect(userId: number, ids: readonly number[], now: number): AcknowledgedMessage[] {
      return ids.flatMap((id) => {
        const message = messages.byId(id);
        if (message?.toId !== userId || message.type === 'SYSTEM') return [];
        const deliveredNow = messages.markDelivered(message, now) > 0;
        offline.markDeliveredForChatMessage(id, userId, now);
        return [{ id, windowId: message.windowId, fromId: message.fromId, deliveredNow }];
      });
    },
  };
}

export type ReadRepository = ReturnType<typeof createReadRepository>;
