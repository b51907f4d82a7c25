import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Presence } from '../src/domain/context.js';
import type { DomainEvent, EventSink } from '../src/domain/events.js';
import type { ChatMessage, ChatWindow } from '../src/domain/types.js';
import { ClusterRelay } from '../src/realtime/cluster.js';
import { SharedPresence } from '../src/realtime/shared-presence.js';
import { startRedis, type RedisService } from './services/redis.js';

/**
 * Several server instances share real time through one Redis (API.md §3d): events published
 * on one reach the others' fan-out, and presence is the union of every live instance's users.
 * Each case runs against a redis-server of its own making.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every event this instance's fan-out was handed, in order. */
class RecordingSink implements EventSink {
  readonly events: DomainEvent[] = [];
  publish(event: DomainEvent): void {
    this.events.push(event);
  }
}

/** A test double of the hub only: the users it holds connections of, and the hook it tells. */
class HubStandIn implements Presence {
  private readonly users = new Set<number>();
  private listener: { userOnline(userId: number): void; userOffline(userId: number): void } | null = null;

  listen(listener: { userOnline(userId: number): void; userOffline(userId: number): void }): void {
    this.listener = listener;
  }

  connect(userId: number): void {
    if (this.users.has(userId)) return;
    this.users.add(userId);
    this.listener?.userOnline(userId);
  }

  disconnect(userId: number): void {
    if (this.users.delete(userId)) this.listener?.userOffline(userId);
  }

  isOnline(userId: number): boolean {
    return this.users.has(userId);
  }
}

/** Waits until `condition` holds; the limit only keeps a broken case from hanging. */
async function until(condition: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function counts(userId: number): DomainEvent {
  return { type: 'counts.changed', userIds: [userId] };
}

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stoppers.splice(0).reverse()) await stop();
});

async function relay(url: string, instanceId: string): Promise<{ relay: ClusterRelay; sink: RecordingSink }> {
  const sink = new RecordingSink();
  const created = new ClusterRelay({ url, instanceId, local: sink });
  await created.start();
  stoppers.push(() => created.stop());
  return { relay: created, sink };
}

async function presence(url: string, instanceId: string): Promise<{ presence: SharedPresence; hub: HubStandIn }> {
  const hub = new HubStandIn();
  const created = new SharedPresence({ url, instanceId, local: hub });
  hub.listen(created);
  await created.start();
  stoppers.push(() => created.stop());
  return { presence: created, hub };
}

/** True when every value of T comes back the same from JSON.stringify then JSON.parse. */
type SurvivesJson<T> = T extends string | number | boolean | null
  ? true
  : T extends readonly (infer Item)[]
    ? SurvivesJson<Item>
    : T extends (...args: never[]) => unknown
      ? false
      : T extends object
        ? [{ [K in keyof T]-?: SurvivesJson<Exclude<T[K], undefined>> }[keyof T]] extends [true]
          ? true
          : false
        : false;
/** Over a union, true only when every member survives. */
type AllSurviveJson<T> = [SurvivesJson<T>] extends [true] ? true : false;

describe('event relay', () => {
  let redis: RedisService;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('hands an event to its own instance once and to every other instance once', async () => {
    const a = await relay(redis.url, 'a');
    const b = await relay(redis.url, 'b');
    a.relay.publish(counts(1));
    expect(a.sink.events).toEqual([counts(1)]); // at once, as without a cluster
    a.relay.publish(counts(2));
    await until(() => b.sink.events.length === 2, 'B receives both events of A');
    // B answers after hearing A: once A hears it, A's subscriber has passed A's own two events.
    b.relay.publish(counts(3));
    await until(() => a.sink.events.length === 3, "A receives B's event");
    expect(a.sink.events).toEqual([counts(1), counts(2), counts(3)]);
    expect(b.sink.events).toEqual([counts(1), counts(2), counts(3)]);
  });

  it("keeps the order of one instance's events", async () => {
    const a = await relay(redis.url, 'a');
    const b = await relay(redis.url, 'b');
    const sent = Array.from({ length: 1000 }, (_, i) => counts(i));
    for (const event of sent) a.relay.publish(event);
    await until(() => b.sink.events.length === sent.length, 'B receives the 1000 events');
    expect(b.sink.events).toEqual(sent);
    expect(a.relay.droppedEvents).toBe(0);
  });

  it('carries domain records whole', async () => {
    // Every kind of event is plain data: a Date, a Map or a bigint in one would not compile here.
    const eventsSurviveJson: AllSurviveJson<DomainEvent> = true;
    expect(eventsSurviveJson).toBe(true);

    const window: ChatWindow = {
      id: 4,
      kind: 'direct',
      openerId: 7,
      peerId: 8,
      createdAt: 1_700_000_000_000,
      lastActivityAt: 1_700_000_000_500,
      lastMessageId: 12,
    };
    const message: ChatMessage = {
      id: 12,
      objectId: 'o-12',
      windowId: 4,
      fromId: 7,
      toId: 8,
      body: 'héllo "there" 👋\nline two',
      type: 'TEXT',
      attachmentId: null,
      fileName: null,
      voiceLength: null,
      imageSize: null,
      clientMsgId: 'c-1',
      channel: 'PC',
      fromArea: '',
      replyTo: 11,
      forwardedFrom: null,
      mentions: [8, 'all'],
      systemEvent: null,
      recalledAt: null,
      editedAt: null,
      createdAt: 1_700_000_000_500,
      updatedAt: 1_700_000_000_500,
      deliveredAt: null,
      readAt: null,
    };
    const event: DomainEvent = { type: 'message.created', message, window, memberIds: [7, 8] };
    const a = await relay(redis.url, 'a');
    const b = await relay(redis.url, 'b');
    a.relay.publish(event);
    await until(() => b.sink.events.length === 1, 'B receives the message');
    expect(b.sink.events[0]).toEqual(event);
  });
});

describe('shared presence', () => {
  let redis: RedisService;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('counts a user online on any instance, and offline once their last connection closes', async () => {
    const a = await presence(redis.url, 'a');
    const b = await presence(redis.url, 'b');
    expect(b.presence.isOnline(7)).toBe(false);
    a.hub.connect(7);
    expect(a.presence.isOnline(7)).toBe(true); // its own users need no round trip
    await until(() => b.presence.isOnline(7), 'B sees the user A holds');
    b.hub.connect(7);
    a.hub.disconnect(7);
    await until(() => a.presence.isOnline(7), 'A still sees the user, through B');
    b.hub.disconnect(7);
    await until(() => !a.presence.isOnline(7) && !b.presence.isOnline(7), 'nobody holds the user any more');
  });

  it('finds the users of an instance that was already running', async () => {
    const a = await presence(redis.url, 'a');
    a.hub.connect(5);
    a.hub.connect(6);
    const b = await presence(redis.url, 'b');
    expect(b.presence.isOnline(5) && b.presence.isOnline(6)).toBe(true); // read when B started
  });

  it("takes a stopped instance's users offline", async () => {
    const a = await presence(redis.url, 'a');
    const b = await presence(redis.url, 'b');
    a.hub.connect(9);
    await until(() => b.presence.isOnline(9), 'B sees the user');
    await a.presence.stop();
    await until(() => !b.presence.isOnline(9), "B drops the stopped instance's user");
  });

  it("takes a killed instance's users offline once its key expires", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'messenger-cluster-'));
    const script = join(folder, 'instance.mjs');
    const module = pathToFileURL(join(root, 'embedded-server/src/realtime/shared-presence.ts')).href;
    // Instance A in a process of its own, with user 42 connected, so it can be SIGKILLed.
    writeFileSync(
      script,
      [
        `import { SharedPresence } from ${JSON.stringify(module)};`,
        'const [url, userId] = [process.argv[2], Number(process.argv[3])];',
        'const presence = new SharedPresence({ url, instanceId: "killed", local: { isOnline: (id) => id === userId } });',
        'await presence.start();',
        'presence.userOnline(userId);',
        'process.stdout.write("ready\\n");',
        'setInterval(() => undefined, 60_000);',
      ].join('\n'),
    );
    let child: ChildProcess | null = null;
    try {
      const b = await presence(redis.url, 'b');
      child = spawn(process.execPath, ['--import', 'tsx', script, redis.url, '42'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const started = child;
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: started.stdout! }).once('line', () => resolve());
        started.once('exit', (code) => reject(new Error(`instance A exited with ${code}`)));
      });
      await until(() => b.presence.isOnline(42), 'B sees the user of A');
      child.kill('SIGKILL');
      await until(() => !b.presence.isOnline(42), "B drops the killed instance's user");
    } finally {
      child?.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('Redis unreachable', () => {
  it('fails to start with an error naming the address', async () => {
    const gone = await startRedis();
    await gone.stop(); // a port nothing listens on any more
    const relayStart = new ClusterRelay({ url: gone.url, instanceId: 'a', local: new RecordingSink() }).start();
    await expect(relayStart).rejects.toThrow(`Redis is unreachable at ${gone.url}`);
    const presenceStart = new SharedPresence({ url: gone.url, instanceId: 'a', local: new HubStandIn() }).start();
    await expect(presenceStart).rejects.toThrow(`Redis is unreachable at ${gone.url}`);
  });

  it('drops events while Redis is down without failing the publisher, and relays again once it is back', async () => {
    let redis = await startRedis();
    stoppers.push(() => redis.stop());
    const a = await relay(redis.url, 'a');
    const b = await relay(redis.url, 'b');
    const pa = await presence(redis.url, 'a');
    pa.hub.connect(3);

    redis.kill();
    let sent = 0;
    await until(() => {
      a.relay.publish(counts(sent++)); // never throws, never blocks
      return a.relay.droppedEvents > 0;
    }, 'an event is dropped while Redis is down');
    expect(a.sink.events).toHaveLength(sent); // the local fan-out still gets every event

    redis = await startRedis(redis.port);
    const back = counts(-1);
    await until(() => {
      a.relay.publish(back);
      return b.sink.events.some((event) => JSON.stringify(event) === JSON.stringify(back));
    }, 'events flow again once Redis is back');
    // The restarted Redis holds no keys: A's next refresh writes its users again, for
    // instances that were not there to hear them come online.
    const pc = await presence(redis.url, 'c');
    await until(() => pc.presence.isOnline(3), 'a new instance sees the user of A');
  });
});
