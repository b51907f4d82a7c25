// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { inboxApi } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { InboxCounts, Notification } from '../../api/wire.js';
import { dispatchReady, dispatchServerEvent } from '../../realtime/dispatch.js';
import { countsEvent } from '../../realtime/event-fixtures.js';
import { cachedUnread, fetchPage, LISTS, listKey, placeInList, rememberOpened } from './inbox-cache.js';
import { inboxCountsQuery } from './inbox-counts.js';
import { ids, inboxCounts, note, page, pages } from './inbox-fixtures.js';
import './inbox-live.js';

const { unread, read, todo } = NotificationStatus;

let client: QueryClient;
beforeEach(() => {
  client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  // Unread 9, 7, 5 (type 1: 9, 5; type 2: 7); todo 8; read 6, 4 loaded, older ones not yet.
  client.setQueryData(listKey(unread, null), pages(page(null, note(9, 0), note(7, 0, 2, 1), note(5, 0))));
  client.setQueryData(listKey(unread, 1), pages(page(null, note(9, 0), note(5, 0))));
  client.setQueryData(listKey(todo, null), pages(page(null, note(8, 2, 2, 2))));
  client.setQueryData(listKey(read, null), pages(page(4, note(6, 1), note(4, 1))));
  client.setQueryData(queryKeys.inboxCounts, inboxCounts(3, 1, 5, { '1': [2, 0], '2': [1, 1] }));
});
afterEach(() => vi.restoreAllMocks());

const counters = () => client.getQueryData<InboxCounts>(queryKeys.inboxCounts);
const opened = (id: number) => client.getQueryData<Notification>(queryKeys.notification(id));

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

describe('live notifications', () => {
  it('notification.new goes on top of the unread lists it matches, once, and leaves the counters to the server', () => {
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0, 1, 2) }, client);
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0, 1, 2) }, client);
    expect(ids(client, unread)).toEqual([[10, 9, 7, 5]]);
    expect(ids(client, unread, 1)).toEqual([[10, 9, 5]]);
    expect(ids(client, read)).toEqual([[6, 4]]);
    expect(counters()).toEqual(inboxCounts(3, 1, 5, { '1': [2, 0], '2': [1, 1] }));
  });

  it('a new notification of another type stays out of a type-filtered list', () => {
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0, 3, 1) }, client);
    expect(ids(client, unread)).toEqual([[10, 9, 7, 5]]);
    expect(ids(client, unread, 1)).toEqual([[9, 5]]);
  });

  it('notification.updated moves it between tabs', () => {
    dispatchServerEvent({ type: 'notification.updated', data: note(5, 1) }, client);
    expect(ids(client, unread)).toEqual([[9, 7]]);
    expect(ids(client, unread, 1)).toEqual([[9]]);
    expect(ids(client, read)).toEqual([[6, 5, 4]]);
    dispatchServerEvent({ type: 'notification.updated', data: note(8, 0, 2, 2) }, client);
    expect(ids(client, todo)).toEqual([[]]);
    expect(ids(client, unread)).toEqual([[9, 8, 7]]);
  });

  it('keep an opened notification’s entry in step, also once no loaded list holds it', () => {
    rememberOpened(client, note(9, 0));
    dispatchServerEvent({ type: 'notification.updated', data: note(9, 2) }, client);
    expect(opened(9)?.status).toBe('2');
    client.removeQueries({ queryKey: LISTS });
    dispatchServerEvent({ type: 'notification.updated', data: { ...note(9, 1), title: 'renamed' } }, client);
    expect(opened(9)).toMatchObject({ status: '1', title: 'renamed' });
  });

  it('touch no entry of a notification that was never opened', () => {
    dispatchServerEvent({ type: 'notification.updated', data: note(7, 1) }, client);
    expect(opened(7)).toBeUndefined();
  });

  it('a reconnect fetches the lists again; the counters come with the `counts` that follows `ready`', () => {
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    dispatchReady(client);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: LISTS });
    expect(invalidate).not.toHaveBeenCalledWith(expect.objectContaining({ queryKey: queryKeys.inboxCounts }));
  });
});

describe('the counters', () => {
  it('are the `counts` event’s, whole, whatever moved before it', () => {
    dispatchServerEvent({ type: 'notification.updated', data: note(5, 1) }, client);
    dispatchServerEvent({ type: 'notification.new', data: note(10, 0) }, client);
    expect(counters()).toEqual(inboxCounts(3, 1, 5, { '1': [2, 0], '2': [1, 1] }));
    const pushed = inboxCounts(40, 2, 17, { '1': [30, 1], '4': [10, 1] });
    dispatchServerEvent(countsEvent({ inbox: pushed }), client);
    expect(counters()).toEqual(pushed);
  });

  it('are fetched while no event has come, and a fetch answered after an event does not overwrite it', async () => {
    const fresh = new QueryClient();
    let answer!: (counts: InboxCounts) => void;
    vi.spyOn(inboxApi, 'counts').mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const fetching = fresh.fetchQuery(inboxCountsQuery).catch(() => undefined);
    expect(inboxApi.counts).toHaveBeenCalledTimes(1);

    const pushed = inboxCounts(2, 0, 9);
    dispatchServerEvent(countsEvent({ inbox: pushed }), fresh);
    answer(inboxCounts(3, 0, 8)); // read before the change the event reports
    await fetching;
    expect(fresh.getQueryData(queryKeys.inboxCounts)).toEqual(pushed);
  });
});

describe('a list page', () => {
  it('brings the opened notification’s latest state to its entry', async () => {
    rememberOpened(client, note(9, 0));
    vi.spyOn(inboxApi, 'list').mockResolvedValue([note(9, 2), note(8, 2, 2, 2)]);
    await fetchPage(client, todo, null);
    expect(opened(9)?.status).toBe('2');
    expect(opened(8)).toBeUndefined();
  });
});

describe('what “mark all read” changes on screen', () => {
  it('is every cached unread notification of the type, the opened one included', () => {
    rememberOpened(client, note(3, 0));
    expect(
      cachedUnread(client, 1)
        .map((n) => n.id)
        .sort(),
    ).toEqual([3, 5, 9]);
    expect(cachedUnread(client, 2).map((n) => n.id)).toEqual([7]);
  });
});
