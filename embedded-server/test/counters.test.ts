import { INBOX_COUNTER_DRIFT, INVITATION_DEALT_DRIFT, MENTION_RECOUNT, UNREAD_COUNTER_RECOUNT } from './recounts.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, storeRows, startTestServer, type TestServer } from './harness.js';
import { RealtimeClient } from './realtime-client.js';

/**
 * Counters are the truth: after hundreds of random sends, reads, inbox changes and
 * invitation answers from several users, every counter and badge must equal a recount
 * from the rows.
 */
let t: TestServer;
interface Player {
  token: string;
  user: { id: number; userName: string };
}
let players: Player[] = [];

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

beforeAll(async () => {
  t = await startTestServer();
  players = [];
  for (const name of ['ann', 'ben', 'cat', 'dan']) players.push(await t.signUp(name));
});
afterAll(() => t.close());

const rows = <T>(sql: string, ...params: unknown[]) => storeRows<T>(t.server, sql, ...params);

/** Pages through a list by its id cursor (`before`), newest page first, until it runs out. */
async function everyPage<T extends { id: number }>(page: (before: string) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let before = ''; ;) {
    const items = await page(before);
    all.push(...items);
    if (items.length < 100) return all;
    before = `&before=${Math.min(...items.map((item) => item.id))}`;
  }
}

const everyNotification = (token: string) =>
  everyPage<{ id: number; status: string; type: number }>(
    async (before) => (await t.get(`/message/list?limit=100${before}`, token)).body.errdata.data,
  );

const everyMessage = (cId: number, token: string) =>
  everyPage<{ id: number; toId: number; status: boolean }>(
    async (before) => (await t.get(`/api/chat/${cId}/messages?limit=100${before}`, token)).body.data,
  );

describe('counters against a recount', () => {
  it('agree after 3,000 random operations', async () => {
    const random = prng(20261122);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const project = (await t.post('/api/projects', { name: '计数项目' }, players[0]!.token)).body.data;
    const windows: number[] = [project.cId];
    let sent = 0;
    // Half the players watch live: their last `counts` frame must end up equal to the recount.
    const watchers = new Map<Player, RealtimeClient>();
    for (const player of players.slice(0, 2)) watchers.set(player, await RealtimeClient.connect(t.url, player.token));

    for (let step = 0; step < 3000; step++) {
      const actor = pick(players);
      const roll = random();
      if (roll < 0.3) {
        const other = pick(players.filter((p) => p !== actor));
        const window = (await t.post('/api/chat', { toId: other.user.id }, actor.token)).body.data.id;
        if (!windows.includes(window)) windows.push(window);
        await t.post(
          `/api/chat/${window}/messages`,
          { message: `消息 ${step}`, type: 'TEXT', clientMsgId: `c${step}` },
          actor.token,
        );
        sent++;
      } else if (roll < 0.4) {
        await t.post(
          `/api/chat/${project.cId}/messages`,
          { message: `群 ${step}`, type: 'TEXT', clientMsgId: `g${step}` },
          actor.token,
        );
      } else if (roll < 0.5) {
        const window = pick(windows);
        const history = await t.get(`/api/chat/${window}/messages?limit=100`, actor.token);
        if (history.status !== 200 || history.body.data.length === 0) continue;
        const upTo = pick(history.body.data as { id: number }[]).id;
        expect((await t.post(`/api/chat/${window}/read`, { upTo }, actor.token)).status).toBe(200);
      } else if (roll < 0.65) {
        const type = 1 + Math.floor(random() * 7);
        const subtype = { 1: 1, 2: 0, 3: 1, 4: 2, 5: 3, 6: 5, 7: 0 }[type]!;
        await t.post(
          '/message/create',
          { title: `通知 ${step}`, type, subtype, content: '', params: null, user_id: actor.user.id },
          APP_TOKEN,
        );
      } else if (roll < 0.85) {
        const list = (await t.get('/message/list?limit=50', actor.token)).body.errdata.data as { id: number }[];
        if (list.length === 0) continue;
        const action = pick(['setread', 'settodo', 'setunread']);
        expect((await t.get(`/message/${action}/${pick(list).id}`, actor.token)).status).toBe(200);
      } else if (roll < 0.88) {
        await t.post('/message/setread/all', random() < 0.5 ? {} : { type: 1 + Math.floor(random() * 7) }, actor.token);
      } else if (roll < 0.94) {
        const invitee = pick(players.filter((p) => p !== players[0]));
        await t.post(
          `/api/projects/${project.id}/invitations`,
          { userId: invitee.user.id, remark: '' },
          players[0]!.token,
        );
        const pending = (await t.get('/offlineMessages/history?limit=100', invitee.token)).body.messages.filter(
          (m: { type: number; dealt: boolean }) => m.type === 4 && !m.dealt,
        );
        if (pending.length > 0 && random() < 0.7)
          await t.post(
            `/offlineMessages/${pending[0].id}/${random() < 0.7 ? 'accept' : 'decline'}`,
            undefined,
            invitee.token,
          );
      } else if (roll < 0.97) {
        await t.get('/offlineMessages', actor.token);
      } else if (actor !== players[0]) {
        await t.post(`/api/projects/${project.id}/leave`, undefined, actor.token);
      }
    }
    expect(sent).toBeGreaterThan(500);

    // Chat: every member's unread counter equals the unread messages addressed to them.
    const drift = await rows<{ unread_count: number; recount: number }>(UNREAD_COUNTER_RECOUNT);
    expect(drift.length).toBeGreaterThan(3);
    expect(drift.filter((row) => row.unread_count !== row.recount)).toEqual([]);

    // Inbox: the counter table equals a GROUP BY over the notifications.
    expect(await rows(INBOX_COUNTER_DRIFT)).toEqual([]);
    expect(await rows(INVITATION_DEALT_DRIFT)).toEqual([]);

    for (const player of players) {
      // Badge numbers over HTTP equal what the lists hold.
      const counts = (await t.get('/message/count', player.token)).body.errdata.data;
      const all = await everyNotification(player.token);
      expect(counts.unread).toBe(all.filter((n) => n.status === '0').length);
      expect(counts.todo).toBe(all.filter((n) => n.status === '2').length);
      expect(counts.read).toBe(all.filter((n) => n.status === '1').length);
      for (const type of [1, 2, 3, 4, 5, 6, 7])
        expect(counts.byType[String(type)].unread).toBe(all.filter((n) => n.status === '0' && n.type === type).length);

      const windows = (await t.get('/api/chat?type=all&pageSize=100', player.token)).body.data.list as {
        id: number;
        unread: number;
      }[];
      for (const window of windows) {
        const history = await everyMessage(window.id, player.token);
        expect(window.unread).toBe(history.filter((m) => m.toId === player.user.id && !m.status).length);
      }

      // The badge numbers the real-time channel sends equal the recounts.
      const badges = (await t.get('/api/counts', player.token)).body.data;
      const [unreadMessages] = await rows<{ n: number }>(
        `SELECT count(*) AS n FROM chat_messages c JOIN window_members m ON m.window_id = c.window_id AND m.user_id = ?
           JOIN chat_windows w ON w.id = c.window_id
           WHERE CASE w.kind WHEN 'direct' THEN c.to_id = m.user_id AND c.read_at IS NULL
                             ELSE c.from_id <> m.user_id AND c.id > m.read_up_to AND c.type <> 'SYSTEM' END`,
        player.user.id,
      );
      const [pendingInvitations] = await rows<{ n: number }>(
        "SELECT count(*) AS n FROM invitations WHERE invitee_id = ? AND state = 'pending'",
        player.user.id,
      );
      expect(badges).toEqual({
        chatUnread: unreadMessages!.n,
        chatMentions: (await rows<{ n: number }>(MENTION_RECOUNT, player.user.id))[0]!.n,
        inboxUnread: counts.unread,
        inboxTodo: counts.todo,
        invitationsPending: pendingInvitations!.n,
        inbox: counts,
        windows: [],
      });
      const watcher = watchers.get(player);
      if (watcher) {
        // A pong comes after every frame sent before it on the same socket.
        watcher.send({ type: 'ping' });
        await watcher.next('pong');
        // The frame also names the windows whose unread count it moved; the totals must match.
        expect(watcher.all('counts').at(-1)!.data).toEqual({ ...badges, windows: expect.any(Array) });
        await watcher.close();
      }

      // Offline: the agora count is exactly what GET /offlineMessages hands over.
      const count = (await t.get(`/app-id/JH/users/${player.user.userName}/offline_msg_count`, APP_TOKEN)).body.data;
      const handed = (await t.get('/offlineMessages', player.token)).body.messages;
      expect(handed.length).toBe(count[player.user.userName]);
    }

    // Invitations: pending ones are exactly the invitation messages not yet dealt with.
    const pending = await rows("SELECT count(*) AS n FROM invitations WHERE state = 'pending'");
    const undealt = await rows('SELECT count(*) AS n FROM offline_messages WHERE type IN (4, 7) AND dealt = 0');
    expect(pending).toEqual(undealt);
  }, 120_000); // 3,000 operations one after another: a busy machine can take a while
});
