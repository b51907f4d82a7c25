import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * How deep to look. `quick` reads every page and checks each b-tree's structure; `full`
 * also checks that every index agrees with its table (about twice as long).
 */
export type CheckDepth = 'quick' | 'full';

/** Problems reported at most: enough to tell one damaged page from a ruined file. */
const REPORTED = 10;

const pragmaOf = (depth: CheckDepth) => `PRAGMA ${depth === 'quick' ? 'quick_check' : 'integrity_check'}(${REPORTED})`;

/** What SQLite's check found wrong, in one line; null when the file is sound. */
function describe(rows: unknown[]): string | null {
  return rows.length === 1 && rows[0] === 'ok' ? null : rows.map((row) => String(row).replace(/\s+/g, ' ')).join('; ');
}

/** Checks the database on this connection; blocks until done (seconds for millions of messages). */
export function findDamage(db: Database.Database, depth: CheckDepth): string | null {
  return describe(db.prepare(pragmaOf(depth)).pluck().all());
}

/** What a check off the event loop found, and how long its parts took. */
export interface BackgroundCheck {
  damage: string | null;
  checkMs: number;
  /** The snapshot's time, when one was asked for and the check passed. */
  snapshotMs: number | null;
}

/**
 * The job of a background check, in its own thread with its own read-only connection: in
 * WAL mode it reads a consistent state while the server goes on reading and writing. Plain
 * CommonJS given as text, because a thread runs a file as Node loads it: the server runs
 * from TypeScript sources (tsx, Vitest) and from a bundle, and neither has a separate
 * JavaScript file for it. It snapshots only a file that passed, so a damaged state never
 * replaces a good backup.
 */
const JOB = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  let started = performance.now();
  let rows;
  try {
    rows = db.prepare(workerData.pragma).pluck().all();
  } catch (error) {
    // Damage the check itself trips over is damage found.
    if (!/^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) throw error;
    rows = [error.message];
  }
  const checkMs = performance.now() - started;
  const sound = rows.length === 1 && rows[0] === 'ok';
  let snapshotMs = null;
  if (sound && workerData.snapshotTo) {
    started = performance.now();
    db.prepare('VACUUM INTO ?').run(workerData.snapshotTo);
    snapshotMs = performance.now() - started;
  }
  parentPort.postMessage({ rows, checkMs, snapshotMs });
} finally {
  db.close();
}
`;

/** The driver's entry, resolved from here as the server's own import of it is. */
const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** A check (and maybe a snapshot) running in its own thread; `stop` abandons it. */
export interface RunningCheck {
  result: Promise<BackgroundCheck>;
  stop(): Promise<void>;
}

/**
 * Checks `file` without blocking the event loop, then, if it is sound and `snapshotTo` is
 * given, copies it there with `VACUUM INTO` (the file must not exist or be empty).
 */
export function checkInBackground(file: string, depth: CheckDepth, snapshotTo: string | null = null): RunningCheck {
  const worker = new Worker(JOB, {
    eval: true,
    workerData: { driver, file, pragma: pragmaOf(depth), snapshotTo },
  });
  const result = new Promise<BackgroundCheck>((resolve, reject) => {
    worker.once('message', (reply: { rows: unknown[]; checkMs: number; snapshotMs: number | null }) =>
      resolve({
        damage: describe(reply.rows),
        checkMs: Math.round(reply.checkMs),
        snapshotMs: reply.snapshotMs === null ? null : Math.round(reply.snapshotMs),
      }),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the integrity check stopped (exit code ${code})`)));
  });
  return {
    result,
    async stop() {
      // An abandoned check has nothing to report: its rejection is not a failure.
      result.catch(() => {});
      await worker.terminate();
    },
  };
}
