import type { User } from '../../../domain/types.js';
import type { Port } from '../../port.js';
import { escapeLike, type NewUser, type UserRepository } from '../../repositories/users.js';
import type { PgSession } from '../session.js';

const USER_COLUMNS = 'id, username, nickname, avatar, role, created_at AS "createdAt"';

export function createPgUserRepository(session: PgSession): Port<UserRepository> {
  return {
    async insert(user: NewUser): Promise<number> {
      const inserted = await session.row<{ id: number }>(
        `INSERT INTO users (username, password_hash, nickname, avatar, role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [user.username, user.passwordHash, user.nickname, user.avatar, user.role, user.createdAt],
      );
      return inserted!.id;
    },
    byId: (id: number) => session.row<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]),
    byIds: (ids: readonly number[]) =>
      session.rows<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]),
    // Log-in names match without regard to ASCII case, as SQLite's NOCASE column does.
    byUsername: (username: string) =>
      session.row<User>(`SELECT ${USER_COLUMNS} FROM users WHERE nocase(username) = nocase($1)`, [username]),
    credentials: (username: string) =>
      session.row<{ id: number; passwordHash: string }>(
        'SELECT id, password_hash AS "passwordHash" FROM users WHERE nocase(username) = nocase($1)',
        [username],
      ),
    /**
     * Directory search over log-in names and nicknames, by substring, served by the trigram
     * indexes. ILIKE on these "C" columns folds ASCII letters only, like SQLite's LIKE.
     */
    search(term: string, limit: number): Promise<User[]> {
      if (term === '') return session.rows<User>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id LIMIT $1`, [limit]);
      return session.rows<User>(
        `SELECT ${USER_COLUMNS} FROM users
         WHERE username ILIKE $1 ESCAPE '\\' OR nickname ILIKE $1 ESCAPE '\\'
         ORDER BY id LIMIT $2`,
        [`%${escapeLike(term)}%`, limit],
      );
    },
  };
}
