import type { FastifyInstance } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { sessionOfToken } from '../domain/sessions.js';
import { CloseCode, MAX_ACK_IDS, type ClientFrame, type ServerEvent } from '../contract/events.js';
import { acknowledgeDelivery } from '../domain/chat.js';
import type { DomainContext } from '../domain/context.js';
import type { User } from '../domain/types.js';
import type { ConnectionHub, LiveConnection } from './hub.js';
import type { RealtimeFanout } from './fanout.js';

export interface RealtimeOptions {
  /** Whether a browser page of this origin may connect (a client without an Origin may). */
  originAllowed?: (origin: string) => boolean;
  /** How long a new socket has to send its auth frame. */
  authTimeoutMs: number;
  /** How often the server pings; a socket that missed the last pong is dropped. */
  heartbeatMs: number;
}

/** A client frame can be no larger: enough for an ack of MAX_ACK_IDS ids. */
const MAX_FRAME_BYTES = 16 * 1024;
/** A client that reads this far behind is dropped (it catches up with a sync when it comes back). */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;
/** Sockets still waiting for their auth frame, at most. */
const MAX_UNAUTHENTICATED = 200;

function parseClientFrame(data: string): ClientFrame | null {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const { type, token, ids } = frame as Record<string, unknown>;
  if (type === 'auth' && typeof token === 'string') return { type, token };
  if (type === 'ping') return { type };
  if (
    type === 'ack' &&
    Array.isArray(ids) &&
    ids.length <= MAX_ACK_IDS &&
    ids.every((id) => Number.isSafeInteger(id) && id > 0)
  )
    return { type, ids: ids as number[] };
  return null;
}

/**
 * WebSocket support. Registered before every other hook, so that an upgrade refused by a
 * hook (a foreign Host, say) still has its socket closed after the refusal.
 */
export async function registerWebSocketSupport(app: FastifyInstance) {
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } });
}

/**
 * `GET /api/ws`: the real-time channel. The first frame must authenticate
 * (`{type:'auth', token}`) within the timeout; no token ever travels in the URL.
 */
export function registerRealtimeRoutes(
  app: FastifyInstance,
  ctx: DomainContext,
  hub: ConnectionHub,
  fanout: RealtimeFanout,
  options: RealtimeOptions,
) {
  const alive = new WeakMap<WebSocket, boolean>();
  const sockets = new Set<WebSocket>();

  const heartbeat = setInterval(() => {
    for (const socket of sockets) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();
  /** Frames still taking effect (an acknowledgement being written, say). */
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    const done = () => void inFlight.delete(work);
    work.then(done, done);
    return work;
  };
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    hub.closeAll(CloseCode.goingAway, 'server shutting down');
    // What clients sent before the end still takes effect, and the events it caused go out,
    // before the store closes behind them: an acknowledgement that arrived is written.
    // (A frame's work may start more: an ack's write begins once the frame is read.)
    while (inFlight.size > 0) await Promise.all(inFlight);
    await fanout.settled();
  });

  let unauthenticated = 0;
  app.get(
    '/api/ws',
    { websocket: true, config: { access: 'public' }, schema: { tags: ['realtime'] } },
    (socket, request) => {
      const origin = request.headers.origin;
      if (origin !== undefined && options.originAllowed && !options.originAllowed(origin))
        return socket.close(CloseCode.policy, 'origin not allowed');
      if (unauthenticated >= MAX_UNAUTHENTICATED)
        return socket.close(CloseCode.tryAgainLater, 'too many new connections');
      unauthenticated++;
      let waitingForAuth = true;
      const authenticated = () => {
        if (waitingForAuth) unauthenticated--;
        waitingForAuth = false;
      };
      sockets.add(socket);
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      let connection: LiveConnection | null = null;
      let acknowledged: Promise<void> = Promise.resolve();
      // A client that does not read must not grow the server's memory: past the backlog limit
      // it is dropped instead of queued for.
      const sendText = (text: string) => {
        if (socket.bufferedAmount > MAX_BACKLOG_BYTES) return socket.close(CloseCode.tooSlow, 'reading too slowly');
        socket.send(text);
      };
      const send = (frame: ServerEvent) => sendText(JSON.stringify(frame));
      const authTimer = setTimeout(() => socket.close(CloseCode.authTimeout, 'no auth frame'), options.authTimeoutMs);

      async function authenticate(user: User, sessionId: string) {
        clearTimeout(authTimer);
        authenticated();
        connection = {
          userId: user.id,
          sessionId,
          send: sendText,
          close: (code, reason) => socket.close(code, reason),
        };
        if (!hub.add(connection)) {
          connection = null;
          socket.close(CloseCode.tooManyConnections, 'too many connections');
          return;
        }
        send({ type: 'ready' });
        await fanout.sendCounts(user.id);
      }

      async function receive(data: string) {
        const frame = parseClientFrame(data);
        if (!connection) {
          const signedIn = frame?.type === 'auth' ? await sessionOfToken(ctx, frame.token) : undefined;
          if (!signedIn) return socket.close(CloseCode.badToken, 'invalid token');
          // The client may have gone while its token was looked up: it must not join the hub.
          if (socket.readyState !== socket.OPEN) return;
          return await authenticate(signedIn.user, signedIn.session.id);
        }
        // Accounts are never deleted, and a sign-out or a QA reset closes the socket: the
        // connection's user needs no fresh look-up per frame.
        if (frame?.type === 'ack') {
          acknowledged = track(acknowledgeDelivery(ctx, connection.userId, frame.ids).catch(failed));
          return;
        }
        // A pong answers once what came before it on this socket has taken effect, so a client
        // can ping to know its acknowledgements are written (and their events sent).
        if (frame?.type === 'ping') return void acknowledged.then(() => send({ type: 'pong' }));
        send({ type: 'error', data: { msg: 'unknown or malformed frame' } });
      }

      // Frames take effect in the order they came: an `auth` is settled before the next frame is read.
      let received: Promise<void> = Promise.resolve();
      socket.on('message', (data, isBinary) => {
        if (isBinary) return socket.close(CloseCode.unsupportedData, 'text frames only');
        const text = data.toString();
        received = track(received.then(() => receive(text)).catch(failed));
      });

      // A frame must never bring the server down; the client hears that it failed.
      function failed(error: unknown) {
        app.log.error({ err: error }, 'real-time frame failed');
        send({ type: 'error', data: { msg: 'internal server error' } });
      }

      socket.on('close', () => {
        clearTimeout(authTimer);
        authenticated();
        sockets.delete(socket);
        if (connection) hub.remove(connection);
      });
    },
  );
}
