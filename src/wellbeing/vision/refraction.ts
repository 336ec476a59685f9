// The spherical equivalent (等效球镜 SE) of a screening's non-cycloplegic autorefraction, in thousandths of a dioptre
// (−500 = −0.50 D) so that comparisons are exact: given as SE, or as sphere S and cylinder C (SE = S + C / 2, the
// definition of the spherical equivalent). A value is a number of at most three decimals within ±30 D (sphere),
// ±10 D (cylinder); an empty cylinder beside a sphere is no cylinder (C = 0).

const DIOPTRES = /^[+-]?\d+(\.\d{1,3})?$/;

/** Thousandths of a dioptre of a cell's text, 'empty', or null when it is no number of dioptres within ±limit. */
export function milliDioptres(text: string, limit: number): number | 'empty' | null {
  const t = text
    .trim()
    .replace(/^＋/, '+')
    .replace(/^[−–－]/, '-');
  if (t === '') return 'empty';
  if (!DIOPTRES.test(t)) return null;
  const v = Number(t);
  return Math.abs(v) <= limit ? Math.round(v * 1000) : null;
}

/** SE = S + C / 2 in thousandths of a dioptre (S and C in thousandths; a half thousandth, from a 3-decimal cylinder, is exact in binary). */
export const seOf = (sphereMilli: number, cylinderMilli: number): number => sphereMilli + cylinderMilli / 2;
