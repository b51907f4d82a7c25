import { call } from './http.js';
import type { Candidate, Invitation, Project, ProjectDetail, Task } from './wire.js';

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
  /** The project's invitations, newest first: all of them for its owner, those they sent for a member. */
  invitations: (id: string) => call<Invitation[]>('ext', 'GET', `/api/projects/${id}/invitations`),
  /** The directory's matches, each saying whether it can be invited (not a member, not invited yet). */
  candidates: (id: string, q: string, limit = 20) =>
    call<Candidate[]>('ext', 'GET', `/api/projects/${id}/candidates?q=${encodeURIComponent(q)}&limit=${limit}`),
  /** Withdraws a pending invitation; `invitationId` is the invitee's offline message id. */
  cancelInvitation: (invitationId: string) =>
    call<Invitation>('ext', 'POST', `/api/invitations/${invitationId}/cancel`),
  /** The owner hands the task to another member. */
  reassign: (taskId: string, userId: number) =>
    call<Task>('ext', 'POST', `/api/tasks/${taskId}/assignee`, { body: { userId } }),
};
