import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OfflineType } from '../src/contract/enums.js';
import { latestSchemaVersion, NewerSchemaError } from '../src/db/migrations/index.js';
import { closeDatabase, openDatabase, type Db } from '../src/db/open.js';
import type { Port } from '../src/db/port.js';
import { migratePostgres } from '../src/db/postgres/migrate.js';
import { latestPostgresVersion, pgMigrations } from '../src/db/postgres/migrations/index.js';
import { createPgAttachmentRepository } from '../src/db/postgres/repositories/attachments.js';
import { createPgBadgeRepository } from '../src/db/postgres/repositories/badges.js';
import { createPgInvitationRepository } from '../src/db/postgres/repositories/invitations.js';
import { createPgOfflineMessageRepository } from '../src/db/postgres/repositories/offline-messages.js';
import { createPgProjectRepository } from '../src/db/postgres/repositories/projects.js';
import { createPgTaskRepository } from '../src/db/postgres/repositories/tasks.js';
import { createPgTokenRepository } from '../src/db/postgres/repositories/tokens.js';
import { createPgUserRepository } from '../src/db/postgres/repositories/users.js';
import { PgSession } from '../src/db/postgres/session.js';
import { WriteConflict } from '../src/db/group-commit.js';
import { createPostgresStore } from '../src/db/postgres/store.js';
import { createAttachmentRepository } from '../src/db/repositories/attachments.js';
import { createBadgeRepository } from '../src/db/repositories/badges.js';
import { createInvitationRepository } from '../src/db/repositories/invitations.js';
import { createOfflineMessageRepository } from '../src/db/repositories/offline-messages.js';
import { createProjectRepository } from '../src/db/repositories/projects.js';
import { createTaskRepository } from '../src/db/repositories/tasks.js';
import { createTokenRepository } from '../src/db/repositories/tokens.js';
import { createUserRepository, type NewUser } from '../src/db/repositories/users.js';
import { message } from './new-message.js';
import { postgresAvailable, startPostgres, type PostgresService } from './services/postgres.js';

const available = postgresAvailable();
const title = available
  ? 'the PostgreSQL store'
  : 'the PostgreSQL store (skipped: no PostgreSQL binaries found, set PG_BIN or PG_TEST_URL)';

describe.skipIf(!available)(title, () => {
  let server: PostgresService;
  let dir: string;
  /** Sessions and SQLite files a test opened, closed after it. */
  let opened: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => server?.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'messenger-pg-parity-'));
  });
  afterEach(async () => {
    for (const close of opened.reverse()) await close();
    opened = [];
    rmSync(dir, { recursive: true, force: true });
  });

  /** A session on a new, empty database (not migrated). */
  async function newSession(): Promise<PgSession> {
    const session = new PgSession(await server.createDatabase(), 4);
    opened.push(() => session.close());
    return session;
  }

  async function schemaVersions(session: PgSession): Promise<number[]> {
    return (await session.rows<{ version: number }>('SELECT version FROM schema_version ORDER BY version')).map(
      (row) => row.version,
    );
  }

  /** Every table's columns, indexes, constraints and triggers, as text: two equal schemas give the same. */
  async function schemaOf(session: PgSession): Promise<string> {
    const parts = await session.rows<{ part: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(collation_name, '') AS part
         FROM information_schema.columns WHERE table_schema = 'public'
       UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
       UNION ALL SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
         WHERE connamespace = 'public'::regnamespace
       UNION ALL SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
       ORDER BY 1`,
    );
    return parts.map((row) => row.part).join('\n');
  }

  describe('migrations', () => {
    it('number 1, 2, 3… as SQLite’s do, up to the same latest version', () => {
      expect(pgMigrations.map((migration) => migration.version)).toEqual(pgMigrations.map((_, i) => i + 1));
      expect(latestPostgresVersion).toBe(latestSchemaVersion);
    });

    it('bring an empty database to the latest version, recording each version', async () => {
      const session = await newSession();
      const applied: number[] = [];
      await migratePostgres(session, (line) => applied.push((line as { version: number }).version));
      expect(applied).toEqual(pgMigrations.map((migration) => migration.version));
      expect(await schemaVersions(session)).toEqual(applied);
      const tables = await session.rows<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
      );
      expect(tables.map((table) => table.name)).toContain('notification_previous');
    });

    it('change nothing when run again', async () => {
      const session = await newSession();
      await migratePostgres(session);
      const before = await schemaOf(session);
      const applied: number[] = [];
      await migratePostgres(session, (line) => applied.push((line as { version: number }).version));
      expect(applied).toEqual([]);
      expect(await schemaOf(session)).toBe(before);
      expect(await schemaVersions(session)).toEqual(pgMigrations.map((migration) => migration.version));
    });

    it('apply each migration once when two servers start on the same database at once', async () => {
      const url = await server.createDatabase();
      const first = new PgSession(url, 2);
      const second = new PgSession(url, 2);
      opened.push(
        () => first.close(),
        () => second.close(),
      );
      await Promise.all([migratePostgres(first), migratePostgres(second)]);
      expect(await schemaVersions(first)).toEqual(pgMigrations.map((migration) => migration.version));
    });

    it('refuse a database a newer server has migrated, and leave it as it is', async () => {
      const session = await newSession();
      await migratePostgres(session);
      await session.run('INSERT INTO schema_version (version) VALUES ($1)', [latestPostgresVersion + 1]);
      const before = await schemaOf(session);
      const refused = migratePostgres(session);
      await expect(refused).rejects.toThrow(NewerSchemaError);
      await expect(refused).rejects.toMatchObject({ found: latestPostgresVersion + 1 });
      await expect(refused).rejects.toThrow(`schema version ${latestPostgresVersion + 1}`);
      expect(await schemaOf(session)).toBe(before);
    });
  });

  it('serves user search and log-in lookups from indexes', async () => {
    const session = await newSession();
    await migratePostgres(session);
    const users = createPgUserRepository(session);
    for (let i = 0; i < 20; i++) await users.insert(newUser(`member${i}`, `成员${i}`));
    const plan = (query: string, values: unknown[]) =>
      session.transaction(async () => {
        // A table this small is cheaper to read whole: ask whether the index can serve at all.
        await session.run('SET LOCAL enable_seqscan = off');
        const lines = await session.rows<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`, values);
        return lines.map((line) => line['QUERY PLAN']).join('\n');
      });
    const search = `SELECT id FROM users WHERE username ILIKE $1 ESCAPE '\\' OR nickname ILIKE $1 ESCAPE '\\'`;
    const found = await plan(search, ['%ber1%']);
    expect(found).toContain('users_username_trigrams');
    expect(found).toContain('users_nickname_trigrams');
    expect(await plan('SELECT id FROM users WHERE nocase(username) = nocase($1)', ['MEMBER1'])).toContain(
      'users_by_username',
    );
  });

  it('plans the batched offline count once per connection, not on every call', async () => {
    const session = new PgSession(await server.createDatabase(), 1);
    opened.push(() => session.close());
    await migratePostgres(session);
    const users = createPgUserRepository(session);
    for (let i = 0; i < 4; i++) await users.insert(newUser(`member${i}`, `成员${i}`));
    const offline = createPgOfflineMessageRepository(session);
    // Batches of different sizes, as requests arriving together make them.
    for (const asked of [['member0'], ['member1', 'member2', 'nobody'], ['MEMBER3', 'member0'], ['member2']])
      for (let round = 0; round < 3; round++) await Promise.all(asked.map((name) => offline.undeliveredCount(name)));
    // PostgreSQL plans a prepared statement for its first five calls, then keeps one plan if that
    // plan costs no more than theirs; the pool's one connection holds the statement.
    const [kept] = await session.rows<{ generic: number; custom: number }>(
      `SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements
       WHERE statement LIKE '%FROM offline_messages WHERE user_id = u.id%'`,
    );
    expect(kept).toEqual({ generic: 7, custom: 5 });
  });

  describe('the store', () => {
    /** Two instances' stores on one new database (each instance writes one transaction at a time). */
    async function twoInstances() {
      const database = await server.createDatabase();
      const stores = [];
      for (let i = 0; i < 2; i++) {
        const store = await createPostgresStore(database, { poolSize: 4 });
        opened.push(() => store.close());
        stores.push(store);
      }
      return { database, a: stores[0]!, b: stores[1]! };
    }

    /** A point both racers reach before either goes on: the race is certain, not left to timing. */
    function meetingPoint() {
      let arrived = 0;
      let release!: () => void;
      const bothHere = new Promise<void>((resolve) => (release = resolve));
      return {
        /** Waits for the other racer (at once on a later attempt, when both met already). */
        arrive(): Promise<void> {
          if (++arrived === 2) release();
          return bothHere;
        },
      };
    }

    it('says which server it cannot reach', async () => {
      await expect(createPostgresStore('postgres://postgres@127.0.0.1:1/messenger')).rejects.toThrow(
        /Cannot connect to PostgreSQL at 127\.0\.0\.1:1/,
      );
    });

    it('refuses a database from a newer schema version', async () => {
      const url = await server.createDatabase();
      const session = new PgSession(url, 1);
      opened.push(() => session.close());
      await migratePostgres(session);
      await session.run('INSERT INTO schema_version (version) VALUES ($1)', [latestPostgresVersion + 1]);
      await expect(createPostgresStore(url)).rejects.toThrow(NewerSchemaError);
    });

    it('commits and rolls back whole transactions, runs events after commit, counts changes and empties', async () => {
      const store = await createPostgresStore(await server.createDatabase(), { poolSize: 4 });
      opened.push(() => store.close());
      expect(store.engine).toBe('postgres');
      const before = await store.changesSoFar();

      const events: string[] = [];
      const id = await store.transaction(async () => {
        const inserted = await store.users.insert(newUser('kept'));
        store.afterCommit(() => events.push('committed'));
        expect(events).toEqual([]);
        return inserted;
      });
      expect(events).toEqual(['committed']);
      expect((await store.users.byId(id))?.username).toBe('kept');

      await expect(
        store.transactionSoon(async () => {
          await store.users.insert(newUser('undone'));
          store.afterCommit(() => events.push('never'));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.users.byUsername('undone')).toBeUndefined();
      expect(events).toEqual(['committed']);
      expect((await store.changesSoFar()) - before).toBe(2);

      await store.empty();
      expect(await store.users.byId(id)).toBeUndefined();
      expect(await store.users.insert(newUser('first again'))).toBe(1);
    });

    it('runs a lone write by itself, again after it lost a race, and as part of a transaction it is called in', async () => {
      const store = await createPostgresStore(await server.createDatabase(), { poolSize: 4 });
      opened.push(() => store.close());
      const events: string[] = [];
      // PostgreSQL reports a deadlock once: the write runs again, and its events go out once, after it.
      let attempts = 0;
      const id = await store.writeSoon(async () => {
        if (++attempts === 1) throw new WriteConflict(new Error('deadlock detected'));
        const inserted = await store.users.insert(newUser('alone'));
        store.afterCommit(() => events.push('written'));
        return inserted;
      });
      expect(attempts).toBe(2);
      expect(events).toEqual(['written']);
      expect((await store.users.byId(id))?.username).toBe('alone');

      // Any other error is its caller's at once.
      attempts = 0;
      await expect(
        store.writeSoon(async () => {
          attempts++;
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(attempts).toBe(1);

      // Called inside a transaction, it is part of it, and undone with it.
      await expect(
        store.transaction(async () => {
          await store.writeSoon(() => store.users.insert(newUser('undone with it')));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.users.byUsername('undone with it')).toBeUndefined();
    });

    it('lets exactly one of two racing sign-ups of one name through, and writes nothing of the other', async () => {
      const { a: store, b: other } = await twoInstances();
      // Both read before either writes.
      const bothRead = meetingPoint();
      const signUp = (instance: typeof store, client: string) =>
        instance.transaction(async () => {
          const existing = await instance.users.byUsername('racer');
          await bothRead.arrive();
          if (existing) return { id: existing.id, created: false };
          const id = await instance.users.insert(newUser('racer'));
          await instance.tokens.insert(Buffer.from(client.padEnd(32, '.')), { id: client, userId: id, client }, 1);
          return { id, created: true };
        });

      const outcomes = await Promise.allSettled([signUp(store, 'one'), signUp(other, 'two')]);
      const done = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      const failed = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(done.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(done.map((result) => result.id)).size).toBe(1);
      for (const error of failed) expect(error).toBeInstanceOf(WriteConflict);

      const racers = await store.users.search('racer', 10);
      expect(racers).toHaveLength(1);
      const sessions = await store.tokens.ofUser(racers[0]!.id);
      expect(sessions).toHaveLength(1);
    });

    it('makes a send wait for another instance’s send to the same window, so their messages commit in id order', async () => {
      const { database, a, b } = await twoInstances();
      const watcher = new PgSession(database, 1);
      opened.push(() => watcher.close());
      const alice = await a.users.insert(newUser('alice'));
      const bob = await a.users.insert(newUser('bob'));
      const windowId = await a.windows.insert('direct', alice, bob, 100);
      for (const userId of [alice, bob]) await a.windows.addMember(windowId, userId, 'direct', 100);
      const sendOn = (store: typeof a, fromId: number, objectId: string, between: () => Promise<void>) =>
        store.transactionSoon(async () => {
          expect(await store.sends.context(windowId, fromId, objectId)).toBeDefined();
          await between();
          const toId = fromId === alice ? bob : alice;
          return (await store.sends.append(message({ objectId, windowId, fromId, toId }), fromId)).id;
        });
      // B's send reaches the window while A's is between reading it and writing its message.
      const settled: string[] = [];
      let fromB!: Promise<number>;
      const waitingOnALock = async () =>
        (await watcher.row<{ n: number }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        ))!.n > 0;
      const fromA = await sendOn(a, alice, 'from-a', async () => {
        fromB = sendOn(b, bob, 'from-b', async () => undefined).finally(() => settled.push('b'));
        while (settled.length === 0 && !(await waitingOnALock())) await new Promise((r) => setTimeout(r, 5));
      });
      settled.push('a');
      const idB = await fromB;
      // B waited for A's commit: no client can see B's message while A's, with a lower id, is still to come.
      expect(settled).toEqual(['a', 'b']);
      expect(idB).toBeGreaterThan(fromA);
      expect((await a.windows.membership(windowId, alice))?.lastMessageId).toBe(idB);
      expect((await a.windows.membership(windowId, alice))?.unread).toBe(1);
      expect((await a.windows.membership(windowId, bob))?.unread).toBe(1);
    });

    it('runs again a send that raced another instance’s with the same clientMsgId, and then finds the first', async () => {
      const { a, b } = await twoInstances();
      const [alice, bob, carol] = [
        await a.users.insert(newUser('alice')),
        await a.users.insert(newUser('bob')),
        await a.users.insert(newUser('carol')),
      ];
      const windowWith = async (peer: number) => {
        const id = await a.windows.insert('direct', alice, peer, 100);
        for (const userId of [alice, peer]) await a.windows.addMember(id, userId, 'direct', 100);
        return id;
      };
      const [toBob, toCarol] = [await windowWith(bob), await windowWith(carol)];
      // Both read before either writes (two windows: neither waits for the other’s lock).
      const bothRead = meetingPoint();
      let attempts = 0;
      const send = (store: typeof a, windowId: number, objectId: string) =>
        store.transactionSoon(async () => {
          attempts++;
          const context = await store.sends.context(windowId, alice, 'twice');
          await bothRead.arrive();
          if (context!.earlier) return { first: context!.earlier.id };
          const fields = message({ objectId, windowId, fromId: alice, clientMsgId: 'twice' });
          return { written: (await store.sends.append(fields, alice)).id };
        });
      const outcomes = await Promise.all([send(a, toBob, 'first'), send(b, toCarol, 'second')]);
      expect(attempts).toBe(3);
      const written = outcomes.flatMap((outcome) => ('written' in outcome ? [outcome.written] : []));
      expect(written).toHaveLength(1);
      expect(outcomes.flatMap((outcome) => ('first' in outcome ? [outcome.first] : []))).toEqual(written);
    });
  });

  describe('repositories answer as the SQLite ones do', () => {
    interface Engines {
      db: Db;
      session: PgSession;
      /** Runs one fixture statement (SQLite's `?` placeholders) on both databases. */
      both(sql: string, ...values: unknown[]): Promise<void>;
    }

    async function engines(): Promise<Engines> {
      const db = openDatabase(join(dir, `parity-${opened.length}.db`));
      opened.push(() => closeDatabase(db));
      const session = await newSession();
      await migratePostgres(session);
      return {
        db,
        session,
        async both(sql, ...values) {
          db.prepare(sql).run(...values);
          let n = 0;
          await session.run(
            sql.replace(/\?/g, () => `$${++n}`),
            values,
          );
        },
      };
    }

    /** Users 1…n, written directly (the users repository has its own test). */
    async function addUsers({ both }: Engines, n: number): Promise<void> {
      for (let id = 1; id <= n; id++)
        await both(
          "INSERT INTO users (id, username, password_hash, nickname, role, created_at) VALUES (?, ?, 'x', ?, 'MEMBER', 0)",
          id,
          `user${id}`,
          `User ${id}`,
        );
    }

    async function addWindow({ both }: Engines, id: number, kind: 'direct' | 'group', members: number[]) {
      const [low, high] = kind === 'direct' ? [members[0], members[1]] : [null, null];
      await both(
        `INSERT INTO chat_windows (id, kind, opener_id, peer_id, pair_low, pair_high, created_at, last_activity_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, 0)`,
        id,
        kind,
        members[0],
        kind === 'direct' ? members[1] : null,
        low,
        high,
      );
      for (const userId of members)
        await both(
          'INSERT INTO window_members (window_id, user_id, kind, last_activity_at, joined_at) VALUES (?, ?, ?, 0, 0)',
          id,
          userId,
          kind,
        );
    }

    async function addMessage({ both }: Engines, id: number, windowId: number, fromId: number, attachmentId?: string) {
      await both(
        `INSERT INTO chat_messages (id, object_id, window_id, from_id, body, type, attachment_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'hi', ?, ?, ?, ?)`,
        id,
        `object-${id}`,
        windowId,
        fromId,
        attachmentId ? 'IMAGE' : 'TEXT',
        attachmentId ?? null,
        id * 10,
        id * 10,
      );
    }

    // The SQLite repository's methods are called by name with the arguments the caller gives,
    // which TypeScript cannot check through the name: hence the loose function type.
    type Loose = Record<string, (...args: unknown[]) => unknown>;

    /**
     * Calls each method on both engines and expects the same answer, strictly (undefined is
     * not null, 1 is not '1'); remembers which methods were called, so a test can make sure
     * it covered them all.
     */
    function parity<Repository extends object>(sqlite: Repository, postgres: Port<Repository>) {
      const called = new Set<string>();
      const onBoth = async (method: keyof Repository & string, args: unknown[]) => {
        called.add(method);
        const fromSqlite = (sqlite as Loose)[method]!(...args);
        const fromPostgres = await (postgres as unknown as Loose)[method]!(...args);
        return { fromSqlite, fromPostgres };
      };
      return {
        async same(method: keyof Repository & string, ...args: unknown[]): Promise<unknown> {
          const { fromSqlite, fromPostgres } = await onBoth(method, args);
          expect(fromPostgres, `${method}(${JSON.stringify(args)})`).toStrictEqual(fromSqlite);
          return fromPostgres;
        },
        /** The same items, in whatever order: for an answer neither engine orders. */
        async sameItems(method: keyof Repository & string, ...args: unknown[]): Promise<void> {
          const { fromSqlite, fromPostgres } = await onBoth(method, args);
          expect([...(fromPostgres as string[])].sort(), method).toStrictEqual([...(fromSqlite as string[])].sort());
        },
        /** Both engines refuse the call (a constraint). */
        async bothFail(method: keyof Repository & string, ...args: unknown[]): Promise<void> {
          called.add(method);
          expect(() => (sqlite as Loose)[method]!(...args), method).toThrow();
          await expect((postgres as unknown as Loose)[method]!(...args), method).rejects.toThrow();
        },
        coveredAll() {
          expect([...called].sort()).toEqual(Object.keys(sqlite).sort());
        },
      };
    }

    it('users', async () => {
      const engine = await engines();
      const users = parity(createUserRepository(engine.db), createPgUserRepository(engine.session));
      await users.same('insert', newUser('Alice', '爱丽丝'));
      await users.same('insert', newUser('bob', 'Bobby'));
      await users.same('insert', newUser('li_lei', '李雷'));
      await users.same('insert', newUser('han50%', '韩梅梅'));
      await users.same('insert', newUser('back\\slash', 'Slash'));
      await users.same('byId', 1);
      await users.same('byId', 99);
      await users.same('byIds', [3, 1, 99, 1]);
      await users.same('byIds', []);
      for (const name of ['Alice', 'alice', 'ALICE', 'nobody', 'li_lei', 'LI_LEI']) {
        await users.same('byUsername', name);
        await users.same('credentials', name);
      }
      for (const term of [
        '',
        'li',
        'LI',
        'a',
        'ali',
        'ALI',
        'ice',
        '李',
        '李雷',
        '梅梅',
        'obb',
        '%',
        '_',
        '_l',
        '\\',
        'zzz',
      ])
        await users.same('search', term, 10);
      await users.same('search', '', 2);
      await users.same('search', 'b', 1);
      // Last: PostgreSQL spends an id on a refused insert, SQLite does not.
      await users.bothFail('insert', newUser('alice'));
      users.coveredAll();
    });

    it('tokens', async () => {
      const engine = await engines();
      await addUsers(engine, 3);
      const tokens = parity(createTokenRepository(engine.db), createPgTokenRepository(engine.session));
      const hash = (n: number) => Buffer.alloc(32, n);
      // Three sessions used in the same millisecond: their order must still be the same.
      await tokens.same('insert', hash(1), { id: 's1', userId: 1, client: 'web' }, 1000);
      await tokens.same('insert', hash(3), { id: 's3', userId: 1, client: 'app' }, 1000);
      await tokens.same('insert', hash(2), { id: 's2', userId: 1, client: '' }, 1000);
      await tokens.same('insert', hash(4), { id: 's4', userId: 2, client: 'web' }, 500);
      await tokens.same('byHash', hash(1));
      await tokens.same('byHash', hash(9));
      await tokens.same('withUser', hash(4));
      await tokens.same('withUser', hash(9));
      await tokens.same('byId', 's2');
      await tokens.same('byId', 'none');
      await tokens.same('ofUser', 1);
      await tokens.same('ofUser', 3);
      await tokens.same('touch', 's2', 2000);
      await tokens.same('touch', 'none', 2000);
      await tokens.same('ofUser', 1);
      await tokens.same('removeByHash', hash(3));
      await tokens.same('removeByHash', hash(3));
      await tokens.same('remove', 's4', 1);
      await tokens.same('remove', 's4', 2);
      await tokens.same('ofUser', 2);
      await tokens.same('ofUser', 1);
      await tokens.bothFail('insert', hash(1), { id: 's5', userId: 1, client: '' }, 3000);
      tokens.coveredAll();
    });

    it('attachments', async () => {
      const engine = await engines();
      await addUsers(engine, 3);
      await addWindow(engine, 1, 'direct', [1, 2]);
      const attachments = parity(createAttachmentRepository(engine.db), createPgAttachmentRepository(engine.session));
      const upload = (id: string, sha256: string, size: number, uploaderId: number, createdAt: number) => ({
        id,
        sha256,
        size,
        mime: 'image/png' as const,
        fileName: id === 'a2' ? 'cat.png' : null,
        uploaderId,
        createdAt,
      });
      await attachments.same('insert', upload('a1', 'h1', 100, 1, 1000));
      await attachments.same('insert', upload('a2', 'h1', 50, 1, 2000));
      await attachments.same('insert', upload('a3', 'h2', 7, 2, 3000));
      await addMessage(engine, 1, 1, 1, 'a2');
      await attachments.same('byId', 'a2');
      await attachments.same('byId', 'a1');
      await attachments.same('byId', 'none');
      await attachments.same('uploadedSince', 1, 0);
      await attachments.same('uploadedSince', 1, 1500);
      await attachments.same('uploadedSince', 2, 5000);
      await attachments.same('countWithContent', 'h1');
      await attachments.same('countWithContent', 'none');
      await attachments.same('sentToMember', 'a2', 2);
      await attachments.same('sentToMember', 'a2', 3);
      await attachments.same('sentToMember', 'a1', 1);
      await attachments.same('removeIfUnused', 'a2');
      await attachments.same('removeIfUnused', 'a1');
      await attachments.same('removeIfUnused', 'a1');
      await attachments.same('insert', upload('a4', 'h3', 5, 3, 500));
      await attachments.same('insert', upload('a5', 'h1', 9, 3, 600));
      // Both engines hand the deleted rows back in the order they found them: neither promises one.
      await attachments.sameItems('removeUnsentBefore', 2500);
      await attachments.same('removeUnsentBefore', 2500);
      await attachments.same('countWithContent', 'h1');
      await attachments.same('uploadedSince', 3, 0);
      attachments.coveredAll();
    });

    it('projects', async () => {
      const engine = await engines();
      await addUsers(engine, 3);
      for (const id of [1, 2, 3]) await addWindow(engine, id, 'group', [1]);
      const projects = parity(createProjectRepository(engine.db), createPgProjectRepository(engine.session));
      // Ids that sort differently by code point than in a dictionary: 'B' < 'a' < 'b'.
      await projects.same('insert', { id: 'b', name: 'Bee', ownerId: 1, windowId: 1, createdAt: 100 });
      await projects.same('insert', { id: 'a', name: 'Ant', ownerId: 1, windowId: 2, createdAt: 100 });
      await projects.same('insert', { id: 'B', name: 'Bear', ownerId: 2, windowId: 3, createdAt: 200 });
      await projects.same('addMember', 'b', 1, 'owner', 100);
      await projects.same('addMember', 'a', 1, 'owner', 100);
      await projects.same('addMember', 'B', 1, 'member', 300);
      await projects.same('addMember', 'b', 3, 'member', 150);
      await projects.same('addMember', 'b', 2, 'member', 150);
      await projects.same('addMember', 'b', 2, 'owner', 999);
      await projects.same('byId', 'a');
      await projects.same('byId', 'none');
      await projects.same('byWindow', 3);
      await projects.same('byWindow', 99);
      await projects.same('byWindows', [3, 1, 99]);
      await projects.same('byWindows', []);
      await projects.same('ofMember', 1);
      await projects.same('ofMember', 2);
      await projects.same('ofMember', 9);
      await projects.same('member', 'b', 2);
      await projects.same('member', 'b', 9);
      await projects.same('members', 'b');
      await projects.same('members', 'none');
      await projects.same('removeMember', 'b', 2);
      await projects.same('removeMember', 'b', 2);
      await projects.same('members', 'b');
      await projects.same('member', 'b', 2);
      await projects.same('ofMember', 2);
      await projects.bothFail('insert', { id: 'c', name: 'Same window', ownerId: 1, windowId: 1, createdAt: 300 });
      projects.coveredAll();
    });

    it('tasks', async () => {
      const engine = await engines();
      await addUsers(engine, 2);
      await addWindow(engine, 1, 'group', [1, 2]);
      await engine.both("INSERT INTO projects (id, name, owner_id, window_id, created_at) VALUES ('p', 'P', 1, 1, 0)");
      const tasks = parity(createTaskRepository(engine.db), createPgTaskRepository(engine.session));
      await tasks.same('insert', { id: 't2', projectId: 'p', name: 'Two', publisherId: 1, createdAt: 100 });
      await tasks.same('insert', { id: 'T1', projectId: 'p', name: 'One', publisherId: 1, createdAt: 100 });
      await tasks.same('insert', { id: 't0', projectId: 'p', name: 'Zero', publisherId: 2, createdAt: 50 });
      await tasks.same('byId', 't2');
      await tasks.same('byId', 'none');
      await tasks.same('ofProject', 'p');
      await tasks.same('ofProject', 'none');
      await tasks.same('assign', 't2', 2);
      await tasks.same('assign', 'none', 2);
      await tasks.same('byId', 't2');
      await tasks.same('ofProject', 'p');
      await tasks.bothFail('insert', { id: 't9', projectId: 'none', name: 'Orphan', publisherId: 1, createdAt: 1 });
      tasks.coveredAll();
    });

    it('invitations', async () => {
      const engine = await engines();
      const { both } = engine;
      await addUsers(engine, 3);
      await addWindow(engine, 1, 'group', [1]);
      await both("INSERT INTO projects (id, name, owner_id, window_id, created_at) VALUES ('p', 'P', 1, 1, 0)");
      await both("INSERT INTO tasks (id, project_id, name, publisher_id, created_at) VALUES ('t', 'p', 'T', 1, 0)");
      for (const id of ['o1', 'o2', 'o3', 'o4'])
        await both(
          `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, created_at)
           VALUES (?, 2, 4, 'invited', '{}', 0, 0)`,
          id,
        );
      await both(
        `INSERT INTO notifications (id, user_id, title, content, type, subtype, created_at, updated_at)
         VALUES (1, 1, 'Declined', 'They said no', 4, 1, 0, 0)`,
      );
      const invitations = parity(createInvitationRepository(engine.db), createPgInvitationRepository(engine.session));
      // The badge numbers count the pending invitations.
      const badges = parity(createBadgeRepository(engine.db), createPgBadgeRepository(engine.session));
      const invitation = (taskId: string | null, inviteeId: number, offlineMessageId: string, createdAt: number) => ({
        kind: taskId ? ('task' as const) : ('project' as const),
        projectId: 'p',
        taskId,
        inviterId: 1,
        inviteeId,
        remark: taskId ? '' : 'join us',
        offlineMessageId,
        createdAt,
      });
      await invitations.same('insert', invitation(null, 2, 'o1', 100));
      await invitations.same('insert', invitation('t', 2, 'o2', 110));
      await invitations.same('insert', invitation('t', 3, 'o3', 120));
      await invitations.same('byId', 1);
      await invitations.same('byId', 99);
      await invitations.same('byOfflineMessage', 'o2');
      await invitations.same('byOfflineMessage', 'none');
      await invitations.same('pendingFor', 'project', 'p', null, 2);
      await invitations.same('pendingFor', 'task', 'p', 't', 3);
      await invitations.same('pendingFor', 'task', 'p', null, 2);
      await invitations.same('pendingForTask', 't');
      expect(await badges.same('of', 2, [])).toMatchObject({ invitationsPending: 2 });
      await badges.same('of', 1, []);
      await invitations.same('settle', 1, 'declined', 200, 1);
      await invitations.same('byId', 1);
      await invitations.same('pendingFor', 'project', 'p', null, 2);
      await invitations.same('settle', 1, 'pending', null);
      await invitations.same('byId', 1);
      await invitations.same('settle', 2, 'taken', 300, null);
      await invitations.same('pendingForTask', 't');
      await invitations.same('pendingForTask', 'none');
      await invitations.same('ofProject', 'p');
      await invitations.same('ofProject', 'none');
      expect(await badges.same('of', 2, [])).toMatchObject({ invitationsPending: 1 });
      // A second pending invitation of the same person to the same project.
      await invitations.bothFail('insert', invitation(null, 2, 'o4', 400));
      invitations.coveredAll();
      badges.coveredAll();
    });

    it('offline messages', async () => {
      const engine = await engines();
      await addUsers(engine, 3);
      await addWindow(engine, 1, 'direct', [1, 2]);
      await addWindow(engine, 2, 'group', [1, 2, 3]);
      await addMessage(engine, 1, 1, 1);
      await addMessage(engine, 2, 2, 1);
      await addMessage(engine, 3, 2, 1);
      const sqliteOffline = createOfflineMessageRepository(engine.db);
      const pgOffline = createPgOfflineMessageRepository(engine.session);
      const offline = parity(sqliteOffline, pgOffline);
      const copy = (id: string, userId: number, chatMessageId: number | null, createdAt: number) => ({
        id,
        userId,
        type: chatMessageId === null ? OfflineType.projectInvitation : OfflineType.groupMessage,
        text: `text of ${id}`,
        extraInfo: chatMessageId === null ? { projectId: 'p', inviter: '1' } : { windowId: '2' },
        dealt: false,
        chatMessageId,
        createdAt,
      });
      await offline.same('insert', copy('oa', 2, 1, 100));
      // Message 2's copies go to user 3 before user 2.
      await offline.same('insert', copy('ob', 3, 2, 110));
      await offline.same('insert', copy('oc', 2, 2, 110));
      await offline.same('insert', copy('od', 2, null, 120));
      await offline.same('insert', copy('oe', 3, 3, 130));
      await offline.same('insert', copy('of', 2, 3, 130));
      await offline.same('byId', 'oa');
      await offline.same('byId', 'od');
      await offline.same('byId', 'none');
      await offline.same('undelivered', 2, 10);
      await offline.same('undelivered', 2, 2);
      await offline.same('undeliveredCount', 'user2');
      await offline.same('undeliveredCount', 'USER2');
      await offline.same('undeliveredCount', 'user1');
      await offline.same('undeliveredCount', 'nobody');
      // Asked for at once, PostgreSQL's counts share one statement; each is what it is alone.
      const asked = ['user2', 'USER3', 'nobody', 'user1', 'user2', 'User2'];
      expect(await Promise.all(asked.map((name) => pgOffline.undeliveredCount(name)))).toEqual(
        asked.map((name) => sqliteOffline.undeliveredCount(name)),
      );
      await offline.same('history', 2, Number.MAX_SAFE_INTEGER, 10);
      await offline.same('history', 2, 4, 1);
      await offline.same('markDeliveredUpTo', 2, 1, 500);
      await offline.same('undelivered', 2, 10);
      await offline.same('markDeliveredForChatMessage', 3, 2, 600);
      await offline.same('markDeliveredForRead', 3, 2, 3, 700);
      await offline.same('undelivered', 3, 10);
      await offline.same('undeliveredCount', 'user3');
      await offline.same('setDealt', 'od');
      await offline.same('byId', 'od');
      await offline.same('setDealt', 'od', false);
      await offline.same('byId', 'od');
      await offline.same('rewriteText', 2, 'recalled');
      await offline.same('history', 3, Number.MAX_SAFE_INTEGER, 10);
      await offline.same('insert', copy('og', 1, 2, 140));
      await offline.same('withdrawUndelivered', 2);
      await offline.same('withdrawUndelivered', 99);
      await offline.same('history', 2, Number.MAX_SAFE_INTEGER, 10);
      await offline.bothFail('insert', copy('oa', 3, 1, 150));
      offline.coveredAll();
    });
  });
});

function newUser(username: string, nickname = username): NewUser {
  return { username, passwordHash: 'hash', nickname, avatar: '', role: 'MEMBER', createdAt: 1000 };
}
