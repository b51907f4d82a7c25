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

/** The store: one repository per aggregate over one database, and its transactions. */
export function createStore(db: Db) {
  // Work to run once the outermost transaction has committed (and to drop if it rolls back).
  let depth = 0;
  let afterCommit: (() => void)[] = [];
  const messages = createMessageRepository(db);

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
      if (depth > 0) return work();
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
  'invitations',
  'tasks',
  'project_members',
  'projects',
  'offline_messages',
  'notifications',
  'inbox_counters',
  'chat_messages',
  'attachments',
  'window_members',
  'chat_windows',
  'tokens',
  'users',
] as const;
