import type { Attachment } from '../../../domain/types.js';
import type { Port } from '../../port.js';
import type { AttachmentRepository } from '../../repositories/attachments.js';
import type { PgSession } from '../session.js';

const ATTACHMENT_COLUMNS =
  'id, sha256, size, mime, file_name AS "fileName", uploader_id AS "uploaderId", created_at AS "createdAt"';

/** An upload no message carries. */
const UNSENT = 'NOT EXISTS (SELECT 1 FROM chat_messages WHERE attachment_id = attachments.id)';

export function createPgAttachmentRepository(session: PgSession): Port<AttachmentRepository> {
  return {
    async insert(attachment: Attachment) {
      await session.run(
        `INSERT INTO attachments (id, sha256, size, mime, file_name, uploader_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          attachment.id,
          attachment.sha256,
          attachment.size,
          attachment.mime,
          attachment.fileName,
          attachment.uploaderId,
          attachment.createdAt,
        ],
      );
    },
    byId: (id: string) => session.row<Attachment>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE id = $1`, [id]),
    /** Deletes the record if no message carries it any more; whether it did. */
    removeIfUnused: async (id: string) =>
      (await session.run(`DELETE FROM attachments WHERE id = $1 AND ${UNSENT}`, [id])) > 0,
    /** What `uploaderId` uploaded after `since`: the bytes, and when the oldest of it was. */
    uploadedSince: async (uploaderId: number, since: number) =>
      (await session.row<{ bytes: number; oldest: number | null }>(
        `SELECT coalesce(sum(size), 0) AS bytes, min(created_at) AS oldest
         FROM attachments WHERE uploader_id = $1 AND created_at > $2`,
        [uploaderId, since],
      ))!,
    /** Deletes the uploads made before `before` that no message carries; the hashes of their bytes. */
    removeUnsentBefore: async (before: number) =>
      (
        await session.rows<{ sha256: string }>(
          `DELETE FROM attachments WHERE created_at < $1 AND ${UNSENT} RETURNING sha256`,
          [before],
        )
      ).map((row) => row.sha256),
    /** How many uploads share these bytes. */
    countWithContent: async (sha256: string) =>
      (await session.row<{ n: number }>('SELECT count(*) AS n FROM attachments WHERE sha256 = $1', [sha256]))!.n,
    /** True when a message with the attachment was sent in a window `userId` is a member of. */
    sentToMember: async (id: string, userId: number) =>
      (await session.row(
        `SELECT 1 FROM chat_messages m
         JOIN window_members w ON w.window_id = m.window_id AND w.user_id = $1
         WHERE m.attachment_id = $2 LIMIT 1`,
        [userId, id],
      )) !== undefined,
  };
}
