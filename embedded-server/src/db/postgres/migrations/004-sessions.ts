import type { PgMigration } from './index.js';

/**
 * Sessions (API.md §3b): every token is a signed-in device, known by a public id, with when
 * it was last used and the client it signed in from (SQLite's migration 4).
 */
export const sessions: PgMigration = {
  version: 4,
  name: 'sessions',
  sql: `
ALTER TABLE tokens
  ADD COLUMN id TEXT COLLATE "C",
  ADD COLUMN last_used_at BIGINT,
  ADD COLUMN client TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE UNIQUE INDEX tokens_by_id ON tokens (id);
`,
};
