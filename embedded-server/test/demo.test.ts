import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/seed/demo-scenario.js';
import { storeRows, startTestServer, type TestServer } from './harness.js';
import { demoStartingState, windowHistory } from './demo-state.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

const rows = <T>(sql: string) => storeRows<T>(t.server, sql);

describe('the demo workspace', () => {
  it('has the README’s log-ins, one of them a SALER', async () => {
    for (const { username, role } of DEMO_USERS) {
      const reply = await t.post('/api/auth/login', { username, password: DEMO_PASSWORD });
      expect(reply.status, username).toBe(200);
      expect(reply.body.data.user.role).toBe(role);
    }
    expect(DEMO_USERS.some((u) => u.role === 'SALER')).toBe(true);
  });

  it('gives every user notifications of all seven types, in all three states', async () => {
    const combos = await rows<{ user_id: number; types: number; states: number }>(
      'SELECT user_id, count(DISTINCT type) AS types, count(DISTINCT status) AS states FROM notifications GROUP BY user_id',
    );
    expect(combos).toHaveLength(DEMO_USERS.length);
    for (const combo of combos) expect(combo).toMatchObject({ types: 7, states: 3 });
    const pairs = await rows<{ n: number }>(
      'SELECT count(*) AS n FROM (SELECT DISTINCT type, status FROM notifications) pairs',
    );
    expect(pairs[0]!.n).toBe(21);
  });

  it('holds offline messages of every type, and pending invitations of both kinds', async () => {
    const types = (await rows<{ type: number }>('SELECT DISTINCT type FROM offline_messages ORDER BY type')).map(
      (r) => r.type,
    );
    expect(types).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const pending = await rows<{ kind: string }>(
      "SELECT DISTINCT kind FROM invitations WHERE state = 'pending' ORDER BY kind",
    );
    expect(pending.map((r) => r.kind)).toEqual(['project', 'task']);
    const answered = await rows<{ state: string }>(
      "SELECT DISTINCT state FROM invitations WHERE state <> 'pending' ORDER BY state",
    );
    expect(answered.map((r) => r.state)).toEqual(['accepted', 'declined']);
  });

  it('shows zhangsan chats with unread messages, group chats and invitations to answer', async () => {
    const { token } = (await t.post('/api/auth/login', { username: 'zhangsan', password: DEMO_PASSWORD })).body.data;
    const direct = (await t.get('/api/chat?type=all', token)).body.data;
    expect(direct.total).toBeGreaterThanOrEqual(3);
    expect(direct.list.some((w: { unread: number }) => w.unread > 0)).toBe(true);
    const groups = (await t.get('/api/chat?type=group', token)).body.data;
    expect(groups.total).toBeGreaterThanOrEqual(2);
    const history = (await t.get('/offlineMessages/history?limit=100', token)).body.messages;
    const waiting = history.filter((m: { type: number; dealt: boolean }) => [4, 7].includes(m.type) && !m.dealt);
    expect(waiting.map((m: { type: number }) => m.type).sort()).toEqual([4, 7]);
  });

  it('is a state people could have reached: nobody has unread messages older than their own last one in a chat', async () => {
    let checked = 0;
    for (const state of await demoStartingState(t)) {
      for (const window of state.windows) {
        const history = await windowHistory(t, state, window.cId);
        const mine = history.filter((m) => m.fromId === state.userId && m.type !== 'SYSTEM');
        if (mine.length === 0) continue;
        const lastOwn = mine.at(-1)!.id;
        const where = `${state.username} in ${window.name}`;
        // What others said after it is all that may be unread.
        const laterFromOthers = history.filter(
          (m) => m.id > lastOwn && m.fromId !== state.userId && m.type !== 'SYSTEM',
        );
        expect(window.unread, where).toBeLessThanOrEqual(laterFromOthers.length);
        if (window.kind === 'direct')
          for (const m of history.filter((m) => m.toId === state.userId && m.id < lastOwn))
            expect(m.readAt, `${where}: message ${m.id}`).not.toBeNull();
        checked++;
      }
    }
    // Every window of the demo has somebody who wrote in it, on both sides of the one-to-one chats.
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('is written in Chinese', async () => {
    const texts = await rows<{ body: string }>("SELECT body FROM chat_messages WHERE type <> 'SYSTEM'");
    expect(texts.every((r) => /[\u4e00-\u9fff]/.test(r.body))).toBe(true);
  });
});
