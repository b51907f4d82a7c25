import { describe, expect, it } from 'vitest';
import { message } from './chat-fixtures.js';
import { applyReadStates, markDelivered, markReadUpTo, mergeMessages, type History } from './history.js';

const ids = (messages: { id: number }[]) => messages.map((m) => m.id);

describe('merging messages into a history', () => {
  it('appends newer messages and prepends older pages in id order', () => {
    const loaded = [message(5), message(6)];
    expect(ids(mergeMessages(loaded, [message(8), message(7)]))).toEqual([5, 6, 7, 8]);
    expect(ids(mergeMessages(loaded, [message(2), message(3)]))).toEqual([2, 3, 5, 6]);
  });

  it('keeps one copy of a message that arrives twice (the send response and the push)', () => {
    const loaded = [message(5), message(6)];
    const merged = mergeMessages(loaded, [message(6), message(6), message(7)]);
    expect(ids(merged)).toEqual([5, 6, 7]);
    expect(ids(mergeMessages(merged, [message(7)]))).toEqual([5, 6, 7]);
  });

  it('fills a gap and overlaps in any order without duplicates', () => {
    const merged = mergeMessages(
      [message(1), message(4), message(9)],
      [message(9), message(3), message(2), message(10)],
    );
    expect(ids(merged)).toEqual([1, 2, 3, 4, 9, 10]);
  });

  it('never takes back a read or delivered state a late copy does not know about', () => {
    const cached = [{ ...message(5, { fromId: 1, status: true }), delivered: true }];
    const [merged] = mergeMessages(cached, [message(5, { fromId: 1, status: false, message: 'edited copy' })]);
    expect(merged).toMatchObject({ id: 5, status: true, delivered: true, message: 'edited copy' });
  });
});

describe('ticks in a cached history', () => {
  const history: History = {
    complete: false,
    messages: [
      message(1, { fromId: 1 }),
      message(2, { fromId: 2 }),
      message(3, { fromId: 1 }),
      message(4, { fromId: 1 }),
    ],
  };

  it('marks own messages up to the read position read (and so delivered), not the others', () => {
    const read = markReadUpTo(history, 1, 3);
    expect(read.messages.map((m) => [m.id, m.status, Boolean(m.delivered)])).toEqual([
      [1, true, true],
      [2, false, false],
      [3, true, true],
      [4, false, false],
    ]);
  });

  it('marks exactly the acknowledged messages delivered', () => {
    const delivered = markDelivered(history, [3, 4, 99]);
    expect(delivered.messages.filter((m) => m.delivered).map((m) => m.id)).toEqual([3, 4]);
  });

  it('takes read states from a fresh copy (a group message is read once every member read it)', () => {
    const fresh = [message(3, { fromId: 1, status: true }), message(4, { fromId: 1, status: false })];
    const updated = applyReadStates(history, fresh);
    expect(updated.messages.filter((m) => m.status).map((m) => m.id)).toEqual([3]);
  });

  it('returns the same history when nothing changes, so nothing re-renders', () => {
    expect(markReadUpTo(history, 1, 0)).toBe(history);
    expect(markDelivered(history, [])).toBe(history);
  });
});
