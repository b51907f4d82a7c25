import type { Db } from '../open.js';
import type { Role, User } from '../../domain/types.js';

const USER_COLUMNS = 'id, username, nickname, avatar, role, created_at AS createdAt';

export interface NewUser {
  username: string;
  passwordHash: string;
  nickname: string;
  avatar: string;
  role: Role;
  createdAt: number;
}

export function createUserRepository(db: Db) {
  const insert = db.prepare<[string, string, string, string, Role, number]>(
    'INSERT INTO users (username, password_hash, nickname, avatar, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[number], User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  const byIds = db.prepare<[string], User>(
    `SELECT ${USER_COLUMNS} FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const byUsername = db.prepare<[string], User>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`);
  const credentials = db.prepare<[string], { id: number; passwordHash: string }>(
    'SELECT id, password_hash AS passwordHash FROM users WHERE username = ?',
  );
  const firstPage = db.prepare<[number, number], User>(
    `SELECT ${USER_COLUMNS} FROM users WHERE id > ? ORDER BY id LIMIT ?`,
  );
  // trigram MATCH needs three characters; shorter terms use LIKE on the same FTS table.
  const matching = db.prepare<[string, number], User>(
    `SELECT ${USER_COLUMNS} FROM users WHERE id IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?)
     ORDER BY id LIMIT ?`,
  );
  const like = db.prepare<[string, string, number], User>(
    `SELECT ${USER_COLUMNS} FROM users WHERE id IN (
       SELECT rowid FROM users_fts WHERE username LIKE ? ESCAPE '\\' OR nickname LIKE ? ESCAPE '\\')
     ORDER BY id LIMIT ?`,
  );

  return {
    insert(user: NewUser): number {
      const result = insert.run(
        user.username,
        user.passwordHash,
        user.nickname,
        user.avatar,
        user.role,
        user.createdAt,
      );
      return Number(result.lastInsertRowid);
    },
    byId: (id: number) => byId.get(id),
    /** Those of these users that exist, by id. */
    byIds: (ids: readonly number[]) => byIds.all(JSON.stringify(ids)),
    byUsername: (username: string) => byUsername.get(username),
    credentials: (username: string) => credentials.get(username),
    /** Directory search over log-in names and nicknames, by substring. */
    search(term: string, limit: number): User[] {
      if (term === '') return firstPage.all(0, limit);
      if ([...term].length >= 3) return matching.all(ftsPhrase(term), limit);
      const pattern = `%${escapeLike(term)}%`;
      return like.all(pattern, pattern, limit);
    },
  };
}

/** Quotes user input as one FTS5 string, so its query syntax is never parsed. */
export function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type UserRepository = ReturnType<typeof createUserRepository>;
