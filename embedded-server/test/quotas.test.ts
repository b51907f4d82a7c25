import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEND_RATE } from '../src/config.js';

import { APP_TOKEN, keysOf, startTestServer, storeRows, type Account, type TestServer } from './harness.js';
import { SAMPLES } from './sample-files.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The send limiter's burst: three seconds' worth. */
const SEND_BURST = DEFAULT_SEND_RATE * 3;

/** A file of `bytes` bytes, distinct per `seed`, that the server takes as a plain file. */
const plainFile = (bytes: number, seed: number) => Buffer.alloc(bytes, seed);

const fileOnDisk = (t: TestServer, bytes: Uint8Array) => {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return join(t.dataDir, 'attachments', sha256.slice(0, 2), sha256);
};

const upload = (t: TestServer, token: string, bytes: Uint8Array, headers: Record<string, string> = {}) =>
  t.request('POST', '/api/attachments', { token, raw: new Blob([new Uint8Array(bytes)]), headers });

/** Waits until `done` holds, reading the disk again every 20 ms (the sweep runs on its own timer). */
async function eventually(done: () => boolean, what: string) {
  for (let tries = 0; tries < 500 && !done(); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!done()) throw new Error(`never happened: ${what}`);
}

describe('send rate, per user, on loopback too', () => {
  let t: TestServer;
  let alice: Account;
  let bob: Account;
  let cId: number;
  const send = (from: Account, body: object) => t.post(`/api/chat/${cId}/messages`, body, from.token);

  beforeAll(async () => {
    // The default rate, on a frozen clock: no token comes back unless the test moves time.
    t = await startTestServer({ allowReset: true });
    await t.post('/api/admin/clock', { now: Date.now(), frozen: true }, APP_TOKEN);
    alice = await t.signUp('alice');
    bob = await t.signUp('bob');
    cId = (await t.post('/api/chat', { toId: bob.user.id }, alice.token)).body.data.id;
  });
  afterAll(() => t.close());

  it('takes a burst, then answers 429 in the chat format with Retry-After; forwards count too', async () => {
    const first = await send(alice, { message: 'first' });
    expect(first.status).toBe(201);
    for (let i = 1; i < SEND_BURST - 1; i++) expect((await send(alice, { message: `m${i}` })).status).toBe(201);
    expect((await send(alice, { forwardOf: first.body.data.id })).status).toBe(201);

    const refused = await send(alice, { forwardOf: first.body.data.id });
    expect(refused.status).toBe(429);
    expect(keysOf(refused.body)).toEqual(['code', 'msg']);
    expect(refused.body.code).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await send(alice, { message: 'still too fast' })).status).toBe(429);
    // Nothing refused was stored.
    const history = await t.get(`/api/chat/${cId}/messages?limit=100`, alice.token);
    expect(history.body.data).toHaveLength(SEND_BURST);

    // Someone else in the same window is not held back by alice's pace.
    expect((await send(bob, { message: 'my own pace' })).status).toBe(201);
  });

  it('lets the user go on as time passes, and forgets the count on a QA reset', async () => {
    await t.post('/api/admin/clock', { advanceMs: 1000 }, APP_TOKEN);
    const replies = [];
    for (let i = 0; i < DEFAULT_SEND_RATE + 1; i++) replies.push((await send(alice, { message: `later ${i}` })).status);
    expect(replies.filter((status) => status === 201)).toHaveLength(DEFAULT_SEND_RATE);
    expect(replies.at(-1)).toBe(429);

    await t.post('/api/admin/reset', undefined, APP_TOKEN);
    alice = await t.signUp('alice');
    bob = await t.signUp('bob');
    cId = (await t.post('/api/chat', { toId: bob.user.id }, alice.token)).body.data.id;
    expect((await send(alice, { message: 'after the reset' })).status).toBe(201);
  });
});

describe('uploads: a daily quota per user', () => {
  let t: TestServer;
  let alice: Account;
  let bob: Account;

  beforeAll(async () => {
    t = await startTestServer({ uploadQuotaMiB: 1, allowReset: true });
    await t.post('/api/admin/clock', { now: Date.now(), frozen: true }, APP_TOKEN);
    alice = await t.signUp('alice');
    bob = await t.signUp('bob');
  });
  afterAll(() => t.close());

  it('refuses what would pass the quota with 429 and Retry-After, leaving nothing on disk', async () => {
    const first = plainFile(600 * 1024, 1);
    expect((await upload(t, alice.token, first)).status).toBe(201);
    expect(existsSync(fileOnDisk(t, first))).toBe(true);

    const second = plainFile(600 * 1024, 2);
    const refused = await upload(t, alice.token, second);
    expect(refused.status).toBe(429);
    expect(keysOf(refused.body)).toEqual(['code', 'msg']);
    expect(refused.body.msg).toMatch(/quota of 1 MiB a day/);
    // The oldest upload of the day ages out in a day (the clock stands still).
    expect(Number(refused.headers.get('retry-after'))).toBe(DAY_MS / 1000);
    expect(existsSync(fileOnDisk(t, second))).toBe(false);
    expect(readdirSync(join(t.dataDir, 'attachments', 'incoming'))).toEqual([]);

    // Without a declared length (streamed in chunks), the size is checked once it is known.
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(second));
        controller.close();
      },
    });
    const streamed = await fetch(`${t.url}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(429);
    expect(existsSync(fileOnDisk(t, second))).toBe(false);

    // What still fits is taken; someone else has a quota of their own.
    expect((await upload(t, alice.token, plainFile(300 * 1024, 3))).status).toBe(201);
    expect((await upload(t, bob.token, second)).status).toBe(201);
  });

  it('gives the bytes back a day after they were uploaded, not before', async () => {
    const next = plainFile(600 * 1024, 4);
    await t.post('/api/admin/clock', { advanceMs: DAY_MS - 1000 }, APP_TOKEN);
    expect((await upload(t, alice.token, next)).status).toBe(429);
    await t.post('/api/admin/clock', { advanceMs: 2000 }, APP_TOKEN);
    expect((await upload(t, alice.token, next)).status).toBe(201);
  });
});

describe('uploads never sent are swept after a day', () => {
  it('at start-up: removes the unsent upload and its file, keeps every file a message carries', async () => {
    const t = await startTestServer();
    let restarted: TestServer | null = null;
    try {
      const alice = await t.signUp('alice');
      const bob = await t.signUp('bob');
      const cId = (await t.post('/api/chat', { toId: bob.user.id }, alice.token)).body.data.id;
      const sent = SAMPLES['image/png']!;
      const unsent = plainFile(1000, 9);
      const fresh = plainFile(1000, 5);
      const sentId = (await upload(t, alice.token, sent)).body.data.id;
      const unsentId = (await upload(t, alice.token, unsent)).body.data.id;
      expect((await upload(t, alice.token, fresh)).status).toBe(201);
      expect(
        (await t.post(`/api/chat/${cId}/messages`, { type: 'IMAGE', attachmentId: sentId }, alice.token)).status,
      ).toBe(201);
      // Two of the uploads were made two days ago; the third just now.
      await storeRows(
        t.server,
        'UPDATE attachments SET created_at = ? WHERE id IN (?, ?)',
        Date.now() - 2 * DAY_MS,
        sentId,
        unsentId,
      );
      await t.close({ keepData: true });

      restarted = await startTestServer({ dataDir: t.dataDir });
      await eventually(() => !existsSync(fileOnDisk(t, unsent)), 'the unsent upload’s file is removed');
      expect(existsSync(fileOnDisk(t, sent))).toBe(true);
      expect(existsSync(fileOnDisk(t, fresh))).toBe(true);
      const token = (await restarted.post('/api/auth/login', { username: 'bob', password: 'password-123' })).body.data
        .token;
      expect((await restarted.get(`/api/attachments/${sentId}`, token)).status).toBe(200);
    } finally {
      await (restarted ?? t).close();
    }
  });

  it('periodically, on the server’s clock: what a message carries stays, shared bytes stay', async () => {
    const t = await startTestServer({ allowReset: true, uploadSweepMs: 50 });
    try {
      const alice = await t.signUp('alice');
      const bob = await t.signUp('bob');
      const cId = (await t.post('/api/chat', { toId: bob.user.id }, alice.token)).body.data.id;
      const kept = plainFile(2000, 6);
      const dropped = plainFile(2000, 7);
      const keptId = (await upload(t, alice.token, kept)).body.data.id;
      expect((await upload(t, alice.token, dropped)).status).toBe(201);
      // Bob uploads the same bytes as alice's unsent file, and sends them: the file stays for him.
      const shared = plainFile(2000, 8);
      expect((await upload(t, alice.token, shared)).status).toBe(201);
      const bobsCopy = (await upload(t, bob.token, shared)).body.data.id;
      const sendFile = (from: Account, attachmentId: string) =>
        t.post(`/api/chat/${cId}/messages`, { type: 'FILE', attachmentId, fileName: 'notes.bin' }, from.token);
      expect((await sendFile(alice, keptId)).status).toBe(201);
      expect((await sendFile(bob, bobsCopy)).status).toBe(201);

      await t.post('/api/admin/clock', { advanceMs: DAY_MS + 60_000 }, APP_TOKEN);
      await eventually(() => !existsSync(fileOnDisk(t, dropped)), 'the unsent file is removed');
      expect(existsSync(fileOnDisk(t, kept))).toBe(true);
      expect(existsSync(fileOnDisk(t, shared))).toBe(true);
      expect((await t.get(`/api/attachments/${keptId}`, bob.token)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
