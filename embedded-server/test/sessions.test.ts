import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type Account, type TestServer } from './harness.js';
import { RealtimeClient } from './realtime-client.js';

/** API.md §3b sessions: signing out ends a session everywhere, at once. */
let t: TestServer;
let alice: Account;

beforeAll(async () => {
  t = await startTestServer({ allowReset: true });
  alice = await t.signUp('alice');
});
afterAll(() => t.close());

const signIn = async (username: string, userAgent = 'test-client/1') =>
  (await t.request('POST', '/api/auth/login', {
    body: { username, password: 'password-123' },
    headers: { 'user-agent': userAgent },
  })) as { status: number; body: { data: Account } };

describe('sessions', () => {
  it('lists the devices signed in, the asking one marked current', async () => {
    const laptop = (await signIn('alice', 'Laptop')).body.data;
    const sessions = (await t.get('/api/sessions', laptop.token)).body.data;
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      created_at: expect.any(String),
      last_used_at: expect.any(String),
      client: 'Laptop',
      current: true,
    });
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });

  it('closes the live sockets of a token that signs out (4401), and only those', async () => {
    const phone = (await signIn('alice', 'Phone')).body.data;
    const [phoneLive, otherLive] = await Promise.all([
      RealtimeClient.connect(t.url, phone.token),
      RealtimeClient.connect(t.url, alice.token),
    ]);
    expect((await t.post('/api/auth/logout', {}, phone.token)).status).toBe(200);
    expect((await phoneLive.closed).code).toBe(4401);
    expect((await t.get('/api/me', phone.token)).status).toBe(401);
    // The other device is still signed in and live.
    otherLive.send({ type: 'ping' });
    await otherLive.next('pong');
    await otherLive.close();
  });

  it('signs another device out from the list, closing its sockets', async () => {
    const tablet = (await signIn('alice', 'Tablet')).body.data;
    const tabletLive = await RealtimeClient.connect(t.url, tablet.token);
    const sessions = (await t.get('/api/sessions', alice.token)).body.data;
    const target = sessions.find((s: { client: string }) => s.client === 'Tablet');
    expect((await t.request('DELETE', `/api/sessions/${target.id}`, { token: alice.token })).status).toBe(200);
    expect((await tabletLive.closed).code).toBe(4401);
    expect((await t.get('/api/me', tablet.token)).status).toBe(401);
    // Someone else's session is not found, whoever asks.
    const bob = await t.signUp('bob');
    const own = (await t.get('/api/sessions', alice.token)).body.data[0].id;
    expect((await t.request('DELETE', `/api/sessions/${own}`, { token: bob.token })).status).toBe(404);
  });

  it('ends a session idle for 30 days', async () => {
    const idle = (await signIn('alice', 'Old desktop')).body.data;
    const { ctx } = t.server;
    const realNow = ctx.now;
    ctx.now = () => realNow() + 30 * 24 * 3600_000 + 1000;
    try {
      expect((await t.get('/api/me', idle.token)).status).toBe(401);
    } finally {
      ctx.now = realNow;
    }
    expect((await t.get('/api/me', idle.token)).status).toBe(401);
  });

  it('closes every live socket and refuses every token when the store is reset', async () => {
    const live = await RealtimeClient.connect(t.url, alice.token);
    expect((await t.get('/api/me', alice.token)).status).toBe(200);
    expect((await t.post('/api/admin/reset', {}, APP_TOKEN)).status).toBe(200);
    expect((await live.closed).code).toBe(4401);
    // The token was in use a moment ago; its session went with the store.
    expect((await t.get('/api/me', alice.token)).status).toBe(401);
    alice = await t.signUp('alice');
  });
});

describe('registration', () => {
  it('takes a burst of new accounts from one address, then one a second (the app token is not limited)', async () => {
    const register = (username: string, token?: string) =>
      t.request('POST', '/api/auth/register', {
        token: token ?? null,
        body: { username, password: 'password-123', nickname: username },
      });
    // The bucket refills one a second: with the server's clock standing still, the outcome does
    // not depend on how long this machine takes to hash 70 passwords.
    const { ctx } = t.server;
    const realNow = ctx.now;
    const frozen = realNow();
    ctx.now = () => frozen;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 70; i++) statuses.push((await register(`burst_${i}`)).status);
      // The accounts made earlier in this file came from this address too.
      expect(statuses.slice(0, 55).every((status) => status === 201)).toBe(true);
      expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
      expect((await register('by_the_app', APP_TOKEN)).status).toBe(201);
    } finally {
      ctx.now = realNow;
    }
  });
});
