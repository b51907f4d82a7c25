import type { Db } from '../open.js';
import type { Attachment } from '../../domain/types.js';

const ATTACHMENT_COLUMNS =
  'id, sha256, size, mime, file_name AS fileName, uploader_id AS uploaderId, created_at AS createdAt';

export function createAttachmentRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO attachments (id, sha256, size, mime, file_name, uploader_id, created_at)
     VALUES (@id, @sha256, @size, @mime, @fileName, @uploaderId, @createdAt)`,
  );
  const remove = db.prepare<[string]>(
    'DELETE FROM attachments WHERE id = ? AND NOT EXISTS (SELECT 1 FROM chat_messages WHERE attachment_id = attachments.id)',
  );
  const withContent = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM attachments INDEXED BY attachments_by_hash WHERE sha256 = ?',
  );
  const byId = db.prepare<[string], Attachment>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE id = ?`);
  const uploadedSince = db.prepare<[number, number], { bytes: number; oldest: number | null }>(
    `SELECT coalesce(sum(size), 0) AS bytes, min(created_at) AS oldest
     FROM attachments INDEXED BY attachments_by_uploader WHERE uploader_id = ? AND created_at > ?`,
  );
  const removeUnsent = db
    .prepare<[number], string>(
      `DELETE FROM attachments WHERE created_at < ?
         AND NOT EXISTS (SELECT 1 FROM chat_messages WHERE attachment_id = attachments.id)
       RETURNING sha256`,
    )
    .pluck();
  // Current members only: someone who left a window no longer sees what was sent in it.
  const sentToMember = db.prepare<[number, string], { found: 1 }>(
    `SELECT 1 AS found FROM chat_messages m
     JOIN window_members w ON w.window_id = m.window_id AND w.user_id = ?
     WHERE m.attachment_id = ? LIMIT 1`,
  );

  return {
    insert: (attachment: Attachment) => void insert.run(attachment),
    byId: (id: string) => byId.get(id),
    /** Deletes the record if no message carries it any more; whether it did. */
    removeIfUnused: (id: string) => remove.run(id).changes > 0,
    /** What `uploaderId` uploaded after `since`: the bytes, and when the oldest of it was. */
    uploadedSince: (uploaderId: number, since: number) => uploadedSince.get(uploaderId, since)!,
    /** Deletes the uploads made before `before` that no message carries; the hashes of their bytes. */
    removeUnsentBefore: (before: number) => removeUnsent.all(before),
    /** How many uploads share these bytes. */
    countWithContent: (sha256: string) => withContent.get(sha256)!.n,
    /** True when a message with the attachment was sent in a window `userId` is a member of. */
    sentToMember: (id: string, userId: number) => sentToMember.get(userId, id) !== undefined,
  };
}

export type AttachmentRepository = ReturnType<typeof createAttachmentRepository>;
