import { Redis } from 'ioredis';
import type { DomainEvent, EventSink } from '../domain/events.js';

/** Where the cluster's connections report trouble (the server's logger). */
export type ClusterLog = (line: object, msg: string) => void;

export const silentClusterLog: ClusterLog = () => undefined;

/** A first connection that takes longer is a wrong address, not a slow one. */
const CONNECT_TIMEOUT_MS = 3000;
/** No command may hold its caller longer, even on a connection that went silent. */
const COMMAND_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * One connection to the Redis that several server instances share. It tries once at
 * start-up, so a wrong address fails at once and says so; afterwards it reconnects by
 * itself with backoff. Commands are refused while it is down instead of queued: what real
 * time sends is stale by the time Redis is back, and clients catch up when they reconnect.
 */
export class RedisLink {
  readonly client: Redis;
  private started = false;
  private lost = false;

  constructor(
    private readonly url: string,
    private readonly role: string,
    private readonly log: ClusterLog,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // Commands in flight when the connection drops fail instead of waiting for a reconnect.
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => (this.started ? Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS) : null),
    });
    // Without a listener ioredis prints each failed reconnect attempt; 'close' says it once.
    this.client.on('error', () => undefined);
    this.client.on('close', () => {
      if (!this.started || this.lost) return;
      this.lost = true;
      this.log({ role, url }, 'Redis connection lost; reconnecting');
    });
    this.client.on('ready', () => {
      if (!this.lost) return;
      this.lost = false;
      this.log({ role, url }, 'Redis connection restored');
    });
  }

  /** Connects once; rejects with an error naming the address when Redis does not answer. */
  async open(): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      this.client.disconnect();
      throw new Error(`Redis is unreachable at ${this.url}: ${errorText(error)}`, { cause: error });
    }
    this.started = true;
  }

  close(): void {
    this.started = false;
    this.client.disconnect();
  }

  /** Logs a command that failed; the caller carries on (real time is best effort). */
  failed(what: string, error: unknown, line: object = {}): void {
    this.log({ role: this.role, url: this.url, error: errorText(error), ...line }, what);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The one channel all instances publish their events on: one channel keeps each publisher's order. */
const EVENTS_CHANNEL = 'messenger:events';

/** An event as it travels between instances: who published it, so its publisher can skip it. */
interface RelayedEvent {
  from: string;
  event: DomainEvent;
}

export interface ClusterRelayOptions {
  /** redis://HOST:PORT */
  url: string;
  /** This instance's name, unique among the instances sharing the Redis. */
  instanceId: string;
  /** Where events go on this instance: its real-time fan-out. */
  local: EventSink;
  log?: ClusterLog;
}

/**
 * Shares committed domain events between server instances, so a message sent through one
 * reaches clients connected to another. Each event goes to this instance's own clients at
 * once, as without a cluster, and is published for the others; events the others publish
 * are handed to this instance's fan-out. Redis being down loses real time, never a write:
 * the events are dropped (and counted), and clients catch up when they reconnect.
 */
export class ClusterRelay implements EventSink {
  private readonly publisher: RedisLink;
  private readonly subscriber: RedisLink;
  private readonly instanceId: string;
  private readonly local: EventSink;
  private readonly log: ClusterLog;
  /** Events not published because Redis refused them (down, or too slow). */
  droppedEvents = 0;
  /** Events dropped since the last one published: an outage is logged once, not per event. */
  private droppedInOutage = 0;

  constructor(options: ClusterRelayOptions) {
    this.instanceId = options.instanceId;
    this.local = options.local;
    this.log = options.log ?? silentClusterLog;
    this.publisher = new RedisLink(options.url, 'event publisher', this.log);
    this.subscriber = new RedisLink(options.url, 'event subscriber', this.log);
    this.subscriber.client.on('message', (_channel: string, text: string) => this.receive(text));
  }

  async start(): Promise<void> {
    try {
      await Promise.all([this.publisher.open(), this.subscriber.open()]);
      await this.subscriber.client.subscribe(EVENTS_CHANNEL);
    } catch (error) {
      this.publisher.close();
      this.subscriber.close();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.publisher.close();
    this.subscriber.close();
  }

  publish(event: DomainEvent): void {
    this.local.publish(event);
    const relayed: RelayedEvent = { from: this.instanceId, event };
    this.publisher.client.publish(EVENTS_CHANNEL, JSON.stringify(relayed)).then(
      () => this.recovered(),
      (error: unknown) => this.dropped(event, error),
    );
  }

  private dropped(event: DomainEvent, error: unknown): void {
    this.droppedEvents += 1;
    if (this.droppedInOutage++ === 0)
      this.publisher.failed('events are not reaching the other instances', error, { type: event.type });
  }

  private recovered(): void {
    if (this.droppedInOutage === 0) return;
    this.log({ dropped: this.droppedInOutage }, 'events reach the other instances again');
    this.droppedInOutage = 0;
  }

  private receive(text: string): void {
    let relayed: RelayedEvent;
    try {
      relayed = JSON.parse(text) as RelayedEvent;
    } catch (error) {
      this.subscriber.failed('an unreadable event was skipped', error);
      return;
    }
    if (relayed.from === this.instanceId) return; // already handed to the local fan-out when published
    try {
      this.local.publish(relayed.event);
    } catch (error) {
      // One event the fan-out could not send must not stop the ones after it.
      this.subscriber.failed('an event from another instance could not be sent', error, { type: relayed.event.type });
    }
  }
}
