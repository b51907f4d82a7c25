import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a signed attachment URL can be used. */
export const SIGNED_URL_LIFETIME_MS = 60 * 60 * 1000;

// A new secret each time the server starts: a restart invalidates the URLs it handed out,
// which the client copes with anyway since they expire within the hour.
const secret = randomBytes(32);

/** Where an attachment is served (with a bearer token). */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

const signatureOf = (id: string, userId: string, sessionId: string, expires: string) =>
  createHmac('sha256', secret).update(`${id}\n${userId}\n${sessionId}\n${expires}`).digest();

/** Who a signed URL is for: a user, on one signed-in device (it stops working when that session ends). */
export interface SignedFor {
  userId: number;
  sessionId: string;
}

/**
 * A URL that serves the attachment to one user's session without a bearer token for an
 * hour, for `<img>` and `<audio>` tags, which cannot send one. It carries no more than the
 * viewer's own right to see the attachment: the server checks that, and that the session
 * is still signed in, again on every use.
 */
export function signedAttachmentUrl(id: string, viewer: SignedFor, now: number): string {
  const userId = String(viewer.userId);
  const expires = String(now + SIGNED_URL_LIFETIME_MS);
  const sig = signatureOf(id, userId, viewer.sessionId, expires).toString('hex');
  return `${attachmentUrl(id)}?u=${userId}&s=${viewer.sessionId}&exp=${expires}&sig=${sig}`;
}

/** The query string of a signed URL, as received. */
export interface SignedQuery {
  u?: string;
  s?: string;
  exp?: string;
  sig?: string;
}

/** Who a signed URL for attachment `id` was issued to; null when it is missing, forged or expired. */
export function signedViewer(id: string, { u, s, exp, sig }: SignedQuery, now: number): SignedFor | null {
  if (u === undefined || s === undefined || exp === undefined || sig === undefined) return null;
  if (!/^[0-9a-f]{64}$/.test(sig)) return null;
  // The values are checked as the text that was signed, so only the exact decimals issued pass.
  if (!timingSafeEqual(Buffer.from(sig, 'hex'), signatureOf(id, u, s, exp))) return null;
  if (Number(exp) <= now) return null;
  return { userId: Number(u), sessionId: s };
}
