/**
 * The seed-contract checks (API.md §1, §2) against any server: each documented endpoint of
 * the five dialects, its envelope (keys and their order), its items (field names and JSON
 * types), its list order, and its error format for a bad request and a bad token. Reading
 * only, unless `allowWrites`: `GET /offlineMessages` marks what it returns delivered and
 * `POST /message/create` adds a notification, so a legacy backend is left as it was.
 */
import {
  CHAT_MESSAGE,
  CHAT_WINDOW,
  ENVELOPES,
  ERROR_FORMATS,
  fits,
  IM_MESSAGE,
  kindOf,
  NOTIFICATION,
  OFFLINE_MESSAGE,
  USER_CARD,
  type Dialect,
  type Kind,
} from './shapes.js';

export interface Target {
  /** The server's base URL, e.g. `https://legacy.example`. */
  url: string;
  /** A user's token (medium). */
  token: string;
  /** The app token (high: the agora endpoints). */
  appToken: string;
  appId: string;
  /** A user the agora endpoints ask about; by default the other person of the user's first chat. */
  username?: string;
  allowWrites: boolean;
}

export type Outcome = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  dialect: Dialect;
  endpoint: string;
  check: string;
  outcome: Outcome;
  /** What was wrong (fail), why it was not run (skip), or what was looked at (pass). */
  detail: string;
}

interface Reply {
  status: number;
  body: unknown;
  text: string;
}

/** A bad token: the right form, known to no server. */
const BAD_TOKEN = 'conformance-check-not-a-token-0000000000000000';
/** How many problems a result names before it counts the rest. */
const NAMED_PROBLEMS = 3;
/** Seed 003's time: ISO 8601 UTC with milliseconds. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Seed 001's time: `YYYY-MM-DD HH:mm:ss`. */
const INBOX_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => kindOf(value) === 'object';
const show = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value));

/** The problems of an item against a table of documented keys; `exact`: no other keys, in this order. */
export function fieldProblems(item: unknown, table: Record<string, Kind>, where: string, exact: boolean): string[] {
  if (!isObject(item)) return [`${where} is ${kindOf(item)}, documented an object`];
  const problems: string[] = [];
  for (const [key, kind] of Object.entries(table)) {
    if (!(key in item)) problems.push(`${where}.${key} is missing`);
    else if (!fits(item[key], kind))
      problems.push(`${where}.${key} is ${kindOf(item[key])} ${show(item[key])}, documented ${kind}`);
  }
  if (!exact) return problems;
  const documented = Object.keys(table);
  const extra = Object.keys(item).filter((key) => !documented.includes(key));
  if (extra.length > 0) problems.push(`${where} has undocumented keys ${extra.join(', ')}`);
  const order = Object.keys(item).filter((key) => documented.includes(key));
  const expected = documented.filter((key) => key in item);
  if (problems.length === 0 && order.join() !== expected.join())
    problems.push(`${where} keys in the order ${order.join(', ')}, documented ${expected.join(', ')}`);
  return problems;
}

/** The problems of a list against a table: every item checked, the first problems named. */
const listProblems = (items: readonly unknown[], table: Record<string, Kind>, where: string, exact: boolean) =>
  items.flatMap((item, index) => fieldProblems(item, table, `${where}[${index}]`, exact));

/** Where a list breaks the documented order: `before(a, b)` is true when a may come before b. */
function orderProblems<T>(items: readonly T[], before: (a: T, b: T) => boolean, what: string): string[] {
  for (let index = 1; index < items.length; index++)
    if (!before(items[index - 1]!, items[index]!)) return [`items ${index - 1} and ${index} break the order (${what})`];
  return [];
}

/** The results of a run, and the calls they make. */
export class Checker {
  readonly results: CheckResult[] = [];
  constructor(private readonly target: Target) {}

  async call(method: string, path: string, token: string | null, body?: unknown): Promise<Reply> {
    const response = await fetch(new URL(path, this.target.url), {
      method,
      headers: {
        accept: 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // named by the check that reads it
    }
    return { status: response.status, body: parsed, text };
  }

  record(dialect: Dialect, endpoint: string, check: string, problems: string[], passDetail = ''): void {
    const named = problems.slice(0, NAMED_PROBLEMS).join('; ');
    const rest = problems.length - NAMED_PROBLEMS;
    this.results.push({
      dialect,
      endpoint,
      check,
      outcome: problems.length === 0 ? 'pass' : 'fail',
      detail: problems.length === 0 ? passDetail : rest > 0 ? `${named}; and ${rest} more` : named,
    });
  }

  skip(dialect: Dialect, endpoint: string, check: string, why: string): void {
    this.results.push({ dialect, endpoint, check, outcome: 'skip', detail: why });
  }

  /**
   * The success envelope: status 200, JSON, the dialect's keys in order and its fixed
   * values. Returns the body when it can be read further, else null (and the endpoint's
   * other checks are skipped).
   */
  envelope(dialect: Dialect, endpoint: string, reply: Reply): Json | null {
    const { keys, fixed } = ENVELOPES[dialect];
    const problems: string[] = [];
    if (reply.status !== 200) problems.push(`status ${reply.status}, documented 200: ${reply.text.slice(0, 120)}`);
    else if (!isObject(reply.body)) problems.push(`the body is not a JSON object: ${reply.text.slice(0, 120)}`);
    else {
      const got = Object.keys(reply.body);
      if (got.join() !== keys.join()) problems.push(`keys ${got.join(', ')}, documented ${keys.join(', ')}`);
      for (const [key, value] of Object.entries(fixed))
        if (reply.body[key] !== value) problems.push(`${key} is ${show(reply.body[key])}, documented ${show(value)}`);
    }
    this.record(dialect, endpoint, 'envelope', problems, keys.join(', '));
    return reply.status === 200 && isObject(reply.body) ? reply.body : null;
  }

  /** An error answer: the expected status and the dialect's error body. */
  async error(dialect: Dialect, endpoint: string, check: string, reply: Promise<Reply>, status: number) {
    const { status: got, body, text } = await reply;
    const problems: string[] = [];
    if (got !== status) problems.push(`status ${got}, documented ${status}`);
    problems.push(
      ...fieldProblems(body, ERROR_FORMATS[dialect], 'the body', true).map((p) => p.replace(/^the body\./, '')),
    );
    if (isObject(body)) {
      if (dialect === 'inbox' && body.errcode === 0) problems.push('errcode is 0 on a failure');
      if ((dialect === 'chat' || dialect === 'offline') && body.code === 0) problems.push('code is 0 on a failure');
      if (dialect === 'im' && body.success !== false)
        problems.push(`success is ${show(body.success)}, documented false`);
      if (dialect === 'agora' && status === 401) {
        if (body.error !== 'unauthorized') problems.push(`error is ${show(body.error)}, documented "unauthorized"`);
        if (body.error_description !== 'Unable to authenticate (OAuth)')
          problems.push(
            `error_description is ${show(body.error_description)}, documented "Unable to authenticate (OAuth)"`,
          );
      }
    } else problems.push(`not JSON: ${text.slice(0, 120)}`);
    this.record(dialect, endpoint, check, problems, `${status}, ${Object.keys(ERROR_FORMATS[dialect]).join(', ')}`);
  }
}

/** What the chat list tells about the caller: who they are, someone they talk to, a message id. */
interface Acquaintance {
  me: number;
  other: { id: number; userName: string } | null;
  messageId: number | null;
}

/** Read as far as the answer allows, so a shape problem in the chat list leaves the other dialects checked. */
function acquaintance(windows: readonly unknown[]): Partial<Acquaintance> {
  for (const window of windows) {
    if (!isObject(window) || !isObject(window.user)) continue;
    const { id, userName } = window.user;
    if (typeof id !== 'number' || typeof userName !== 'string') continue;
    const me = window.fromId === id ? window.toId : window.fromId;
    if (typeof me !== 'number') continue;
    // The delivery status is the recipient's: a message sent to the other person.
    const messages = Array.isArray(window.messages) ? window.messages.filter(isObject) : [];
    const toThem = messages.filter((m) => m.toId === id && typeof m.id === 'number').at(-1);
    return { me, other: { id, userName }, messageId: (toThem?.id as number | undefined) ?? null };
  }
  return {};
}

async function checkChat(c: Checker, { token }: Target): Promise<Acquaintance> {
  const endpoint = 'GET /api/chat?type=all&page=1&pageSize=10';
  const known: Acquaintance = { me: 0, other: null, messageId: null };
  const body = c.envelope('chat', endpoint, await c.call('GET', '/api/chat?type=all&page=1&pageSize=10', token));
  if (body) {
    const data = body.data;
    const page = fieldProblems(
      data,
      { page: 'number', pageSize: 'number', total: 'number', list: 'array' },
      'data',
      false,
    );
    const windows = isObject(data) && Array.isArray(data.list) ? (data.list as unknown[]) : [];
    const windowProblems = listProblems(windows, CHAT_WINDOW, 'list', false);
    const users = windows.flatMap((w, i) =>
      isObject(w) && w.user !== null ? fieldProblems(w.user, USER_CARD, `list[${i}].user`, false) : [],
    );
    const messages = windows.flatMap((w, i) =>
      isObject(w) && Array.isArray(w.messages)
        ? listProblems(w.messages, CHAT_MESSAGE, `list[${i}].messages`, false)
        : [],
    );
    const all = [...page, ...windowProblems, ...users, ...messages];
    c.record('chat', endpoint, 'fields and types', all, `${windows.length} windows`);

    const times = windows.flatMap((w, i) =>
      isObject(w)
        ? [w, ...(Array.isArray(w.messages) ? w.messages : [])]
            .filter((item): item is Json => isObject(item) && typeof item.created_at === 'string')
            .filter((item) => !ISO_TIME.test(item.created_at as string))
            .map((item) => `list[${i}] has created_at ${show(item.created_at)}, documented ISO 8601 UTC`)
        : [],
    );
    c.record('chat', endpoint, 'time format', times, 'ISO 8601 UTC');

    if (all.length === 0) {
      const list = windows as Json[];
      const order = [
        ...orderProblems(
          list,
          (a, b) => String(a.created_at) >= String(b.created_at),
          'windows by last activity, newest first',
        ),
        ...list.flatMap((w, i) => {
          const inWindow = w.messages as Json[];
          return [
            ...(inWindow.length > 20 ? [`list[${i}] has ${inWindow.length} messages, documented the latest 20`] : []),
            ...orderProblems(
              inWindow,
              (a, b) => String(a.created_at) <= String(b.created_at),
              `list[${i}].messages oldest first`,
            ),
          ];
        }),
      ];
      c.record('chat', endpoint, 'order', order, 'windows newest first, messages oldest first');
    } else c.skip('chat', endpoint, 'order', 'the items do not have the documented shape');
    Object.assign(known, acquaintance(windows));
  }
  await c.error(
    'chat',
    'GET /api/chat?pageSize=0',
    'error format (bad request)',
    c.call('GET', '/api/chat?type=all&page=1&pageSize=0', token),
    422,
  );
  await c.error('chat', 'GET /api/chat', 'error format (bad token)', c.call('GET', '/api/chat', BAD_TOKEN), 401);
  return known;
}

/** A notification list: the envelope, exact items, a status, an order. */
async function checkNotifications(
  c: Checker,
  endpoint: string,
  reply: Reply,
  { status, order, at_most }: { status: string; order: [(a: Json, b: Json) => boolean, string]; at_most: number },
): Promise<Json[]> {
  const body = c.envelope('inbox', endpoint, reply);
  if (!body) return [];
  const errdata = body.errdata;
  const items = isObject(errdata) && Array.isArray(errdata.data) ? (errdata.data as unknown[]) : null;
  if (!items) {
    c.record('inbox', endpoint, 'fields and types', [`errdata is ${show(errdata)}, documented {"data": [...]}`]);
    return [];
  }
  const problems = [
    ...fieldProblems(errdata, { data: 'array' }, 'errdata', true),
    ...listProblems(items, NOTIFICATION, 'data', true),
  ];
  const list = items.filter(isObject);
  problems.push(
    ...list
      .filter((n) => typeof n.status === 'string' && n.status !== status)
      .map((n) => `notification ${show(n.id)} has status ${show(n.status)}, this list holds ${show(status)}`),
    ...list
      .flatMap((n) => [n.created_at, n.updated_at])
      .filter((time) => typeof time === 'string' && !INBOX_TIME.test(time))
      .map((time) => `time ${show(time)}, documented YYYY-MM-DD HH:mm:ss`),
  );
  c.record('inbox', endpoint, 'fields and types', problems, `${items.length} notifications`);
  if (problems.length > 0) {
    c.skip('inbox', endpoint, 'order', 'the items do not have the documented shape');
    return list;
  }
  const orderProblemsFound = [
    ...(list.length > at_most ? [`${list.length} items, documented at most ${at_most}`] : []),
    ...orderProblems(list, order[0], order[1]),
  ];
  c.record('inbox', endpoint, 'order', orderProblemsFound, order[1]);
  return list;
}

const byIdAscending: [(a: Json, b: Json) => boolean, string] = [
  (a, b) => (a.id as number) < (b.id as number),
  'ascending by id',
];
const mostRecentlyReadFirst: [(a: Json, b: Json) => boolean, string] = [
  (a, b) => String(a.updated_at) >= String(b.updated_at),
  'most recently read first',
];

async function checkInbox(c: Checker, target: Target, me: number): Promise<void> {
  const { token } = target;
  const unread = await checkNotifications(c, 'GET /message/unread', await c.call('GET', '/message/unread', token), {
    status: '0',
    order: byIdAscending,
    at_most: Infinity,
  });
  await checkNotifications(c, 'GET /message/read', await c.call('GET', '/message/read', token), {
    status: '1',
    order: mostRecentlyReadFirst,
    at_most: 3,
  });
  await checkNotifications(
    c,
    'GET /message/read/after/0/limit/100',
    await c.call('GET', '/message/read/after/0/limit/100', token),
    { status: '1', order: mostRecentlyReadFirst, at_most: 100 },
  );
  await c.error(
    'inbox',
    'GET /message/read/after/0/limit/0',
    'error format (bad request)',
    c.call('GET', '/message/read/after/0/limit/0', token),
    422,
  );
  await c.error(
    'inbox',
    'GET /message/unread',
    'error format (bad token)',
    c.call('GET', '/message/unread', BAD_TOKEN),
    401,
  );

  const create = 'POST /message/create';
  if (!target.allowWrites) c.skip('inbox', create, 'envelope', 'writes: run with --allow-writes');
  else {
    const userId = me || (unread[0]?.user_id as number | undefined) || 0;
    const body = {
      title: '联调检查',
      type: 1,
      subtype: 1,
      content: '接口一致性检查写入的通知',
      params: null,
      user_id: userId,
    };
    const created = c.envelope('inbox', create, await c.call('POST', '/message/create', token, body));
    if (created) {
      const data = isObject(created.errdata) ? created.errdata.data : undefined;
      c.record(
        'inbox',
        create,
        'fields and types',
        data === '新增操作成功' ? [] : [`errdata.data is ${show(data)}, documented "新增操作成功"`],
        '"新增操作成功"',
      );
    }
    await c.error(
      'inbox',
      create,
      'error format (bad request)',
      c.call('POST', '/message/create', token, { ...body, type: 99 }),
      422,
    );
  }
}

async function checkAgora(c: Checker, target: Target, known: Acquaintance): Promise<void> {
  const { appToken, appId } = target;
  const username = target.username ?? known.other?.userName;
  const countPath = (name: string, app = appId) =>
    `/app-id/${encodeURIComponent(app)}/users/${encodeURIComponent(name)}/offline_msg_count`;
  const countEndpoint = 'GET /app-id/{app_id}/users/{username}/offline_msg_count';
  const statusEndpoint = 'GET /app-id/{app_id}/users/{username}/offline_msg_status/{msg_id}';
  if (!username) {
    c.skip(
      'agora',
      countEndpoint,
      'envelope',
      'no user to ask about: give --username, or a token of someone with a chat',
    );
    return;
  }
  const body = c.envelope('agora', countEndpoint, await c.call('GET', countPath(username), appToken));
  if (body) {
    const problems = fieldProblems(
      body,
      {
        uri: 'string',
        path: 'string',
        entities: 'array',
        data: 'object',
        timestamp: 'number',
        duration: 'number',
        count: 'number',
      },
      'body',
      false,
    );
    if (body.path !== countPath(username)) problems.push(`path is ${show(body.path)}, documented the request's path`);
    if (Array.isArray(body.entities) && body.entities.length > 0) problems.push('entities is not empty');
    const data = isObject(body.data) ? body.data : {};
    const keys = Object.keys(data);
    if (keys.join() !== username)
      problems.push(`data has keys ${keys.join(', ') || 'none'}, documented only "${username}"`);
    else if (typeof data[username] !== 'number')
      problems.push(`data.${username} is ${kindOf(data[username])} ${show(data[username])}, documented number`);
    c.record('agora', countEndpoint, 'fields and types', problems, `data.${username}: number`);
  }
  if (known.messageId === null || username !== known.other?.userName)
    c.skip('agora', statusEndpoint, 'envelope', 'no chat message sent to that user to ask about');
  else {
    const id = String(known.messageId);
    const path = `/app-id/${encodeURIComponent(appId)}/users/${encodeURIComponent(username)}/offline_msg_status/${id}`;
    const reply = c.envelope('agora', statusEndpoint, await c.call('GET', path, appToken));
    if (reply) {
      const data = isObject(reply.data) ? reply.data : {};
      const problems =
        Object.keys(data).join() !== id
          ? [`data has keys ${Object.keys(data).join(', ') || 'none'}, documented only "${id}"`]
          : data[id] === 'delivered' || data[id] === 'undelivered'
            ? []
            : [`data.${id} is ${show(data[id])}, documented "delivered" or "undelivered"`];
      c.record('agora', statusEndpoint, 'fields and types', problems, `data.${id}: "delivered" | "undelivered"`);
    }
  }
  await c.error(
    'agora',
    countEndpoint,
    'error format (bad token)',
    c.call('GET', countPath(username), target.token),
    401,
  );
  await c.error(
    'agora',
    countEndpoint,
    'error format (unknown user)',
    c.call('GET', countPath('conformance-no-such-user'), appToken),
    404,
  );
  await c.error(
    'agora',
    countEndpoint,
    'error format (unknown app id)',
    c.call('GET', countPath(username, `${appId}-not-this`), appToken),
    404,
  );
}

async function checkIm(c: Checker, target: Target, known: Acquaintance): Promise<void> {
  const endpoint = 'GET /api/im/getNewestMsgListByLastTime';
  const { token, appId } = target;
  const query = (fromrole: string, lasttime = '0') =>
    `/api/im/getNewestMsgListByLastTime?appid=${encodeURIComponent(appId)}&from=${known.me}&to=${known.other?.id ?? 0}&fromrole=${fromrole}&lasttime=${lasttime}`;
  if (!known.other) c.skip('im', endpoint, 'envelope', 'no one to ask about: the user has no one-to-one chat');
  else {
    // The caller's role is not in any documented answer: a MEMBER, or else a SALER.
    let reply = await c.call('GET', query('MEMBER'), token);
    if (reply.status === 422) reply = await c.call('GET', query('SALER'), token);
    const body = c.envelope('im', endpoint, reply);
    const items = body && Array.isArray(body.data) ? (body.data as unknown[]) : null;
    if (body && !items)
      c.record('im', endpoint, 'fields and types', [`data is ${kindOf(body.data)}, documented array`]);
    if (items) {
      const problems = listProblems(items, IM_MESSAGE, 'data', true);
      c.record('im', endpoint, 'fields and types', problems, `${items.length} messages`);
      if (problems.length > 0) c.skip('im', endpoint, 'order', 'the items do not have the documented shape');
      else
        c.record(
          'im',
          endpoint,
          'order',
          [
            ...(items.length > 200 ? [`${items.length} messages, documented at most 200`] : []),
            ...orderProblems(
              items as Json[],
              (a, b) => (a.sendtime as number) >= (b.sendtime as number),
              'newest first by sendtime',
            ),
          ],
          'newest first, at most 200',
        );
    }
  }
  await c.error(
    'im',
    `${endpoint}?fromrole=BOSS`,
    'error format (bad request)',
    c.call('GET', query('BOSS'), token),
    422,
  );
  await c.error('im', endpoint, 'error format (bad token)', c.call('GET', query('MEMBER'), BAD_TOKEN), 401);
}

async function checkOffline(c: Checker, target: Target): Promise<void> {
  const endpoint = 'GET /offlineMessages';
  if (!target.allowWrites)
    c.skip('offline', endpoint, 'envelope', 'marks what it returns delivered: run with --allow-writes');
  else {
    const body = c.envelope('offline', endpoint, await c.call('GET', '/offlineMessages', target.token));
    const items = body && Array.isArray(body.messages) ? (body.messages as unknown[]) : null;
    if (body && !items)
      c.record('offline', endpoint, 'fields and types', [`messages is ${kindOf(body.messages)}, documented array`]);
    if (items) {
      const problems = listProblems(items, OFFLINE_MESSAGE, 'messages', true);
      items.filter(isObject).forEach((m, i) => {
        if (!isObject(m.extraInfo)) return;
        for (const [key, value] of Object.entries(m.extraInfo))
          if (typeof value !== 'string')
            problems.push(`messages[${i}].extraInfo.${key} is ${kindOf(value)} ${show(value)}, documented string`);
      });
      c.record('offline', endpoint, 'fields and types', problems, `${items.length} messages`);
      if (problems.length > 0) c.skip('offline', endpoint, 'order', 'the items do not have the documented shape');
      else
        c.record(
          'offline',
          endpoint,
          'order',
          orderProblems(items as Json[], (a, b) => (a.time as number) <= (b.time as number), 'oldest first'),
          'oldest first',
        );
    }
  }
  await c.error('offline', endpoint, 'error format (bad token)', c.call('GET', '/offlineMessages', BAD_TOKEN), 401);
}

/** Runs every check against a server; the results in the order they ran. */
export async function runChecks(target: Target): Promise<CheckResult[]> {
  const c = new Checker(target);
  const known = await checkChat(c, target);
  await checkInbox(c, target, known.me);
  await checkAgora(c, target, known);
  await checkIm(c, target, known);
  await checkOffline(c, target);
  return c.results;
}
