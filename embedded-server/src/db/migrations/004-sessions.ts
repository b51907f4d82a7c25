import type { Migration } from './index.js';

/**
 * Sessions (API.md §3b): every token is a signed-in device the user can list and sign out,
 * known by a public id (never by its hash), with when it was last used (it ends after 30
 * idle days) and the client it signed in from.
 */
export const sessions: Migration = {
  version: 4,
  name: 'sessions',
  up: (db) =>
    db.exec(`
ALTER TABLE tokens ADD COLUMN id TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
ALTER TABLE tokens ADD COLUMN client TEXT NOT NULL DEFAULT '';
UPDATE tokens SET id = lower(hex(randomblob(12))), last_used_at = created_at;
CREATE UNIQUE INDEX tokens_by_id ON tokens (id);
`),
};
