import { randomBytes } from 'node:crypto';
import { newToken, storedHashOf, tokenHash, tokenKey } from '../auth/tokens.js';
import type { DomainContext } from './context.js';
import { notFound } from './errors.js';
import { emit } from './events.js';
import type { Session, User } from './types.js';

/** A session nobody has used for this long has ended: its token no longer works. */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** How stale `lastUsedAt` may get before a use writes it again (not one write per request). */
const TOUCH_EVERY_MS = 60 * 60 * 1000;
/** How much of the client's User-Agent a session keeps. */
const CLIENT_MAX = 200;

/** Signs a user in on a new device: a new token, of which only the hash is kept. Call inside a transaction. */
export async function startSession(ctx: DomainContext, userId: number, client: string | undefined): Promise<string> {
  const token = newToken();
  const session = { id: randomBytes(12).toString('hex'), userId, client: (client ?? '').slice(0, CLIENT_MAX) };
  await ctx.store.tokens.insert(tokenHash(token), session, ctx.now());
  return token;
}

export interface SignedInSession {
  user: User;
  session: Session;
}

/**
 * The user and session a bearer token belongs to, if it is still signed in. A session idle
 * for 30 days ends on its next use; a use marks it used (at most once an hour). What the
 * store said is remembered for a few seconds (`SignedInCache`), so most requests ask it nothing.
 */
export async function sessionOfToken(ctx: DomainContext, token: string): Promise<SignedInSession | undefined> {
  const { store, signedIn: cache } = ctx;
  const key = tokenKey(token);
  let signedIn = cache.get(key);
  if (!signedIn) {
    const epoch = cache.currentEpoch();
    signedIn = await store.tokens.withUser(storedHashOf(key));
    if (!signedIn) return undefined;
    cache.remember(key, signedIn, epoch);
  }
  const { session, user } = signedIn;
  const now = ctx.now();
  if (now - session.lastUsedAt > SESSION_IDLE_MS) {
    await endSessions(
      ctx,
      session.userId,
      [session.id],
      async () => await store.tokens.removeByHash(storedHashOf(key)),
    );
    return undefined;
  }
  if (now - session.lastUsedAt > TOUCH_EVERY_MS) {
    await store.tokens.touch(session.id, now);
    cache.touched(key, now);
  }
  return { user, session };
}

/** Whether the user's session is still signed in (and not idle past its end). */
export async function isSignedIn(ctx: DomainContext, userId: number, sessionId: string): Promise<boolean> {
  const session = await ctx.store.tokens.byId(sessionId);
  return session !== undefined && session.userId === userId && ctx.now() - session.lastUsedAt <= SESSION_IDLE_MS;
}

/** The user's signed-in devices, most recently used first. */
export const sessionsOf = async (ctx: DomainContext, user: User) => await ctx.store.tokens.ofUser(user.id);

/** Signs one of the user's devices out: its token stops working and its live connections close. */
export async function endSession(ctx: DomainContext, user: User, sessionId: string): Promise<void> {
  await endSessions(ctx, user.id, [sessionId], async () => {
    if (!(await ctx.store.tokens.remove(sessionId, user.id))) throw notFound(`no session ${sessionId}`);
  });
}

/** Signs out the device this token belongs to. */
export async function signOut(ctx: DomainContext, token: string): Promise<void> {
  const session = await ctx.store.tokens.byHash(tokenHash(token));
  if (session) await endSession(ctx, { id: session.userId } as User, session.id);
}

async function endSessions(
  ctx: DomainContext,
  userId: number,
  sessionIds: string[],
  remove: () => Promise<unknown>,
): Promise<void> {
  await ctx.store.transaction(async () => {
    await remove();
    emit(ctx, { type: 'sessions.ended', userId, sessionIds });
  });
}
