import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../src/db/open.js';
import { latestSchemaVersion, migrate, migrations, silentLog } from '../src/db/migrations/index.js';
import { createStore } from '../src/db/store.js';
import { backgroundCheckpointer } from '../src/db/checkpointer.js';
import { WriterTurn } from '../src/db/group-commit.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'messenger-store-'));
  file = join(dir, 'messenger.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('opening the store', () => {
  it('uses WAL, enforces foreign keys and records the schema version', () => {
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(() =>
      db.prepare('INSERT INTO tokens (hash, user_id, created_at) VALUES (?, ?, ?)').run(Buffer.alloc(32), 12345, 0),
    ).toThrow(/FOREIGN KEY/);
    closeDatabase(db);
  });

  it('numbers the migrations 1, 2, 3… with no gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('reopens an existing database without migrating it again, keeping its data', () => {
    const db = openDatabase(file);
    db.prepare(
      "INSERT INTO users (username, password_hash, nickname, role, created_at) VALUES ('kept', 'x', 'K', 'MEMBER', 1)",
    ).run();
    closeDatabase(db);
    const again = openDatabase(file);
    expect(again.prepare('SELECT nickname FROM users WHERE username = ?').get('kept')).toEqual({ nickname: 'K' });
    closeDatabase(again);
  });

  it('refuses a database from a newer schema version and leaves it untouched', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ kind: 'newer-schema' }));
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('checkpoints the WAL into the main file on close', () => {
    const db = openDatabase(file);
    db.prepare(
      "INSERT INTO users (username, password_hash, nickname, role, created_at) VALUES ('wal', 'x', 'W', 'MEMBER', 1)",
    ).run();
    closeDatabase(db);
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
    check.close();
  });
});

describe('migrating older databases', () => {
  it('brings a database from every earlier schema version up to date with its data intact', () => {
    for (let version = 1; version < latestSchemaVersion; version++) {
      const old = new Database(file);
      migrate(old, silentLog, version);
      old
        .prepare(
          "INSERT INTO users (id, username, password_hash, nickname, role, created_at) VALUES (1, 'old', 'x', '老用户', 'MEMBER', 1), (2, 'peer', 'x', 'Peer', 'SALER', 1)",
        )
        .run();
      old
        .prepare(
          "INSERT INTO chat_windows (id, kind, opener_id, peer_id, pair_low, pair_high, created_at, last_activity_at, last_message_id) VALUES (1, 'direct', 1, 2, 1, 2, 1, 2, 1)",
        )
        .run();
      old
        .prepare(
          "INSERT INTO chat_messages (id, object_id, window_id, from_id, to_id, body, type, created_at, updated_at) VALUES (1, 'aaaaaaaaaaaaaaaaaaaaaaaa', 1, 1, 2, '迁移之前的消息', 'TEXT', 2, 2)",
        )
        .run();
      old
        .prepare(
          "INSERT INTO notifications (user_id, title, content, type, subtype, created_at) VALUES (1, '旧通知', '内容', 7, 0, 3)",
        )
        .run();
      old.close();

      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      expect(db.prepare('SELECT body FROM chat_messages WHERE id = 1').get()).toEqual({ body: '迁移之前的消息' });
      expect(db.prepare('SELECT n FROM inbox_counters WHERE user_id = 1').get()).toEqual({ n: 1 });
      // The search index added later covers the rows that were there before it.
      const found = db.prepare('SELECT rowid FROM chat_messages_fts WHERE chat_messages_fts MATCH \'"之前的"\'').all();
      expect(found).toEqual([{ rowid: 1 }]);
      closeDatabase(db);
      rmSync(file, { force: true });
    }
  });
});

/** Every statement the repositories prepare, captured while the store is built. */
function preparedStatements(db: Db): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as Db['prepare'];
  createStore(db);
  db.prepare = prepare;
  return seen;
}

/** Binds every parameter of a statement (the plan does not depend on the values). */
function anyParameters(sql: string): unknown[] {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  if (named.length > 0) return [Object.fromEntries(named.map((name) => [name, 1]))];
  return Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1);
}

describe('query plans', () => {
  it('serves every read and update of the repositories from an index, never a full table scan', () => {
    const db = openDatabase(file);
    // Inserts and statements that name no table (BEGIN, SAVEPOINT, total_changes()) scan nothing.
    const statements = preparedStatements(db).filter(
      (sql) => !/^\s*INSERT/i.test(sql) && /\b(FROM|UPDATE)\b/i.test(sql),
    );
    expect(statements.length).toBeGreaterThan(40);
    const scans: string[] = [];
    for (const sql of statements) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...anyParameters(sql)) as { detail: string }[];
      for (const { detail } of plan) {
        // "SCAN t" walks a whole table (or a whole index). Scanning a subquery's few rows is
        // fine, and so is a virtual (FTS) table, whose own index answers.
        const fullScan = /^SCAN (?!\(subquery)/.test(detail) && !/VIRTUAL TABLE/.test(detail);
        if (fullScan) scans.push(`${detail}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
    expect(scans).toEqual([]);
    closeDatabase(db);
  });
});

const addUser = (db: Db, username: string) =>
  db
    .prepare("INSERT INTO users (username, password_hash, nickname, role, created_at) VALUES (?, 'x', ?, 'MEMBER', 1)")
    .run(username, username);
const usernames = (db: Db) =>
  (db.prepare('SELECT username FROM users ORDER BY id').all() as { username: string }[]).map((u) => u.username);

describe('a transaction and the callers outside it', () => {
  it('runs its own calls at once and makes every other caller wait for its commit, transaction after transaction', async () => {
    const db = openDatabase(file);
    const store = createStore(db);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    // Each transaction begins with no context tracked (it is off between transactions), and a
    // caller that was waiting from before must still be told apart from the transaction's own work.
    for (const name of ['first', 'second', 'third']) {
      const log: string[] = [];
      let begun!: () => void;
      const begins = new Promise<void>((resolve) => (begun = resolve));
      const outside = begins
        .then(() => store.users.byUsername(name))
        .then((user) => log.push(`outside: ${user?.username}, in a transaction: ${db.inTransaction}`));
      await store.transaction(async () => {
        addUser(db, name);
        begun();
        await pause();
        log.push(`inside: ${(await store.users.byUsername(name))?.username}`);
      });
      await outside;
      expect(log).toEqual([`inside: ${name}`, `outside: ${name}, in a transaction: false`]);
    }
    await store.close();
  });
});

describe('group commit (transactionSoon)', () => {
  it('commits the work queued in one turn together, in order, and runs its follow-ups after the commit', async () => {
    const db = openDatabase(file);
    const store = createStore(db);
    const log: string[] = [];
    const first = store.transactionSoon(async () => {
      addUser(db, 'first');
      store.afterCommit(() => log.push(`first committed; users seen: ${usernames(db).join(',')}`));
      return 1;
    });
    const second = store.transactionSoon(async () => {
      addUser(db, 'second');
      log.push(`second ran inside the transaction: ${db.inTransaction}`);
      return 2;
    });
    expect(usernames(db)).toEqual([]); // nothing is written before the turn ends
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['second ran inside the transaction: true', 'first committed; users seen: first,second']);
    await store.close();
  });

  it('undoes a failing piece of work alone, with its follow-ups, and rejects only its caller', async () => {
    const db = openDatabase(file);
    const store = createStore(db);
    const log: string[] = [];
    const outcomes = await Promise.allSettled([
      store.transactionSoon(async () => addUser(db, 'kept-1')),
      store.transactionSoon(async () => {
        addUser(db, 'undone');
        store.afterCommit(() => log.push('must not run'));
        throw new Error('refused');
      }),
      store.transactionSoon(async () => {
        addUser(db, 'kept-2');
        store.afterCommit(() => log.push('kept-2 committed'));
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(usernames(db)).toEqual(['kept-1', 'kept-2']);
    expect(log).toEqual(['kept-2 committed']);
    await store.close();
  });

  it('rejects every caller when the commit itself fails, and writes none of it', async () => {
    const db = openDatabase(file);
    const store = createStore(db);
    // Another connection holds the write lock, so the batch cannot even begin.
    const other = new Database(file, { timeout: 0 });
    other.prepare('BEGIN IMMEDIATE').run();
    db.pragma('busy_timeout = 0');
    const outcomes = await Promise.allSettled([
      store.transactionSoon(async () => addUser(db, 'a')),
      store.transactionSoon(async () => addUser(db, 'b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    other.prepare('ROLLBACK').run();
    other.close();
    expect(usernames(db)).toEqual([]);
    await store.close();
  });
});

describe('checkpoints (checkpointer.ts)', () => {
  /** The users the database file holds by itself, its WAL left aside: what checkpoints copied in. */
  function usernamesInFileAlone(): string[] {
    const copy = join(dir, 'file-alone.db');
    rmSync(`${copy}-wal`, { force: true });
    copyFileSync(file, copy);
    const db = new Database(copy);
    try {
      return usernames(db);
    } finally {
      db.close();
    }
  }

  it('copies what commits wrote into the database file from a thread of its own, not in a commit', async () => {
    const db = openDatabase(file);
    const store = createStore(db);
    // Nothing written yet: no thread, and SQLite's own threshold.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.transaction(async () => addUser(db, 'first'));
    await store.transactionSoon(async () => addUser(db, 'second'));
    // The server's connection now checkpoints only if the thread falls far behind: two small
    // commits are nowhere near, so the file can only have them from the thread.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    await vi.waitFor(() => expect(usernamesInFileAlone()).toEqual(['first', 'second']), { timeout: 5000 });
    await store.close();
    expect(usernamesInFileAlone()).toEqual(['first', 'second']);
  });

  /**
   * Writes `pages` pages, a transaction of about ten a millisecond, as a steady load does: each
   * in the writer's turn, the checkpoint thread gathering for 2 ms. What the WAL's header says:
   * how often it started over, and the most it held.
   */
  async function steadyWrites(startOverPages: number, pages: number) {
    const db = openDatabase(file);
    const turn = new WriterTurn();
    const checkpointer = backgroundCheckpointer(db, turn, { startOverPages, gatherMs: 2 });
    db.exec('CREATE TABLE filler (data BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
    const wal = () => readFileSync(`${file}-wal`);
    const before = wal().readUInt32BE(12);
    for (let written = 0; written < pages; written += 10) {
      await turn.take();
      try {
        db.transaction(() => insert.run(Buffer.alloc(9 * 4096)))();
        checkpointer.committed();
      } finally {
        turn.give();
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await checkpointer.stop();
    // The header counts the times the WAL started over ("checkpoint sequence number"), and
    // SQLite reuses the file from its start each time, so its size is the most it held.
    const result = { startedOver: wal().readUInt32BE(12) - before, mostPages: wal().length / (4096 + 24) };
    closeDatabase(db);
    return result;
  }

  it('starts the WAL over under steady writes, where checkpoints from the thread alone end behind', async () => {
    // 9,000 pages at about ten a millisecond, the WAL started over past 200: fewer pages in all
    // than the 10,000 at which the server's connection checkpoints by itself. Never holding
    // writes, it grew to 5,000–10,000 pages here and started over one to five times (45 with).
    const { startedOver, mostPages } = await steadyWrites(200, 9000);
    expect(startedOver).toBeGreaterThanOrEqual(20);
    expect(mostPages).toBeLessThan(2000);
  });
});
