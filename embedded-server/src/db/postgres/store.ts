import { silentLog, type StorageLog } from '../migrations/index.js';
import { TABLES_CHILDREN_FIRST } from '../store.js';
import type { StorePort } from '../port.js';
import { migratePostgres } from './migrate.js';
import { createPgAttachmentRepository } from './repositories/attachments.js';
import { createPgInvitationRepository } from './repositories/invitations.js';
import { createPgMessageRepository } from './repositories/messages.js';
import { createPgNotificationRepository } from './repositories/notifications.js';
import { createPgOfflineMessageRepository } from './repositories/offline-messages.js';
import { createPgProjectRepository } from './repositories/projects.js';
import { createPgSearchRepository } from './repositories/search.js';
import { createPgTaskRepository } from './repositories/tasks.js';
import { createPgTokenRepository } from './repositories/tokens.js';
import { createPgUserRepository } from './repositories/users.js';
import { createPgWindowRepository } from './repositories/windows.js';
import { createPgBadgeRepository } from './repositories/badges.js';
import { createPgReadRepository } from './repositories/reads.js';
import { createPgSendRepository } from './repositories/sends.js';
import { PgSession } from './session.js';

export interface PostgresStoreOptions {
  /** How many connections the store may hold open at once. */
  poolSize?: number;
  /** Where the migrations applied at opening are reported. */
  log?: StorageLog;
}

/** The PostgreSQL store: the port's adapter over a pool of connections. */
export interface PostgresStore extends StorePort {
  readonly engine: 'postgres';
  /** The connections themselves, for tests that read rows with SQL of their own. */
  readonly session: PgSession;
}

/**
 * The store on PostgreSQL at `url`, migrated to the latest schema. Several servers may share
 * one database: each write's transaction runs at the isolation it needs and is run again on
 * conflict (session.ts).
 */
export async function createPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const session = new PgSession(url, options.poolSize);
  try {
    await session.row('SELECT 1');
  } catch (error) {
    await session.close().catch(() => undefined);
    throw new Error(`Cannot connect to PostgreSQL at ${serverOf(url)}: ${(error as Error).message}`, { cause: error });
  }
  try {
    await migratePostgres(session, options.log ?? silentLog);
  } catch (error) {
    await session.close().catch(() => undefined);
    throw error;
  }

  const messages = createPgMessageRepository(session);
  return {
    engine: 'postgres',
    session,
    users: createPgUserRepository(session),
    tokens: createPgTokenRepository(session),
    windows: createPgWindowRepository(session),
    messages,
    notifications: createPgNotificationRepository(session),
    offline: createPgOfflineMessageRepository(session),
    projects: createPgProjectRepository(session),
    tasks: createPgTaskRepository(session),
    invitations: createPgInvitationRepository(session),
    search: createPgSearchRepository(session),
    attachments: createPgAttachmentRepository(session),
    badges: createPgBadgeRepository(session),
    sends: createPgSendRepository(session),
    reads: createPgReadRepository(session),
    transaction: (work) => session.transaction(work),
    transactionSoon: (work) => session.transactionSoon(work),
    writeSoon: (work) => session.alone(work),
    afterCommit: (work) => session.afterCommit(work),
    // One statement, so the tables are never seen half emptied; ids start again from 1, as
    // SQLite's do once a table is empty.
    async empty(): Promise<void> {
      await session.run(`TRUNCATE ${TABLES_CHILDREN_FIRST.join(', ')} RESTART IDENTITY`);
      await messages.forgetAllRecent();
    },
    changesSoFar: () => Promise.resolve(session.changes),
    // Other instances write to the same database without this one knowing.
    dataVersion: () => null,
    close: () => session.close(),
  };
}

/** Where `url` points, for an error message: host and port (or socket folder), never the password. */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.searchParams.get('host') ?? (parsed.host || 'localhost');
  } catch {
    return 'the configured address';
  }
}
