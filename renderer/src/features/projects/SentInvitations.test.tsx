// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';
import { projectsApi } from '../../api/projects.js';
import type { Invitation } from '../../api/wire.js';
import { useSettings } from '../../state/settings.js';
import { SentInvitations } from './SentInvitations.js';

vi.mock('../../api/projects.js', () => ({ projectsApi: { invitations: vi.fn(), cancelInvitation: vi.fn() } }));

const person = (id: number, nickname: string) => ({ id, userName: `u${id}`, nickname, image: '' });
const zhangsan = person(1, '张三');
const lisi = person(2, '李四');
const invitation = (id: string, to: Invitation['to'], state: Invitation['state'], from = zhangsan): Invitation => ({
  id,
  kind: 'project',
  projectId: 'p1',
  projectName: 'Website',
  taskId: null,
  taskName: null,
  from,
  to,
  remark: '',
  state,
  createdAt: '2024-05-01T09:00:00.000Z',
  answeredAt: state === 'pending' ? null : '2024-05-01T09:05:00.000Z',
});

beforeEach(() => {
  vi.clearAllMocks();
  useSettings.setState({ language: 'en' });
});
afterEach(cleanup);

function show(props: { me: number; isOwner: boolean }, onNotice = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SentInvitations projectId="p1" onNotice={onNotice} {...props} />
    </QueryClientProvider>,
  );
  return screen.findByRole('region', { name: /Sent invitations/ });
}

describe('sent invitations', () => {
  it('show each one’s state; the owner may withdraw any pending one, and it turns withdrawn', async () => {
    const wangwu = person(3, '王五');
    const cancelled = invitation('a', person(4, '陈七'), 'cancelled', lisi);
    const others = [
      invitation('b', wangwu, 'declined'),
      { ...invitation('c', lisi, 'taken'), kind: 'task', taskId: 't1', taskName: 'Draft' } as const,
    ];
    // Before the cancel, and as the server answers after it.
    vi.mocked(projectsApi.invitations)
      .mockResolvedValueOnce([{ ...cancelled, state: 'pending', answeredAt: null }, ...others])
      .mockResolvedValue([cancelled, ...others]);
    vi.mocked(projectsApi.cancelInvitation).mockResolvedValue(cancelled);
    const onNotice = vi.fn();
    const region = await show({ me: 1, isOwner: true }, onNotice);
    const rows = await within(region).findAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.state-tag')!.textContent)).toEqual([
      'Awaiting reply',
      'Declined',
      'Taken by someone else',
    ]);
    expect(rows[0]!.textContent).toMatch(/陈七.*To join the project.*Invited by 李四/);
    expect(rows[2]!.textContent).toMatch(/To take on “Draft”/);
    // Only a pending invitation can be withdrawn.
    expect(within(region).getAllByRole('button')).toHaveLength(1);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Withdraw the invitation to 陈七' })));
    expect(projectsApi.cancelInvitation).toHaveBeenCalledWith('a');
    await vi.waitFor(() => expect(rows[0]!.querySelector('.state-tag')!.textContent).toBe('Withdrawn'));
    expect(within(region).queryByRole('button')).toBeNull();
    expect(onNotice).toHaveBeenCalledWith('The invitation to 陈七 was withdrawn.');
  });

  it('let a member withdraw only what they sent, and show the server’s words when it is too late', async () => {
    vi.mocked(projectsApi.invitations).mockResolvedValue([
      invitation('a', person(4, '陈七'), 'pending', zhangsan),
      invitation('b', person(5, '赵六'), 'pending', lisi),
    ]);
    vi.mocked(projectsApi.cancelInvitation).mockRejectedValue(new ApiError(409, '已接受'));
    const region = await show({ me: 2, isOwner: false });
    await within(region).findAllByRole('listitem');
    expect(
      within(region)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Withdraw the invitation to 赵六']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Withdraw the invitation to 赵六' })));
    expect((await within(region).findByRole('alert')).textContent).toBe('Cannot withdraw: 已接受');
  });

  it('say so when none was sent', async () => {
    vi.mocked(projectsApi.invitations).mockResolvedValue([]);
    const region = await show({ me: 2, isOwner: false });
    expect(await within(region).findByText('No invitations sent yet')).toBeTruthy();
  });
});
