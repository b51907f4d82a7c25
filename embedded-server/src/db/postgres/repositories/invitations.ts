import type { Invitation, InvitationState } from '../../../domain/types.js';
import type { Port } from '../../port.js';
import type { InvitationRepository, NewInvitation } from '../../repositories/invitations.js';
import type { PgSession } from '../session.js';

const INVITATION_COLUMNS = `id, kind, project_id AS "projectId", task_id AS "taskId", inviter_id AS "inviterId",
  invitee_id AS "inviteeId", remark, state, offline_message_id AS "offlineMessageId", created_at AS "createdAt",
  answered_at AS "answeredAt", notice_id AS "noticeId"`;

export function createPgInvitationRepository(session: PgSession): Port<InvitationRepository> {
  return {
    async insert(invitation: NewInvitation): Promise<number> {
      const inserted = await session.row<{ id: number }>(
        `INSERT INTO invitations (kind, project_id, task_id, inviter_id, invitee_id, remark, offline_message_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          invitation.kind,
          invitation.projectId,
          invitation.taskId,
          invitation.inviterId,
          invitation.inviteeId,
          invitation.remark,
          invitation.offlineMessageId,
          invitation.createdAt,
        ],
      );
      return inserted!.id;
    },
    byId: (id: number) => session.row<Invitation>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE id = $1`, [id]),
    byOfflineMessage: (offlineMessageId: string) =>
      session.row<Invitation>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE offline_message_id = $1`, [
        offlineMessageId,
      ]),
    // The same expression as invitations_one_pending, so that index finds it.
    pendingFor: (kind: Invitation['kind'], projectId: string, taskId: string | null, inviteeId: number) =>
      session.row<Invitation>(
        `SELECT ${INVITATION_COLUMNS} FROM invitations
         WHERE kind = $1 AND project_id = $2 AND coalesce(task_id, '') = $3 AND invitee_id = $4 AND state = 'pending'`,
        [kind, projectId, taskId ?? '', inviteeId],
      ),
    /** Moves an invitation to any state (back to pending too, for an undo), with its time and notice. */
    async settle(id: number, state: InvitationState, answeredAt: number | null, noticeId: number | null = null) {
      await session.run('UPDATE invitations SET state = $1, answered_at = $2, notice_id = $3 WHERE id = $4', [
        state,
        answeredAt,
        noticeId,
        id,
      ]);
    },
    pendingForTask: (taskId: string) =>
      session.rows<Invitation>(
        `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE task_id = $1 AND state = 'pending' ORDER BY id`,
        [taskId],
      ),
    /** Every invitation to the project and its tasks, newest first. */
    ofProject: (projectId: string) =>
      session.rows<Invitation>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE project_id = $1 ORDER BY id DESC`, [
        projectId,
      ]),
  };
}
