import type { Database } from 'better-sqlite3';
import { initialSchema } from './001-initial.js';
import { attachmentsAndSearch } from './002-attachments-and-search.js';
import { messageActions } from './003-message-actions.js';
import { sessions } from './004-sessions.js';
import { uploadQuota } from './005-upload-quota.js';
import { shortChineseSearch } from './006-short-chinese-search.js';
import { invitationStates } from './007-invitation-states.js';
import { messageIndexWrites } from './008-message-index-writes.js';

export interface Migration {
  /** Stored in `PRAGMA user_version` once applied; strictly increasing, never reused. */
  version: number;
  name: string;
  /** Runs inside the migration's transaction: SQL, and whatever else the change needs (data fixes, backfills). */
  up: (db: Database) => void;
}

/** Where the store reports what it did while opening: a line's fields, and its message (pino's shape). */
export type StorageLog = (line: object, msg: string) => void;

export const silentLog: StorageLog = () => {};

/**
 * Every migration, in order. Append only: a released migration is never edited.
 *
 * Tables created after migration 2 are STRICT, so a column's type is enforced rather than
 * advisory (`test/storage-lifecycle.test.ts` fails otherwise). Virtual (full-text) tables cannot be.
 */
export const migrations: readonly Migration[] = [
  initialSchema,
  attachmentsAndSearch,
  messageActions,
  sessions,
  uploadQuota,
  shortChineseSearch,
  invitationStates,
  messageIndexWrites,
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      `The database is at schema version ${found}, newer than this server knows (${latestSchemaVersion}). ` +
        'Refusing to open it: an older server could damage data it does not understand.',
    );
    this.name = 'NewerSchemaError';
  }
}

/**
 * Brings the database up to the latest version (or `upTo`), each migration in its own
 * transaction, and logs each one applied with the time it took.
 */
export function migrate(db: Database, log: StorageLog = silentLog, upTo: number = latestSchemaVersion): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestSchemaVersion) throw new NewerSchemaError(current);
  // A migration may rebuild a table that others refer to; foreign keys are checked once it
  // is done instead (SQLite's own procedure for changing a table), and it is undone if any
  // reference broke. The pragma has no effect inside a transaction, hence out here.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (const { version, name, up } of migrations) {
      if (version <= current || version > upTo) continue;
      const started = performance.now();
      db.transaction(() => {
        up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${version} broke ${broken.length} references`);
        db.pragma(`user_version = ${version}`);
      })();
      log({ version, name, ms: Math.round(performance.now() - started) }, 'migration applied');
    }
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}
