import type { Db } from '../open.js';
import type { Project, ProjectMember } from '../../domain/types.js';

const PROJECT_COLUMNS = 'p.id, p.name, p.owner_id AS ownerId, p.window_id AS windowId, p.created_at AS createdAt';

export function createProjectRepository(db: Db) {
  const insert = db.prepare<[string, string, number, number, number]>(
    'INSERT INTO projects (id, name, owner_id, window_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], Project>(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = ?`);
  const byWindow = db.prepare<[number], Project>(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.window_id = ?`);
  const byWindows = db.prepare<[string], Project>(
    `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.window_id IN (SELECT value FROM json_each(?)) ORDER BY p.window_id`,
  );
  const ofMember = db.prepare<[number], Project>(
    `SELECT ${PROJECT_COLUMNS} FROM project_members m INDEXED BY project_members_by_user
     JOIN projects p ON p.id = m.project_id WHERE m.user_id = ? ORDER BY p.created_at DESC, p.id`,
  );
  const addMember = db.prepare<[string, number, string, number]>(
    'INSERT INTO project_members (project_id, user_id, role, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const removeMember = db.prepare<[string, number]>('DELETE FROM project_members WHERE project_id = ? AND user_id = ?');
  const member = db.prepare<[string, number], ProjectMember>(
    'SELECT user_id AS userId, role, joined_at AS joinedAt FROM project_members WHERE project_id = ? AND user_id = ?',
  );
  const members = db.prepare<[string], ProjectMember>(
    `SELECT user_id AS userId, role, joined_at AS joinedAt FROM project_members WHERE project_id = ?
     ORDER BY joined_at, user_id`,
  );

  return {
    insert: (project: Project) =>
      void insert.run(project.id, project.name, project.ownerId, project.windowId, project.createdAt),
    byId: (id: string) => byId.get(id),
    byWindow: (windowId: number) => byWindow.get(windowId),
    /** The projects of those of these windows that are a project's, by window. */
    byWindows: (windowIds: readonly number[]) => byWindows.all(JSON.stringify(windowIds)),
    ofMember: (userId: number) => ofMember.all(userId),
    addMember: (projectId: string, userId: number, role: ProjectMember['role'], now: number) =>
      void addMember.run(projectId, userId, role, now),
    removeMember: (projectId: string, userId: number) => void removeMember.run(projectId, userId),
    member: (projectId: string, userId: number) => member.get(projectId, userId),
    members: (projectId: string) => members.all(projectId),
  };
}

export type ProjectRepository = ReturnType<typeof createProjectRepository>;
