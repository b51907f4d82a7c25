import type { Notification } from '../../api/wire.js';
import { inboxDate } from './inbox-model.js';

/** The list's groups, newest first: 今天 / 本周 / 更早. */
export type Period = 'today' | 'week' | 'earlier';

const DAY_MS = 86_400_000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** The week starts on Monday, as calendars in China do (and ISO 8601). */
function startOfWeek(date: Date): number {
  const sinceMonday = (date.getDay() + 6) % 7;
  return startOfDay(date) - sinceMonday * DAY_MS;
}

/** Which group a notification falls in, by when it arrived; one without a readable time is "earlier". */
export function periodOf(createdAt: string | null, now: Date): Period {
  const iso = inboxDate(createdAt);
  const at = iso ? new Date(iso).getTime() : Number.NaN;
  if (!(at >= startOfWeek(now))) return 'earlier';
  return at >= startOfDay(now) ? 'today' : 'week';
}

/** A row of the virtualized list: a group's heading, or a notification (`at` its place among the notifications). */
export type FeedRow =
  | { kind: 'heading'; period: Period; first: number }
  | { kind: 'notification'; notification: Notification; at: number; period: Period };

/**
 * The notifications with a heading before each group. The list is newest first, so each
 * group is one run; should a period come back (a notification dated out of order), its
 * rows join the run they are in rather than opening a second heading of the same name.
 */
export function feedRows(items: readonly Notification[], now: Date): FeedRow[] {
  const rows: FeedRow[] = [];
  let current: Period | null = null;
  const seen = new Set<Period>();
  items.forEach((notification, at) => {
    const period = periodOf(notification.created_at, now);
    if (period !== current && !seen.has(period)) {
      rows.push({ kind: 'heading', period, first: at });
      seen.add(period);
      current = period;
    }
    rows.push({ kind: 'notification', notification, at, period: current ?? period });
  });
  return rows;
}
