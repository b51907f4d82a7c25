import { NewerSchemaError, silentLog, type StorageLog } from '../migrations/index.js';
import { latestPostgresVersion, pgMigrations } from './migrations/index.js';
import type { PgSession } from './session.js';

/**
 * The advisory lock that migrating holds, so that of two servers starting at once on one
 * database only one applies a migration and the other then finds it done. Any fixed number
 * works; this one spells "msgr" in ASCII.
 */
const MIGRATION_LOCK = 0x6d736772;

/**
 * Brings the database up to the latest version, each migration in its own transaction, and
 * logs each one applied with the time it took. Refuses (NewerSchemaError) a database that a
 * newer server has migrated past what this one knows.
 *
 * It runs at READ COMMITTED, not in the store's SERIALIZABLE transactions: there the snapshot
 * would be taken before the lock is granted, and a server that waited for the lock would not
 * see the version the other one just recorded.
 */
export async function migratePostgres(session: PgSession, log: StorageLog = silentLog): Promise<void> {
  const client = await session.pool.connect();
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)');
        const { rows } = await client.query<{ current: number }>(
          'SELECT coalesce(max(version), 0) AS current FROM schema_version',
        );
        const current = rows[0]!.current;
        if (current > latestPostgresVersion) throw new NewerSchemaError(current);
        const next = pgMigrations.find((migration) => migration.version > current);
        if (!next) {
          await client.query('COMMIT');
          return;
        }
        const started = performance.now();
        if (next.sql.trim() !== '') await client.query(next.sql);
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [next.version]);
        await client.query('COMMIT');
        log(
          { version: next.version, name: next.name, ms: Math.round(performance.now() - started) },
          'migration applied',
        );
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    client.release();
  }
}
