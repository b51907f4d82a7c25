import { EDIT_WINDOW_MS, MENTION_ALL, RECALL_WINDOW_MS } from '../../api/contract.js';
import type { ChatMessage, ProjectDetail } from '../../api/wire.js';

/** The reactions offered in a message's menu. */
export const COMMON_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '🙏'] as const;

const age = (message: ChatMessage, now: number) => now - Date.parse(message.created_at);

/** A person's message: not a server's system line, not recalled. */
const live = (message: ChatMessage) => message.type !== 'SYSTEM' && !message.recalled;

/** The sender may recall a message for two minutes after sending it. */
export const canRecall = (message: ChatMessage, me: number, now: number) =>
  live(message) && message.fromId === me && age(message, now) < RECALL_WINDOW_MS;

/** The sender may edit a text for a day. */
export const canEdit = (message: ChatMessage, me: number, now: number) =>
  live(message) && message.type === 'TEXT' && message.fromId === me && age(message, now) < EDIT_WINDOW_MS;

/** What can be reacted to, replied to and forwarded. */
export const canAct = live;

export const hasReacted = (message: ChatMessage, emoji: string, me: number) =>
  message.reactions.some((r) => r.emoji === emoji && r.userIds.includes(me));

/**
 * The reactions once `me` toggled `emoji`, as the server will have them: a new emoji goes
 * last, a new person last in its list, and an emoji nobody holds any more disappears.
 */
export function toggledReactions(message: ChatMessage, emoji: string, me: number): ChatMessage['reactions'] {
  const on = !hasReacted(message, emoji, me);
  const known = message.reactions.some((r) => r.emoji === emoji);
  const reactions = known ? message.reactions : [...message.reactions, { emoji, userIds: [] }];
  return reactions
    .map((r) =>
      r.emoji !== emoji ? r : { emoji, userIds: on ? [...r.userIds, me] : r.userIds.filter((id) => id !== me) },
    )
    .filter((r) => r.userIds.length > 0);
}

/** Someone else's message that names `me`, or everyone. */
export const mentionsMe = (message: ChatMessage, me: number) =>
  message.fromId !== me && message.mentions.some((m) => m === me || m === MENTION_ALL);

type Member = ProjectDetail['members'][number];

/**
 * How many members of a group have yet to read the sender's message: those who were members
 * when it was sent (joined no later), the sender left out, less the server's `readCount`.
 * Without the member list (not loaded yet) the window's member count stands in.
 */
export function groupUnread(message: ChatMessage, members: readonly Member[] | undefined, memberCount: number) {
  const sentAt = Date.parse(message.created_at);
  const recipients = members
    ? members.filter((m) => m.user.id !== message.fromId && Date.parse(m.joined_at) <= sentAt).length
    : memberCount - 1;
  return Math.max(0, recipients - (message.readCount ?? 0));
}
