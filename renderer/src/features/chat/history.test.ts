import { describe, expect, it } from 'vitest';
import { message } from './chat-fixtures.js';
import {
  applyReadStates,
  markDelivered,
  markReadUpTo,
  mergeMessages,
  withArrivals,
  withAround,
  withPage,
  type History,
} from './history.js';

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

  it('never takes back a receipt a late copy does not know about', () => {
    const cached = [message(5, { fromId: 1, status: true, deliveredAt: 7, readAt: 8, readCount: 3 })];
    const late = message(5, { fromId: 1, status: false, message: 'edited copy', readCount: 1 });
    const [merged] = mergeMessages(cached, [late]);
    expect(merged).toMatchObject({
      id: 5,
      status: true,
      deliveredAt: 7,
      readAt: 8,
      readCount: 3,
      message: 'edited copy',
    });
  });
});

describe('ticks in a cached history', () => {
  const history: History = {
    complete: false,
    reachesLatest: true,
    messages: [
      message(1, { fromId: 1 }),
      message(2, { fromId: 2 }),
      message(3, { fromId: 1 }),
      message(4, { fromId: 1 }),
    ],
  };

  it('marks own messages up to the read position read (and so delivered), not the others', () => {
    const read = markReadUpTo(history, 1, 3, 500);
    expect(read.messages.map((m) => [m.id, m.status, m.readAt, m.deliveredAt])).toEqual([
      [1, true, 500, 500],
      [2, false, null, null],
      [3, true, 500, 500],
      [4, false, null, null],
    ]);
  });

  it('marks exactly the acknowledged messages delivered', () => {
    const delivered = markDelivered(history, [3, 4, 99], 500);
    expect(delivered.messages.filter((m) => m.deliveredAt === 500).map((m) => m.id)).toEqual([3, 4]);
  });

  it('takes read states from a fresh copy (a group message is read once every member read it)', () => {
    const fresh = [message(3, { fromId: 1, status: true, readCount: 2 }), message(4, { fromId: 1, readCount: 1 })];
    const updated = applyReadStates(history, fresh);
    expect(updated.messages.filter((m) => m.status).map((m) => m.id)).toEqual([3]);
    expect(updated.messages.map((m) => m.readCount)).toEqual([null, null, 2, 1]);
  });

  it('returns the same history when nothing changes, so nothing re-renders', () => {
    expect(markReadUpTo(history, 1, 0, 500)).toBe(history);
    expect(markDelivered(history, [], 500)).toBe(history);
    expect(applyReadStates(history, [message(2, { fromId: 2 })])).toBe(history);
  });
});

/** Messages `from`..`to` of a window whose ids run 1..1000. */
const run = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
/** What the server answers for a page (ascending), in a window with messages 1..1000. */
const server = {
  around: (id: number, limit: number) => {
    const older = run(Math.max(1, id - Math.floor((limit - 1) / 2)), id - 1);
    return [...older, ...run(id, Math.min(1000, id + limit - older.length - 1))];
  },
  after: (id: number, limit: number) => run(id + 1, Math.min(1000, id + limit)),
  before: (id: number, limit: number) => run(Math.max(1, id - limit), id - 1),
};
const latest = (count: number): History => ({
  messages: run(1001 - count, 1000),
  complete: false,
  reachesLatest: true,
});

describe('a slice of history opened at a message', () => {
  it('is the page around it, reaching neither end in the middle of a long window', () => {
    const slice = withAround(latest(20), server.around(500, 50), 500, 50);
    expect(ids(slice.messages)).toEqual(ids(run(476, 525)));
    expect(slice).toMatchObject({ complete: false, reachesLatest: false });
  });

  it('reaches an end when that side of the page came back short', () => {
    expect(withAround(undefined, server.around(10, 50), 10, 50)).toMatchObject({
      complete: true,
      reachesLatest: false,
    });
    expect(withAround(undefined, server.around(990, 50), 990, 50)).toMatchObject({
      complete: false,
      reachesLatest: true,
    });
  });

  it('joins the loaded history when the two overlap, keeping the latest', () => {
    const joined = withAround(latest(100), server.around(910, 50), 910, 50);
    expect(ids(joined.messages)).toEqual(ids(run(886, 1000)));
    expect(joined).toMatchObject({ complete: false, reachesLatest: true });
  });

  it('pages newer until a short page reaches the latest; then live messages append', () => {
    let history = withAround(latest(20), server.around(500, 50), 500, 50);
    // Live messages meanwhile stay out: after 525 they would follow a hole of 475 messages.
    expect(withArrivals(history, [message(1001)])).toBe(history);
    while (!history.reachesLatest) {
      const from = history.messages.at(-1)!.id;
      history = withPage(history, 'newer', from, server.after(from, 100), 100);
    }
    expect(ids(history.messages)).toEqual(ids(run(476, 1000)));
    history = withArrivals(history, [message(1001)]);
    expect(ids(history.messages).slice(-2)).toEqual([1000, 1001]);
  });

  it('pages older until a short page reaches the beginning', () => {
    let history = withAround(undefined, server.around(150, 50), 150, 50);
    while (!history.complete) {
      const from = history.messages[0]!.id;
      history = withPage(history, 'older', from, server.before(from, 100), 100);
    }
    expect(ids(history.messages)).toEqual(ids(run(1, 175)));
    expect(history.reachesLatest).toBe(false);
  });

  it('takes a fresh copy of a message it holds, but nothing newer', () => {
    const history = withAround(undefined, server.around(500, 50), 500, 50);
    const updated = withArrivals(history, [message(500, { status: true }), message(526)]);
    expect(ids(updated.messages)).toEqual(ids(history.messages));
    expect(updated.messages.find((m) => m.id === 500)!.status).toBe(true);
  });

  it('drops a page read for a history since replaced: it would not touch it', () => {
    const slice = withAround(undefined, server.around(500, 50), 500, 50);
    const newerPageOfTheOld = server.after(1000 - 20, 100);
    expect(withPage(slice, 'newer', 980, newerPageOfTheOld, 100)).toBe(slice);
  });

  it('reaches an end with an empty page', () => {
    const history = withAround(undefined, server.around(1000, 50), 1000, 50);
    expect(withPage({ ...history, reachesLatest: false }, 'newer', 1000, [], 100).reachesLatest).toBe(true);
  });
});
