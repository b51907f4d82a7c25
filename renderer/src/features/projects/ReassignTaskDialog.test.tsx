// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';
import { projectsApi } from '../../api/projects.js';
import type { Task } from '../../api/wire.js';
import { useSettings } from '../../state/settings.js';
import { ReassignTaskDialog } from './ReassignTaskDialog.js';
import { openDialogsInJsdom } from '../../testing/dialogs.js';

vi.mock('../../api/projects.js', () => ({ projectsApi: { reassign: vi.fn() } }));

const person = (id: number, userName: string, nickname: string) => ({ id, userName, nickname, image: '' });
const lisi = person(4, 'lisi', '李四');
const wangwu = person(5, 'wangwu', '王五');
const zhangsan = person(1, 'zhangsan', '张三');
const task: Task = {
  id: 't1',
  projectId: 'p1',
  name: 'Draft the report',
  publisherId: 1,
  assigneeId: 5,
  created_at: '2024-05-01 09:00:00',
};

openDialogsInJsdom();
beforeEach(() => {
  useSettings.setState({ language: 'en' });
  vi.mocked(projectsApi.reassign).mockReset();
});
afterEach(cleanup);

function withQueries(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

describe('a task that has an assignee', () => {
  it('says who has it and lets the owner hand it to another member', async () => {
    vi.mocked(projectsApi.reassign).mockResolvedValue({ ...task, assigneeId: 4 });
    const onReassigned = vi.fn();
    withQueries(
      <ReassignTaskDialog
        task={task}
        assignee={wangwu}
        members={[zhangsan, lisi]}
        canReassign
        onReassigned={onReassigned}
        onClose={vi.fn()}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Reassign “Draft the report”' });
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Assigned to 王五')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Reassign to' }), { target: { value: '4' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reassign' })));
    expect(projectsApi.reassign).toHaveBeenCalledWith('t1', 4);
    expect(onReassigned).toHaveBeenCalledWith(lisi);
  });

  it('shows the server’s refusal', async () => {
    vi.mocked(projectsApi.reassign).mockRejectedValue(new ApiError(422, 'not a member'));
    withQueries(
      <ReassignTaskDialog
        task={task}
        assignee={wangwu}
        members={[lisi]}
        canReassign
        onReassigned={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reassign' })));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only members of the project can be assigned its tasks.',
    );
  });

  it('offers a member who is not the owner no invitation and no re-assignment, only to close', () => {
    const onClose = vi.fn();
    withQueries(
      <ReassignTaskDialog
        task={task}
        assignee={wangwu}
        members={[lisi]}
        canReassign={false}
        onReassigned={vi.fn()}
        onClose={onClose}
      />,
    );
    expect(screen.getByText('Assigned to 王五')).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Close']);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
