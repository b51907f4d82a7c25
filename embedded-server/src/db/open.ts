import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { latestSchemaVersion, migrate, NewerSchemaError, silentLog, type StorageLog } from './migrations/index.js';

export type Db = Database.Database;

/** Why a database cannot be used as it is. Restarting the server cannot change any of these: a person must act. */
export type StorageFailure = 'newer-schema' | 'not-a-database' | 'corrupt' | 'inaccessible' | 'disk-full';

export class StorageError extends Error {
  /** The exit code of a server process it stops: EX_CONFIG of sysexits.h, "fix the set-up, then try again". */
  static readonly exitCode = 78;

  constructor(
    readonly kind: StorageFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }

  /** The one line the server process reports it with to whoever started it, like its ready line. */
  toEvent() {
    return { event: 'fatal', kind: this.kind, message: this.message };
  }
}

const START_EMPTY = 'start Messenger again, which then begins with an empty database';

function damaged(file: string, detail: string): StorageError {
  return new StorageError(
    'corrupt',
    `The database ${file} is damaged (${detail}). Restore it from a backup, or move it out of its folder and ` +
      `${START_EMPTY} (SQLite's ".recover" command may rescue part of the old one).`,
  );
}

/** Says what failed in words a person can act on; errors that a restart may cure pass through as they are. */
function classify(error: unknown, file: string): unknown {
  if (error instanceof NewerSchemaError) {
    return new StorageError(
      'newer-schema',
      `The database ${file} was written by a newer version of Messenger (schema ${error.found}; this version ` +
        `knows up to ${latestSchemaVersion}). Update Messenger to open it. This version leaves it untouched: ` +
        'it could damage data it does not understand.',
    );
  }
  if (!(error instanceof Database.SqliteError)) return error;
  // Extended codes (SQLITE_CORRUPT_INDEX, SQLITE_READONLY_DIRECTORY…) share their primary code's cause.
  switch (error.code.split('_', 2).join('_')) {
    case 'SQLITE_NOTADB':
      return new StorageError(
        'not-a-database',
        `${file} is not a database. Put a backup of the database in its place, or move the file out of its ` +
          `folder (keep it if you do not know what it is) and ${START_EMPTY}.`,
      );
    case 'SQLITE_CORRUPT':
      return damaged(file, error.message);
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return new StorageError(
        'inaccessible',
        `Messenger cannot write to the database ${file} (${error.message}). Make sure it is a file you may ` +
          'write, in a folder you may write, on a disk that is not read-only; then start Messenger again.',
      );
    case 'SQLITE_FULL':
      return new StorageError(
        'disk-full',
        `The disk holding the database ${file} is full. Free some space on it, then start Messenger again.`,
      );
    default:
      return error;
  }
}

/**
 * Whether the last process to use the file did not close it: a clean close folds the WAL
 * back and deletes it, so a WAL with content left means a crash, a kill or a power cut.
 */
function closedUncleanly(file: string): boolean {
  return (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
}

/**
 * The integrity check reads every page: about half a second for 200,000 messages, seconds
 * for millions, too slow for every start. So it runs only after an unclean shutdown, when
 * damage is likeliest (a power cut on a disk that does not honour flushes). Otherwise damage
 * surfaces as SQLITE_CORRUPT where it is read: the schema at every open, the rest in the
 * request that touches it.
 */
function checkIntegrity(db: Db, file: string, log: StorageLog): void {
  const started = performance.now();
  const result = String(db.pragma('quick_check(1)', { simple: true })).replace(/\s+/g, ' ');
  log({ result, ms: Math.round(performance.now() - started) }, 'integrity checked after an unclean shutdown');
  if (result !== 'ok') throw damaged(file, result);
}

/**
 * Opens (or creates) the store: WAL so readers never wait for the writer, foreign keys
 * enforced, and the schema migrated to the latest version. A database that cannot be used
 * as it is throws a StorageError saying what to do.
 */
export function openDatabase(file: string, log: StorageLog = silentLog): Db {
  const checkFirst = closedUncleanly(file);
  let db: Db | undefined;
  try {
    db = new Database(file);
    // The first statement reads the file's header and schema: a file that is not a database,
    // or a damaged schema, fails here rather than in the first request.
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash; only a power cut may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Freed space is zeroed: a recalled message's text leaves no trace in the file.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    if (checkFirst) checkIntegrity(db, file, log);
    migrate(db, log);
    return db;
  } catch (error) {
    db?.close();
    throw classify(error, file);
  }
}

/** Folds the WAL back into the main file and closes; used on a clean shutdown. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
