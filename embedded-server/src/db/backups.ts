import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_FILE, PRIVATE_FOLDER } from './data-folder.js';
import { findDamage } from './integrity.js';
import { StorageError } from './storage-error.js';

/**
 * Snapshots of the database, made with `VACUUM INTO` (a compact, consistent copy, written
 * while the server goes on): once a day while the server runs, and before every migration.
 * They live in `backups/` beside the database, owner-only like the rest of the data folder.
 */
const BACKUPS_FOLDER = 'backups';
/**
 * Three days of daily snapshots (fewer with one taken before a migration). Each is about the
 * size of the database (440 MB for a million messages), so more would cost the user's disk
 * more than an older state is worth to them.
 */
export const SNAPSHOTS_KEPT = 3;
export const SNAPSHOT_EVERY_MS = 24 * 60 * 60 * 1000;

export interface Snapshot {
  path: string;
  name: string;
  takenAt: number;
  /** `daily`, or `before-migration-N` (N the version about to be applied). */
  reason: string;
}

/** `messenger-2026-12-03T19-40-00Z-daily.db`: names sort by time, and say why they were taken. */
const SNAPSHOT_NAME = /^messenger-(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\dZ)-([a-z0-9-]+)\.db$/;
const UNFINISHED = '.partial';

/** A time as it can stand in a file name on every system (no colons). */
const fileStamp = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');

export const backupsFolderOf = (file: string) => join(dirname(file), BACKUPS_FOLDER);

/** The snapshots of the database `file`, newest first. */
export function listSnapshots(file: string): Snapshot[] {
  const folder = backupsFolderOf(file);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .flatMap((name) => {
      const match = SNAPSHOT_NAME.exec(name);
      if (!match) return [];
      const [, hour, minute, second, reason] = match;
      return [{ path: join(folder, name), name, takenAt: Date.parse(`${hour}:${minute}:${second}`), reason: reason! }];
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** Whether the newest snapshot is a day old (or there is none). */
export function snapshotDue(file: string, now: number): boolean {
  const newest = listSnapshots(file)[0];
  return !newest || now - newest.takenAt >= SNAPSHOT_EVERY_MS;
}

/** Flushes a file to the disk, so a rename that follows never exposes an incomplete one. */
function flush(path: string) {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A snapshot about to be written: its file, empty and owner-only, and how to keep it once written. */
export interface PendingSnapshot {
  /** Where `VACUUM INTO` writes; it exists, empty, with the owner-only mode already set. */
  target: string;
  /** Puts the written snapshot in place and drops the oldest beyond the ones kept. */
  keep(): Snapshot;
  /** Removes what was written, after a failure. */
  discard(): void;
}

export function pendingSnapshot(file: string, reason: string, now: number = Date.now()): PendingSnapshot {
  const folder = backupsFolderOf(file);
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER });
  chmodSync(folder, PRIVATE_FOLDER);
  // What a snapshot interrupted by a crash or a shutdown left.
  for (const name of readdirSync(folder)) if (name.endsWith(UNFINISHED)) rmSync(join(folder, name), { force: true });
  const name = `messenger-${fileStamp(now)}-${reason}.db`;
  const path = join(folder, name);
  const target = path + UNFINISHED;
  // Created before SQLite writes into it, so the copy is never readable by others, even for a moment.
  closeSync(openSync(target, 'w', PRIVATE_FILE));
  chmodSync(target, PRIVATE_FILE);
  return {
    target,
    keep() {
      flush(target);
      renameSync(target, path);
      for (const old of listSnapshots(file).slice(SNAPSHOTS_KEPT)) rmSync(old.path, { force: true });
      // The time the name holds, to the second, as listSnapshots reads it back.
      return { path, name, takenAt: Math.floor(now / 1000) * 1000, reason };
    },
    discard: () => rmSync(target, { force: true }),
  };
}

/** Snapshots the database open on `db` now, blocking (1.6–3.2 s for a million messages). */
export function takeSnapshot(db: Database.Database, file: string, reason: string): Snapshot {
  const pending = pendingSnapshot(file, reason);
  try {
    db.prepare('VACUUM INTO ?').run(pending.target);
  } catch (error) {
    pending.discard();
    throw error;
  }
  return pending.keep();
}

/** What the full integrity check finds wrong with a snapshot (or why it cannot be read); null when sound. */
function damageIn(path: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return findDamage(db, 'full');
  } catch (error) {
    if (error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) return error.message;
    throw error;
  } finally {
    db?.close();
  }
}

export interface Restored {
  from: string;
  /** Where the database it replaced was moved (with its WAL): kept, in case it holds newer messages. */
  setAside: string | null;
  /** Newer snapshots passed over because they failed the check. */
  skipped: { path: string; damage: string }[];
}

/** Moves the database and its WAL aside under one new name; its -shm is an index of the WAL, rebuilt on open. */
function setAside(file: string, now: number): string | null {
  rmSync(`${file}-shm`, { force: true });
  if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) === 0) {
    rmSync(`${file}-wal`, { force: true });
    rmSync(file, { force: true });
    return null;
  }
  const aside = join(dirname(file), `messenger-replaced-${fileStamp(now)}.db`);
  renameSync(file, aside);
  // An empty WAL (a clean close) holds nothing worth keeping.
  if ((statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) renameSync(`${file}-wal`, `${aside}-wal`);
  else rmSync(`${file}-wal`, { force: true });
  return aside;
}

/**
 * Whether another connection (a running server) has the database open: it would go on writing
 * to the file moved aside. Only a connection alone on the file gets an exclusive lock.
 */
function inUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    // Any other failure (a file damaged past reading) is no sign of a server: it is replaced.
    return error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
  } finally {
    db.close();
  }
}

/**
 * Replaces the database `file` with a snapshot: the one named (a file in `backups/`, or a
 * path), or else the newest that passes. The snapshot must pass the full integrity check;
 * no server may have the file open.
 */
export function restoreSnapshot(file: string, named: string | null, now: number = Date.now()): Restored {
  if (inUse(file))
    throw new StorageError('in-use', `Messenger is running on ${file}: quit it first, then restore the backup.`);
  const candidates = named
    ? [named.includes('/') || named.includes('\\') ? resolve(named) : join(backupsFolderOf(file), named)]
    : listSnapshots(file).map((snapshot) => snapshot.path);
  if (candidates.length === 0)
    throw new StorageError('no-backup', `There is no backup of ${file} in ${backupsFolderOf(file)}.`);
  const skipped: Restored['skipped'] = [];
  for (const path of candidates) {
    if (!existsSync(path)) throw new StorageError('no-backup', `There is no backup ${path}.`);
    const damage = damageIn(path);
    if (damage) {
      skipped.push({ path, damage });
      continue;
    }
    const incoming = `${file}.restoring`;
    copyFileSync(path, incoming);
    chmodSync(incoming, PRIVATE_FILE);
    flush(incoming);
    const aside = setAside(file, now);
    renameSync(incoming, file);
    return { from: path, setAside: aside, skipped };
  }
  throw new StorageError(
    'corrupt',
    `No backup could be restored: ${skipped.map(({ path, damage }) => `${basename(path)} is damaged too (${damage})`).join('; ')}. ` +
      `${file} was left as it was.`,
  );
}
