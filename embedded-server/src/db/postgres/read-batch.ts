/**
 * Lookups of one kind asked for in the same turn of the event loop, answered together by one
 * statement: one round trip to PostgreSQL and one statement for the server to run, instead of
 * one each. A hot read that is one small statement (the offline count) spends most of its time
 * on those. Each lookup still reads after it was asked, so none sees older data than it would
 * alone; a batch holds at most `maxKeys` lookups, and more make more batches.
 */
export class ReadBatch<Key, Value> {
  private waiting: { key: Key; settle: (value: Value) => void; fail: (error: unknown) => void }[] = [];

  constructor(
    /** Answers each key, in the order given. */
    private readonly readAll: (keys: Key[]) => Promise<Value[]>,
    private readonly maxKeys = 100,
  ) {}

  read(key: Key): Promise<Value> {
    return new Promise((settle, fail) => {
      // The lookups of the requests read in this turn gather until it ends.
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ key, settle, fail });
    });
  }

  private flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (let start = 0; start < waiting.length; start += this.maxKeys) {
      const batch = waiting.slice(start, start + this.maxKeys);
      this.readAll(batch.map((lookup) => lookup.key)).then(
        (values) => batch.forEach((lookup, i) => lookup.settle(values[i]!)),
        (error: unknown) => batch.forEach((lookup) => lookup.fail(error)),
      );
    }
  }
}
