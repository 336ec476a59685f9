// Exact threshold comparisons: a value exactly at a threshold meets it, so ratios are compared by
// cross-multiplying integers, never as floating-point quotients (4.2 × 100 ≠ 420 in binary floats).

/** A decimal string ("4.2", "0.85", "2000") as an integer fraction num / den. */
export function decimalFraction(s: string): { num: number; den: number } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a non-negative decimal: ${s}`);
  const frac = m[2] ?? '';
  return { num: Number(m[1] + frac), den: 10 ** frac.length };
}

/** Quantities are stored with at most 2 decimals (m², yuan): work in hundredths. */
const hundredths = (x: number) => Math.round(x * 100);

/**
 * Does numerator / students × scale reach threshold × share?  Compared as
 * N·100 · scale · tDen · sDen ≥ tNum · sNum · P·100, in exact integers (BigInt when a product could exceed 2^53).
 */
export function ratioMeets(numerator: number, students: number, scale: number, threshold: string, share = '1'): boolean {
  const t = decimalFraction(threshold);
  const s = decimalFraction(share);
  const lhs = [hundredths(numerator), scale, t.den, s.den];
  const rhs = [t.num, s.num, hundredths(students)];
  const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
  const l = prod(lhs);
  const r = prod(rhs);
  if (Number.isSafeInteger(l) && Number.isSafeInteger(r)) return l >= r;
  const big = (xs: number[]) => xs.reduce((a, b) => a * BigInt(b), 1n);
  return big(lhs) >= big(rhs);
}
