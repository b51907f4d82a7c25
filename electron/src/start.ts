/**
 * `npm start`: the desktop app where Electron can run; where it cannot (no binary, no
 * display), it says why and starts web mode instead — the same server, serving the
 * same renderer, on 127.0.0.1 at the port it had last time, with the URL printed (and a
 * browser opened if there is one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { displayProblem, findElectronBinary } from './electron-binary.js';
import { readyUrl } from './server-supervisor.js';
import { webModeServer } from './web-mode-port.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const userArgs = process.argv.slice(2);

function run(command: string, args: string[]) {
  return spawnSync(command, args, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] }).status === 0;
}

function startDesktop(electron: string) {
  if (!existsSync(`${root}renderer/dist/index.html`)) run('npm', ['run', '--silent', 'build:renderer']);
  if (!run(process.execPath, ['--import', 'tsx', 'electron/build.ts']))
    return void startWebMode('the desktop bundle failed to build');
  const child = spawn(electron, ['electron/dist/main.cjs', ...userArgs], { cwd: root, stdio: 'inherit' });
  child.once('error', (error) => void startWebMode(`Electron failed to launch (${error.message})`));
  child.once('exit', (code) => process.exit(code ?? 0));
}

/** Opens the app in the system browser, where there is one to open. */
function openBrowser(url: string) {
  if (displayProblem() !== null) return;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [url], { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

async function startWebMode(reason: string) {
  process.stderr.write(`Electron cannot start here: ${reason}.\nStarting in web mode instead.\n`);
  const plan = await webModeServer(root, userArgs);
  const server = spawn(process.execPath, ['--import', 'tsx', 'embedded-server/src/cli.ts', ...plan.args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: server.stdout! }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return; // not the ready line
    }
    const url = readyUrl(message);
    if (!url) return;
    plan.started(url);
    openBrowser(url);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.once('exit', (code) => process.exit(code ?? 0));
}

const binary = findElectronBinary();
const problem = 'missing' in binary ? binary.missing : displayProblem();
if (problem === null && 'path' in binary) startDesktop(binary.path);
else void startWebMode(problem ?? 'unknown');
