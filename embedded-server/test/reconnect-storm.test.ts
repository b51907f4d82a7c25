import { afterAll, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../renderer/src/realtime/backoff.js';
import { startTestServer, type Account, type TestServer } from './harness.js';
import { RealtimeClient } from './realtime-client.js';

/**
 * A team server restarts with its clients connected: each comes back on its own, after the
 * app's reconnect delay (renderer/src/realtime/backoff.ts), authenticates again and catches
 * up by id cursor (`/api/chat/sync?after=`, as the app does), keeping every message once.
 */

const CLIENTS = 50;
const SYNC_PAGE = 200;

/** One person's app, reduced to its live channel: what it has seen, by message id. */
class Reconnecting {
  /** The messages it holds, by id: pushed live or caught up, each kept once, as the app's cache does. */
  readonly seen = new Map<number, string>();
  /** The waits before each reconnect attempt. */
  readonly delays: number[] = [];
  ready: Promise<void> = Promise.resolve();
  private attempt = 0;
  private stopped = false;
  private client: RealtimeClient | null = null;

  constructor(
    private readonly server: () => TestServer,
    readonly account: Account,
  ) {}

  private take(messages: { id: number; message: string }[]) {
    for (const { id, message } of messages) this.seen.set(id, message);
  }

  private async wait() {
    const delay = backoffDelay(this.attempt++);
    this.delays.push(delay);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /**
   * Connects (after the app's wait when it is a reconnect, and again after each failed
   * attempt), then catches up from the newest id it has.
   */
  connect({ again = false } = {}): Promise<void> {
    this.ready = (async () => {
      if (again) await this.wait();
      for (;;) {
        try {
          const client = await RealtimeClient.connect(this.server().url, this.account.token);
          this.client = client;
          this.attempt = 0;
          client.socket.on('message', (data) => {
            const frame = JSON.parse(data.toString()) as { type: string; data?: { id: number; message: string } };
            if (frame.type === 'message.new') this.take([frame.data!]);
          });
          void client.closed.then(() => {
            if (!this.stopped && this.client === client) void this.connect({ again: true });
          });
          await this.catchUp();
          return;
        } catch {
          await this.wait();
        }
      }
    })();
    return this.ready;
  }

  private async catchUp() {
    for (;;) {
      const after = Math.max(0, ...this.seen.keys());
      const reply = await this.server().get(`/api/chat/sync?after=${after}&limit=${SYNC_PAGE}`, this.account.token);
      const missed = reply.body.data as { id: number; message: string }[];
      this.take(missed);
      if (missed.length < SYNC_PAGE) return;
    }
  }

  stop() {
    this.stopped = true;
    this.client?.socket.terminate();
  }
}

let server: TestServer;
const people: Reconnecting[] = [];
afterAll(async () => {
  for (const person of people) person.stop();
  await server?.close();
});

describe('a server restart with 50 clients connected', () => {
  it('brings every client back, spread out, with every message once and none missing', async () => {
    server = await startTestServer({ sendRate: 1000 });
    const port = Number(new URL(server.url).port);
    const sender = await server.signUp('storm_sender');
    const windows: number[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const account = await server.signUp(`storm_${i}`);
      windows.push((await server.post('/api/chat', { toId: account.user.id }, sender.token)).body.data.id);
      people.push(new Reconnecting(() => server, account));
    }
    await Promise.all(people.map((person) => person.connect()));
    const send = async (round: string) => {
      for (const [i, cId] of windows.entries()) {
        const reply = await server.post(
          `/api/chat/${cId}/messages`,
          { message: `${round} ${i}`, type: 'TEXT', clientMsgId: `${round}-${i}` },
          sender.token,
        );
        expect(reply.status, reply.text).toBe(201);
      }
    };
    await send('before');

    // The restart: every socket drops at once; the server is back on the same port and store.
    await server.close({ keepData: true });
    server = await startTestServer({ port, sendRate: 1000, dataDir: server.dataDir });
    // Sent while the clients are still on their way back.
    await send('after');
    await expect.poll(() => people.every((person) => person.delays.length > 0)).toBe(true);
    await Promise.all(people.map((person) => person.ready));
    await send('live');

    for (const [i, person] of people.entries()) {
      const history = (await server.get(`/api/chat/${windows[i]}/messages?limit=10`, person.account.token)).body
        .data as { id: number; message: string }[];
      await expect.poll(() => person.seen.size).toBe(history.length);
      expect([...person.seen.values()].sort()).toEqual(history.map((m) => m.message).sort());
      expect(history.map((m) => m.message).sort()).toEqual([`after ${i}`, `before ${i}`, `live ${i}`]);
    }
    // Each came back after its own random wait: the waits spread over the half second the app allows.
    const firstWaits = people.map((person) => person.delays[0]!);
    expect(firstWaits.every((ms) => ms >= 500 && ms <= 1000)).toBe(true);
    expect(new Set(firstWaits).size).toBeGreaterThan(CLIENTS / 2);
    expect(Math.max(...firstWaits) - Math.min(...firstWaits)).toBeGreaterThan(250);
  });
});
