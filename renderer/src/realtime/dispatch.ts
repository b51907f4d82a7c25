import type { QueryClient } from '@tanstack/react-query';

/** A server event as it arrives: `{ type, data }`. */
export interface ServerEvent {
  type: string;
  data?: unknown;
}

type Handler = (data: never, queryClient: QueryClient) => void;

const handlers = new Map<string, Handler[]>();
const reconnectHandlers: ((queryClient: QueryClient) => void)[] = [];

/**
 * Features say here how an event changes their cached server state; the connection
 * dispatches every event to them. Handlers patch the TanStack Query cache in place.
 */
export function onServerEvent<T>(type: string, handler: (data: T, queryClient: QueryClient) => void): void {
  handlers.set(type, [...(handlers.get(type) ?? []), handler as Handler]);
}

/** After a reconnect: what each feature must fetch again to catch up. */
export function onReconnect(handler: (queryClient: QueryClient) => void): void {
  reconnectHandlers.push(handler);
}

export function dispatchServerEvent(event: ServerEvent, queryClient: QueryClient): void {
  for (const handler of handlers.get(event.type) ?? []) handler(event.data as never, queryClient);
}

export function dispatchReconnect(queryClient: QueryClient): void {
  for (const handler of reconnectHandlers) handler(queryClient);
}
