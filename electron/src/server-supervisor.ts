/**
 * Keeps the embedded server running in its own process: starts it, hands out its URL
 * once it is ready, restarts it with growing delays if it dies, and on quit asks it to
 * shut down cleanly (connections closed, WAL checkpointed) before giving up on it. A server
 * that reports it can never start as things are (its database is newer, damaged, not a
 * database…) is not restarted: that is reported at once, for the user to act on. A server
 * whose port is taken starts again at once on a free one.
 *
 * The process is reached through a narrow interface, so this logic is tested without
 * Electron; in the app, it is Electron's `utilityProcess`.
 */
export interface ServerProcess {
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  postMessage(message: unknown): void;
  kill(): void;
}

export interface SupervisorOptions {
  /** Starts the server process (on the given port; 0 lets it choose). */
  fork: (port: number) => ServerProcess;
  /** Delay before restart number `attempt` (0-based). */
  restartDelay?: (attempt: number) => number;
  /** How long a clean shutdown may take before the process is killed. */
  shutdownTimeoutMs?: number;
  /** After this many restarts without becoming ready, stop trying. */
  maxRestarts?: number;
  onReady: (url: string) => void;
  onGiveUp: (reason: string) => void;
  /** The server cannot start until the user acts; it is not restarted. */
  onFatal: (failure: ServerFailure) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
}

/** What keeps the server from ever starting as things are, in words for the user: what happened, what to do. */
export interface ServerFailure {
  kind: string;
  message: string;
}

/** The exit code of a server that can never start as things are (EX_CONFIG); its fatal event says why. */
export const FATAL_EXIT_CODE = 78;

/** The exit code of a server whose port another program holds (EX_TEMPFAIL); its `port-taken` event says so too. */
export const PORT_TAKEN_EXIT_CODE = 75;

export const defaultRestartDelay = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt);

export function readyUrl(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const { event, url } = message as Record<string, unknown>;
  return event === 'ready' && typeof url === 'string' ? url : null;
}

function isPortTaken(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { event?: unknown }).event === 'port-taken';
}

export function fatalFailure(message: unknown): ServerFailure | null {
  if (typeof message !== 'object' || message === null) return null;
  const { event, kind, message: text } = message as Record<string, unknown>;
  return event === 'fatal' && typeof kind === 'string' && typeof text === 'string' ? { kind, message: text } : null;
}

export class ServerSupervisor {
  private process: ServerProcess | null = null;
  private failures = 0;
  private stopping = false;
  /**
   * The port it got first: restarts reuse it, so the window's origin (and its storage) stays —
   * unless another program has taken it meanwhile; then the server moves, and so does the origin.
   */
  private port = 0;
  private readonly restartDelay;
  private readonly setTimer;

  constructor(private readonly options: SupervisorOptions) {
    this.restartDelay = options.restartDelay ?? defaultRestartDelay;
    this.setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  }

  start(port = 0): void {
    this.port = port;
    this.stopping = false;
    this.launch();
  }

  private launch() {
    const process = this.options.fork(this.port);
    this.process = process;
    let fatal: ServerFailure | null = null;
    let portTaken = false;
    process.onMessage((message) => {
      fatal ??= fatalFailure(message);
      portTaken ||= isPortTaken(message);
      const url = readyUrl(message);
      if (!url) return;
      this.failures = 0;
      this.port = Number(new URL(url).port);
      this.options.onReady(url);
    });
    process.onExit((code) => {
      if (this.process !== process) return;
      this.process = null;
      if (this.stopping) return;
      // Either sign will do: the process exits right after its fatal event, which may be lost on the way.
      if (fatal || code === FATAL_EXIT_CODE) {
        const unexplained = `The server cannot open its database, and restarting it will not help (exit code ${code}).`;
        this.options.onFatal(fatal ?? { kind: 'unknown', message: unexplained });
        return;
      }
      // Another program took the remembered port: waiting will not give it back, so the
      // server starts at once on any free port. Not a crash: no delay, no failure counted.
      if ((portTaken || code === PORT_TAKEN_EXIT_CODE) && this.port !== 0) {
        this.port = 0;
        this.launch();
        return;
      }
      if (this.failures >= (this.options.maxRestarts ?? 8)) {
        this.options.onGiveUp(`the server stopped (exit code ${code}) and did not come back`);
        return;
      }
      this.setTimer(() => !this.stopping && this.launch(), this.restartDelay(this.failures++));
    });
  }

  /** Asks for a clean shutdown; kills the process if it takes too long. */
  stop(): Promise<void> {
    this.stopping = true;
    const process = this.process;
    if (!process) return Promise.resolve();
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.process = null;
        resolve();
      };
      process.onExit(finish);
      process.postMessage({ type: 'shutdown' });
      this.setTimer(() => {
        if (done) return;
        process.kill();
        finish();
      }, this.options.shutdownTimeoutMs ?? 5000);
    });
  }
}
