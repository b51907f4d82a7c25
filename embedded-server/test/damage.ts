import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CHECKED_AT_OPEN_MAX_BYTES } from '../src/db/open.js';

/**
 * Writes garbage over the root page of `table` in the database `file`, closed cleanly
 * beforehand (no WAL): what a bad sector or a stray write leaves. Other tables still read
 * and write, as they would in a file damaged in one place.
 */
export function damageTable(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table) as {
    rootpage: number;
  };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (rootpage - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes the database `file` (closed) larger than a file the server checks at every open, so
 * only the check in the background can find its damage: what a store of a few hundred
 * thousand messages is.
 */
export function growPastOpenCheck(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE ballast (bytes BLOB)');
  db.prepare('INSERT INTO ballast VALUES (zeroblob(?))').run(CHECKED_AT_OPEN_MAX_BYTES + 1024 * 1024);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
