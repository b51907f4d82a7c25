import type { Db } from '../open.js';
import type { Invitation, InvitationState } from '../../domain/types.js';

const INVITATION_COLUMNS = `id, kind, project_id AS projectId, task_id AS taskId, inviter_id AS inviterId,
  invitee_id AS inviteeId, remark, state, offline_message_id AS offlineMessageId, created_at AS createdAt,
  answered_at AS answeredAt, notice_id AS noticeId`;

export type NewInvitation = Omit<Invitation, 'id' | 'state' | 'answeredAt' | 'noticeId'>;

export function createInvitationRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO invitations (kind, project_id, task_id, inviter_id, invitee_id, remark, offline_message_id, created_at)
     VALUES (@kind, @projectId, @taskId, @inviterId, @inviteeId, @remark, @offlineMessageId, @createdAt)`,
  );
  const byId = db.prepare<[number], Invitation>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE id = ?`);
  const byOfflineMessage = db.prepare<[string], Invitation>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE offline_message_id = ?`,
  );
  const pendingFor = db.prepare<[string, string, string, number], Invitation>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations
     WHERE kind = ? AND project_id = ? AND ifnull(task_id, '') = ? AND invitee_id = ? AND state = 'pending'`,
  );
  const settle = db.prepare<[InvitationState, number | null, number | null, number]>(
    'UPDATE invitations SET state = ?, answered_at = ?, notice_id = ? WHERE id = ?',
  );
  const pendingForTask = db.prepare<[string], Invitation>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations INDEXED BY invitations_by_task
     WHERE task_id = ? AND state = 'pending' ORDER BY id`,
  );
  const ofProject = db.prepare<[string], Invitation>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations INDEXED BY invitations_by_project
     WHERE project_id = ? ORDER BY id DESC`,
  );

  return {
    insert: (invitation: NewInvitation) => Number(insert.run(invitation).lastInsertRowid),
    byId: (id: number) => byId.get(id),
    byOfflineMessage: (offlineMessageId: string) => byOfflineMessage.get(offlineMessageId),
    pendingFor: (kind: Invitation['kind'], projectId: string, taskId: string | null, inviteeId: number) =>
      pendingFor.get(kind, projectId, taskId ?? '', inviteeId),
    /** Moves an invitation to any state (back to pending too, for an undo), with its time and notice. */
    settle: (id: number, state: InvitationState, answeredAt: number | null, noticeId: number | null = null) =>
      void settle.run(state, answeredAt, noticeId, id),
    pendingForTask: (taskId: string) => pendingForTask.all(taskId),
    /** Every invitation to the project and its tasks, newest first. */
    ofProject: (projectId: string) => ofProject.all(projectId),
  };
}

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;
