import WebSocket from 'ws';

export interface Frame {
  type: string;
  data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read frames freely
}

/**
 * A test client of the real-time channel: collects every frame, and lets a test wait
 * for the next one that matches (no sleeps).
 */
export class RealtimeClient {
  readonly frames: Frame[] = [];
  closed: Promise<{ code: number; reason: string }>;
  private readonly taken = new Set<Frame>();
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      const waiter = this.waiters.find((w) => w.match(frame));
      if (!waiter) return;
      this.waiters = this.waiters.filter((w) => w !== waiter);
      this.taken.add(frame);
      waiter.resolve(frame);
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens a socket to the server (without authenticating). */
  static open(serverUrl: string): Promise<RealtimeClient> {
    const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/api/ws`);
    const client = new RealtimeClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /** Opens and authenticates; resolves once `ready` and the first `counts` arrived. */
  static async connect(serverUrl: string, token: string): Promise<RealtimeClient> {
    const client = await RealtimeClient.open(serverUrl);
    client.send({ type: 'auth', token });
    await client.next('ready');
    await client.next('counts');
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  /**
   * The oldest frame of this type (matching `where`) not yet taken by an earlier call:
   * one already received, or the next to arrive.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are read freely, see Frame
  next(type: string, where: (data: any) => boolean = () => true): Promise<Frame> {
    const match = (f: Frame) => f.type === type && where(f.data);
    const waiting = this.frames.find((f) => !this.taken.has(f) && match(f));
    if (waiting) {
      this.taken.add(waiting);
      return Promise.resolve(waiting);
    }
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Every frame of a type received so far. */
  all(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}
