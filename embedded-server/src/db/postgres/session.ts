import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ReferenceGoneError, StoreUnavailableError } from '../port.js';
import { GroupCommit, WriteConflict, WriterTurn } from '../group-commit.js';

/**
 * PostgreSQL's numbers as JavaScript numbers: ids, counts and epoch milliseconds are BIGINT
 * (int8) and sums are NUMERIC, which the driver hands over as strings by default. Every
 * value the store keeps is far below 2^53.
 */
const NUMBERS: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** A transaction in progress: its connection, and the work to run once it commits. */
interface OpenTransaction {
  client: pg.PoolClient;
  afterCommit: (() => void)[];
  /** Set once it has committed or rolled back: work it left running belongs to no transaction. */
  done: boolean;
}

/** SQLSTATEs after which a transaction is run again from the start: a concurrent writer won. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * A unique index whose violation also means that a concurrent writer won: the same
 * `clientMsgId` sent to two instances at once. Run again, the send finds the first copy.
 * (SERIALIZABLE reports that race as 40001; READ COMMITTED as this violation.)
 */
const RACED_UNIQUE = new Set(['chat_messages_by_client_id']);

/** How a transaction sees the writes of others (see `transaction` and `transactionSoon`). */
type Isolation = 'SERIALIZABLE' | 'READ COMMITTED';

/**
 * Whether an error means the server could not be reached or dropped the connection (rather
 * than refusing a statement): the request is answered 503, and the pool opens new connections.
 * Class 08 is a connection exception, 57P01–57P03 a shutdown or a server still starting.
 */
function unreachable(error: unknown): boolean {
  const { code } = error as { code?: string };
  if (typeof code !== 'string')
    return error instanceof Error && /connect|Connection terminated|timeout/i.test(error.message);
  return (
    code.startsWith('08') ||
    /^57P0[123]$/.test(code) ||
    /^E(CONNREFUSED|CONNRESET|HOSTUNREACH|PIPE|TIMEDOUT)$/.test(code)
  );
}

/** Passes a statement's error on, as StoreUnavailableError when the database was out of reach. */
function failure(error: unknown): never {
  if (unreachable(error)) throw new StoreUnavailableError(error);
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === '23503') throw new ReferenceGoneError(error); // foreign_key_violation
  const raced = (code && RETRYABLE.has(code)) || (code === '23505' && constraint && RACED_UNIQUE.has(constraint));
  throw raced ? new WriteConflict(error) : error;
}

/**
 * A statement named after its text: each pooled connection parses and plans it once, then
 * only binds values (planning a simple lookup costs more than running it). Statements that
 * take no values (BEGIN, SAVEPOINT, TRUNCATE) are sent as they are.
 */
function prepared(text: string, values: readonly unknown[]): pg.QueryConfig {
  if (values.length === 0) return { text };
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: values as unknown[] };
}

const statementNames = new Map<string, string>();

/** How many times a transaction is tried before its conflict is reported. */
const MAX_ATTEMPTS = 20;

/** A short random pause, growing with each attempt, so the racers do not collide again. */
const pauseBeforeAttempt = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)));

/** Statements whose row count is rows changed (a SELECT's is rows read). */
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/**
 * The store's connections to PostgreSQL: a pool, and the transaction each async context is
 * in. A repository call made inside `transaction` runs on that transaction's connection;
 * any other runs on its own pooled connection and commits by itself.
 */
export class PgSession {
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  readonly pool: pg.Pool;
  /**
   * Rows changed by the store's INSERT, UPDATE and DELETE statements since it opened, rolled
   * back or not (like SQLite's total_changes(), but without the rows its triggers change).
   */
  changes = 0;

  constructor(connectionString: string, poolSize = 10) {
    this.pool = new pg.Pool({
      connectionString,
      max: poolSize,
      types: NUMBERS,
      // A request never hangs on a database that is down: it fails, and is answered 503.
      connectionTimeoutMillis: 3000,
      query_timeout: 30_000,
    });
    // A pooled connection that drops while idle (the server restarted) is discarded by the
    // pool, and the next query opens a new one; unheard, the event would end the process.
    this.pool.on('error', () => undefined);
  }

  /** The rows `text` answers, with `$1…` bound to `values`. */
  async rows<Row>(text: string, values: readonly unknown[] = []): Promise<Row[]> {
    const runner = this.open()?.client ?? this.pool;
    const result = await runner.query<Row & pg.QueryResultRow>(prepared(text, values)).catch(failure);
    this.count(result);
    return result.rows;
  }

  /** The first row `text` answers, if any. */
  async row<Row>(text: string, values: readonly unknown[] = []): Promise<Row | undefined> {
    return (await this.rows<Row>(text, values))[0];
  }

  /** Runs a statement; returns how many rows it changed. */
  async run(text: string, values: readonly unknown[] = []): Promise<number> {
    const runner = this.open()?.client ?? this.pool;
    return this.count(await runner.query(prepared(text, values)).catch(failure));
  }

  /** Adds a statement's changed rows to `changes`; returns its row count. */
  private count(result: pg.QueryResult): number {
    const rowCount = result.rowCount ?? 0;
    if (WRITES.has(result.command)) this.changes += rowCount;
    return rowCount;
  }

  /** Whether this async context is in a transaction (its reads see its own writes). */
  inTransaction(): boolean {
    return this.open() !== undefined;
  }

  /** The transaction this async context is in, if any. */
  private open(): OpenTransaction | undefined {
    const open = this.current.getStore();
    return open && !open.done ? open : undefined;
  }

  /**
   * Runs `work` in one transaction. Inside a transaction it joins it.
   *
   * This instance writes one transaction at a time (as SQLite does): its writers never race
   * each other, and the events of its commits go out in commit order. Other instances may
   * write the same rows at the same moment, so the transaction is SERIALIZABLE: when
   * PostgreSQL reports that a concurrent one won, `work` is run again from the start.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.open() ? work() : this.runAndCommit(work, 'SERIALIZABLE');
  }

  /**
   * Like `transaction`, sharing its commit with the other work queued in this turn of the
   * event loop: sends and acknowledgements. These run at READ COMMITTED. Under SERIALIZABLE,
   * a batch of sends kept losing to another instance's acknowledgements of the same messages
   * (a send that answers marks them read, an acknowledgement marks them delivered), and the
   * whole batch was run again, about 20 times a second at 500 messages a second. At READ
   * COMMITTED an UPDATE of a row another transaction changed waits for it and applies to the
   * row as it now is, so this work is written to be right that way: a send locks its window's
   * row first (sends to one window commit one after another, in id order, on every instance),
   * and what it changes in shared rows it changes relative to what is there (counters
   * decremented by what the statement itself marked, cursors moved with greatest()).
   */
  transactionSoon<T>(work: () => Promise<T>): Promise<T> {
    return this.open() ? work() : this.groupCommit.add(work);
  }

  /**
   * Runs `work`, a single statement that commits by itself, outside any transaction and
   * without waiting for this instance's turn to write; again, like a transaction, when it
   * lost a race with a concurrent writer (a deadlock). Inside a transaction it joins it.
   */
  async alone<T>(work: () => Promise<T>): Promise<T> {
    if (this.open()) return await work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof WriteConflict) || attempt === MAX_ATTEMPTS) throw error;
        await pauseBeforeAttempt(attempt);
      }
    }
  }

  private readonly turn = new WriterTurn();
  private readonly groupCommit = new GroupCommit((runPieces) => this.runAndCommit(runPieces, 'READ COMMITTED'), {
    begin: () => this.run('SAVEPOINT queued_work'),
    release: () => this.run('RELEASE SAVEPOINT queued_work'),
    undo: () => this.run('ROLLBACK TO SAVEPOINT queued_work'),
  });

  private async runAndCommit<T>(work: (open: OpenTransaction) => Promise<T>, isolation: Isolation): Promise<T> {
    await this.turn.take();
    let committed: { result: T; open: OpenTransaction };
    try {
      committed = await this.commitWithRetries(work, isolation);
    } finally {
      // The context hook stays off between transactions, as in the SQLite store (store.ts).
      this.current.disable();
      this.turn.give();
    }
    for (const run of committed.open.afterCommit) run();
    return committed.result;
  }

  private async commitWithRetries<T>(
    work: (open: OpenTransaction) => Promise<T>,
    isolation: Isolation,
  ): Promise<{ result: T; open: OpenTransaction }> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect().catch(failure);
      const open: OpenTransaction = { client, afterCommit: [], done: false };
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`).catch(failure);
        const result = await this.current.run(open, () => work(open));
        await client.query('COMMIT').catch(failure);
        open.done = true;
        client.release();
        return { result, open };
      } catch (error) {
        open.done = true;
        await client.query('ROLLBACK').catch(() => undefined);
        // A connection that failed mid-transaction is not handed to anyone else.
        client.release(error instanceof StoreUnavailableError ? error : undefined);
        if (!(error instanceof WriteConflict) || attempt === MAX_ATTEMPTS) throw error;
        await pauseBeforeAttempt(attempt);
      }
    }
  }

  /** Runs `work` after the current transaction commits (at once when there is none). */
  afterCommit(work: () => void): void {
    const open = this.open();
    if (open) open.afterCommit.push(work);
    else work();
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
