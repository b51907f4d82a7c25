import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { tokenOf, type BenchManifest } from '../dataset/manifest.js';
import { Samples, summarize, type LatencySummary } from '../harness/stats.js';

export interface RealtimeFigures {
  clients: number;
  targetRate: number;
  /** Messages sent per second, as achieved. */
  achievedRate: number;
  sent: number;
  received: number;
  /** Sent during the measured time but never pushed to the recipient. */
  lost: number;
  /** From issuing the send (HTTP POST) to the recipient's WebSocket receiving `message.new`. */
  latency: LatencySummary;
  /**
   * The same for the messages of the warm-up, which are not measured: how the server does
   * in its first seconds at this rate (on instances just started, their code not yet compiled).
   * Absent from results written before it was measured.
   */
  warmupLatency?: LatencySummary;
  /** The HTTP send itself, until its 201. */
  sendLatency: LatencySummary;
  /** Sends refused, failed or still unanswered at the end (the server did not keep up), and the first reason. */
  failed: number;
  failure: string;
}

interface Client {
  userId: number;
  socket: WebSocket;
}

/**
 * One server, or (a team server's instances) the one the sends go to and the one every
 * client's WebSocket is on, so that each message reaches its recipient through the relay.
 */
export type RealtimeServers = string | { sendUrl: string; receiveUrl: string };

/**
 * Send-to-receive latency with 100 connected clients: 50 pairs of users, each side with
 * a live WebSocket, chatting in their one-to-one window. Messages go out through
 * `POST /api/chat/{cId}/messages` at a steady aggregate rate, alternately from each
 * side; the recipient's socket receives `message.new` and acknowledges it, as the app
 * does. Latency runs from issuing the POST to the recipient's frame.
 */
export async function measureRealtime(
  servers: RealtimeServers,
  manifest: BenchManifest,
  options: { rate: number; durationS: number; warmupS: number; progress: (line: string) => void },
): Promise<RealtimeFigures> {
  const { sendUrl, receiveUrl } = typeof servers === 'string' ? { sendUrl: servers, receiveUrl: servers } : servers;
  const run = randomBytes(4).toString('hex');
  const sentAt = new Map<string, { at: number; measured: boolean }>();
  const latency = new Samples();
  const warmupLatency = new Samples();
  const sendLatency = new Samples();
  let received = 0;

  const clients = await Promise.all(
    manifest.realtimePairs.flatMap(({ a, b }) => [a, b]).map((userId) => connect(receiveUrl, manifest, userId)),
  );
  for (const client of clients)
    client.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as {
        type: string;
        data?: { id: number; fromId: number; clientMsgId: string };
      };
      if (frame.type !== 'message.new' || frame.data!.fromId === client.userId) return;
      const sent = sentAt.get(frame.data!.clientMsgId);
      client.socket.send(JSON.stringify({ type: 'ack', ids: [frame.data!.id] }));
      if (!sent) return;
      sentAt.delete(frame.data!.clientMsgId);
      (sent.measured ? latency : warmupLatency).push(performance.now() - sent.at);
      if (!sent.measured) return;
      received++;
    });

  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const sends = manifest.realtimePairs.flatMap(({ windowId, a, b }) => [
    { windowId, token: tokenOf(manifest, a) },
    { windowId, token: tokenOf(manifest, b) },
  ]);
  let sent = 0;
  let measuredSent = 0;
  let failed = 0;
  let failure = '';
  let answered = 0;
  const send = (seq: number, measured: boolean) => {
    const { windowId, token } = sends[seq % sends.length]!;
    const clientMsgId = `rt-${run}-${seq}`;
    const body = JSON.stringify({ message: `实时消息 ${seq} realtime`, type: 'TEXT', clientMsgId });
    const at = performance.now();
    sentAt.set(clientMsgId, { at, measured });
    const post = request(
      `${sendUrl}/api/chat/${windowId}/messages`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          answered++;
          if (response.statusCode !== 201) {
            failed++;
            failure ||= `HTTP ${response.statusCode}`;
          } else if (measured) sendLatency.push(performance.now() - at);
        });
      },
    );
    post.on('error', (error) => {
      answered++;
      failed++;
      failure ||= error.message;
    });
    post.end(body);
  };

  // A steady rate: every millisecond or so, send what the clock says is due.
  const total = options.warmupS + options.durationS;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      const due = Math.floor(Math.min(elapsed, total) * options.rate);
      for (; sent < due; sent++) {
        const measured = sent >= options.warmupS * options.rate;
        if (measured) measuredSent++;
        send(sent, measured);
      }
      if (elapsed >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const sendingS = (performance.now() - started) / 1000;
  // Let the last replies and pushes arrive (a push may come before its own HTTP reply).
  // Sends still unanswered then are failures: the server could not keep up with the rate.
  for (let waited = 0; (received < measuredSent || answered < sent) && waited < 10_000; waited += 20) await sleep(20);
  agent.destroy();
  await Promise.all(clients.map((client) => close(client.socket)));
  const unanswered = sent - answered;

  const figures: RealtimeFigures = {
    clients: clients.length,
    targetRate: options.rate,
    achievedRate: sent / sendingS,
    sent: measuredSent,
    received,
    lost: measuredSent - received,
    latency: summarize(latency.view()),
    warmupLatency: summarize(warmupLatency.view()),
    sendLatency: summarize(sendLatency.view()),
    failed: failed + unanswered,
    failure: failure || (unanswered ? 'no answer 10 s after the last send' : ''),
  };
  options.progress(
    `  real time: ${figures.clients} clients, ${figures.achievedRate.toFixed(0)} msg/s, ` +
      `p50 ${figures.latency.p50.toFixed(2)} ms, p99 ${figures.latency.p99.toFixed(2)} ms, ${figures.lost} lost, ` +
      `${figures.failed} sends failed${figures.failure ? ` (first: ${figures.failure})` : ''}`,
  );
  return figures;
}

/** Opens a socket, authenticates with the first frame and waits for `ready`. */
function connect(serverUrl: string, manifest: BenchManifest, userId: number): Promise<Client> {
  const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/api/ws`);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', token: tokenOf(manifest, userId) })));
    const onReady = (data: WebSocket.RawData) => {
      if ((JSON.parse(data.toString()) as { type: string }).type !== 'ready') return;
      socket.off('message', onReady);
      resolve({ userId, socket });
    };
    socket.on('message', onReady);
    socket.once('close', (code) => reject(new Error(`socket closed with ${code} before ready`)));
  });
}

function close(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.close();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
