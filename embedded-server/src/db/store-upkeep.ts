import { pendingSnapshot, snapshotDue, type PendingSnapshot } from './backups.js';
import { checkInBackground, type RunningCheck } from './integrity.js';
import type { StorageLog } from './migrations/index.js';
import { checkedAtOpen, damageError } from './open.js';
import type { StorageError } from './storage-error.js';

/** How often a running server looks whether the daily snapshot is due. */
const LOOK_EVERY_MS = 60 * 60 * 1000;

export interface StoreUpkeep {
  /** The round that began with the server: settles once its check (and snapshot) is done. */
  firstRound: Promise<void>;
  /** Abandons a round under way (its unfinished snapshot is removed at the next one). */
  stop(): Promise<void>;
}

/**
 * What a running server does for its database, in a thread of its own so the event loop
 * never waits: a quick check of every page as it starts, for a file too large to be checked
 * at every open (open.ts), and a snapshot once a day, taken only if the check before it
 * passes. Damage found is reported once to `onDamage`, and the upkeep stops.
 */
export function startStoreUpkeep(file: string, log: StorageLog, onDamage: (error: StorageError) => void): StoreUpkeep {
  let running: RunningCheck | null = null;
  let stopped = false;

  async function round(): Promise<void> {
    let pending: PendingSnapshot | null = null;
    try {
      pending = snapshotDue(file, Date.now()) ? pendingSnapshot(file, 'daily') : null;
      running = checkInBackground(file, 'quick', pending?.target ?? null);
      // Said before the work starts, so a watcher (the benchmark) knows to wait for its end.
      log({ snapshot: pending !== null }, 'integrity check started in the background');
      const { damage, checkMs, snapshotMs } = await running.result;
      if (damage) {
        pending?.discard();
        stopped = true;
        clearInterval(timer);
        onDamage(damageError(file, damage));
        return;
      }
      const snapshot = pending?.keep() ?? null;
      log(
        { result: 'ok', checkMs, snapshot: snapshot?.path ?? null, snapshotMs },
        'integrity checked in the background',
      );
    } catch (error) {
      pending?.discard();
      // A round abandoned by stop() has nothing to report; any other failure is worth a line.
      if (!stopped) log({ error: String(error) }, 'the background integrity check could not run');
    } finally {
      running = null;
    }
  }

  const timer = setInterval(() => {
    if (!running && !stopped && snapshotDue(file, Date.now())) void round();
  }, LOOK_EVERY_MS);
  timer.unref();
  return {
    // A small file was checked at open already: its first round is only for a snapshot due.
    firstRound: checkedAtOpen(file) && !snapshotDue(file, Date.now()) ? Promise.resolve() : round(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.stop();
    },
  };
}
