import { POPULATE_MESSAGE_CHARACTERS } from '../../embedded-server/src/db/migrations/006-short-chinese-search.js';
import type { Db } from '../../embedded-server/src/db/open.js';

/**
 * Loading a million rows through the server's triggers and indexes costs minutes; the
 * same rows loaded bare, then indexed and full-text indexed once, take seconds. This
 * sets the schema's secondary indexes and full-text triggers aside for the load and
 * puts back exactly what the migrations created (their SQL is kept from
 * sqlite_master), so the finished file is the one the server would have written.
 *
 * The inbox counter trigger stays: it is cheap and is the very code that keeps the
 * counters in the server.
 */
const BULK_TABLES = ['chat_messages', 'notifications', 'offline_messages'];
const DEFERRED_TRIGGERS = ['notifications_fts_insert'];
const REBUILT_INDEXES = ['chat_messages_fts', 'notifications_fts'];

export interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

export interface BulkLoad {
  /** Recreates the indexes, rebuilds the full-text indexes and restores the triggers; times each step. */
  finish(): { indexMs: number; ftsMs: number };
}

export function startBulkLoad(db: Db): BulkLoad {
  const placeholders = (items: string[]) => items.map(() => '?').join(', ');
  const deferred = db
    .prepare<string[], SchemaObject>(
      `SELECT type, name, sql FROM sqlite_master
       WHERE (type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders(BULK_TABLES)}))
          OR (type = 'trigger' AND name IN (${placeholders(DEFERRED_TRIGGERS)}))`,
    )
    .all(...BULK_TABLES, ...DEFERRED_TRIGGERS);
  for (const object of deferred) db.exec(`DROP ${object.type.toUpperCase()} ${object.name}`);

  // Nothing here needs to survive a crash: a failed load is thrown away and made again.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  db.pragma('temp_store = MEMORY');
  // Checked by the dataset test instead (PRAGMA foreign_key_check): row by row it would double the load.
  db.pragma('foreign_keys = OFF');

  return {
    finish() {
      const started = performance.now();
      for (const object of deferred.filter((o) => o.type === 'index')) db.exec(object.sql);
      const indexed = performance.now();
      for (const table of REBUILT_INDEXES) db.exec(`INSERT INTO ${table} (${table}) VALUES ('rebuild')`);
      db.exec(POPULATE_MESSAGE_CHARACTERS);
      for (const object of deferred.filter((o) => o.type === 'trigger')) db.exec(object.sql);
      const done = performance.now();
      db.pragma('foreign_keys = ON');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      return { indexMs: indexed - started, ftsMs: done - indexed };
    },
  };
}
