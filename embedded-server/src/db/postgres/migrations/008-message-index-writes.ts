import type { PgMigration } from './index.js';

/**
 * SQLite's migration 8 moves the writes of a new message's full-text rows from triggers to
 * the store, so its FTS5 tables flush once a commit. PostgreSQL's search indexes are GIN
 * indexes the engine keeps itself: nothing changes. The version is kept so both engines
 * number alike.
 */
export const messageIndexWrites: PgMigration = {
  version: 8,
  name: 'message index writes',
  sql: '',
};
