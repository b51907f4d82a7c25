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
import type { History } from './history.js';
import { useHistory, useWindowList } from './queries.js';

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
    await waitFor(() => expect(opened.current.data?.messages[1]?.delivered).toBe(true));
  });
});
