import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from '../auth/passwords.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { conflict, notFound, tooMany, unauthenticated } from './errors.js';
import type { DomainContext } from './context.js';
import type { Role, User } from './types.js';

export interface Registration {
  username: string;
  password: string;
  nickname: string;
  role?: Role;
  avatar?: string;
}

export interface SignedIn {
  token: string;
  user: User;
}

function issueToken(ctx: DomainContext, userId: number): string {
  const token = newToken();
  ctx.store.tokens.insert(tokenHash(token), userId, ctx.now());
  return token;
}

/** Creates an account (it starts empty: no welcome notification or offline message) and signs it in. */
export async function register(ctx: DomainContext, registration: Registration): Promise<SignedIn> {
  const { store } = ctx;
  if (store.users.byUsername(registration.username)) throw conflict('username is taken');
  const passwordHash = await hashPassword(registration.password);
  return store.transaction(() => {
    // Checked again inside the transaction: another registration may have won the race.
    if (store.users.byUsername(registration.username)) throw conflict('username is taken');
    const id = store.users.insert({
      username: registration.username,
      passwordHash,
      nickname: registration.nickname,
      avatar: registration.avatar ?? '',
      role: registration.role ?? 'MEMBER',
      createdAt: ctx.now(),
    });
    return { token: issueToken(ctx, id), user: store.users.byId(id)! };
  });
}

export async function login(
  ctx: DomainContext,
  throttle: LoginThrottle,
  username: string,
  password: string,
): Promise<SignedIn> {
  const retryMs = throttle.retryAfter(username, ctx.now());
  if (retryMs > 0) throw tooMany(`too many failed log-ins; try again in ${Math.ceil(retryMs / 1000)} s`);
  const credentials = ctx.store.users.credentials(username);
  const ok = await verifyPassword(password, credentials?.passwordHash ?? (await UNKNOWN_USER_HASH));
  if (!credentials || !ok) {
    throttle.recordFailure(username, ctx.now());
    throw unauthenticated('wrong username or password');
  }
  throttle.recordSuccess(username);
  return { token: issueToken(ctx, credentials.id), user: ctx.store.users.byId(credentials.id)! };
}

export function logout(ctx: DomainContext, token: string): void {
  ctx.store.tokens.remove(tokenHash(token));
}

/** The user a bearer token belongs to, if any. */
export function userOfToken(ctx: DomainContext, token: string): User | undefined {
  const userId = ctx.store.tokens.ownerOf(tokenHash(token));
  return userId === undefined ? undefined : ctx.store.users.byId(userId);
}

/** The account with this log-in name. */
export function accountByUsername(ctx: DomainContext, username: string): User {
  const user = ctx.store.users.byUsername(username);
  if (!user) throw notFound(`no user ${username}`);
  return user;
}

export function requireUser(ctx: DomainContext, id: number): User {
  const user = ctx.store.users.byId(id);
  if (!user) throw notFound(`no user ${id}`);
  return user;
}

export function searchDirectory(ctx: DomainContext, term: string, limit: number): User[] {
  return ctx.store.users.search(term.trim(), limit);
}
