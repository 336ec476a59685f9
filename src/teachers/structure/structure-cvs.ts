// The 差异系数 of the structure across schools with a roster, per 学段 (小学, 初中: cv-sections.ts splits the schools as
// the balance engine does), weighted by the section's students: each share over 专任 (骨干, 研究生, 中级+, every age
// band, every 职称) by studentWeightedCvOfShares (X̄ = Σ P_i x_i / Σ P_i); 骨干 and 中级+ per 100 students by the
// balance engine's studentWeightedCv(…, 100) (X̄ = Σ N_i / Σ P_i × 100). Units with no students (or unknown) are left
// out of every CV, units without 专任 teachers out of the shares' CVs. Pure.
import { studentWeightedCv, type WeightedCv } from '../../balance/weighted-cv.js';
import { TITLES } from '../model.js';
import { AGE_BANDS, CV_SECTIONS, type CvIndicator, type CvSection, type StructureCv } from './contract.js';
import type { StructureCounts } from './counts.js';
import { studentWeightedCvOfShares } from './weighted-cv-of-shares.js';

/** One school's part in one 学段 (a single-level school's whole, or a 一贯制 school's section). */
export interface CvSchool {
  section: CvSection;
  /** The section's students of the year; null = unknown (no statistics): left out. */
  students: number | null;
  counts: StructureCounts;
}

/** Every indicator's CV for 小学, then for 初中. */
export function structureCvs(units: readonly CvSchool[]): StructureCv[] {
  return CV_SECTIONS.flatMap((section) =>
    sectionCvs(
      section,
      units.filter((u) => u.section === section),
    ),
  );
}

function sectionCvs(section: CvSection, schools: readonly CvSchool[]): StructureCv[] {
  const P = (s: CvSchool) => s.students ?? 0;
  const row = (indicator: CvIndicator, group: string | null, kind: 'share' | 'per100', w: WeightedCv): StructureCv => ({ section, indicator, group, kind, ...w });
  const share = (indicator: CvIndicator, group: string | null, a: (c: StructureCounts) => number) =>
    row(indicator, group, 'share', studentWeightedCvOfShares(schools.map((s) => ({ students: P(s), numerator: a(s.counts), denominator: s.counts.fullTime }))));
  const per100 = (indicator: CvIndicator, a: (c: StructureCounts) => number) =>
    row(
      indicator,
      null,
      'per100',
      studentWeightedCv(
        schools.map((s) => ({ students: P(s), numerator: a(s.counts) })),
        100,
      ),
    );
  return [
    share('backbone', null, (c) => c.backbone),
    share('postgraduate', null, (c) => c.postgraduate),
    share('intermediate', null, (c) => c.intermediate),
    ...AGE_BANDS.map((b) => share('age', b, (c) => c.ageBands[b])),
    ...TITLES.map((t) => share('title', t, (c) => c.titles[t])),
    per100('backbonePer100', (c) => c.backbone),
    per100('intermediatePer100', (c) => c.intermediate),
  ];
}
