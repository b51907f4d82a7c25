/**
 * Paces log-in attempts per username. A check must be reserved before the password is
 * verified, and only one check per username runs at a time, so parallel guesses are
 * counted as they come instead of slipping through before the first failure is written.
 * After a few failures each further one makes the wait before the next check grow
 * (1 s, 2 s, 4 s… up to a minute): a guesser gets a handful of tries an hour, while the
 * account's owner is never locked out for longer than the cap, whoever keeps failing.
 * Unknown usernames are paced exactly like known ones.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, { failures: number; nextAt: number; checking: boolean }>();

  constructor(
    /** Failures that cost no wait (typos). */
    private readonly freeFailures = 3,
    private readonly maxWaitMs = 60_000,
    /** Usernames remembered at most: the oldest are forgotten first, so a flood of names cannot fill memory. */
    private readonly maxEntries = 100_000,
  ) {}

  /**
   * Reserves a check for the username. Milliseconds to wait when it may not try now (a
   * check is under way, or the wait after the last failure has not passed); 0 when the
   * check is reserved, and `settle` must follow.
   */
  reserve(username: string, now: number): number {
    const key = username.toLowerCase();
    const entry = this.entries.get(key) ?? { failures: 0, nextAt: 0, checking: false };
    if (entry.checking) return 1000;
    if (now < entry.nextAt) return entry.nextAt - now;
    entry.checking = true;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return 0;
  }

  /** The reserved check is done: a success forgets the username, a failure makes the next wait longer. */
  settle(username: string, succeeded: boolean, now: number): void {
    const key = username.toLowerCase();
    const entry = this.entries.get(key);
    if (!entry) return;
    if (succeeded) {
      this.entries.delete(key);
      return;
    }
    entry.checking = false;
    entry.failures += 1;
    const over = entry.failures - this.freeFailures;
    entry.nextAt = over > 0 ? now + Math.min(this.maxWaitMs, 1000 * 2 ** (over - 1)) : 0;
  }

  clear(): void {
    this.entries.clear();
  }
}
