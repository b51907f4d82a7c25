import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServerArgs, UsageError } from '../src/config.js';
import { latestSchemaVersion } from '../src/db/migrations/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'embedded-server/src/cli.ts');

let dataDir: string;
let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the command line of API.md §4 as a real process. */
function runServer(args: string[]) {
  dataDir = mkdtempSync(join(tmpdir(), 'messenger-cli-'));
  const proc = spawn(process.execPath, ['--import', 'tsx', cli, '--data-dir', dataDir, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const lines = createInterface({ input: proc.stdout! });
  const stdout: string[] = [];
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  lines.on('line', (line) => stdout.push(line));
  const exit = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  return { proc, firstLine, exit, stdout, stderr: () => stderr };
}

describe('npm run server', () => {
  it('prints one JSON ready line, serves, and shuts down cleanly on SIGTERM', async () => {
    const server = runServer(['--port', '0', '--demo', '--app-token', 'cli-test-app-token-123']);
    const ready = JSON.parse(await server.firstLine);
    expect(Object.keys(ready)).toEqual(['event', 'url', 'appId']);
    expect(ready.event).toBe('ready');
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.appId).toBe('JH');

    const count = await fetch(`${ready.url}/app-id/JH/users/zhangsan/offline_msg_count`, {
      headers: { authorization: 'Bearer cli-test-app-token-123' },
    });
    expect(count.status, await count.clone().text()).toBe(200);
    const html = await fetch(`${ready.url}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // The page is asked for each time; the files the build named after their content never again.
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const asset = await fetch(`${ready.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    await asset.arrayBuffer(); // a body left unread would hold the connection, and the shutdown, open

    server.proc.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    expect(server.stdout).toHaveLength(1);
    // Checkpointed on the way out: the WAL holds nothing more.
    const wal = join(dataDir, 'messenger.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const db = new Database(join(dataDir, 'messenger.db'), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM users WHERE role = 'SALER'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('generates an app token into the data folder, readable by its owner only', async () => {
    const server = runServer(['--port', '0']);
    await server.firstLine;
    const file = join(dataDir, 'app-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    server.proc.kill('SIGINT');
    expect(await server.exit).toBe(0);
  });

  it('refuses to open a database from a newer version with one fatal line and exit code 78', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'messenger-cli-'));
    const db = new Database(join(dataDir, 'messenger.db'));
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    const proc = spawn(process.execPath, ['--import', 'tsx', cli, '--data-dir', dataDir], { cwd: root });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => proc.once('exit', resolve));
    expect(code).toBe(78);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const fatal = JSON.parse(lines[0]!);
    expect(Object.keys(fatal)).toEqual(['event', 'kind', 'message']);
    expect(fatal).toMatchObject({
      event: 'fatal',
      kind: 'newer-schema',
      message: expect.stringMatching(/newer version/),
    });
    expect(stderr).toContain(fatal.message);
  });
});

describe('command-line options', () => {
  it('reads every option of API.md §4 with its default', () => {
    const config = parseServerArgs(['--data-dir', 'd'], {});
    expect(config).toMatchObject({ dataDir: 'd', port: 0, host: '127.0.0.1', demo: false, appId: 'JH', rateLimit: 0 });
    // The send rate and upload quota hold on loopback too.
    expect(config).toMatchObject({ sendRate: 20, uploadQuotaMiB: 1024, replyCacheMiB: 16 });
    expect(config.appToken).toBeNull();
    const all = parseServerArgs(
      [
        '--data-dir',
        'd',
        '--port',
        '8080',
        '--host',
        '0.0.0.0',
        '--demo',
        '--app-token',
        'a'.repeat(20),
        '--app-id',
        'X1',
        '--allow-reset',
        '--send-rate',
        '5',
        '--upload-quota',
        '0',
        '--reply-cache',
        '0',
      ],
      {},
    );
    expect(all).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      demo: true,
      appId: 'X1',
      allowReset: true,
      rateLimit: 50,
      sendRate: 5,
      uploadQuotaMiB: 0,
      replyCacheMiB: 0,
    });
    expect(parseServerArgs(['--data-dir', 'd'], { EMBEDDED_SERVER_APP_TOKEN: 'e'.repeat(20) }).appToken).toBe(
      'e'.repeat(20),
    );
  });

  it('rejects what it cannot use', () => {
    for (const args of [
      [],
      ['--data-dir', 'd', '--port', '70000'],
      ['--data-dir', 'd', '--nope'],
      ['--data-dir', 'd', '--app-token', 'short'],
      ['--data-dir', 'd', '--send-rate', '-1'],
      ['--data-dir', 'd', '--upload-quota', '1.5'],
      ['--data-dir', 'd', '--reply-cache', '-1'],
      ['--data-dir', 'd', '--reply-cache', '5000'],
    ])
      expect(() => parseServerArgs(args, {}), args.join(' ')).toThrow(UsageError);
  });
});
