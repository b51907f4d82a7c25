import { hash, randomBytes } from 'node:crypto';

/** A new bearer token: 256 random bits, hex. Only its SHA-256 is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * A token's SHA-256 in base64: what the server knows a token by in memory (its cache of
 * sessions, its rate limit). Every request needs it: the one-shot digest to a string costs
 * about a fifth of a Hash object's digest to a Buffer.
 */
export function tokenKey(token: string): string {
  return hash('sha256', token, 'base64');
}

/** A token's SHA-256 as the store keeps it, from its {@link tokenKey}. */
export function storedHashOf(key: string): Buffer {
  return Buffer.from(key, 'base64');
}

/** A token's SHA-256 as the store keeps it. */
export function tokenHash(token: string): Buffer {
  return storedHashOf(tokenKey(token));
}

/**
 * Whether a presented token is `expected`. Their digests are compared, not the tokens: how
 * long a plain comparison takes tells only how much of the digest of the caller's own guess
 * matches, which brings no guess nearer the token. The expected token is hashed once.
 */
export function tokenMatcher(expected: string): (token: string) => boolean {
  const expectedKey = tokenKey(expected);
  return (token) => tokenKey(token) === expectedKey;
}

/** The token of an `Authorization: Bearer <token>` header, if well formed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(header.trim());
  return match?.[1];
}
