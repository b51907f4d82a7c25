import { useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.js';
import type { Project, ProjectDetail, Task } from '../../api/wire.js';
import { projectQuery, projectsQuery } from '../projects/project-queries.js';

/**
 * What the UI knows of the user's projects, from the projects list and the project details
 * it has loaded: what offline messages name only by id (a task's project, a task's name, a
 * group chat's project).
 */
export interface KnownProjects {
  projectName(projectId: string): string | undefined;
  /** The name of the project whose group chat is window `cId` (a decimal string, as extraInfo writes it). */
  groupName(cId: string): string | undefined;
  task(taskId: string): Task | undefined;
}

export function knownProjects(
  projects: readonly Project[],
  details: readonly (ProjectDetail | undefined)[],
): KnownProjects {
  const byId = new Map<string, Project>(projects.map((project) => [project.id, project]));
  for (const detail of details) if (detail) byId.set(detail.id, detail);
  const byWindow = new Map([...byId.values()].map((project) => [String(project.cId), project.name]));
  const tasks = new Map(details.flatMap((detail) => detail?.tasks ?? []).map((task) => [task.id, task]));
  return {
    projectName: (projectId) => byId.get(projectId)?.name,
    groupName: (cId) => byWindow.get(cId),
    task: (taskId) => tasks.get(taskId),
  };
}

/**
 * The projects as loaded. Task activity names only the task, so while it is shown
 * (`fetchTasks`) the projects and their details are asked for; otherwise what is cached serves.
 */
export function useKnownProjects(fetchTasks: boolean): KnownProjects {
  const projects = useQuery({ ...projectsQuery, enabled: fetchTasks }).data ?? [];
  const details = useQueries({ queries: projects.map((p) => ({ ...projectQuery(p.id), enabled: fetchTasks })) });
  return knownProjects(
    projects,
    details.map(({ data }) => data),
  );
}

/** Every cached project detail, whichever project (the prefix of `queryKeys.project`). */
const allProjectDetails = ['project'] as const;

/** The same from the cache as it is now, for code outside components (a notification). */
export function cachedProjects(queryClient: QueryClient): KnownProjects {
  return knownProjects(
    queryClient.getQueryData<Project[]>(queryKeys.projects) ?? [],
    queryClient.getQueriesData<ProjectDetail>({ queryKey: allProjectDetails }).map(([, detail]) => detail),
  );
}
