/**
 * The time the server stamps everything with (API.md §3c). Real time unless a QA suite
 * set it: then it runs on from the time set, or stands still when frozen.
 */
export class Clock {
  /** Added to real time; null while frozen. */
  private offset = 0;
  private frozenAt: number | null = null;

  readonly now = (): number => this.frozenAt ?? Date.now() + this.offset;

  set(now: number, frozen: boolean): void {
    this.frozenAt = frozen ? now : null;
    this.offset = frozen ? 0 : now - Date.now();
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offset += ms;
  }

  reset(): void {
    this.offset = 0;
    this.frozenAt = null;
  }
}
