// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { message } from '../features/chat/chat-fixtures.js';
import type { History } from '../features/chat/history.js';
import {
  forgetKeptQueriesExcept,
  KEPT_HISTORIES,
  KEPT_MESSAGES,
  keepQueries,
  keptState,
  readKeptQueriesAhead,
  restoreKeptQueries,
} from './kept-queries.js';

const history = (cId: number, count: number, change: Partial<History> = {}): History => ({
  messages: Array.from({ length: count }, (_, i) => message(i + 1, { cId })),
  complete: true,
  reachesLatest: true,
  ...change,
});

afterEach(async () => {
  vi.useRealTimers();
  await forgetKeptQueriesExcept(null);
});

describe('the server state kept on the device', () => {
  it('keeps the lists, the counters and the latest messages of recent chats, and nothing else', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.windows('all'), { list: [], total: 0 });
    client.setQueryData(queryKeys.counts, { chatMentions: 0 });
    client.setQueryData(queryKeys.inboxCounts, { unread: 3 });
    client.setQueryData(['inbox', 'list', 0, null], { pages: [{ items: [1] }, { items: [2] }], pageParams: [0, 1] });
    client.setQueryData(['inbox', 'list', 0, 3], { pages: [{ items: [9] }], pageParams: [0] });
    client.setQueryData(queryKeys.search('会议', 100), []);
    client.setQueryData(queryKeys.history(10), history(10, 120, { complete: true }));
    // A slice opened at a search result, away from the latest: not what the chat opens on.
    client.setQueryData(queryKeys.history(11), history(11, 30, { reachesLatest: false }));

    const kept = keptState(client);
    const byKey = new Map(kept.queries.map((query) => [JSON.stringify(query.queryKey), query.state.data]));
    expect([...byKey.keys()].sort()).toEqual(
      ['["windows","all"]', '["counts"]', '["inbox","counts"]', '["inbox","list",0,null]', '["history",10]'].sort(),
    );
    const latest = byKey.get('["history",10]') as History;
    expect(latest.messages.map((m) => m.id)).toEqual(Array.from({ length: KEPT_MESSAGES }, (_, i) => 71 + i));
    expect(latest.complete).toBe(false);
    expect(byKey.get('["inbox","list",0,null]')).toEqual({ pages: [{ items: [1] }], pageParams: [0] });
  });

  it('keeps the most recently updated chats only', () => {
    const client = new QueryClient();
    for (let cId = 1; cId <= KEPT_HISTORIES + 5; cId++)
      client.setQueryData(queryKeys.history(cId), history(cId, 2), { updatedAt: 1000 + cId });
    const kept = keptState(client).queries.map((query) => query.queryKey[1]);
    expect(kept).toHaveLength(KEPT_HISTORIES);
    expect(Math.min(...(kept as number[]))).toBe(6);
  });

  it('comes back for the same user after a restart, and is gone for anyone else', async () => {
    const before = new QueryClient();
    const stop = keepQueries(before, 1);
    before.setQueryData(queryKeys.history(10), history(10, 3));
    await vi.waitFor(
      async () => {
        const after = new QueryClient();
        await restoreKeptQueries(after, 1);
        expect(after.getQueryData<History>(queryKeys.history(10))?.messages).toHaveLength(3);
      },
      { timeout: 3000 },
    );
    stop();

    await forgetKeptQueriesExcept(2);
    const someoneElse = new QueryClient();
    await restoreKeptQueries(someoneElse, 1);
    expect(someoneElse.getQueryData(queryKeys.history(10))).toBeUndefined();
  });

  it('reads ahead for the user it names only, and once', async () => {
    const before = new QueryClient();
    const stop = keepQueries(before, 1);
    before.setQueryData(queryKeys.history(10), history(10, 3));
    const restored = async (userId: number) => {
      const client = new QueryClient();
      await restoreKeptQueries(client, userId);
      return client.getQueryData<History>(queryKeys.history(10))?.messages.length;
    };
    await vi.waitFor(async () => expect(await restored(1)).toBe(3), { timeout: 3000 });
    stop();

    // Read ahead for user 1, then user 2 signs in: user 2 gets nothing of it.
    readKeptQueriesAhead(1);
    expect(await restored(2)).toBeUndefined();
    // A read ahead serves one restore: once the device's copy is dropped, the next one reads again.
    readKeptQueriesAhead(1);
    expect(await restored(1)).toBe(3);
    await forgetKeptQueriesExcept(null);
    expect(await restored(1)).toBeUndefined();
  });
});
