import type { ChainableCommander } from 'ioredis';
import type { Presence } from '../domain/context.js';
import { RedisLink, silentClusterLog, type ClusterLog } from './cluster.js';

/** `messenger:presence:<instanceId>`: the set of users with a live connection to that instance. */
const KEY_PREFIX = 'messenger:presence:';
/** Where instances announce their users coming and going, so the others need not wait for a re-read. */
const PRESENCE_CHANNEL = 'messenger:presence';
/** An instance that stops refreshing its key (killed, cut off) has its users offline this long after. */
const PRESENCE_TTL_MS = 6000;
/** How often each instance rewrites its own key and re-reads everyone else's. */
const REFRESH_MS = 2000;

/** What an instance announces: one of its users came or went, or the instance stopped. */
type PresenceNews = { instance: string; userId: number; online: boolean } | { instance: string; stopped: true };

export interface SharedPresenceOptions {
  /** redis://HOST:PORT */
  url: string;
  /** This instance's name, unique among the instances sharing the Redis. */
  instanceId: string;
  /** This instance's own live connections (its hub). */
  local: Presence;
  log?: ClusterLog;
}

/**
 * Who is online across all server instances: a user is online when any live instance holds
 * a connection of theirs. The domain asks inside a transaction, so the answer comes from a
 * local copy: this instance's hub, plus the other instances' users as last read from Redis
 * and as they announce changes. Each instance keeps its own users in a key that expires
 * unless refreshed, so the users of an instance that dies go offline a few seconds later.
 *
 * The hub tells it when a user's first connection opens (`userOnline`) and their last one
 * closes (`userOffline`).
 */
export class SharedPresence implements Presence {
  private readonly commands: RedisLink;
  private readonly subscriber: RedisLink;
  private readonly instanceId: string;
  private readonly ownKey: string;
  private readonly local: Presence;
  /** The users this instance's hub reported online: what its key is rewritten from. */
  private readonly localUsers = new Set<number>();
  /** Every other live instance's users. */
  private others = new Map<string, Set<number>>();
  /** When the others' keys were last read in full (ms since the epoch). */
  private lastRead = 0;
  private refreshTimer: NodeJS.Timeout | null = null;
  private refreshing = false;
  /** A failing Redis is logged when it starts failing, not every refresh. */
  private failing = false;

  constructor(options: SharedPresenceOptions) {
    const log = options.log ?? silentClusterLog;
    this.instanceId = options.instanceId;
    this.ownKey = KEY_PREFIX + options.instanceId;
    this.local = options.local;
    this.commands = new RedisLink(options.url, 'presence', log);
    this.subscriber = new RedisLink(options.url, 'presence subscriber', log);
    this.subscriber.client.on('message', (_channel: string, text: string) => this.receive(text));
  }

  async start(): Promise<void> {
    try {
      await Promise.all([this.commands.open(), this.subscriber.open()]);
      await this.subscriber.client.subscribe(PRESENCE_CHANNEL);
      await this.writeOwn();
      await this.readOthers();
    } catch (error) {
      this.commands.close();
      this.subscriber.close();
      throw error;
    }
    this.refreshTimer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.refreshTimer.unref();
  }

  /** Takes this instance's users out at once (the others are told) and disconnects. */
  async stop(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    const news: PresenceNews = { instance: this.instanceId, stopped: true };
    try {
      await this.commands.client.multi().del(this.ownKey).publish(PRESENCE_CHANNEL, JSON.stringify(news)).exec();
    } catch {
      // Redis is down: the key expires by itself.
    }
    this.commands.close();
    this.subscriber.close();
    this.others.clear();
  }

  isOnline(userId: number): boolean {
    if (this.local.isOnline(userId)) return true;
    for (const users of this.others.values()) if (users.has(userId)) return true;
    return false;
  }

  /** The user's first live connection to this instance opened. */
  userOnline(userId: number): void {
    this.localUsers.add(userId);
    this.announce(
      this.commands.client.multi().sadd(this.ownKey, userId).pexpire(this.ownKey, PRESENCE_TTL_MS),
      userId,
      true,
    );
  }

  /** The user's last live connection to this instance closed. */
  userOffline(userId: number): void {
    this.localUsers.delete(userId);
    this.announce(this.commands.client.multi().srem(this.ownKey, userId), userId, false);
  }

  /** Applies the change to this instance's key and tells the others; a failure waits for the next refresh. */
  private announce(change: ChainableCommander, userId: number, online: boolean): void {
    const news: PresenceNews = { instance: this.instanceId, userId, online };
    change
      .publish(PRESENCE_CHANNEL, JSON.stringify(news))
      .exec()
      .catch((error: unknown) => this.trouble('a presence change was not shared', error));
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      await this.writeOwn();
      await this.readOthers();
      this.failing = false;
    } catch (error) {
      this.trouble('presence could not be refreshed', error);
      // A copy older than the keys' lifetime may list users of instances that died since:
      // counting them offline stores their messages for later instead of pushing them nowhere.
      if (Date.now() - this.lastRead > PRESENCE_TTL_MS) this.others.clear();
    } finally {
      this.refreshing = false;
    }
  }

  private trouble(what: string, error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.commands.failed(what, error);
  }

  /** Rewrites this instance's key whole, which also repairs changes lost while Redis was away. */
  private async writeOwn(): Promise<void> {
    const write = this.commands.client.multi().del(this.ownKey);
    if (this.localUsers.size > 0) write.sadd(this.ownKey, ...this.localUsers).pexpire(this.ownKey, PRESENCE_TTL_MS);
    await write.exec();
  }

  /**
   * Reads every live instance's key; an instance whose key expired drops out. An announcement
   * that crosses a read is at worst one refresh late.
   */
  private async readOthers(): Promise<void> {
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await this.commands.client.scan(cursor, 'MATCH', `${KEY_PREFIX}*`, 'COUNT', 100);
      for (const key of batch) if (key !== this.ownKey) keys.add(key);
      cursor = next;
    } while (cursor !== '0');
    const reads = this.commands.client.pipeline();
    for (const key of keys) reads.smembers(key);
    const replies = (await reads.exec()) ?? [];
    const others = new Map<string, Set<number>>();
    for (const [index, key] of [...keys].entries()) {
      const [error, members] = replies[index] ?? [];
      if (error) throw error;
      // SMEMBERS answers a list of strings; a key that expired since the scan answers an empty one.
      const users = new Set((members as string[]).map(Number));
      if (users.size > 0) others.set(key.slice(KEY_PREFIX.length), users);
    }
    this.others = others;
    this.lastRead = Date.now();
  }

  private receive(text: string): void {
    let news: PresenceNews;
    try {
      news = JSON.parse(text) as PresenceNews;
    } catch (error) {
      this.subscriber.failed('an unreadable presence change was skipped', error);
      return;
    }
    if (news.instance === this.instanceId) return;
    if ('stopped' in news) {
      this.others.delete(news.instance);
      return;
    }
    const users = this.others.get(news.instance) ?? new Set<number>();
    if (news.online) users.add(news.userId);
    else users.delete(news.userId);
    this.others.set(news.instance, users);
  }
}
