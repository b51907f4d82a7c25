import { describe, expect, it } from 'vitest';
import { isoTime } from '../src/wire/time-format.js';

const DAY_MS = 86_400_000;

describe('isoTime', () => {
  it('writes what Date.prototype.toISOString writes, at the edges of days, years and its range', () => {
    const edges = [
      0,
      1,
      DAY_MS - 1,
      DAY_MS,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 2, 1),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      -1,
      -DAY_MS - 1,
      1.5,
    ];
    for (const ms of edges) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('writes what Date.prototype.toISOString writes for times from 1970 to 2106, the day changing between calls', () => {
    // A fixed sequence (a linear congruential generator), so a failure names the same times again.
    let seed = 20_261_205;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 100_000; i++) {
      const ms = i % 2 === 0 ? next() * 2000 + (next() % 2000) : Date.UTC(2026, 0, 1) + (next() % (3 * DAY_MS));
      expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('refuses what is not a time, as a Date does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
