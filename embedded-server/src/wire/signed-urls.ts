import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a signed attachment URL can be used. */
export const SIGNED_URL_LIFETIME_MS = 60 * 60 * 1000;

// A new secret each time the server starts: a restart invalidates the URLs it handed out,
// which the client copes with anyway since they expire within the hour.
const secret = randomBytes(32);

/** Where an attachment is served (with a bearer token). */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

const signatureOf = (id: string, userId: string, expires: string) =>
  createHmac('sha256', secret).update(`${id}\n${userId}\n${expires}`).digest();

/**
 * A URL that serves the attachment to `viewerUserId` without a bearer token for an hour,
 * for `<img>` and `<audio>` tags, which cannot send one. It carries no more than the
 * viewer's own right to see the attachment: the server checks that again on every use.
 */
export function signedAttachmentUrl(id: string, viewerUserId: number, now: number): string {
  const userId = String(viewerUserId);
  const expires = String(now + SIGNED_URL_LIFETIME_MS);
  const sig = signatureOf(id, userId, expires).toString('hex');
  return `${attachmentUrl(id)}?u=${userId}&exp=${expires}&sig=${sig}`;
}

/** The query string of a signed URL, as received. */
export interface SignedQuery {
  u?: string;
  exp?: string;
  sig?: string;
}

/** The user a signed URL for attachment `id` was issued to; null when it is missing, forged or expired. */
export function signedViewer(id: string, { u, exp, sig }: SignedQuery, now: number): number | null {
  if (u === undefined || exp === undefined || sig === undefined || !/^[0-9a-f]{64}$/.test(sig)) return null;
  // The values are checked as the text that was signed, so only the exact decimals issued pass.
  if (!timingSafeEqual(Buffer.from(sig, 'hex'), signatureOf(id, u, exp))) return null;
  if (Number(exp) <= now) return null;
  return Number(u);
}
