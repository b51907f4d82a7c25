/**
 * A token bucket per key: `perSecond` requests a second on average, bursts up to `burst`
 * (as many as a second's worth unless said). A bucket idle long enough to be full again
 * is forgotten, so the map stays small.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;
  private readonly refillMs: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst = perSecond,
  ) {
    this.refillMs = Math.max(60_000, (burst / perSecond) * 1000);
  }

  /**
   * Takes a token from the key's bucket: 0 when there was one (the request may go), else
   * how many milliseconds until there is (for a `Retry-After`); nothing is taken then.
   */
  take(key: string, now: number): number {
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
    bucket.tokens -= 1;
    return 0;
  }

  clear(): void {
    this.buckets.clear();
  }

  private sweep(now: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > this.refillMs) this.buckets.delete(key);
  }
}
