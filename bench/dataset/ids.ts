import type { Random } from './random.js';

/**
 * Ids in the server's formats (see embedded-server/src/domain/ids.ts), drawn from the
 * dataset's seed instead of the system's randomness so a dataset can be made again
 * exactly.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** `[a-z][a-z0-9]{11}`, like seed 000's `werersf3r324`. */
export function offlineMessageId(random: Random): string {
  let id = LETTERS[Math.floor(random() * 26)]!;
  for (let i = 1; i < 12; i++) id += ALPHANUMERIC[Math.floor(random() * 36)];
  return id;
}

/** 32 hex characters, for projects and tasks. */
export function hexId(random: Random): string {
  let id = '';
  for (let i = 0; i < 32; i++) id += HEX[Math.floor(random() * 16)];
  return id;
}

/**
 * The 24-hex `_id` of a chat message: creation seconds, a fixed middle part and a
 * counter, as the server writes them (time-ordered).
 */
export function objectIdFactory(random: Random): (createdAtMs: number, counter: number) => string {
  let middle = '';
  for (let i = 0; i < 10; i++) middle += HEX[Math.floor(random() * 16)];
  return (createdAtMs, counter) =>
    Math.floor(createdAtMs / 1000)
      .toString(16)
      .padStart(8, '0') +
    middle +
    (counter % 0x1000000).toString(16).padStart(6, '0');
}
