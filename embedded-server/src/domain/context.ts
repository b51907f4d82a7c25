import type { Store } from '../db/store.js';

/** Tells whether a user has a live real-time connection (a message to them is then pushed, not stored offline). */
export interface Presence {
  isOnline(userId: number): boolean;
}

/** Until a real-time channel is attached, nobody is connected and every message is kept offline. */
export const noLiveConnections: Presence = { isOnline: () => false };

/** What every domain operation works with. */
export interface DomainContext {
  store: Store;
  now: () => number;
  presence: Presence;
  /** The folder where attachment files are kept, by content hash. */
  attachmentsDir: string;
}
