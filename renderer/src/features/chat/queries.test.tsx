// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import type { WindowFilter } from '../../api/wire.js';
import { addMessage, applyDelivered } from './chat-cache.js';
import { directWindow, message } from './chat-fixtures.js';
import type { CachedMessage, History } from './history.js';
import {
  useFocusedHistory,
  useHistory,
  useHistoryEdge,
  useLoadLatest,
  useWindowList,
  type MessageFocus,
} from './queries.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Hooks rendered one after the other against one cache, as components mount. */
function cache() {
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, render: <T,>(hook: () => T) => renderHook(hook, { wrapper }).result };
}

function serveWindows() {
  vi.spyOn(chatApi, 'windows').mockImplementation(async (filter: WindowFilter) => {
    const list = filter === 'all' ? [directWindow(10, { messages: [message(1), message(2)] })] : [];
    return { page: 1, pageSize: 100, total: list.length, list };
  });
}

describe('the window list', () => {
  it('hands each window’s messages to its history and shows the latest from there', async () => {
    serveWindows();
    const { queryClient, render } = cache();
    const result = render(useWindowList);
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.windows.map((w) => w.id)).toEqual([10]);
    expect(result.current.windows[0]).not.toHaveProperty('messages');
    expect(queryClient.getQueryData<History>(queryKeys.history(10))?.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(result.current.latest.get(10)?.id).toBe(2);

    act(() => void addMessage(queryClient, message(3, { message: '到了' })));
    await waitFor(() => expect(result.current.latest.get(10)).toMatchObject({ id: 3, message: '到了' }));
    expect(result.current.windows[0]!.afterMessage).toBe('到了');
  });

  it('opens a listed window from its seeded history, without a request, and ticks land there', async () => {
    serveWindows();
    const history = vi.spyOn(chatApi, 'history');
    const { queryClient, render } = cache();
    const list = render(useWindowList);
    await waitFor(() => expect(list.current.loaded).toBe(true));
    const opened = render(() => useHistory(10));
    expect(opened.current.data?.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(history).not.toHaveBeenCalled();
    act(() => applyDelivered(queryClient, 10, [2]));
    await waitFor(() => expect(opened.current.data?.messages[1]?.deliveredAt).not.toBeNull());
  });
});

/** A window's messages on the server, answering pages as it does; `sent` is called as a page is read. */
/** Window 10 as the chat list leaves it: its latest 20 messages, nothing older loaded. */
function listedLatest(queryClient: QueryClient, all: CachedMessage[]) {
  queryClient.setQueryData<History>(queryKeys.history(10), {
    messages: all.slice(-20),
    complete: false,
    reachesLatest: true,
  });
}

function serveHistory(count: number) {
  const all = Array.from({ length: count }, (_, i) => message(i + 1));
  const served = { all, whileReading: undefined as (() => void) | undefined };
  const answer = (page: CachedMessage[]) => {
    const whileReading = served.whileReading;
    served.whileReading = undefined;
    whileReading?.();
    return page;
  };
  vi.spyOn(chatApi, 'history').mockImplementation(async (_cId, before = Infinity, limit = 50) =>
    answer(all.filter((m) => m.id < before).slice(-limit)),
  );
  vi.spyOn(chatApi, 'historyAfter').mockImplementation(async (_cId, after, limit = 50) =>
    answer(all.filter((m) => m.id > after).slice(0, limit)),
  );
  vi.spyOn(chatApi, 'historyAround').mockImplementation(async (_cId, around, limit = 50) => {
    const older = all.filter((m) => m.id < around).slice(-Math.floor((limit - 1) / 2));
    return answer([...older, ...all.filter((m) => m.id >= around).slice(0, limit - older.length)]);
  });
  return served;
}

const range = (history: History | undefined) => history && [history.messages[0]?.id, history.messages.at(-1)?.id];

/** A window opened at a message, with its paging, as the message pane uses them. */
function openAt(render: ReturnType<typeof cache>['render'], focus: MessageFocus) {
  return render(() => {
    const history = useHistory(10).data;
    return {
      history,
      focus: useFocusedHistory(10, focus, history),
      newer: useHistoryEdge(10, 'newer', history),
      latest: useLoadLatest(10),
    };
  });
}

describe('opening a window at a message', () => {
  it('loads the page around it in place of the latest; live messages wait until paging newer reaches the latest', async () => {
    const server = serveHistory(300);
    const { queryClient, render } = cache();
    listedLatest(queryClient, server.all);
    const opened = openAt(render, { messageId: 100, seq: 1 });
    await waitFor(() => expect(opened.current.focus.state).toBe('shown'));
    expect(range(opened.current.history)).toEqual([76, 125]);
    expect(opened.current.newer.reached).toBe(false);

    const live = message(301);
    server.all.push(live);
    act(() => void addMessage(queryClient, live));
    expect(range(queryClient.getQueryData<History>(queryKeys.history(10)))).toEqual([76, 125]);

    for (const end of [225, 301]) {
      act(() => opened.current.newer.load());
      await waitFor(() => expect(range(opened.current.history)).toEqual([76, end]));
    }
    await waitFor(() => expect(opened.current.newer.reached).toBe(true));
    act(() => void addMessage(queryClient, message(302)));
    await waitFor(() => expect(range(opened.current.history)).toEqual([76, 302]));
  });

  it('keeps a message sent while the page that reaches the latest was on its way', async () => {
    const server = serveHistory(120);
    const { queryClient, render } = cache();
    listedLatest(queryClient, server.all);
    const opened = openAt(render, { messageId: 10, seq: 1 });
    await waitFor(() => expect(opened.current.focus.state).toBe('shown'));
    expect(range(opened.current.history)).toEqual([1, 50]);
    // The page is read, then 121 is sent and pushed before the page arrives: the slice keeps it out.
    server.whileReading = () => {
      const sent = message(121);
      server.all.push(sent);
      addMessage(queryClient, sent);
    };
    act(() => opened.current.newer.load());
    await waitFor(() => expect(range(opened.current.history)).toEqual([1, 121]));
    expect(opened.current.history?.reachesLatest).toBe(true);
  });

  it('pages on if the look past the latest fails: what follows may be behind a hole', async () => {
    const server = serveHistory(120);
    const { queryClient, render } = cache();
    listedLatest(queryClient, server.all);
    const opened = openAt(render, { messageId: 10, seq: 1 });
    await waitFor(() => expect(range(opened.current.history)).toEqual([1, 50]));
    const serve = vi.mocked(chatApi.historyAfter).getMockImplementation()!;
    vi.mocked(chatApi.historyAfter)
      .mockImplementationOnce(serve)
      .mockRejectedValueOnce(new Error('network unreachable'));
    act(() => opened.current.newer.load());
    await waitFor(() => expect(opened.current.newer.failed).toBe(true));
    expect(opened.current.history).toMatchObject({ reachesLatest: false });
    server.all.push(message(121));
    act(() => opened.current.newer.load());
    await waitFor(() => expect(range(opened.current.history)).toEqual([1, 121]));
    expect(opened.current.newer).toMatchObject({ reached: true, failed: false });
  });

  it('goes back to the latest from a slice in one step', async () => {
    const server = serveHistory(1000);
    const { queryClient, render } = cache();
    listedLatest(queryClient, server.all);
    const opened = openAt(render, { messageId: 500, seq: 1 });
    await waitFor(() => expect(range(opened.current.history)).toEqual([476, 525]));
    act(() => opened.current.latest.load());
    await waitFor(() => expect(range(opened.current.history)).toEqual([901, 1000]));
    expect(opened.current.history).toMatchObject({ reachesLatest: true, complete: false });
  });

  it('needs no request for a message already loaded, and says when the window has no such message', async () => {
    const server = serveHistory(300);
    const { queryClient, render } = cache();
    listedLatest(queryClient, server.all);
    expect(openAt(render, { messageId: 290, seq: 1 }).current.focus.state).toBe('shown');
    expect(chatApi.historyAround).not.toHaveBeenCalled();
    server.all.splice(149, 1); // message 150 is gone
    const missing = openAt(render, { messageId: 150, seq: 2 });
    await waitFor(() => expect(missing.current.focus.state).toBe('missing'));
  });
});
