import type { DomainEvent, EventSink } from './events.js';
import type { SignedInSession } from './sessions.js';
import type { Session } from './types.js';

/** How long a token's user is taken from memory before the store is asked again. */
export const SIGNED_IN_TTL_MS = 5000;
/** Tokens remembered at most: past this, the longest remembered is forgotten first. */
const MAX_ENTRIES = 10_000;

interface Entry extends SignedInSession {
  /** When it stops being trusted, on the monotonic clock (the QA clock may stand still or jump). */
  until: number;
}

/**
 * Which user and session a token (by its hash) belongs to, remembered for a few seconds, so
 * a request does not read the store for it: on PostgreSQL that read is a round trip, as
 * long as the work of the smallest endpoints. It listens to the domain's events, local and
 * relayed from the other instances: a session that ends, or a store that is emptied, is
 * forgotten as soon as that is announced, and the few seconds bound how long another
 * instance can miss it (Redis down).
 *
 * A lookup that read the store while something was forgotten may have read what was just
 * removed: it is not remembered (the epoch tells).
 */
export class SignedInCache implements EventSink {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;

  constructor(
    private readonly ttlMs = SIGNED_IN_TTL_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** What the token with this hash was found to be, if still trusted. */
  get(hash: string): SignedInSession | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > this.clock()) return entry;
    this.entries.delete(hash);
    return undefined;
  }

  /** Taken before reading the store; `remember` keeps the answer only if nothing was forgotten since. */
  currentEpoch(): number {
    return this.epoch;
  }

  remember(hash: string, { user, session }: SignedInSession, epoch: number): void {
    if (epoch !== this.epoch) return;
    this.entries.delete(hash); // a renewed entry moves to the end of the forgetting order
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, { user, session, until: this.clock() + this.ttlMs });
  }

  /** The session was used now: its remembered copy says so, so it is not marked used again within the hour. */
  touched(hash: string, lastUsedAt: number): void {
    const entry = this.entries.get(hash);
    if (entry) entry.session = { ...entry.session, lastUsedAt };
  }

  publish(event: DomainEvent): void {
    if (event.type === 'sessions.ended') this.forget((session) => event.sessionIds.includes(session.id));
    else if (event.type === 'store.emptied') this.forget(() => true);
  }

  private forget(ended: (session: Session) => boolean): void {
    this.epoch++;
    for (const [hash, entry] of this.entries) if (ended(entry.session)) this.entries.delete(hash);
  }
}
