/**
 * Counts failed log-ins per username. After `maxFailures` within `windowMs` the
 * username is locked until the window has passed since the last failure: the server
 * answers 429 at once instead of checking (or slowing down) the password.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until the username may try again; 0 when it may try now. */
  retryAfter(username: string, now: number): number {
    const entry = this.failures.get(username.toLowerCase());
    if (!entry) return 0;
    const waited = now - entry.last;
    if (waited >= this.windowMs) {
      this.failures.delete(username.toLowerCase());
      return 0;
    }
    return entry.count >= this.maxFailures ? this.windowMs - waited : 0;
  }

  recordFailure(username: string, now: number): void {
    const key = username.toLowerCase();
    const entry = this.failures.get(key);
    const count = entry && now - entry.last < this.windowMs ? entry.count + 1 : 1;
    this.failures.set(key, { count, last: now });
  }

  recordSuccess(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  clear(): void {
    this.failures.clear();
  }
}
