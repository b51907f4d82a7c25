// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { inboxApi, type InboxStatus } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { InboxCounts, Notification } from '../../api/wire.js';
import { dispatchReconnect, dispatchServerEvent } from '../../realtime/dispatch.js';
import {
  applyNotification,
  listKey,
  placeInList,
  readAllLocally,
  type InboxPage,
  type InboxPages,
} from './inbox-cache.js';
import { changeStatus, markAllRead } from './inbox-actions.js';
import { fetchCounts } from './inbox-counts.js';
import './inbox-live.js';
import { Status } from './inbox-model.js';
import { useInboxView } from './inbox-store.js';

function note(id: number, status: InboxStatus, type = 1, subtype = 1): Notification {
  return {
    id,
    title: `n${id}`,
    content: '',
    status: String(status) as Notification['status'],
    type,
    subtype,
    params: null,
    created_at: '2026-01-02 03:04:05',
    updated_at: null,
    user_id: 1,
  };
}

const pages = (...pages: InboxPage[]): InboxPages => ({ pages, pageParams: pages.map(() => undefined) });
const page = (next: number | null, ...items: Notification[]): InboxPage => ({ items, next });
const ids = (client: QueryClient, status: InboxStatus, type: number | null = null) =>
  client.getQueryData<InboxPages>(listKey(status, type))?.pages.map((p) => p.items.map((n) => n.id));

function counts(unread: number, todo: number, read: number, byType: Record<string, [number, number]> = {}) {
  const all: InboxCounts['byType'] = {};
  for (const type of ['1', '2', '3', '4', '5', '6', '7']) {
    const [u, t] = byType[type] ?? [0, 0];
    all[type] = { unread: u, todo: t };
  }
  return { unread, todo, read, byType: all };
}

let client: QueryClient;
beforeEach(() => {
  client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  // Unread 9, 7, 5 (type 1: 9, 5; type 2: 7); todo 8; read 6, 4 loaded, older ones not yet.
  client.setQueryData(listKey(Status.unread, null), pages(page(null, note(9, 0), note(7, 0, 2, 1), note(5, 0))));
  client.setQueryData(listKey(Status.unread, 1), pages(page(null, note(9, 0), note(5, 0))));
  client.setQueryData(listKey(Status.todo, null), pages(page(null, note(8, 2, 2, 2))));
  client.setQueryData(listKey(Status.read, null), pages(page(4, note(6, 1), note(4, 1))));
  client.setQueryData(queryKeys.inboxCounts, counts(3, 1, 5, { '1': [2, 0], '2': [1, 1] }));
  useInboxView.setState({ opened: null, notice: null });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('placing a notification in a list', () => {
  it('inserts by id into the right page and keeps each page’s cursor', () => {
    const data = pages(page(20, note(30, 1), note(21, 1)), page(10, note(15, 1), note(11, 1)));
    const placed = placeInList(data, [note(12, 1)], () => true);
    expect(placed.pages.map((p) => p.items.map((n) => n.id))).toEqual([
      [30, 21],
      [15, 12, 11],
    ]);
    expect(placed.pages.map((p) => p.next)).toEqual([20, 10]);
  });

  it('leaves out what is older than the loaded range: the next page brings it', () => {
    const data = pages(page(20, note(30, 1), note(21, 1)));
    expect(placeInList(data, [note(5, 1)], () => true)).toBe(data);
  });

  it('returns the same data when nothing changes, so nothing re-renders', () => {
    const data = pages(page(null, note(3, 1)));
    expect(placeInList(data, [note(3, 1)], () => true)).toBe(data);
    expect(placeInList(data, [note(4, 0)], () => false)).toBe(data);
  });
});

describe('live events', () => {
  it('notification.new goes on top of the unread lists it matches, and counts it', () => {
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0, 1, 2) }, client);
    expect(ids(client, Status.unread)).toEqual([[10, 9, 7, 5]]);
    expect(ids(client, Status.unread, 1)).toEqual([[10, 9, 5]]);
    expect(ids(client, Status.read)).toEqual([[6, 4]]);
    const after = client.getQueryData<InboxCounts>(queryKeys.inboxCounts)!;
    expect(after.unread).toBe(4);
    expect(after.byType['1']).toEqual({ unread: 3, todo: 0 });
  });

  it('a new notification of another type stays out of a type-filtered list', () => {
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0, 3, 1) }, client);
    expect(ids(client, Status.unread)).toEqual([[10, 9, 7, 5]]);
    expect(ids(client, Status.unread, 1)).toEqual([[9, 5]]);
  });

  it('the same notification.new twice counts once', () => {
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0) }, client);
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0) }, client);
    expect(ids(client, Status.unread)).toEqual([[10, 9, 7, 5]]);
    expect(client.getQueryData<InboxCounts>(queryKeys.inboxCounts)!.unread).toBe(4);
  });

  it('notification.updated moves it between tabs and both counters', () => {
    dispatchServerEvent({ type: 'notification.updated', data: note(5, 1) }, client);
    expect(ids(client, Status.unread)).toEqual([[9, 7]]);
    expect(ids(client, Status.unread, 1)).toEqual([[9]]);
    expect(ids(client, Status.read)).toEqual([[6, 5, 4]]);
    dispatchServerEvent({ type: 'notification.updated', data: note(8, 0, 2, 2) }, client);
    expect(ids(client, Status.todo)).toEqual([[]]);
    expect(ids(client, Status.unread)).toEqual([[9, 8, 7]]);
    const after = client.getQueryData<InboxCounts>(queryKeys.inboxCounts)!;
    expect([after.unread, after.todo, after.read]).toEqual([3, 0, 6]);
    expect(after.byType['1']).toEqual({ unread: 1, todo: 0 });
    expect(after.byType['2']).toEqual({ unread: 2, todo: 0 });
  });

  it('keeps the opened notification in step', () => {
    useInboxView.getState().open(note(9, 0));
    dispatchServerEvent({ type: 'notification.updated', data: note(9, 2) }, client);
    expect(useInboxView.getState().opened?.status).toBe('2');
  });

  it('a change to a notification no list holds fetches the counters again once the burst is over', () => {
    vi.useFakeTimers();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    for (const id of [2, 1]) dispatchServerEvent({ type: 'notification.updated', data: note(id, 1) }, client);
    expect(ids(client, Status.read)).toEqual([[6, 4]]);
    expect(client.getQueryData<InboxCounts>(queryKeys.inboxCounts)!.read).toBe(5);
    vi.advanceTimersByTime(1000);
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.inboxCounts });
  });

  it('a badge count that disagrees with ours fetches the counters again', () => {
    vi.useFakeTimers();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    dispatchServerEvent({ type: 'counts', data: { inboxUnread: 3, inboxTodo: 1 } }, client);
    vi.advanceTimersByTime(1000);
    expect(invalidate).not.toHaveBeenCalled();
    dispatchServerEvent({ type: 'counts', data: { inboxUnread: 2, inboxTodo: 1 } }, client);
    vi.advanceTimersByTime(1000);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.inboxCounts });
  });

  it('a reconnect fetches the whole inbox again', () => {
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    dispatchReconnect(client);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.inbox });
  });
});

describe('optimistic changes', () => {
  it('moves at once and stays moved when the server agrees', async () => {
    const setStatus = vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置待办操作成功');
    const done = changeStatus(client, note(9, 0), Status.todo);
    await done;
    expect(setStatus).toHaveBeenCalledWith(9, 'settodo');
    expect(ids(client, Status.unread)).toEqual([[7, 5]]);
    expect(ids(client, Status.todo)).toEqual([[9, 8]]);
    expect(client.getQueryData<InboxCounts>(queryKeys.inboxCounts)!.todo).toBe(2);
  });

  it('moves back, counters too, and says why when the server refuses', async () => {
    vi.spyOn(inboxApi, 'setStatus').mockRejectedValue(new Error('msgId: no notification 9'));
    await changeStatus(client, note(9, 0), Status.read);
    expect(ids(client, Status.unread)).toEqual([[9, 7, 5]]);
    expect(ids(client, Status.read)).toEqual([[6, 4]]);
    expect(client.getQueryData<InboxCounts>(queryKeys.inboxCounts)).toEqual(
      counts(3, 1, 5, { '1': [2, 0], '2': [1, 1] }),
    );
    expect(useInboxView.getState().notice).toEqual({
      kind: 'statusFailed',
      title: 'n9',
      reason: 'msgId: no notification 9',
    });
  });

  it('mark all read of one type moves only that type’s unread, and leaves todo alone', () => {
    readAllLocally(client, 1);
    expect(ids(client, Status.unread)).toEqual([[7]]);
    expect(ids(client, Status.unread, 1)).toEqual([[]]);
    expect(ids(client, Status.read)).toEqual([[9, 6, 5, 4]]);
    expect(ids(client, Status.todo)).toEqual([[8]]);
    const after = client.getQueryData<InboxCounts>(queryKeys.inboxCounts)!;
    expect([after.unread, after.todo, after.read]).toEqual([1, 1, 7]);
    expect(after.byType['1']!.unread).toBe(0);
    expect(after.byType['2']!.unread).toBe(1);
  });

  it('mark all read reports how many it marked, and refetches when it fails', async () => {
    vi.spyOn(inboxApi, 'readAll').mockResolvedValueOnce({ updated: 3 });
    await markAllRead(client, null);
    expect(ids(client, Status.unread)).toEqual([[]]);
    expect(useInboxView.getState().notice).toEqual({ kind: 'markedAllRead', count: 3 });
    vi.spyOn(inboxApi, 'readAll').mockRejectedValueOnce(new Error('network unreachable'));
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    await markAllRead(client, 2);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.inbox });
    expect(useInboxView.getState().notice).toEqual({ kind: 'readAllFailed', reason: 'network unreachable' });
  });
});

describe('counters around local changes', () => {
  it('the server’s echo of a change to a tab never loaded is neither counted twice nor refetched', async () => {
    vi.useFakeTimers();
    client.removeQueries({ queryKey: listKey(Status.todo, null) });
    vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置待办操作成功');
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    await changeStatus(client, note(9, 0), Status.todo);
    dispatchServerEvent({ type: 'notification.updated', data: note(9, 2) }, client);
    vi.advanceTimersByTime(1000);
    expect(invalidate).not.toHaveBeenCalled();
    expect(client.getQueryData<InboxCounts>(queryKeys.inboxCounts)!.todo).toBe(2);
  });

  it('a counters fetch that overlapped a change keeps the changed numbers, and asks again once it is answered', async () => {
    vi.useFakeTimers();
    let answerCounts!: (counts: InboxCounts) => void;
    vi.spyOn(inboxApi, 'counts').mockReturnValue(new Promise((resolve) => (answerCounts = resolve)));
    let answerChange!: (done: string) => void;
    vi.spyOn(inboxApi, 'setStatus').mockReturnValue(new Promise((resolve) => (answerChange = resolve)));
    const invalidate = vi.spyOn(client, 'invalidateQueries');

    const fetched = fetchCounts(client);
    const changed = changeStatus(client, note(9, 0), Status.read);
    await vi.waitFor(() => expect(inboxApi.setStatus).toHaveBeenCalled());
    answerCounts(counts(3, 1, 5)); // from before the change
    expect((await fetched).unread).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(invalidate).not.toHaveBeenCalled();

    answerChange('设置已读操作成功');
    await changed;
    vi.advanceTimersByTime(1000);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.inboxCounts });
  });
});

describe('applyNotification', () => {
  it('does nothing to a cache that has no inbox yet', () => {
    const empty = new QueryClient();
    applyNotification(empty, note(1, 0), null);
    expect(empty.getQueryCache().getAll()).toHaveLength(0);
  });
});
