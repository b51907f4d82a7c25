/** Tries in the first minute or so of an outage: a short drop (a server restart, a blip) is over within a second. */
const QUICK_TRIES = 60;

/**
 * The wait before reconnect attempt `attempt` (0 first). Early on, a random 0.5–1 s: the
 * channel is back within a second of the server, and a team's clients, dropped together,
 * come back spread over half a second rather than at one instant. A longer outage backs off,
 * doubling from 2 s to 30 s, still jittered, so a server that is down is not kept busy.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  if (attempt < QUICK_TRIES) return Math.round(500 + 500 * random());
  const base = Math.min(30_000, 2000 * 2 ** (attempt - QUICK_TRIES));
  return Math.round(base * (0.5 + 0.5 * random()));
}
