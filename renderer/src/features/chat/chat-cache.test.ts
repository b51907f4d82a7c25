import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { WindowPage } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import {
  addMessage,
  applyDelivered,
  applyReadUpTo,
  findWindow,
  insertWindow,
  latestKnownId,
  mergeMissed,
  setWindowUnread,
} from './chat-cache.js';
import { directWindow, message } from './chat-fixtures.js';
import type { CachedMessage, History } from './history.js';

const me = 1;

function cacheWith(windows: ReturnType<typeof directWindow>[], histories: Record<number, History> = {}) {
  const queryClient = new QueryClient();
  const page = (list: typeof windows): WindowPage => ({ page: 1, pageSize: list.length, total: list.length, list });
  queryClient.setQueryData(queryKeys.windows('all'), page(windows.filter((w) => w.type === 'direct')));
  queryClient.setQueryData(queryKeys.windows('group'), page(windows.filter((w) => w.type === 'group')));
  for (const [cId, history] of Object.entries(histories))
    queryClient.setQueryData(queryKeys.history(Number(cId)), history);
  return queryClient;
}

const historyOf = (queryClient: QueryClient, cId: number) => queryClient.getQueryData<History>(queryKeys.history(cId))!;

describe('a new message', () => {
  it('is appended to its loaded history and becomes the window’s preview, time and unread count', () => {
    const queryClient = cacheWith([directWindow(10, { unread: 1, messages: [message(1)] }), directWindow(11)], {
      10: { messages: [message(1)], complete: true },
    });
    const incoming = message(2, { message: '下午开会', created_at: '2024-03-09T09:00:00.000Z' });
    expect(addMessage(queryClient, incoming, me)).toEqual({ known: false, listed: true });

    expect(historyOf(queryClient, 10).messages.map((m) => m.id)).toEqual([1, 2]);
    expect(findWindow(queryClient, 10)).toMatchObject({
      afterMessage: '下午开会',
      created_at: '2024-03-09T09:00:00.000Z',
      unread: 2,
    });
    expect(findWindow(queryClient, 10)!.messages.map((m) => m.id)).toEqual([1, 2]);
  });

  it('in another window bumps that window’s unread count, and leaves unloaded histories unloaded', () => {
    const queryClient = cacheWith([directWindow(10), directWindow(11, { unread: 4 })], {
      10: { messages: [message(1)], complete: true },
    });
    addMessage(queryClient, message(2, { cId: 11 }), me);
    expect(findWindow(queryClient, 11)!.unread).toBe(5);
    expect(findWindow(queryClient, 10)!.unread).toBe(0);
    expect(queryClient.getQueryData(queryKeys.history(11))).toBeUndefined();
  });

  it('of one’s own moves the preview but counts as read', () => {
    const queryClient = cacheWith([directWindow(10)]);
    addMessage(queryClient, message(2, { fromId: me, type: 'IMAGE', message: '' }), me);
    expect(findWindow(queryClient, 10)).toMatchObject({ unread: 0, afterMessage: '[图片]' });
  });

  it('arriving twice (send response, then the push) changes nothing the second time', () => {
    const queryClient = cacheWith([directWindow(10)], { 10: { messages: [], complete: true } });
    addMessage(queryClient, message(2), me);
    expect(addMessage(queryClient, message(2), me)).toEqual({ known: true, listed: true });
    expect(historyOf(queryClient, 10).messages).toHaveLength(1);
    expect(findWindow(queryClient, 10)!.unread).toBe(1);
  });

  it('for a window not in the lists says so, so the lists are fetched again', () => {
    const queryClient = cacheWith([directWindow(10)]);
    expect(addMessage(queryClient, message(2, { cId: 99 }), me).listed).toBe(false);
  });

  it('keeps the list’s copy of the latest messages to twenty', () => {
    const latest = Array.from({ length: 20 }, (_, i) => message(i + 1));
    const queryClient = cacheWith([directWindow(10, { messages: latest })]);
    addMessage(queryClient, message(21), me);
    expect(findWindow(queryClient, 10)!.messages.map((m) => m.id)).toEqual(
      latest
        .slice(1)
        .map((m) => m.id)
        .concat(21),
    );
  });
});

describe('ticks', () => {
  const own = (id: number) => message(id, { fromId: me, toId: 2 });

  it('become delivered for exactly the acknowledged messages, in the history and the list', () => {
    const queryClient = cacheWith([directWindow(10, { messages: [own(1), own(2)] })], {
      10: { messages: [own(1), own(2)], complete: true },
    });
    applyDelivered(queryClient, 10, [2]);
    expect(historyOf(queryClient, 10).messages.map((m) => Boolean(m.delivered))).toEqual([false, true]);
    const listed: CachedMessage[] = findWindow(queryClient, 10)!.messages;
    expect(listed.map((m) => Boolean(m.delivered))).toEqual([false, true]);
  });

  it('become read up to the reader’s position, own messages only', () => {
    const history = [own(1), message(2), own(3), own(4)];
    const queryClient = cacheWith([directWindow(10, { messages: history })], {
      10: { messages: history, complete: true },
    });
    applyReadUpTo(queryClient, 10, me, 3);
    expect(historyOf(queryClient, 10).messages.map((m) => m.status)).toEqual([true, false, true, false]);
    expect(findWindow(queryClient, 10)!.messages.map((m) => m.status)).toEqual([true, false, true, false]);
  });
});

describe('catching up after a reconnect', () => {
  it('starts after the highest id seen in any history or list', () => {
    const queryClient = cacheWith([directWindow(10, { messages: [message(7)] }), directWindow(11)], {
      11: { messages: [message(3, { cId: 11 }), message(12, { cId: 11 })], complete: false },
    });
    expect(latestKnownId(queryClient)).toBe(12);
    expect(latestKnownId(new QueryClient())).toBe(0);
  });

  it('merges missed messages into the loaded histories by id, without duplicates', () => {
    const queryClient = cacheWith([directWindow(10), directWindow(11)], {
      10: { messages: [message(1), message(2)], complete: true },
    });
    // Message 2 also came live before the socket dropped; 3 and 5 were missed; 4 is another window's.
    mergeMissed(queryClient, [message(2), message(3), message(4, { cId: 11 }), message(5)]);
    expect(historyOf(queryClient, 10).messages.map((m) => m.id)).toEqual([1, 2, 3, 5]);
    expect(queryClient.getQueryData(queryKeys.history(11))).toBeUndefined();
    mergeMissed(queryClient, [message(3), message(5)]);
    expect(historyOf(queryClient, 10).messages.map((m) => m.id)).toEqual([1, 2, 3, 5]);
  });
});

describe('the window lists', () => {
  it('take the server’s unread count after a read receipt', () => {
    const queryClient = cacheWith([directWindow(10, { unread: 6 })]);
    setWindowUnread(queryClient, 10, 0);
    expect(findWindow(queryClient, 10)!.unread).toBe(0);
  });

  it('show a window opened from the directory at once, once', () => {
    const queryClient = cacheWith([directWindow(10)]);
    insertWindow(queryClient, directWindow(12));
    insertWindow(queryClient, directWindow(12));
    const page = queryClient.getQueryData<WindowPage>(queryKeys.windows('all'))!;
    expect(page.list.map((w) => w.id)).toEqual([12, 10]);
    expect(page.total).toBe(2);
  });
});
