import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, StorageError } from '../src/db/open.js';
import { latestSchemaVersion, migrate, migrations, silentLog, type Migration } from '../src/db/migrations/index.js';
import { listSnapshots, pendingSnapshot } from '../src/db/backups.js';
import { growPastOpenCheck } from './damage.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'messenger-storage-'));
  file = join(dir, 'messenger.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What opening the file throws (it must throw). */
function openingFails(path: string): StorageError {
  try {
    closeDatabase(openDatabase(path));
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    return error as StorageError;
  }
  throw new Error(`${path} opened`);
}

/**
 * What a crash leaves: the database and its WAL as they were while a connection had them
 * open, with a commit still only in the WAL.
 */
function crashedCopy(): string {
  closeDatabase(openDatabase(file));
  const live = openDatabase(file);
  live
    .prepare(
      "INSERT INTO users (username, password_hash, nickname, role, created_at) VALUES ('wal', 'x', 'W', 'MEMBER', 1)",
    )
    .run();
  const copy = join(dir, 'crashed.db');
  copyFileSync(file, copy);
  copyFileSync(`${file}-wal`, `${copy}-wal`);
  closeDatabase(live);
  return copy;
}

/** Writes garbage over the root page of `table` in a copy of `file` (which has the same pages). */
function damageTable(path: string, table: string) {
  const db = new Database(file, { readonly: true });
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table) as {
    rootpage: number;
  };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (rootpage - 1) * pageSize);
  closeSync(fd);
}

function recordingLog() {
  const lines: { line: object; msg: string }[] = [];
  return { lines, log: (line: object, msg: string) => lines.push({ line, msg }) };
}

describe('a database the server can never open', () => {
  it('reports a file that is not a database, naming it and saying what to do', () => {
    writeFileSync(file, 'Dear diary, today I moved my files around.\n'.repeat(20));
    const error = openingFails(file);
    expect(error.kind).toBe('not-a-database');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/There is no backup of it: move it out of its folder/);
  });

  it('reports a newer schema as newer-schema, with the fatal event the server process prints', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    const error = openingFails(file);
    expect(error.toEvent()).toEqual({ event: 'fatal', kind: 'newer-schema', message: error.message });
    expect(error.message).toMatch(new RegExp(`schema ${latestSchemaVersion + 1}.*Update Messenger`));
  });

  it('reports a damaged schema as corrupt, even after a clean shutdown', () => {
    closeDatabase(openDatabase(file));
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(400, 0xab), 0, 400, 100); // the schema's page, past the file header
    closeSync(fd);
    const error = openingFails(file);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/damaged.*does not write to a damaged database. There is no backup of it/);
  });

  it('names the newest backup of a damaged database, and the command that restores it', () => {
    closeDatabase(openDatabase(file));
    const older = pendingSnapshot(file, 'daily', Date.parse('2026-03-01T08:00:00Z'));
    older.keep();
    const newest = pendingSnapshot(file, 'daily', Date.parse('2026-03-02T08:00:00Z'));
    newest.keep();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(400, 0xab), 0, 400, 100); // the schema's page, past the file header
    closeSync(fd);
    const { message } = openingFails(file);
    expect(message).toContain(
      `Restore the newest backup, ${listSnapshots(file)[0]!.path} (taken 2026-03-02 08:00 UTC): stop Messenger ` +
        `and run npm run server -- --data-dir ${JSON.stringify(dir)} --restore-backup`,
    );
  });

  it('checks an old database before migrating it, and neither migrates nor snapshots a damaged one', () => {
    const old = new Database(file);
    migrate(old, silentLog, latestSchemaVersion - 1);
    old.close();
    damageTable(file, 'projects');
    expect(openingFails(file).kind).toBe('corrupt');
    expect(listSnapshots(file)).toEqual([]);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(latestSchemaVersion - 1);
    after.close();
  });

  it('checks every page after an unclean shutdown, and reports a damaged one as corrupt', () => {
    const crashed = crashedCopy();
    damageTable(crashed, 'projects'); // a table the commit in the WAL does not touch
    const error = openingFails(crashed);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(crashed);
  });

  it('reports a database it cannot open for writing as inaccessible', () => {
    mkdirSync(file); // a folder where the file should be: the same answer as a read-only one
    expect(openingFails(file).kind).toBe('inaccessible');
  });
});

describe('the integrity check at open', () => {
  it('runs after an unclean shutdown, keeping what the WAL held', () => {
    const { lines, log } = recordingLog();
    const db = openDatabase(crashedCopy(), log);
    expect(lines).toEqual([
      { line: { result: 'ok', ms: expect.any(Number) }, msg: 'integrity checked after an unclean shutdown' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
    closeDatabase(db);
  });

  it('runs at every open of a small file, and refuses a damaged one before anything is served', () => {
    closeDatabase(openDatabase(file));
    const { lines, log } = recordingLog();
    closeDatabase(openDatabase(file, log));
    expect(lines).toEqual([{ line: { result: 'ok', ms: expect.any(Number) }, msg: 'integrity checked at open' }]);
    damageTable(file, 'projects');
    expect(openingFails(file).kind).toBe('corrupt');
  });

  it('is left to the server in the background for a large file closed cleanly', () => {
    closeDatabase(openDatabase(file));
    growPastOpenCheck(file);
    damageTable(file, 'projects');
    const { lines, log } = recordingLog();
    closeDatabase(openDatabase(file, log));
    expect(lines).toEqual([]);
  });
});

describe('migrations', () => {
  it('log one line each, with the time it took', () => {
    const { lines, log } = recordingLog();
    closeDatabase(openDatabase(file, log));
    expect(lines).toEqual(
      migrations.map(({ version, name }) => ({
        line: { version, name, ms: expect.any(Number) },
        msg: 'migration applied',
      })),
    );
  });

  interface TableInfo {
    name: string;
    type: string;
    strict: number;
  }
  const tables = (db: Database.Database) =>
    (db.pragma('table_list') as (TableInfo & { schema: string })[])
      .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
      .map(({ name, strict }) => ({ name, strict }));

  /** The ordinary tables a migration adds (full-text tables are virtual, and cannot be STRICT). */
  function tablesAddedBy(migration: Migration) {
    const db = new Database(':memory:');
    migrate(db, silentLog, migration.version - 1);
    const before = new Set(tables(db).map((t) => t.name));
    migration.up(db);
    const added = tables(db).filter((t) => !before.has(t.name));
    db.close();
    return added;
  }

  it('after migration 2 create STRICT tables only', () => {
    const added = migrations.filter((m) => m.version > 2).flatMap(tablesAddedBy);
    expect(added.filter((t) => t.strict !== 1)).toEqual([]);
  });

  it('would be caught creating a table that is not STRICT', () => {
    const next = (sql: string): Migration => ({
      version: latestSchemaVersion + 1,
      name: 'example',
      up: (db) => db.exec(sql),
    });
    expect(tablesAddedBy(next('CREATE TABLE loose (a TEXT)'))).toEqual([{ name: 'loose', strict: 0 }]);
    expect(tablesAddedBy(next('CREATE TABLE typed (a TEXT) STRICT'))).toEqual([{ name: 'typed', strict: 1 }]);
  });
});
