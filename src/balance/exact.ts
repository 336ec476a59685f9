// Exact threshold comparisons: a value exactly at a threshold meets it, so ratios are compared by
// cross-multiplying integers, never as floating-point quotients (4.2 × 100 ≠ 420 in binary floats).

export interface Fraction {
  num: number;
  den: number;
}
// Packs hold a handful of distinct threshold strings; parse each once (this runs for every school × indicator).
const parsed = new Map<string, Fraction>();

/** A decimal string ("4.2", "0.85", "2000") as an integer fraction num / den. */
export function decimalFraction(s: string): Fraction {
  const hit = parsed.get(s);
  if (hit) return hit;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a non-negative decimal: ${s}`);
  const frac = m[2] ?? '';
  const f = { num: Number(m[1] + frac), den: 10 ** frac.length };
  if (parsed.size < 10_000) parsed.set(s, f);
  return f;
}

/**
 * Does numerator / students × scale reach threshold × share?  Quantities are stored with at most 2 decimals
 * (m², yuan), so both sides are compared in hundredths as N·100 · scale · tDen · sDen ≥ tNum · sNum · P·100,
 * in exact integers; BigInt only when a product could exceed 2^53 (all factors are non-negative, so a float
 * product below 2^53 is exact).
 */
export function ratioMeets(numerator: number, students: number, scale: number, threshold: string, share = '1'): boolean {
  const t = decimalFraction(threshold);
  const s = decimalFraction(share);
  const n100 = Math.round(numerator * 100);
  const p100 = Math.round(students * 100);
  const l = n100 * scale * t.den * s.den;
  const r = t.num * s.num * p100;
  if (l <= Number.MAX_SAFE_INTEGER && r <= Number.MAX_SAFE_INTEGER) return l >= r;
  return BigInt(n100) * BigInt(scale) * BigInt(t.den) * BigInt(s.den) >= BigInt(t.num) * BigInt(s.num) * BigInt(p100);
}
