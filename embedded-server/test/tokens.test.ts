import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newToken, tokenHash, tokenKey, tokenMatcher } from '../src/auth/tokens.js';

describe('token digests', () => {
  it('keep the stored form: the SHA-256 of the token, as data folders already hold it', () => {
    for (const token of [newToken(), 'a', 'ümlaut-and-中文']) {
      const digest = createHash('sha256').update(token, 'utf8').digest();
      expect(tokenHash(token).equals(digest)).toBe(true);
      expect(tokenKey(token)).toBe(digest.toString('base64'));
    }
  });

  it('match the expected token alone, not one a character off', () => {
    const expected = newToken();
    const isExpected = tokenMatcher(expected);
    const last = expected.at(-1) === '0' ? '1' : '0';
    expect(isExpected(expected)).toBe(true);
    expect(isExpected(expected.slice(0, -1) + last)).toBe(false);
    expect(isExpected(expected.slice(0, -1))).toBe(false);
    expect(isExpected(expected.toUpperCase())).toBe(false);
    expect(isExpected(newToken())).toBe(false);
  });
});
