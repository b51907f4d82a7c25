import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new bearer token: 256 random bits, hex. Only its SHA-256 is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether a presented token is `expected`, compared in constant time (by their hashes,
 * which have equal length). The expected token is hashed once, not on every request.
 */
export function tokenMatcher(expected: string): (token: string) => boolean {
  const expectedHash = tokenHash(expected);
  return (token) => timingSafeEqual(tokenHash(token), expectedHash);
}

/** The token of an `Authorization: Bearer <token>` header, if well formed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(header.trim());
  return match?.[1];
}
