import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

it('npm start, where Electron cannot run, says why and serves the app in web mode', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'messenger-start-'));
  // No display, and an Electron that is not there: the launcher must fall back.
  const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'none') };
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/src/start.ts', '--data-dir', dataDir], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    const ready = JSON.parse(line) as { event: string; url: string };
    expect(ready.event).toBe('ready');
    expect(stderr).toMatch(/Electron cannot start here: .+\nStarting in web mode instead\./);
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
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
