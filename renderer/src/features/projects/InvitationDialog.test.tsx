// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';
import { projectsApi } from '../../api/projects.js';
import type { Candidate, Task, UserProfile } from '../../api/wire.js';
import { useSettings } from '../../state/settings.js';
import { InviteMemberDialog } from './InviteMemberDialog.js';
import { InviteToTaskDialog } from './InviteToTaskDialog.js';
import { openDialogsInJsdom } from '../../testing/dialogs.js';

vi.mock('../../api/projects.js', () => ({
  projectsApi: { invite: vi.fn(), inviteToTask: vi.fn(), candidates: vi.fn() },
}));

const lisi: UserProfile = { id: 4, userName: 'lisi', nickname: '李四', image: '', role: 'MEMBER' };
const wangwu: UserProfile = { id: 5, userName: 'wangwu', nickname: '王五', image: '', role: 'MEMBER' };
const chenqi: UserProfile = { id: 6, userName: 'chenqi', nickname: '陈七', image: '', role: 'MEMBER' };
const candidate = (user: UserProfile, reason: Candidate['reason']): Candidate => ({
  ...user,
  available: reason === null,
  reason,
});
const task: Task = {
  id: 't1',
  projectId: 'p1',
  name: 'Draft the report',
  publisherId: 1,
  assigneeId: null,
  created_at: '2024-05-01 09:00:00',
};

openDialogsInJsdom();
beforeEach(() => {
  useSettings.setState({ language: 'en' });
  vi.mocked(projectsApi.invite).mockReset();
  vi.mocked(projectsApi.inviteToTask).mockReset();
  vi.mocked(projectsApi.candidates).mockResolvedValue([
    candidate(lisi, null),
    candidate(wangwu, 'member'),
    candidate(chenqi, 'invited'),
  ]);
});
afterEach(cleanup);

function withQueries(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const send = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send invitation' })));

describe('inviting someone to the project', () => {
  it('asks for the note and offers to send only once someone is chosen', async () => {
    const onSent = vi.fn();
    vi.mocked(projectsApi.invite).mockResolvedValue(null);
    withQueries(<InviteMemberDialog project={{ id: 'p1', name: 'Review' }} me={1} onSent={onSent} onClose={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Invite someone to “Review”' });
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Person to invite' }));
    expect(screen.queryByRole('button', { name: 'Send invitation' })).toBeNull();
    expect(projectsApi.candidates).toHaveBeenCalledWith('p1', '');

    // A member and someone already invited are listed with the reason, and cannot be chosen.
    const member = await screen.findByRole('option', { name: /王五.*Already a member/ });
    const invited = screen.getByRole('option', { name: /陈七.*Already invited/ });
    expect(member.getAttribute('aria-disabled')).toBe('true');
    expect(invited.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(member);
    expect(screen.queryByRole('textbox', { name: 'Note (optional)' })).toBeNull();

    fireEvent.click(await screen.findByRole('option', { name: /李四/ }));
    const note = screen.getByRole('textbox', { name: 'Note (optional)' });
    expect(document.activeElement).toBe(note);
    fireEvent.change(note, { target: { value: '  Join us ' } });
    await send();

    expect(projectsApi.invite).toHaveBeenCalledWith('p1', 4, 'Join us');
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining(lisi));
    expect(dialog.isConnected).toBe(true); // the caller closes it
  });
});

describe('inviting a member to a task', () => {
  it('chooses among the candidates, and says why the server refused', async () => {
    const onSent = vi.fn();
    vi.mocked(projectsApi.inviteToTask).mockRejectedValue(new ApiError(409, 'pending'));
    withQueries(
      <InviteToTaskDialog task={task} candidates={[lisi, wangwu]} invited={[]} onSent={onSent} onClose={vi.fn()} />,
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Project member' }), { target: { value: '5' } });
    await send();

    expect(projectsApi.inviteToTask).toHaveBeenCalledWith('t1', 5, '');
    expect(onSent).not.toHaveBeenCalled();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'They already have this task, or already have an invitation to it waiting for an answer.',
    );
  });

  it('says so when there is no one to invite, and offers only to cancel', () => {
    const onClose = vi.fn();
    withQueries(<InviteToTaskDialog task={task} candidates={[]} invited={[]} onSent={vi.fn()} onClose={onClose} />);
    expect(screen.getByText('There is no other member to invite.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send invitation' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('lists a member already invited to the task as such, and offers the others', () => {
    withQueries(
      <InviteToTaskDialog task={task} candidates={[lisi, wangwu]} invited={[4]} onSent={vi.fn()} onClose={vi.fn()} />,
    );
    const member = screen.getByRole('combobox', { name: 'Project member' });
    expect(screen.getByRole('option', { name: '李四 (@lisi) · Already invited' })).toHaveProperty('disabled', true);
    expect(member).toHaveProperty('value', '5');
  });
});
