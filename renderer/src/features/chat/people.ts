import { useMemo } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
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

export function usePeople(window: ListedWindow | undefined): Map<number, UserCard> {
  const projectId = window?.group?.projectId;
  const project = useQuery({
    queryKey: queryKeys.project(projectId ?? ''),
    queryFn: () => projectsApi.detail(projectId!),
    enabled: projectId !== undefined,
  }).data;
  const peer = window?.user;
  return useMemo(() => peopleOf(peer, project), [peer, project]);
}

/** The same, from whatever is cached (for a notification, outside React). */
export function cachedPeople(queryClient: QueryClient, window: ListedWindow | undefined): Map<number, UserCard> {
  const projectId = window?.group?.projectId;
  const project = projectId ? queryClient.getQueryData<ProjectDetail>(queryKeys.project(projectId)) : undefined;
  return peopleOf(window?.user, project);
}
