import type { Migration } from './index.js';

/**
 * The first schema: accounts, chat windows and messages, the notification inbox,
 * offline messages, projects, tasks and invitations.
 *
 * Every list query of the server is served by one of the indexes below; the
 * query-plan test in `test/store.test.ts` keeps it that way.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) =>
    db.exec(`
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL COLLATE NOCASE UNIQUE,
  password_hash TEXT    NOT NULL,
  nickname      TEXT    NOT NULL,
  avatar        TEXT    NOT NULL DEFAULT '',
  role          TEXT    NOT NULL CHECK (role IN ('MEMBER', 'SALER')),
  created_at    INTEGER NOT NULL
);

-- Directory search: trigram FTS finds substrings of log-in names and (Chinese) nicknames.
CREATE VIRTUAL TABLE users_fts USING fts5(
  username, nickname, content = 'users', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_fts (rowid, username, nickname) VALUES (new.id, new.username, new.nickname);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF username, nickname ON users BEGIN
  INSERT INTO users_fts (users_fts, rowid, username, nickname) VALUES ('delete', old.id, old.username, old.nickname);
  INSERT INTO users_fts (rowid, username, nickname) VALUES (new.id, new.username, new.nickname);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_fts (users_fts, rowid, username, nickname) VALUES ('delete', old.id, old.username, old.nickname);
END;

-- Only the SHA-256 of a token is stored: a stolen database file opens no account.
CREATE TABLE tokens (
  hash       BLOB    PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX tokens_by_user ON tokens (user_id);

-- A one-to-one window is unique per unordered pair (pair_low < pair_high);
-- group windows belong to a project and leave the pair empty.
CREATE TABLE chat_windows (
  id               INTEGER PRIMARY KEY,
  kind             TEXT    NOT NULL CHECK (kind IN ('direct', 'group')),
  opener_id        INTEGER NOT NULL REFERENCES users (id),
  peer_id          INTEGER REFERENCES users (id),
  pair_low         INTEGER,
  pair_high        INTEGER,
  created_at       INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  last_message_id  INTEGER,
  UNIQUE (pair_low, pair_high)
);

-- One row per participant. The window's kind and last activity are copied here so
-- that "my windows, newest first" is one index range; the counters are kept in the
-- same transaction as the message or read that changes them.
CREATE TABLE window_members (
  window_id        INTEGER NOT NULL REFERENCES chat_windows (id) ON DELETE CASCADE,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  kind             TEXT    NOT NULL,
  last_activity_at INTEGER NOT NULL,
  unread_count     INTEGER NOT NULL DEFAULT 0,
  read_up_to       INTEGER NOT NULL DEFAULT 0,
  delivered_up_to  INTEGER NOT NULL DEFAULT 0,
  -- The window's last message when the member joined: only later ones were sent to them.
  joined_after     INTEGER NOT NULL DEFAULT 0,
  joined_at        INTEGER NOT NULL,
  PRIMARY KEY (window_id, user_id)
) WITHOUT ROWID;
CREATE INDEX window_members_by_activity ON window_members (user_id, kind, last_activity_at DESC, window_id DESC);
CREATE INDEX window_members_with_unread ON window_members (user_id, kind, last_activity_at DESC, window_id DESC)
  WHERE unread_count > 0;

-- to_id, delivered_at and read_at describe one-to-one messages; in group windows
-- delivery and reading are the members' cursors (window_members).
CREATE TABLE chat_messages (
  id            INTEGER PRIMARY KEY,
  object_id     TEXT    NOT NULL UNIQUE,
  window_id     INTEGER NOT NULL REFERENCES chat_windows (id) ON DELETE CASCADE,
  from_id       INTEGER NOT NULL REFERENCES users (id),
  to_id         INTEGER REFERENCES users (id),
  body          TEXT    NOT NULL,
  type          TEXT    NOT NULL CHECK (type IN ('TEXT', 'IMAGE', 'VOICE')),
  attachment_id TEXT,
  voice_length  INTEGER NOT NULL DEFAULT -1,
  image_size    INTEGER NOT NULL DEFAULT -1,
  client_msg_id TEXT,
  channel       TEXT    NOT NULL DEFAULT 'PC' CHECK (channel IN ('PC', 'WX')),
  from_area     TEXT    NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  delivered_at  INTEGER,
  read_at       INTEGER
);
CREATE INDEX chat_messages_by_window ON chat_messages (window_id, id);
CREATE INDEX chat_messages_by_window_time ON chat_messages (window_id, created_at, id);
CREATE UNIQUE INDEX chat_messages_by_client_id ON chat_messages (from_id, client_msg_id)
  WHERE client_msg_id IS NOT NULL;

CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  title      TEXT    NOT NULL,
  content    TEXT    NOT NULL,
  status     INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
  type       INTEGER NOT NULL CHECK (type BETWEEN 1 AND 7),
  subtype    INTEGER NOT NULL,
  params     TEXT,
  created_at INTEGER,
  updated_at INTEGER,
  read_at    INTEGER
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_by_status ON notifications (user_id, status, id);
CREATE INDEX notifications_by_type ON notifications (user_id, type, id);
CREATE INDEX notifications_by_read_time ON notifications (user_id, status, read_at DESC, id DESC);

-- Per user, type and status: how many notifications. Triggers keep it in the very
-- statement that changes a notification, so the badge numbers cannot drift.
CREATE TABLE inbox_counters (
  user_id INTEGER NOT NULL,
  type    INTEGER NOT NULL,
  status  INTEGER NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (user_id, type, status)
) WITHOUT ROWID;
CREATE TRIGGER inbox_counters_insert AFTER INSERT ON notifications BEGIN
  INSERT INTO inbox_counters (user_id, type, status, n) VALUES (new.user_id, new.type, new.status, 1)
    ON CONFLICT (user_id, type, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER inbox_counters_update AFTER UPDATE OF status ON notifications
  WHEN old.status <> new.status BEGIN
  UPDATE inbox_counters SET n = n - 1 WHERE user_id = old.user_id AND type = old.type AND status = old.status;
  INSERT INTO inbox_counters (user_id, type, status, n) VALUES (new.user_id, new.type, new.status, 1)
    ON CONFLICT (user_id, type, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER inbox_counters_delete AFTER DELETE ON notifications BEGIN
  UPDATE inbox_counters SET n = n - 1 WHERE user_id = old.user_id AND type = old.type AND status = old.status;
END;

-- seq orders a user's offline messages; id is the short public id of seed 000.
CREATE TABLE offline_messages (
  seq             INTEGER PRIMARY KEY,
  id              TEXT    NOT NULL UNIQUE,
  user_id         INTEGER NOT NULL REFERENCES users (id),
  type            INTEGER NOT NULL CHECK (type BETWEEN 0 AND 7),
  text            TEXT    NOT NULL,
  extra_info      TEXT    NOT NULL,
  dealt           INTEGER NOT NULL,
  chat_message_id INTEGER REFERENCES chat_messages (id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL,
  delivered_at    INTEGER
);
CREATE INDEX offline_messages_undelivered ON offline_messages (user_id, seq) WHERE delivered_at IS NULL;
CREATE INDEX offline_messages_by_user ON offline_messages (user_id, seq);
CREATE INDEX offline_messages_by_chat_message ON offline_messages (chat_message_id, user_id)
  WHERE chat_message_id IS NOT NULL;

CREATE TABLE projects (
  id         TEXT    PRIMARY KEY,
  name       TEXT    NOT NULL,
  owner_id   INTEGER NOT NULL REFERENCES users (id),
  window_id  INTEGER NOT NULL UNIQUE REFERENCES chat_windows (id),
  created_at INTEGER NOT NULL
);

CREATE TABLE project_members (
  project_id TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  role       TEXT    NOT NULL CHECK (role IN ('owner', 'member')),
  joined_at  INTEGER NOT NULL,
  PRIMARY KEY (project_id, user_id)
) WITHOUT ROWID;
CREATE INDEX project_members_by_user ON project_members (user_id, project_id);

CREATE TABLE tasks (
  id           TEXT    PRIMARY KEY,
  project_id   TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  publisher_id INTEGER NOT NULL REFERENCES users (id),
  assignee_id  INTEGER REFERENCES users (id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX tasks_by_project ON tasks (project_id, created_at, id);

-- An invitation is answered through its offline message (type 4 or 7).
CREATE TABLE invitations (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT    NOT NULL CHECK (kind IN ('project', 'task')),
  project_id         TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  task_id            TEXT    REFERENCES tasks (id) ON DELETE CASCADE,
  inviter_id         INTEGER NOT NULL REFERENCES users (id),
  invitee_id         INTEGER NOT NULL REFERENCES users (id),
  remark             TEXT    NOT NULL DEFAULT '',
  state              TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined')),
  offline_message_id TEXT    NOT NULL UNIQUE REFERENCES offline_messages (id),
  created_at         INTEGER NOT NULL,
  answered_at        INTEGER
);
CREATE INDEX invitations_by_invitee ON invitations (invitee_id, state);
CREATE UNIQUE INDEX invitations_one_pending ON invitations (kind, project_id, ifnull(task_id, ''), invitee_id)
  WHERE state = 'pending';
`),
};
