// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { inboxApi } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import { searchApi } from '../../api/search.js';
import type { SearchResult } from '../../api/wire.js';
import { useSettings } from '../../state/settings.js';
import { listKey } from './inbox-cache.js';
import { inboxCounts, note, page, pages } from './inbox-fixtures.js';
import { useInboxView } from './inbox-store.js';
import { InboxSection } from './InboxSection.js';
import { giveElementsAHeight } from '../../testing/layout.js';

const found: SearchResult[] = [
  {
    kind: 'message',
    id: 900,
    cId: 3,
    fromId: 2,
    text: '审批 in a chat',
    snippet: '审批 in a chat',
    highlights: [],
    created_at: null,
  },
  {
    kind: 'notification',
    id: 7,
    title: '流转审批待审核',
    type: 2,
    status: '0',
    text: '王五提交的「差旅报销单」等待你审批',
    snippet: '王五提交的「差旅报销单」等待你审批',
    highlights: [{ start: 15, length: 2 }],
    created_at: '2026-01-02 03:04:05',
  },
];

giveElementsAHeight(600);

let search: MockInstance<typeof searchApi.search>;
beforeEach(() => {
  useSettings.setState({ language: 'zh-CN' });
  useInboxView.setState({ tab: NotificationStatus.unread, type: null, subtype: null, openedId: null, notice: null });
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(listKey(NotificationStatus.unread, null), pages(page(null, note(2, 0), note(1, 0))));
  client.setQueryData(queryKeys.inboxCounts, inboxCounts(2, 0, 0));
  search = vi.spyOn(searchApi, 'search').mockResolvedValue(found);
  vi.spyOn(inboxApi, 'list').mockImplementation(async ({ status, before }) =>
    status === NotificationStatus.unread && before === 8 ? [{ ...note(7, 0, 2, 1), title: '流转审批待审核' }] : [],
  );
  vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('ok');
  render(
    <QueryClientProvider client={client}>
      <InboxSection />
    </QueryClientProvider>,
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

describe('searching the inbox', () => {
  it('does not search the letters of a word still being composed, then searches the word', async () => {
    const field = screen.getByRole('searchbox', { name: '搜索通知' });
    fireEvent.compositionStart(field);
    // What the input method shows while the word is composed: input events that say so.
    for (const letters of ['s', 'shen', 'shenpi']) {
      setValue.call(field, letters);
      field.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    }
    expect((field as HTMLInputElement).value).toBe('shenpi');
    expect(search).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: '审批' } });
    fireEvent.compositionEnd(field);
    await waitFor(() => expect(search).toHaveBeenCalled());
    expect(search.mock.calls.map(([q]) => q)).toEqual(['审批']);
  });

  it('lists only the notifications found, and opens one in the details pane', async () => {
    fireEvent.change(screen.getByRole('searchbox', { name: '搜索通知' }), { target: { value: '审批' } });
    const results = await screen.findByRole('listbox', { name: '搜索到的通知' });
    const options = within(results).getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(within(options[0]!).getByText('审批', { selector: 'mark' })).toBeDefined();
    fireEvent.keyDown(options[0]!, { key: 'Enter' });
    const details = await screen.findByRole('complementary', { name: '通知详情' });
    expect(within(details).getByRole('heading', { name: '流转审批待审核' })).toBeDefined();
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    // Opening read it: the result shows it as it is now, not as the search found it.
    await waitFor(() => expect(within(options[0]!).getByText(/已读/)).toBeDefined());
    expect(inboxApi.setStatus).toHaveBeenCalledWith(7, 'setread');
  });
});
