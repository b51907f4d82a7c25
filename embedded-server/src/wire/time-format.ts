/** The chat and extension dialects' times: ISO 8601 in UTC, e.g. `2020-11-20T12:01:51.000Z`. */
export const isoTime = (ms: number) => new Date(ms).toISOString();

const two = (n: number) => String(n).padStart(2, '0');

/** The inbox dialect's times: `YYYY-MM-DD HH:mm:ss` in the server's local time zone, or null. */
export function inboxTime(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
