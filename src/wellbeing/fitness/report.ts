// The fitness report of a school year: for the district and each school, overall, per grade and per grade and sex —
// pupils tested, pupils with a total, 达标率 (及格及以上 among pupils with a total), 优良率 (优秀 + 良好), 优秀率, the
// mean 学年总分, and the pupils whose total is open, by reason (the pack has no table for their grade: never a
// made-up score; or a result is missing). 达标率 is compared with the target of fitness-targets.json in integers.
// Small cells: withheld for a caller without pupil-level health rights for the school (../privacy.ts).
import { cellsToSuppress, type Who } from '../privacy.js';
import type { Level } from './annual-score.js';
import { meetsTarget } from './targets.js';

export interface ScoredPupil {
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F';
  total: number | null;
  level: Level | null;
  openReason: 'table-not-found' | 'missing-result' | null;
}

export interface FitnessCell {
  /** null: the district. */
  school: string | null;
  /** null: every grade. */
  grade: number | null;
  /** null: both sexes. */
  sex: 'M' | 'F' | null;
  tested: number;
  /** Pupils with a total. */
  scored: number;
  /** Pupils whose total is open because the pack has no table for an item of their grade. */
  tableNotFound: number;
  /** Pupils whose total is open because a result is missing. */
  missingResult: number;
  /** Shares of the pupils with a total (0–1); null when none has one or when withheld. */
  passRate: number | null;
  goodRate: number | null;
  excellentRate: number | null;
  meanTotal: number | null;
  /** 达标率 ≥ the target (null when no pupil has a total, or withheld). */
  meetsTarget: boolean | null;
  suppressed: boolean;
}

const key = (school: string | null, grade: number | null, sex: string | null) => `${school ?? '*'}|${grade ?? '*'}|${sex ?? '*'}`;

/** Every cell of the report, from the pupils' scores, before suppression: district first, then schools in code order. */
export function fitnessCells(pupils: readonly ScoredPupil[], targetPercent: number): FitnessCell[] {
  const acc = new Map<
    string,
    {
      school: string | null;
      grade: number | null;
      sex: 'M' | 'F' | null;
      tested: number;
      scored: number;
      notFound: number;
      missing: number;
      passed: number;
      good: number;
      excellent: number;
      hundredths: number;
    }
  >();
  for (const p of pupils) {
    for (const school of [null, p.schoolCode])
      for (const [grade, sex] of [
        [null, null],
        [p.grade, null],
        [p.grade, p.sex],
      ] as const) {
        const k = key(school, grade, sex);
        let a = acc.get(k);
        if (!a) acc.set(k, (a = { school, grade, sex, tested: 0, scored: 0, notFound: 0, missing: 0, passed: 0, good: 0, excellent: 0, hundredths: 0 }));
        a.tested++;
        if (p.total === null) {
          if (p.openReason === 'table-not-found') a.notFound++;
          else a.missing++;
          continue;
        }
        a.scored++;
        a.hundredths += Math.round(p.total * 100);
        if (p.level !== '不及格') a.passed++;
        if (p.level === '优秀' || p.level === '良好') a.good++;
        if (p.level === '优秀') a.excellent++;
      }
  }
  const sexRank = (s: string | null) => (s === null ? 0 : s === 'M' ? 1 : 2);
  return [...acc.values()]
    .sort((x, y) => (x.school ?? '').localeCompare(y.school ?? '') || (x.grade ?? 0) - (y.grade ?? 0) || sexRank(x.sex) - sexRank(y.sex))
    .map((a) => ({
      school: a.school,
      grade: a.grade,
      sex: a.sex,
      tested: a.tested,
      scored: a.scored,
      tableNotFound: a.notFound,
      missingResult: a.missing,
      passRate: a.scored ? a.passed / a.scored : null,
      goodRate: a.scored ? a.good / a.scored : null,
      excellentRate: a.scored ? a.excellent / a.scored : null,
      meanTotal: a.scored ? a.hundredths / a.scored / 100 : null,
      meetsTarget: meetsTarget(a.passed, a.scored, targetPercent),
      suppressed: false,
    }));
}

const withheld = (c: FitnessCell): FitnessCell => ({ ...c, passRate: null, goodRate: null, excellentRate: null, meanTotal: null, meetsTarget: null, suppressed: true });

/** The cells with small cells withheld for this caller (callers with pupil-level health rights for every school: unchanged). */
export function suppressFitnessCells(user: Who, cells: readonly FitnessCell[], min: number): FitnessCell[] {
  const out = cellsToSuppress(user, cells, min, (c) => c.tested);
  return cells.map((c, i) => (out.has(i) ? withheld(c) : c));
}
