import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type Account, type TestServer } from './harness.js';
import WebSocket from 'ws';
import { RealtimeClient } from './realtime-client.js';

let t: TestServer;
let accounts = 0;
let clientIds = 0;
const clients: RealtimeClient[] = [];

async function live(account: Account): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(t.url, account.token);
  clients.push(client);
  return client;
}
const newAccount = () => t.signUp(`rt_user_${++accounts}`);
async function openWindow(from: Account, to: Account): Promise<number> {
  return (await t.post('/api/chat', { toId: to.user.id }, from.token)).body.data.id;
}
async function send(from: Account, cId: number, message: string, clientMsgId = `rt-${++clientIds}`) {
  const reply = await t.post(`/api/chat/${cId}/messages`, { message, type: 'TEXT', clientMsgId }, from.token);
  expect(reply.status, reply.text).toBeLessThan(300);
  return reply.body.data as { id: number; cId: number; message: string };
}
const deliveryStatus = async (username: string, id: number) =>
  (await t.get(`/app-id/JH/users/${username}/offline_msg_status/${id}`, APP_TOKEN)).body.data[id];
const offlineCount = async (username: string) =>
  (await t.get(`/app-id/JH/users/${username}/offline_msg_count`, APP_TOKEN)).body.data[username];

beforeAll(async () => {
  t = await startTestServer({ realtime: { authTimeoutMs: 300, heartbeatMs: 200 } });
});
afterAll(async () => {
  for (const client of clients) client.socket.terminate();
  await t.close();
});

describe('connecting', () => {
  it('authenticates with the first frame, then sends ready and the badge counts', async () => {
    const alice = await newAccount();
    const client = await RealtimeClient.open(t.url);
    clients.push(client);
    client.send({ type: 'auth', token: alice.token });
    expect(await client.next('ready')).toEqual({ type: 'ready' });
    const counts = await client.next('counts');
    expect(counts.data).toMatchObject({ chatUnread: 0, inboxUnread: 0, inboxTodo: 0, invitationsPending: 0 });
    expect(counts.data.inbox).toMatchObject({ unread: 0, todo: 0, read: 0 });
    expect(counts.data.windows).toEqual([]);
  });

  it('refuses a page from a foreign origin (1008) and takes the app’s own', async () => {
    const alice = await newAccount();
    const closedWith = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${t.url.replace('http', 'ws')}/api/ws`, { headers: { origin } });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: alice.token })));
        socket.on('message', () => socket.close(1000));
        socket.on('close', (code) => resolve(code));
      });
    expect(await closedWith('https://evil.example')).toBe(1008);
    expect(await closedWith(t.url)).toBe(1000);
  });

  it('keeps at most 200 sockets waiting for their auth frame (1013 past that)', async () => {
    const waiting = await Promise.all(Array.from({ length: 200 }, () => RealtimeClient.open(t.url)));
    const extra = await RealtimeClient.open(t.url);
    expect((await extra.closed).code).toBe(1013);
    await Promise.all(waiting.map((client) => client.closed));
    // Once they are gone (timed out) new sockets are taken again.
    const next = await RealtimeClient.connect(t.url, (await newAccount()).token);
    await next.close();
  });

  it('closes with 4401 on a bad token and with 4408 when no auth frame comes', async () => {
    const bad = await RealtimeClient.open(t.url);
    bad.send({ type: 'auth', token: 'nope' });
    expect((await bad.closed).code).toBe(4401);
    const silent = await RealtimeClient.open(t.url);
    expect((await silent.closed).code).toBe(4408);
    const wrongFirst = await RealtimeClient.open(t.url);
    wrongFirst.send({ type: 'ack', ids: [1] });
    expect((await wrongFirst.closed).code).toBe(4401);
  });

  it('allows 20 live connections per user and closes the 21st with 4429', async () => {
    const heavy = await newAccount();
    const open: RealtimeClient[] = [];
    for (let i = 0; i < 20; i++) open.push(await live(heavy));
    const extra = await RealtimeClient.open(t.url);
    extra.send({ type: 'auth', token: heavy.token });
    expect((await extra.closed).code).toBe(4429);
    // Another user is not affected, and a freed place can be taken again.
    await live(await newAccount());
    await open.pop()!.close();
    const again = await RealtimeClient.open(t.url);
    clients.push(again);
    again.send({ type: 'auth', token: heavy.token });
    expect(await again.next('ready')).toEqual({ type: 'ready' });
  });

  it('closes a connection that sends a frame over 16 KiB with 1009, and keeps the others', async () => {
    const user = await newAccount();
    const bystander = await live(user);
    const client = await live(user);
    client.socket.send(JSON.stringify({ type: 'ack', ids: [], padding: 'x'.repeat(16 * 1024) }));
    expect((await client.closed).code).toBe(1009);
    bystander.send({ type: 'ping' });
    expect(await bystander.next('pong')).toEqual({ type: 'pong' });
  });

  it('refuses an upgrade with a foreign Host (DNS rebinding) before any frame', async () => {
    const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/api/ws`, { headers: { host: 'rebind.example' } });
    const status = await new Promise<number>((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode!));
      socket.once('open', () => reject(new Error('the upgrade was accepted')));
    });
    expect(status).toBe(421);
  });

  it('answers ping with pong and a malformed frame with an error, staying open', async () => {
    const client = await live(await newAccount());
    client.send({ type: 'ping' });
    expect(await client.next('pong')).toEqual({ type: 'pong' });
    client.socket.send('{not json');
    expect((await client.next('error')).data.msg).toMatch(/malformed/);
    client.send({ type: 'ping' });
    await client.next('pong');
  });

  it('drops a connection that stops answering heartbeats', async () => {
    const account = await newAccount();
    const client = await live(account);
    // Stop answering pings, as a frozen or vanished peer would.
    client.socket.pong = () => undefined;
    const { code } = await client.closed;
    expect(code).toBe(1006);
  });

  it('closes a client that never reads once its backlog passes 4 MiB (4413), instead of queueing for it', async () => {
    // A server of its own: the usual 30 s heartbeat (the one above would drop the silent
    // client first), and a send limit above the flood this needs.
    const own = await startTestServer({ sendRate: 1000 });
    try {
      const [sender, reader] = [await own.signUp('flooder'), await own.signUp('non_reader')];
      const cId = (await own.post('/api/chat', { toId: reader.user.id }, sender.token)).body.data.id;
      const client = await RealtimeClient.connect(own.url, reader.token);
      // The client stops reading its TCP socket: the kernel's buffers fill, then the server's backlog grows.
      const tcp = (client.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      tcp.pause();
      // 32 MB of frames (40 KB each: the longest message, in four-byte characters), about twice
      // what the backlog limit and loopback's socket buffers take together.
      const SENDS = 800;
      const message = '🌊'.repeat(10_000);
      let next = 0;
      const sendAll = async () => {
        for (let i = next++; i < SENDS; i = next++) {
          const reply = await own.post(
            `/api/chat/${cId}/messages`,
            { message, clientMsgId: `flood-${i}` },
            sender.token,
          );
          expect(reply.status, reply.text).toBe(201);
        }
      };
      await Promise.all(Array.from({ length: 4 }, sendAll));
      // Reading again, the client gets what was queued before the limit, then the close.
      tcp.resume();
      const { code } = await client.closed;
      expect(code).toBe(4413);
      const pushed = client.all('message.new').length;
      expect(pushed).toBeGreaterThan(0);
      expect(pushed).toBeLessThan(SENDS);
    } finally {
      await own.close();
    }
  });
});

describe('live chat', () => {
  it('pushes a new message to every connection of both users, and delivery follows the ack', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const cId = await openWindow(alice, bob);
    const [aliceDesk, aliceLaptop, bobDesk, bobPhone] = await Promise.all([
      live(alice),
      live(alice),
      live(bob),
      live(bob),
    ]);
    const sent = await send(alice, cId, '你好，鲍勃');
    for (const client of [aliceDesk, aliceLaptop, bobDesk, bobPhone]) {
      const frame = await client.next('message.new');
      expect(frame.data).toMatchObject({
        id: sent.id,
        message: '你好，鲍勃',
        cId,
        fromId: alice.user.id,
        status: false,
      });
    }
    // Bob is online: no offline copy, and not delivered until a client acknowledges it.
    expect(await offlineCount(bob.user.userName)).toBe(0);
    expect(await deliveryStatus(bob.user.userName, sent.id)).toBe('undelivered');
    const bobCounts = await bobDesk.next('counts', (c) => c.chatUnread === 1);
    expect(bobCounts.data.chatUnread).toBe(1);

    bobPhone.send({ type: 'ack', ids: [sent.id] });
    for (const client of [aliceDesk, aliceLaptop]) {
      const delivered = await client.next('message.delivered');
      expect(delivered.data).toEqual({ cId, ids: [sent.id], userId: bob.user.id });
    }
    expect(await deliveryStatus(bob.user.userName, sent.id)).toBe('delivered');
  });

  it('tells the sender when the recipient reads, and updates the reader’s counts', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const cId = await openWindow(alice, bob);
    const aliceClient = await live(alice);
    const bobClient = await live(bob);
    const first = await send(alice, cId, 'one');
    await send(alice, cId, 'two');
    await bobClient.next('counts', (c) => c.chatUnread === 2);
    await t.post(`/api/chat/${cId}/read`, { upTo: first.id }, bob.token);
    const read = await aliceClient.next('message.read');
    expect(read.data).toEqual({ cId, upTo: first.id, userId: bob.user.id });
    expect((await bobClient.next('counts', (c) => c.chatUnread === 1)).data.chatUnread).toBe(1);
    expect(bobClient.all('message.read')).toHaveLength(0);
  });

  it('chats both ways between three users in a group, each message once per connection', async () => {
    const [owner, second, third] = [await newAccount(), await newAccount(), await newAccount()];
    const project = (await t.post('/api/projects', { name: '实时小组' }, owner.token)).body.data;
    for (const member of [second, third]) {
      await t.post(`/api/projects/${project.id}/invitations`, { userId: member.user.id }, owner.token);
      const invite = (await t.get('/offlineMessages/history', member.token)).body.messages.find(
        (m: { type: number }) => m.type === 4,
      );
      await t.post(`/offlineMessages/${invite.id}/accept`, undefined, member.token);
    }
    const sockets = await Promise.all([live(owner), live(second), live(third)]);
    const ids: number[] = [];
    // Third writes first: a member who writes has read (and so received) what came before.
    for (const [i, author] of [third, owner, second, owner].entries())
      ids.push((await send(author, project.cId, `群消息 ${i}`)).id);
    // The members' "joined" lines went out as their invitations were accepted, just before the
    // sockets opened; the fan-out reads the store before it sends (round trips on PostgreSQL),
    // so one may still reach a socket opened after its reply. Only this exchange's messages are
    // counted: each once per connection, in order.
    for (const socket of sockets) {
      for (const id of ids) await socket.next('message.new', (message) => message.id === id);
      const received = socket.all('message.new').map((frame) => frame.data.id as number);
      expect(received.filter((id) => ids.includes(id))).toEqual(ids);
    }
    // Third acknowledges what the others sent; their authors hear of it.
    sockets[2]!.send({ type: 'ack', ids });
    const toOwner = await sockets[0]!.next('message.delivered', (d) => d.userId === third.user.id);
    expect(toOwner.data.ids).toEqual([ids[1], ids[3]]);
    const toSecond = await sockets[1]!.next('message.delivered', (d) => d.userId === third.user.id);
    expect(toSecond.data.ids).toEqual([ids[2]]);
    expect(await deliveryStatus(third.user.userName, ids[1]!)).toBe('delivered');
    expect(await deliveryStatus(second.user.userName, ids[3]!)).toBe('undelivered');
  });

  it('writes an acknowledgement that arrived as the server began to close, before its store closes', async () => {
    const own = await startTestServer();
    let restarted: TestServer | null = null;
    try {
      const [alice, bob] = [await own.signUp('closing_alice'), await own.signUp('closing_bob')];
      const cId = (await own.post('/api/chat', { toId: bob.user.id }, alice.token)).body.data.id;
      const bobClient = await RealtimeClient.connect(own.url, bob.token);
      const sent = (await own.post(`/api/chat/${cId}/messages`, { message: '晚安' }, alice.token)).body.data;
      await bobClient.next('message.new');

      // A transaction holds the store, so the acknowledgement waits inside the server.
      let release!: () => void;
      const held = own.server.ctx.store.transaction(() => new Promise<void>((resolve) => (release = resolve)));
      bobClient.send({ type: 'ack', ids: [sent.id] });
      // The server answers a protocol ping after the frames before it on the socket: the ack is in.
      await new Promise<void>((resolve) => {
        bobClient.socket.once('pong', () => resolve());
        bobClient.socket.ping();
      });
      const closed = own.close({ keepData: true });
      // Time for the close to reach the store if nothing held it back (it must not: the ack waits).
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await held;
      await closed;

      restarted = await startTestServer({ dataDir: own.dataDir });
      const status = await restarted.get(`/app-id/JH/users/closing_bob/offline_msg_status/${sent.id}`, APP_TOKEN);
      expect(status.body.data[sent.id]).toBe('delivered');
    } finally {
      await restarted?.close();
    }
  });

  it('ignores acknowledgements of messages not addressed to the caller', async () => {
    const [alice, bob, mallory] = [await newAccount(), await newAccount(), await newAccount()];
    const cId = await openWindow(alice, bob);
    const sent = await send(alice, cId, 'private');
    const intruder = await live(mallory);
    intruder.send({ type: 'ack', ids: [sent.id] });
    intruder.send({ type: 'ping' });
    await intruder.next('pong');
    expect(await deliveryStatus(bob.user.userName, sent.id)).toBe('undelivered');
  });
});

describe('offline and back', () => {
  it('keeps a message offline while the user is away, and hands it over once they return', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const cId = await openWindow(alice, bob);
    const bobClient = await live(bob);
    await bobClient.close();
    const sent = await send(alice, cId, 'while you were away');
    expect(await offlineCount(bob.user.userName)).toBe(1);
    expect(await deliveryStatus(bob.user.userName, sent.id)).toBe('undelivered');

    const back = await live(bob);
    expect(back.all('counts')[0]!.data.chatUnread).toBe(1);
    const aliceClient = await live(alice);
    const handed = (await t.get('/offlineMessages', bob.token)).body.messages;
    expect(
      handed.map((m: { type: number; extraInfo: { messageId: string } }) => [m.type, m.extraInfo.messageId]),
    ).toEqual([[0, String(sent.id)]]);
    expect(await offlineCount(bob.user.userName)).toBe(0);
    expect(await deliveryStatus(bob.user.userName, sent.id)).toBe('delivered');
    expect((await aliceClient.next('message.delivered')).data).toEqual({ cId, ids: [sent.id], userId: bob.user.id });
  });

  it('lets a client that reconnects mid-stream catch up by id cursor, with no gap and no copy', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const cId = await openWindow(alice, bob);
    const first = await live(bob);
    const sentBefore = [];
    for (let i = 0; i < 3; i++) sentBefore.push((await send(alice, cId, `before ${i}`)).id);
    let lastSeen = 0;
    for (let i = 0; i < 3; i++) lastSeen = (await first.next('message.new')).data.id;
    await first.close();
    const missed = [];
    for (let i = 0; i < 4; i++) missed.push((await send(alice, cId, `missed ${i}`)).id);
    const second = await live(bob);
    const after = [];
    for (let i = 0; i < 2; i++) after.push((await send(alice, cId, `after ${i}`)).id);
    const caughtUp = (await t.get(`/api/chat/sync?after=${lastSeen}`, bob.token)).body.data.map(
      (m: { id: number }) => m.id,
    );
    const pushed = [];
    for (let i = 0; i < 2; i++) pushed.push((await second.next('message.new')).data.id);
    const seen = [...new Set([...sentBefore, ...caughtUp, ...pushed])].sort((a, b) => a - b);
    expect(seen).toEqual([...sentBefore, ...missed, ...after]);
    expect(caughtUp).toEqual([...missed, ...after]);
  });

  it('syncs only the caller’s windows, and checks its cursor', async () => {
    const [alice, bob, carol] = [await newAccount(), await newAccount(), await newAccount()];
    const cId = await openWindow(alice, bob);
    await send(alice, cId, 'not for carol');
    expect((await t.get('/api/chat/sync?after=0', carol.token)).body.data).toEqual([]);
    for (const query of ['', '?after=-1', '?after=x', '?after=0&limit=501'])
      expect((await t.get(`/api/chat/sync${query}`, carol.token)).status, query).toBe(422);
  });
});

describe('inbox and invitations, live', () => {
  it('pushes new and updated notifications and the counts that follow', async () => {
    const alice = await newAccount();
    const client = await live(alice);
    await t.post(
      '/message/create',
      { title: '新任务', type: 1, subtype: 1, content: '请查看', params: null, user_id: alice.user.id },
      APP_TOKEN,
    );
    const created = await client.next('notification.new');
    expect(created.data).toMatchObject({ title: '新任务', status: '0', user_id: alice.user.id });
    expect((await client.next('counts', (c) => c.inboxUnread === 1)).data.inboxUnread).toBe(1);
    await t.get(`/message/settodo/${created.data.id}`, alice.token);
    expect((await client.next('notification.updated')).data).toMatchObject({ id: created.data.id, status: '2' });
    expect((await client.next('counts', (c) => c.inboxTodo === 1)).data).toMatchObject({
      inboxUnread: 0,
      inboxTodo: 1,
    });
  });

  it('pushes invitations as offline.new, with the pending count', async () => {
    const owner = await newAccount();
    const guest = await newAccount();
    const project = (await t.post('/api/projects', { name: '直播项目' }, owner.token)).body.data;
    const client = await live(guest);
    await t.post(`/api/projects/${project.id}/invitations`, { userId: guest.user.id, remark: '来吧' }, owner.token);
    const invitation = await client.next('offline.new');
    expect(Object.keys(invitation.data)).toEqual(['id', 'msg', 'time', 'type', 'dealt', 'extraInfo']);
    expect(invitation.data).toMatchObject({ type: 4, dealt: false });
    await client.next('counts', (c) => c.invitationsPending === 1);
    await t.post(`/offlineMessages/${invitation.data.id}/accept`, undefined, guest.token);
    await client.next('counts', (c) => c.invitationsPending === 0);
  });
});
