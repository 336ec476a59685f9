// The teachers demo's seeded randomness: one stream per purpose (school, year …) from the registry demo's generator
// (mulberry32 over an FNV-1a hash of the stream's name), so the same county always gets the same teachers.
import { hashString, mulberry32 } from '../../registry/demo.js';

export interface Rng {
  /** uniform in [0, 1) */
  next: () => number;
  /** integer in [a, b] */
  int: (a: number, b: number) => number;
  /** true with probability p */
  chance: (p: number) => boolean;
  /** one element, uniformly */
  pick: <T>(xs: readonly T[]) => T;
  /** one element, by weight */
  weighted: <T>(xs: readonly (readonly [T, number])[]) => T;
  /** the array shuffled in place (Fisher–Yates), returned */
  shuffle: <T>(xs: T[]) => T[];
}

/** The stream named by the parts (e.g. 'roster', school code, year). */
export function rngOf(...parts: (string | number)[]): Rng {
  const next = mulberry32(hashString(['teachers-demo', ...parts].join('|')));
  const int = (a: number, b: number) => a + Math.floor(next() * (b - a + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    weighted: (xs) => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [x, w] of xs) {
        r -= w;
        if (r < 0) return x;
      }
      return xs[xs.length - 1][0];
    },
    shuffle: (xs) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    },
  };
}

/** The k items of highest score (ties by position): the demo's way to choose exactly k rows for a count. */
export function topK<T>(items: readonly T[], k: number, score: (x: T) => number): T[] {
  return items
    .map((x, i) => ({ x, i, s: score(x) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, Math.max(0, k))
    .map((e) => e.x);
}
