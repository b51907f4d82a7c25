import type { Migration } from './index.js';

/**
 * Attachments (images and voice clips, stored by content hash in the data folder) and
 * full-text search over chat messages and notifications.
 *
 * Search uses FTS5's trigram tokenizer, which finds substrings, Chinese included. The
 * indexes are external-content tables kept in sync by triggers, so a message and its
 * index entry are written in the same transaction.
 */
export const attachmentsAndSearch: Migration = {
  version: 2,
  name: 'attachments and search',
  up: (db) =>
    db.exec(`
CREATE TABLE attachments (
  id          TEXT    PRIMARY KEY,
  sha256      TEXT    NOT NULL,
  size        INTEGER NOT NULL,
  mime        TEXT    NOT NULL,
  uploader_id INTEGER NOT NULL REFERENCES users (id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX attachments_by_hash ON attachments (sha256);
CREATE INDEX chat_messages_by_attachment ON chat_messages (attachment_id, window_id) WHERE attachment_id IS NOT NULL;

CREATE VIRTUAL TABLE chat_messages_fts USING fts5(
  body, content = 'chat_messages', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO chat_messages_fts (chat_messages_fts) VALUES ('rebuild');
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

CREATE VIRTUAL TABLE notifications_fts USING fts5(
  title, content, content = 'notifications', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO notifications_fts (notifications_fts) VALUES ('rebuild');
CREATE TRIGGER notifications_fts_insert AFTER INSERT ON notifications BEGIN
  INSERT INTO notifications_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
CREATE TRIGGER notifications_fts_update AFTER UPDATE OF title, content ON notifications BEGIN
  INSERT INTO notifications_fts (notifications_fts, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
  INSERT INTO notifications_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
CREATE TRIGGER notifications_fts_delete AFTER DELETE ON notifications BEGIN
  INSERT INTO notifications_fts (notifications_fts, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
END;
`),
};
