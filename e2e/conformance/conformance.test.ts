import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type TestServer } from '../../embedded-server/test/harness.js';
import { runChecks, type CheckResult, type Target } from './checks.js';
import { junitReport, markdownReport } from './report.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the stand-in rewrites JSON answers freely */

/** A way the stand-in breaks the documents, and the failing check that must name it. */
interface Breakage {
  what: string;
  /** Rewrites an answer to a request for `path` (without the query); unchanged when it returns nothing. */
  rewrite: (path: string, status: number, body: any) => unknown;
  expected: { dialect: string; endpoint: string; check: string; detail: RegExp };
}

const BREAKAGES: Breakage[] = [
  {
    what: 'a number where the inbox documents a string',
    rewrite: (path, status, body) => {
      if (path !== '/message/read' || status !== 200) return;
      for (const item of body.errdata.data) item.status = Number(item.status);
      return body;
    },
    expected: {
      dialect: 'inbox',
      endpoint: 'GET /message/read',
      check: 'fields and types',
      detail: /data\[0\]\.status is number 1, documented string/,
    },
  },
  {
    what: 'a reversed list',
    rewrite: (path, status, body) => {
      if (path !== '/message/unread' || status !== 200) return;
      body.errdata.data.reverse();
      return body;
    },
    expected: { dialect: 'inbox', endpoint: 'GET /message/unread', check: 'order', detail: /ascending by id/ },
  },
  {
    what: 'a missing key',
    rewrite: (path, status, body) => {
      if (path !== '/api/chat' || status !== 200) return;
      for (const window of body.data.list) for (const message of window.messages) delete message.belong;
      return body;
    },
    expected: {
      dialect: 'chat',
      endpoint: 'GET /api/chat?type=all&page=1&pageSize=10',
      check: 'fields and types',
      detail: /list\[0\]\.messages\[0\]\.belong is missing/,
    },
  },
  {
    what: 'a wrong envelope',
    rewrite: (path, status, body) => {
      if (path !== '/api/im/getNewestMsgListByLastTime' || status !== 200) return;
      return { success: 'true', data: body.data };
    },
    expected: {
      dialect: 'im',
      endpoint: 'GET /api/im/getNewestMsgListByLastTime',
      check: 'envelope',
      detail: /success is "true", documented true/,
    },
  },
  {
    what: 'a wrong error format',
    rewrite: (path, status) => {
      if (!path.startsWith('/app-id/') || status !== 401) return;
      return { code: 401, msg: 'unauthorized' };
    },
    expected: {
      dialect: 'agora',
      endpoint: 'GET /app-id/{app_id}/users/{username}/offline_msg_count',
      check: 'error format (bad token)',
      detail: /error is missing/,
    },
  },
  {
    what: 'an id typed as a number in extraInfo',
    rewrite: (path, status, body) => {
      if (path !== '/offlineMessages' || status !== 200) return;
      for (const message of body.messages)
        for (const [key, value] of Object.entries(message.extraInfo))
          if (/^\d+$/.test(value as string)) message.extraInfo[key] = Number(value);
      return body;
    },
    expected: {
      dialect: 'offline',
      endpoint: 'GET /offlineMessages',
      check: 'fields and types',
      detail: /extraInfo\.\w+ is number \d+, documented string/,
    },
  },
];

/** A real HTTP server in front of ours that passes every request on and breaks some answers. */
async function brokenStandIn(upstream: string, breakages: readonly Breakage[]): Promise<Server> {
  const proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept'])
        if (typeof request.headers[name] === 'string') headers[name] = request.headers[name];
      const answer = await fetch(upstream + request.url, {
        method: request.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      let text = await answer.text();
      const path = request.url!.split('?', 1)[0]!;
      // Every answer of the server is JSON; each breakage reads it afresh.
      for (const breakage of breakages) {
        const broken = breakage.rewrite(path, answer.status, JSON.parse(text));
        if (broken !== undefined) text = JSON.stringify(broken);
      }
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return proxy;
}

const failures = (results: readonly CheckResult[]) => results.filter((result) => result.outcome === 'fail');

let ours: TestServer;
let zhangsan: string;

beforeAll(async () => {
  ours = await startTestServer({ demo: true });
  const login = await ours.post('/api/auth/login', { username: 'zhangsan', password: 'demo1234' });
  zhangsan = login.body.data.token;
});
afterAll(() => ours.close());

const target = (url: string, change: Partial<Target> = {}): Target => ({
  url,
  token: zhangsan,
  appToken: APP_TOKEN,
  appId: 'JH',
  allowWrites: true,
  ...change,
});

describe('the seed-contract checks', () => {
  it('pass against our own server, every one of them, writes included', async () => {
    const results = await runChecks(target(ours.url));
    expect(failures(results)).toEqual([]);
    expect(results.filter((result) => result.outcome === 'skip')).toEqual([]);
    // Every dialect, and for each its envelope, its items and its error format.
    const checks = new Set(results.map((r) => `${r.dialect} ${r.check.split(' (')[0]}`));
    for (const dialect of ['offline', 'inbox', 'agora', 'chat', 'im'])
      for (const check of ['envelope', 'fields and types', 'error format'])
        expect(checks.has(`${dialect} ${check}`), `${dialect} ${check}`).toBe(true);
  });

  it('only read by default: the endpoints that write are skipped and say why', async () => {
    const results = await runChecks(target(ours.url, { allowWrites: false }));
    expect(failures(results)).toEqual([]);
    const skipped = results.filter((result) => result.outcome === 'skip');
    expect(skipped.map((result) => result.endpoint).sort()).toEqual(['GET /offlineMessages', 'POST /message/create']);
    expect(skipped.every((result) => result.detail.includes('--allow-writes'))).toBe(true);
  });

  it('name each breakage of a stand-in that departs from the documents, and nothing else', async () => {
    // Something waits offline for zhangsan (an earlier run picked up the rest): a message from lisi.
    const lisi = (await ours.post('/api/auth/login', { username: 'lisi', password: 'demo1234' })).body.data;
    const window = await ours.post('/api/chat', { toId: 1 }, lisi.token);
    expect(window.status, window.text).toBe(200);
    const sent = await ours.post(
      `/api/chat/${window.body.data.id}/messages`,
      { message: '在吗？', type: 'TEXT', clientMsgId: 'conformance-1' },
      lisi.token,
    );
    expect(sent.status, sent.text).toBe(201);
    const standIn = await brokenStandIn(ours.url, BREAKAGES);
    try {
      const { port } = standIn.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}`;
      const results = await runChecks(target(url));
      const failed = failures(results);
      for (const { what, expected } of BREAKAGES) {
        const named = failed.find(
          (r) => r.dialect === expected.dialect && r.endpoint === expected.endpoint && r.check === expected.check,
        );
        expect(named, what).toBeDefined();
        expect(named!.detail, what).toMatch(expected.detail);
      }
      expect(failed).toHaveLength(BREAKAGES.length);

      const markdown = markdownReport(results, url);
      expect(markdown).toContain('| dialect | endpoint | check | result | detail |');
      expect(markdown).toContain(`${BREAKAGES.length} failed`);
      expect(markdown).toMatch(
        /\| inbox \| `GET \/message\/unread` \| order \| FAIL \| items \d+ and \d+ break the order/,
      );
      const junit = junitReport(results);
      expect(junit).toContain(`failures="${BREAKAGES.length}"`);
      expect(junit.match(/<failure /g)).toHaveLength(BREAKAGES.length);
    } finally {
      await new Promise((resolve) => standIn.close(resolve));
    }
  });
});
