import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseServerArgs, UsageError } from '../src/config.js';
import { backupsFolderOf, listSnapshots } from '../src/db/backups.js';
import type { StorageError } from '../src/db/open.js';
import { startServer, type StartOptions } from '../src/server.js';
import { damageTable, growPastOpenCheck } from './damage.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'embedded-server/src/cli.ts');
const APP_TOKEN = 'integrity-test-app-token-0123';

let dataDir: string;
let file: string;
const children: ReturnType<typeof spawn>[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'messenger-integrity-'));
  file = join(dataDir, 'messenger.db');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** The command line as a real process; `prefix` runs it through another program (to change user). */
function runCli(args: string[], prefix: string[] = []) {
  const [command, ...rest] = [...prefix, process.execPath, '--import', 'tsx', cli, ...args];
  const proc = spawn(command!, rest, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  const stdout: object[] = [];
  let stderr = '';
  const waiting: { test: () => boolean; resolve: () => void }[] = [];
  const settle = () => waiting.splice(0).forEach((w) => (w.test() ? w.resolve() : waiting.push(w)));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    stdout.push(JSON.parse(line));
    settle();
  });
  proc.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    settle();
  });
  const exit = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  /** Resolves once `test` holds (the test's own time-out fails it otherwise). */
  const until = (test: () => boolean) =>
    new Promise<void>((resolve) => {
      waiting.push({ test, resolve });
      settle();
    });
  return { proc, stdout, stderr: () => stderr, exit, until };
}

const serverArgs = (dir: string) => ['--data-dir', dir, '--port', '0', '--app-token', APP_TOKEN];

async function signUp(url: string, username: string) {
  return fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'password-123', nickname: username }),
  });
}

const logIn = (url: string, username: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'password-123' }),
  });

function options(onStorageFailure?: (error: StorageError) => void): StartOptions {
  return {
    ...parseServerArgs([...serverArgs(dataDir), '--log-level', 'silent'], {}),
    onStorageFailure,
  };
}

/** A data folder holding alice, closed cleanly, and a snapshot holding her. */
async function folderWithAlice() {
  const first = await startServer(options());
  expect((await signUp(first.url, 'alice')).status).toBe(201);
  await first.upkeep!.firstRound;
  await first.close();
  // The first start's snapshot was taken before alice signed up: the next start takes one with her.
  rmSync(backupsFolderOf(file), { recursive: true });
  const second = await startServer(options());
  await second.upkeep!.firstRound;
  await second.close();
}

describe('a database damaged while nothing ran (clean shutdown, pages overwritten)', () => {
  it('is refused at start-up when small enough to check at open: no ready line, a fatal one, exit code 78', async () => {
    await folderWithAlice();
    damageTable(file, 'projects');
    const server = runCli(serverArgs(dataDir));
    expect(await server.exit).toBe(78);
    expect(server.stdout).toEqual([{ event: 'fatal', kind: 'corrupt', message: expect.stringContaining(file) }]);
  });

  it('is found in the background when larger: the server stops serving, so nothing more is written', async () => {
    await folderWithAlice();
    growPastOpenCheck(file);
    damageTable(file, 'projects');

    let failed!: (error: StorageError) => void;
    const failure = new Promise<StorageError>((resolve) => (failed = resolve));
    const server = await startServer(options(failed));
    const error = await failure;
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(file);
    expect(error.message).toContain('does not write to a damaged database');
    // Stopped: a write is not answered at all, let alone stored.
    await expect(signUp(server.url, 'bob')).rejects.toThrow();
    await server.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT username FROM users').pluck().all()).toEqual(['alice']);
    db.close();
  });

  it('stops `npm run server` with a fatal line naming the backup and the command, which brings the data back', async () => {
    await folderWithAlice();
    const [snapshot] = listSnapshots(file);
    expect(snapshot).toBeDefined();

    growPastOpenCheck(file);
    damageTable(file, 'projects');
    const damaged = runCli(serverArgs(dataDir));
    expect(await damaged.exit).toBe(78);
    const [ready, fatal] = damaged.stdout as [{ event: string }, { event: string; kind: string; message: string }];
    expect(ready.event).toBe('ready');
    expect(fatal).toMatchObject({ event: 'fatal', kind: 'corrupt' });
    expect(fatal.message).toContain(snapshot!.path);
    expect(fatal.message).toContain(`npm run server -- --data-dir ${JSON.stringify(dataDir)} --restore-backup`);
    expect(damaged.stderr()).toContain(fatal.message);

    const restore = runCli(['--data-dir', dataDir, '--restore-backup']);
    expect(await restore.exit).toBe(0);
    expect(restore.stdout).toEqual([
      {
        event: 'restored',
        from: snapshot!.path,
        setAside: expect.stringMatching(/messenger-replaced-.*\.db$/),
        skipped: [],
      },
    ]);

    const check = runCli(['--data-dir', dataDir, '--check-integrity']);
    expect(await check.exit).toBe(0);
    expect(check.stdout).toEqual([{ event: 'integrity', result: 'ok', file, ms: expect.any(Number) }]);

    const again = runCli(serverArgs(dataDir));
    await again.until(() => again.stdout.length === 1);
    expect((await logIn((again.stdout[0] as { url: string }).url, 'alice')).status).toBe(200);
  });
});

describe('--check-integrity', () => {
  it('reports a damaged file with a fatal line and exit code 78, and changes nothing', async () => {
    await folderWithAlice();
    damageTable(file, 'users');
    const before = statSync(file);
    const check = runCli(['--data-dir', dataDir, '--check-integrity']);
    expect(await check.exit).toBe(78);
    expect(check.stdout).toEqual([{ event: 'fatal', kind: 'corrupt', message: expect.stringContaining(file) }]);
    const after = statSync(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  });

  it('says there is nothing to check in a folder without a database', async () => {
    const check = runCli(['--data-dir', dataDir, '--check-integrity']);
    expect(await check.exit).toBe(78);
    expect(check.stdout).toEqual([
      { event: 'fatal', kind: 'inaccessible', message: `There is no database at ${file}: nothing to check.` },
    ]);
  });
});

describe('a data folder that cannot be written', () => {
  // Root may write anywhere whatever the modes say: the server then runs as an ordinary user.
  const asOrdinaryUser =
    process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];

  // That user must reach the project to run it: a checkout inside a private folder (mktemp's
  // are 0700) is opened for passing through (o+x) while these tests run, and closed again after.
  const opened: { dir: string; mode: number }[] = [];
  beforeAll(() => {
    if (asOrdinaryUser.length === 0) return;
    for (let dir = root; dir !== dirname(dir); dir = dirname(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) !== 0) continue;
      chmodSync(dir, (mode & 0o7777) | 0o001);
      opened.push({ dir, mode: mode & 0o7777 });
    }
  });
  afterAll(() => {
    for (const { dir, mode } of opened.splice(0)) chmodSync(dir, mode);
  });

  async function refusal(dir: string) {
    const server = runCli(['--data-dir', dir, '--port', '0'], asOrdinaryUser);
    expect(await server.exit).toBe(78);
    expect(server.stdout).toHaveLength(1);
    return server.stdout[0] as { event: string; kind: string; message: string };
  }

  it('is used by that same user when it is writable (so the refusals below are about the folder)', async () => {
    chmodSync(dataDir, 0o777);
    const server = runCli(['--data-dir', join(dataDir, 'data'), '--port', '0'], asOrdinaryUser);
    await server.until(() => server.stdout.length === 1);
    expect(server.stdout[0]).toMatchObject({ event: 'ready' });
  });

  it('is called read-only when it exists, and when its parent cannot hold it', async () => {
    chmodSync(dataDir, 0o555);
    for (const dir of [dataDir, join(dataDir, 'data')]) {
      const fatal = await refusal(dir);
      expect(fatal).toMatchObject({ event: 'fatal', kind: 'inaccessible' });
      expect(fatal.message).toContain(`The data folder ${dir} is read-only for this user`);
    }
  });

  it('is called a file, not a folder, when a file stands in its way', async () => {
    writeFileSync(join(dataDir, 'data'), 'not a folder');
    // As root: the refusal is about the file in the way, not about permissions.
    const server = runCli(['--data-dir', join(dataDir, 'data', 'inner'), '--port', '0']);
    expect(await server.exit).toBe(78);
    const [fatal] = server.stdout as { kind: string; message: string }[];
    expect(fatal!.kind).toBe('inaccessible');
    expect(fatal!.message).toMatch(/is a file, not a folder/);
  });
});

describe('the maintenance options', () => {
  it('read --restore-backup with or without a file, anywhere on the line', () => {
    expect(parseServerArgs(['--data-dir', 'd', '--restore-backup'], {}).task).toEqual({
      kind: 'restore-backup',
      snapshot: null,
    });
    expect(parseServerArgs(['--restore-backup', '--data-dir', 'd'], {}).task).toEqual({
      kind: 'restore-backup',
      snapshot: null,
    });
    expect(parseServerArgs(['--data-dir', 'd', '--restore-backup', 'x.db'], {}).task).toEqual({
      kind: 'restore-backup',
      snapshot: 'x.db',
    });
    expect(parseServerArgs(['--data-dir', 'd', '--check-integrity'], {}).task).toEqual({ kind: 'check-integrity' });
    expect(parseServerArgs(['--data-dir', 'd'], {}).task).toBeUndefined();
  });

  it('refuse both at once', () => {
    expect(() => parseServerArgs(['--data-dir', 'd', '--check-integrity', '--restore-backup'], {})).toThrow(UsageError);
  });
});
