/**
 * The QA test kit: everything a Playwright test of the messenger needs, importable from any
 * folder (`import { test, expect } from '../e2e/kit/index.js'`) and run with
 * `npx playwright test -c e2e/playwright.config.ts <folder>/`. See e2e/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import type { ClockChange, FaultRule } from '../../embedded-server/src/contract/qa-controls.js';
import type { ScenarioResultWire, ScenarioWire } from '../../embedded-server/src/contract/scenario.js';

export type { ClockChange, FaultRule };

export const APP_TOKEN = 'e2e-app-token-0123456789abcdef';
export const DEMO_PASSWORD = 'demo1234';
const root = fileURLToPath(new URL('../../', import.meta.url));

export interface SignedInUser {
  token: string;
  user: { id: number; userName: string; nickname: string };
}

export interface RunningServer {
  url: string;
  /** Calls the server's API as a given token would (for set-up and for checking counts). */
  api<T = unknown>(method: string, path: string, token: string | null, body?: unknown): Promise<T>;
  login(username: string): Promise<SignedInUser>;
  /** Back to the demo workspace (every test starts there already). */
  reset(): Promise<void>;
  /** A whole workspace in one request, built as if its people had done it: the ids it made, by key. */
  scenario(scenario: ScenarioWire): Promise<ScenarioResultWire>;
  /** Sets or moves the server's clock; `'real'` returns it to real time. The server's time after. */
  clock(change: ClockChange | 'real'): Promise<{ now: number }>;
  /** Makes matching requests fail, wait or drop; `'none'` clears every rule. */
  faults(change: { rules: FaultRule[]; dropWebSockets?: boolean } | 'none'): Promise<void>;
}

/**
 * What the server writes to stderr reaches the test output while it serves (a warning, an
 * error), but not what it says about the stop the kit asked for. Its stderr is a pipe, not
 * the terminal, so the hint for a person at a terminal stays out too.
 */
function forwardWhileServing(child: ChildProcess): { stopping: () => void } {
  let serving = true;
  child.stderr!.on('data', (chunk: Buffer) => {
    if (serving) process.stderr.write(chunk);
  });
  return { stopping: () => (serving = false) };
}

/**
 * Starts `npm run server` as QA would: demo workspace, reset allowed, a known app token.
 * `bundled`: the server bundle the desktop app ships (electron/dist/server.mjs, built by
 * `npm run build:desktop`) run by plain Node, instead of the TypeScript sources.
 * `dataDir` and `port`: a server started again where an earlier one was (same store, same
 * origin for the browser); `stop({ keepData: true })` leaves the store for it.
 */
export async function startServer({
  bundled = false,
  dataDir = mkdtempSync(join(tmpdir(), 'messenger-e2e-')),
  port = 0,
}: { bundled?: boolean; dataDir?: string; port?: number } = {}): Promise<{
  server: RunningServer;
  dataDir: string;
  stop: (options?: { keepData?: boolean }) => Promise<void>;
}> {
  const entry = bundled ? ['electron/dist/server.mjs'] : ['--import', 'tsx', 'embedded-server/src/cli.ts'];
  const env = {
    ...process.env,
    EMBEDDED_SERVER_APP_TOKEN: APP_TOKEN,
    MESSENGER_RENDERER_DIR: join(root, 'renderer/dist'),
  };
  const child: ChildProcess = spawn(
    process.execPath,
    // Tests seed long chats faster than a person sends: the per-user send limit is raised.
    [
      ...entry,
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--demo',
      '--allow-reset',
      '--log-level',
      'warn',
      '--send-rate',
      '1000',
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr = forwardWhileServing(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const { url } = JSON.parse(line) as { url: string };

  async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
  const server: RunningServer = {
    url,
    api,
    login: async (username) =>
      (
        await api<{ data: SignedInUser }>('POST', '/api/auth/login', null, {
          username,
          password: DEMO_PASSWORD,
        })
      ).data,
    reset: async () => {
      await api('POST', '/api/admin/reset', APP_TOKEN);
    },
    scenario: async (scenario) =>
      (await api<{ data: ScenarioResultWire }>('POST', '/api/admin/scenario', APP_TOKEN, scenario)).data,
    clock: async (change) =>
      change === 'real'
        ? (await api<{ data: { now: number } }>('DELETE', '/api/admin/clock', APP_TOKEN)).data
        : (await api<{ data: { now: number } }>('POST', '/api/admin/clock', APP_TOKEN, change)).data,
    faults: async (change) => {
      if (change === 'none') await api('DELETE', '/api/admin/faults', APP_TOKEN);
      else await api('POST', '/api/admin/faults', APP_TOKEN, change);
    },
  };
  return {
    server,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      stderr.stopping();
      child.kill('SIGTERM');
      await exited;
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in screen, as a person would. */
export async function signIn(page: Page, server: RunningServer, username: string) {
  await page.goto(server.url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
  await page
    .getByRole('button', { name: /^(登录|Sign in)$/ })
    .last()
    .click();
  await expect(page.getByRole('navigation', { name: /分区|Sections/ })).toBeVisible();
}

/**
 * A demo user signed in, in a browser context of their own (their own storage, their own
 * socket), with any context options a test needs (language, theme, permissions). The caller
 * closes the context; the `person` fixture does it for a test.
 */
export async function openPerson(
  browser: Browser,
  server: RunningServer,
  username: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, server, username);
  return page;
}

/** The `person` fixture: `await person('lisi')` is lisi's signed-in page, closed when the test ends. */
export type Person = (username: string, options?: BrowserContextOptions) => Promise<Page>;

/**
 * `server`: one real server per worker; before each test its store is reset to the demo
 * workspace, so every test starts from the same known state, on real time with no faults.
 * `person`: demo users signed in, each in a context of their own.
 */
export const test = base.extend<{ server: RunningServer; person: Person }, { runningServer: RunningServer }>({
  runningServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument
    async ({}, use) => {
      const { server, stop } = await startServer();
      await use(server);
      await stop();
    },
    { scope: 'worker' },
  ],
  server: async ({ runningServer }, use) => {
    // What an earlier test set (even one that failed half-way) stays with it; the demo is
    // seeded relative to the clock, so real time comes back first.
    await runningServer.clock('real');
    await runningServer.faults('none');
    await runningServer.reset();
    await use(runningServer);
  },
  person: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (username, options) => {
      const page = await openPerson(browser, server, username, options);
      contexts.push(page.context());
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };
