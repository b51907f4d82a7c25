import type { QueryClient } from '@tanstack/react-query';
import type { ServerEvent, ServerEventMap, ServerEventType } from '../api/wire.js';

type Handler<K extends ServerEventType> = (data: ServerEventMap[K], queryClient: QueryClient) => void;

const handlers = new Map<ServerEventType, Handler<never>[]>();
const reconnectHandlers: ((queryClient: QueryClient) => void)[] = [];
const readyHandlers: ((queryClient: QueryClient) => void)[] = [];

/**
 * Features say here how an event changes their cached server state; the connection
 * dispatches every event to them. Handlers patch the TanStack Query cache in place. The
 * event's name decides the type of its data (the contract's event map).
 */
export function onServerEvent<K extends ServerEventType>(type: K, handler: Handler<K>): void {
  handlers.set(type, [...(handlers.get(type) ?? []), handler as Handler<never>]);
}

/** Once the channel is up (at start, and after each drop): what each feature must fetch again to catch up. */
export function onReconnect(handler: (queryClient: QueryClient) => void): void {
  reconnectHandlers.push(handler);
}

/** Each time the live channel is ready, the first time included: what waits for the server. */
export function onReady(handler: (queryClient: QueryClient) => void): void {
  readyHandlers.push(handler);
}

export function dispatchServerEvent(event: ServerEvent, queryClient: QueryClient): void {
  const data = 'data' in event ? event.data : undefined;
  for (const handler of handlers.get(event.type) ?? []) handler(data as never, queryClient);
}

/** The channel is ready: features catch up, then what waits for the server goes. */
export function dispatchReady(queryClient: QueryClient): void {
  for (const handler of reconnectHandlers) handler(queryClient);
  for (const handler of readyHandlers) handler(queryClient);
}
