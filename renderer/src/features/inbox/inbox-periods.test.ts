// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { note } from './inbox-fixtures.js';
import { feedRows, periodOf } from './inbox-periods.js';

// Thursday 3 December 2026, 10:00 local time: the week began on Monday the 30th of November.
const now = new Date(2026, 11, 3, 10, 0);
const dated = (id: number, created_at: string | null) => ({ ...note(id, 0), created_at });

describe('the inbox groups', () => {
  it('are today, this week (from Monday) and earlier, by the local calendar', () => {
    expect(periodOf('2026-12-03 00:00:00', now)).toBe('today');
    expect(periodOf('2026-12-02 23:59:59', now)).toBe('week');
    expect(periodOf('2026-11-30 00:00:00', now)).toBe('week');
    expect(periodOf('2026-11-29 23:59:59', now)).toBe('earlier');
    expect(periodOf(null, now)).toBe('earlier');
    expect(periodOf('not a time', now)).toBe('earlier');
  });

  it('put one heading before each group, and keep each notification’s place among the notifications', () => {
    const rows = feedRows(
      [
        dated(4, '2026-12-03 09:00:00'),
        dated(3, '2026-12-01 09:00:00'),
        dated(2, '2026-12-01 08:00:00'),
        dated(1, '2025-01-01 08:00:00'),
      ],
      now,
    );
    expect(rows.map((row) => (row.kind === 'heading' ? row.period : row.at))).toEqual([
      'today',
      0,
      'week',
      1,
      2,
      'earlier',
      3,
    ]);
  });
});
