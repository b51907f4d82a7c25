import type { ServerEvent } from '../contract/events.js';
import type { Presence } from '../domain/context.js';

/** One authenticated WebSocket, as the hub sees it. */
export interface LiveConnection {
  readonly userId: number;
  /** The signed-in device whose token opened it: it closes when that session ends. */
  readonly sessionId: string;
  send(frame: string): void;
  close(code: number, reason: string): void;
}

/** Told when a user's first live connection here opens and their last one closes (shared presence). */
export interface PresenceListener {
  userOnline(userId: number): void;
  userOffline(userId: number): void;
}

/** How many live connections (windows, devices) one user may hold at once. */
export const MAX_CONNECTIONS_PER_USER = 20;

/**
 * The live connections of every user. It answers "is this user online?" for the
 * domain (an online user gets messages pushed instead of stored offline) and sends a
 * frame to every connection of the users concerned.
 */
export class ConnectionHub implements Presence {
  private readonly byUser = new Map<number, Set<LiveConnection>>();
  private listener: PresenceListener | null = null;

  listen(listener: PresenceListener): void {
    this.listener = listener;
  }

  /** False when the user already holds the most connections allowed. */
  add(connection: LiveConnection): boolean {
    const connections = this.byUser.get(connection.userId) ?? new Set();
    if (connections.size >= MAX_CONNECTIONS_PER_USER) return false;
    connections.add(connection);
    this.byUser.set(connection.userId, connections);
    if (connections.size === 1) this.listener?.userOnline(connection.userId);
    return true;
  }

  remove(connection: LiveConnection): void {
    const connections = this.byUser.get(connection.userId);
    if (!connections?.delete(connection)) return;
    if (connections.size > 0) return;
    this.byUser.delete(connection.userId);
    this.listener?.userOffline(connection.userId);
  }

  isOnline(userId: number): boolean {
    return this.byUser.has(userId);
  }

  /** Serializes the frame once and sends it to every connection of each user. */
  send(userIds: Iterable<number>, frame: ServerEvent): void {
    const text = JSON.stringify(frame);
    for (const userId of new Set(userIds))
      for (const connection of this.byUser.get(userId) ?? []) connection.send(text);
  }

  /** Sends each connection of the users a frame made for it (one carrying URLs signed for its session). */
  sendEach(userIds: Iterable<number>, frameFor: (connection: LiveConnection) => ServerEvent): void {
    for (const userId of new Set(userIds))
      for (const connection of this.byUser.get(userId) ?? []) connection.send(JSON.stringify(frameFor(connection)));
  }

  /** Closes the user's connections opened with these sessions (signed out, or revoked). */
  closeSessions(userId: number, sessionIds: readonly string[], code: number, reason: string): void {
    for (const connection of [...(this.byUser.get(userId) ?? [])])
      if (sessionIds.includes(connection.sessionId)) {
        this.remove(connection);
        connection.close(code, reason);
      }
  }

  closeAll(code: number, reason: string): void {
    for (const connections of this.byUser.values())
      for (const connection of connections) connection.close(code, reason);
    for (const userId of this.byUser.keys()) this.listener?.userOffline(userId);
    this.byUser.clear();
  }
}
