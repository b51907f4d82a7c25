import type { OfflineMessage } from '../../api/wire.js';

/** A day of activity: today, yesterday, or a date (`day` is local midnight, in ms). */
export interface ActivityDay {
  day: number;
  when: 'today' | 'yesterday' | 'date';
  messages: OfflineMessage[];
}

const localMidnight = (time: number) => {
  const date = new Date(time);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
};

/** The activity (newest first) in runs of one local day each, newest day first. */
export function activityDays(messages: readonly OfflineMessage[], now: number): ActivityDay[] {
  const today = localMidnight(now);
  const yesterday = localMidnight(today - 1);
  const days = new Map<number, ActivityDay>();
  for (const message of messages) {
    const day = localMidnight(message.time);
    let group = days.get(day);
    if (!group) {
      group = { day, when: day === today ? 'today' : day === yesterday ? 'yesterday' : 'date', messages: [] };
      days.set(day, group);
    }
    group.messages.push(message);
  }
  return [...days.values()].sort((a, b) => b.day - a.day);
}
