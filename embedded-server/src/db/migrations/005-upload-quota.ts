import type { Migration } from './index.js';

/**
 * Uploads by uploader and time: each upload adds up what its uploader sent in the last day
 * (the daily quota), and the sweep finds uploads older than a day that no message carries.
 */
export const uploadQuota: Migration = {
  version: 5,
  name: 'upload quota',
  up: (db) =>
    db.exec(`
CREATE INDEX attachments_by_uploader ON attachments (uploader_id, created_at);
CREATE INDEX attachments_by_time ON attachments (created_at);
`),
};
