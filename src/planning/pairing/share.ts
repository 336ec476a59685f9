// The share of schools in pairings against the target (targets.json): open schools that lead or join a pairing of
// the year, those in a close one (the target's types, 融合型 and 共建型), over all open schools; and, as the source
// document counts, the share of the pairings that are close. Met when inClose / schools ≥ share, compared in integers
// (inClose·den ≥ num·schools, the share read as the fraction num/den of its decimal text): no float at the boundary.
import type { PairingShare, PairingType } from './contract.js';

/** A decimal string as a fraction: "0.5" → 5/10, "1" → 1/1. */
export function decimalFraction(s: string): { num: number; den: number } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new RangeError(`not a decimal: ${s}`);
  const frac = m[2] ?? '';
  const den = 10 ** frac.length;
  return { num: Number(m[1]) * den + Number(frac || '0'), den };
}

export function pairingShare(
  openSchools: ReadonlySet<string>,
  pairings: readonly { leadCode: string; memberCode: string; type: PairingType }[],
  target: { share: string; closeTypes: readonly PairingType[] },
): PairingShare {
  const close = new Set<PairingType>(target.closeTypes);
  const any = new Set<string>();
  const inClose = new Set<string>();
  for (const p of pairings)
    for (const code of [p.leadCode, p.memberCode]) {
      if (!openSchools.has(code)) continue;
      any.add(code);
      if (close.has(p.type)) inClose.add(code);
    }
  const n = openSchools.size;
  const closePairings = pairings.filter((p) => close.has(p.type)).length;
  const { num, den } = decimalFraction(target.share);
  // The least whole number of schools k with k·den ≥ num·n: ⌈num·n / den⌉.
  const needed = Math.floor((num * n + den - 1) / den);
  return {
    schools: n,
    inPairings: any.size,
    inClose: inClose.size,
    shareAny: n ? any.size / n : null,
    shareClose: n ? inClose.size / n : null,
    pairings: pairings.length,
    closePairings,
    closePairingShare: pairings.length ? closePairings / pairings.length : null,
    meetsTarget: n ? inClose.size * den >= num * n : null,
    schoolsShort: Math.max(0, needed - inClose.size),
  };
}
