import type { Task } from '../../../domain/types.js';
import type { Port } from '../../port.js';
import type { TaskRepository } from '../../repositories/tasks.js';
import type { PgSession } from '../session.js';

const TASK_COLUMNS = `id, project_id AS "projectId", name, publisher_id AS "publisherId", assignee_id AS "assigneeId",
  created_at AS "createdAt"`;

export function createPgTaskRepository(session: PgSession): Port<TaskRepository> {
  return {
    async insert(task: Omit<Task, 'assigneeId'>) {
      await session.run(
        'INSERT INTO tasks (id, project_id, name, publisher_id, created_at) VALUES ($1, $2, $3, $4, $5)',
        [task.id, task.projectId, task.name, task.publisherId, task.createdAt],
      );
    },
    byId: (id: string) => session.row<Task>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1`, [id]),
    ofProject: (projectId: string) =>
      session.rows<Task>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE project_id = $1 ORDER BY created_at, id`, [
        projectId,
      ]),
    async assign(taskId: string, userId: number) {
      await session.run('UPDATE tasks SET assignee_id = $1 WHERE id = $2', [userId, taskId]);
    },
  };
}
