import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken, tokenKey, tokenMatcher } from '../auth/tokens.js';
import { sessionOfToken } from '../domain/sessions.js';
import { tooMany, unauthenticated } from '../domain/errors.js';
import type { DomainContext } from '../domain/context.js';
import type { Session, User } from '../domain/types.js';
import { RateLimiter } from './rate-limit.js';

/**
 * Who may call a route: `public` (no token), `user` (a user's token: "medium"),
 * `app` (the app token: "high"), or `user-or-app`.
 */
export type AccessLevel = 'public' | 'user' | 'app' | 'user-or-app';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessLevel;
  }
  interface FastifyRequest {
    /** The signed-in user, on routes that take a user token. */
    caller: User | null;
    /** The session (device) the user's token belongs to. */
    session: Session | null;
    /** True when the request carried the app token. */
    viaAppToken: boolean;
    bearer: string | null;
  }
}

/** The caller of a `user` route (the access hook has checked there is one). */
export function callerOf(request: FastifyRequest): User {
  if (!request.caller) throw unauthenticated();
  return request.caller;
}

export interface AccessOptions {
  appToken: string;
  /** Requests per second per token (or per address without one); 0 turns the limit off. */
  rateLimit: number;
}

/**
 * Resolves the bearer token of every request against the route's access level, and
 * applies the per-token rate limit. Routes say their level in `config.access`; the
 * dialects' routes default to `user`, and a route outside them (the renderer's files)
 * that says nothing is `public`.
 */
export function registerAccessControl(app: FastifyInstance, ctx: DomainContext, options: AccessOptions) {
  const limiter = options.rateLimit > 0 ? new RateLimiter(options.rateLimit) : null;
  const isAppToken = tokenMatcher(options.appToken);
  app.decorateRequest('caller', null);
  app.decorateRequest('session', null);
  app.decorateRequest('viaAppToken', false);
  app.decorateRequest('bearer', null);

  app.addHook('onRequest', async (request) => {
    // An unknown route is answered 404 whoever asks, and the renderer's files are public.
    const access = request.is404 ? 'public' : (request.routeOptions.config.access ?? 'public');
    const token = bearerToken(request.headers.authorization);
    request.bearer = token ?? null;
    const waitMs = limiter?.take(token ? tokenKey(token) : `ip:${request.ip}`, ctx.now()) ?? 0;
    if (waitMs > 0) throw tooMany('rate limit reached; slow down', waitMs);
    if (access === 'public') {
      // A public route may still do more for the app (registering in bulk, say).
      request.viaAppToken = token !== undefined && isAppToken(token);
      return;
    }
    if (!token) throw unauthenticated('missing bearer token');
    if (access !== 'user' && isAppToken(token)) {
      request.viaAppToken = true;
      return;
    }
    if (access === 'app') throw unauthenticated('this endpoint needs the app token');
    const signedIn = await sessionOfToken(ctx, token);
    if (!signedIn) throw unauthenticated('invalid or expired token');
    request.caller = signedIn.user;
    request.session = signedIn.session;
  });

  return { reset: () => limiter?.clear() };
}
