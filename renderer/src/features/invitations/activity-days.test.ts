import { describe, expect, it } from 'vitest';
import { activityDays } from './activity-days.js';
import { offlineMessage } from './offline-fixtures.js';

const at = (id: string, time: Date) => ({ ...offlineMessage(id, 2, true), time: time.getTime() });

describe('activity by day', () => {
  it('groups newest first into today, yesterday and older dates, by the local calendar', () => {
    const now = new Date(2026, 11, 3, 9, 30);
    const days = activityDays(
      [
        at('a', new Date(2026, 11, 3, 0, 5)),
        at('b', new Date(2026, 11, 2, 23, 59)),
        at('c', new Date(2026, 11, 2, 0, 0)),
        at('d', new Date(2026, 10, 28, 12, 0)),
      ],
      now.getTime(),
    );
    expect(days.map(({ when, messages }) => [when, messages.map((m) => m.id)])).toEqual([
      ['today', ['a']],
      ['yesterday', ['b', 'c']],
      ['date', ['d']],
    ]);
    expect(days[2]!.day).toBe(new Date(2026, 10, 28).getTime());
  });

  it('keeps one group per day even when the history comes out of order', () => {
    const now = new Date(2026, 11, 3, 9, 30).getTime();
    const days = activityDays(
      [at('a', new Date(2026, 11, 1, 8)), at('b', new Date(2026, 11, 3, 8)), at('c', new Date(2026, 11, 1, 7))],
      now,
    );
    expect(days.map(({ messages }) => messages.map((m) => m.id))).toEqual([['b'], ['a', 'c']]);
  });
});
