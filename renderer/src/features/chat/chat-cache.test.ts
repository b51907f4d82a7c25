import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatWindow } from '../../api/wire.js';
import {
  addMessage,
  applyDelivered,
  applyReadUpTo,
  findWindow,
  insertWindow,
  latestKnownId,
  listWindow,
  mergeMissed,
  setWindowUnread,
  type WindowListing,
} from './chat-cache.js';
import { directWindow, message } from './chat-fixtures.js';
import type { History } from './history.js';

const me = 1;

/** A cache as after fetching the window lists (which seeds the histories), plus loaded histories. */
function cacheWith(windows: ChatWindow[], histories: Record<number, History> = {}) {
  const queryClient = new QueryClient();
  for (const [cId, history] of Object.entries(histories))
    queryClient.setQueryData(queryKeys.history(Number(cId)), history);
  const listing = (list: ChatWindow[]): WindowListing => ({
    total: list.length,
    list: list.map((window) => listWindow(queryClient, window)),
  });
  queryClient.setQueryData(queryKeys.windows('all'), listing(windows.filter((w) => w.type === 'direct')));
  queryClient.setQueryData(queryKeys.windows('group'), listing(windows.filter((w) => w.type === 'group')));
  return queryClient;
}

const historyOf = (queryClient: QueryClient, cId: number) => queryClient.getQueryData<History>(queryKeys.history(cId));
const idsOf = (history: History | undefined) => history?.messages.map((m) => m.id);

describe('the window lists', () => {
  it('keep no messages: the ones a window carries become its history, marked complete when fewer than twenty', () => {
    const latest = Array.from({ length: 20 }, (_, i) => message(i + 1));
    const queryClient = cacheWith([
      directWindow(10, { messages: [message(1)] }),
      directWindow(11, { messages: latest }),
    ]);
    expect(findWindow(queryClient, 10)).not.toHaveProperty('messages');
    expect(historyOf(queryClient, 10)).toEqual({ messages: [message(1)], complete: true, reachesLatest: true });
    expect(historyOf(queryClient, 11)).toMatchObject({ complete: false });
    expect(idsOf(historyOf(queryClient, 11))).toHaveLength(20);
  });

  it('never replace a history already loaded: it is at least as current', () => {
    const loaded: History = {
      messages: [message(1), message(2, { status: true })],
      complete: true,
      reachesLatest: true,
    };
    const queryClient = cacheWith([directWindow(10, { messages: [message(1)] })], { 10: loaded });
    expect(historyOf(queryClient, 10)).toBe(loaded);
  });

  it('add to a loaded history the listed messages newer than its own (a list read before they were sent seeded it)', () => {
    // A new chat was listed before its first message was sent: its history is seeded empty.
    const queryClient = cacheWith([directWindow(10, { messages: [] })]);
    expect(historyOf(queryClient, 10)).toEqual({ messages: [], complete: true, reachesLatest: true });
    // The next list carries the message.
    listWindow(queryClient, directWindow(10, { messages: [message(1)] }));
    expect(idsOf(historyOf(queryClient, 10))).toEqual([1]);
  });

  it('take a window’s unread count from the server', () => {
    const queryClient = cacheWith([directWindow(10, { unread: 6 })]);
    setWindowUnread(queryClient, 10, 0);
    expect(findWindow(queryClient, 10)!.unread).toBe(0);
  });

  it('show a window opened from the directory at once, once, its messages in its history', () => {
    const queryClient = cacheWith([directWindow(10)]);
    insertWindow(queryClient, directWindow(12, { messages: [message(3, { cId: 12 })] }));
    insertWindow(queryClient, directWindow(12));
    const listing = queryClient.getQueryData<WindowListing>(queryKeys.windows('all'))!;
    expect(listing.list.map((w) => w.id)).toEqual([12, 10]);
    expect(listing.total).toBe(2);
    expect(idsOf(historyOf(queryClient, 12))).toEqual([3]);
  });
});

describe('a new message', () => {
  it('is stored once, in its history, and becomes the window’s preview and time', () => {
    const queryClient = cacheWith([directWindow(10, { unread: 1, messages: [message(1)] }), directWindow(11)]);
    const incoming = message(2, { message: '下午开会', created_at: '2024-03-09T09:00:00.000Z' });
    expect(addMessage(queryClient, incoming)).toEqual({ known: false, listed: true });

    expect(idsOf(historyOf(queryClient, 10))).toEqual([1, 2]);
    expect(findWindow(queryClient, 10)).toEqual({
      ...directWindow(10, { unread: 1, afterMessage: '下午开会', created_at: '2024-03-09T09:00:00.000Z' }),
      messages: undefined,
    });
  });

  it('leaves every unread count as the server last said (its `counts` event brings the new one)', () => {
    const queryClient = cacheWith([directWindow(10), directWindow(11, { unread: 4 })]);
    addMessage(queryClient, message(2, { cId: 11 }));
    addMessage(queryClient, message(3, { cId: 10 }));
    expect(findWindow(queryClient, 11)!.unread).toBe(4);
    expect(findWindow(queryClient, 10)!.unread).toBe(0);
  });

  it('of one’s own moves the preview, in the server’s words', () => {
    const queryClient = cacheWith([directWindow(10)]);
    addMessage(queryClient, message(2, { fromId: me, type: 'IMAGE', message: '' }));
    expect(findWindow(queryClient, 10)).toMatchObject({ unread: 0, afterMessage: '[图片]' });
  });

  it('older than the window’s last activity leaves the preview alone', () => {
    const queryClient = cacheWith([
      directWindow(10, { afterMessage: 'latest', created_at: '2024-03-10T00:00:00.000Z' }),
    ]);
    addMessage(queryClient, message(2));
    expect(findWindow(queryClient, 10)).toMatchObject({
      afterMessage: 'latest',
      created_at: '2024-03-10T00:00:00.000Z',
    });
  });

  it('arriving twice (send response, then the push) changes nothing the second time', () => {
    const queryClient = cacheWith([directWindow(10)]);
    addMessage(queryClient, message(2));
    const listing = queryClient.getQueryData(queryKeys.windows('all'));
    expect(addMessage(queryClient, message(2))).toEqual({ known: true, listed: true });
    expect(idsOf(historyOf(queryClient, 10))).toEqual([2]);
    expect(queryClient.getQueryData(queryKeys.windows('all'))).toBe(listing);
  });

  it('stays out of a slice that stops short of the latest (it would sit behind a hole), yet moves the preview', () => {
    const slice: History = { messages: [message(40), message(41)], complete: false, reachesLatest: false };
    const queryClient = cacheWith([directWindow(10)], { 10: slice });
    expect(addMessage(queryClient, message(90, { message: '最新' }))).toEqual({ known: false, listed: true });
    expect(historyOf(queryClient, 10)).toBe(slice);
    expect(findWindow(queryClient, 10)!.afterMessage).toBe('最新');
    mergeMissed(queryClient, [message(91)]);
    expect(historyOf(queryClient, 10)).toBe(slice);
  });

  it('for a window not in the lists says so, so the lists are fetched again', () => {
    const queryClient = cacheWith([directWindow(10)]);
    expect(addMessage(queryClient, message(2, { cId: 99 })).listed).toBe(false);
    expect(historyOf(queryClient, 99)).toBeUndefined();
  });
});

describe('ticks', () => {
  const own = (id: number) => message(id, { fromId: me, toId: 2 });

  it('become delivered for exactly the acknowledged messages, in the history, the one copy', () => {
    const queryClient = cacheWith([directWindow(10, { messages: [own(1), own(2)] })]);
    const listing = queryClient.getQueryData(queryKeys.windows('all'));
    applyDelivered(queryClient, 10, [2]);
    expect(historyOf(queryClient, 10)!.messages.map((m) => m.deliveredAt !== null)).toEqual([false, true]);
    expect(queryClient.getQueryData(queryKeys.windows('all'))).toBe(listing);
  });

  it('become read up to the reader’s position, own messages only', () => {
    const queryClient = cacheWith([directWindow(10, { messages: [own(1), message(2), own(3), own(4)] })]);
    applyReadUpTo(queryClient, 10, me, 3);
    expect(historyOf(queryClient, 10)!.messages.map((m) => m.status)).toEqual([true, false, true, false]);
  });
});

describe('catching up after a reconnect', () => {
  it('starts after the highest id in any history', () => {
    const queryClient = cacheWith([directWindow(10, { messages: [message(7)] }), directWindow(11)], {
      11: { messages: [message(3, { cId: 11 }), message(12, { cId: 11 })], complete: false, reachesLatest: true },
    });
    expect(latestKnownId(queryClient)).toBe(12);
    expect(latestKnownId(new QueryClient())).toBe(0);
  });

  it('does not start after a slice’s last message: it says nothing about what else was missed', () => {
    const queryClient = cacheWith([directWindow(10, { messages: [message(7)] }), directWindow(11)], {
      11: { messages: [message(30, { cId: 11 }), message(31, { cId: 11 })], complete: false, reachesLatest: false },
    });
    expect(latestKnownId(queryClient)).toBe(7);
  });

  it('merges missed messages into the loaded histories by id, without duplicates', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData<History>(queryKeys.history(10), {
      messages: [message(1), message(2)],
      complete: true,
      reachesLatest: true,
    });
    // Message 2 also came live before the socket dropped; 3 and 5 were missed; 4 is another window's.
    mergeMissed(queryClient, [message(2), message(3), message(4, { cId: 11 }), message(5)]);
    expect(idsOf(historyOf(queryClient, 10))).toEqual([1, 2, 3, 5]);
    expect(historyOf(queryClient, 11)).toBeUndefined();
    mergeMissed(queryClient, [message(3), message(5)]);
    expect(idsOf(historyOf(queryClient, 10))).toEqual([1, 2, 3, 5]);
  });
});
