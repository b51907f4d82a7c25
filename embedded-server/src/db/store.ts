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

/** The store: one repository per aggregate over one database, and its transactions. */
export function createStore(db: Db) {
  return {
    db,
    users: createUserRepository(db),
    tokens: createTokenRepository(db),
    windows: createWindowRepository(db),
    messages: createMessageRepository(db),
    notifications: createNotificationRepository(db),
    offline: createOfflineMessageRepository(db),
    projects: createProjectRepository(db),
    tasks: createTaskRepository(db),
    invitations: createInvitationRepository(db),
    /** Runs `work` in one IMMEDIATE transaction: all of it is written, or none. */
    transaction<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

/** Every table, children first, for emptying the store (QA reset). */
export const TABLES_CHILDREN_FIRST = [
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
