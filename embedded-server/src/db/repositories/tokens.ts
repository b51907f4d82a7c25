import type { Db } from '../open.js';
import type { Session, User } from '../../domain/types.js';

const SESSION_COLUMNS = 'id, user_id AS userId, created_at AS createdAt, last_used_at AS lastUsedAt, client';

/** A session and its user's columns, as one row (every request reads it: one statement, not two). */
export interface SessionUserRow extends Session, Omit<User, 'id' | 'createdAt'> {
  userCreatedAt: number;
}

export const sessionUserOf = ({ username, nickname, avatar, role, userCreatedAt, ...session }: SessionUserRow) => ({
  session,
  user: { id: session.userId, username, nickname, avatar, role, createdAt: userCreatedAt } satisfies User,
});

export function createTokenRepository(db: Db) {
  const insert = db.prepare<[Buffer, string, number, number, number, string]>(
    'INSERT INTO tokens (hash, id, user_id, created_at, last_used_at, client) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[Buffer], Session>(`SELECT ${SESSION_COLUMNS} FROM tokens WHERE hash = ?`);
  const byId = db.prepare<[string], Session>(`SELECT ${SESSION_COLUMNS} FROM tokens WHERE id = ?`);
  const withUser = db.prepare<[Buffer], SessionUserRow>(
    `SELECT t.id, t.user_id AS userId, t.created_at AS createdAt, t.last_used_at AS lastUsedAt, t.client, u.username,
       u.nickname, u.avatar, u.role, u.created_at AS userCreatedAt
     FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?`,
  );
  const ofUser = db.prepare<[number], Session>(
    `SELECT ${SESSION_COLUMNS} FROM tokens INDEXED BY tokens_by_user WHERE user_id = ? ORDER BY last_used_at DESC`,
  );
  const touch = db.prepare<[number, string]>('UPDATE tokens SET last_used_at = ? WHERE id = ?');
  const removeByHash = db.prepare<[Buffer]>('DELETE FROM tokens WHERE hash = ?');
  const removeById = db.prepare<[string, number]>('DELETE FROM tokens WHERE id = ? AND user_id = ?');

  return {
    insert: (hash: Buffer, session: Omit<Session, 'createdAt' | 'lastUsedAt'>, now: number) =>
      void insert.run(hash, session.id, session.userId, now, now, session.client),
    byHash: (hash: Buffer) => byHash.get(hash),
    /** The session a token's hash belongs to, with its user. */
    withUser(hash: Buffer) {
      const row = withUser.get(hash);
      return row && sessionUserOf(row);
    },
    byId: (id: string) => byId.get(id),
    ofUser: (userId: number) => ofUser.all(userId),
    touch: (id: string, now: number) => void touch.run(now, id),
    removeByHash: (hash: Buffer) => removeByHash.run(hash).changes > 0,
    /** Deletes one of the user's sessions; false when they have none by that id. */
    remove: (id: string, userId: number) => removeById.run(id, userId).changes > 0,
  };
}

export type TokenRepository = ReturnType<typeof createTokenRepository>;
