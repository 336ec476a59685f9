// Where one class stands against a class-size standard (班额), in the registry's words: within the standard of its
// grade (小学 grades 1–6, 初中 from grade 7 — so a 九年一贯制 school's grade-7 class is held to the 初中 size),
// 超标准班额 above it, 大班额 from `large` (56) and 超大班额 from `huge` (66). The classification itself is the
// balance page's (src/balance/class-size.ts classifyClass), so every page counts the same classes; the thresholds
// come from the standards pack in use, so a local pack's values apply. Pure: the web imports it.
import { classifyClass, classSizeDefinitions, standardSizeOf, type ClassSizeThresholds } from '../balance/class-size.js';

export type { ClassSizeThresholds };
/** The one band a class is shown in: within its standard, above it (not 大班额), 大班额, 超大班额. */
export type ClassBand = 'within' | 'over' | 'large' | 'huge';
export const CLASS_BANDS: readonly ClassBand[] = ['within', 'over', 'large', 'huge'];

/** The standard size of a grade's classes: 小学 for grades 1–6, 初中 from grade 7. */
export const standardOfGrade = (t: ClassSizeThresholds, grade: number): number => standardSizeOf(t, grade);

/** The band of one class (the balance page's classification). */
export function classBand(t: ClassSizeThresholds, grade: number, size: number): ClassBand {
  const b = classifyClass(size, grade, t).band;
  return b === 'ok' ? 'within' : b;
}

/** The classes' counts as the balance page's 班额 report gives them: above the standard, 大班额, 超大班额, the largest size. */
export function classSizeCounts(t: ClassSizeThresholds, classes: readonly { grade: number; size: number }[]) {
  const out = { classes: classes.length, overStandard: 0, large: 0, huge: 0, maxSize: null as number | null };
  for (const c of classes) {
    out.maxSize = out.maxSize === null ? c.size : Math.max(out.maxSize, c.size);
    const k = classifyClass(c.size, c.grade, t);
    if (k.overStandard) out.overStandard++;
    if (k.large) out.large++;
    if (k.huge) out.huge++;
  }
  return out;
}

/** A band's label with its thresholds written out, in the balance page's words, e.g. 超标准班额（小学 > 45 人，初中 > 50 人）. */
export function classBandLabel(t: ClassSizeThresholds, band: ClassBand, lang: 'zh' | 'en'): string {
  if (band === 'within')
    return lang === 'zh'
      ? `标准班额以内（小学 ≤ ${t.standard['小学']} 人，初中 ≤ ${t.standard['初中']} 人）`
      : `Within the standard size (primary ≤ ${t.standard['小学']}, junior secondary ≤ ${t.standard['初中']})`;
  const d = classSizeDefinitions(t, lang);
  return band === 'over' ? d.overStandard : d[band];
}
