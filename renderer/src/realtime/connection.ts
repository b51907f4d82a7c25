import type { QueryClient } from '@tanstack/react-query';
import { CloseCode } from '../api/contract.js';
import type { ClientFrame, ServerEvent } from '../api/wire.js';
import { useConnection } from '../state/connection.js';
import { useSession } from '../state/session.js';
import { backoffDelay } from './backoff.js';
import { dispatchReady, dispatchServerEvent } from './dispatch.js';

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
    window.addEventListener('offline', this.dropNow);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    window.removeEventListener('offline', this.dropNow);
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

  /**
   * The network went away: a socket can take minutes to notice, so it is given up now
   * (the banner shows at once) and attempts start, to succeed when the network returns.
   */
  private readonly dropNow = () => {
    const socket = this.socket;
    if (this.stopped || !socket) return;
    socket.close(1000, 'offline');
    this.lost(socket, 1006);
  };

  private open() {
    useConnection.getState().set('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => this.send(socket, { type: 'auth', token: this.token });
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as ServerEvent);
    socket.onclose = (event) => this.lost(socket, event.code);
  }

  private lost(socket: WebSocket, code: number) {
    if (this.socket !== socket || this.stopped) return;
    this.socket = null;
    // A refused token will not get better by retrying; the HTTP side signs the user out.
    if (code === CloseCode.badToken) return useConnection.getState().set('offline');
    const delay = backoffDelay(this.attempt++);
    useConnection.getState().set('offline', Date.now() + delay);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private send(socket: WebSocket, frame: ClientFrame) {
    socket.send(JSON.stringify(frame));
  }

  private receive(event: ServerEvent) {
    if (event.type === 'ready') {
      this.attempt = 0;
      useConnection.getState().set('online');
      // The first time too: what the app fetched before the channel was up (or kept from before) may have missed something.
      dispatchReady(this.queryClient);
      return;
    }
    // A message this user sent is not delivered to them: only the recipients acknowledge.
    if (event.type === 'message.new' && event.data.fromId !== useSession.getState().user?.id && this.socket)
      this.send(this.socket, { type: 'ack', ids: [event.data.id] });
    dispatchServerEvent(event, this.queryClient);
  }
}
