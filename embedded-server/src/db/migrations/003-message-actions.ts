import type { Migration } from './index.js';

/**
 * Messaging, second round (API.md §3b): replies, forwards, recall, edit, reactions,
 * delete-for-me, mentions, receipts that survive a reload, files and system lines.
 *
 * `chat_messages` is rebuilt (SQLite cannot change a CHECK in place) to take the FILE and
 * SYSTEM types and the new columns; ids are kept, so the full-text index stays valid. It
 * is STRICT now, like every new table. Recalled text must leave no trace: both full-text
 * indexes delete for real (`secure-delete`), and the store zeroes freed space
 * (`PRAGMA secure_delete`, set on every open).
 */
export const messageActions: Migration = {
  version: 3,
  name: 'message actions',
  up: (db) =>
    db.exec(`
CREATE TABLE chat_messages_next (
  id             INTEGER PRIMARY KEY,
  object_id      TEXT    NOT NULL UNIQUE,
  window_id      INTEGER NOT NULL REFERENCES chat_windows (id) ON DELETE CASCADE,
  from_id        INTEGER NOT NULL REFERENCES users (id),
  to_id          INTEGER REFERENCES users (id),
  body           TEXT    NOT NULL,
  type           TEXT    NOT NULL CHECK (type IN ('TEXT', 'IMAGE', 'VOICE', 'FILE', 'SYSTEM')),
  attachment_id  TEXT,
  voice_length   INTEGER NOT NULL DEFAULT -1,
  image_size     INTEGER NOT NULL DEFAULT -1,
  file_name      TEXT,
  client_msg_id  TEXT,
  channel        TEXT    NOT NULL DEFAULT 'PC' CHECK (channel IN ('PC', 'WX')),
  from_area      TEXT    NOT NULL DEFAULT '',
  -- The message this one answers (same window), and the one it copies (any window).
  reply_to       INTEGER,
  forwarded_from INTEGER,
  -- As sent: a JSON array of user ids, or ["all"]; message_mentions holds one row per user.
  mentions       TEXT,
  system_event   TEXT    CHECK (system_event IN ('joined', 'left', 'removed')),
  recalled_at    INTEGER,
  edited_at      INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  delivered_at   INTEGER,
  read_at        INTEGER
) STRICT;
INSERT INTO chat_messages_next (id, object_id, window_id, from_id, to_id, body, type, attachment_id, voice_length,
    image_size, client_msg_id, channel, from_area, created_at, updated_at, delivered_at, read_at)
  SELECT id, object_id, window_id, from_id, to_id, body, type, attachment_id, voice_length,
    image_size, client_msg_id, channel, from_area, created_at, updated_at, delivered_at, read_at
  FROM chat_messages;
DROP TABLE chat_messages;
ALTER TABLE chat_messages_next RENAME TO chat_messages;

CREATE INDEX chat_messages_by_window ON chat_messages (window_id, id);
CREATE INDEX chat_messages_by_window_time ON chat_messages (window_id, created_at, id);
CREATE UNIQUE INDEX chat_messages_by_client_id ON chat_messages (from_id, client_msg_id)
  WHERE client_msg_id IS NOT NULL;
CREATE INDEX chat_messages_by_attachment ON chat_messages (attachment_id, window_id) WHERE attachment_id IS NOT NULL;
CREATE TRIGGER chat_messages_fts_insert AFTER INSERT ON chat_messages BEGIN
  INSERT INTO chat_messages_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER chat_messages_fts_update AFTER UPDATE OF body ON chat_messages BEGIN
  INSERT INTO chat_messages_fts (chat_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO chat_messages_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER chat_messages_fts_delete AFTER DELETE ON chat_messages BEGIN
  INSERT INTO chat_messages_fts (chat_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
INSERT INTO chat_messages_fts (chat_messages_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO notifications_fts (notifications_fts, rank) VALUES ('secure-delete', 1);

ALTER TABLE attachments ADD COLUMN file_name TEXT;
ALTER TABLE window_members ADD COLUMN mention_unread INTEGER NOT NULL DEFAULT 0;

CREATE TABLE message_reactions (
  message_id INTEGER NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  emoji      TEXT    NOT NULL,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, emoji, user_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE message_mentions (
  message_id INTEGER NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  window_id  INTEGER NOT NULL,
  PRIMARY KEY (message_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX message_mentions_by_user ON message_mentions (user_id, window_id, message_id);

-- Deleted for one user only: the message stays for everyone else.
CREATE TABLE hidden_messages (
  user_id    INTEGER NOT NULL REFERENCES users (id),
  window_id  INTEGER NOT NULL,
  message_id INTEGER NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, window_id, message_id)
) STRICT, WITHOUT ROWID;

-- When a group member's delivery or read cursor passed a point: a group message's
-- receipt time for that member is the first mark at or past it.
CREATE TABLE receipt_marks (
  window_id INTEGER NOT NULL REFERENCES chat_windows (id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users (id),
  kind      TEXT    NOT NULL CHECK (kind IN ('delivered', 'read')),
  up_to     INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (window_id, user_id, kind, up_to)
) STRICT, WITHOUT ROWID;
`),
};
