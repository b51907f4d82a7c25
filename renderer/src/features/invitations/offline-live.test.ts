// @vitest-environment jsdom
import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { offlineApi } from '../../api/offline.js';
import { queryKeys } from '../../api/query-keys.js';
import type { OfflineMessage } from '../../api/wire.js';
import { notify } from '../../notify.js';
import { dispatchServerEvent } from '../../realtime/dispatch.js';
import { useNavigation } from '../../state/navigation.js';
import { useSettings } from '../../state/settings.js';
import { offlineMessage } from './offline-fixtures.js';
import './offline-live.js';

vi.mock('../../api/offline.js', () => ({ offlineApi: { take: vi.fn(async () => []) } }));
vi.mock('../../notify.js', () => ({ notify: vi.fn() }));

type History = InfiniteData<OfflineMessage[], string | undefined>;

describe('offline.new', () => {
  let queryClient: QueryClient;
  const history = () => queryClient.getQueryData<History>(queryKeys.offlineHistory)!;
  const arrive = (message: OfflineMessage) => dispatchServerEvent({ type: 'offline.new', data: message }, queryClient);

  beforeEach(() => {
    vi.clearAllMocks();
    queryClient = new QueryClient();
    queryClient.setQueryData<History>(queryKeys.offlineHistory, {
      pages: [[offlineMessage('b', 2, true)], [offlineMessage('a', 0, true)]],
      pageParams: [undefined, 'b'],
    });
  });

  it('puts the new message on top of the first page, once, and hands it over', () => {
    const invitation = offlineMessage('c', 4, false, { projectId: 'p1' });
    arrive(invitation);
    arrive(invitation);
    expect(history().pages.map((page) => page.map((m) => m.id))).toEqual([['c', 'b'], ['a']]);
    expect(offlineApi.take).toHaveBeenCalled();
  });

  it('notifies about invitations, and the notification opens the invitations section', () => {
    useNavigation.getState().go('chats');
    arrive(offlineMessage('c', 7, false));
    expect(notify).toHaveBeenCalledTimes(1);
    vi.mocked(notify).mock.calls[0]![0].onClick!();
    expect(useNavigation.getState().section).toBe('invitations');
  });

  it('says what the invitation is in the UI language, naming the task as loaded', () => {
    useSettings.setState({ language: 'en' });
    queryClient.setQueryData(queryKeys.projects, [{ id: 'p1', name: '年会', ownerId: 3, cId: 12, created_at: '' }]);
    queryClient.setQueryData(queryKeys.project('p1'), {
      id: 'p1',
      name: '年会',
      ownerId: 3,
      cId: 12,
      created_at: '',
      members: [],
      tasks: [{ id: 't1', projectId: 'p1', name: '订场地', publisherId: 3, assigneeId: null, created_at: '' }],
    });
    arrive({
      ...offlineMessage('c', 7, false, { invitorName: '王五', missionId: 't1', remark: '' }),
      msg: '王五邀请你接受任务: 订场',
    });
    expect(vi.mocked(notify).mock.calls[0]![0]).toMatchObject({
      title: 'New invitation',
      body: '王五 invited you to take on the task “订场地”',
    });
  });

  it('does not notify about other activity', () => {
    arrive(offlineMessage('c', 6, true));
    expect(notify).not.toHaveBeenCalled();
    expect(history().pages[0]![0]!.id).toBe('c');
  });

  it('leaves the cache alone while the history was never loaded', () => {
    const empty = new QueryClient();
    dispatchServerEvent({ type: 'offline.new', data: offlineMessage('c', 4, false) }, empty);
    expect(empty.getQueryData(queryKeys.offlineHistory)).toBeUndefined();
  });
});
