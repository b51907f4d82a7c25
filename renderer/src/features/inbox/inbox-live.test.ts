// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { inboxApi } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Notification } from '../../api/wire.js';
import { notify, type DesktopNotification } from '../../notify.js';
import { dispatchServerEvent } from '../../realtime/dispatch.js';
import { useNavigation } from '../../state/navigation.js';
import { useInboxView } from './inbox-store.js';
import './inbox-live.js';

vi.mock('../../notify.js', () => ({ notify: vi.fn() }));

const created: Notification = {
  id: 31,
  title: '任务到期提醒',
  content: '任务「整理三月回访名单」将于明天到期',
  status: '0',
  type: 1,
  subtype: 6,
  params: null,
  created_at: '2026-01-02 03:04:05',
  updated_at: null,
  user_id: 1,
};

afterEach(() => vi.restoreAllMocks());

describe('a new notification while the app is in the background', () => {
  it('is shown on the desktop, and a click opens it in the inbox', async () => {
    const setStatus = vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('设置已读操作成功');
    useNavigation.setState({ section: 'chats' });
    useInboxView.setState({ tab: NotificationStatus.todo, openedId: null });
    const client = new QueryClient();
    dispatchServerEvent({ type: 'notification.new', data: created }, client);

    expect(notify).toHaveBeenCalledTimes(1);
    const shown = vi.mocked(notify).mock.calls[0]![0] as DesktopNotification;
    expect(shown).toMatchObject({ title: created.title, body: created.content });
    shown.onClick!();
    expect(useNavigation.getState().section).toBe('inbox');
    expect(useInboxView.getState()).toMatchObject({ tab: NotificationStatus.unread, openedId: 31 });
    await vi.waitFor(() => expect(setStatus).toHaveBeenCalledWith(31, 'setread'));
    expect(client.getQueryData(queryKeys.notification(31))).toMatchObject({ id: 31, status: '1' });
  });
});
