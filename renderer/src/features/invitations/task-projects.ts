import { useQueries, useQuery } from '@tanstack/react-query';
import { projectQuery, projectsQuery } from '../projects/project-queries.js';

/**
 * Task activity names only the task; its project is found among the user's projects, so
 * the item can link to it. Asked only while such items are shown.
 */
export function useTaskProjects(needed: boolean): ReadonlyMap<string, string> {
  const projects = useQuery({ ...projectsQuery, enabled: needed }).data ?? [];
  const details = useQueries({ queries: projects.map((p) => ({ ...projectQuery(p.id), enabled: needed })) });
  const taskProjects = new Map<string, string>();
  for (const { data } of details) for (const task of data?.tasks ?? []) taskProjects.set(task.id, task.projectId);
  return taskProjects;
}
