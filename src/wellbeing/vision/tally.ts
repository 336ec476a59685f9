// Additive tallies of screening results per school, grade and sex (counts only): what every report cell, trend and
// purged year is built from (../retention/kinds.ts). A district, school or grade is the sum of its tallies.
import type { TallyRow } from '../retention/kinds.js';
import type { Basis } from './classify.js';

export interface VisionTally {
  /** Pupils with a screening row. */
  screened: number;
  /** Pupils with an acuity of at least one eye (the denominator of the rates). */
  withAcuity: number;
  /** Screening myopes (筛查性近视). */
  myopes: number;
  /** Pupils whose result is acuity-only (an eye with an acuity but no SE). */
  acuityOnly: number;
  /** Myopes whose result is acuity-only. */
  myopesAcuityOnly: number;
  /** Reduced acuity (视力不良): UCVA < 5.0 in either eye. */
  reduced: number;
  /** Pupils recorded as wearing glasses or ortho-k. */
  glasses: number;
  /** Pupils per rule judged with: "id@version" → count. */
  rules: Record<string, number>;
}

export interface ResultRow {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F' | '';
  myopia: boolean | null;
  basis: Basis | null;
  reduced: boolean | null;
  wearsGlasses: boolean | null;
  ruleId: string;
  ruleVersion: number;
}

export const emptyTally = (): VisionTally => ({ screened: 0, withAcuity: 0, myopes: 0, acuityOnly: 0, myopesAcuityOnly: 0, reduced: 0, glasses: 0, rules: {} });

/** a + b (a new tally). */
export function addTally(a: VisionTally, b: VisionTally): VisionTally {
  const rules = { ...a.rules };
  for (const [k, n] of Object.entries(b.rules)) rules[k] = (rules[k] ?? 0) + n;
  return {
    screened: a.screened + b.screened,
    withAcuity: a.withAcuity + b.withAcuity,
    myopes: a.myopes + b.myopes,
    acuityOnly: a.acuityOnly + b.acuityOnly,
    myopesAcuityOnly: a.myopesAcuityOnly + b.myopesAcuityOnly,
    reduced: a.reduced + b.reduced,
    glasses: a.glasses + b.glasses,
    rules,
  };
}

/** The tallies of result rows, one per school, grade and sex present, in that order. */
export function tallyResults(rows: readonly ResultRow[]): TallyRow<VisionTally>[] {
  const acc = new Map<string, TallyRow<VisionTally>>();
  for (const r of rows) {
    const k = `${r.schoolCode}|${r.grade}|${r.sex}`;
    let t = acc.get(k);
    if (!t) acc.set(k, (t = { schoolCode: r.schoolCode, grade: r.grade, sex: r.sex, tally: emptyTally() }));
    const x = t.tally;
    x.screened++;
    const rule = `${r.ruleId}@${r.ruleVersion}`;
    x.rules[rule] = (x.rules[rule] ?? 0) + 1;
    if (r.wearsGlasses === true) x.glasses++;
    if (r.myopia === null) continue;
    x.withAcuity++;
    if (r.myopia) x.myopes++;
    if (r.basis === 'acuity-only') {
      x.acuityOnly++;
      if (r.myopia) x.myopesAcuityOnly++;
    }
    if (r.reduced) x.reduced++;
  }
  return [...acc.values()].sort((a, b) => a.schoolCode.localeCompare(b.schoolCode) || a.grade - b.grade || a.sex.localeCompare(b.sex));
}
