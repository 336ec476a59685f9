// Regression value-added (issue 5): `junheng growth va` against the R peer (bench/peers/va_peer.R, lme4::lmer REML) in
// the same run, on (1) a synthetic cohort of 1,000,000 students in 500 schools (bench/gen-va.ts, seeded) and (2) the
// public sample sgpData_LONG (MATHEMATICS 2023_2024 → 2024_2025, 7 grades). Ours is timed twice: as the CLI child process
// end to end (file → JSON; includes Node/tsx start-up) and in-process by phase (read, link, fit). R is timed as a child
// process end to end, and by the phases the peer reports (fread + merge; lmer + ranef). Agreement: correlation of
// school effects, max |Δτ²|/τ², max |Δeffect|. Goal: faster than R (ratio R/ours > 1) with corr ≥ 0.999.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkExams } from '../src/growth/linkage/link.js';
import { readLongCsv } from '../src/growth/va/long-csv.js';
import { gradePairs } from '../src/growth/va/pairs.js';
import { valueAdded } from '../src/growth/va/value-added.js';
import { generateVaLong, VA_FROM, VA_SUBJECT, VA_TO } from './gen-va.js';
import { timed, type Run } from './timed.js';
import type { BenchResult } from './types.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STUDENTS = 1_000_000;
const SYNTHETIC = path.join(ROOT, '.tmp', 'bench', `va-${STUDENTS}.csv`);
const SAMPLE = path.join(ROOT, 'test/fixtures/sgpdata/sgpData_LONG.csv.gz'); // in the repository (test/fixtures/README.md)
const PEER = path.join(ROOT, 'bench', 'peers', 'va_peer.R');

interface School {
  school: string;
  effect: number;
}
interface GradeOut {
  tau2: number;
  schools: School[];
}

/** Effects of all grades joined by (grade, school); τ² compared per grade. */
function agreement(ours: Record<string, GradeOut>, peer: Record<string, GradeOut>) {
  const a: number[] = [];
  const b: number[] = [];
  let tau2 = 0;
  let effect = 0;
  for (const [g, p] of Object.entries(peer)) {
    const o = ours[g];
    if (!o) throw new Error(`grade ${g} missing from our output`);
    tau2 = Math.max(tau2, Math.abs(o.tau2 - p.tau2) / p.tau2);
    const bySchool = new Map(o.schools.map((s) => [s.school, s.effect]));
    for (const s of p.schools) {
      const e = bySchool.get(s.school);
      if (e === undefined) throw new Error(`grade ${g} school ${s.school} missing from our output`);
      a.push(e);
      b.push(s.effect);
      effect = Math.max(effect, Math.abs(e - s.effect));
    }
  }
  return { corr: correlation(a, b), tau2, effect, schools: a.length };
}

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** The CLI's pipeline in this process, by phase (ms). */
function inProcess(file: string) {
  const t0 = performance.now();
  const read = readLongCsv(fs.readFileSync(file), { subject: VA_SUBJECT, from: VA_FROM, to: VA_TO });
  const t1 = performance.now();
  const pairs = gradePairs(linkExams(read.exams!));
  const t2 = performance.now();
  for (const g of pairs.grades) valueAdded({ post: g.post, covariates: [g.pre], group: g.school });
  const t3 = performance.now();
  return { read: t1 - t0, link: t2 - t1, fit: t3 - t2, students: pairs.grades.reduce((n, g) => n + g.post.length, 0) };
}

function rAvailable(): boolean {
  try {
    return fs.existsSync('/usr/bin/Rscript') || fs.existsSync('/usr/local/bin/Rscript');
  } catch {
    return false;
  }
}

async function compare(label: string, file: string, startup: number, results: BenchResult[]) {
  const args = ['--input', file, '--subject', VA_SUBJECT, '--from', VA_FROM, '--to', VA_TO, '--json'];
  const phases = inProcess(file);
  const ours = await timed(process.execPath, ['bin/junheng.mjs', 'growth', 'va', ...args]);
  if (ours.code !== 0) throw new Error(`junheng growth va failed (${ours.code}): ${ours.stderr}`);
  const oursOut = JSON.parse(ours.stdout) as { grades: Record<string, GradeOut> };
  const mem = (r: Run) => (r.peakMb === null ? '' : `, peak ${Math.round(r.peakMb)} MB`);
  results.push({
    name: `${label}: ours, CLI end to end`,
    value: ours.seconds,
    unit: 's',
    note: `${phases.students.toLocaleString('en-US')} students; child process incl. Node/tsx start-up${mem(ours)}`,
  });
  results.push({
    name: `${label}: ours in-process read / link / fit`,
    value: phases.read + phases.link + phases.fit,
    unit: 'ms',
    note: `read ${phases.read.toFixed(0)} + link ${phases.link.toFixed(0)} + fit ${phases.fit.toFixed(0)} ms`,
  });
  if (!rAvailable()) {
    results.push({ name: `${label}: R peer`, value: NaN, unit: '', note: 'Rscript not found: install r-base-core r-cran-lme4 r-cran-data.table r-cran-jsonlite' });
    return;
  }
  const peer = await timed('Rscript', [PEER, file, VA_SUBJECT, VA_FROM, VA_TO]);
  if (peer.code !== 0) {
    results.push({ name: `${label}: R peer`, value: NaN, unit: '', note: `failed: ${peer.stderr.trim().split('\n').pop()}` });
    return;
  }
  const peerOut = JSON.parse(peer.stdout) as { grades: Record<string, GradeOut>; seconds: { read: number; fit: number }; lme4: string };
  const agree = agreement(oursOut.grades, peerOut.grades);
  results.push({
    name: `${label}: R lme4 ${peerOut.lme4}, Rscript end to end`,
    value: peer.seconds,
    unit: 's',
    note: `fread+merge ${peerOut.seconds.read.toFixed(2)} s, lmer+ranef ${peerOut.seconds.fit.toFixed(2)} s${mem(peer)}`,
  });
  results.push({
    name: `${label}: time ratio R / ours, end to end`,
    value: peer.seconds / ours.seconds,
    unit: '×',
    target: 1,
    better: 'higher',
    note: `both child processes, file → JSON; our start-up alone ${startup.toFixed(2)} s`,
  });
  const rWork = (peerOut.seconds.read + peerOut.seconds.fit) * 1000;
  const work = phases.read + phases.link + phases.fit;
  results.push({
    name: `${label}: time ratio R / ours, read + fit`,
    value: rWork / work,
    unit: '×',
    target: 1,
    better: 'higher',
    note: `in-process phases, no start-up: R ${rWork.toFixed(0)} ms vs ours ${work.toFixed(0)} ms`,
  });
  results.push({
    name: `${label}: time ratio R / ours, model fit`,
    value: (peerOut.seconds.fit * 1000) / phases.fit,
    unit: '×',
    target: 1,
    better: 'higher',
    note: `lmer+ranef ${(peerOut.seconds.fit * 1000).toFixed(0)} ms vs ours ${phases.fit.toFixed(1)} ms`,
  });
  results.push({
    name: `${label}: corr(school effects) ours vs lme4`,
    value: agree.corr,
    unit: '',
    target: 0.999,
    better: 'higher',
    note: `${agree.schools} school × grade effects; 1 − corr = ${(1 - agree.corr).toExponential(1)}`,
  });
  results.push({ name: `${label}: max |Δτ²| / τ²`, value: agree.tau2 * 1e6, unit: '×1e-6', target: 10, note: `max |Δeffect| = ${agree.effect.toExponential(2)} scale-score points` });
}

export default async function (): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (!fs.existsSync(SYNTHETIC)) {
    const t = performance.now();
    generateVaLong(SYNTHETIC, STUDENTS);
    results.push({
      name: 'generate synthetic cohort',
      value: (performance.now() - t) / 1000,
      unit: 's',
      note: `${STUDENTS.toLocaleString('en-US')} students, 500 schools, seed 20250901 → ${path.relative(ROOT, SYNTHETIC)}`,
    });
  }
  const startup = (await timed(process.execPath, ['bin/junheng.mjs', '--version'])).seconds;
  results.push({ name: 'junheng CLI start-up (--version)', value: startup, unit: 's', note: 'node + tsx + src/cli.ts, no work: the floor of every CLI figure' });
  await compare('VA 1M students', SYNTHETIC, startup, results);
  if (fs.existsSync(SAMPLE)) await compare('VA sgpData_LONG', SAMPLE, startup, results);
  else results.push({ name: 'VA sgpData_LONG', value: NaN, unit: '', note: `not found: ${SAMPLE}` });
  return results;
}
