import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysOf, startTestServer, storeRows, type Reply, type TestServer } from './harness.js';

// A user as API.md §3 defines it, keys in this order.
const USER_KEYS = ['id', 'userName', 'nickname', 'image', 'role'];
const TOKEN = /^[0-9a-f]{64}$/;
const PASSWORD = 'password-123';

let t: TestServer;

function register(body: unknown): Promise<Reply> {
  return t.request('POST', '/api/auth/register', { body });
}

function login(username: string, password = PASSWORD): Promise<Reply> {
  return t.request('POST', '/api/auth/login', { body: { username, password } });
}

/** Registers an account with a chosen nickname and returns its token and user. */
async function registerWithNickname(username: string, nickname: string) {
  const reply = await register({ username, password: PASSWORD, nickname });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data as { token: string; user: { id: number; userName: string; nickname: string } };
}

/** The usernames a directory search returns (the largest page). */
async function directory(q: string, token: string): Promise<string[]> {
  const reply = await t.get(`/api/users?q=${encodeURIComponent(q)}&limit=100`, token);
  expect(reply.status, `${q}: ${reply.text}`).toBe(200);
  return reply.body.data.map((u: { userName: string }) => u.userName);
}

function expectExtError(reply: Reply, status: number) {
  expect(reply.status, reply.text).toBe(status);
  expect(keysOf(reply.body)).toEqual(['code', 'msg']);
  expect(reply.body.code).toBe(status);
  expect(typeof reply.body.msg).toBe('string');
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('register', () => {
  it('creates a MEMBER by default and answers 201 with a token and the user', async () => {
    const reply = await register({ username: 'reg_default', password: PASSWORD, nickname: '注册用户' });
    expect(reply.status, reply.text).toBe(201);
    expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
    expect(reply.body.code).toBe(0);
    expect(reply.body.msg).toBe('success');
    expect(keysOf(reply.body.data)).toEqual(['token', 'user']);
    expect(reply.body.data.token).toMatch(TOKEN);
    const user = reply.body.data.user;
    expect(keysOf(user)).toEqual(USER_KEYS);
    expect(user).toEqual({
      id: expect.any(Number),
      userName: 'reg_default',
      nickname: '注册用户',
      image: expect.any(String),
      role: 'MEMBER',
    });
    const me = await t.get('/api/me', reply.body.data.token);
    expect(me.body.data).toEqual(user);
  });

  it('accepts the SALER role and usernames of 3 and 32 letters, digits and _ . -', async () => {
    const saler = await register({ username: 'reg_saler', password: PASSWORD, nickname: '销售', role: 'SALER' });
    expect(saler.status, saler.text).toBe(201);
    expect(saler.body.data.user.role).toBe('SALER');
    for (const username of ['abc', 'a'.repeat(32), 'A.b-C_9']) {
      const reply = await register({ username, password: PASSWORD, nickname: 'ok' });
      expect(reply.status, `${username}: ${reply.text}`).toBe(201);
      expect(reply.body.data.user.userName).toBe(username);
    }
  });

  it('gives every account its own id and token', async () => {
    const first = await register({ username: 'reg_first', password: PASSWORD, nickname: '一' });
    const second = await register({ username: 'reg_second', password: PASSWORD, nickname: '二' });
    expect(first.body.data.user.id).not.toBe(second.body.data.user.id);
    expect(first.body.data.token).not.toBe(second.body.data.token);
  });

  it('answers 409 for a taken username, whatever its letter case', async () => {
    await t.signUp('reg_taken');
    for (const username of ['reg_taken', 'REG_TAKEN', 'Reg_Taken']) {
      expectExtError(await register({ username, password: PASSWORD, nickname: '重名' }), 409);
    }
    expect((await login('reg_taken')).status).toBe(200);
  });

  it('answers 422 for usernames that break the 3..32 letters, digits and _ . - rule', async () => {
    const bad = ['ab', 'a'.repeat(33), 'has space', '张三丰', 'me@example', '', 'slash/name', ' padded '];
    for (const username of bad) {
      expectExtError(await register({ username, password: PASSWORD, nickname: '坏名字' }), 422);
    }
  });

  it('answers 422 for a password shorter than 8 characters, and accepts 8', async () => {
    expectExtError(await register({ username: 'reg_short_pw', password: 'seven77', nickname: '短' }), 422);
    const eight = await register({ username: 'reg_eight_pw', password: 'eight888', nickname: '八' });
    expect(eight.status, eight.text).toBe(201);
  });

  it('answers 422 for a role other than MEMBER or SALER', async () => {
    for (const role of ['ADMIN', 'member', '']) {
      expectExtError(await register({ username: 'reg_role', password: PASSWORD, nickname: '角色', role }), 422);
    }
  });

  it('answers 422 for wrong types and missing fields', async () => {
    const base = { username: 'reg_types', password: PASSWORD, nickname: '类型' };
    const bad: unknown[] = [
      { ...base, username: 12345 },
      { ...base, password: 12345678 },
      { ...base, nickname: 5 },
      { ...base, nickname: null },
      { ...base, role: 1 },
      { password: PASSWORD, nickname: '无名' },
      { username: 'reg_types', nickname: '无密码' },
      { username: 'reg_types', password: PASSWORD },
      [base],
      'reg_types',
    ];
    for (const body of bad) expectExtError(await register(body), 422);
    expect((await login('reg_types')).status).toBe(401);
  });

  it('refuses nicknames with control or formatting characters that could disguise text (422)', async () => {
    const spoofing = {
      NUL: 'a\u0000b',
      'a C0 control (escape)': 'a\u001b[31mb',
      'a new line': '张三\n管理员',
      DEL: 'a\u007fb',
      'a C1 control': 'a\u0085b',
      'a right-to-left override': '\u202Egnp.exe',
      'a bidi isolate': 'a\u2066b\u2069',
      'a left-to-right mark': 'a\u200Eb',
      'a zero-width space': 'ad\u200Bmin',
      'a byte-order mark inside': 'a\uFEFFb',
      'a tag character': 'a\u{E0041}b',
      'a line separator': 'a\u2028b',
      'a lone surrogate': 'a\uD800b',
    };
    for (const [what, nickname] of Object.entries(spoofing)) {
      const reply = await register({ username: 'reg_spoof', password: PASSWORD, nickname });
      expectExtError(reply, 422);
      expect(reply.body.msg, what).toMatch(/control or formatting characters \(found U\+[0-9A-F]{4,5}\)/);
    }
    expect((await login('reg_spoof')).status).toBe(401);
    // Joiners stay: emoji sequences and several scripts need them.
    const family = '👩\u200D👩\u200D👧 میرزا\u200Cعلی';
    expect((await registerWithNickname('reg_joiners', family)).user.nickname).toBe(family);
  });

  it('answers 400 in the {code, msg} format for malformed JSON', async () => {
    const reply = await t.request('POST', '/api/auth/register', {
      raw: '{"username": "reg_broken", ',
      headers: { 'content-type': 'application/json' },
    });
    expectExtError(reply, 400);
  });

  it('starts a new account empty: no notifications, no offline messages', async () => {
    const { token } = await t.signUp('reg_empty');
    const unread = await t.get('/message/unread', token);
    expect(unread.status).toBe(200);
    expect(unread.body.errdata.data).toEqual([]);
    const offline = await t.get('/offlineMessages', token);
    expect(offline.status).toBe(200);
    expect(offline.body).toEqual({ messages: [] });
    const history = await t.get('/offlineMessages/history', token);
    expect(history.body).toEqual({ messages: [] });
  });
});

describe('login, me and logout', () => {
  it('logs in with a new token and the user', async () => {
    const signedUp = await t.signUp('login_ok', 'SALER');
    const reply = await login('login_ok');
    expect(reply.status, reply.text).toBe(200);
    expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
    expect(reply.body.code).toBe(0);
    expect(keysOf(reply.body.data)).toEqual(['token', 'user']);
    expect(reply.body.data.token).toMatch(TOKEN);
    expect(reply.body.data.token).not.toBe(signedUp.token);
    expect(keysOf(reply.body.data.user)).toEqual(USER_KEYS);
    expect(reply.body.data.user).toEqual({ ...signedUp.user, role: 'SALER' });
  });

  it('answers 401 {code, msg} for a wrong password and for an unknown user', async () => {
    await t.signUp('login_wrong');
    expectExtError(await login('login_wrong', 'not-the-password'), 401);
    expectExtError(await login('login_nobody'), 401);
  });

  it('makes a username wait after a few failed log-ins, even with the right password, then lets it in', async () => {
    await t.signUp('login_locked');
    for (let attempt = 1; attempt <= 4; attempt++) {
      const reply = await login('login_locked', `wrong-password-${attempt}`);
      expect(reply.status, `attempt ${attempt}`).toBe(401);
    }
    expectExtError(await login('login_locked'), 429);
    expectExtError(await login('LOGIN_LOCKED'), 429);
    // The wait grows with each failure but never locks the owner out for good.
    const { ctx } = t.server;
    const realNow = ctx.now;
    ctx.now = () => realNow() + 1_001;
    try {
      expect((await login('login_locked')).status).toBe(200);
    } finally {
      ctx.now = realNow;
    }
  });

  it('checks one guess at a time per username: parallel guesses are refused, not raced', async () => {
    await t.signUp('login_raced');
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('login_raced', `wrong-password-${i}`)),
    );
    const checked = guesses.filter((reply) => reply.status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(4);
    expect(guesses.filter((reply) => reply.status === 429)).toHaveLength(40 - checked);
  });

  it('keeps other usernames able to log in while one is locked', async () => {
    await t.signUp('login_target');
    await t.signUp('login_bystander');
    for (let attempt = 1; attempt <= 6; attempt++) await login('login_target', 'wrong-password');
    expect((await login('login_target')).status).toBe(429);
    const bystander = await login('login_bystander');
    expect(bystander.status, bystander.text).toBe(200);
    expect(bystander.body.data.user.userName).toBe('login_bystander');
  });

  it('answers GET /api/me with the token’s own user', async () => {
    const erin = await t.signUp('me_erin');
    const frank = await t.signUp('me_frank');
    const reply = await t.get('/api/me', erin.token);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ code: 0, msg: 'success', data: expect.any(Object) });
    expect(keysOf(reply.body.data)).toEqual(USER_KEYS);
    expect(reply.body.data).toEqual(erin.user);
    expect((await t.get('/api/me', frank.token)).body.data.id).toBe(frank.user.id);
    expectExtError(await t.get('/api/me'), 401);
    expectExtError(await t.get('/api/me', 'f'.repeat(64)), 401);
  });

  it('ends only the token that logs out: it then gets 401 everywhere', async () => {
    const { token } = await t.signUp('logout_user');
    const other = (await login('logout_user')).body.data.token;
    const out = await t.post('/api/auth/logout', undefined, token);
    expect(out.status, out.text).toBe(200);
    expect(out.body.code).toBe(0);

    for (const path of ['/api/me', '/api/users?q=logout', '/api/chat?type=all', '/offlineMessages']) {
      expectExtError(await t.get(path, token), 401);
    }
    const inbox = await t.get('/message/unread', token);
    expect(inbox.status).toBe(401);
    expect(keysOf(inbox.body)).toEqual(['errcode', 'errmsg']);
    expectExtError(await t.post('/api/auth/logout', undefined, token), 401);

    const stillIn = await t.get('/api/me', other);
    expect(stillIn.status).toBe(200);
    expect(stillIn.body.data.userName).toBe('logout_user');
  });

  it('answers 401 to a logout without a token', async () => {
    expectExtError(await t.post('/api/auth/logout'), 401);
  });
});

describe('user directory', () => {
  let token: string;

  beforeAll(async () => {
    ({ token } = await registerWithNickname('dir_wangxiaoming', '王小明'));
    await registerWithNickname('dir_lixiaohong', '李小红');
    await registerWithNickname('dir_ouyang', '欧阳小明同学');
    await registerWithNickname('dir_tom', 'tom OR jerry');
  });

  it('lists users with exactly the user keys', async () => {
    const reply = await t.get('/api/users?q=dir_', token);
    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(0);
    expect(reply.body.data.length).toBeGreaterThanOrEqual(4);
    for (const user of reply.body.data) expect(keysOf(user)).toEqual(USER_KEYS);
  });

  it('finds by a substring of the username', async () => {
    const found = await directory('xiaom', token);
    expect(found).toContain('dir_wangxiaoming');
    expect(found).not.toContain('dir_lixiaohong');
    const short = await directory('ou', token);
    expect(short).toContain('dir_ouyang');
    expect(short).not.toContain('dir_wangxiaoming');
  });

  it('finds by a two-character part of a Chinese nickname', async () => {
    const found = await directory('小明', token);
    expect(found).toEqual(expect.arrayContaining(['dir_wangxiaoming', 'dir_ouyang']));
    expect(found).not.toContain('dir_lixiaohong');
  });

  it('finds by a three-or-more-character part of a Chinese nickname', async () => {
    expect(await directory('小明同', token)).toEqual(['dir_ouyang']);
    expect(await directory('欧阳小明同学', token)).toEqual(['dir_ouyang']);
    const wang = await directory('王小明', token);
    expect(wang).toContain('dir_wangxiaoming');
    expect(wang).not.toContain('dir_ouyang');
  });

  it('takes query syntax literally, never failing', async () => {
    expect(await directory('tom OR jerry', token)).toEqual(['dir_tom']);
    expect(await directory('dir_wangxiaoming OR dir_lixiaohong', token)).toEqual([]);
    expect(await directory('username:xiaom', token)).toEqual([]);
    expect(await directory('dir*', token)).toEqual([]);
    expect(await directory('"dir_ouyang', token)).toEqual([]);
    expect(await directory('%', token)).toEqual([]);
    for (const q of ['"', '*', 'a OR b', '""', 'NEAR(a b)', '(', '-', '^dir', "'", '\\']) {
      const reply = await t.get(`/api/users?q=${encodeURIComponent(q)}`, token);
      expect(reply.status, `${q}: ${reply.text}`).toBe(200);
      expect(Array.isArray(reply.body.data), q).toBe(true);
    }
    const underscored = await directory('_', token);
    expect(underscored).toContain('dir_tom');
    for (const name of underscored) expect(name).toContain('_');
  });

  it('returns at most limit users, 1..100', async () => {
    const one = await t.get('/api/users?q=dir_&limit=1', token);
    expect(one.status).toBe(200);
    expect(one.body.data.length).toBe(1);
    expect((await t.get('/api/users?q=dir_&limit=100', token)).status).toBe(200);
    for (const limit of ['0', '101', '-1', 'abc', '1.5']) {
      expectExtError(await t.get(`/api/users?q=dir_&limit=${limit}`, token), 422);
    }
  });

  it('accepts a query of 64 characters and refuses 65 with 422', async () => {
    expect((await t.get(`/api/users?q=${'x'.repeat(64)}`, token)).status).toBe(200);
    expectExtError(await t.get(`/api/users?q=${'x'.repeat(65)}`, token), 422);
  });

  it('answers 401 without a token', async () => {
    expectExtError(await t.get('/api/users?q=dir_'), 401);
  });
});

describe('credentials at rest', () => {
  it('stores a scrypt hash of the password and only the SHA-256 of tokens', async () => {
    const password = 'Vault-Passphrase-4821';
    const reply = await register({ username: 'vault_user', password, nickname: '保险箱' });
    expect(reply.status, reply.text).toBe(201);
    const tokens = [reply.body.data.token, (await login('vault_user', password)).body.data.token];

    const [row] = await storeRows<{ hash: string }>(
      t.server,
      'SELECT password_hash AS hash FROM users WHERE username = ?',
      'vault_user',
    );
    expect(row!.hash.startsWith('scrypt$')).toBe(true);
    expect(row!.hash).not.toContain(password);

    const hashes = (await storeRows<{ hash: Buffer }>(t.server, 'SELECT hash FROM tokens')).map((r) => r.hash);
    for (const hash of hashes) {
      expect(Buffer.isBuffer(hash)).toBe(true);
      expect(hash.length).toBe(32);
    }
    const stored = new Set(hashes.map((h) => h.toString('hex')));
    for (const token of tokens) {
      expect(stored.has(token)).toBe(false);
      expect(stored.has(createHash('sha256').update(token).digest('hex'))).toBe(true);
    }

    for (const name of ['messenger.db', 'messenger.db-wal']) {
      const path = join(t.dataDir, name);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      expect(bytes.includes(password), name).toBe(false);
      for (const token of tokens) {
        expect(bytes.includes(token), name).toBe(false);
        expect(bytes.includes(Buffer.from(token, 'hex')), name).toBe(false);
      }
    }
  });
});
