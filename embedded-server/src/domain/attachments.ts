import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { notFound } from './errors.js';
import type { DomainContext } from './context.js';
import type { AttachmentMime } from './file-types.js';
import type { Attachment } from './types.js';

const newAttachmentId = () => randomBytes(12).toString('hex');

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `<first two hex>/<sha256>`: content-addressed, spread over 256 folders so none grows huge. */
function filePath(ctx: DomainContext, sha256: string): string {
  return join(ctx.attachmentsDir, sha256.slice(0, 2), sha256);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the file under its hash unless it is already there. The bytes go to a temporary
 * file in the same folder, are flushed to disk, and are then renamed into place, so the
 * hash-named file is always whole, even after a crash in the middle of a write.
 */
async function keepFile(path: string, bytes: Uint8Array): Promise<void> {
  if (await exists(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Keeps an uploaded file (whose type the caller has checked) and records the upload.
 * The file is written before the record, so a record never names a missing file.
 */
export async function saveAttachment(
  ctx: DomainContext,
  uploaderId: number,
  bytes: Uint8Array,
  mime: AttachmentMime,
): Promise<Attachment> {
  const sha256 = sha256Of(bytes);
  await keepFile(filePath(ctx, sha256), bytes);
  const attachment: Attachment = {
    id: newAttachmentId(),
    sha256,
    size: bytes.length,
    mime,
    uploaderId,
    createdAt: ctx.now(),
  };
  ctx.store.attachments.insert(attachment);
  return attachment;
}

/**
 * The attachment if `viewerId` may see it: its uploader, or a member of a window it was
 * sent in. To anyone else it is as good as missing, so its existence is not revealed.
 */
export function readableAttachment(ctx: DomainContext, viewerId: number, attachmentId: string): Attachment {
  const attachment = ctx.store.attachments.byId(attachmentId);
  const mayRead =
    attachment !== undefined &&
    (attachment.uploaderId === viewerId || ctx.store.attachments.sentToMember(attachmentId, viewerId));
  if (!mayRead) throw notFound(`no attachment ${attachmentId}`);
  return attachment;
}

/**
 * The attachment a message is about to carry: only its uploader may send it (an id seen
 * in someone else's message cannot be forwarded). The caller checks that its `mime` fits
 * the message type (image/* for IMAGE, audio/* for VOICE).
 */
export function requireOwnAttachment(ctx: DomainContext, userId: number, attachmentId: string): Attachment {
  const attachment = ctx.store.attachments.byId(attachmentId);
  if (!attachment || attachment.uploaderId !== userId) throw notFound(`no attachment ${attachmentId}`);
  return attachment;
}

/** The attachment's bytes. A file removed from the data folder behind the server's back is not found. */
export async function attachmentBytes(ctx: DomainContext, attachment: Attachment): Promise<Buffer> {
  try {
    return await readFile(filePath(ctx, attachment.sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`attachment ${attachment.id} is missing`);
    throw error;
  }
}
