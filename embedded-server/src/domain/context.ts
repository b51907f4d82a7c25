import type { Store } from '../db/store.js';
import type { EventSink } from './events.js';
import type { SignedInCache } from './signed-in-cache.js';

/** Tells whether a user has a live real-time connection (a message to them is then pushed, not stored offline). */
export interface Presence {
  isOnline(userId: number): boolean;
}

/** What every domain operation works with. */
export interface DomainContext {
  store: Store;
  now: () => number;
  presence: Presence;
  /** Where domain events go once committed. */
  events: EventSink;
  /** The folder where attachment files are kept, by content hash. */
  attachmentsDir: string;
  /** The users of the tokens seen lately; it must hear every event (it forgets ended sessions). */
  signedIn: SignedInCache;
}
