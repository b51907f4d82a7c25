/**
 * The soak run: `npm run soak -- [clients] [seconds] [rate]` (defaults 200, 60, 500).
 * Half the clients send one-to-one messages to the other half over HTTP at a steady
 * rate while every client is connected over WebSocket and acknowledges what it gets.
 * At the end each message must have reached its recipient exactly once, in order per
 * window; the server's memory (RSS) is reported at start, every 10 s, and at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RealtimeClient } from './realtime-client.js';

const [clients = 200, seconds = 60, rate = 500] = process.argv.slice(2).map(Number);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'messenger-soak-'));
const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'embedded-server/src/cli.ts', '--data-dir', dataDir, '--port', '0', '--log-level', 'warn'],
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

const users: { token: string; id: number }[] = [];
for (let i = 0; i < clients; i++) {
  const { token, user } = await call<{ token: string; user: { id: number } }>('POST', '/api/auth/register', null, {
    username: `soak_${i}`,
    password: 'soak-password',
    nickname: `Soak ${i}`,
  });
  users.push({ token, id: user.id });
}
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
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
process.exit(lost + duplicated + outOfOrder > 0 ? 1 : 0);
