import { queryKeys } from '../../api/query-keys.js';
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

onReconnect((queryClient) => {
  void queryClient.invalidateQueries({ queryKey: queryKeys.projects });
  refreshProject(queryClient);
});
