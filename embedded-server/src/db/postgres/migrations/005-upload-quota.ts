import type { PgMigration } from './index.js';

/** Uploads by uploader and time: the daily quota, and the sweep of unsent uploads (SQLite's migration 5). */
export const uploadQuota: PgMigration = {
  version: 5,
  name: 'upload quota',
  sql: `
CREATE INDEX attachments_by_uploader ON attachments (uploader_id, created_at);
CREATE INDEX attachments_by_time ON attachments (created_at);
`,
};
