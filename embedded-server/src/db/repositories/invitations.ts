import type { Db } from '../open.js';
import type { Invitation, InvitationState } from '../../domain/types.js';

const INVITATION_COLUMNS = `id, kind, project_id AS projectId, task_id AS taskId, inviter_id AS inviterId,
  invitee_id AS inviteeId, remark, state, offline_message_id AS offlineMessageId, created_at AS createdAt,
  answered_at AS answeredAt`;

export type NewInvitation = Omit<Invitation, 'id' | 'state' | 'answeredAt'>;

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
  const answer = db.prepare<[InvitationState, number, number]>(
    "UPDATE invitations SET state = ?, answered_at = ? WHERE id = ? AND state = 'pending'",
  );
  const pendingCount = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM invitations INDEXED BY invitations_by_invitee WHERE invitee_id = ? AND state = 'pending'`,
  );

  return {
    insert: (invitation: NewInvitation) => Number(insert.run(invitation).lastInsertRowid),
    byId: (id: number) => byId.get(id),
    byOfflineMessage: (offlineMessageId: string) => byOfflineMessage.get(offlineMessageId),
    pendingFor: (kind: Invitation['kind'], projectId: string, taskId: string | null, inviteeId: number) =>
      pendingFor.get(kind, projectId, taskId ?? '', inviteeId),
    answer: (id: number, state: Exclude<InvitationState, 'pending'>, now: number) => void answer.run(state, now, id),
    pendingCount: (userId: number) => pendingCount.get(userId)!.n,
  };
}

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;
