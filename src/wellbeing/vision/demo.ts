// The demo county's vision screening: every demo pupil (../demo-pupils.ts) screened each school year, with myopia as
// common as Chinese surveys report it — about 12 % in grade 1, rising to about 45 % in grade 6 and 70 % in grade 9
// (2018 baseline: 小学 36.0 %, 初中 71.6 %), a little lower in town and rural schools, falling about one point a year —
// and a pupil's myopia persisting from year to year (drawn from the pupil's stable trait). Most schools measure SE with
// an autorefractor; three town or rural schools record acuity only, so the report's acuity-only note has something to
// say (counted on acuity alone, their rates include reduced acuity of other causes). Deterministic.
import type { Db } from '../../core/db/index.js';
import { registrySchools } from '../../registry/lookup.js';
import { hashString, mulberry32 } from '../../registry/demo.js';
import { demoPupils } from '../demo-pupils.js';
import { classifyPupil } from './classify.js';
import { loadVisionRule, thresholdsOf } from './rule.js';
import * as store from './store.js';

/** Myopia prevalence of a city school's grade 1–9 in the first demo year. */
const PREVALENCE = [0.12, 0.19, 0.26, 0.33, 0.39, 0.45, 0.56, 0.64, 0.7];
const LOCATION_FACTOR: Record<string, number> = { 城区: 1, 镇区: 0.95, 乡村: 0.88 };
/** The fall of every grade's prevalence per year (the district's rate falls about twice as fast: each year's cohorts also differ). */
const YEARLY_FALL = 0.005;
/** The share of a pupil's draws that follow the pupil's trait (the rest is the year's chance). */
const PERSISTENCE = 0.85;

/** Eyes in tenths of the 5-point record and quarter dioptres of SE. */
const quarter = (d: number) => Math.round(d * 4) / 4;
const normalEye = (r: () => number) => ({ ucva: 50 + Math.floor(r() * 4), se: quarter(-0.25 + r() * 1.25) });
/** A myopic eye: SE from −0.50 D down to −(0.5·grade + 1.5) D with the severity (0–1]; the acuity falls with it, below 5.0. */
function myopicEyeOf(r: () => number, severity: number, grade: number) {
  const se = quarter(-0.5 - severity * (0.5 * grade + 1));
  return { ucva: Math.max(40, Math.round(49 - (Math.abs(se) - 0.5) * 3 - r())), se };
}

export async function loadDemoVision(db: Db, districtId: string, years: readonly number[]): Promise<{ rows: number; ms: number; writeMs: number }> {
  const started = performance.now();
  const rule = loadVisionRule();
  const th = thresholdsOf(rule);
  const schools = await registrySchools(db, districtId);
  const location = new Map(schools.map((s) => [s.code, s.location as string]));
  const acuityOnly = new Set(
    schools
      .filter((s) => s.location !== '城区')
      .sort((a, b) => hashString(`${a.code}|vision`) - hashString(`${b.code}|vision`))
      .slice(0, 3)
      .map((s) => s.code),
  );
  const first = Math.min(...years);
  let total = 0;
  let writeMs = 0;
  for (const year of years) {
    const pupils = await demoPupils(db, districtId, year);
    const yearSeed = hashString(`${year}|vision`);
    // One screening day per school in October.
    const screenedOn = new Map(schools.map((s) => [s.code, `${year}-10-${String(8 + (hashString(`${s.code}|${year}`) % 20)).padStart(2, '0')}`]));
    const rows: store.NewVisionRow[] = [];
    for (const p of pupils) {
      const r = mulberry32(hashString(p.studentId) ^ yearSeed);
      const base = {
        districtId,
        year,
        studentId: p.studentId,
        schoolCode: p.schoolCode,
        grade: p.grade,
        sex: p.sex,
        screenedOn: screenedOn.get(p.schoolCode) ?? null,
        ruleId: rule.id,
        ruleVersion: rule.version,
        row: rows.length + 2,
        importedBy: 'demo',
      };
      if (r() < 0.005) {
        // Absent on the screening day: a row without results.
        rows.push({ ...base, ucvaRight: null, ucvaLeft: null, seRight: null, seLeft: null, wearsGlasses: null, myopia: null, basis: null });
        continue;
      }
      const prevalence = Math.max(0.02, PREVALENCE[p.grade - 1] * (LOCATION_FACTOR[location.get(p.schoolCode) ?? '城区'] ?? 1) - YEARLY_FALL * (year - first));
      const u = r() < PERSISTENCE ? p.trait : r();
      const myopic = u < prevalence;
      const normal = () => normalEye(r);
      const myopicEye = (severity: number) => myopicEyeOf(r, severity, p.grade);
      let right, left;
      if (myopic) {
        const worse = myopicEye((prevalence - u) / prevalence);
        const other = r() < 0.75 ? myopicEye(((prevalence - u) / prevalence) * (0.5 + r() * 0.5)) : normal();
        [right, left] = r() < 0.5 ? [worse, other] : [other, worse];
      } else if (r() < 0.08) {
        // Reduced acuity of another cause (hyperopia, astigmatism): 视力不良 without screening myopia.
        right = { ucva: 47 + Math.floor(r() * 3), se: quarter(0.5 + r() * 1.5) };
        left = r() < 0.5 ? { ucva: 47 + Math.floor(r() * 3), se: quarter(0.25 + r() * 1.5) } : normal();
      } else [right, left] = [normal(), normal()];
      const measured = !acuityOnly.has(p.schoolCode);
      const seR = measured ? right.se : null;
      const seL = measured ? left.se : null;
      const c = classifyPupil(th, { ucvaTenths: right.ucva, seMilli: seR === null ? null : seR * 1000 }, { ucvaTenths: left.ucva, seMilli: seL === null ? null : seL * 1000 });
      rows.push({
        ...base,
        ucvaRight: right.ucva / 10,
        ucvaLeft: left.ucva / 10,
        seRight: seR,
        seLeft: seL,
        wearsGlasses: myopic ? r() < 0.35 + 0.05 * p.grade : r() < 0.01,
        myopia: c.myopia,
        basis: c.basis,
      });
    }
    const writing = performance.now();
    await store.deleteVisionYear(db, districtId, year);
    await store.insertVision(db, rows);
    writeMs += performance.now() - writing;
    total += rows.length;
  }
  return { rows: total, ms: Math.round(performance.now() - started), writeMs: Math.round(writeMs) };
}
