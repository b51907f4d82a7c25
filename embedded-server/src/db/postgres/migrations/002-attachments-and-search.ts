import type { PgMigration } from './index.js';

/**
 * Attachments (images and voice clips, stored by content hash in the data folder) and
 * substring search over chat messages and notifications (SQLite's migration 2).
 *
 * SQLite searches through FTS5 trigram tables kept by triggers; here trigram GIN indexes on
 * the columns themselves serve LIKE and ILIKE '%term%', and are written with the row.
 */
export const attachmentsAndSearch: PgMigration = {
  version: 2,
  name: 'attachments and search',
  sql: `
CREATE TABLE attachments (
  id          TEXT COLLATE "C" PRIMARY KEY,
  sha256      TEXT COLLATE "C" NOT NULL,
  size        BIGINT NOT NULL,
  mime        TEXT COLLATE "C" NOT NULL,
  uploader_id BIGINT NOT NULL REFERENCES users (id),
  created_at  BIGINT NOT NULL
);
CREATE INDEX attachments_by_hash ON attachments (sha256);
CREATE INDEX chat_messages_by_attachment ON chat_messages (attachment_id, window_id) WHERE attachment_id IS NOT NULL;

CREATE INDEX chat_messages_body_trigrams ON chat_messages USING gin (body gin_trgm_ops);
CREATE INDEX notifications_title_trigrams ON notifications USING gin (title gin_trgm_ops);
CREATE INDEX notifications_content_trigrams ON notifications USING gin (content gin_trgm_ops);
`,
};
