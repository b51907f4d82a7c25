// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { offlineApi } from '../../api/offline.js';
import { queryKeys } from '../../api/query-keys.js';
import type { OfflineMessage } from '../../api/wire.js';
import { useSettings } from '../../state/settings.js';
import { InvitationsSection } from './InvitationsSection.js';
import { offlineMessage } from './offline-fixtures.js';

const HOUR = 3_600_000;

function message(id: string, type: number, hoursAgo: number, msg: string): OfflineMessage {
  return { ...offlineMessage(id, type, true), msg, time: Date.now() - hoursAgo * HOUR };
}

beforeEach(() => {
  useSettings.setState({ language: 'zh-CN' });
  vi.spyOn(offlineApi, 'take').mockResolvedValue([]);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function show(history: OfflineMessage[]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  // One page shorter than a full one: there is nothing older to load.
  client.setQueryData(queryKeys.offlineHistory, { pages: [history], pageParams: [undefined] });
  client.setQueryData(queryKeys.counts, { chatUnread: 0, inboxUnread: 0, inboxTodo: 0, invitationsPending: 0 });
  render(
    <QueryClientProvider client={client}>
      <InvitationsSection />
    </QueryClientProvider>,
  );
}

describe('the activity list', () => {
  it('leaves direct and group messages to the chats: only project and task events are rows', () => {
    const history = [
      ...Array.from({ length: 30 }, (_, i) => message(`dm${i}`, 0, 0, `李四给你发来一条私信: 第 ${i} 条`)),
      message('grp', 1, 0, '王五在群聊「设计」中发言: 好'),
      message('joined', 2, 0, '王五加入了项目: 年会筹备'),
      message('task', 6, 0, '李四发布了一个任务: 接口联调'),
    ];
    show(history);
    const activity = screen.getByRole('region', { name: '动态' });
    expect(within(activity).getAllByRole('listitem')).toHaveLength(2);
    expect(within(activity).queryByText(/私信|群聊/)).toBeNull();
  });

  it('is grouped by day under headings that name each group', () => {
    const now = new Date();
    const hoursIntoToday = now.getHours() + now.getMinutes() / 60;
    show([
      message('a', 2, hoursIntoToday / 2, '王五加入了项目: 今天的'),
      message('b', 3, hoursIntoToday + 12, '王五离开了项目: 昨天的'),
      message('c', 6, hoursIntoToday + 24 * 5, '李四发布了一个任务: 更早的'),
    ]);
    const activity = screen.getByRole('region', { name: '动态' });
    const days = within(activity).getAllByRole('region');
    expect(days.map((day) => within(day).getByRole('heading', { level: 3 }).textContent)).toEqual([
      '今天',
      '昨天',
      expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日/),
    ]);
    expect(within(days[0]!).getByText(/今天的/)).toBeDefined();
    expect(within(days[1]!).getByText(/昨天的/)).toBeDefined();
    expect(within(days[2]!).getByText(/更早的/)).toBeDefined();
  });
});
