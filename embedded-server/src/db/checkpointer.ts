import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { WriterTurn } from './group-commit.js';
import type { Db } from './open.js';

/**
 * How long the thread waits after being told of a commit before it checkpoints: the commits
 * of that time share one checkpoint, and a page written by several of them is copied once.
 */
const GATHER_MS = 50;

/**
 * The WAL's length, in pages, past which the next checkpoint is taken with writes held, so the
 * WAL starts over (see {@link backgroundCheckpointer}): about 16 MB, within the first of the
 * WAL index's hash tables (4,062 pages), which every read of a page searches.
 */
const START_OVER_PAGES = 4_000;

/**
 * The WAL's length, in pages, at which the server's own connection checkpoints after a commit
 * while the thread does it: far past what the thread lets gather, only there in case the
 * thread falls behind. SQLite's default, 1,000, applies again if the thread stops.
 */
const FALLBACK_PAGES = 10_000;
const SQLITE_DEFAULT_PAGES = 1_000;

/**
 * The longest the writer's turn, or a closing store, waits on the thread: a thread that does
 * not answer never holds up writes or a shutdown for longer. A checkpoint takes milliseconds.
 */
const THREAD_ANSWER_MS = 5_000;
const withinAnswerTime = (answer: Promise<unknown>) =>
  Promise.race([answer, new Promise((resolve) => setTimeout(resolve, THREAD_ANSWER_MS).unref())]);

/** What a checkpoint reports: pages in the WAL, and how many of them are now in the database file. */
interface Checkpointed {
  log: number;
  checkpointed: number;
}

/**
 * The thread's job: plain CommonJS given as text (as integrity.ts explains). A PASSIVE
 * checkpoint copies the committed pages into the database file without waiting for, or
 * holding up, the server's reads and writes; at synchronous=NORMAL, as the server's
 * connection, it syncs the WAL before copying and the file after, as SQLite's own
 * checkpoints in the server's connection did. `gather` waits first; `now` does not.
 */
const JOB = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ log, checkpointed });
};
let gathering = null;
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearTimeout(gathering);
    db.close();
    parentPort.close();
  } else if (message === 'now') {
    checkpoint();
  } else {
    gathering = setTimeout(() => {
      gathering = null;
      checkpoint();
    }, workerData.gatherMs);
  }
});
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** Checkpoints of a store's WAL, taken off the event loop; told of each commit. */
export interface Checkpointer {
  /** A transaction has committed: its pages are in the WAL. */
  committed(): void;
  /** Ends the thread; the server's connection checkpoints as SQLite does by default again. */
  stop(): Promise<void>;
}

/**
 * Copies what commits append to `db`'s WAL back into the database file in a thread of its own,
 * with its own connection. The server's connection otherwise does it itself, in the commit that
 * finds the WAL at 1,000 pages: several milliseconds of copying and two syncs of the disk,
 * during which the event loop waits, every few hundred messages sent.
 *
 * SQLite starts the WAL over only when a write begins with every page of it copied, and under
 * steady writes a checkpoint from another connection always ends a few commits behind: the
 * WAL would grow for good, and every read look further through its index. So once the WAL
 * passes {@link START_OVER_PAGES}, the next checkpoint is taken holding the writer's `turn`
 * (writes wait for it, a few milliseconds; reads and the event loop do not), and the write
 * after it starts the WAL over.
 *
 * The thread starts with the first commit: a server that only reads never starts it. An
 * in-memory database has no WAL and gets a checkpointer that does nothing.
 */
export function backgroundCheckpointer(
  db: Db,
  turn: WriterTurn,
  // Tests use a short WAL and gathering, to see many checkpoints in a second.
  { startOverPages = START_OVER_PAGES, gatherMs = GATHER_MS }: { startOverPages?: number; gatherMs?: number } = {},
): Checkpointer {
  if (db.memory) return { committed: () => undefined, stop: async () => undefined };
  let worker: Worker | null = null;
  let exited: Promise<unknown> | null = null;
  /** A checkpoint is asked for and not yet reported; commits meanwhile are `missed`. */
  let asked = false;
  let missed = false;
  let stopped = false;
  /** Settles the checkpoint taken with writes held, when it reports. */
  let heldCheckpointDone: (() => void) | null = null;

  const ask = () => {
    asked = true;
    missed = false;
    worker!.postMessage('gather');
  };
  const fallBack = () => {
    worker = null;
    heldCheckpointDone?.();
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  };

  /** Copies the rest of the WAL with writes held, so the next write starts it over. */
  async function startOver(): Promise<void> {
    await turn.take();
    try {
      if (!worker) return;
      const done = new Promise<void>((resolve) => (heldCheckpointDone = resolve));
      worker.postMessage('now');
      await withinAnswerTime(done);
      heldCheckpointDone = null;
    } finally {
      turn.give();
    }
  }

  function reported({ log }: Checkpointed): void {
    if (heldCheckpointDone) {
      heldCheckpointDone();
      heldCheckpointDone = null;
      return;
    }
    if (log > startOverPages) {
      // Stays `asked` meanwhile: commits are gathered for the checkpoint after it.
      void startOver().then(() => {
        asked = false;
        if (missed && worker && !stopped) ask();
      });
      return;
    }
    asked = false;
    if (missed && !stopped) ask();
  }

  function start(): Worker {
    const thread = new Worker(JOB, { eval: true, workerData: { driver, file: db.name, gatherMs } });
    // The thread never keeps the process alive; a server closing stops it first.
    thread.unref();
    thread.on('message', reported);
    // A thread that fails (its file gone, say) leaves checkpoints to the server's connection.
    thread.once('error', () => {
      stopped = true;
      fallBack();
    });
    exited = new Promise((resolve) =>
      thread.once('exit', () => {
        // A checkpoint waited for with writes held is over, taken or not.
        heldCheckpointDone?.();
        resolve(undefined);
      }),
    );
    db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
    return thread;
  }

  return {
    committed() {
      if (stopped) return;
      worker ??= start();
      if (asked) missed = true;
      else ask();
    },
    async stop() {
      stopped = true;
      if (!worker) return;
      // Held open until the thread has closed its connection: unreferenced, the process could end first.
      worker.ref();
      worker.postMessage('close');
      if ((await withinAnswerTime(exited!.then(() => 'exited'))) !== 'exited') await worker.terminate();
      fallBack();
    },
  };
}
