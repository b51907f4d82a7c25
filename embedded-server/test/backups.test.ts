import { copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backupsFolderOf,
  listSnapshots,
  pendingSnapshot,
  restoreSnapshot,
  SNAPSHOT_EVERY_MS,
  SNAPSHOTS_KEPT,
  snapshotDue,
  takeSnapshot,
} from '../src/db/backups.js';
import { latestSchemaVersion, migrate, silentLog } from '../src/db/migrations/index.js';
import { closeDatabase, openDatabase, type StorageError } from '../src/db/open.js';
import { startStoreUpkeep } from '../src/db/store-upkeep.js';
import { damageTable } from './damage.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'messenger-backups-'));
  file = join(dir, 'messenger.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** A database closed cleanly with one user named `name`. */
function databaseWith(name: string, at = file) {
  const db = openDatabase(at);
  db.prepare(
    "INSERT INTO users (username, password_hash, nickname, role, created_at) VALUES (?, 'x', 'N', 'MEMBER', 1)",
  ).run(name);
  closeDatabase(db);
}

const usernamesIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  const names = db.prepare('SELECT username FROM users ORDER BY id').pluck().all();
  db.close();
  return names;
};

/** A snapshot of the database as it is now, taken at `at`. */
function snapshotAt(at: number, reason = 'daily') {
  const db = openDatabase(file);
  const pending = pendingSnapshot(file, reason, at);
  db.prepare('VACUUM INTO ?').run(pending.target);
  closeDatabase(db);
  return pending.keep();
}

describe('snapshots', () => {
  it('are taken before a migration, of the old version, owner-only in an owner-only folder', () => {
    const old = new Database(file);
    migrate(old, silentLog, latestSchemaVersion - 1);
    old
      .prepare(
        "INSERT INTO users (username, password_hash, nickname, role, created_at) VALUES ('before', 'x', 'B', 'MEMBER', 1)",
      )
      .run();
    old.close();

    const lines: string[] = [];
    closeDatabase(openDatabase(file, (_line, msg) => lines.push(msg)));
    const [snapshot, ...others] = listSnapshots(file);
    expect(others).toEqual([]);
    expect(snapshot!.reason).toBe(`before-migration-${latestSchemaVersion}`);
    expect(lines).toContain('snapshot taken before migrating');
    expect(modeOf(backupsFolderOf(file))).toBe(0o700);
    expect(modeOf(snapshot!.path)).toBe(0o600);
    const copy = new Database(snapshot!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(latestSchemaVersion - 1);
    copy.close();
    expect(usernamesIn(snapshot!.path)).toEqual(['before']);
  });

  it('are not taken of a new, empty database', () => {
    closeDatabase(openDatabase(file));
    expect(existsSync(backupsFolderOf(file))).toBe(false);
  });

  it(`keep the ${SNAPSHOTS_KEPT} newest, and fall due a day after the newest`, () => {
    databaseWith('alice');
    const day0 = Date.parse('2026-01-01T03:00:00Z');
    expect(snapshotDue(file, day0)).toBe(true);
    for (let day = 0; day < SNAPSHOTS_KEPT + 2; day++) snapshotAt(day0 + day * SNAPSHOT_EVERY_MS);
    const kept = listSnapshots(file);
    expect(kept.map((s) => s.takenAt)).toEqual(
      Array.from({ length: SNAPSHOTS_KEPT }, (_, i) => day0 + (SNAPSHOTS_KEPT + 1 - i) * SNAPSHOT_EVERY_MS),
    );
    expect(readdirSync(backupsFolderOf(file))).toHaveLength(SNAPSHOTS_KEPT);
    const newest = kept[0]!.takenAt;
    expect(snapshotDue(file, newest + SNAPSHOT_EVERY_MS - 1)).toBe(false);
    expect(snapshotDue(file, newest + SNAPSHOT_EVERY_MS)).toBe(true);
  });

  it('are taken by the running server in the background, and never of a damaged file', async () => {
    databaseWith('alice');
    snapshotAt(Date.now() - SNAPSHOT_EVERY_MS); // a good one, a day old: the next is due
    const good = listSnapshots(file);
    damageTable(file, 'projects');
    const found: StorageError[] = [];
    const upkeep = startStoreUpkeep(file, silentLog, (error) => found.push(error));
    await upkeep.firstRound;
    expect(found.map((e) => e.kind)).toEqual(['corrupt']);
    expect(found[0]!.message).toContain(good[0]!.path);
    // The snapshot that was due was not taken, and nothing half-written was left.
    expect(listSnapshots(file)).toEqual(good);
    expect(readdirSync(backupsFolderOf(file))).toEqual([good[0]!.name]);
  });

  it('are taken by the running server in the background when one is due', async () => {
    databaseWith('alice');
    const lines: object[] = [];
    const upkeep = startStoreUpkeep(
      file,
      (line) => lines.push(line),
      () => {
        throw new Error('a sound file was called damaged');
      },
    );
    await upkeep.firstRound;
    const [snapshot] = listSnapshots(file);
    expect(snapshot!.reason).toBe('daily');
    expect(modeOf(snapshot!.path)).toBe(0o600);
    expect(usernamesIn(snapshot!.path)).toEqual(['alice']);
    expect(lines).toEqual([
      { snapshot: true },
      { result: 'ok', checkMs: expect.any(Number), snapshot: snapshot!.path, snapshotMs: expect.any(Number) },
    ]);
    await upkeep.stop();
  });
});

describe('restoring a snapshot', () => {
  it('replaces the database with the newest sound snapshot, and keeps the replaced one with what its WAL held', () => {
    databaseWith('alice');
    snapshotAt(Date.parse('2026-01-01T00:00:00Z'));
    databaseWith('bob');
    const newest = snapshotAt(Date.parse('2026-01-02T00:00:00Z'));
    damageTable(newest.path, 'users');
    // The database now: damaged, and left by a crash with carol only in its WAL.
    damageTable(file, 'projects');
    const live = new Database(file); // not openDatabase: it would refuse the damaged file
    live
      .prepare(
        "INSERT INTO users (username, password_hash, nickname, role, created_at) VALUES ('carol', 'x', 'C', 'MEMBER', 1)",
      )
      .run();
    const crashed = join(dir, 'crashed');
    copyFileSync(file, crashed);
    copyFileSync(`${file}-wal`, `${crashed}-wal`);
    live.close();
    renameSync(crashed, file);
    renameSync(`${crashed}-wal`, `${file}-wal`);

    const restored = restoreSnapshot(file, null, Date.parse('2026-01-03T00:00:00Z'));
    expect(restored.skipped.map((s) => s.path)).toEqual([newest.path]);
    expect(restored.from).toBe(listSnapshots(file)[1]!.path);
    expect(usernamesIn(file)).toEqual(['alice']);
    expect(modeOf(file)).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
    expect(restored.setAside).toBe(join(dir, 'messenger-replaced-2026-01-03T00-00-00Z.db'));
    expect(usernamesIn(restored.setAside!)).toEqual(['alice', 'bob', 'carol']);
    // The server opens the restored file as any other.
    closeDatabase(openDatabase(file));
  });

  it('refuses a named snapshot that is damaged, and leaves the database as it was', () => {
    databaseWith('alice');
    const snapshot = snapshotAt(Date.now());
    damageTable(snapshot.path, 'users');
    const before = statSync(file).mtimeMs;
    expect(() => restoreSnapshot(file, snapshot.name)).toThrow(
      expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/damaged too.*left as it was/) }),
    );
    expect(statSync(file).mtimeMs).toBe(before);
    expect(usernamesIn(file)).toEqual(['alice']);
  });

  it('refuses while a server has the database open, and leaves it as it was', () => {
    databaseWith('alice');
    snapshotAt(Date.now());
    databaseWith('bob');
    const running = openDatabase(file);
    try {
      expect(() => restoreSnapshot(file, null)).toThrow(expect.objectContaining({ kind: 'in-use' }));
      expect(running.prepare('SELECT username FROM users ORDER BY id').pluck().all()).toEqual(['alice', 'bob']);
    } finally {
      closeDatabase(running);
    }
    expect(restoreSnapshot(file, null).setAside).not.toBeNull();
    expect(usernamesIn(file)).toEqual(['alice']);
  });

  it('says so when there is no snapshot, or not the one named', () => {
    databaseWith('alice');
    expect(() => restoreSnapshot(file, null)).toThrow(expect.objectContaining({ kind: 'no-backup' }));
    expect(() => restoreSnapshot(file, 'messenger-nope.db')).toThrow(expect.objectContaining({ kind: 'no-backup' }));
  });

  it('restores a snapshot named by its path', () => {
    databaseWith('alice');
    const elsewhere = join(dir, 'kept-elsewhere.db');
    const db = openDatabase(file);
    takeSnapshot(db, file, 'daily');
    db.prepare('VACUUM INTO ?').run(elsewhere);
    closeDatabase(db);
    databaseWith('bob');
    expect(restoreSnapshot(file, elsewhere).from).toBe(elsewhere);
    expect(usernamesIn(file)).toEqual(['alice']);
  });
});
