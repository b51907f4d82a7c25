import { describe, expect, it } from 'vitest';
import { ReadBatch } from '../src/db/postgres/read-batch.js';

/** A batch over a lookup that records each call and answers each key doubled (or fails on "boom"). */
function doubling(maxKeys?: number) {
  const calls: number[][] = [];
  const batch = new ReadBatch<number, number>(async (keys) => {
    calls.push(keys);
    if (keys.includes(-1)) throw new Error('boom');
    return keys.map((key) => key * 2);
  }, maxKeys);
  return { batch, calls };
}

describe('a read batch', () => {
  it('answers the lookups asked for in one turn with one call, each with its own value', async () => {
    const { batch, calls } = doubling();
    expect(await Promise.all([1, 2, 3, 2].map((key) => batch.read(key)))).toEqual([2, 4, 6, 4]);
    expect(calls).toEqual([[1, 2, 3, 2]]);
  });

  it('starts a new call for lookups asked for after a turn ended', async () => {
    const { batch, calls } = doubling();
    expect(await batch.read(1)).toBe(2);
    expect(await batch.read(5)).toBe(10);
    expect(calls).toEqual([[1], [5]]);
  });

  it('holds at most its number of keys a call', async () => {
    const { batch, calls } = doubling(2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((key) => batch.read(key)))).toEqual([2, 4, 6, 8, 10]);
    expect(calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails the lookups of a call that failed, and only those', async () => {
    const { batch } = doubling(2);
    const answers = await Promise.allSettled([1, -1, 3].map((key) => batch.read(key)));
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(answers[2]).toEqual({ status: 'fulfilled', value: 6 });
  });
});
