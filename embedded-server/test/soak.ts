/**
 * The soak run: `npm run soak -- [clients] [seconds] [rate]` (defaults 200, 60, 500).
 * Half the clients send one-to-one messages to the other half over HTTP at a steady
 * rate while every client is connected over WebSocket and acknowledges what it gets.
 * At the end each message must have reached its recipient exactly once, in order per
 * window; the server's memory (RSS) is reported at start, every 10 s, and at the end.
 *
 * Three other modes measure what one abusive client costs everyone else (docs/reliability.md):
 * - `npm run soak -- slow-reader [messages]` (default 2,000): a client that never reads while
 *   40 KB messages are pushed to it; the server's memory before, at its highest, and after.
 * - `npm run soak -- offline-stall [queue]` (default 5,000): another user's `GET /api/me`
 *   latency while one user fetches an offline queue of that many messages.
 * - `npm run soak -- guesses [parallel...]` (default 60 300): wrong passwords for one username
 *   sent all at once: how many are checked, how many refused at once.
 * - `npm run soak -- search-timing [searches] [own]` (defaults 300, 1,000): how long the search
 *   of a user with `own` messages takes for a term in 0, 10, 300, 2,000 or 5,000 of other
 *   users' private messages and in none of theirs: whether the time tells how common it is elsewhere.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RealtimeClient } from './realtime-client.js';

const MODES = ['slow-reader', 'offline-stall', 'guesses', 'search-timing'] as const;
type Mode = (typeof MODES)[number];
const first = process.argv[2];
const mode: Mode | 'soak' = MODES.includes(first as Mode) ? (first as Mode) : 'soak';
const numbers = process.argv.slice(mode === 'soak' ? 2 : 3).map(Number);

const root = fileURLToPath(new URL('../../', import.meta.url));
const APP_TOKEN = 'soak-app-token-0123456789abcdef';
const dataDir = mkdtempSync(join(tmpdir(), 'messenger-soak-'));
// The abuse modes set their scene faster than a person sends: the send limit is off for them.
const limits = mode === 'soak' ? [] : ['--send-rate', '0'];
const server = spawn(
  process.execPath,
  [
    ...['--import', 'tsx', 'embedded-server/src/cli.ts', '--data-dir', dataDir, '--port', '0', '--log-level', 'warn'],
    ...['--app-token', APP_TOKEN],
    ...limits,
  ],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((resolve) =>
  createInterface({ input: server.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url)),
);
const rssMb = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
};

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: T }).data;
}

// Accounts are opened with the app token, as a QA suite does: one address may otherwise open 60 at once.
const register = (username: string) =>
  call<{ token: string; user: { id: number } }>('POST', '/api/auth/register', APP_TOKEN, {
    username,
    password: 'soak-password',
    nickname: username,
  }).then(({ token, user }) => ({ token, id: user.id }));

/** Sends `count` messages from `from` in window `cId`, four at a time (client ids `<tag>-<n>`). */
async function flood(from: { token: string }, cId: number, count: number, message: string, tag = 'flood') {
  let next = 0;
  const sender = async () => {
    for (let i = next++; i < count; i = next++)
      await call('POST', `/api/chat/${cId}/messages`, from.token, { message, clientMsgId: `${tag}-${i}` });
  };
  await Promise.all(Array.from({ length: 4 }, sender));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function soak(clients = 200, seconds = 60, rate = 500): Promise<boolean> {
  const users: { token: string; id: number }[] = [];
  for (let i = 0; i < clients; i++) users.push(await register(`soak_${i}`));
  const pairs = [];
  for (let i = 0; i + 1 < clients; i += 2) {
    const window = await call<{ id: number }>('POST', '/api/chat', users[i]!.token, { toId: users[i + 1]!.id });
    pairs.push({ cId: window.id, sender: users[i]!, recipient: users[i + 1]! });
  }
  const sockets = await Promise.all(users.map((user) => RealtimeClient.connect(url, user.token)));
  const received = new Map<number, number[]>(); // window → message ids, in arrival order, at the recipient
  sockets.forEach((socket, index) =>
    socket.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; data: { id: number; cId: number; fromId: number } };
      if (frame.type !== 'message.new' || frame.data.fromId === users[index]!.id) return;
      received.set(frame.data.cId, [...(received.get(frame.data.cId) ?? []), frame.data.id]);
      socket.send({ type: 'ack', ids: [frame.data.id] });
    }),
  );

  const rssStart = rssMb();
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(rssMb()), 10_000);
  const sent = new Map<number, number[]>();
  let total = 0;
  const started = Date.now();
  const until = started + seconds * 1000;
  let next = started;
  const inFlight = new Set<Promise<void>>();
  while (Date.now() < until) {
    next += 1000 / rate;
    const pair = pairs[total % pairs.length]!;
    const sequence = total++;
    const request = call<{ id: number }>('POST', `/api/chat/${pair.cId}/messages`, pair.sender.token, {
      message: `soak ${sequence}`,
      type: 'TEXT',
      clientMsgId: `soak-${sequence}`,
    }).then((message) => {
      sent.set(pair.cId, [...(sent.get(pair.cId) ?? []), message.id]);
    });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(inFlight);
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1000;
  // Let the last pushes arrive: a ping answered on every socket means everything before it came.
  await Promise.all(sockets.map((socket) => (socket.send({ type: 'ping' }), socket.next('pong'))));
  const rssEnd = rssMb();

  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const [cId, ids] of sent) {
    const got = received.get(cId) ?? [];
    lost += ids.filter((id) => !got.includes(id)).length;
    duplicated += got.length - new Set(got).size;
    outOfOrder += got.filter((id, i) => i > 0 && id < got[i - 1]!).length;
  }
  console.log(
    `soak: ${clients} clients, ${total} messages in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(0)}/s); ` +
      `lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}; ` +
      `server RSS ${rssStart.toFixed(0)} MB at start, ${rssSamples.map((mb) => mb.toFixed(0)).join(' → ')} every 10 s, ` +
      `${rssEnd.toFixed(0)} MB at end`,
  );
  for (const socket of sockets) socket.socket.terminate();
  return lost + duplicated + outOfOrder === 0;
}

/**
 * A client that stops reading while messages keep coming: the server's memory, and how it
 * ends; first the same flood to a client that reads, to tell the backlog from the sending.
 */
async function slowReader(messages = 2000): Promise<boolean> {
  const message = '🌊'.repeat(10_000); // 40 KB a frame
  const run = async (name: string, reads: boolean) => {
    const [sender, recipient] = [await register(`${name}_sender`), await register(name)];
    const { id: cId } = await call<{ id: number }>('POST', '/api/chat', sender.token, { toId: recipient.id });
    const client = await RealtimeClient.connect(url, recipient.token);
    const tcp = (client.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    if (!reads) tcp.pause();
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
    const started = Date.now();
    await flood(sender, cId, messages, message);
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const after = rssMb();
    if (reads) client.socket.close();
    else tcp.resume();
    const { code } = await client.closed;
    const pushed = client.all('message.new').length;
    console.log(
      `slow reader: ${messages} messages of 40 KB (${((messages * 40_000) / 1e6).toFixed(0)} MB) to a client that ` +
        `${reads ? 'reads' : 'does not read'}, in ${seconds.toFixed(1)} s; it got ${pushed}, then closed with ${code}; ` +
        `server RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at its highest, ${after.toFixed(0)} MB after`,
    );
    return code;
  };
  await run('reader', true);
  return (await run('non_reader', false)) === 4413;
}

/**
 * Another user's `/api/me` while one user takes a long offline queue (five times, for
 * enough samples), against the same without it.
 */
async function offlineStall(queue = 5000, rounds = 5): Promise<boolean> {
  const [sender, owner, victim] = [await register('sender'), await register('owner'), await register('victim')];
  const { id: cId } = await call<{ id: number }>('POST', '/api/chat', sender.token, { toId: owner.id });
  const probe = async (latencies: number[], until: () => boolean) => {
    while (!until()) {
      const started = performance.now();
      await call('GET', '/api/me', victim.token);
      latencies.push(performance.now() - started);
    }
  };
  const quiet: number[] = [];
  const quietUntil = Date.now() + 3000;
  await probe(quiet, () => Date.now() > quietUntil);
  const busy: number[] = [];
  const fetchMs: number[] = [];
  let fetched = 0;
  for (let round = 0; round < rounds; round++) {
    await flood(sender, cId, queue, `离线消息 offline message ${round}`, `round-${round}`);
    let fetching = true;
    const started = performance.now();
    const fetchAll = (async () => {
      for (;;) {
        const reply = await fetch(`${url}/offlineMessages`, { headers: { authorization: `Bearer ${owner.token}` } });
        const { messages } = (await reply.json()) as { messages: unknown[] };
        if (messages.length === 0) break;
        fetched += messages.length;
      }
      fetchMs.push(performance.now() - started);
      fetching = false;
    })();
    await probe(busy, () => !fetching);
    await fetchAll;
  }
  for (const latencies of [quiet, busy]) latencies.sort((a, b) => a - b);
  console.log(
    `offline stall: ${rounds} × ${queue} offline messages, each queue fetched in ${fetchMs.map(ms).join(', ')}; ` +
      `another user's GET /api/me meanwhile (${busy.length} requests): p50 ${ms(percentile(busy, 0.5))}, ` +
      `p99 ${ms(percentile(busy, 0.99))}, max ${ms(busy.at(-1)!)}; without the fetch (${quiet.length}): ` +
      `p50 ${ms(percentile(quiet, 0.5))}, p99 ${ms(percentile(quiet, 0.99))}`,
  );
  return fetched === queue * rounds;
}

/** Wrong passwords for one username, all at once: checked (401) against refused at once (429). */
async function guesses(...counts: number[]): Promise<boolean> {
  for (const [round, parallel] of (counts.length > 0 ? counts : [60, 300]).entries()) {
    const username = `target_${round}`;
    await register(username);
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: `wrong-guess-${i}` }),
        }).then((reply) => reply.status),
      ),
    );
    const count = (status: number) => statuses.filter((s) => s === status).length;
    console.log(
      `guesses: ${parallel} wrong passwords for one username at once, in ${ms(performance.now() - started)}: ` +
        `${count(401)} checked (401), ${count(429)} refused at once (429), ${parallel - count(401) - count(429)} other`,
    );
  }
  return true;
}

/** One user's search time for terms found only in others' private messages, by how often they are. */
async function searchTiming(searches = 300, ownMessages = 1000): Promise<boolean> {
  const OCCURRENCES = [0, 10, 300, 2000, 5000];
  const searcher = await register('searcher');
  const [alice, bob] = [await register('alice'), await register('bob')];
  const own = await call<{ id: number }>('POST', '/api/chat', searcher.token, { toId: alice.id });
  // The searcher's own history: messages that never hold the terms.
  await flood(searcher, own.id, ownMessages, '我们下午三点开会，带上上周的报表 meeting at three', 'own');
  const { id: theirs } = await call<{ id: number }>('POST', '/api/chat', alice.token, { toId: bob.id });
  const terms = OCCURRENCES.map((count, i) => ({ count, term: `暗号${'甲乙丙丁戊'[i]}词` }));
  for (const [i, { count, term }] of terms.entries())
    await flood(alice, theirs, count, `私下说：${term} 只有我们知道`, `term${i}`);
  for (const { count, term } of terms) {
    const path = `/api/search?q=${encodeURIComponent(term)}&limit=20`;
    const latencies: number[] = [];
    for (let i = 0; i < searches + 20; i++) {
      const started = performance.now();
      const results = await call<unknown[]>('GET', path, searcher.token);
      if (results.length > 0) throw new Error(`the searcher found another user's message for ${term}`);
      if (i >= 20) latencies.push(performance.now() - started); // the first 20 warm up
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `search timing: a term in ${count} of others' private messages, none of the ${ownMessages} of the searcher's: ` +
        `p50 ${ms(percentile(latencies, 0.5))}, p90 ${ms(percentile(latencies, 0.9))} (${searches} searches)`,
    );
  }
  return true;
}

const run = { soak, 'slow-reader': slowReader, 'offline-stall': offlineStall, guesses, 'search-timing': searchTiming };
let ok: boolean;
try {
  ok = await run[mode](...numbers);
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
