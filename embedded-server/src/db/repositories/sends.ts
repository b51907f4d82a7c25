import type { ChatMessage, MemberWindow } from '../../domain/types.js';
import type { MessageRepository, NewMessage } from './messages.js';
import type { DirectRead, ReadRepository } from './reads.js';
import type { WindowMember, WindowRepository } from './windows.js';

/** What a send reads before it writes. */
export interface SendContext {
  /** The window as the sender sees it (their membership). */
  window: MemberWindow;
  members: WindowMember[];
  /** The sender's message with the same `clientMsgId`, when this send is a retry of it. */
  earlier: ChatMessage | undefined;
}

/**
 * What every message sent reads first, and what it then writes, each in one go. Here the
 * window and message repositories do their parts (their statements cost no round trip);
 * PostgreSQL does each in one statement.
 */
export function createSendRepository(windows: WindowRepository, messages: MessageRepository, reads: ReadRepository) {
  return {
    /** What `userId` sending into `windowId` needs to know; undefined when they are not in it. */
    context(windowId: number, userId: number, clientMsgId: string): SendContext | undefined {
      const window = windows.membership(windowId, userId);
      if (!window) return undefined;
      return { window, members: windows.members(windowId), earlier: messages.byClientId(userId, clientMsgId) };
    },
    /**
     * A new message in its window: the message, and the window's latest activity; every
     * member's list position moves, and every member but `unreadForAllBut` has one more
     * unread message (nobody, when null). A sender answering a one-to-one window has read
     * it: `readFirst`, written before the message.
     */
    append(message: NewMessage, unreadForAllBut: number | null, readFirst?: DirectRead): ChatMessage {
      if (readFirst) reads.direct(readFirst);
      const appended = messages.insert(message);
      windows.recordMessage(message.windowId, appended.id, message.createdAt, unreadForAllBut);
      return appended;
    },
  };
}

export type SendRepository = ReturnType<typeof createSendRepository>;
