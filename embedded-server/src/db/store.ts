import type { Db } from './open.js';
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
  work: () => unknown;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** The store: one repository per aggregate over one database, and its transactions. */
export function createStore(db: Db) {
  // Work to run once the outermost transaction has committed (and to drop if it rolls back).
  let depth = 0;
  let afterCommit: (() => void)[] = [];
  const messages = createMessageRepository(db);

  // Group commit: work queued with `transactionSoon` during one turn of the event loop is
  // written by one transaction. A COMMIT (and the full-text index's segment write inside
  // it) costs far more than a message's rows, so many writers share one.
  let queued: QueuedWork[] = [];

  function runAndCommit<T>(work: () => T): T {
    depth++;
    let result: T;
    try {
      result = db.transaction(work).immediate();
    } catch (error) {
      afterCommit = [];
      throw error;
    } finally {
      depth--;
    }
    const committed = afterCommit;
    afterCommit = [];
    for (const run of committed) run();
    return result;
  }

  function commitQueued(): void {
    const batch = queued;
    queued = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      runAndCommit(() => {
        for (const { work } of batch) {
          // Each piece of work is a savepoint of its own: one that fails is undone, with the
          // events it queued, and the others still commit.
          const eventsBefore = afterCommit.length;
          try {
            outcomes.push({ ok: true, value: db.transaction(work)() });
          } catch (error) {
            afterCommit.length = eventsBefore;
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
    db,
    users: createUserRepository(db),
    tokens: createTokenRepository(db),
    windows: createWindowRepository(db),
    messages,
    notifications: createNotificationRepository(db),
    offline: createOfflineMessageRepository(db),
    projects: createProjectRepository(db),
    tasks: createTaskRepository(db),
    invitations: createInvitationRepository(db),
    search: createSearchRepository(db),
    attachments: createAttachmentRepository(db),
    /**
     * Runs `work` in one IMMEDIATE transaction: all of it is written, or none. Called
     * inside another transaction, it becomes part of that one.
     */
    transaction<T>(work: () => T): T {
      return depth > 0 ? work() : runAndCommit(work);
    },
    /**
     * Runs `work` in a transaction shared with the other work queued in this turn of the
     * event loop, and settles once that transaction has committed (or `work` failed and
     * was undone alone). For busy writes whose caller can wait a moment: a message sent,
     * a delivery acknowledged.
     */
    transactionSoon<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (queued.length === 0) setImmediate(commitQueued);
        queued.push({ work, resolve: resolve as (result: unknown) => void, reject });
      });
    },
    /** Deletes every row of every table (QA reset), and what the repositories keep of them. */
    empty(): void {
      this.transaction(() => {
        for (const table of TABLES_CHILDREN_FIRST) db.prepare(`DELETE FROM ${table}`).run();
      });
      messages.forgetAllRecent();
    },
    /** Runs `work` after the current transaction commits (at once when there is none). */
    afterCommit(work: () => void): void {
      if (depth > 0) afterCommit.push(work);
      else work();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

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
