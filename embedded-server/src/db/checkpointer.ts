import { Worker } from 'node:worker_threads';
import { driver } from './integrity.js';
import type { StorageLog } from './migrations/index.js';
import type { Db } from './open.js';

/**
 * How soon the thread looks again: soon while the WAL keeps growing (small checkpoints let
 * the writer start the WAL over often, so it stays a few hundred pages), seldom when idle.
 */
const BUSY_EVERY_MS = 50;
const IDLE_EVERY_MS = 250;
/**
 * The server's connection still checkpoints past this many pages (16 MiB), should the thread
 * ever fall that far behind; SQLite's own threshold, 1,000 pages, if the thread stops.
 */
const FALLBACK_PAGES = 4000;
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The thread's job, with its own connection. PASSIVE never waits for the writer nor makes
 * it wait: it copies the frames no reader still needs, and the writer starts the WAL over
 * once all are copied. Plain CommonJS given as text, as integrity.ts explains.
 */
const JOB = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let framesBefore = -1;
let timer;
const look = () => {
  const [{ log }] = checkpoint.all();
  // The same frames as last time, all copied: nothing was written since.
  const idle = log === framesBefore;
  framesBefore = log;
  timer = setTimeout(look, idle ? workerData.idleEveryMs : workerData.busyEveryMs);
};
look();
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the thread and closes its connection (before the server's own closes and truncates the WAL). */
  stop(): Promise<void>;
}

/**
 * Moves the WAL's checkpoints off the event loop. SQLite runs one inside the commit that
 * takes the WAL past 1,000 pages: several milliseconds of copying and syncing that every
 * request queued behind that commit waits for. Here a thread does it, well before the
 * server's connection would. Should the thread fail, the connection checkpoints as before,
 * so the WAL never grows without end.
 */
export function startCheckpointer(db: Db, file: string, log: StorageLog): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const worker = new Worker(JOB, {
    eval: true,
    workerData: { driver, file, busyEveryMs: BUSY_EVERY_MS, idleEveryMs: IDLE_EVERY_MS },
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', (error) => {
    if (stopping) return;
    log({ error: String(error) }, 'the background checkpoint stopped; the server checkpoints as it writes');
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  });
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
