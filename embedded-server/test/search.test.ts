import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, APP_TOKEN, keysOf, type Reply, storeRows, startTestServer, type TestServer } from './harness.js';

const RESULT_KEYS = ['kind', 'id', 'text', 'snippet', 'highlights', 'created_at'];
const MESSAGE_RESULT_KEYS = [...RESULT_KEYS, 'cId', 'fromId'];
const NOTIFICATION_RESULT_KEYS = [...RESULT_KEYS, 'title', 'type', 'status'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Result {
  kind: 'message' | 'notification';
  id: number;
  text: string;
  snippet: string;
  highlights: { start: number; length: number }[];
  created_at: string;
  cId?: number;
  fromId?: number;
  title?: string;
  type?: number;
  status?: string;
}

/** A result's identity, for comparing lists: `message:12`, `notification:3`. */
const ref = (kind: Result['kind'], id: number) => `${kind}:${id}`;
const refsOf = (results: Result[]) => results.map((r) => ref(r.kind, r.id));

let t: TestServer;
let accounts = 0;
let clientIds = 0;

const newAccount = (label: string): Promise<Account> => t.signUp(`search${++accounts}_${label}`);

async function directWindow(from: Account, to: Account): Promise<number> {
  const reply = await t.post('/api/chat', { toId: to.user.id }, from.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data.id;
}

/** Sends a text message and answers its id. */
async function say(from: Account, cId: number, message: string): Promise<number> {
  const reply = await t.post(
    `/api/chat/${cId}/messages`,
    { message, type: 'TEXT', clientMsgId: `search-${++clientIds}` },
    from.token,
  );
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data.id;
}

/** Creates a notification for the account itself and answers its id. */
async function notify(account: Account, title: string, content: string): Promise<number> {
  const reply = await t.post(
    '/message/create',
    { title, type: 1, subtype: 1, content, params: null, user_id: account.user.id },
    account.token,
  );
  expect(reply.status, reply.text).toBe(200);
  const newest = await t.get('/message/list?limit=1', account.token);
  return newest.body.errdata.data[0].id;
}

const searchReply = (account: Account | null, query: string) => t.get(`/api/search?${query}`, account && account.token);

/** Searches and checks the envelope, each result's shape, and that every highlight marks the term. */
async function search(account: Account, q: string, limit?: number): Promise<Result[]> {
  const query = `q=${encodeURIComponent(q)}${limit === undefined ? '' : `&limit=${limit}`}`;
  const reply = await searchReply(account, query);
  expect(reply.status, reply.text).toBe(200);
  expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
  expect(reply.body.code).toBe(0);
  expect(reply.body.msg).toBe('success');
  const results: Result[] = reply.body.data;
  for (const result of results) expectWellFormed(result, q.trim());
  return results;
}

function expectWellFormed(result: Result, term: string) {
  expect(keysOf(result)).toEqual(result.kind === 'message' ? MESSAGE_RESULT_KEYS : NOTIFICATION_RESULT_KEYS);
  expect(result.created_at).toMatch(ISO_UTC);
  // The snippet is a slice of the text (or of a notification's title), '…' marking the cuts.
  const slice = result.snippet.replace(/^…/, '').replace(/…$/, '');
  expect([result.text, result.title].some((source) => source?.includes(slice))).toBe(true);
  expect(() => encodeURIComponent(result.snippet), 'no emoji cut in half').not.toThrow();
  expect(result.highlights.length).toBeGreaterThan(0);
  for (const { start, length } of result.highlights)
    expect(result.snippet.slice(start, start + length).toLowerCase()).toBe(term.toLowerCase());
}

function expectError(reply: Reply, status: number, what = '') {
  expect(reply.status, `${what} ${reply.text}`).toBe(status);
  expect(keysOf(reply.body), what).toEqual(['code', 'msg']);
  expect(reply.body.code, what).toBe(status);
  expect(typeof reply.body.msg, what).toBe('string');
}

/** A new project of `owner`'s, with its group chat `cId`. */
async function createProject(owner: Account): Promise<{ id: string; cId: number }> {
  const created = await t.post('/api/projects', { name: '搜索项目' }, owner.token);
  expect(created.status, created.text).toBe(201);
  return created.body.data;
}

/** `member` joins the project by accepting `owner`'s invitation. */
async function join(owner: Account, projectId: string, member: Account) {
  const invited = await t.post(`/api/projects/${projectId}/invitations`, { userId: member.user.id }, owner.token);
  expect(invited.status, invited.text).toBe(201);
  const history = await t.get('/offlineMessages/history?limit=100', member.token);
  const invitation = history.body.messages.find((m: { type: number; dealt: boolean }) => m.type === 4 && !m.dealt);
  const accepted = await t.post(`/offlineMessages/${invitation.id}/accept`, undefined, member.token);
  expect(accepted.status, accepted.text).toBe(200);
}

beforeAll(async () => {
  // Builds long histories faster than a person sends: the per-user send limit is raised.
  t = await startTestServer({ sendRate: 1000 });
  // Every write gets its own millisecond, so "newest first" across messages and
  // notifications has exactly one right answer.
  const { ctx } = t.server;
  let last = 0;
  ctx.now = () => (last = Math.max(Date.now(), last + 1));
});
afterAll(() => t.close());

describe('GET /api/search', () => {
  let alice: Account;
  let bob: Account;
  let cId: number;

  beforeAll(async () => {
    alice = await newAccount('alice');
    bob = await newAccount('bob');
    cId = await directWindow(alice, bob);
  });

  it('finds a two-character Chinese word in messages and notifications, with their keys', async () => {
    const messageId = await say(bob, cId, '明天上午开会讨论项目进度');
    const notificationId = await notify(alice, '评审提醒', '项目评审改到周五');

    const results = await search(alice, '项目');
    expect(refsOf(results)).toEqual([ref('notification', notificationId), ref('message', messageId)]);
    const [notification, message] = results;
    expect(notification).toMatchObject({
      text: '项目评审改到周五',
      title: '评审提醒',
      type: 1,
      status: '0',
      snippet: '项目评审改到周五',
      highlights: [{ start: 0, length: 2 }],
    });
    expect(message).toMatchObject({ text: '明天上午开会讨论项目进度', cId, fromId: bob.user.id });

    // Bob sees the message of the window he is in, not Alice's notification.
    expect(refsOf(await search(bob, '项目'))).toEqual([ref('message', messageId)]);
  });

  it('finds Chinese substrings of three characters and more, and single characters', async () => {
    const id = await say(alice, cId, '本周的客户回访记录已经整理好了');
    expect(refsOf(await search(alice, '客户回访'))).toEqual([ref('message', id)]);
    expect(refsOf(await search(bob, '访记录已'))).toEqual([ref('message', id)]);
    expect(refsOf(await search(alice, '回'))).toEqual([ref('message', id)]);
    expect(await search(alice, '客户拜访')).toEqual([]);
  });

  it('finds English words whatever their case, in every length', async () => {
    const id = await say(bob, cId, 'The Quarterly REPORT is ready');
    for (const q of ['report', 'RePoRt', 'quarterly report', 'QU', 'y'])
      expect(refsOf(await search(alice, q)), q).toContain(ref('message', id));
    const [result] = await search(alice, 'report');
    expect(result!.snippet).toBe('The Quarterly REPORT is ready');
    expect(result!.highlights).toEqual([{ start: 14, length: 6 }]);
  });

  it('shows a notification’s title in the snippet when only the title matches', async () => {
    const id = await notify(alice, '周报截止提醒', '请在今天下班前提交');
    const [result] = await search(alice, '周报截止');
    expect(result).toMatchObject({
      kind: 'notification',
      id,
      text: '请在今天下班前提交',
      title: '周报截止提醒',
      snippet: '周报截止提醒',
      highlights: [{ start: 0, length: 4 }],
    });
  });

  it('trims the term', async () => {
    const id = await say(alice, cId, '季度目标');
    expect(refsOf(await search(alice, '  季度目标\t'))).toEqual([ref('message', id)]);
  });
});

describe('ordering and limits', () => {
  it('merges messages and notifications newest first and keeps to the limit', async () => {
    const carol = await newAccount('carol');
    const dave = await newAccount('dave');
    const cId = await directWindow(carol, dave);
    const created = [
      ref('message', await say(carol, cId, 'zebra crossing one')),
      ref('notification', await notify(carol, 'zebra alert', 'first zebra notice')),
      ref('message', await say(dave, cId, 'zebra crossing two')),
      ref('notification', await notify(carol, 'second alert', 'another zebra notice')),
      ref('message', await say(carol, cId, 'zebra crossing three')),
    ];
    const newestFirst = [...created].reverse();

    const results = await search(carol, 'zebra');
    expect(refsOf(results)).toEqual(newestFirst);
    const times = results.map((r) => Date.parse(r.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    expect(refsOf(await search(carol, 'zebra', 3))).toEqual(newestFirst.slice(0, 3));
    expect(refsOf(await search(carol, 'ze', 2))).toEqual(newestFirst.slice(0, 2));
    expect(refsOf(await search(carol, 'zebra', 1))).toEqual(newestFirst.slice(0, 1));
  });

  it('answers 20 results by default and at most 100', async () => {
    const erin = await newAccount('erin');
    const frank = await newAccount('frank');
    const cId = await directWindow(erin, frank);
    for (let i = 0; i < 25; i++) await say(erin, cId, `batch 批量 ${i}`);
    expect(await search(erin, 'batch')).toHaveLength(20);
    expect(await search(erin, '批量', 100)).toHaveLength(25);
  });
});

describe('who sees what', () => {
  it('never returns another user’s messages or notifications', async () => {
    const grace = await newAccount('grace');
    const heidi = await newAccount('heidi');
    const ivan = await newAccount('ivan');
    const judy = await newAccount('judy');
    const own = await directWindow(grace, heidi);
    const others = await directWindow(ivan, judy);

    const mine = [
      ref('message', await say(heidi, own, 'walrus 海象 meeting')),
      ref('notification', await notify(grace, 'walrus 海象', 'mine')),
    ];
    const theirs = [
      ref('message', await say(ivan, others, 'walrus 海象 elsewhere')),
      ref('message', await say(judy, others, 'walrus 海象 again')),
      ref('notification', await notify(ivan, 'walrus 海象', 'not for grace')),
    ];
    for (const q of ['walrus', '海象', 'wa']) {
      const found = refsOf(await search(grace, q, 100));
      expect(found, q).toEqual([...mine].reverse());
      for (const other of theirs) expect(found, q).not.toContain(other);
    }
    expect(refsOf(await search(ivan, 'walrus', 100))).toEqual([...theirs].reverse());
  });

  it('finds a group’s messages for its members, but only those sent after they joined', async () => {
    const owner = await newAccount('owner');
    const member = await newAccount('member');
    const outsider = await newAccount('outsider');
    const project = await createProject(owner);
    const before = await say(owner, project.cId, '第一个里程碑 milestone before');
    await join(owner, project.id, member);
    const after = await say(member, project.cId, '第二个里程碑 milestone after');

    for (const q of ['里程碑', '程碑', 'milestone']) {
      expect(refsOf(await search(owner, q)), q).toEqual([ref('message', after), ref('message', before)]);
      expect(refsOf(await search(member, q)), q).toEqual([ref('message', after)]);
      expect(await search(outsider, q), q).toEqual([]);
    }
    const [result] = await search(member, '里程碑');
    expect(result).toMatchObject({ cId: project.cId, fromId: member.user.id });
  });
});

describe('a caller with many rows', () => {
  // Past 20,000 rows of their own, a caller's search of a term rare across the store walks
  // the full-text matches instead of reading all their rows; what it finds must be the same.
  const MANY = 20_001;
  /** The numbers 1 to its parameter, as a column `i`, in SQL both engines speak. */
  const COUNT_TO =
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(? AS INTEGER)) SELECT i FROM n';
  let fillers = 0;

  /** Old rows that never match, written straight into the store (sending them would take minutes). */
  const fillWith = (window: number, from: Account, to: Account) => {
    const objectId =
      t.server.ctx.store.engine === 'sqlite'
        ? "printf('filler%s%012d', CAST(? AS TEXT), i)"
        : "'filler' || CAST(? AS TEXT) || lpad(i::text, 12, '0')";
    return storeRows(
      t.server,
      `INSERT INTO chat_messages (object_id, window_id, from_id, to_id, body, type, created_at, updated_at)
       SELECT ${objectId}, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), 'filler ' || i, 'TEXT', 1, 1
       FROM (${COUNT_TO}) n`,
      String(++fillers).padStart(6, '0'),
      window,
      from.user.id,
      to.user.id,
      MANY,
    );
  };

  it('finds the caller’s messages and notifications through the full-text index, and only theirs', async () => {
    const nina = await newAccount('nina');
    const oscar = await newAccount('oscar');
    const peggy = await newAccount('peggy');
    const owner = await newAccount('kowner');
    const own = await directWindow(nina, oscar);
    const others = await directWindow(oscar, peggy);
    const project = await createProject(owner);
    await fillWith(own, oscar, nina);
    await storeRows(
      t.server,
      `INSERT INTO notifications (user_id, title, content, type, subtype, created_at, updated_at)
       SELECT CAST(? AS BIGINT), 'filler', 'filler ' || i, 1, 1, 1, 1 FROM (${COUNT_TO}) n`,
      nina.user.id,
      MANY,
    );
    const beforeJoining = await say(owner, project.cId, 'kestrel nest before nina joined');
    await join(owner, project.id, nina);
    const mine = [
      ref('message', await say(oscar, own, 'a kestrel nest for nina')),
      ref('notification', await notify(nina, 'kestrel nest', 'for nina')),
      ref('message', await say(owner, project.cId, 'group kestrel nest after nina joined')),
    ];
    const theirs = [
      ref('message', await say(peggy, others, 'kestrel nest elsewhere')),
      ref('notification', await notify(peggy, 'kestrel nest', 'not for nina')),
      ref('message', beforeJoining),
    ];
    for (const q of ['kestrel nest', 'kestrel', 'ke']) {
      const found = refsOf(await search(nina, q, 100));
      expect(found, q).toEqual([...mine].reverse());
      for (const other of theirs) expect(found, q).not.toContain(other);
    }
  });
  it('finds Chinese terms of one and two characters through the one-character index, exactly', async () => {
    const quinn = await newAccount('quinn');
    const rosa = await newAccount('rosa');
    const sam = await newAccount('sam');
    const own = await directWindow(quinn, rosa);
    const others = await directWindow(rosa, sam);
    await fillWith(own, rosa, quinn);
    const adjacent = await say(rosa, own, '河边有一只翠鸟');
    // The two characters with a comma between are adjacent tokens of the index, but not a match.
    const apart = await say(rosa, own, '青翠，鸟鸣');
    const edited = await say(quinn, own, '翠鸟又来了');
    await say(sam, others, '翠鸟不是你的');
    expect(refsOf(await search(quinn, '翠鸟', 100))).toEqual([edited, adjacent].map((id) => ref('message', id)));
    expect(refsOf(await search(quinn, '翠', 100))).toEqual([edited, apart, adjacent].map((id) => ref('message', id)));
    // An edit takes the old text out of the index and puts the new one in.
    const edit = await t.request('PATCH', `/api/chat/${own}/messages/${edited}`, {
      token: quinn.token,
      body: { message: '鸟又来了' },
    });
    expect(edit.status, edit.text).toBe(200);
    expect(refsOf(await search(quinn, '翠鸟', 100))).toEqual([ref('message', adjacent)]);
    expect(refsOf(await search(quinn, '又来', 100))).toEqual([ref('message', edited)]);
  });
});

describe('a term common across the store', () => {
  // Past 2,000 rows of everyone's, the search looks through the caller's own rows instead of
  // walking the full-text matches; what it finds must be the same.
  const COMMON = 2001;

  it('finds the caller’s messages and notifications, and only theirs', async () => {
    const kate = await newAccount('kate');
    const leo = await newAccount('leo');
    const mallory = await newAccount('mallory');
    const owner = await newAccount('gowner');
    const own = await directWindow(kate, leo);
    const others = await directWindow(leo, mallory);
    const project = await createProject(owner);
    const beforeJoining = await say(owner, project.cId, 'heron sighting before kate joined');
    await join(owner, project.id, kate);

    const mine = [
      ref('message', await say(leo, own, 'a heron sighting for kate')),
      ref('notification', await notify(kate, 'heron sighting', 'for kate')),
      ref('message', await say(owner, project.cId, 'group heron sighting after kate joined')),
    ];
    for (let sent = 0; sent < COMMON; sent += 50)
      await Promise.all(
        Array.from({ length: Math.min(50, COMMON - sent) }, (_, i) =>
          Promise.all([
            say(mallory, others, `heron sighting ${sent + i}`),
            notify(mallory, `heron sighting ${sent + i}`, 'not for kate'),
          ]),
        ),
      );

    for (const q of ['heron sighting', 'sighting', 'he']) {
      const found = refsOf(await search(kate, q, 100));
      expect(found, q).toEqual([...mine].reverse());
      expect(found, q).not.toContain(ref('message', beforeJoining));
    }
    expect(await search(mallory, 'heron sighting', 100)).toHaveLength(100);
  }, 120_000);
});

describe('the term is taken literally', () => {
  let kim: Account;
  let cId: number;
  const bodies = {
    percent: 'we are 100% sure',
    thousand: 'about 1000 items',
    underscore: 'file_name.txt',
    noUnderscore: 'filexname.txt',
    syntax: 'say "quoted" NEAR(x y) AND (z) OR ^top foo* body:col - NOT \\ end',
  };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    kim = await newAccount('kim');
    cId = await directWindow(kim, await newAccount('lee'));
    for (const [name, body] of Object.entries(bodies)) ids[name] = await say(kim, cId, body);
  });

  it('treats LIKE wildcards as plain characters', async () => {
    expect(refsOf(await search(kim, '100%'))).toEqual([ref('message', ids.percent!)]);
    expect(refsOf(await search(kim, '0%'))).toEqual([ref('message', ids.percent!)]);
    expect(refsOf(await search(kim, '%'))).toEqual([ref('message', ids.percent!)]);
    expect(refsOf(await search(kim, 'e_n'))).toEqual([ref('message', ids.underscore!)]);
    expect(refsOf(await search(kim, '_'))).toEqual([ref('message', ids.underscore!)]);
    expect(refsOf(await search(kim, 'file_name'))).toEqual([ref('message', ids.underscore!)]);
  });

  it('treats FTS syntax as plain characters and never fails on it', async () => {
    const syntax = ref('message', ids.syntax!);
    for (const q of ['"quoted"', '"', 'NEAR(x y)', 'AND (z) OR', '^top', 'foo*', 'body:col', '- NOT', '\\ end', '(z)'])
      expect(refsOf(await search(kim, q)), q).toEqual([syntax]);
    for (const q of ['"unbalanced', 'NEAR(', 'a OR b', '*', ')(', '"" AND ""', 'col:', '\\'])
      for (const result of await search(kim, q)) expect(result.text, q).toContain(q);
  });
});

describe('snippets and highlights', () => {
  let mia: Account;
  let cId: number;

  beforeAll(async () => {
    mia = await newAccount('mia');
    cId = await directWindow(mia, await newAccount('ned'));
  });

  it('cuts a long text around the first match and marks every occurrence in the snippet', async () => {
    const text = `${'前'.repeat(50)}Needle${'中'.repeat(10)}needle${'后'.repeat(60)}NEEDLE`;
    await say(mia, cId, text);
    const [result] = await search(mia, 'needle');
    expect(result!.text).toBe(text);
    expect(result!.snippet).toBe(`…${'前'.repeat(20)}Needle${'中'.repeat(10)}needle${'后'.repeat(4)}…`);
    expect(result!.highlights).toEqual([
      { start: 21, length: 6 },
      { start: 37, length: 6 },
    ]);
  });

  it('counts offsets in UTF-16 units and never cuts an emoji in half', async () => {
    // The cuts 20 units either side of the match fall inside surrogate pairs.
    const text = `${'😀'.repeat(30)}的目标${'🎉'.repeat(30)}`;
    await say(mia, cId, text);
    const [result] = await search(mia, '目标');
    expect(result!.snippet).toBe(`…${'😀'.repeat(10)}的目标${'🎉'.repeat(10)}…`);
    expect(result!.highlights).toEqual([{ start: 22, length: 2 }]);
  });

  it('gives back HTML in a message as the same plain text', async () => {
    const html = '<img src=x onerror="alert(1)"><b>加粗</b> &amp; <script>x()</script>';
    const id = await say(mia, cId, html);
    const [result] = await search(mia, '<b>加粗</b>');
    expect(result).toMatchObject({ id, text: html });
    expect(result!.snippet).toContain('<b>加粗</b> &amp; <script>');
    expect(result!.highlights).toEqual([{ start: result!.snippet.indexOf('<b>'), length: 9 }]);
  });
});

describe('refused requests', () => {
  let nina: Account;
  beforeAll(async () => {
    nina = await newAccount('nina');
  });

  it('answers 422 for a missing, empty, blank or too long term', async () => {
    for (const query of ['', 'q=', 'q=%20%20%20', 'q=%09%E3%80%80', `q=${'字'.repeat(101)}`, 'q=a%00b', 'limit=5'])
      expectError(await searchReply(nina, query), 422, query);
    expect((await searchReply(nina, `q=${'字'.repeat(100)}`)).status).toBe(200);
    expect((await searchReply(nina, `q=%20${'字'.repeat(100)}%20`)).status).toBe(200);
  });

  it('answers 422 for a limit out of 1..100 or not an integer', async () => {
    for (const limit of ['0', '101', '-1', '1.5', 'ten', ''])
      expectError(await searchReply(nina, `q=abc&limit=${limit}`), 422, limit);
  });

  it('answers 401 without a user token', async () => {
    expectError(await searchReply(null, 'q=abc'), 401);
    expectError(await t.request('GET', '/api/search?q=abc', { token: APP_TOKEN }), 401);
    expectError(await t.request('GET', '/api/search?q=abc', { token: 'f'.repeat(64) }), 401);
  });
});
