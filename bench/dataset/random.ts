/**
 * Seeded randomness for the dataset: the same seed and sizes always give the same
 * dataset, so figures from two runs are comparable and a failure can be replayed.
 */
export interface Random {
  /** Uniform in [0, 1). */
  (): number;
}

/** mulberry32: small, fast and good enough to shape test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const intBelow = (random: Random, n: number) => Math.floor(random() * n);
export const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const chance = (random: Random, p: number) => random() < p;

/** Shuffles in place (Fisher–Yates). */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Weights 1/rank^s: a few heavy items and a long tail, as activity in a messenger is. */
export function zipfWeights(n: number, s: number): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = 1 / Math.pow(i + 1, s);
  return weights;
}

/**
 * Draws indexes in proportion to their weights in constant time (Walker's alias
 * method): a million draws over tens of thousands of windows stay cheap.
 */
export function weightedSampler(weights: ArrayLike<number>): (random: Random) => number {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  if (n === 0 || total <= 0) throw new Error('weightedSampler needs at least one positive weight');
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i]! * n) / total;
    (scaled[i]! < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const less = small.pop()!;
    const more = large.pop()!;
    probability[less] = scaled[less]!;
    alias[less] = more;
    scaled[more] = scaled[more]! + scaled[less]! - 1;
    (scaled[more]! < 1 ? small : large).push(more);
  }
  for (const i of [...small, ...large]) probability[i] = 1;
  return (random) => {
    const column = Math.floor(random() * n);
    return random() < probability[column]! ? column : alias[column]!;
  };
}
