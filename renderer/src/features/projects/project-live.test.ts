import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../api/query-keys.js';
import type { Invitation } from '../../api/wire.js';
import { dispatchServerEvent } from '../../realtime/dispatch.js';
import './project-live.js';

const person = (id: number, nickname: string) => ({ id, userName: `u${id}`, nickname, image: '' });
const sent = (id: string, state: Invitation['state']): Invitation => ({
  id,
  kind: 'task',
  projectId: 'p1',
  projectName: 'Website',
  taskId: 't1',
  taskName: 'Draft',
  from: person(1, '张三'),
  to: person(2, '李四'),
  remark: '',
  state,
  createdAt: '2024-05-01T09:00:00.000Z',
  answeredAt: state === 'pending' ? null : '2024-05-01T09:05:00.000Z',
});

function cached() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.project('p1'), { id: 'p1' });
  queryClient.setQueryData(queryKeys.projectInvitations('p1'), [sent('a', 'pending'), sent('b', 'pending')]);
  queryClient.setQueryData(queryKeys.project('p2'), { id: 'p2' });
  return queryClient;
}
const invalidated = (queryClient: QueryClient, key: readonly unknown[]) =>
  queryClient.getQueryState(key)?.isInvalidated;

describe('live project pages', () => {
  it('refetch the changed project, its invitations included, and leave the others alone', () => {
    const queryClient = cached();
    dispatchServerEvent({ type: 'project.updated', data: { pid: 'p1' } }, queryClient);
    expect(invalidated(queryClient, queryKeys.project('p1'))).toBe(true);
    expect(invalidated(queryClient, queryKeys.projectInvitations('p1'))).toBe(true);
    expect(invalidated(queryClient, queryKeys.project('p2'))).toBe(false);
  });

  it('show an invitation’s new state as soon as the inviter hears of it', () => {
    const queryClient = cached();
    dispatchServerEvent({ type: 'invitation.updated', data: sent('b', 'declined') }, queryClient);
    const list = queryClient.getQueryData<Invitation[]>(queryKeys.projectInvitations('p1'))!;
    expect(list.map((i) => [i.id, i.state])).toEqual([
      ['a', 'pending'],
      ['b', 'declined'],
    ]);
  });
});
