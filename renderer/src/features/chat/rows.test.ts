import { describe, expect, it } from 'vitest';
import { message } from './chat-fixtures.js';
import type { Outgoing } from './outbox.js';
import { buildRows, firstUnreadId, localDay, type Row } from './rows.js';

/** A time in the test machine's own zone, so day boundaries are those of the user. */
const at = (day: number, hour: number, minute = 0) => new Date(2024, 2, day, hour, minute).toISOString();
const me = 1;

const shape = (rows: Row[]) =>
  rows.map((row) => {
    if (row.kind === 'message') return `${row.message.id}${row.joined ? '+' : ''}`;
    if (row.kind === 'outgoing') return `out:${row.item.text}${row.joined ? '+' : ''}`;
    if (row.kind === 'day') return `day:${localDay(row.at)}`;
    return row.kind;
  });

function outgoing(text: string, change: Partial<Outgoing> = {}): Outgoing {
  return {
    clientMsgId: `pending-${text}`,
    cId: 10,
    fromId: me,
    order: 1,
    type: 'TEXT',
    text,
    state: 'sending',
    progress: 0,
    created_at: at(10, 9, 30),
    ...change,
  };
}

describe('date separators', () => {
  it('go above the first message of each day, in the user’s time zone', () => {
    const messages = [
      message(1, { created_at: at(8, 23, 59) }),
      message(2, { created_at: at(9, 0, 1) }),
      message(3, { created_at: at(9, 18) }),
      message(4, { created_at: at(11, 7) }),
    ];
    expect(shape(buildRows({ messages, outgoing: [], me, complete: false, firstUnread: null }))).toEqual([
      'day:2024-03-08',
      '1',
      'day:2024-03-09',
      '2',
      '3',
      'day:2024-03-11',
      '4',
    ]);
  });

  it('start with "the beginning" once the whole history is loaded', () => {
    const rows = buildRows({
      messages: [message(1, { created_at: at(9, 8) })],
      outgoing: [],
      me,
      complete: true,
      firstUnread: null,
    });
    expect(shape(rows)).toEqual(['beginning', 'day:2024-03-09', '1']);
  });

  it('are keyed by day, so an older page of the same day keeps the separator’s key', () => {
    const page = [message(5, { created_at: at(9, 10) })];
    const more = [message(4, { created_at: at(9, 9) }), ...page];
    const before = buildRows({ messages: page, outgoing: [], me, complete: false, firstUnread: null });
    const after = buildRows({ messages: more, outgoing: [], me, complete: false, firstUnread: null });
    expect(before[0]!.key).toBe(after[0]!.key);
    expect(after.filter((row) => row.kind === 'day')).toHaveLength(1);
  });
});

describe('the "new messages" divider', () => {
  const messages = [
    message(1, { fromId: 2 }),
    message(2, { fromId: me }),
    message(3, { fromId: 2 }),
    message(4, { fromId: 2 }),
    message(5, { fromId: me }),
    message(6, { fromId: 2 }),
  ];

  it('goes above the first unread message, counting only messages from others', () => {
    expect(firstUnreadId(messages, me, 3, 6, false)).toBe(3);
    expect(firstUnreadId(messages, me, 1, 6, false)).toBe(6);
  });

  it('ignores messages that arrived after the window was opened', () => {
    const later = [...messages, message(7, { fromId: 2 }), message(8, { fromId: 2 })];
    expect(firstUnreadId(later, me, 2, 6, false)).toBe(4);
  });

  it('is absent with nothing unread, and undecided while the loaded history is too short', () => {
    expect(firstUnreadId(messages, me, 0, 6, false)).toBeNull();
    expect(firstUnreadId(messages, me, 10, 6, false)).toBeUndefined();
    expect(firstUnreadId(messages, me, 10, 6, true)).toBe(1);
  });

  it('sits between the day separator and the message, never above the separator', () => {
    const days = [message(1, { created_at: at(8, 9) }), message(2, { created_at: at(9, 9) })];
    const rows = buildRows({ messages: days, outgoing: [], me, complete: false, firstUnread: 2 });
    expect(shape(rows)).toEqual(['day:2024-03-08', '1', 'day:2024-03-09', 'unread', '2']);
  });
});

describe('messages on their way', () => {
  it('follow the history, and disappear once the server’s copy is in it', () => {
    const messages = [message(1, { fromId: 2, created_at: at(10, 9) })];
    const pending = [outgoing('hello'), outgoing('again', { clientMsgId: 'client-2' })];
    expect(shape(buildRows({ messages, outgoing: pending, me, complete: false, firstUnread: null }))).toEqual([
      'day:2024-03-10',
      '1',
      'out:hello+',
      'out:again',
    ]);
    const confirmed = [...messages, message(2, { fromId: me, created_at: at(10, 9, 31) })];
    expect(
      shape(buildRows({ messages: confirmed, outgoing: pending, me, complete: false, firstUnread: null })),
    ).toEqual(['day:2024-03-10', '1', '2+', 'out:hello']);
  });

  it('keep the key of their server copy, so a sent message does not flicker', () => {
    const pending = buildRows({
      messages: [],
      outgoing: [outgoing('hi', { clientMsgId: 'abc' })],
      me,
      complete: false,
      firstUnread: null,
    });
    const sent = buildRows({
      messages: [message(9, { fromId: me, clientMsgId: 'abc' })],
      outgoing: [],
      me,
      complete: false,
      firstUnread: null,
    });
    expect(pending.at(-1)!.key).toBe(sent.at(-1)!.key);
  });
});

describe('runs', () => {
  it('join messages of one sender a few minutes apart, and only by the next message', () => {
    const messages = [
      message(1, { fromId: 2, created_at: at(9, 9, 0) }),
      message(2, { fromId: 2, created_at: at(9, 9, 2) }),
      message(3, { fromId: me, created_at: at(9, 9, 3) }),
      message(4, { fromId: me, created_at: at(9, 9, 30) }),
    ];
    expect(shape(buildRows({ messages, outgoing: [], me, complete: false, firstUnread: null }))).toEqual([
      'day:2024-03-09',
      '1+',
      '2',
      '3',
      '4',
    ]);
  });
});

describe('a long history', () => {
  it('reuses the rows of messages that did not change when one more arrives', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => message(i + 1, { created_at: at(9, 8, 0) }));
    const before = buildRows({ messages, outgoing: [], me, complete: false, firstUnread: null });
    const after = buildRows({
      messages: [...messages, message(1001, { created_at: at(9, 8, 1) })],
      outgoing: [],
      me,
      complete: false,
      firstUnread: null,
    });
    expect(after).toHaveLength(before.length + 1);
    // Only the formerly last message's row is made again: it now has a message after it.
    const remade = before.filter((row, i) => row.kind === 'message' && after[i] !== row);
    expect(remade).toEqual([before.at(-1)]);
  });
});
