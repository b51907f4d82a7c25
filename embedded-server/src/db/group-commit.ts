/** Work waiting for the next group commit, and how to answer its caller. */
interface QueuedWork {
  work: () => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** How an engine runs one piece of a batch as a savepoint of the batch's transaction. */
export interface Savepoints {
  begin(): unknown;
  release(): unknown;
  undo(): unknown;
}

/** The batch's transaction as the group commit sees it: the follow-ups each piece queued. */
export interface BatchTransaction {
  afterCommit: (() => void)[];
}

/**
 * Group commit: work queued during one turn of the event loop is written by one
 * transaction. A COMMIT costs far more than a message's rows (an fsync on PostgreSQL, the
 * full-text index's segment write on SQLite), so many writers share one. Callers settle
 * once the whole batch has committed.
 *
 * A batch first runs its pieces one after another in the transaction, as if they were one
 * piece. Should one fail, the transaction is undone and the batch runs again with each
 * piece a savepoint of its own: the failed one is undone, with the follow-ups it queued,
 * and the others still commit. Pieces seldom fail, and a savepoint costs two statements a
 * piece, each a round trip on PostgreSQL; work may run more than once anyway (the store
 * runs it again after a conflict).
 */
export class GroupCommit {
  private queued: QueuedWork[] = [];
  /** A batch is waiting for the writer's turn: what is queued meanwhile joins it. */
  private flushing = false;

  /**
   * @param commitBatch runs `pieces` in one transaction (with `runPieces`) and commits it;
   *   throws when the transaction as a whole failed, so nothing of it was written.
   */
  constructor(
    private readonly commitBatch: (runPieces: (open: BatchTransaction) => Promise<void>) => Promise<void>,
    private readonly savepoints: Savepoints,
  ) {}

  add<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.commitQueued());
      }
      this.queued.push({ work, resolve: resolve as (result: unknown) => void, reject });
    });
  }

  /** Everything queued so far becomes the batch; later work waits for the next one. */
  private take(): QueuedWork[] {
    const batch = this.queued;
    this.queued = [];
    this.flushing = false;
    return batch;
  }

  private async commitQueued(): Promise<void> {
    let batch: QueuedWork[] | null = null;
    let outcomes: Outcome[] = [];
    let piecewise = false;
    for (;;) {
      try {
        await this.commitBatch(async (open) => {
          // Taken once the transaction has begun (the writer's turn is ours), so the work that
          // arrived while the previous batch committed is written by this one. A batch run
          // again (a piece failed, or the engine reported a conflict) keeps its work and
          // starts with no outcomes.
          batch ??= this.take();
          outcomes = [];
          // Alone in its batch, work needs no savepoint: if it fails, the whole transaction is
          // undone and its caller gets the error.
          if (batch.length === 1) outcomes.push({ ok: true, value: await batch[0]!.work() });
          else if (piecewise) for (const { work } of batch) outcomes.push(await this.runPiece(work, open));
          else for (const { work } of batch) outcomes.push({ ok: true, value: await runWhole(work) });
        });
        break;
      } catch (error) {
        if (error instanceof PieceFailed && !piecewise) {
          piecewise = true;
          continue;
        }
        for (const { reject } of batch ?? this.take()) reject(error);
        return;
      }
    }
    if (batch === null) return;
    (batch as QueuedWork[]).forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }

  private async runPiece(work: () => Promise<unknown>, open: BatchTransaction): Promise<Outcome> {
    const followUpsBefore = open.afterCommit.length;
    await this.savepoints.begin();
    try {
      const value = await work();
      await this.savepoints.release();
      return { ok: true, value };
    } catch (error) {
      if (isConflict(error)) throw error; // the whole batch is run again
      await this.savepoints.undo();
      await this.savepoints.release();
      open.afterCommit.length = followUpsBefore;
      return { ok: false, error };
    }
  }
}

/** A piece of a batch run without savepoints failed: the batch is undone, to run again piece by piece. */
class PieceFailed extends Error {
  constructor(cause: unknown) {
    super('a piece of a group commit failed', { cause });
    this.name = 'PieceFailed';
  }
}

/** Runs a piece of a batch as part of the whole, undoing the whole if it fails. */
async function runWhole(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    throw isConflict(error) ? error : new PieceFailed(error);
  }
}

/** An engine's report that a concurrent writer won: the transaction is run again from the start. */
export class WriteConflict extends Error {
  constructor(cause: unknown) {
    super('a concurrent write conflicted with this one', { cause });
    this.name = 'WriteConflict';
  }
}

const isConflict = (error: unknown) => error instanceof WriteConflict;

/**
 * The one writer's turn: a transaction holds it from BEGIN to COMMIT, across the awaits of
 * its work, so no other write lands inside it or races it. Handed to waiters in order.
 */
export class WriterTurn {
  held = false;
  private readonly waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}
