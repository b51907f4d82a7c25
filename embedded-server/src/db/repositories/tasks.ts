import type { Db } from '../open.js';
import type { Task } from '../../domain/types.js';

const TASK_COLUMNS = `id, project_id AS projectId, name, publisher_id AS publisherId, assignee_id AS assigneeId,
  created_at AS createdAt`;

export function createTaskRepository(db: Db) {
  const insert = db.prepare<[string, string, string, number, number]>(
    'INSERT INTO tasks (id, project_id, name, publisher_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], Task>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`);
  const ofProject = db.prepare<[string], Task>(
    `SELECT ${TASK_COLUMNS} FROM tasks INDEXED BY tasks_by_project WHERE project_id = ? ORDER BY created_at, id`,
  );
  const assign = db.prepare<[number, string]>('UPDATE tasks SET assignee_id = ? WHERE id = ?');

  return {
    insert: (task: Omit<Task, 'assigneeId'>) =>
      void insert.run(task.id, task.projectId, task.name, task.publisherId, task.createdAt),
    byId: (id: string) => byId.get(id),
    ofProject: (projectId: string) => ofProject.all(projectId),
    assign: (taskId: string, userId: number) => void assign.run(userId, taskId),
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;
