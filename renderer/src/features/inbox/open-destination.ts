import type { QueryClient } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import type { Task } from '../../api/wire.js';
import { useNavigation } from '../../state/navigation.js';
import { projectQuery, projectsQuery } from '../projects/project-queries.js';
import type { Destination } from './params.js';

/** Why a destination could not be opened, for the details pane to say. */
export class NotFound extends Error {
  constructor(readonly destination: Destination) {
    super('not found');
  }
}

/** The user's tasks, from their projects (cached where the projects section loaded them). */
async function findTask(queryClient: QueryClient, match: (task: Task) => boolean): Promise<Task | undefined> {
  const projects = await queryClient.fetchQuery(projectsQuery);
  for (const project of projects) {
    const detail = await queryClient.fetchQuery(projectQuery(project.id));
    const task = detail.tasks.find(match);
    if (task) return task;
  }
  return undefined;
}

/**
 * Goes where a notification's params lead: the project (a task opens in its project), the
 * chat window, or the one-to-one chat with a person (opened if there is none yet).
 */
export async function openDestination(queryClient: QueryClient, destination: Destination): Promise<void> {
  const navigation = useNavigation.getState();
  switch (destination.kind) {
    case 'project':
      return navigation.openProject(destination.projectId);
    case 'chat':
      return navigation.openWindow(destination.cId);
    case 'person': {
      const window = await chatApi.open(destination.userId);
      return navigation.openWindow(window.id);
    }
    case 'task':
    case 'taskNamed': {
      const task = await findTask(queryClient, (task) =>
        destination.kind === 'task' ? task.id === destination.taskId : task.name === destination.name,
      );
      if (!task) throw new NotFound(destination);
      return navigation.openProject(task.projectId);
    }
  }
}
