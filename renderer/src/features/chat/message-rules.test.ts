import { describe, expect, it } from 'vitest';
import { message } from './chat-fixtures.js';
import { canEdit, canRecall, groupUnread, mentionsMe, toggledReactions } from './message-rules.js';

const sentAt = Date.UTC(2024, 2, 9, 8, 0, 0);
const mine = message(1, { fromId: 1, created_at: new Date(sentAt).toISOString() });

describe('what the sender may still do', () => {
  it('recalls only their own message, for two minutes', () => {
    expect(canRecall(mine, 1, sentAt + 119_000)).toBe(true);
    expect(canRecall(mine, 1, sentAt + 120_000)).toBe(false);
    expect(canRecall(mine, 2, sentAt)).toBe(false);
    expect(canRecall({ ...mine, recalled: true }, 1, sentAt)).toBe(false);
  });

  it('edits only their own text, for a day', () => {
    expect(canEdit(mine, 1, sentAt + 23 * 3600_000)).toBe(true);
    expect(canEdit(mine, 1, sentAt + 24 * 3600_000)).toBe(false);
    expect(canEdit({ ...mine, type: 'IMAGE' }, 1, sentAt)).toBe(false);
  });
});

describe('toggling a reaction', () => {
  it('adds the user last, as the server does, and drops an emoji nobody holds', () => {
    const liked = { ...mine, reactions: [{ emoji: '👍', userIds: [2] }] };
    expect(toggledReactions(liked, '👍', 1)).toEqual([{ emoji: '👍', userIds: [2, 1] }]);
    expect(toggledReactions(liked, '🎉', 1)).toEqual([
      { emoji: '👍', userIds: [2] },
      { emoji: '🎉', userIds: [1] },
    ]);
    expect(toggledReactions({ ...mine, reactions: [{ emoji: '👍', userIds: [1] }] }, '👍', 1)).toEqual([]);
  });
});

describe('mentions', () => {
  it('are someone else’s message naming the user, or everyone', () => {
    expect(mentionsMe(message(1, { fromId: 2, mentions: [1] }), 1)).toBe(true);
    expect(mentionsMe(message(1, { fromId: 2, mentions: ['all'] }), 1)).toBe(true);
    expect(mentionsMe(message(1, { fromId: 2, mentions: [3] }), 1)).toBe(false);
    expect(mentionsMe(message(1, { fromId: 1, mentions: ['all'] }), 1)).toBe(false);
  });
});

describe('who has yet to read a group message', () => {
  const member = (id: number, joined: number) => ({
    user: { id, userName: `u${id}`, nickname: `U${id}`, image: '' },
    role: 'member' as const,
    joined_at: new Date(joined).toISOString(),
  });

  it('counts the members there when it was sent, the sender left out, less those who read it', () => {
    const members = [member(1, 0), member(2, 0), member(3, 0), member(4, sentAt + 1000)];
    expect(groupUnread({ ...mine, readCount: 1 }, members, 4)).toBe(1);
    expect(groupUnread({ ...mine, readCount: 2 }, members, 4)).toBe(0);
  });

  it('falls back on the member count while the members are not loaded', () => {
    expect(groupUnread({ ...mine, readCount: 1 }, undefined, 5)).toBe(3);
  });
});
