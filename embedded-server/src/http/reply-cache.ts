import type { FastifyInstance, onSendHookHandler, preHandlerHookHandler } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's replies depend only on what the store holds, the caller's device, the URL
     * and the time within a minute: one may be sent again while nothing has changed.
     */
    replyCache?: boolean;
  }
  interface FastifyRequest {
    /** Where this request's reply is to be kept, and the data version it was computed at. */
    replyToKeep: { key: string; version: number } | null;
  }
}

/**
 * How long a kept reply may be sent again. The signed attachment URLs in a reply are good
 * for an hour from when it was made (wire/signed-urls.ts); a minute of that is spent at most.
 */
const REPLY_MAX_AGE_MS = 60_000;

/** A reply at most this share of the budget is kept: one large page never empties the rest. */
const LARGEST_SHARE = 8;

interface KeptReply {
  /** Encoded once: a long reply's text costs more to encode again than to send. */
  body: Buffer;
  contentType: string;
  keptAt: number;
}

/**
 * Replies kept per signed-in device and URL, all made at one version of the data
 * (`StorePort.dataVersion`). A write anywhere moves the version, and every reply kept
 * before it is stale at once: no write has to know whose replies it changes, so none can
 * be missed. A reader polling a window where nothing happens, or opening the same chat
 * again, gets the same bytes without the work.
 */
export class ReplyCache {
  private version = -1;
  private readonly replies = new Map<string, KeptReply>();
  /** Bytes held, over all replies. */
  private held = 0;

  constructor(
    /** Bytes the replies may hold together. */
    private readonly budget: number,
    private readonly now: () => number,
  ) {}

  /** The reply kept under `key`, if it was made at `version` less than a minute ago. */
  get(key: string, version: number): KeptReply | undefined {
    if (version !== this.version) return undefined;
    const kept = this.replies.get(key);
    if (!kept) return undefined;
    const age = this.now() - kept.keptAt;
    if (age >= 0 && age < REPLY_MAX_AGE_MS) return kept;
    this.drop(key, kept);
    return undefined;
  }

  /** Keeps a reply made at `version`; the first one of a newer version drops all the others. */
  keep(key: string, version: number, body: Buffer, contentType: string): void {
    if (version < this.version || body.length > this.budget / LARGEST_SHARE) return;
    if (version > this.version) {
      this.replies.clear();
      this.held = 0;
      this.version = version;
    }
    const old = this.replies.get(key);
    if (old) this.drop(key, old);
    this.replies.set(key, { body, contentType, keptAt: this.now() });
    this.held += body.length;
    // The oldest go first (a Map iterates in insertion order).
    for (const [oldestKey, oldest] of this.replies) {
      if (this.held <= this.budget) break;
      this.drop(oldestKey, oldest);
    }
  }

  private drop(key: string, kept: KeptReply): void {
    this.replies.delete(key);
    this.held -= kept.body.length;
  }
}

const asList = <T>(hooks: T | T[] | undefined): T[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/**
 * Serves the GET routes whose config says `replyCache` from `cache` while the data has not
 * changed. Only a signed-in device's requests are kept (signed URLs in them name it).
 * Registered before the routes. `dataVersion` is the store's (`StorePort.dataVersion`); with
 * none to go by (several instances writing), nothing is kept.
 */
export function registerReplyCache(app: FastifyInstance, dataVersion: () => number | null, cache: ReplyCache): void {
  app.decorateRequest('replyToKeep', null);

  // Callback hooks: a promise per request costs more than the lookup itself.
  const lookUp: preHandlerHookHandler = (request, reply, done) => {
    const version = request.method === 'GET' && request.session ? dataVersion() : null;
    if (version === null) return done();
    const key = `${request.session!.id} ${request.url}`;
    const kept = cache.get(key, version);
    if (!kept) {
      request.replyToKeep = { key, version };
      return done();
    }
    reply.type(kept.contentType).send(kept.body);
  };

  const keep: onSendHookHandler = (request, reply, payload, done) => {
    const pending = request.replyToKeep;
    // Kept only if nothing was written while it was made (the request's own work included).
    const unchanged = pending !== null && dataVersion() === pending.version;
    if (!unchanged || reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
    // Encoded once, here: sent as it is kept.
    const body = Buffer.from(payload);
    cache.keep(pending.key, pending.version, body, String(reply.getHeader('content-type')));
    done(null, body);
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.replyCache) return;
    route.preHandler = [...asList(route.preHandler), lookUp];
    route.onSend = [...asList(route.onSend), keep];
  });
}
