import type { PgMigration } from './index.js';

/**
 * Messaging, second round (API.md §3b): replies, forwards, recall, edit, reactions,
 * delete-for-me, mentions, receipts that survive a reload, files and system lines
 * (SQLite's migration 3). PostgreSQL changes the type CHECK in place, where SQLite
 * rebuilds the table.
 */
export const messageActions: PgMigration = {
  version: 3,
  name: 'message actions',
  sql: `
ALTER TABLE chat_messages
  DROP CONSTRAINT chat_messages_type_check,
  ADD CONSTRAINT chat_messages_type_check CHECK (type IN ('TEXT', 'IMAGE', 'VOICE', 'FILE', 'SYSTEM')),
  ADD COLUMN file_name      TEXT COLLATE "C",
  -- The message this one answers (same window), and the one it copies (any window).
  ADD COLUMN reply_to       BIGINT,
  ADD COLUMN forwarded_from BIGINT,
  -- As sent: a JSON array of user ids, or ["all"]; message_mentions holds one row per user.
  ADD COLUMN mentions       TEXT COLLATE "C",
  ADD COLUMN system_event   TEXT COLLATE "C" CHECK (system_event IN ('joined', 'left', 'removed')),
  ADD COLUMN recalled_at    BIGINT,
  ADD COLUMN edited_at      BIGINT;

ALTER TABLE attachments ADD COLUMN file_name TEXT COLLATE "C";
ALTER TABLE window_members ADD COLUMN mention_unread INTEGER NOT NULL DEFAULT 0;

CREATE TABLE message_reactions (
  message_id BIGINT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  emoji      TEXT COLLATE "C" NOT NULL,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (message_id, emoji, user_id)
);

CREATE TABLE message_mentions (
  message_id BIGINT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  window_id  BIGINT NOT NULL,
  PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_mentions_by_user ON message_mentions (user_id, window_id, message_id);

-- Deleted for one user only: the message stays for everyone else.
CREATE TABLE hidden_messages (
  user_id    BIGINT NOT NULL REFERENCES users (id),
  window_id  BIGINT NOT NULL,
  message_id BIGINT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, window_id, message_id)
);

-- When a group member's delivery or read cursor passed a point: a group message's
-- receipt time for that member is the first mark at or past it.
CREATE TABLE receipt_marks (
  window_id BIGINT NOT NULL REFERENCES chat_windows (id) ON DELETE CASCADE,
  user_id   BIGINT NOT NULL REFERENCES users (id),
  kind      TEXT COLLATE "C" NOT NULL CHECK (kind IN ('delivered', 'read')),
  up_to     BIGINT NOT NULL,
  at        BIGINT NOT NULL,
  PRIMARY KEY (window_id, user_id, kind, up_to)
);
`,
};
