import { ReferenceGoneError, StoreUnavailableError } from '../db/port.js';
import { WriteConflict } from '../db/group-commit.js';
import type { OfflineMessageWire } from '../contract/wire.js';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, type FailureKind } from '../domain/errors.js';
import type { DomainContext } from '../domain/context.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { RateLimiter } from './rate-limit.js';

/**
 * The five documented dialects plus the client's extensions. Each writes its own
 * success envelope and its own error format; a failure is always answered in the
 * format of the dialect whose plugin registered the route (or, for an unknown path,
 * whose base path it is under).
 */
export type Dialect = 'offline' | 'inbox' | 'agora' | 'chat' | 'im' | 'ext';

/** What a dialect's routes need from the server. */
export interface RouteDeps {
  ctx: DomainContext;
  appId: string;
  throttle: LoginThrottle;
  /** New accounts per client address. */
  registrations: RateLimiter;
  /** Messages sent per user (every way of sending: new, reply, forward). */
  sends: RateLimiter | null;
  /** Bytes a user may upload in a day. */
  uploadBytesPerDay: number;
}

/** The paths of the API; everything else is the renderer's static files. */
const API_PREFIXES = ['/api/', '/offlineMessages', '/message/', '/app-id/'];
export const isApiPath = (url: string) => API_PREFIXES.some((prefix) => url.startsWith(prefix));

/** HTTP status of each failure kind. The inbox seed knows only 422 for bad parameters. */
export function statusOf(kind: FailureKind, dialect: Dialect): number {
  switch (kind) {
    case 'invalid':
      return dialect === 'agora' ? 400 : 422;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return dialect === 'inbox' ? 422 : 403;
    case 'not-found':
      return dialect === 'inbox' ? 422 : 404;
    case 'conflict':
      return dialect === 'inbox' ? 422 : 409;
    case 'too-many':
      return 429;
    case 'too-large':
      return 413;
    case 'unsupported':
      return 415;
  }
}

const AGORA_ERRORS: Record<number, { error: string; exception: string }> = {
  401: { error: 'unauthorized', exception: 'UnauthorizedException' },
  404: { error: 'service_resource_not_found', exception: 'ServiceResourceNotFoundException' },
  429: { error: 'reach_limit', exception: 'ReachLimitException' },
};
const AGORA_BAD_REQUEST = { error: 'illegal_argument', exception: 'IllegalArgumentException' };
const AGORA_SERVER_ERROR = { error: 'internal_server_error', exception: 'InternalServerErrorException' };

/** The error body of `dialect` for an HTTP status and a reason a person can read. */
export function errorBody(dialect: Dialect, status: number, reason: string, elapsedMs = 0, now = Date.now()): object {
  switch (dialect) {
    case 'inbox':
      return { errcode: status, errmsg: reason };
    case 'im':
      return { success: false, msg: reason };
    case 'agora': {
      const names = AGORA_ERRORS[status] ?? (status >= 500 ? AGORA_SERVER_ERROR : AGORA_BAD_REQUEST);
      return {
        ...names,
        timestamp: now,
        duration: Math.round(elapsedMs),
        error_description: status === 401 ? 'Unable to authenticate (OAuth)' : reason,
      };
    }
    default:
      return { code: status, msg: reason };
  }
}

const HTTP_FAILURE = 'HTTP_FAILURE';

/** A failure of the request itself rather than of a domain rule (a foreign Host, a refused file type). */
export function httpFailure(status: number, message: string): FastifyError {
  return Object.assign(new Error(message), { statusCode: status, code: HTTP_FAILURE, name: 'HttpFailure' });
}

function sendErrorOf(dialect: Dialect, reply: FastifyReply, status: number, reason: string, now: () => number) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(errorBody(dialect, status, reason, reply.elapsedTime, now()));
}

/** Answers any failure in `dialect`'s error format: never an HTML page or a stack trace. */
export function errorHandlerOf(dialect: Dialect, now: () => number = Date.now) {
  const sendError = (reply: FastifyReply, status: number, reason: string) =>
    sendErrorOf(dialect, reply, status, reason, now);
  return (
    error: FastifyError | DomainError | StoreUnavailableError | WriteConflict | ReferenceGoneError,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    // The database out of reach, or a write that kept conflicting with other instances' writes:
    // nothing was written, and the same request sent again will most likely succeed.
    if (error instanceof StoreUnavailableError || error instanceof WriteConflict) {
      reply.header('Retry-After', 2);
      return sendError(reply, 503, error.message);
    }
    if (error instanceof ReferenceGoneError) return sendError(reply, statusOf('conflict', dialect), error.message);
    if (error instanceof DomainError) {
      if (error.retryAfterMs !== null) reply.header('Retry-After', Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
      return sendError(reply, statusOf(error.kind, dialect), error.message);
    }
    // Said on purpose (a refused Host, a fault a QA suite injected): answered as it is.
    if (error.code === HTTP_FAILURE) return sendError(reply, error.statusCode!, error.message);
    if (error.validation) return sendError(reply, statusOf('invalid', dialect), error.message);
    // Its client went away before the request was whole (an upload given up): its body stream
    // reports the connection reset. Nobody is left to answer, and nothing failed on this side.
    if (error.code === 'ECONNRESET' && request.raw.destroyed && !request.raw.complete) {
      request.log.debug({ err: error }, 'request abandoned by its client');
      return sendError(reply, 400, 'the request was cut short');
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own 4xx (malformed JSON, body too large, wrong content type): the inbox seed
      // calls every bad parameter 422.
      return sendError(reply, dialect === 'inbox' && status === 400 ? 422 : status, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'internal server error');
  };
}

/** Answers an unknown route in `dialect`'s error format. */
export function notFoundHandlerOf(dialect: Dialect, now: () => number = Date.now) {
  return async (request: FastifyRequest, reply: FastifyReply) =>
    sendErrorOf(dialect, reply, 404, `no route ${request.method} ${request.url.split('?', 1)[0]}`, now);
}

/** A dialect's routes are declared with TypeBox schemas, which type their requests. */
export type DialectApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * A dialect as a Fastify plugin: its routes, in a scope whose error handler and (under
 * each of `basePaths`) not-found handler speak its format. Routes default to needing a
 * user's token.
 */
export function dialectPlugin(
  dialect: Dialect,
  basePaths: readonly string[],
  routes: (app: DialectApp, deps: RouteDeps) => void | Promise<void>,
) {
  return async (scope: FastifyInstance, deps: RouteDeps) => {
    scope.setErrorHandler(errorHandlerOf(dialect, deps.ctx.now));
    scope.addHook('onRoute', (route) => {
      route.config = { access: 'user', ...route.config };
    });
    for (const prefix of basePaths)
      await scope.register(async (under) => under.setNotFoundHandler(notFoundHandlerOf(dialect, deps.ctx.now)), {
        prefix,
      });
    await routes(scope.withTypeProvider<TypeBoxTypeProvider>(), deps);
  };
}

/** Success envelopes. */
export const inboxOk = (data: unknown) => ({ errcode: 0, errmsg: 'ok', errdata: { data } });
/** The chat seed's own envelope; its `sucess` typo is part of the contract. */
export const chatSeedOk = (data: unknown) => ({ code: 0, msg: 'sucess', data });
export const extOk = (data: unknown) => ({ code: 0, msg: 'success', data });
export const imOk = (data: unknown[]) => ({ success: true, data });
export const offlineOk = (messages: OfflineMessageWire[]) => ({ messages });

export function agoraOk(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>, now: number) {
  const path = request.url.split('?', 1)[0]!;
  return {
    action: request.method.toLowerCase(),
    uri: `${request.protocol}://${request.host}${path}`,
    path,
    entities: [],
    data,
    timestamp: now,
    duration: Math.round(reply.elapsedTime),
    count: 0,
  };
}
