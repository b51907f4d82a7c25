import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  FATAL_EXIT_CODE,
  PORT_TAKEN_EXIT_CODE,
  ServerSupervisor,
  type ServerFailure,
  type ServerProcess,
} from './server-supervisor.js';

/** A stand-in for the server process, driven by the test. */
class FakeProcess implements ServerProcess {
  readonly posted: unknown[] = [];
  killed = false;
  private messageListeners: ((m: unknown) => void)[] = [];
  private exitListeners: ((code: number) => void)[] = [];
  constructor(readonly port: number) {}
  onMessage(listener: (m: unknown) => void) {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number) => void) {
    this.exitListeners.push(listener);
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed = true;
    this.exit(137);
  }
  send(message: unknown) {
    for (const l of this.messageListeners) l(message);
  }
  ready(port = 40123) {
    this.send({ event: 'ready', url: `http://127.0.0.1:${port}`, appId: 'JH' });
  }
  exit(code: number) {
    for (const l of this.exitListeners) l(code);
  }
}

function harness(maxRestarts = 3) {
  const forks: FakeProcess[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const ready: string[] = [];
  const gaveUp: string[] = [];
  const fatal: ServerFailure[] = [];
  const supervisor = new ServerSupervisor({
    fork: (port) => {
      const process = new FakeProcess(port);
      forks.push(process);
      return process;
    },
    maxRestarts,
    onReady: (url) => ready.push(url),
    onGiveUp: (reason) => gaveUp.push(reason),
    onFatal: (failure) => fatal.push(failure),
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  return { supervisor, forks, timers, ready, gaveUp, fatal };
}

describe('the server supervisor', () => {
  it('reports the URL once the server is ready', () => {
    const { supervisor, forks, ready } = harness();
    supervisor.start();
    expect(forks).toHaveLength(1);
    forks[0]!.ready();
    expect(ready).toEqual(['http://127.0.0.1:40123']);
  });

  it('restarts a server that dies, with growing delays, on the same port', () => {
    const { supervisor, forks, timers, ready } = harness();
    supervisor.start();
    forks[0]!.ready(40123);
    forks[0]!.exit(1);
    expect(timers.map((t) => t.ms)).toEqual([500]);
    timers[0]!.run();
    expect(forks[1]!.port).toBe(40123);
    forks[1]!.exit(1);
    expect(timers.map((t) => t.ms)).toEqual([500, 1000]);
    timers[1]!.run();
    forks[2]!.ready(40123);
    expect(ready).toHaveLength(2);
  });

  it('gives up after too many failed restarts, saying why', () => {
    const { supervisor, forks, timers, gaveUp } = harness(2);
    supervisor.start();
    for (let i = 0; i < 3; i++) {
      forks[i]!.exit(1);
      timers[i]?.run();
    }
    expect(forks).toHaveLength(3);
    expect(gaveUp).toEqual(['the server stopped (exit code 1) and did not come back']);
  });

  it('does not restart a server that can never start as things are, and reports why at once', () => {
    const { supervisor, forks, timers, gaveUp, fatal } = harness();
    supervisor.start();
    const failure = { kind: 'newer-schema', message: 'Update Messenger to open it.' };
    forks[0]!.send({ event: 'fatal', ...failure });
    forks[0]!.exit(FATAL_EXIT_CODE);
    expect(fatal).toEqual([failure]);
    expect(timers).toHaveLength(0);
    expect(forks).toHaveLength(1);
    expect(gaveUp).toHaveLength(0);
  });

  it('stops on the fatal exit code even when the event got lost, after earlier crashes too', () => {
    const { supervisor, forks, timers, fatal } = harness();
    supervisor.start();
    forks[0]!.ready();
    forks[0]!.exit(1);
    timers[0]!.run();
    forks[1]!.exit(FATAL_EXIT_CODE);
    expect(fatal).toEqual([{ kind: 'unknown', message: expect.stringContaining('restarting it will not help') }]);
    expect(timers).toHaveLength(1);
    expect(forks).toHaveLength(2);
  });

  it('moves at once to a free port when the remembered one is taken, even if the event got lost', () => {
    const { supervisor, forks, timers, ready, gaveUp } = harness();
    supervisor.start(40123);
    forks[0]!.send({ event: 'port-taken' });
    forks[0]!.exit(PORT_TAKEN_EXIT_CODE);
    expect(forks.map((f) => f.port)).toEqual([40123, 0]);
    forks[1]!.ready(40555);
    expect(ready).toEqual(['http://127.0.0.1:40555']);
    // Later restarts stay on the new port.
    forks[1]!.exit(1);
    timers[0]!.run();
    expect(forks[2]!.port).toBe(40555);
    forks[2]!.exit(PORT_TAKEN_EXIT_CODE);
    expect(forks[3]!.port).toBe(0);
    expect(timers).toHaveLength(1);
    expect(gaveUp).toEqual([]);
  });

  it('asks for a clean shutdown on quit and does not restart', async () => {
    const { supervisor, forks, timers } = harness();
    supervisor.start();
    forks[0]!.ready();
    const stopped = supervisor.stop();
    expect(forks[0]!.posted).toEqual([{ type: 'shutdown' }]);
    forks[0]!.exit(0);
    await stopped;
    expect(forks[0]!.killed).toBe(false);
    expect(timers.filter((t) => t.ms !== 5000)).toHaveLength(0);
    expect(forks).toHaveLength(1);
  });

  it('kills a server that does not shut down in time', async () => {
    const { supervisor, forks, timers } = harness();
    supervisor.start();
    const stopped = supervisor.stop();
    timers.find((t) => t.ms === 5000)!.run();
    await stopped;
    expect(forks[0]!.killed).toBe(true);
    expect(forks).toHaveLength(1);
  });
});

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The real server entry, run by Node as the utility process runs it: reports come as lines on stdout. */
function forkServerEntry(dataDir: string) {
  return (port: number): ServerProcess => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/src/server-entry.ts', '--data-dir', dataDir, '--port', String(port)],
      { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const lines = createInterface({ input: child.stdout });
    return {
      onMessage: (listener) => lines.on('line', (line) => listener(JSON.parse(line))),
      // 'close' comes after the last line of stdout, as a utility process's messages come before its exit.
      onExit: (listener) => child.on('close', (code) => listener(code ?? 1)),
      postMessage: () => child.kill('SIGTERM'),
      kill: () => child.kill('SIGKILL'),
    };
  };
}

it('the desktop app’s server starts on another port when another program holds the remembered one', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'messenger-port-'));
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const taken = (squatter.address() as { port: number }).port;
  const forked: number[] = [];
  const fork = forkServerEntry(dataDir);
  let supervisor: ServerSupervisor | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      supervisor = new ServerSupervisor({
        fork: (port) => (forked.push(port), fork(port)),
        onReady: resolve,
        onGiveUp: reject,
        onFatal: reject,
      });
      supervisor.start(taken);
    });
    expect(forked).toEqual([taken, 0]);
    expect(Number(new URL(url).port)).not.toBe(taken);
    expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
  } finally {
    await supervisor?.stop();
    squatter.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
