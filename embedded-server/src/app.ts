import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join, relative, sep } from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { DomainContext } from './domain/context.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { registerAccessControl } from './http/access.js';
import {
  dialectPlugin,
  errorBody,
  errorHandlerOf,
  httpFailure,
  isApiPath,
  notFoundHandlerOf,
  type RouteDeps,
} from './http/dialect.js';
import { createHostCheck } from './http/host-check.js';
import { qaRoutes } from './dialects/admin.js';
import type { Clock } from './qa/clock.js';
import { FaultInjector } from './qa/faults.js';
import { RateLimiter } from './http/rate-limit.js';
import { registerReplyCache, ReplyCache } from './http/reply-cache.js';
import { validatorCompiler } from './http/validation.js';
import { accountRoutes } from './dialects/accounts.js';
import { agoraDialect } from './dialects/agora.js';
import { attachmentRoutes } from './dialects/attachments.js';
import { chatDialect } from './dialects/chat.js';
import { imDialect } from './dialects/im.js';
import { inboxDialect, inboxExtensionRoutes } from './dialects/inbox.js';
import { offlineDialect } from './dialects/offline.js';
import { projectRoutes } from './dialects/projects.js';
import { searchRoutes } from './dialects/search.js';
import { VERSION } from './version.js';
import type { ConnectionHub } from './realtime/hub.js';
import type { RealtimeFanout } from './realtime/fanout.js';
import { registerRealtimeRoutes, registerWebSocketSupport, type RealtimeOptions } from './realtime/socket.js';
import { CACHE_FOREVER } from './http/caching.js';

/** A request body over this is refused with 413 (attachments have their own limit). */
export const BODY_LIMIT = 1024 * 1024;

/**
 * The renderer's Content-Security-Policy: its own scripts only (no inline script, no
 * eval), connections back to this server only, images and media from here or from
 * blobs the app made itself, and no framing.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface AppOptions {
  ctx: DomainContext;
  appId: string;
  appToken: string;
  /** The address the server listens on, for the Host check. */
  host: string;
  allowedHosts: readonly string[];
  rateLimit: number;
  /** Messages a second per user (0: off). */
  sendRate: number;
  /** MiB a user may upload in a day (0: off). */
  uploadQuotaMiB: number;
  /** MiB of replies kept to be sent again while the data is unchanged (0: off). */
  replyCacheMiB: number;
  /** The built renderer to serve at `/`, if there is one. */
  rendererDir: string | null;
  realtime: { hub: ConnectionHub; fanout: RealtimeFanout; options: RealtimeOptions };
  /** Empties the store (and seeds the demo again); present only with `--allow-reset`. */
  reset: (() => Promise<void>) | null;
  /** The time everything is stamped with (QA suites may set it, with `--allow-reset`). */
  clock: Clock;
  /** Where the server logs; none when null. */
  logger: FastifyBaseLogger | null;
}

/** A request that takes this long is logged at `info`; the others only at `debug`. */
const SLOW_REQUEST_MS = 200;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Fastify's two lines per request at `info` cost up to half of a small reply's CPU
    // (docs/benchmarks.md); requests are logged once, below, at `debug` (or `info` when slow).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // A URL or header block the HTTP parser refuses still gets a JSON answer.
    clientErrorHandler: (error, socket) => {
      // Bytes after a complete request that are not a request: older REST clients send a
      // body with GET (even `{}` with no length, on a closing connection). The request
      // before them is answered as usual, then the connection ends. A request whose body
      // was cut short (a client that gave up on an upload and closed its side) is not
      // waited for: it never completes; ending the connection aborts it.
      const answering = responding.get(socket);
      if (answering && !answering.writableFinished && answering.req.complete) {
        answering.once('finish', () => socket.end());
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'HPE_URI_TOO_LONG' ? 414 : 400;
      const body = JSON.stringify(errorBody('ext', status, 'the request could not be parsed'));
      if (socket.writable)
        socket.end(
          `HTTP/1.1 ${status} Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      else socket.destroy();
    },
  });
  // The response each connection is writing, for the parse-error handler above.
  const responding = new WeakMap<Duplex, ServerResponse>();
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) =>
    responding.set(request.socket, response),
  );
  await registerWebSocketSupport(app);
  app.setValidatorCompiler(validatorCompiler);
  // Every endpoint takes JSON (attachments aside): any other body is 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  // A POST without a body is an empty object: optional fields take their defaults,
  // required ones are reported by name.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET') request.body = {};
  });

  const hostAllowed = createHostCheck(options.host, options.allowedHosts);
  app.addHook('onRequest', async (request) => {
    if (!hostAllowed(request.headers.host)) throw httpFailure(421, 'misdirected request: unknown Host');
  });
  const access = registerAccessControl(app, ctx, { appToken: options.appToken, rateLimit: options.rateLimit });
  if (options.replyCacheMiB > 0)
    registerReplyCache(
      app,
      () => ctx.store.dataVersion(),
      new ReplyCache(options.replyCacheMiB * 1024 * 1024, ctx.now),
    );
  // Faults are injected only when a QA suite asks (the QA routes exist only with --allow-reset).
  const faults = new FaultInjector();
  if (options.reset) faults.install(app);
  const throttle = new LoginThrottle();

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (isApiPath(request.url)) reply.header('Cache-Control', 'no-store');
    else reply.header('Content-Security-Policy', RENDERER_CSP);
  });

  app.addHook('onResponse', async (request, reply) => {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime };
    if (reply.elapsedTime >= SLOW_REQUEST_MS) request.log.info(line, 'slow request');
    else request.log.debug(line, 'request');
  });

  // Each dialect's plugin answers its own failures; what is left (the extensions' unknown
  // paths, the renderer's files, the real-time upgrade) speaks the extensions' format.
  app.setErrorHandler(errorHandlerOf('ext'));
  const rendererIndex = options.rendererDir && join(options.rendererDir, 'index.html');
  const hasRenderer = rendererIndex !== null && existsSync(rendererIndex);
  const extNotFound = notFoundHandlerOf('ext');
  app.setNotFoundHandler(async (request, reply) => {
    if (hasRenderer && request.method === 'GET' && !isApiPath(request.url)) return reply.sendFile('index.html');
    return extNotFound(request, reply);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Desktop messenger embedded server',
        version: VERSION,
        description: 'The five documented dialects (offline, inbox, agora, chat, im) and the client extensions.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  if (hasRenderer)
    await app.register(fastifyStatic, {
      root: options.rendererDir!,
      wildcard: false,
      cacheControl: false,
      // The build names each script, style and font after its content: a name never changes
      // content, so a page loaded again (a restart, offline) takes them from the cache without
      // asking. The page itself is asked for each time, so a new build is picked up at once.
      setHeaders: (reply, path) => {
        reply.setHeader(
          'Cache-Control',
          relative(options.rendererDir!, path).startsWith(`assets${sep}`) ? CACHE_FOREVER : 'no-cache',
        );
      },
    });

  const { hub, fanout, options: realtimeOptions } = options.realtime;
  // A page may open the real-time channel only from an origin this server answers as itself.
  const originAllowed = (origin: string) => URL.canParse(origin) && hostAllowed(new URL(origin).host);
  registerRealtimeRoutes(app, ctx, hub, fanout, { ...realtimeOptions, originAllowed });

  // A client may open 60 accounts at once, then one a second (the app token is not limited).
  const registrations = new RateLimiter(1, 60);
  // A user may send `sendRate` messages a second, with bursts of three seconds' worth.
  const sends = options.sendRate > 0 ? new RateLimiter(options.sendRate, options.sendRate * 3) : null;
  const uploadBytesPerDay = options.uploadQuotaMiB > 0 ? options.uploadQuotaMiB * 1024 * 1024 : Infinity;
  const deps: RouteDeps = { ctx, appId: options.appId, throttle, registrations, sends, uploadBytesPerDay };
  for (const dialect of [
    offlineDialect,
    inboxDialect,
    inboxExtensionRoutes,
    agoraDialect,
    chatDialect,
    imDialect,
    accountRoutes,
    projectRoutes,
    searchRoutes,
    attachmentRoutes,
  ])
    await app.register(dialect, deps);

  const reset = options.reset;
  if (reset) {
    const { clock } = options;
    await app.register(
      qaRoutes({
        reset: async () => {
          await reset();
          throttle.clear();
          registrations.clear();
          sends?.clear();
          access.reset();
        },
        clock,
        faults,
        hub,
      }),
      deps,
    );
  }
  const metaRoutes = dialectPlugin('ext', [], (meta) => {
    meta.get('/api/health', { config: { access: 'public' }, schema: { tags: ['meta'] } }, async () => ({
      ok: true,
      version: VERSION,
    }));
    meta.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  });
  await app.register(metaRoutes, deps);
  return app;
}
