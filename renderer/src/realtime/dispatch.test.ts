import { describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Notification } from '../api/wire.js';
import { dispatchServerEvent, onServerEvent } from './dispatch.js';
import { countsEvent } from './event-fixtures.js';

describe('server events', () => {
  it('reach every handler of their name, in order, with their data', () => {
    const queryClient = new QueryClient();
    const seen: string[] = [];
    onServerEvent('message.read', ({ cId, upTo }) => seen.push(`first ${cId}:${upTo}`));
    onServerEvent('message.read', ({ upTo }, client) => seen.push(`second ${upTo} ${client === queryClient}`));
    const counts = vi.fn();
    onServerEvent('counts', counts);
    dispatchServerEvent({ type: 'message.read', data: { cId: 4, upTo: 9, userId: 2 } }, queryClient);
    expect(seen).toEqual(['first 4:9', 'second 9 true']);
    expect(counts).not.toHaveBeenCalled();
  });

  it('without data (`ready`, `pong`) reach their handlers with none', () => {
    const ready = vi.fn();
    onServerEvent('ready', ready);
    dispatchServerEvent({ type: 'ready' }, new QueryClient());
    expect(ready).toHaveBeenCalledWith(undefined, expect.any(QueryClient));
  });

  it('give each handler the data its event name stands for in the contract', () => {
    const badges = vi.fn();
    onServerEvent('counts', ({ chatUnread, windows }) => badges(chatUnread, windows));
    dispatchServerEvent(countsEvent({ chatUnread: 2 }), new QueryClient());
    expect(badges).toHaveBeenCalledWith(2, []);
    // The compiler refuses a handler whose data is not its event's (`npm run typecheck`):
    // @ts-expect-error `counts` carries the badge counts, not a notification.
    onServerEvent('counts', (notification: Notification) => notification.title);
    // @ts-expect-error an event the contract does not have.
    onServerEvent('message.unsent', () => undefined);
  });
});
