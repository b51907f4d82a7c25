import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Nothing acknowledged is ever lost: clients write while the server is killed with
 * SIGKILL at random moments, again and again; after each restart every write the
 * server acknowledged is there exactly once, and the store is consistent.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const APP_TOKEN = 'crash-test-app-token-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'messenger-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    // The writers send back to back, faster than a person: the per-user send limit is raised.
    [
      ...['--import', 'tsx', 'embedded-server/src/cli.ts', '--data-dir', dataDir, '--port', '0'],
      ...['--app-token', APP_TOKEN, '--send-rate', '10000'],
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: JSON.parse(line).url, child }));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

async function post(url: string, path: string, token: string, body: unknown): Promise<Response | null> {
  try {
    return await fetch(url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return null; // the server died under this request: not acknowledged
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number) {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

describe('crash durability', () => {
  it('keeps every acknowledged write exactly once across 12 SIGKILLs', async () => {
    const random = prng(7);
    let { url, child } = await startServer();
    const users: { token: string; id: number }[] = [];
    for (const name of ['crash_a', 'crash_b', 'crash_c']) {
      const reply = await fetch(`${url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: name, password: 'password-123', nickname: name }),
      });
      const { data } = (await reply.json()) as { data: { token: string; user: { id: number } } };
      users.push({ token: data.token, id: data.user.id });
    }
    const windows: { cId: number; from: number }[] = [];
    for (const [from, to] of [
      [0, 1],
      [1, 2],
      [2, 0],
    ] as const) {
      const reply = await post(url, '/api/chat', users[from]!.token, { toId: users[to]!.id });
      windows.push({ cId: ((await reply!.json()) as { data: { id: number } }).data.id, from });
    }

    const acknowledgedMessages = new Set<string>();
    const acknowledgedNotifications = new Set<string>();
    /** Sends that got no answer: retried after the restart with the same clientMsgId. */
    let unanswered: { window: (typeof windows)[number]; clientMsgId: string }[] = [];
    let sequence = 0;

    for (let crash = 0; crash < 12; crash++) {
      const current = url;
      let running = true;
      const send = async (window: (typeof windows)[number], clientMsgId: string) => {
        const reply = await post(current, `/api/chat/${window.cId}/messages`, users[window.from]!.token, {
          message: `durable ${clientMsgId}`,
          type: 'TEXT',
          clientMsgId,
        });
        if (reply?.ok) acknowledgedMessages.add(`${users[window.from]!.id}:${clientMsgId}`);
        else unanswered.push({ window, clientMsgId });
      };
      const retries = unanswered;
      unanswered = [];
      const writers = [
        ...retries.map(({ window, clientMsgId }) => send(window, clientMsgId)),
        ...windows.map(async (window) => {
          while (running) await send(window, `m-${sequence++}`);
        }),
        (async () => {
          while (running) {
            const title = `durable notice ${sequence++}`;
            const reply = await post(current, '/message/create', APP_TOKEN, {
              title,
              type: 7,
              subtype: 0,
              content: 'x',
              params: null,
              user_id: users[0]!.id,
            });
            if (reply?.ok) acknowledgedNotifications.add(title);
          }
        })(),
      ];
      await new Promise((resolve) => setTimeout(resolve, 80 + random() * 250));
      child.kill('SIGKILL');
      running = false;
      await Promise.all(writers);
      ({ url, child } = await startServer());
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    expect(acknowledgedMessages.size).toBeGreaterThan(100);
    console.info(
      `crash durability: 12 kills; ${acknowledgedMessages.size} messages and ${acknowledgedNotifications.size} notifications acknowledged`,
    );
    const db = new Database(join(dataDir, 'messenger.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = db
        .prepare(
          'SELECT from_id AS fromId, client_msg_id AS clientMsgId, count(*) AS n FROM chat_messages GROUP BY 1, 2',
        )
        .all() as { fromId: number; clientMsgId: string; n: number }[];
      expect(stored.filter((row) => row.n !== 1)).toEqual([]);
      const storedKeys = new Set(stored.map((row) => `${row.fromId}:${row.clientMsgId}`));
      expect([...acknowledgedMessages].filter((key) => !storedKeys.has(key))).toEqual([]);
      const titles = new Set(
        (db.prepare('SELECT title FROM notifications').all() as { title: string }[]).map((row) => row.title),
      );
      expect([...acknowledgedNotifications].filter((title) => !titles.has(title))).toEqual([]);
      const drift = db
        .prepare(
          `SELECT m.window_id FROM window_members m
           WHERE m.unread_count <> (SELECT count(*) FROM chat_messages c
                                    WHERE c.window_id = m.window_id AND c.to_id = m.user_id AND c.read_at IS NULL)`,
        )
        .all();
      expect(drift).toEqual([]);
      const inboxDrift = db
        .prepare(
          `SELECT c.* FROM inbox_counters c WHERE c.n <> (SELECT count(*) FROM notifications n
             WHERE n.user_id = c.user_id AND n.type = c.type AND n.status = c.status)`,
        )
        .all();
      expect(inboxDrift).toEqual([]);
      const offline = db
        .prepare(
          `SELECT count(*) AS n FROM chat_messages c
           WHERE NOT EXISTS (SELECT 1 FROM offline_messages o WHERE o.chat_message_id = c.id)`,
        )
        .get();
      expect(offline).toEqual({ n: 0 }); // nobody was connected: every message has its offline copy
    } finally {
      db.close();
    }
  }, 120_000);
});
