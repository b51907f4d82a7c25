// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { inboxApi } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { InboxCounts, Notification, ReadAll } from '../../api/wire.js';
import { useUndoOffer } from '../../components/undo-offer.js';
import { openNotification, useInboxActions } from './inbox-actions.js';
import { fetchPage, listKey, LISTS } from './inbox-cache.js';
import { ids, inboxCounts, note, page, pages } from './inbox-fixtures.js';
import { useInboxView } from './inbox-store.js';

const { unread, read, todo } = NotificationStatus;
const serverCounts = inboxCounts(3, 1, 5, { '1': [2, 0], '2': [1, 1] });

let client: QueryClient;
beforeEach(() => {
  client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(listKey(unread, null), pages(page(null, note(9, 0), note(7, 0, 2, 1), note(5, 0))));
  client.setQueryData(listKey(todo, null), pages(page(null, note(8, 2, 2, 2))));
  client.setQueryData(listKey(read, null), pages(page(4, note(6, 1), note(4, 1))));
  client.setQueryData(queryKeys.inboxCounts, serverCounts);
  useInboxView.setState({ openedId: null, notice: null });
  useUndoOffer.setState({ offer: null });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function actions() {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return renderHook(() => useInboxActions(), { wrapper }).result.current;
}

/** A request that answers only when the test says so. */
function held<T>() {
  let answer!: (value: T) => void;
  let refuse!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    refuse = reject;
  });
  return { promise, answer, refuse };
}

const opened = (id: number) => client.getQueryData<Notification>(queryKeys.notification(id));
const settled = () => waitFor(() => expect(client.isMutating()).toBe(0));
const offered = (language: 'en' | 'zh-CN' = 'en') => useUndoOffer.getState().offer?.done(language);

describe('changing a notification’s status', () => {
  it('moves it at once, before the server answers, and leaves the counters to the server', async () => {
    const request = held<string>();
    const setStatus = vi.spyOn(inboxApi, 'setStatus').mockReturnValue(request.promise);
    const inbox = actions();
    act(() => inbox.changeStatus(note(9, 0), todo));
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith(9, 'settodo'));
    expect(ids(client, unread)).toEqual([[7, 5]]);
    expect(ids(client, todo)).toEqual([[9, 8]]);
    request.answer('设置待办操作成功');
    await settled();
    expect(ids(client, todo)).toEqual([[9, 8]]);
    expect(client.getQueryData<InboxCounts>(queryKeys.inboxCounts)).toBe(serverCounts);
  });

  it('moves it back, and says why, when the server refuses; a change made meanwhile stays', async () => {
    const first = held<string>();
    vi.spyOn(inboxApi, 'setStatus').mockReturnValueOnce(first.promise).mockResolvedValueOnce('设置已读操作成功');
    const inbox = actions();
    act(() => inbox.changeStatus(note(9, 0), read));
    act(() => inbox.changeStatus(note(5, 0), read));
    await waitFor(() => expect(ids(client, read)).toEqual([[9, 6, 5, 4]]));

    first.refuse(new Error('msgId: no notification 9'));
    await settled();
    expect(ids(client, unread)).toEqual([[9, 7]]);
    expect(ids(client, read)).toEqual([[6, 5, 4]]);
    expect(useInboxView.getState().notice).toEqual({
      kind: 'statusFailed',
      title: 'n9',
      reason: 'msgId: no notification 9',
    });
  });

  it('does nothing when it already has that status', () => {
    const setStatus = vi.spyOn(inboxApi, 'setStatus');
    const inbox = actions();
    act(() => inbox.changeStatus(note(8, 2, 2, 2), todo));
    expect(setStatus).not.toHaveBeenCalled();
  });

  it('stops a list refetch in flight, whose older answer would undo the change, and runs it again after', async () => {
    const stale = held<Notification[]>();
    vi.spyOn(inboxApi, 'list').mockReturnValue(stale.promise);
    const refetch = client
      .fetchInfiniteQuery({
        queryKey: listKey(unread, null),
        queryFn: () => fetchPage(client, unread, null),
        initialPageParam: undefined,
        staleTime: 0,
      })
      .catch(() => undefined);
    await waitFor(() => expect(inboxApi.list).toHaveBeenCalled());
    vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置已读操作成功');
    const invalidate = vi.spyOn(client, 'invalidateQueries');

    const inbox = actions();
    act(() => inbox.changeStatus(note(9, 0), read));
    await settled();
    stale.answer([note(9, 0), note(7, 0, 2, 1)]); // read before the change
    await refetch;
    expect(ids(client, unread)).toEqual([[7, 5]]);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: listKey(unread, null), exact: true });
  });
});

describe('opening a notification', () => {
  it('shows it by id, reads it, and keeps showing it after it left every loaded list', async () => {
    client.removeQueries({ queryKey: listKey(read, null) });
    vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置已读操作成功');
    const inbox = actions();
    act(() => inbox.open(note(7, 0, 2, 1)));
    expect(useInboxView.getState().openedId).toBe(7);
    await settled();
    expect(inboxApi.setStatus).toHaveBeenCalledWith(7, 'setread');
    expect(ids(client, unread)).toEqual([[9, 5]]);
    expect(opened(7)).toMatchObject({ id: 7, status: '1' });
  });

  it('puts the opened one back to unread too when reading it fails', async () => {
    vi.spyOn(inboxApi, 'setStatus').mockRejectedValue(new Error('network unreachable'));
    const inbox = actions();
    act(() => inbox.open(note(5, 0)));
    await settled();
    expect(opened(5)?.status).toBe('0');
    expect(ids(client, unread)).toEqual([[9, 7, 5]]);
  });

  it('from a desktop notification takes the cache’s state over the older copy it carries', async () => {
    const setStatus = vi.spyOn(inboxApi, 'setStatus');
    openNotification(client, note(6, 0)); // read since it was announced
    expect(useInboxView.getState().openedId).toBe(6);
    expect(opened(6)?.status).toBe('1');
    expect(setStatus).not.toHaveBeenCalled();
    setStatus.mockResolvedValue('设置已读操作成功');
    openNotification(client, note(5, 0));
    await settled();
    expect(setStatus).toHaveBeenCalledWith(5, 'setread');
    expect(opened(5)?.status).toBe('1');
  });
});

describe('mark all read', () => {
  it('of one type moves only that type’s unread at once, leaves todo alone, and reports how many', async () => {
    const request = held<ReadAll>();
    vi.spyOn(inboxApi, 'readAll').mockReturnValue(request.promise);
    const inbox = actions();
    act(() => inbox.markAllRead(1));
    await waitFor(() => expect(ids(client, unread)).toEqual([[7]]));
    expect(inboxApi.readAll).toHaveBeenCalledWith(1);
    expect(ids(client, read)).toEqual([[9, 6, 5, 4]]);
    expect(ids(client, todo)).toEqual([[8]]);
    request.answer({ updated: 2, changed: [] });
    await settled();
    expect(offered()).toBe('Marked 2 notifications read');
    expect(useInboxView.getState().notice).toBeNull();
    expect(client.getQueryData<InboxCounts>(queryKeys.inboxCounts)).toBe(serverCounts);
  });

  it('puts them all back, and says why, when the server refuses', async () => {
    vi.spyOn(inboxApi, 'readAll').mockRejectedValue(new Error('network unreachable'));
    const inbox = actions();
    act(() => inbox.markAllRead(null));
    await settled();
    expect(ids(client, unread)).toEqual([[9, 7, 5]]);
    expect(ids(client, read)).toEqual([[6, 4]]);
    expect(useInboxView.getState().notice).toEqual({ kind: 'readAllFailed', reason: 'network unreachable' });
  });
});

describe('undo', () => {
  const invalidated = () => vi.spyOn(client, 'invalidateQueries');

  it('after mark all read puts back exactly what the server says it changed, then refetches lists and counters', async () => {
    const changed: ReadAll['changed'] = [
      { msgId: 9, status: '0' },
      { msgId: 5, status: '0' },
    ];
    vi.spyOn(inboxApi, 'readAll').mockResolvedValue({ updated: 2, changed });
    const restore = vi.spyOn(inboxApi, 'restore').mockResolvedValue(2);
    const inbox = actions();
    act(() => inbox.markAllRead(null));
    await settled();
    expect(offered('zh-CN')).toBe('已将 2 条通知标为已读');
    const refetch = invalidated();
    await act(() => useUndoOffer.getState().undoNow());
    expect(restore).toHaveBeenCalledWith(changed);
    expect(refetch).toHaveBeenCalledWith({ queryKey: LISTS });
    expect(refetch).toHaveBeenCalledWith({ queryKey: queryKeys.inboxCounts });
    expect(useUndoOffer.getState().offer?.phase).toBe('undone');
  });

  it('after one change puts back the status the notification had before', async () => {
    vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置待办操作成功');
    const restore = vi.spyOn(inboxApi, 'restore').mockResolvedValue(1);
    const inbox = actions();
    act(() => inbox.changeStatus(note(6, 1), todo));
    await settled();
    expect(offered()).toBe('Marked todo');
    await act(() => useUndoOffer.getState().undoNow());
    expect(restore).toHaveBeenCalledWith([{ msgId: 6, status: '1' }]);
  });

  it('is not offered for the read that opening a notification implies', async () => {
    vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置已读操作成功');
    const inbox = actions();
    act(() => inbox.open(note(9, 0)));
    await settled();
    expect(useUndoOffer.getState().offer).toBeNull();
  });

  it('after a bulk change puts back each one’s own status, leaving out those that did not change', async () => {
    vi.spyOn(inboxApi, 'setStatus').mockImplementation(async (id) => {
      if (id === 5) throw new Error('busy');
      return '设置待办操作成功';
    });
    const restore = vi.spyOn(inboxApi, 'restore').mockResolvedValue(2);
    const inbox = actions();
    act(() => inbox.changeMany([note(9, 0), note(6, 1), note(5, 0), note(8, 2)], todo));
    await waitFor(() => expect(offered()).toBe('Marked 2 notifications todo'));
    expect(useInboxView.getState().notice).toMatchObject({ kind: 'bulkFailed', failed: 1, count: 3 });
    await act(() => useUndoOffer.getState().undoNow());
    expect(restore).toHaveBeenCalledWith([
      { msgId: 9, status: '0' },
      { msgId: 6, status: '1' },
    ]);
  });

  it('that the server refuses says why', async () => {
    vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置已读操作成功');
    vi.spyOn(inboxApi, 'restore').mockRejectedValue(new Error('msgId: not yours'));
    const inbox = actions();
    act(() => inbox.changeStatus(note(9, 0), read));
    await settled();
    await act(() => useUndoOffer.getState().undoNow());
    expect(useUndoOffer.getState().offer).toMatchObject({ phase: 'failed', reason: 'msgId: not yours' });
  });
});
