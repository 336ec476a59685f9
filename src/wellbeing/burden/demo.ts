// The demo county's homework and sleep survey: for the latest demo year only, a sample of about 30 pupils per grade
// and school (demoPupils), answers rounded as pupils write them (minutes to 5, sleep to the quarter hour). Realistic
// against the limits: grades 1–2 almost no written homework, grades 3–6 mostly under 60 minutes, grades 7–9 with
// about 5–15 % over 90 minutes; sleep about 9.3 h in primary and 8.5 h in junior; a few schools clearly worse (more
// homework, less sleep). Deterministic: the same registry gives the same answers.
import type { Db } from '../../core/db/index.js';
import { hashString, mulberry32 } from '../../registry/demo.js';
import { demoPupils, type DemoPupil } from '../demo-pupils.js';
import * as store from './store.js';

/** Pupils sampled per grade and school. */
const SAMPLE = 30;

/** A normal draw (Box–Muller) from a uniform generator. */
const normal = (rnd: () => number) => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

/** Homework minutes of one pupil: school-level burden `worse` (0 ordinary, 1 clearly worse), the pupil's trait in [0, 1). */
function homework(grade: number, worse: number, trait: number, rnd: () => number): number {
  if (grade <= 2) {
    // Written homework is not set in grades 1–2; a few pupils still report some (more in the worse schools).
    return rnd() < 0.04 + 0.12 * worse ? 10 + 5 * Math.floor(rnd() * 4) : 0;
  }
  const mean = grade <= 6 ? 33 + 2 * (grade - 3) : 62 + 2 * (grade - 7);
  const m = mean * (1 + 0.3 * worse) + 8 * (trait - 0.5) + 12 * normal(rnd);
  return Math.max(0, Math.min(240, Math.round(m / 5) * 5));
}

/** Sleep hours of one pupil: about 9.3 h in primary and 8.5 h in junior, less in the worse schools and with more homework. */
function sleep(grade: number, worse: number, minutes: number, rnd: () => number): number {
  // The means before the worse schools and the heavier homework pull them down to about 9.3 h and 8.5 h.
  const mean = grade <= 6 ? 9.37 : 8.6;
  const h = mean - 0.3 * worse - 0.004 * Math.max(0, minutes - 60) + 0.4 * normal(rnd);
  return Math.max(6, Math.min(11.5, Math.round(h * 4) / 4));
}

/** Loads the demo survey of the latest of `years`; returns the number of records and the time it took. */
export async function loadDemoBurden(db: Db, districtId: string, years: readonly number[]): Promise<{ year: number; records: number; ms: number }> {
  const t0 = Date.now();
  const year = Math.max(...years);
  const pupils = await demoPupils(db, districtId, year);
  const groups = new Map<string, DemoPupil[]>();
  for (const p of pupils) {
    const k = `${p.schoolCode}|${p.grade}`;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const schools = [...new Set(pupils.map((p) => p.schoolCode))].sort();
  // About one school in six is clearly worse (a stable pick per school code).
  const worseOf = new Map(schools.map((s) => [s, hashString(`burden-school|${s}`) % 6 === 0 ? 1 : 0]));
  const rows: store.NewBurdenRecord[] = [];
  for (const [k, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const rnd = mulberry32(hashString(`burden|${year}|${k}`));
    // A sample without replacement: the first SAMPLE of a seeded shuffle.
    const pick = [...group];
    for (let i = pick.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [pick[i], pick[j]] = [pick[j], pick[i]];
    }
    for (const p of pick.slice(0, SAMPLE).sort((a, b) => a.studentId.localeCompare(b.studentId))) {
      const worse = worseOf.get(p.schoolCode) ?? 0;
      const minutes = homework(p.grade, worse, p.trait, rnd);
      const answeredHw = rnd() > 0.01;
      const answeredSleep = rnd() > 0.01;
      rows.push({
        districtId,
        year,
        schoolCode: p.schoolCode,
        recordId: p.studentId,
        grade: p.grade,
        sex: p.sex,
        homeworkMinutes: answeredHw ? minutes : null,
        sleepHours: answeredSleep ? sleep(p.grade, worse, minutes, rnd) : null,
        source: 'survey',
        surveyedOn: `${year}-11-${String(12 + (hashString(p.schoolCode) % 5)).padStart(2, '0')}`,
        row: rows.length + 2,
        importedBy: 'demo',
      });
    }
  }
  await store.replaceBurden(db, districtId, year, 'survey', schools, rows, () => []);
  return { year, records: rows.length, ms: Date.now() - t0 };
}
