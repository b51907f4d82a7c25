import type { Session } from '../../../domain/types.js';
import type { Port } from '../../port.js';
import { sessionUserOf, type SessionUserRow, type TokenRepository } from '../../repositories/tokens.js';
import type { PgSession } from '../session.js';

const SESSION_COLUMNS = 'id, user_id AS "userId", created_at AS "createdAt", last_used_at AS "lastUsedAt", client';

export function createPgTokenRepository(session: PgSession): Port<TokenRepository> {
  return {
    async insert(hash: Buffer, signedIn: Omit<Session, 'createdAt' | 'lastUsedAt'>, now: number) {
      await session.run(
        'INSERT INTO tokens (hash, id, user_id, created_at, last_used_at, client) VALUES ($1, $2, $3, $4, $4, $5)',
        [hash, signedIn.id, signedIn.userId, now, signedIn.client],
      );
    },
    byHash: (hash: Buffer) => session.row<Session>(`SELECT ${SESSION_COLUMNS} FROM tokens WHERE hash = $1`, [hash]),
    byId: (id: string) => session.row<Session>(`SELECT ${SESSION_COLUMNS} FROM tokens WHERE id = $1`, [id]),
    async withUser(hash: Buffer) {
      const row = await session.row<SessionUserRow>(
        `SELECT t.id, t.user_id AS "userId", t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt", t.client,
           u.username, u.nickname, u.avatar, u.role, u.created_at AS "userCreatedAt"
         FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1`,
        [hash],
      );
      return row && sessionUserOf(row);
    },
    // Sessions used in the same millisecond come in the order of their hashes, as SQLite's
    // scan of tokens_by_user hands them to its sort.
    ofUser: (userId: number) =>
      session.rows<Session>(
        `SELECT ${SESSION_COLUMNS} FROM tokens WHERE user_id = $1 ORDER BY last_used_at DESC, hash`,
        [userId],
      ),
    async touch(id: string, now: number) {
      await session.run('UPDATE tokens SET last_used_at = $1 WHERE id = $2', [now, id]);
    },
    removeByHash: async (hash: Buffer) => (await session.run('DELETE FROM tokens WHERE hash = $1', [hash])) > 0,
    /** Deletes one of the user's sessions; false when they have none by that id. */
    remove: async (id: string, userId: number) =>
      (await session.run('DELETE FROM tokens WHERE id = $1 AND user_id = $2', [id, userId])) > 0,
  };
}
