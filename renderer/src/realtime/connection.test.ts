// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { ClientFrame, ServerEvent } from '../api/wire.js';
import { message } from '../features/chat/chat-fixtures.js';
import { useConnection } from '../state/connection.js';
import { useSession } from '../state/session.js';
import { backoffDelay } from './backoff.js';
import { RealtimeConnection } from './connection.js';

describe('reconnect backoff', () => {
  it('tries every half second to a second at first, spread at random, then backs off from 2 s to 30 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(59, () => 1)).toBe(1000);
    const middle = () => 0.5;
    expect([60, 61, 62, 63, 64, 70].map((attempt) => backoffDelay(attempt, middle))).toEqual([
      1500, 3000, 6000, 12000, 22500, 22500,
    ]);
    expect(backoffDelay(80, () => 1)).toBe(30000);
    expect(backoffDelay(80, () => 0)).toBe(15000);
  });
});

/** The socket the connection opens, driven by the test. */
class FakeSocket {
  static OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = 0;
  sent: ClientFrame[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close() {}
  receive(event: ServerEvent) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
}

const me = 1;
let connection: RealtimeConnection;
beforeEach(() => {
  FakeSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  useSession.setState({
    token: 't',
    user: { id: me, userName: 'zhangsan', nickname: '张三', image: '', role: 'MEMBER' },
  });
  connection = new RealtimeConnection('t', new QueryClient(), 'ws://127.0.0.1/api/ws');
  connection.start();
});
afterEach(() => {
  connection.stop();
  vi.unstubAllGlobals();
});

describe('the live connection', () => {
  it('gives up its socket as soon as the network goes away, and tries again when it is back', () => {
    const socket = FakeSocket.opened[0]!;
    socket.readyState = FakeSocket.OPEN;
    socket.receive({ type: 'ready' });
    expect(useConnection.getState().status).toBe('online');
    window.dispatchEvent(new Event('offline'));
    expect(useConnection.getState().status).toBe('offline');
    window.dispatchEvent(new Event('online'));
    expect(FakeSocket.opened).toHaveLength(2);
  });

  it('authenticates with its first frame', () => {
    const socket = FakeSocket.opened[0]!;
    socket.onopen?.();
    expect(socket.sent).toEqual([{ type: 'auth', token: 't' }]);
  });

  it('acknowledges messages from others, which marks them delivered, and never the user’s own', () => {
    const socket = FakeSocket.opened[0]!;
    socket.receive({ type: 'ready' });
    socket.receive({ type: 'message.new', data: message(7, { fromId: 2 }) });
    socket.receive({ type: 'message.new', data: message(8, { fromId: me }) });
    socket.receive({ type: 'message.new', data: message(9, { fromId: 3, toId: null }) });
    expect(socket.sent).toEqual([
      { type: 'ack', ids: [7] },
      { type: 'ack', ids: [9] },
    ]);
  });
});
