import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from '../auth/passwords.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { conflict, notFound, tooMany, unauthenticated } from './errors.js';
import { startSession } from './sessions.js';
import { checkDisplayName } from './display-names.js';
import type { DomainContext } from './context.js';
import type { Role, User } from './types.js';

export interface Registration {
  username: string;
  password: string;
  nickname: string;
  role?: Role;
  avatar?: string;
  /** What the client said it is (User-Agent), for the session list. */
  client?: string;
}

export interface SignedIn {
  token: string;
  user: User;
}

/** Creates an account (it starts empty: no welcome notification or offline message) and signs it in. */
export async function register(ctx: DomainContext, registration: Registration): Promise<SignedIn> {
  const { store } = ctx;
  checkDisplayName(registration.nickname);
  if (store.users.byUsername(registration.username)) throw conflict('username is taken');
  const passwordHash = await hashPassword(registration.password);
  return store.transaction(() => {
    const user = createAccount(ctx, registration, passwordHash);
    return { token: startSession(ctx, user.id, registration.client), user };
  });
}

/**
 * Writes an account whose password was hashed beforehand (hashing takes time off the
 * event loop, a transaction may not wait for it). Signs nobody in.
 */
export function createAccount(
  ctx: DomainContext,
  account: Omit<Registration, 'password' | 'client'>,
  passwordHash: string,
): User {
  const { store } = ctx;
  const nickname = checkDisplayName(account.nickname);
  return store.transaction(() => {
    // Checked (again) inside the transaction: another registration may have won the race.
    if (store.users.byUsername(account.username)) throw conflict('username is taken');
    const id = store.users.insert({
      username: account.username,
      passwordHash,
      nickname,
      avatar: account.avatar ?? '',
      role: account.role ?? 'MEMBER',
      createdAt: ctx.now(),
    });
    return store.users.byId(id)!;
  });
}

/**
 * Signs a user in on a new device. A check is reserved before the password is verified
 * (so parallel guesses are paced, not raced), and an unknown username costs the same work.
 */
export async function login(
  ctx: DomainContext,
  throttle: LoginThrottle,
  attempt: { username: string; password: string; client: string | undefined },
): Promise<SignedIn> {
  const { username, password } = attempt;
  const waitMs = throttle.reserve(username, ctx.now());
  if (waitMs > 0) throw tooMany(`too many failed log-ins; try again in ${Math.ceil(waitMs / 1000)} s`, waitMs);
  let ok = false;
  try {
    const credentials = ctx.store.users.credentials(username);
    ok = await verifyPassword(password, credentials?.passwordHash ?? (await UNKNOWN_USER_HASH));
    if (!credentials || !ok) throw unauthenticated('wrong username or password');
    const token = ctx.store.transaction(() => startSession(ctx, credentials.id, attempt.client));
    return { token, user: ctx.store.users.byId(credentials.id)! };
  } finally {
    throttle.settle(username, ok, ctx.now());
  }
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
