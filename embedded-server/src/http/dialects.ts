import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FailureKind } from '../domain/errors.js';

/**
 * The five documented dialects plus the client's extensions. Each writes its own
 * success envelope and its own error format; a failure is always answered in the
 * format of the dialect that was called.
 */
export type Dialect = 'offline' | 'inbox' | 'agora' | 'chat' | 'im' | 'ext';

/** The dialect of a request path (query string ignored). */
export function dialectOf(url: string): Dialect {
  const path = url.split('?', 1)[0]!;
  if (path === '/offlineMessages' || path.startsWith('/offlineMessages/')) return 'offline';
  if (path.startsWith('/message/')) return 'inbox';
  if (path.startsWith('/app-id/')) return 'agora';
  if (path.startsWith('/api/im/')) return 'im';
  if (path === '/api/chat' || path.startsWith('/api/chat/')) return 'chat';
  return 'ext';
}

/** True for the API's paths; everything else is the renderer's static files. */
export function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  return dialectOf(path) !== 'ext' || path.startsWith('/api/');
}

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
export function errorBody(dialect: Dialect, status: number, reason: string, elapsedMs = 0): object {
  switch (dialect) {
    case 'inbox':
      return { errcode: status, errmsg: reason };
    case 'im':
      return { success: false, msg: reason };
    case 'agora': {
      const names = AGORA_ERRORS[status] ?? (status >= 500 ? AGORA_SERVER_ERROR : AGORA_BAD_REQUEST);
      return {
        ...names,
        timestamp: Date.now(),
        duration: Math.round(elapsedMs),
        error_description: status === 401 ? 'Unable to authenticate (OAuth)' : reason,
      };
    }
    default:
      return { code: status, msg: reason };
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, reason: string) {
  const dialect = dialectOf(request.url);
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(errorBody(dialect, status, reason, reply.elapsedTime));
}

/** Success envelopes. */
export const inboxOk = (data: unknown) => ({ errcode: 0, errmsg: 'ok', errdata: { data } });
/** The chat seed's own envelope; its `sucess` typo is part of the contract. */
export const chatSeedOk = (data: unknown) => ({ code: 0, msg: 'sucess', data });
export const extOk = (data: unknown) => ({ code: 0, msg: 'success', data });
export const imOk = (data: unknown[]) => ({ success: true, data });
export const offlineOk = (messages: unknown[]) => ({ messages });

export function agoraOk(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
  const path = request.url.split('?', 1)[0]!;
  return {
    action: request.method.toLowerCase(),
    uri: `${request.protocol}://${request.host}${path}`,
    path,
    entities: [],
    data,
    timestamp: Date.now(),
    duration: Math.round(reply.elapsedTime),
    count: 0,
  };
}
