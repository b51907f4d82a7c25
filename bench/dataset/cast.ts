/**
 * The users the benchmark acts as, fixed by id so every dataset size has them:
 *
 * - the reader (user 1): in two of the busy one-to-one windows, in eight long ones
 *   (11,000 messages each at 1M), in several project groups, with a steady inbox; every
 *   read endpoint is measured as this user;
 * - the busy pairs: the windows with the most messages (100,000+ each at 1M messages);
 * - the inbox backlog (user 6): someone who never triages, with every notification
 *   unread (10,000 at 1M messages); the renderer's inbox is measured as this user;
 * - the real-time pairs: one window per pair, each side a live WebSocket client;
 * - the ingest pairs: windows that the sustained-send benchmark writes into.
 */
export interface BenchCast {
  readerId: number;
  backlogId: number;
  busyPairs: [number, number][];
  realtimePairs: [number, number][];
  ingestPairs: [number, number][];
}

/** The smallest dataset that still has every role. */
export const MIN_USERS = 20;
const FIRST_PAIRED_USER = 11;
const MAX_REALTIME_PAIRS = 50;
const MAX_INGEST_PAIRS = 10;

export function benchCast(users: number): BenchCast {
  const pairs: [number, number][] = [];
  const available = Math.floor((users - FIRST_PAIRED_USER + 1) / 2);
  for (let i = 0; i < Math.min(MAX_REALTIME_PAIRS + MAX_INGEST_PAIRS, available); i++)
    pairs.push([FIRST_PAIRED_USER + 2 * i, FIRST_PAIRED_USER + 2 * i + 1]);
  // At least two, so ingest through two instances has a window of its own for each.
  const ingest = Math.min(MAX_INGEST_PAIRS, pairs.length, Math.max(2, Math.floor(pairs.length / 6)));
  return {
    readerId: 1,
    backlogId: 6,
    busyPairs: [
      [1, 2],
      [1, 3],
      [4, 5],
    ],
    realtimePairs: pairs.slice(0, pairs.length - ingest),
    ingestPairs: pairs.slice(pairs.length - ingest),
  };
}

/** Every user who gets a bearer token in bench.json. */
export function tokenHolders(cast: BenchCast): number[] {
  const ids = new Set<number>([cast.readerId, cast.backlogId]);
  for (const [a, b] of [...cast.busyPairs, ...cast.realtimePairs, ...cast.ingestPairs]) ids.add(a).add(b);
  return [...ids].sort((a, b) => a - b);
}
