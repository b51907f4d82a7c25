// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../api/query-keys.js';
import type { BadgeCounts } from '../../api/wire.js';
import type { Section } from '../../state/navigation.js';
import { useSettings } from '../../state/settings.js';
import { useWindowTitle } from './useWindowTitle.js';

vi.mock('../../api/accounts.js', () => ({ accountsApi: { counts: vi.fn(() => new Promise(() => undefined)) } }));

const counts = (chatUnread: number, inboxUnread: number, invitationsPending: number, inboxTodo = 0) =>
  ({ chatUnread, inboxUnread, invitationsPending, inboxTodo }) as BadgeCounts;

function Shell({ section }: { section: Section }) {
  useWindowTitle(section);
  return null;
}

function renderShell(section: Section, client = new QueryClient()) {
  const view = render(
    <QueryClientProvider client={client}>
      <Shell section={section} />
    </QueryClientProvider>,
  );
  return {
    client,
    show: (next: Section) =>
      view.rerender(
        <QueryClientProvider client={client}>
          <Shell section={next} />
        </QueryClientProvider>,
      ),
    unmount: view.unmount,
  };
}

beforeEach(() => {
  document.title = 'Messenger';
  useSettings.setState({ language: 'zh-CN' });
});
afterEach(cleanup);

describe('the window title', () => {
  it('names the section, after the number waiting, in the UI language', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.counts, counts(2, 1, 0, 5));
    const { show } = renderShell('chats', client);
    expect(document.title).toBe('(3) 聊天');

    show('inbox');
    expect(document.title).toBe('(3) 通知');

    act(() => useSettings.setState({ language: 'en' }));
    expect(document.title).toBe('(3) Inbox');
  });

  it('follows the live counts, and has no number when nothing waits', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.counts, counts(1, 0, 0));
    renderShell('chats', client);
    expect(document.title).toBe('(1) 聊天');

    act(() => void client.setQueryData(queryKeys.counts, counts(0, 0, 0)));
    await waitFor(() => expect(document.title).toBe('聊天'));
  });

  it('names the section while the counts are still on their way, and gives the page its title back on sign-out', () => {
    const { unmount } = renderShell('settings');
    expect(document.title).toBe('设置');

    unmount();
    expect(document.title).toBe('Messenger');
  });
});
