import type { PgMigration } from './index.js';

/**
 * SQLite's migration 6 adds a one-character index so Chinese terms of one or two characters
 * need not be looked for with LIKE. A trigram GIN index cannot look up terms that short
 * either, and PostgreSQL has no such tokenizer built in: short terms are looked for with
 * ILIKE over the caller's own rows. The version is kept so both engines number alike.
 */
export const shortChineseSearch: PgMigration = {
  version: 6,
  name: 'short Chinese search',
  sql: '',
};
