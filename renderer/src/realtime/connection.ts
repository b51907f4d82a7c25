import type { QueryClient } from '@tanstack/react-query';
import { CloseCode } from '../api/contract.js';
import type { ClientFrame, ServerEvent } from '../api/wire.js';
import { useConnection } from '../state/connection.js';
import { useSession } from '../state/session.js';
import { dispatchReconnect, dispatchServerEvent } from './dispatch.js';

/** Reconnect delays grow 1 s, 2 s, 4 s… up to 30 s, with jitter so clients do not stampede. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The real-time channel: authenticates with the first frame, acknowledges every message
 * pushed from someone else (that is what marks it delivered to this user), reconnects with
 * backoff when the link drops, and asks the features to catch up once it is back.
 */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private everReady = false;

  constructor(
    private readonly token: string,
    private readonly queryClient: QueryClient,
    private readonly url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`,
  ) {}

  start(): void {
    this.stopped = false;
    useConnection.setState({ reconnect: this.reconnectNow });
    this.open();
    window.addEventListener('online', this.reconnectNow);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'signed out');
    this.socket = null;
  }

  /** Skips the wait (the network came back, the machine woke up). */
  readonly reconnectNow = () => {
    if (this.stopped || this.socket?.readyState === WebSocket.OPEN) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.open();
  };

  private open() {
    useConnection.getState().set('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => this.send(socket, { type: 'auth', token: this.token });
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as ServerEvent);
    socket.onclose = (event) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      // A refused token will not get better by retrying; the HTTP side signs the user out.
      if (event.code === CloseCode.badToken) return useConnection.getState().set('offline');
      const delay = backoffDelay(this.attempt++);
      useConnection.getState().set('offline', Date.now() + delay);
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private send(socket: WebSocket, frame: ClientFrame) {
    socket.send(JSON.stringify(frame));
  }

  private receive(event: ServerEvent) {
    if (event.type === 'ready') {
      this.attempt = 0;
      useConnection.getState().set('online');
      if (this.everReady) dispatchReconnect(this.queryClient);
      this.everReady = true;
      return;
    }
    // A message this user sent is not delivered to them: only the recipients acknowledge.
    if (event.type === 'message.new' && event.data.fromId !== useSession.getState().user?.id && this.socket)
      this.send(this.socket, { type: 'ack', ids: [event.data.id] });
    dispatchServerEvent(event, this.queryClient);
  }
}
