// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { ClientFrame, ServerEvent } from '../api/wire.js';
import { message } from '../features/chat/chat-fixtures.js';
import { useSession } from '../state/session.js';
import { backoffDelay, RealtimeConnection } from './connection.js';

describe('reconnect backoff', () => {
  it('doubles from one second up to thirty, within ±20% jitter', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, middle))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
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
