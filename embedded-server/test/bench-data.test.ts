import { MENTION_RECOUNT, UNREAD_COUNTER_RECOUNT } from './recounts.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/dataset/generate.js';
import { tokenOf, type BenchManifest } from '../../bench/dataset/manifest.js';
import { latestSchemaVersion } from '../src/db/migrations/index.js';
import { closeDatabase, openDatabase } from '../src/db/open.js';
import { HEX_ID, OBJECT_ID, OFFLINE_ID } from '../src/domain/ids.js';
import { readEndpoints } from '../../bench/scenarios/read-endpoints.js';
import { NOTIFICATION_SUBTYPES } from '../src/contract/enums.js';
import { DATABASE_FILE, startServer, type RunningServer } from '../src/server.js';

/**
 * The benchmark's dataset generator writes rows straight into the store, around the
 * domain: the server must open what it writes, and every counter it sets must equal a
 * recount from the rows, as if the server had written them itself.
 */
let dir: string;
let manifest: BenchManifest;
let db: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'messenger-bench-data-'));
  manifest = await generateDataset({ out: dir, users: 40, messages: 3000, notifications: 400, seed: 7 });
  db = new Database(join(dir, DATABASE_FILE), { readonly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const all = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const n = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

describe('the generated store', () => {
  it('is a sound database at the latest schema, in WAL mode, with every reference resolving', () => {
    expect(one<{ integrity_check: string }>('PRAGMA integrity_check').integrity_check).toBe('ok');
    expect(all('PRAGMA foreign_key_check')).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(n('SELECT count(*) AS n FROM chat_messages')).toBe(3000);
    expect(n('SELECT count(*) AS n FROM notifications')).toBe(400);
    expect(n('SELECT count(*) AS n FROM users')).toBe(40);
  });

  it('has the schema the migrations made: the same tables, indexes and triggers', () => {
    const reference = join(dir, 'reference.db');
    closeDatabase(openDatabase(reference));
    const schemaOf = (file: string) => {
      const handle = new Database(file, { readonly: true });
      try {
        return handle.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
      } finally {
        handle.close();
      }
    };
    expect(schemaOf(join(dir, DATABASE_FILE))).toEqual(schemaOf(reference));
  });

  it('keeps every chat unread counter equal to a recount, for direct and group windows', () => {
    const drift = all<{ unread_count: number; recount: number }>(UNREAD_COUNTER_RECOUNT);
    expect(drift.length).toBeGreaterThan(50);
    expect(drift.filter((row) => row.unread_count !== row.recount)).toEqual([]);
    expect(drift.some((row) => row.unread_count > 0)).toBe(true);
  });

  it('reads one-to-one messages as a prefix: read up to the cursor, unread after it', () => {
    expect(
      n(
        `SELECT count(*) AS n FROM chat_messages c JOIN window_members m ON m.window_id = c.window_id AND m.user_id = c.to_id
         WHERE (c.id <= m.read_up_to) <> (c.read_at IS NOT NULL)`,
      ),
    ).toBe(0);
    // Read means delivered; delivered and read times never come before sending.
    expect(n('SELECT count(*) AS n FROM chat_messages WHERE read_at IS NOT NULL AND delivered_at IS NULL')).toBe(0);
    expect(n('SELECT count(*) AS n FROM chat_messages WHERE delivered_at < created_at OR read_at < created_at')).toBe(
      0,
    );
    expect(n('SELECT count(*) AS n FROM chat_messages WHERE updated_at <> ifnull(read_at, created_at)')).toBe(0);
    // Group messages are read and delivered through the members' cursors only.
    expect(
      n(
        'SELECT count(*) AS n FROM chat_messages WHERE to_id IS NULL AND (read_at IS NOT NULL OR delivered_at IS NOT NULL)',
      ),
    ).toBe(0);
    expect(
      n(
        `SELECT count(*) AS n FROM window_members m JOIN chat_windows w ON w.id = m.window_id
         WHERE m.read_up_to < m.joined_after OR m.delivered_up_to < m.read_up_to
            OR (w.kind = 'direct' AND m.delivered_up_to <> m.read_up_to)`,
      ),
    ).toBe(0);
  });

  it('keeps each window’s last message and activity, and each member’s, as sending would', () => {
    expect(
      n(
        `SELECT count(*) AS n FROM chat_windows w
         WHERE w.last_message_id IS NOT (SELECT max(id) FROM chat_messages WHERE window_id = w.id)
            OR w.last_activity_at <> ifnull((SELECT created_at FROM chat_messages WHERE id = w.last_message_id), w.created_at)`,
      ),
    ).toBe(0);
    expect(
      n(
        `SELECT count(*) AS n FROM window_members m
         WHERE m.last_activity_at <> ifnull(
           (SELECT max(created_at) FROM chat_messages c WHERE c.window_id = m.window_id AND c.id > m.joined_after),
           m.joined_at)`,
      ),
    ).toBe(0);
    // Nobody writes in a group before joining it.
    expect(
      n(
        `SELECT count(*) AS n FROM chat_messages c LEFT JOIN window_members m ON m.window_id = c.window_id AND m.user_id = c.from_id
         WHERE m.user_id IS NULL OR c.id <= m.joined_after`,
      ),
    ).toBe(0);
    expect(
      n("SELECT count(*) AS n FROM chat_windows WHERE kind = 'direct' AND (pair_low >= pair_high OR peer_id IS NULL)"),
    ).toBe(0);
  });

  it('keeps offline copies in step with delivery: a message not yet delivered waits as an offline message', () => {
    // One-to-one: undelivered messages and undelivered copies are the same set.
    expect(
      n(
        `SELECT count(*) AS n FROM chat_messages c
         WHERE c.to_id IS NOT NULL AND (c.delivered_at IS NULL) <> EXISTS (
           SELECT 1 FROM offline_messages o WHERE o.chat_message_id = c.id AND o.delivered_at IS NULL)`,
      ),
    ).toBe(0);
    // Groups: a member's copy is undelivered exactly when their delivery cursor is behind it.
    expect(
      n(
        `SELECT count(*) AS n FROM offline_messages o JOIN chat_messages c ON c.id = o.chat_message_id
         JOIN window_members m ON m.window_id = c.window_id AND m.user_id = o.user_id
         WHERE c.to_id IS NULL AND (o.delivered_at IS NULL) <> (m.delivered_up_to < c.id)`,
      ),
    ).toBe(0);
    expect(
      n(
        `SELECT count(*) AS n FROM chat_messages c JOIN window_members m ON m.window_id = c.window_id
         WHERE c.to_id IS NULL AND m.user_id <> c.from_id AND c.id > m.joined_after AND c.id > m.delivered_up_to
           AND NOT EXISTS (SELECT 1 FROM offline_messages o WHERE o.chat_message_id = c.id AND o.user_id = m.user_id)`,
      ),
    ).toBe(0);
    expect(n('SELECT count(*) AS n FROM offline_messages WHERE delivered_at IS NULL')).toBeGreaterThan(0);
    expect(n('SELECT count(*) AS n FROM offline_messages WHERE delivered_at < created_at')).toBe(0);
  });

  it('has offline messages of every type, written as the server writes them', () => {
    const types = all<{ type: number }>('SELECT DISTINCT type FROM offline_messages ORDER BY type').map((r) => r.type);
    expect(types).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const row of all<{ id: string; extra_info: string; type: number; dealt: number }>(
      'SELECT id, extra_info, type, dealt FROM offline_messages',
    )) {
      expect(row.id).toMatch(OFFLINE_ID);
      expect(() => JSON.parse(row.extra_info)).not.toThrow();
      if (row.type !== 4 && row.type !== 7) expect(row.dealt).toBe(1);
    }
    const privateMessage = one<{ text: string; extra_info: string }>(
      'SELECT text, extra_info FROM offline_messages WHERE type = 0 LIMIT 1',
    );
    expect(privateMessage.text).toMatch(/给你发来一条私信: /);
    expect(Object.keys(JSON.parse(privateMessage.extra_info))).toEqual(['fromId', 'fromName', 'cId', 'messageId']);
    const invitation = JSON.parse(
      one<{ e: string }>('SELECT extra_info AS e FROM offline_messages WHERE type = 4 LIMIT 1').e,
    );
    expect(Object.keys(invitation)).toEqual(['invitor', 'invitorAvatar', 'invitorName', 'projectId', 'remark']);
    expect(invitation.projectId).toMatch(HEX_ID);
    for (const row of all<{ object_id: string }>('SELECT object_id FROM chat_messages LIMIT 50'))
      expect(row.object_id).toMatch(OBJECT_ID);
  });

  it('has pending invitations that match the undealt invitation messages, the reader’s among them', () => {
    expect(n("SELECT count(*) AS n FROM invitations WHERE state = 'pending'")).toBe(
      n('SELECT count(*) AS n FROM offline_messages WHERE type IN (4, 7) AND dealt = 0'),
    );
    expect(
      n(
        `SELECT count(*) AS n FROM invitations i JOIN offline_messages o ON o.id = i.offline_message_id
         WHERE (i.state = 'pending') <> (o.dealt = 0) OR o.user_id <> i.invitee_id`,
      ),
    ).toBe(0);
    expect(n("SELECT count(*) AS n FROM invitations WHERE state = 'pending' AND invitee_id = 1")).toBeGreaterThan(0);
    // A pending project invitation never goes to a member; accepted ones made members.
    expect(
      n(
        `SELECT count(*) AS n FROM invitations i JOIN project_members m ON m.project_id = i.project_id AND m.user_id = i.invitee_id
         WHERE i.kind = 'project' AND i.state = 'pending'`,
      ),
    ).toBe(0);
  });

  it('keeps the inbox counters equal to a recount, with every type and subtype in all three states', () => {
    const drift = all(
      `SELECT * FROM (
         SELECT user_id, type, status, count(*) AS n FROM notifications GROUP BY user_id, type, status
       ) r FULL OUTER JOIN (SELECT * FROM inbox_counters WHERE n <> 0) c
         ON c.user_id = r.user_id AND c.type = r.type AND c.status = r.status
       WHERE r.n IS NOT c.n`,
    );
    expect(drift).toEqual([]);
    const kinds = new Set(
      all<{ k: string }>("SELECT DISTINCT type || ':' || subtype || ':' || status AS k FROM notifications").map(
        (r) => r.k,
      ),
    );
    for (const [type, subtypes] of Object.entries(NOTIFICATION_SUBTYPES))
      for (const subtype of subtypes)
        for (const status of [0, 1, 2]) expect(kinds).toContain(`${type}:${subtype}:${status}`);
    // Read ones carry their read time (also the last change); to-do ones a change time; unread ones no read time.
    expect(
      n('SELECT count(*) AS n FROM notifications WHERE status = 1 AND (read_at IS NULL OR updated_at <> read_at)'),
    ).toBe(0);
    expect(n('SELECT count(*) AS n FROM notifications WHERE status <> 1 AND read_at IS NOT NULL')).toBe(0);
    expect(n('SELECT count(*) AS n FROM notifications WHERE status = 2 AND updated_at IS NULL')).toBe(0);
    expect(n('SELECT count(*) AS n FROM notifications WHERE updated_at < created_at')).toBe(0);
  });

  it('indexes every message and notification for search', () => {
    expect(() =>
      db.prepare('SELECT * FROM chat_messages_fts WHERE chat_messages_fts MATCH \'"好的"\' LIMIT 1').all(),
    ).not.toThrow();
    const writable = new Database(join(dir, DATABASE_FILE));
    try {
      for (const table of ['chat_messages_fts', 'notifications_fts', 'users_fts'])
        expect(() => writable.exec(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`)).not.toThrow();
    } finally {
      writable.close();
    }
    expect(n('SELECT count(*) AS n FROM users_fts')).toBe(40);
  });
});

describe('the server on the generated folder', () => {
  let server: RunningServer;
  const get = async (path: string, token: string) => {
    const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- replies are read field by field
  };

  beforeAll(async () => {
    server = await startServer({
      dataDir: dir,
      port: 0,
      host: '127.0.0.1',
      demo: false,
      appToken: null,
      appId: manifest.appId,
      allowReset: false,
      rateLimit: 0,
      sendRate: 0,
      uploadQuotaMiB: 0,
      allowedHosts: [],
      logLevel: 'silent',
    });
  });
  afterAll(() => server?.close());

  it('uses the app token of the folder and the tokens of bench.json', async () => {
    expect(server.appToken).toBe(readFileSync(join(dir, 'app-token'), 'utf8').trim());
    const reader = manifest.reader;
    const me = await get('/api/me', reader.token);
    expect(me.status).toBe(200);
    expect(me.body.data.userName).toBe(reader.username);
    const count = await get(`/app-id/JH/users/${reader.username}/offline_msg_count`, manifest.appToken);
    expect(count.status).toBe(200);
    expect(count.body.data[reader.username]).toBe(
      n('SELECT count(*) AS n FROM offline_messages WHERE user_id = ? AND delivered_at IS NULL', reader.id),
    );
  });

  it('logs every generated user in with the shared password', async () => {
    for (const username of ['user00001', 'user00040']) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: manifest.password }),
      });
      expect(response.status).toBe(200);
    }
  });

  it('answers the badge counts from its counters with the same numbers as a recount', async () => {
    const reader = manifest.reader;
    const counts = (await get('/api/counts', reader.token)).body.data;
    expect(counts).toEqual({
      chatUnread: n(
        `SELECT count(*) AS n FROM chat_messages c JOIN window_members m ON m.window_id = c.window_id AND m.user_id = ?
         JOIN chat_windows w ON w.id = c.window_id
         WHERE CASE w.kind WHEN 'direct' THEN c.to_id = m.user_id AND c.read_at IS NULL
                           ELSE c.from_id <> m.user_id AND c.id > m.read_up_to AND c.type <> 'SYSTEM' END`,
        reader.id,
      ),
      chatMentions: n(MENTION_RECOUNT, reader.id),
      inboxUnread: n('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND status = 0', reader.id),
      inboxTodo: n('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND status = 2', reader.id),
      invitationsPending: n(
        "SELECT count(*) AS n FROM invitations WHERE invitee_id = ? AND state = 'pending'",
        reader.id,
      ),
      inbox: expect.objectContaining({
        read: n('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND status = 1', reader.id),
      }),
      windows: [],
    });
    expect(counts.inbox).toMatchObject({ unread: counts.inboxUnread, todo: counts.inboxTodo });
    expect(counts.chatUnread).toBeGreaterThan(0);
  });

  it('gives the inbox backlog all of its notifications unread, a twentieth of them all', async () => {
    const { userId, unread } = manifest.inboxBacklog;
    expect(unread).toBe(400 / 20);
    expect(n('SELECT count(*) AS n FROM notifications WHERE user_id = ?', userId)).toBe(unread);
    const counts = (await get('/api/counts', tokenOf(manifest, userId))).body.data;
    expect(counts.inboxUnread).toBe(unread);
  });

  it('serves every endpoint the benchmark measures', async () => {
    const { reader, probes, busyWindows } = manifest;
    for (const endpoint of readEndpoints(manifest)) {
      const response = await fetch(server.url + endpoint.path, { headers: endpoint.headers });
      expect(response.status, endpoint.route).toBe(200);
    }
    const search = await get(`/api/search?q=${encodeURIComponent(manifest.searchTerms[0]!.term)}`, reader.token);
    expect(search.status).toBe(200);
    const im = readEndpoints(manifest).find((e) => e.key === 'im-poll')!;
    expect((await get(im.path, reader.token)).body.data).toHaveLength(10);
    const busiest = busyWindows[0]!;
    const history = (
      await get(`/api/chat/${busiest.id}/messages?before=${probes.historyBefore}&limit=50`, reader.token)
    ).body.data;
    expect(history).toHaveLength(50);
    const windows = (await get('/api/chat?type=all&pageSize=100', reader.token)).body.data;
    expect(windows.total).toBe(
      n("SELECT count(*) AS n FROM window_members WHERE user_id = ? AND kind = 'direct'", reader.id),
    );
    expect(windows.list[0].unread).toBe(
      n(
        'SELECT unread_count AS n FROM window_members WHERE window_id = ? AND user_id = ?',
        windows.list[0].id,
        reader.id,
      ),
    );
    const unread = (await get('/message/unread', reader.token)).body.errdata.data;
    expect(unread.length).toBe(
      n('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND status = 0', reader.id),
    );
  });
});
