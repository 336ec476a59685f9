// Admission within each junior school's quota (名额分配录取), junheng-quota-admission-v1 (docs/methods/admissions.md):
// a school's candidates are its students in the stored 中考 exam with a total at or above the quota's lowered control
// line; they are ranked by total (highest first), ties broken by the stated subjects in order (highest first); the
// first `quota` are admitted, and candidates still tied with the last admitted on every criterion are admitted too
// (同分同录: the school's admitted may then exceed its quota, shown as such). Places left unfilled return to the
// general pool. Totals are compared at 0.01 (scores are given to at most two decimals).
import { roundTo } from '../core/format.js';

export const QUOTA_ADMISSION_METHOD = 'junheng-quota-admission-v1';

export interface QuotaCandidate {
  studentId: string;
  school: string;
  /** The 中考 total; null when the student has no score at all (not a candidate). */
  total: number | null;
  /** Scores of the tie-break subjects, in the stated order (null = no score, ranked below any score). */
  tieScores: (number | null)[];
}

export interface SchoolAdmission {
  school: string;
  quota: number;
  /** Students of the school in the exam with a total. */
  sat: number;
  /** Of them, at or above the line. */
  eligible: number;
  admitted: number;
  /** The lowest admitted total (the line the school's quota reached), null when nobody was admitted. */
  lowestAdmitted: number | null;
  /** Places returned to the general pool. */
  unfilled: number;
  /** Admitted beyond the quota because tied with the last place (同分同录). */
  tiedBeyond: number;
  /** The admitted, in rank order (pupil-level: the bureau's only). */
  students: { studentId: string; total: number; rank: number }[];
}

const cents = (v: number) => Math.round(roundTo(v, 2) * 100);

/** Higher first; a missing score ranks below any score. */
function compareDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cents(b) - cents(a);
}

export function admitWithinQuotas(candidates: readonly QuotaCandidate[], quotas: ReadonlyMap<string, number>, line: number): SchoolAdmission[] {
  const bySchool = new Map<string, QuotaCandidate[]>();
  for (const c of candidates) {
    if (!quotas.has(c.school) || c.total === null) continue;
    const list = bySchool.get(c.school) ?? [];
    list.push(c);
    bySchool.set(c.school, list);
  }
  const lineCents = cents(line);
  const out: SchoolAdmission[] = [];
  for (const [school, quota] of quotas) {
    const sat = bySchool.get(school) ?? [];
    const eligible = sat.filter((c) => cents(c.total!) >= lineCents);
    const criteria = (x: QuotaCandidate, y: QuotaCandidate) => {
      const t = compareDesc(x.total, y.total);
      if (t) return t;
      for (let k = 0; k < Math.max(x.tieScores.length, y.tieScores.length); k++) {
        const d = compareDesc(x.tieScores[k] ?? null, y.tieScores[k] ?? null);
        if (d) return d;
      }
      return 0;
    };
    const ranked = [...eligible].sort((x, y) => criteria(x, y) || (x.studentId < y.studentId ? -1 : x.studentId > y.studentId ? 1 : 0));
    let n = Math.min(quota, ranked.length);
    while (n > 0 && n < ranked.length && criteria(ranked[n - 1], ranked[n]) === 0) n++;
    const admitted = ranked.slice(0, n);
    // Rank: 1 + the number ranked strictly before on the criteria (equal candidates share a rank).
    const students = admitted.map((c) => ({ studentId: c.studentId, total: c.total!, rank: 1 + admitted.filter((o) => criteria(o, c) < 0).length }));
    out.push({
      school,
      quota,
      sat: sat.length,
      eligible: eligible.length,
      admitted: n,
      lowestAdmitted: n ? admitted[n - 1].total : null,
      unfilled: Math.max(0, quota - n),
      tiedBeyond: Math.max(0, n - quota),
      students,
    });
  }
  return out;
}
