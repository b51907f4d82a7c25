import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { invalid, notFound, tooLarge, tooMany, unsupported } from './errors.js';
import type { DomainContext } from './context.js';
import { FILE_MAX_BYTES, judgeFileType, maxBytesOf, SNIFF_BYTES } from './file-types.js';
import type { Attachment } from './types.js';

const newAttachmentId = () => randomBytes(12).toString('hex');

/** The window of the upload quota, and how long an upload may wait to be sent before it is swept. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The files uploads are putting in place and recording right now, with how many uploads
 * each. Between finding a file already there (or renaming one into place) and inserting
 * its record, an upload holds bytes no record names yet: nothing may remove them then.
 */
const storing = new Map<string, number>();
const hold = (path: string) => storing.set(path, (storing.get(path) ?? 0) + 1);
function release(path: string) {
  const holders = storing.get(path)! - 1;
  if (holders === 0) storing.delete(path);
  else storing.set(path, holders);
}

/**
 * Removes the file of these bytes if no upload records them any more (and none is being
 * stored). Checked and removed in one synchronous step, so no upload can start relying on
 * the file in between.
 */
async function removeFileIfUnrecorded(ctx: DomainContext, sha256: string): Promise<void> {
  const path = filePath(ctx, sha256);
  if (storing.has(path) || (await ctx.store.attachments.countWithContent(sha256)) > 0) return;
  try {
    rmSync(path, { force: true });
  } catch {
    // A file that cannot be removed (its folder made read-only) only takes space; nothing names it.
  }
}

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

/** What the upload's body turned out to be, once it was all on disk. */
interface Received {
  temp: string;
  size: number;
  sha256: string;
  head: Buffer;
}

/**
 * Streams an upload to a temporary file, hashing it on the way, and flushes it to disk: a
 * file is never held whole in memory. Past `maxBytes` it stops reading (the rest is never
 * stored) and fails.
 */
async function receive(body: Readable, temp: string, maxBytes: number): Promise<Received> {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  await new Promise<void>((resolve, reject) => {
    // `flush`: the bytes are on disk before the file is renamed into place and recorded.
    const out = createWriteStream(temp, { flags: 'wx', flush: true, mode: 0o600 });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.removeListener('data', onData);
      body.pause();
      out.destroy();
      reject(error);
    };
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size > maxBytes) return fail(tooLarge(`a file may be at most ${maxBytes / MiB} MiB`));
      hash.update(chunk);
      if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk]).subarray(0, SNIFF_BYTES);
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    }
    let ended = false;
    body.once('error', fail);
    // A client that goes away mid-upload leaves a body that never ends.
    body.once('close', () => ended || fail(invalid('the upload was cut off')));
    body.once('end', () => {
      ended = true;
      out.end();
    });
    out.once('error', fail);
    out.once('close', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    // The server may have paused the request; a 'data' listener alone would not start it.
    body.on('data', onData);
    body.resume();
  });
  return { temp, size, sha256: hash.digest('hex'), head };
}

const MiB = 1024 * 1024;

export interface Upload {
  body: Readable;
  /** The `Content-Type` the client declared. */
  contentType: string | undefined;
  /** `Content-Length`, when the client said it: too large is refused before reading. */
  declaredLength: number | null;
  /** The file's name, if the client gave it. */
  name: string | null;
}

/**
 * Refuses `bytes` more from the uploader if, with what they uploaded in the last 24 hours,
 * they would pass `bytesPerDay`: they may try again once their oldest upload of that day
 * has aged out of it.
 */
async function checkUploadQuota(
  ctx: DomainContext,
  uploaderId: number,
  bytes: number,
  bytesPerDay: number,
): Promise<void> {
  if (bytes <= 0 || bytesPerDay === Infinity) return;
  // Waiting would not help a file larger than a whole day's quota.
  if (bytes > bytesPerDay) throw tooLarge(`a file may be at most the daily upload quota, ${bytesPerDay / MiB} MiB`);
  const now = ctx.now();
  const used = await ctx.store.attachments.uploadedSince(uploaderId, now - DAY_MS);
  if (used.bytes + bytes <= bytesPerDay) return;
  const retryAfterMs = used.oldest === null ? DAY_MS : used.oldest + DAY_MS - now;
  throw tooMany(
    `the upload quota of ${bytesPerDay / MiB} MiB a day is used up (${(used.bytes / MiB).toFixed(1)} MiB in the ` +
      'last 24 hours); try again later',
    retryAfterMs,
  );
}

/**
 * Keeps an uploaded file and records the upload. Its type comes from its bytes (an image
 * or voice clip up to 10 MiB, any other file up to 50 MiB); the bytes go to a temporary
 * file, are flushed to disk and renamed under their hash, so a stored file is always whole
 * and kept once however often it is uploaded. The file is in place before the record.
 * Each user may upload `bytesPerDay` in any 24 hours.
 */
export async function saveAttachment(
  ctx: DomainContext,
  uploaderId: number,
  upload: Upload,
  bytesPerDay: number,
): Promise<Attachment> {
  if (upload.declaredLength !== null && upload.declaredLength > FILE_MAX_BYTES)
    throw tooLarge(`a file may be at most ${FILE_MAX_BYTES / MiB} MiB`);
  // A declared length past the quota is refused before a byte is read.
  await checkUploadQuota(ctx, uploaderId, upload.declaredLength ?? 0, bytesPerDay);
  const incoming = join(ctx.attachmentsDir, 'incoming');
  await mkdir(incoming, { recursive: true, mode: 0o700 });
  const temp = join(incoming, randomBytes(12).toString('hex'));
  try {
    const received = await receive(upload.body, temp, FILE_MAX_BYTES);
    if (received.size === 0) throw invalid('the body is empty: send the file itself as the body');
    const verdict = judgeFileType(received.head, upload.contentType);
    if ('refused' in verdict) throw unsupported(verdict.refused);
    if (received.size > maxBytesOf(verdict.mime))
      throw tooLarge(`an image or voice clip may be at most ${maxBytesOf(verdict.mime) / MiB} MiB`);
    await checkUploadQuota(ctx, uploaderId, received.size, bytesPerDay);
    const path = filePath(ctx, received.sha256);
    hold(path);
    let attachment: Attachment;
    try {
      if (await exists(path)) await rm(temp);
      else {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        await rename(temp, path);
      }
      // Checked again with the record's insert, in one step: uploads running side by side
      // cannot each pass the check above and together exceed the quota.
      attachment = await ctx.store.transaction(async () => {
        await checkUploadQuota(ctx, uploaderId, received.size, bytesPerDay);
        const record: Attachment = {
          id: newAttachmentId(),
          sha256: received.sha256,
          size: received.size,
          mime: verdict.mime,
          fileName: upload.name,
          uploaderId,
          createdAt: ctx.now(),
        };
        await ctx.store.attachments.insert(record);
        return record;
      });
    } catch (error) {
      release(path);
      await removeFileIfUnrecorded(ctx, received.sha256);
      throw error;
    }
    release(path);
    return attachment;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Removes what was uploaded more than a day ago and never sent in a message (the record,
 * and the file unless another upload shares its bytes), and temporary files left by uploads
 * a crash cut off. A file a message carries is never touched. Returns how many uploads went.
 */
export async function sweepUnsentUploads(ctx: DomainContext): Promise<number> {
  const before = ctx.now() - DAY_MS;
  const hashes = await ctx.store.transaction(async () => await ctx.store.attachments.removeUnsentBefore(before));
  for (const sha256 of new Set(hashes)) await removeFileIfUnrecorded(ctx, sha256);
  const incoming = join(ctx.attachmentsDir, 'incoming');
  const temps = await readdir(incoming).catch(() => [] as string[]);
  for (const name of temps) {
    const temp = join(incoming, name);
    // Real time, not the server's clock: the file system stamped these files.
    const modified = await stat(temp).then(
      (stats) => stats.mtimeMs,
      () => Infinity,
    );
    if (modified < Date.now() - DAY_MS) await rm(temp, { force: true });
  }
  return hashes.length;
}

/**
 * The attachment if `viewerId` may see it: its uploader, or a member of a window it was
 * sent in. To anyone else it is as good as missing, so its existence is not revealed.
 */
export async function readableAttachment(
  ctx: DomainContext,
  viewerId: number,
  attachmentId: string,
): Promise<Attachment> {
  const attachment = await ctx.store.attachments.byId(attachmentId);
  const mayRead =
    attachment !== undefined &&
    (attachment.uploaderId === viewerId || (await ctx.store.attachments.sentToMember(attachmentId, viewerId)));
  if (!mayRead) throw notFound(`no attachment ${attachmentId}`);
  return attachment;
}

/**
 * The attachment a message is about to carry: only its uploader may send it (an id seen
 * in someone else's message cannot be forwarded). The caller checks that its `mime` fits
 * the message type (image/* for IMAGE, audio/* for VOICE).
 */
export async function requireOwnAttachment(
  ctx: DomainContext,
  userId: number,
  attachmentId: string,
): Promise<Attachment> {
  const attachment = await ctx.store.attachments.byId(attachmentId);
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

/**
 * A message stopped carrying the attachment (it was recalled): its record goes if no other
 * message carries it, and its bytes once no upload shares them. Call inside the
 * transaction; the file is removed only after it commits.
 */
export async function forgetAttachment(ctx: DomainContext, attachmentId: string): Promise<void> {
  const { store } = ctx;
  const attachment = await store.attachments.byId(attachmentId);
  if (!attachment || !(await store.attachments.removeIfUnused(attachmentId))) return;
  // A file that stays (the store could not be asked) only takes space: nothing names it.
  store.afterCommit(() => void removeFileIfUnrecorded(ctx, attachment.sha256).catch(() => undefined));
}
