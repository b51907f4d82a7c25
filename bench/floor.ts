/**
 * The floor: a bare node:http server that answers each measured URL with the very bytes
 * (and headers) the messenger server answered it with, precomputed. Whatever the floor
 * costs per request — the HTTP stack, the socket, the load generator — is not the
 * server's doing; the ratio of the two throughputs is what the server adds.
 *
 * Run as a child process (`fork`): it receives the replies over IPC, listens on a free
 * loopback port and sends the port back.
 */
import { createServer } from 'node:http';

export interface FloorReply {
  path: string;
  status: number;
  headers: Record<string, string>;
  /** The body, base64. */
  body: string;
}

const replies = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();

const server = createServer((request, response) => {
  const reply = replies.get(request.url ?? '');
  if (!reply) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(reply.status, reply.headers);
  response.end(reply.body);
});
server.keepAliveTimeout = 72_000;

process.on('message', (message: { replies: FloorReply[] }) => {
  for (const { path, status, headers, body } of message.replies)
    replies.set(path, { status, headers, body: Buffer.from(body, 'base64') });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
});
process.on('disconnect', () => process.exit(0));
