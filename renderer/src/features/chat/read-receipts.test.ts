import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import { findWindow, listWindow } from './chat-cache.js';
import { directWindow } from './chat-fixtures.js';
import { markSeen } from './read-receipts.js';

afterEach(() => vi.restoreAllMocks());

/** A read request that answers only when the test says so. */
function heldReads() {
  const answers: (() => void)[] = [];
  const read = vi
    .spyOn(chatApi, 'read')
    .mockImplementation(
      (cId, upTo) =>
        new Promise((resolve) => answers.push(() => resolve({ cId, upTo, userId: 1, unread: 0, mentionUnread: 0 }))),
    );
  const answerNext = async () => {
    answers.shift()!();
    await new Promise((resolve) => setTimeout(resolve));
  };
  return { read, answerNext };
}

describe('read receipts', () => {
  it('send one request for the highest message seen, not one per message', async () => {
    const { read, answerNext } = heldReads();
    const queryClient = new QueryClient();
    markSeen(queryClient, 1, 10, 100);
    markSeen(queryClient, 1, 10, 101);
    markSeen(queryClient, 1, 10, 105);
    markSeen(queryClient, 1, 10, 103);
    expect(read.mock.calls).toEqual([[10, 100]]);
    await answerNext();
    expect(read.mock.calls).toEqual([
      [10, 100],
      [10, 105],
    ]);
    await answerNext();
    markSeen(queryClient, 1, 10, 104);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('try again on the next sighting after a failure, not in a loop', async () => {
    const read = vi.spyOn(chatApi, 'read').mockRejectedValueOnce(new Error('offline'));
    const queryClient = new QueryClient();
    markSeen(queryClient, 1, 11, 50);
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(read).toHaveBeenCalledTimes(1);
    read.mockResolvedValueOnce({ cId: 11, upTo: 50, userId: 1, unread: 0, mentionUnread: 0 });
    markSeen(queryClient, 1, 11, 50);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('give the window the unread and mention counts the server answers with, with no push needed', async () => {
    vi.spyOn(chatApi, 'read').mockResolvedValue({ cId: 12, upTo: 70, userId: 1, unread: 2, mentionUnread: 0 });
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.windows('all'), {
      total: 1,
      list: [listWindow(queryClient, directWindow(12, { unread: 9, mentionUnread: 1 }))],
    });
    markSeen(queryClient, 1, 12, 70);
    await vi.waitFor(() => expect(findWindow(queryClient, 12)).toMatchObject({ unread: 2, mentionUnread: 0 }));
  });

  it('fetch the window list again when one in flight may have been read before the receipt', async () => {
    vi.spyOn(chatApi, 'read').mockResolvedValue({ cId: 13, upTo: 80, userId: 1, unread: 0, mentionUnread: 0 });
    const queryClient = new QueryClient();
    const listing = (mentionUnread: number) => ({
      total: 1,
      list: [listWindow(queryClient, directWindow(13, { unread: mentionUnread, mentionUnread }))],
    });
    // The first list answers only after the receipt, with the counts from before it.
    let answerStale!: () => void;
    const stale = new Promise<undefined>((resolve) => {
      answerStale = () => resolve(undefined);
    });
    const fetches = vi
      .fn()
      .mockImplementationOnce(async () => (await stale, listing(1)))
      .mockImplementation(async () => listing(0));
    const observer = new QueryObserver(queryClient, { queryKey: queryKeys.windows('all'), queryFn: fetches });
    const unsubscribe = observer.subscribe(() => undefined);
    queryClient.setQueryData(queryKeys.windows('all'), listing(1));
    markSeen(queryClient, 1, 13, 80);
    await vi.waitFor(() => expect(fetches).toHaveBeenCalledTimes(2));
    answerStale();
    await vi.waitFor(() => expect(findWindow(queryClient, 13)).toMatchObject({ unread: 0, mentionUnread: 0 }));
    unsubscribe();
  });
});
