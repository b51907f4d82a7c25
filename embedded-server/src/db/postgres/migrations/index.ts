import { initialSchema } from './001-initial.js';
import { attachmentsAndSearch } from './002-attachments-and-search.js';
import { messageActions } from './003-message-actions.js';
import { sessions } from './004-sessions.js';
import { uploadQuota } from './005-upload-quota.js';
import { shortChineseSearch } from './006-short-chinese-search.js';
import { invitationStates } from './007-invitation-states.js';
import { messageIndexWrites } from './008-message-index-writes.js';

/**
 * One step of the PostgreSQL schema. Migration N makes the same tables, columns and
 * constraints as SQLite's migration N (db/migrations/), so a version means the same schema
 * on both engines. Written for a database that starts empty: SQLite's data fixes for rows
 * written by older versions have nothing to fix here.
 *
 * Conventions, so the rows read back exactly as SQLite's do:
 * - ids and epoch milliseconds are BIGINT, read as JavaScript numbers (session.ts); small
 *   codes, counters and 0/1 flags are INTEGER or SMALLINT, never BOOLEAN, as SQLite returns them;
 * - every TEXT column is COLLATE "C": SQLite compares and orders text byte by byte, whatever
 *   the database's locale;
 * - full-text search is a pg_trgm GIN index on the searched columns instead of FTS5 tables.
 */
export interface PgMigration {
  /** Recorded in `schema_version` once applied; strictly increasing, never reused. */
  version: number;
  name: string;
  /** Statements run inside the migration's transaction. */
  sql: string;
}

/** Every migration, in order. Append only: a released migration is never edited. */
export const pgMigrations: readonly PgMigration[] = [
  initialSchema,
  attachmentsAndSearch,
  messageActions,
  sessions,
  uploadQuota,
  shortChineseSearch,
  invitationStates,
  messageIndexWrites,
];

export const latestPostgresVersion = pgMigrations[pgMigrations.length - 1]!.version;
