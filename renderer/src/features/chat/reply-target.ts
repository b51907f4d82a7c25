import { create } from 'zustand';
import type { ChatMessage } from '../../api/wire.js';

interface ReplyTargets {
  /** The message a reply will answer, per window (chosen from a message's menu). */
  byWindow: Record<number, ChatMessage>;
  replyTo(message: ChatMessage): void;
  clear(windowId: number): void;
}

/**
 * What the composer of each window is replying to. The message menu sets it; the composer
 * shows it above the text and sends `replyTo` with the next message, then clears it.
 */
export const useReplyTargets = create<ReplyTargets>()((set) => ({
  byWindow: {},
  replyTo: (message) => set(({ byWindow }) => ({ byWindow: { ...byWindow, [message.cId]: message } })),
  clear: (windowId) =>
    set(({ byWindow }) => ({
      byWindow: Object.fromEntries(Object.entries(byWindow).filter(([id]) => Number(id) !== windowId)),
    })),
}));

export const useReplyTarget = (windowId: number) => useReplyTargets((s) => s.byWindow[windowId] ?? null);

/** The reply being written in a window, for the message about to go; the composer is then free again. */
export function takeReplyTarget(windowId: number): ChatMessage | undefined {
  const { byWindow, clear } = useReplyTargets.getState();
  const target = byWindow[windowId];
  if (target) clear(windowId);
  return target;
}
