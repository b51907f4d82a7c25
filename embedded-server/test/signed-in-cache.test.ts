import { describe, expect, it } from 'vitest';
import { SignedInCache } from '../src/domain/signed-in-cache.js';
import type { Session, User } from '../src/domain/types.js';

/** The users of the tokens seen lately, with a hand-moved clock. */
function cacheAt(ttlMs = 1000) {
  const clock = { now: 0 };
  return { cache: new SignedInCache(ttlMs, () => clock.now), clock };
}

const user: User = { id: 7, username: 'alice', nickname: 'Alice', avatar: '', role: 'MEMBER', createdAt: 1 };
const session = (id: string): Session => ({ id, userId: 7, createdAt: 1, lastUsedAt: 1, client: 'test' });

describe('the cache of signed-in tokens', () => {
  it('answers from memory until its time is up, then asks the store again', () => {
    const { cache, clock } = cacheAt(1000);
    cache.remember('h1', { user, session: session('s1') }, cache.currentEpoch());
    clock.now = 999;
    expect(cache.get('h1')?.session.id).toBe('s1');
    clock.now = 1000;
    expect(cache.get('h1')).toBeUndefined();
  });

  it('forgets the sessions that end, and only those', () => {
    const { cache } = cacheAt();
    cache.remember('h1', { user, session: session('s1') }, cache.currentEpoch());
    cache.remember('h2', { user, session: session('s2') }, cache.currentEpoch());
    cache.publish({ type: 'sessions.ended', userId: 7, sessionIds: ['s1'] });
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')?.session.id).toBe('s2');
  });

  it('forgets everything when the store is emptied', () => {
    const { cache } = cacheAt();
    cache.remember('h1', { user, session: session('s1') }, cache.currentEpoch());
    cache.publish({ type: 'store.emptied' });
    expect(cache.get('h1')).toBeUndefined();
  });

  it('does not keep what was read from the store while a session ended (the read may predate it)', () => {
    const { cache } = cacheAt();
    const epoch = cache.currentEpoch();
    // The read is in flight when the session's end is announced...
    cache.publish({ type: 'sessions.ended', userId: 7, sessionIds: ['s1'] });
    // ...so what it found is not remembered.
    cache.remember('h1', { user, session: session('s1') }, epoch);
    expect(cache.get('h1')).toBeUndefined();
    // Events that end no session leave it be.
    cache.publish({ type: 'counts.changed', userIds: [7] });
    cache.remember('h1', { user, session: session('s1') }, cache.currentEpoch());
    expect(cache.get('h1')).toBeDefined();
  });

  it('keeps a use of the session, so it is not marked used again', () => {
    const { cache } = cacheAt();
    cache.remember('h1', { user, session: session('s1') }, cache.currentEpoch());
    cache.touched('h1', 500);
    expect(cache.get('h1')?.session.lastUsedAt).toBe(500);
  });

  it('holds a bounded number of tokens, forgetting the longest remembered first', () => {
    const { cache } = cacheAt();
    for (let i = 0; i <= 10_000; i++) cache.remember(`h${i}`, { user, session: session(`s${i}`) }, 0);
    expect(cache.get('h0')).toBeUndefined();
    expect(cache.get('h1')).toBeDefined();
    expect(cache.get('h10000')).toBeDefined();
  });
});
