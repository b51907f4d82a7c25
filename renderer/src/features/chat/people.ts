import { useMemo } from 'react';
import { useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ProjectDetail, UserCard } from '../../api/wire.js';
import type { ListedWindow } from './chat-cache.js';

/**
 * Who can speak in a window: the other side of a one-to-one chat, or a group's project
 * members (a message carries only its sender's id).
 */
function peopleOf(peer: UserCard | null | undefined, project: ProjectDetail | undefined): Map<number, UserCard> {
  const people = new Map<number, UserCard>();
  if (peer) people.set(peer.id, peer);
  for (const member of project?.members ?? []) people.set(member.user.id, member.user);
  return people;
}

/** A group window's project, with its members (not fetched for a one-to-one window). */
export function useGroupProject(window: ListedWindow | undefined) {
  const projectId = window?.group?.projectId;
  return useQuery({
    queryKey: queryKeys.project(projectId ?? ''),
    queryFn: () => projectsApi.detail(projectId!),
    enabled: projectId !== undefined,
  });
}

export function usePeople(window: ListedWindow | undefined): Map<number, UserCard> {
  const project = useGroupProject(window).data;
  const peer = window?.user;
  return useMemo(() => peopleOf(peer, project), [peer, project]);
}

const detailsOf = (results: readonly { data?: ProjectDetail | undefined }[]) => results.map((r) => r.data);

/**
 * Everyone who speaks in any of these windows, for naming a group's last speaker in the
 * list: the one-to-one peers, and the members of each group's project (read once, then
 * kept current by the project events like any project detail).
 */
export function usePeopleOfWindows(windows: readonly ListedWindow[]): Map<number, UserCard> {
  const projectIds = [...new Set(windows.flatMap((w) => (w.group ? [w.group.projectId] : [])))];
  const projects = useQueries({
    queries: projectIds.map((id) => ({ queryKey: queryKeys.project(id), queryFn: () => projectsApi.detail(id) })),
    combine: detailsOf,
  });
  return useMemo(() => {
    const people = new Map<number, UserCard>();
    for (const window of windows) if (window.user) people.set(window.user.id, window.user);
    for (const project of projects)
      for (const member of project?.members ?? []) people.set(member.user.id, member.user);
    return people;
  }, [windows, projects]);
}

/** The same, from whatever is cached (for a notification, outside React). */
export function cachedPeople(queryClient: QueryClient, window: ListedWindow | undefined): Map<number, UserCard> {
  const projectId = window?.group?.projectId;
  const project = projectId ? queryClient.getQueryData<ProjectDetail>(queryKeys.project(projectId)) : undefined;
  return peopleOf(window?.user, project);
}
