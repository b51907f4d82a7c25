import { AsyncLocalStorage } from 'node:async_hooks';
import { closeDatabase, type Db } from './open.js';
import { ReferenceGoneError, type Port, type StorePort } from './port.js';
import { GroupCommit, WriterTurn } from './group-commit.js';
import { backgroundCheckpointer } from './checkpointer.js';
import { createUserRepository } from './repositories/users.js';
import { createTokenRepository } from './repositories/tokens.js';
import { createWindowRepository } from './repositories/windows.js';
import { createBadgeRepository } from './repositories/badges.js';
import { createReadRepository } from './repositories/reads.js';
import { createSendRepository } from './repositories/sends.js';
import { createMessageRepository } from './repositories/messages.js';
import { createNotificationRepository } from './repositories/notifications.js';
import { createOfflineMessageRepository } from './repositories/offline-messages.js';
import { createProjectRepository } from './repositories/projects.js';
import { createTaskRepository } from './repositories/tasks.js';
import { createInvitationRepository } from './repositories/invitations.js';
import { createSearchRepository } from './repositories/search.js';
import { createAttachmentRepository } from './repositories/attachments.js';

/** A transaction in progress, as the async context of its work sees it. */
interface OpenTransaction {
  afterCommit: (() => void)[];
  /** Set once it has committed or rolled back: work it left running belongs to no transaction. */
  done: boolean;
}

/** A statement's error as the port reports it (see ReferenceGoneError). */
const storeFailure = (error: unknown) =>
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? new ReferenceGoneError(error) : error;

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
  // One connection: a transaction holds it from BEGIN to COMMIT, across the awaits of its work.
  const turn = new WriterTurn();
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT queued_work');
  const undoSavepoint = db.prepare('ROLLBACK TO queued_work');
  const releaseSavepoint = db.prepare('RELEASE queued_work');
  // Rows this connection has changed, triggers included. Every write goes through it (the file
  // belongs to this process alone, config.ts), so the count moves with any change.
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  const checkpointer = backgroundCheckpointer(db, turn);
  const messages = createMessageRepository(db);
  const windows = createWindowRepository(db);
  const offline = createOfflineMessageRepository(db);
  const reads = createReadRepository(messages, windows, offline);

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
        return Promise.reject(storeFailure(error));
      }
    }
    return turn.take().then(() => {
      try {
        return call();
      } catch (error) {
        throw storeFailure(error);
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
        checkpointer.committed();
      } catch (error) {
        if (db.inTransaction) rollback.run();
        throw error;
      }
    } finally {
      open.done = true;
      // On Node 20 an enabled AsyncLocalStorage runs a hook at every promise the process makes
      // (about 5% of a small reply's CPU, docs/benchmarks.md). Only a transaction's own work
      // needs its context, and one runs at a time: the hook is off until the next begins.
      current.disable();
      turn.give();
    }
    for (const run of open.afterCommit) run();
    return result;
  }

  const groupCommit = new GroupCommit((runPieces) => runAndCommit(runPieces), {
    begin: () => savepoint.run(),
    release: () => releaseSavepoint.run(),
    undo: () => undoSavepoint.run(),
  });
  const soon = <T>(work: () => Promise<T>): Promise<T> => (inTransaction() ? work() : groupCommit.add(work));

  return {
    engine: 'sqlite',
    db,
    users: portOf(createUserRepository(db)),
    tokens: portOf(createTokenRepository(db)),
    windows: portOf(windows),
    messages: portOf(messages),
    notifications: portOf(createNotificationRepository(db)),
    offline: portOf(offline),
    projects: portOf(createProjectRepository(db)),
    tasks: portOf(createTaskRepository(db)),
    invitations: portOf(createInvitationRepository(db)),
    search: portOf(createSearchRepository(db)),
    attachments: portOf(createAttachmentRepository(db)),
    badges: portOf(createBadgeRepository(db)),
    sends: portOf(createSendRepository(windows, messages, reads)),
    reads: portOf(reads),
    transaction<T>(work: () => Promise<T>): Promise<T> {
      return inTransaction() ? work() : runAndCommit(work);
    },
    transactionSoon: soon,
    // A lone statement would cost a commit of its own: it shares one, as all work here does.
    writeSoon: soon,
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
    changesSoFar: () => access(() => totalChanges.get()!),
    // Read at once, even while a transaction holds the connection: its writes count as they
    // are made, and what they change stays out of sight of other readers until COMMIT.
    dataVersion: () => totalChanges.get()!,
    async close(): Promise<void> {
      await turn.take();
      await checkpointer.stop();
      closeDatabase(db);
      turn.give();
    },
  };
}

/** The store the server runs on, whichever engine. */
export type Store = StorePort;

/** Every table, children first, for emptying the store. */
export const TABLES_CHILDREN_FIRST = [
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
