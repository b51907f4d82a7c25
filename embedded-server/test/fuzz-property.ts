import fc from 'fast-check';

/**
 * The property every endpoint must keep under hostile input: whatever the method,
 * path values, query, headers and body, the answer is below 500, is JSON, and has the
 * shape of one of the dialects (success or error). Shared by the test (a few thousand
 * runs) and the long fuzz run (`npm run fuzz`).
 */
export interface Route {
  method: string;
  path: string;
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '-1',
    '0',
    '1',
    '1.5',
    '1e308',
    '99999999999999999999',
    'NaN',
    'null',
    'true',
    "' OR 1=1 --",
    '"; DROP TABLE users; --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '张三',
    '"a" NEAR "b"',
    'a* OR b^c',
    'all',
    'JH',
    'MEMBER',
    'abcdefghijkl',
    '0123456789abcdef0123456789abcdef',
    '5993a4ff3a9bc75c1cb2f653',
  ),
);

const jsonValue = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 5 }),
);

const FIELDS = [
  'message',
  'type',
  'clientMsgId',
  'toId',
  'upTo',
  'name',
  'userId',
  'remark',
  'title',
  'subtype',
  'content',
  'params',
  'user_id',
  'username',
  'password',
  'nickname',
  'role',
  'attachmentId',
  'voiceLength',
];

const body = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom(...FIELDS), jsonValue, { maxKeys: 6 }),
  jsonValue,
  fc.constantFrom('{"broken": ', '[1,2', '{"__proto__": {"x": 1}}', 'x'.repeat(2000)),
);

export const request = (routes: readonly Route[]) =>
  fc.record({
    route: fc.constantFrom(...routes),
    method: fc.oneof(fc.constant(null), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS')),
    pathValue: hostileText,
    query: fc.dictionary(
      fc.constantFrom(
        'limit',
        'before',
        'after',
        'q',
        'type',
        'page',
        'pageSize',
        'status',
        'appid',
        'from',
        'to',
        'fromrole',
        'lasttime',
      ),
      hostileText,
      { maxKeys: 4 },
    ),
    body,
    rawBody: fc.boolean(),
    auth: fc.constantFrom('user', 'app', 'none', 'garbage'),
  });

export type HostileRequest = ReturnType<typeof request> extends fc.Arbitrary<infer T> ? T : never;

export function isDialectShape(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = new Set(Object.keys(value));
  const has = (...names: string[]) => names.every((name) => keys.has(name));
  return (
    has('code', 'msg') ||
    has('errcode', 'errmsg') ||
    has('error', 'error_description') ||
    has('success') ||
    has('messages') ||
    has('action', 'data') ||
    has('ok') ||
    has('openapi')
  );
}

/** Builds the HTTP request of one generated case. */
export function toFetch(url: string, tokens: { user: string; app: string }, input: HostileRequest) {
  const path = input.route.path.replace(/\{[^}]+\}/g, encodeURIComponent(input.pathValue));
  const query = new URLSearchParams(input.query).toString();
  const headers: Record<string, string> = {};
  if (input.auth === 'user') headers.authorization = `Bearer ${tokens.user}`;
  if (input.auth === 'app') headers.authorization = `Bearer ${tokens.app}`;
  if (input.auth === 'garbage')
    headers.authorization = `Bearer ${input.pathValue.replace(/[^\x21-\x7e]/g, 'x') || 'x'}`;
  const method = input.method ?? input.route.method;
  let payload: string | undefined;
  if (input.body !== undefined && method !== 'GET') {
    payload = input.rawBody && typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    headers['content-type'] = 'application/json';
  }
  return { target: `${url}${path}${query ? `?${query}` : ''}`, init: { method, headers, body: payload } };
}
