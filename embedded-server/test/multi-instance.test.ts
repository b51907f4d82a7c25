import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeClient } from './realtime-client.js';
import { postgresAvailable, startPostgres, type PostgresService } from './services/postgres.js';
import { startRedis, type RedisService } from './services/redis.js';

/**
 * A team server beyond one machine (API.md §3d): two server processes on one PostgreSQL
 * database and one Redis, each with its own clients. What one instance accepts, the other's
 * clients see at once; presence is the union of both; an instance killed outright loses
 * nothing it acknowledged, and its users become offline for the other.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const APP_TOKEN = 'cluster-test-app-token-0123456789';
const PASSWORD = 'password-123';

interface Instance {
  url: string;
  child: ChildProcess;
}

let postgres: PostgresService;
let redis: RedisService;
let database: string;
const dataDir = mkdtempSync(join(tmpdir(), 'messenger-cluster-'));
const running: Instance[] = [];

/** One server process on the shared database and Redis; it serves the shared data folder (attachments). */
function startInstance(extraArgs: string[] = []): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'embedded-server/src/cli.ts', '--data-dir', dataDir, '--port', '0'],
      ...['--app-token', APP_TOKEN, '--database', database, '--pubsub', redis.url, '--log-level', 'warn'],
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const instance = { url: JSON.parse(line).url as string, child };
      running.push(instance);
      resolve(instance);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

async function call(url: string, method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const reply = await fetch(url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: reply.status, body: (await reply.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- replies are read freely
}

async function signUp(url: string, username: string): Promise<{ token: string; id: number }> {
  const reply = await call(url, 'POST', '/api/auth/register', null, {
    username,
    password: PASSWORD,
    nickname: username,
  });
  expect(reply.status).toBe(201);
  return { token: reply.body.data.token, id: reply.body.data.user.id };
}

const offlineCount = async (url: string, username: string) =>
  (await call(url, 'GET', `/app-id/JH/users/${username}/offline_msg_count`, APP_TOKEN)).body.data[username] as number;

/** Polls `check` until it holds: what it waits for happens on another process's clock. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`never happened: ${what}`);
}

const available = postgresAvailable();
const title = available
  ? 'two instances on one database and one Redis'
  : 'two instances on one database and one Redis (skipped: no PostgreSQL binaries found, set PG_BIN or PG_TEST_URL)';

describe.skipIf(!available)(title, () => {
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    database = await postgres.createDatabase();
    // The first instance migrates the new database; the second finds it up to date.
    a = await startInstance();
    b = await startInstance();
  }, 60_000);

  afterAll(async () => {
    for (const { child } of running) child.kill('SIGTERM');
    await Promise.all(
      running.map(
        ({ child }) => new Promise((resolve) => (exited(child) ? resolve(null) : child.once('exit', resolve))),
      ),
    );
    await redis?.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('carries a message, its delivery, its read receipt and the badge counts between instances', async () => {
    const alice = await signUp(a.url, 'alice');
    const bob = await signUp(b.url, 'bob');
    const aliceLive = await RealtimeClient.connect(a.url, alice.token);
    const bobLive = await RealtimeClient.connect(b.url, bob.token);
    try {
      const cId = (await call(b.url, 'POST', '/api/chat', bob.token, { toId: alice.id })).body.data.id as number;
      const sent = await call(b.url, 'POST', `/api/chat/${cId}/messages`, bob.token, {
        message: '跨实例的第一条消息',
        clientMsgId: 'cross-1',
      });
      expect(sent.status).toBe(201);
      const id = sent.body.data.id as number;

      // Alice is connected to A: the message is pushed there, not kept offline.
      const arrived = await aliceLive.next('message.new');
      expect(arrived.data).toMatchObject({ id, message: '跨实例的第一条消息', cId });
      expect((await aliceLive.next('counts')).data.chatUnread).toBe(1);
      expect(await offlineCount(b.url, 'alice')).toBe(0);

      aliceLive.send({ type: 'ack', ids: [id] });
      expect((await bobLive.next('message.delivered')).data).toEqual({ cId, ids: [id], userId: alice.id });

      expect((await call(a.url, 'POST', `/api/chat/${cId}/read`, alice.token, { upTo: id })).status).toBe(200);
      expect((await bobLive.next('message.read')).data).toMatchObject({ cId, upTo: id, userId: alice.id });
      expect((await aliceLive.next('counts', (d) => d.chatUnread === 0)).data.chatUnread).toBe(0);

      // Both instances read the same store: the same counts, and the message read.
      const countsOnA = (await call(a.url, 'GET', '/api/counts', alice.token)).body.data;
      const countsOnB = (await call(b.url, 'GET', '/api/counts', alice.token)).body.data;
      expect(countsOnB).toEqual(countsOnA);
      const history = (await call(a.url, 'GET', `/api/chat/${cId}/messages`, bob.token)).body.data;
      expect(history.find((m: { id: number }) => m.id === id)).toMatchObject({ status: true });
    } finally {
      await aliceLive.close();
      await bobLive.close();
    }
  });

  it('loses nothing an instance acknowledged before it was killed, and its users become offline', async () => {
    const carol = await signUp(a.url, 'carol');
    const dave = await signUp(b.url, 'dave');
    const victim = await startInstance();
    const carolLive = await RealtimeClient.connect(victim.url, carol.token);
    const cId = (await call(b.url, 'POST', '/api/chat', dave.token, { toId: carol.id })).body.data.id as number;

    // Carol is online through the victim: what Dave sends through B is pushed to her there.
    const acknowledged: number[] = [];
    for (let i = 0; i < 20; i++) {
      const reply = await call(victim.url, 'POST', `/api/chat/${cId}/messages`, dave.token, {
        message: `第${i}条`,
        clientMsgId: `before-kill-${i}`,
      });
      expect(reply.status).toBe(201);
      acknowledged.push(reply.body.data.id);
    }
    await carolLive.next('message.new', (d) => d.id === acknowledged.at(-1));
    expect(await offlineCount(b.url, 'carol')).toBe(0);

    victim.child.kill('SIGKILL');
    await carolLive.closed;

    // Every message the victim answered 201 is in the shared database.
    const history = (await call(b.url, 'GET', `/api/chat/${cId}/messages?limit=50`, dave.token)).body.data;
    expect(history.map((m: { id: number }) => m.id)).toEqual(expect.arrayContaining(acknowledged));

    // Once the victim's presence expires, a message to Carol is kept offline for her.
    let sent = 0;
    await eventually(async () => {
      const reply = await call(b.url, 'POST', `/api/chat/${cId}/messages`, dave.token, {
        message: '你还在吗',
        clientMsgId: `after-kill-${sent++}`,
      });
      expect(reply.status).toBe(201);
      return (await offlineCount(b.url, 'carol')) > 0;
    }, 'the killed instance’s user is offline for the others');
  });

  it('refuses at once, on every instance, a token signed out through one of them', async () => {
    const heidi = await signUp(a.url, 'heidi');
    // B has served the token (and remembers whose it is) and holds a live connection of it.
    expect((await call(b.url, 'GET', '/api/me', heidi.token)).status).toBe(200);
    const heidiLive = await RealtimeClient.connect(b.url, heidi.token);
    expect((await call(a.url, 'POST', '/api/auth/logout', heidi.token, {})).status).toBe(200);
    // The relayed news closes B's connection, and B forgot the token before it closed it.
    expect((await heidiLive.closed).code).toBe(4401);
    expect((await call(b.url, 'GET', '/api/me', heidi.token)).status).toBe(401);
  });

  it('answers 503 in each dialect’s format while the database is down, and serves again once it is back', async () => {
    const grace = await signUp(a.url, 'grace');
    await postgres.halt();
    try {
      const down = [
        [`/api/chat?type=all`, grace.token, { code: 503, msg: expect.any(String) }],
        ['/offlineMessages', grace.token, { code: 503, msg: expect.any(String) }],
        ['/message/unread', grace.token, { errcode: 503, errmsg: expect.any(String) }],
        [
          `/api/im/getNewestMsgListByLastTime?appid=JH&from=${grace.id}&to=1&fromrole=MEMBER&lasttime=0`,
          grace.token,
          { success: false, msg: expect.any(String) },
        ],
        [
          '/app-id/JH/users/grace/offline_msg_count',
          APP_TOKEN,
          expect.objectContaining({ error: expect.any(String), error_description: expect.any(String) }),
        ],
      ] as const;
      for (const [path, token, body] of down) {
        const reply = await call(a.url, 'GET', path, token);
        expect(reply.status, path).toBe(503);
        expect(reply.body, path).toEqual(body);
      }
    } finally {
      await postgres.resume();
    }
    // The pool opens new connections by itself: the same instance serves again.
    await eventually(
      async () => (await call(a.url, 'GET', '/api/chat?type=all', grace.token)).status === 200,
      'served again',
    );
  });

  it('serves both instances through the reference nginx configuration, WebSockets included', async () => {
    const nginx = await startNginx([a, b]);
    try {
      const erin = await signUp(nginx.url, 'erin');
      const frank = await signUp(nginx.url, 'frank');
      const erinLive = await RealtimeClient.connect(nginx.url, erin.token);
      try {
        const cId = (await call(nginx.url, 'POST', '/api/chat', frank.token, { toId: erin.id })).body.data.id;
        // Whichever instance nginx picks for each request, Erin hears the message once.
        for (let i = 0; i < 4; i++)
          expect(
            (
              await call(nginx.url, 'POST', `/api/chat/${cId}/messages`, frank.token, {
                message: `经过代理 ${i}`,
                clientMsgId: `proxied-${i}`,
              })
            ).status,
          ).toBe(201);
        await erinLive.next('message.new', (d) => d.message === '经过代理 3');
        expect(erinLive.frames.filter((f) => f.type === 'message.new')).toHaveLength(4);
      } finally {
        await erinLive.close();
      }
    } finally {
      await nginx.stop();
    }
  });

  // Last: it empties the database the others share.
  it('closes the sockets of every instance, and refuses their tokens, when the store is reset through one', async () => {
    const [resetter, other] = await Promise.all([startInstance(['--allow-reset']), startInstance(['--allow-reset'])]);
    const ivan = await signUp(other.url, 'ivan');
    expect((await call(other.url, 'GET', '/api/me', ivan.token)).status).toBe(200);
    const ivanLive = await RealtimeClient.connect(other.url, ivan.token);
    expect((await call(resetter.url, 'POST', '/api/admin/reset', APP_TOKEN, {})).status).toBe(200);
    expect((await ivanLive.closed).code).toBe(4401);
    expect((await call(other.url, 'GET', '/api/me', ivan.token)).status).toBe(401);
  });
});

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** nginx with docs/deploy/nginx.conf, its upstream servers replaced by these instances. */
async function startNginx(instances: Instance[]): Promise<{ url: string; stop(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'messenger-nginx-'));
  const port = await freePort();
  const upstreams = instances
    .map(({ url }) => `    server ${new URL(url).host} max_fails=3 fail_timeout=10s;`)
    .join('\n');
  const site = readFileSync(join(root, 'docs/deploy/nginx.conf'), 'utf8')
    .replace(/( {4}server 10\.0\.0\.\d+:8080[^\n]*\n)+/, `${upstreams}\n`)
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('server_name messenger.example.com;', 'server_name 127.0.0.1;');
  writeFileSync(
    join(folder, 'nginx.conf'),
    `pid ${folder}/nginx.pid;\nerror_log ${folder}/error.log;\nevents {}\nhttp {\n` +
      `access_log off;\nclient_body_temp_path ${folder}/body;\nproxy_temp_path ${folder}/proxy;\n${site}\n}\n`,
  );
  const child = spawn('nginx', ['-p', folder, '-c', join(folder, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    () =>
      fetch(`${url}/api/health`).then(
        (reply) => reply.ok,
        () => false,
      ),
    'nginx answers',
  );
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (exited(child) ? resolve(null) : child.once('exit', resolve)));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
