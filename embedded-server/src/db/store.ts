import { AsyncLocalStorage } from 'node:async_hooks';
import { closeDatabase, type Db } from './open.js';
import type { Port, StorePort } from './port.js';
import { createUserRepository } from './repositories/users.js';
import { createTokenRepository } from './repositories/tokens.js';
import { createWindowRepository } from './repositories/windows.js';
import { createMessageRepository } from './repositories/messages.js';
import { createNotificationRepository } from './repositories/notifications.js';
import { createOfflineMessageRepository } from './repositories/offline-messages.js';
import { createProjectRepository } from './repositories/projects.js';
import { createTaskRepository } from './repositories/tasks.js';
import { createInvitationRepository } from './repositories/invitations.js';
import { createSearchRepository } from './repositories/search.js';
import { createAttachmentRepository } from './repositories/attachments.js';

/** Work waiting for the next group commit, and how to answer its caller. */
interface QueuedWork {
  work: () => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** A transaction in progress, as the async context of its work sees it. */
interface OpenTransaction {
  afterCommit: (() => void)[];
  /** Set once it has committed or rolled back: work it left running belongs to no transaction. */
  done: boolean;
}

/**
 * The one connection's turn: a transaction holds it from BEGIN to COMMIT, across the awaits
 * of its work, so no other request's statement lands inside it. Handed to waiters in order.
 */
class ConnectionTurn {
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

/** The SQLite store: the port's adapter over one better-sqlite3 connection. */
export interface SqliteStore extends StorePort {
  readonly engine: 'sqlite';
  /** The connection itself, for upkeep, backups and tests that read the file's rows. */
  readonly db: Db;
}

/**
 * The store on SQLite. Statements are synchronous and fast, so a repository call runs at once
 * unless another context's transaction holds the connection; then it waits for the COMMIT.
 */
export function createStore(db: Db): SqliteStore {
  const current = new AsyncLocalStorage<OpenTransaction>();
  const turn = new ConnectionTurn();
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT queued_work');
  const undoSavepoint = db.prepare('ROLLBACK TO queued_work');
  const releaseSavepoint = db.prepare('RELEASE queued_work');
  const totalChanges = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  const messages = createMessageRepository(db);

  const inTransaction = () => {
    const open = current.getStore();
    return open && !open.done ? open : undefined;
  };

  /** Runs one repository call: now, unless another context's transaction holds the connection. */
  function access<T>(call: () => T): Promise<T> {
    if (!turn.held || inTransaction()) {
      try {
        return Promise.resolve(call());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return turn.take().then(() => {
      try {
        return call();
      } finally {
        turn.give();
      }
    });
  }

  function portOf<Repository extends object>(repository: Repository): Port<Repository> {
    const port: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(repository) as [string, (...args: unknown[]) => unknown][])
      port[name] = (...args: unknown[]) => access(() => method(...args));
    return port as Port<Repository>;
  }

  /** Runs `work` with the connection's turn between BEGIN IMMEDIATE and COMMIT; the events after. */
  async function runAndCommit<T>(work: (open: OpenTransaction) => Promise<T>): Promise<T> {
    await turn.take();
    const open: OpenTransaction = { afterCommit: [], done: false };
    let result: T;
    try {
      begin.run();
      try {
        result = await current.run(open, () => work(open));
        commit.run();
      } catch (error) {
        if (db.inTransaction) rollback.run();
        throw error;
      }
    } finally {
      open.done = true;
      turn.give();
    }
    for (const run of open.afterCommit) run();
    return result;
  }

  // Group commit: work queued with `transactionSoon` during one turn of the event loop is
  // written by one transaction. A COMMIT (and the full-text index's segment write inside
  // it) costs far more than a message's rows, so many writers share one.
  let queued: QueuedWork[] = [];

  async function commitQueued(): Promise<void> {
    const batch = queued;
    queued = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await runAndCommit(async (open) => {
        for (const { work } of batch) {
          // Each piece of work is a savepoint of its own: one that fails is undone, with the
          // events it queued, and the others still commit.
          const eventsBefore = open.afterCommit.length;
          savepoint.run();
          try {
            outcomes.push({ ok: true, value: await work() });
            releaseSavepoint.run();
          } catch (error) {
            undoSavepoint.run();
            releaseSavepoint.run();
            open.afterCommit.length = eventsBefore;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The COMMIT itself failed: nothing of the batch was written.
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }

  return {
    engine: 'sqlite',
    db,
    users: portOf(createUserRepository(db)),
    tokens: portOf(createTokenRepository(db)),
    windows: portOf(createWindowRepository(db)),
    messages: portOf(messages),
    notifications: portOf(createNotificationRepository(db)),
    offline: portOf(createOfflineMessageRepository(db)),
    projects: portOf(createProjectRepository(db)),
    tasks: portOf(createTaskRepository(db)),
    invitations: portOf(createInvitationRepository(db)),
    search: portOf(createSearchRepository(db)),
    attachments: portOf(createAttachmentRepository(db)),
    transaction<T>(work: () => Promise<T>): Promise<T> {
      return inTransaction() ? work() : runAndCommit(work);
    },
    transactionSoon<T>(work: () => Promise<T>): Promise<T> {
      if (inTransaction()) return work();
      return new Promise<T>((resolve, reject) => {
        if (queued.length === 0) setImmediate(() => void commitQueued());
        queued.push({ work, resolve: resolve as (result: unknown) => void, reject });
      });
    },
    async empty(): Promise<void> {
      await this.transaction(async () => {
        for (const table of TABLES_CHILDREN_FIRST) db.prepare(`DELETE FROM ${table}`).run();
      });
      messages.forgetAllRecent();
    },
    afterCommit(work: () => void): void {
      const open = inTransaction();
      if (open) open.afterCommit.push(work);
      else work();
    },
    changesSoFar: () => access(() => totalChanges.get()!.n),
    async close(): Promise<void> {
      await turn.take();
      closeDatabase(db);
      turn.give();
    },
  };
}

/** The store the server runs on, whichever engine. */
export type Store = StorePort;

/** Every table, children first, for emptying the store. */
const TABLES_CHILDREN_FIRST = [
  'receipt_marks',
  'hidden_messages',
  'message_mentions',
  'message_reactions',
  'invitations',
  'tasks',
  'project_members',
  'projects',
  'offline_messages',
  'notification_previous',
  'notifications',
  'inbox_counters',
  'chat_messages',
  'attachments',
  'window_members',
  'chat_windows',
  'tokens',
  'users',
] as const;
