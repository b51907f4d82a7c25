import { fork } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { FloorReply } from '../floor.js';
import { PROJECT_ROOT } from './server-child.js';

const FLOOR = fileURLToPath(new URL('../floor.ts', import.meta.url));
/** Headers that describe the reply itself (not the connection or the moment): the floor sends them too. */
const REPLAYED_HEADERS = ['content-type', 'x-content-type-options', 'cache-control'];

/** Fetches each path once and keeps the reply's bytes and headers, for the floor to replay. */
export async function captureReplies(
  url: string,
  targets: { path: string; headers: Record<string, string> }[],
): Promise<FloorReply[]> {
  const replies: FloorReply[] = [];
  for (const target of targets)
    replies.push(
      await new Promise<FloorReply>((resolve, reject) => {
        request(url + target.path, { headers: target.headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const headers: Record<string, string> = {};
            for (const name of REPLAYED_HEADERS) {
              const value = response.headers[name];
              if (typeof value === 'string') headers[name] = value;
            }
            resolve({
              path: target.path,
              status: response.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString('base64'),
            });
          });
          response.on('error', reject);
        })
          .on('error', reject)
          .end();
      }),
    );
  return replies;
}

export interface FloorChild {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the floor in a process of its own, like the server, serving the captured replies. */
export async function startFloorChild(replies: FloorReply[]): Promise<FloorChild> {
  const child = fork(FLOOR, [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`the floor server exited with code ${code}`)));
    child.send({ replies });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      child.disconnect();
      await exited;
    },
  };
}
