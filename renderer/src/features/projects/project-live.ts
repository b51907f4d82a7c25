import { queryKeys } from '../../api/query-keys.js';
import type { Invitation } from '../../api/wire.js';
import { onReconnect, onServerEvent } from '../../realtime/dispatch.js';
import { OfflineType } from '../../api/contract.js';
import { refreshMembership, refreshProject } from './project-queries.js';

// Project activity arrives as offline messages; each says which cached project changed.
onServerEvent('offline.new', (message, queryClient) => {
  const { projectId } = message.extraInfo;
  const id = typeof projectId === 'string' ? projectId : undefined;
  switch (message.type) {
    case OfflineType.memberJoined:
    case OfflineType.memberLeft:
      return refreshProject(queryClient, id);
    case OfflineType.removedFromProject:
      return refreshMembership(queryClient, id);
    case OfflineType.taskPublished:
      // The message names the task only, not its project.
      return refreshProject(queryClient);
  }
});

// Any committed change to a project the user is in (a task taken, an invitation answered):
// an open page refetches its detail and invitations instead of waiting for a reload.
onServerEvent('project.updated', ({ pid }, queryClient) => refreshProject(queryClient, pid));

// The inviter's list shows the new state at once; `project.updated` brings the rest.
onServerEvent('invitation.updated', (invitation, queryClient) =>
  queryClient.setQueryData<Invitation[]>(queryKeys.projectInvitations(invitation.projectId), (list) =>
    list?.map((sent) => (sent.id === invitation.id ? invitation : sent)),
  ),
);

onReconnect((queryClient) => {
  void queryClient.invalidateQueries({ queryKey: queryKeys.projects });
  refreshProject(queryClient);
});
