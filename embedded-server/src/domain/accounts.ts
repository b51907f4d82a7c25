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
  if (await store.users.byUsername(registration.username)) throw conflict('username is taken');
  const passwordHash = await hashPassword(registration.password);
  return await store.transaction(async () => {
    const user = await createAccount(ctx, registration, passwordHash);
    return { token: await startSession(ctx, user.id, registration.client), user };
  });
}

/**
 * Writes an account whose password was hashed beforehand (hashing takes time off the
 * event loop, a transaction may not wait for it). Signs nobody in.
 */
export async function createAccount(
  ctx: DomainContext,
  account: Omit<Registration, 'password' | 'client'>,
  passwordHash: string,
): Promise<User> {
  const { store } = ctx;
  const nickname = checkDisplayName(account.nickname);
  return await store.transaction(async () => {
    // Checked (again) inside the transaction: another registration may have won the race.
    if (await store.users.byUsername(account.username)) throw conflict('username is taken');
    const id = await store.users.insert({
      username: account.username,
      passwordHash,
      nickname,
      avatar: account.avatar ?? '',
      role: account.role ?? 'MEMBER',
      createdAt: ctx.now(),
    });
    return (await store.users.byId(id))!;
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
    const credentials = await ctx.store.users.credentials(username);
    ok = await verifyPassword(password, credentials?.passwordHash ?? (await UNKNOWN_USER_HASH));
    if (!credentials || !ok) throw unauthenticated('wrong username or password');
    const token = await ctx.store.transaction(async () => await startSession(ctx, credentials.id, attempt.client));
    return { token, user: (await ctx.store.users.byId(credentials.id))! };
  } finally {
    throttle.settle(username, ok, ctx.now());
  }
}

/** The account with this log-in name. */
export async function accountByUsername(ctx: DomainContext, username: string): Promise<User> {
  const user = await ctx.store.users.byUsername(username);
  if (!user) throw notFound(`no user ${username}`);
  return user;
}

export async function requireUser(ctx: DomainContext, id: number): Promise<User> {
  const user = await ctx.store.users.byId(id);
  if (!user) throw notFound(`no user ${id}`);
  return user;
}

export async function searchDirectory(ctx: DomainContext, term: string, limit: number): Promise<User[]> {
  return await ctx.store.users.search(term.trim(), limit);
}
