import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'messenger-start-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start` where Electron cannot run: no display, and an Electron that is not there. */
async function startWithoutElectron() {
  const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'none') };
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/src/start.ts', '--data-dir', dataDir], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    const ready = JSON.parse(line) as { event: string; url: string };
    return { ready, stderr: () => stderr, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

it('npm start, where Electron cannot run, says why and serves the app in web mode', async () => {
  const { ready, stderr, stop } = await startWithoutElectron();
  try {
    expect(ready.event).toBe('ready');
    expect(stderr()).toMatch(/Electron cannot start here: .+\nStarting in web mode instead\./);
    const page = await fetch(ready.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // The demo workspace is there to sign in to.
    const login = await fetch(`${ready.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zhangsan', password: 'demo1234' }),
    });
    expect(login.status).toBe(200);
  } finally {
    await stop();
  }
});

it('web mode comes back at the same address, so the browser keeps the session it stored there', async () => {
  const first = await startWithoutElectron();
  await first.stop();
  const second = await startWithoutElectron();
  await second.stop();
  expect(second.ready.url).toBe(first.ready.url);
});

it('web mode moves to a free port when another program holds its own, and keeps the new one', async () => {
  const first = await startWithoutElectron();
  await first.stop();
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(Number(new URL(first.ready.url).port), '127.0.0.1', resolve));
  try {
    const moved = await startWithoutElectron();
    await moved.stop();
    expect(moved.ready.url).not.toBe(first.ready.url);
    const again = await startWithoutElectron();
    await again.stop();
    expect(again.ready.url).toBe(moved.ready.url);
  } finally {
    squatter.close();
  }
});
