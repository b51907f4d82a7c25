import type { PgMigration } from './index.js';

/**
 * Invitations the inviter can manage, and inbox changes a client can undo (SQLite's
 * migration 7): two more invitation states, `cancelled` and `taken`; `notice_id`, the
 * notification that told the inviter of a decline; and `notification_previous`, each
 * notification's status and times before its last status change, written by trigger in the
 * very statement that changes it.
 */
export const invitationStates: PgMigration = {
  version: 7,
  name: 'invitation states',
  sql: `
ALTER TABLE invitations
  DROP CONSTRAINT invitations_state_check,
  ADD CONSTRAINT invitations_state_check
    CHECK (state IN ('pending', 'accepted', 'declined', 'cancelled', 'taken')),
  ADD COLUMN notice_id BIGINT REFERENCES notifications (id) ON DELETE SET NULL;
CREATE INDEX invitations_by_project ON invitations (project_id, id);
CREATE INDEX invitations_by_task ON invitations (task_id, state) WHERE task_id IS NOT NULL;
-- A decline notice that goes (reset) lets go of the invitation that points to it.
CREATE INDEX invitations_by_notice ON invitations (notice_id) WHERE notice_id IS NOT NULL;

CREATE TABLE notification_previous (
  notification_id BIGINT  PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
  status          INTEGER NOT NULL,
  updated_at      BIGINT,
  read_at         BIGINT
);
CREATE FUNCTION notification_previous_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_previous (notification_id, status, updated_at, read_at)
    VALUES (OLD.id, OLD.status, OLD.updated_at, OLD.read_at)
    ON CONFLICT (notification_id) DO UPDATE
      SET status = excluded.status, updated_at = excluded.updated_at, read_at = excluded.read_at;
  RETURN NULL;
END
$$;
CREATE TRIGGER notification_previous_keep AFTER UPDATE OF status ON notifications
  FOR EACH ROW WHEN (OLD.status <> NEW.status) EXECUTE FUNCTION notification_previous_keep();
`,
};
