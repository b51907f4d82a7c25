import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';

export const projectsQuery = queryOptions({ queryKey: queryKeys.projects, queryFn: projectsApi.list });

export const projectQuery = (id: string) =>
  queryOptions({ queryKey: queryKeys.project(id), queryFn: () => projectsApi.detail(id) });

/** The invitations the user may see on the project's page (the owner all, a member their own). */
export const projectInvitationsQuery = (id: string) =>
  queryOptions({ queryKey: queryKeys.projectInvitations(id), queryFn: () => projectsApi.invitations(id) });

/** Every cached project detail, whichever project. */
const allProjectDetails = ['project'] as const;

/** After joining or leaving a project: its list, its details and the group chats change together. */
export function refreshMembership(queryClient: QueryClient, projectId?: string) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.projects });
  void queryClient.invalidateQueries({ queryKey: queryKeys.allWindows });
  void queryClient.invalidateQueries({ queryKey: projectId ? queryKeys.project(projectId) : allProjectDetails });
}

/** A project's members, tasks or invitations changed (its cached invitations are under its key). */
export function refreshProject(queryClient: QueryClient, projectId?: string) {
  void queryClient.invalidateQueries({ queryKey: projectId ? queryKeys.project(projectId) : allProjectDetails });
}
