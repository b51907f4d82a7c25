import { existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { listSnapshots, takeSnapshot } from './backups.js';
import { findDamage } from './integrity.js';
import { latestSchemaVersion, migrate, NewerSchemaError, silentLog, type StorageLog } from './migrations/index.js';
import { StorageError } from './storage-error.js';
import { registerUnspacedCharacters } from './unspaced-text.js';

export type Db = Database.Database;

export { StorageError, type StorageFailure } from './storage-error.js';

const START_EMPTY = 'start Messenger again, which then begins with an empty database';

/** What to do instead of using the file: restore the newest snapshot if there is one, else begin anew. */
function wayOut(file: string): string {
  const newest = listSnapshots(file)[0];
  const aside = `move it out of its folder and ${START_EMPTY}`;
  if (!newest) return `There is no backup of it: ${aside}`;
  const taken = new Date(newest.takenAt)
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d+Z$/, ' UTC');
  return (
    `Restore the newest backup, ${newest.path} (taken ${taken}): stop Messenger and run ` +
    `npm run server -- --data-dir ${JSON.stringify(dirname(file))} --restore-backup ` +
    `(it checks the backup first, and keeps the replaced file beside it). Or copy that backup over ` +
    `${basename(file)} yourself, deleting ${basename(file)}-wal and ${basename(file)}-shm; or ${aside}`
  );
}

/** The error for a damaged database: Messenger does not write to one, and says what to do instead. */
export function damageError(file: string, detail: string): StorageError {
  return new StorageError(
    'corrupt',
    `The database ${file} is damaged (${detail}); Messenger does not write to a damaged database. ` +
      `${wayOut(file)} (SQLite's ".recover" command may rescue part of the damaged one).`,
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
        `${file} is not a database (keep it if you do not know what it is). ${wayOut(file)}.`,
      );
    case 'SQLITE_CORRUPT':
      return damageError(file, error.message);
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
 * Up to this size a file is checked at every open, before anything is served: about 0.2 s
 * (65,000 messages). The check reads every page, 2–11 s for a million messages (440 MB), so a
 * larger file is checked in the background as the server starts (store-upkeep.ts), and at
 * open only when damage is likeliest: after an unclean shutdown (a power cut on a disk that
 * does not honour flushes), or before a migration rewrites its tables.
 */
export const CHECKED_AT_OPEN_MAX_BYTES = 32 * 1024 * 1024;

/** Whether opening `file` checks every clean start of it (else the server checks it in the background). */
export const checkedAtOpen = (file: string) =>
  (statSync(file, { throwIfNoEntry: false })?.size ?? 0) <= CHECKED_AT_OPEN_MAX_BYTES;

function checkIntegrity(db: Db, file: string, log: StorageLog, why: string): void {
  const started = performance.now();
  const damage = findDamage(db, 'quick');
  log({ result: damage ?? 'ok', ms: Math.round(performance.now() - started) }, `integrity checked ${why}`);
  if (damage) throw damageError(file, damage);
}

/**
 * Opens (or creates) the store: WAL so readers never wait for the writer, foreign keys
 * enforced, and the schema migrated to the latest version, after a snapshot of the old one
 * (backups.ts). A database that cannot be used as it is throws a StorageError saying what
 * to do.
 */
export function openDatabase(file: string, log: StorageLog = silentLog): Db {
  const uncleanShutdown = closedUncleanly(file);
  const small = checkedAtOpen(file);
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
    registerUnspacedCharacters(db);
    // A new file is at version 0: there is nothing in it to check, or to lose in migrating it.
    const version = db.pragma('user_version', { simple: true }) as number;
    const migrating = version > 0 && version < latestSchemaVersion;
    if (uncleanShutdown) checkIntegrity(db, file, log, 'after an unclean shutdown');
    else if (migrating) checkIntegrity(db, file, log, 'before migrating');
    else if (small && version > 0) checkIntegrity(db, file, log, 'at open');
    if (migrating) {
      const started = performance.now();
      const snapshot = takeSnapshot(db, file, `before-migration-${latestSchemaVersion}`);
      log({ snapshot: snapshot.path, ms: Math.round(performance.now() - started) }, 'snapshot taken before migrating');
    }
    migrate(db, log);
    return db;
  } catch (error) {
    db?.close();
    throw classify(error, file);
  }
}

/**
 * The full integrity check of `file` on a read-only connection, for a person who asks
 * (`--check-integrity`); a server may be running on it meanwhile. Returns how long it took;
 * throws a StorageError for a damaged file, or one that is not a database.
 */
export function verifyDatabase(file: string): number {
  if (!existsSync(file)) throw new StorageError('inaccessible', `There is no database at ${file}: nothing to check.`);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const started = performance.now();
    const damage = findDamage(db, 'full');
    if (damage) throw damageError(file, damage);
    return Math.round(performance.now() - started);
  } catch (error) {
    throw classify(error, file);
  } finally {
    db?.close();
  }
}

/** Folds the WAL back into the main file and closes; used on a clean shutdown. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
