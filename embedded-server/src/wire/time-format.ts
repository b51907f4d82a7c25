const DAY_MS = 86_400_000;
const YEAR_10000_MS = Date.UTC(10_000, 0, 1);
const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

/** The day the last time formatted fell on: its first millisecond, and its `YYYY-MM-DDT`. */
let day = { startMs: Number.NaN, prefix: '' };

/**
 * The chat and extension dialects' times: ISO 8601 in UTC, e.g. `2020-11-20T12:01:51.000Z`,
 * as `Date.prototype.toISOString` writes them. A list formats two a message, mostly of the
 * same few days: the date part is kept from the last call and only the time of day written,
 * about a quarter of the cost of a Date's own (130 against 480 ns here).
 */
export function isoTime(ms: number): string {
  // Before 1970, from the year 10000 on, a fraction of a millisecond (none a stored time)
  // and NaN: as a Date writes them.
  if (!(Number.isInteger(ms) && ms >= 0 && ms < YEAR_10000_MS)) return new Date(ms).toISOString();
  const sinceMidnight = ms % DAY_MS;
  const startMs = ms - sinceMidnight;
  if (startMs !== day.startMs) day = { startMs, prefix: new Date(startMs).toISOString().slice(0, 11) };
  const seconds = Math.floor(sinceMidnight / 1000);
  return `${day.prefix}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${three(sinceMidnight % 1000)}Z`;
}

/** The inbox dialect's times: `YYYY-MM-DD HH:mm:ss` in the server's local time zone, or null. */
export function inboxTime(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
