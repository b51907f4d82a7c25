import { chance, type Random } from './random.js';
import { personName } from './text.js';
import { DAY, HOUR, MINUTE, type PlannedUser } from './model.js';

/** A tenth of the accounts are sales staff (role SALER), the rest MEMBER. */
const SALER_SHARE = 0.1;
/** This share of people has not opened the app for days: what was sent to them since waits offline. */
const AWAY_SHARE = 0.2;

/**
 * The accounts, created over two months before the timeline starts. Most people were
 * online within the last hours; some have been away for days. The reader was online two
 * hours ago, so a little waits for them too.
 */
export function planUsers(count: number, start: number, now: number, random: Random): PlannedUser[] {
  const users: PlannedUser[] = [];
  for (let id = 1; id <= count; id++) {
    const away = id > 5 && chance(random, AWAY_SHARE);
    users.push({
      id,
      username: `user${String(id).padStart(5, '0')}`,
      nickname: personName(random),
      avatar: '',
      role: id > 5 && chance(random, SALER_SHARE) ? 'SALER' : 'MEMBER',
      createdAt: start - 120 * DAY + Math.floor((60 * DAY * id) / count),
      // Whole milliseconds: the times derived from it are stored in INTEGER columns of STRICT tables.
      lastSeen: Math.floor(
        id === 1 ? now - 2 * HOUR : away ? now - DAY - random() * 14 * DAY : now - random() * 8 * HOUR - MINUTE,
      ),
    });
  }
  return users;
}
