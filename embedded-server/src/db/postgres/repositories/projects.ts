import type { Project, ProjectMember } from '../../../domain/types.js';
import type { Port } from '../../port.js';
import type { ProjectRepository } from '../../repositories/projects.js';
import type { PgSession } from '../session.js';

const PROJECT_COLUMNS = 'p.id, p.name, p.owner_id AS "ownerId", p.window_id AS "windowId", p.created_at AS "createdAt"';
const MEMBER_COLUMNS = 'user_id AS "userId", role, joined_at AS "joinedAt"';

export function createPgProjectRepository(session: PgSession): Port<ProjectRepository> {
  return {
    async insert(project: Project) {
      await session.run(
        'INSERT INTO projects (id, name, owner_id, window_id, created_at) VALUES ($1, $2, $3, $4, $5)',
        [project.id, project.name, project.ownerId, project.windowId, project.createdAt],
      );
    },
    byId: (id: string) => session.row<Project>(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = $1`, [id]),
    byWindow: (windowId: number) =>
      session.row<Project>(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.window_id = $1`, [windowId]),
    byWindows: (windowIds: readonly number[]) =>
      session.rows<Project>(
        `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.window_id = ANY($1::bigint[]) ORDER BY p.window_id`,
        [windowIds],
      ),
    ofMember: (userId: number) =>
      session.rows<Project>(
        `SELECT ${PROJECT_COLUMNS} FROM project_members m JOIN projects p ON p.id = m.project_id
         WHERE m.user_id = $1 ORDER BY p.created_at DESC, p.id`,
        [userId],
      ),
    async addMember(projectId: string, userId: number, role: ProjectMember['role'], now: number) {
      await session.run(
        'INSERT INTO project_members (project_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [projectId, userId, role, now],
      );
    },
    async removeMember(projectId: string, userId: number) {
      await session.run('DELETE FROM project_members WHERE project_id = $1 AND user_id = $2', [projectId, userId]);
    },
    member: (projectId: string, userId: number) =>
      session.row<ProjectMember>(
        `SELECT ${MEMBER_COLUMNS} FROM project_members WHERE project_id = $1 AND user_id = $2`,
        [projectId, userId],
      ),
    members: (projectId: string) =>
      session.rows<ProjectMember>(
        `SELECT ${MEMBER_COLUMNS} FROM project_members WHERE project_id = $1 ORDER BY joined_at, user_id`,
        [projectId],
      ),
  };
}
