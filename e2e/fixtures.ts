import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

export const APP_TOKEN = 'e2e-app-token-0123456789abcdef';
export const DEMO_PASSWORD = 'demo1234';
const root = fileURLToPath(new URL('../', import.meta.url));

export interface RunningServer {
  url: string;
  /** Calls the server's API as a given token would (for set-up and for checking counts). */
  api<T = unknown>(method: string, path: string, token: string | null, body?: unknown): Promise<T>;
  login(username: string): Promise<{ token: string; user: { id: number; userName: string; nickname: string } }>;
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
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
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
        await api<{ data: { token: string; user: { id: number; userName: string; nickname: string } } }>(
          'POST',
          '/api/auth/login',
          null,
          { username, password: DEMO_PASSWORD },
        )
      ).data,
  };
  return {
    server,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
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
 * `server`: one real server per worker; before each test its store is reset to the demo
 * workspace, so every test starts from the same known state.
 */
/**
 * A demo user signed in, in a browser context of their own (their own storage, their own
 * socket), with any context options a test needs (language, theme, permissions).
 */
export async function person(
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

export const test = base.extend<{ server: RunningServer }, { runningServer: RunningServer }>({
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
    await runningServer.api('POST', '/api/admin/reset', APP_TOKEN);
    await use(runningServer);
  },
});

export { expect };
