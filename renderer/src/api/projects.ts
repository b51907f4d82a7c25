import { call } from './http.js';
import type { Project, ProjectDetail, Task } from './wire.js';

/** The project views take the detail's shape from their client. */
export type { ProjectDetail };

/** Projects, tasks and invitations (API.md §3). */
export const projectsApi = {
  list: () => call<Project[]>('ext', 'GET', '/api/projects'),
  detail: (id: string) => call<ProjectDetail>('ext', 'GET', `/api/projects/${id}`),
  create: (name: string) => call<Project>('ext', 'POST', '/api/projects', { body: { name } }),
  invite: (id: string, userId: number, remark = '') =>
    call<unknown>('ext', 'POST', `/api/projects/${id}/invitations`, { body: { userId, remark } }),
  removeMember: (id: string, userId: number) => call<null>('ext', 'DELETE', `/api/projects/${id}/members/${userId}`),
  leave: (id: string) => call<null>('ext', 'POST', `/api/projects/${id}/leave`),
  publishTask: (id: string, name: string) => call<Task>('ext', 'POST', `/api/projects/${id}/tasks`, { body: { name } }),
  inviteToTask: (taskId: string, userId: number, remark = '') =>
    call<unknown>('ext', 'POST', `/api/tasks/${taskId}/invitations`, { body: { userId, remark } }),
};
