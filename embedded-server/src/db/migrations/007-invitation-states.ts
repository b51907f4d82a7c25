import type { Migration } from './index.js';

/**
 * Invitations the inviter can manage, and inbox changes a client can undo.
 *
 * `invitations` is rebuilt (SQLite cannot change a CHECK in place) to take two more states,
 * `cancelled` (withdrawn by the inviter or the project's owner) and `taken` (the task went to
 * someone else), and `notice_id`: the notification that told the inviter of a decline, so
 * undoing the decline can withdraw it. Task invitations still pending for a task that already
 * has an assignee (the store allowed that before) are taken from now on, and stop showing as
 * pending (when the task was taken is not known: their own time stands for it).
 *
 * `notification_previous` keeps, per notification, the status and times it had before its
 * last status change, written by trigger in the very statement that changes it, so an undo
 * (`POST /message/restore`) puts back exactly what the lists showed.
 */
export const invitationStates: Migration = {
  version: 7,
  name: 'invitation states',
  up: (db) =>
    db.exec(`
CREATE TABLE invitations_next (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT    NOT NULL CHECK (kind IN ('project', 'task')),
  project_id         TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  task_id            TEXT    REFERENCES tasks (id) ON DELETE CASCADE,
  inviter_id         INTEGER NOT NULL REFERENCES users (id),
  invitee_id         INTEGER NOT NULL REFERENCES users (id),
  remark             TEXT    NOT NULL DEFAULT '',
  state              TEXT    NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'accepted', 'declined', 'cancelled', 'taken')),
  offline_message_id TEXT    NOT NULL UNIQUE REFERENCES offline_messages (id),
  created_at         INTEGER NOT NULL,
  answered_at        INTEGER,
  notice_id          INTEGER REFERENCES notifications (id) ON DELETE SET NULL
) STRICT;
INSERT INTO invitations_next (id, kind, project_id, task_id, inviter_id, invitee_id, remark, state,
                              offline_message_id, created_at, answered_at)
  SELECT id, kind, project_id, task_id, inviter_id, invitee_id, remark, state, offline_message_id, created_at,
         answered_at
  FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_next RENAME TO invitations;
CREATE INDEX invitations_by_invitee ON invitations (invitee_id, state);
CREATE UNIQUE INDEX invitations_one_pending ON invitations (kind, project_id, ifnull(task_id, ''), invitee_id)
  WHERE state = 'pending';
CREATE INDEX invitations_by_project ON invitations (project_id, id);
CREATE INDEX invitations_by_task ON invitations (task_id, state) WHERE task_id IS NOT NULL;
-- A decline notice that goes (reset) lets go of the invitation that points to it.
CREATE INDEX invitations_by_notice ON invitations (notice_id) WHERE notice_id IS NOT NULL;

UPDATE offline_messages SET dealt = 1 WHERE id IN (
  SELECT i.offline_message_id FROM invitations i JOIN tasks t ON t.id = i.task_id
  WHERE i.state = 'pending' AND t.assignee_id IS NOT NULL);
UPDATE invitations SET state = 'taken', answered_at = created_at
  WHERE state = 'pending' AND task_id IN (SELECT id FROM tasks WHERE assignee_id IS NOT NULL);

CREATE TABLE notification_previous (
  notification_id INTEGER PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
  status          INTEGER NOT NULL,
  updated_at      INTEGER,
  read_at         INTEGER
) STRICT;
CREATE TRIGGER notification_previous_keep AFTER UPDATE OF status ON notifications
  WHEN old.status <> new.status BEGIN
  INSERT INTO notification_previous (notification_id, status, updated_at, read_at)
    VALUES (old.id, old.status, old.updated_at, old.read_at)
    ON CONFLICT (notification_id) DO UPDATE
      SET status = excluded.status, updated_at = excluded.updated_at, read_at = excluded.read_at;
END;
`),
};
