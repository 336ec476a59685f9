// SGP benchmark (issue 5, deliverable 5): our student growth percentiles (src/growth/sgp, own quantile-regression
// simplex) against the R peer bench/peers/sgp_peer.R (quantreg rq.fit, method "br" — the algorithm of
// test/fixtures/sgp-oracle-reading/sgp_oracle.R) in the same run, on
//   1. the reading sample (sgpData, 79,931 students, final year 2025, max order 3): both engines in full;
//   2. a synthetic 200,000-student cohort (bench/gen-sgp.ts, grades 3→6 over 2022–2025, max order 3). A full "br"
//      run takes hours in R at n ≈ 175,000 (about 100 s per τ for 22 coefficients), so by default
//      (SGP_BENCH_R=sample) R fits one τ (0.495) per cohort; its full time is extrapolated ×100 and the agreement is
//      that of the predicted quantiles at that τ. SGP_BENCH_R=fn runs R's Frisch–Newton ("fn", what SGP uses for
//      n ≥ 300,000) in full instead and compares SGPs; SGP_BENCH_R=br runs "br" in full; SGP_BENCH_R=off skips R.
// Timings are wall clock: ours = read + parse + all fits + SGPs in this process; R = the peer's own total (read.csv
// + fits + SGPs), without R's start-up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { studentGrowthPercentiles, type SgpResult } from '../src/growth/sgp/sgp.js';
import { parseWide, wideText, type WideData } from '../src/growth/sgp/wide.js';
import { sgpDesign } from '../src/growth/sgp/design.js';
import { selectCohort } from '../src/growth/sgp/cohort.js';
import { roundR } from '../src/growth/sgp/round.js';
import { SGP_TAUS } from '../src/growth/sgp/read-off.js';
import { syntheticSgpFile } from './gen-sgp.js';
import type { BenchResult } from './types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const PEER = path.join(HERE, 'peers', 'sgp_peer.R');
// The public reading sample and the R oracle's SGPs, in the repository (test/fixtures/README.md).
const READING = path.join(ROOT, 'test', 'fixtures', 'sgpdata', 'sgpData_wide_reading.csv.gz');
const ORACLE = path.join(ROOT, 'test', 'fixtures', 'sgp-oracle-reading', 'sgp_reading_2025_best.csv.gz');
const SAMPLE_TAU_INDEX = 50; // τ = 0.495

interface PeerRun {
  read_seconds: number;
  fit_seconds: number;
  total_seconds: number;
  warnings: number;
  method: string;
  rows: string[][];
}

function hasRscript(): boolean {
  return spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
}

function runPeer(input: string, method: string, taus = 'all'): PeerRun {
  const out = path.join(os.tmpdir(), `sgp-peer-${process.pid}-${Date.now()}.csv`);
  const r = spawnSync('Rscript', [PEER, input, out, '3', method, taus], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`sgp_peer.R failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const json = JSON.parse(r.stdout.trim().split('\n').pop()!);
  const rows = fs
    .readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
  fs.rmSync(out, { force: true });
  return { ...json, rows };
}

function runOurs(file: string): { seconds: number; data: WideData; result: SgpResult } {
  const t0 = performance.now();
  const data = parseWide(wideText(fs.readFileSync(file)));
  const result = studentGrowthPercentiles(data, { maxOrder: 3 });
  return { seconds: (performance.now() - t0) / 1000, data, result };
}

/** Share of the peer's (ID, GRADE, ORDER, SGP) rows that we match exactly and within ±1. */
function agreement(result: SgpResult, rows: string[][]) {
  const ours = new Map(result.students.map((s) => [s.id, s]));
  let same = 0;
  let within1 = 0;
  for (const [id, , order, sgp] of rows) {
    const v = ours.get(id)?.byOrder[Number(order) - 1];
    if (v === Number(sgp)) same++;
    if (v != null && Math.abs(v - Number(sgp)) <= 1) within1++;
  }
  const ourCount = result.students.reduce((a, s) => a + s.byOrder.filter((v) => v !== null).length, 0);
  return { n: rows.length, ourCount, same: (100 * same) / rows.length, within1: (100 * within1) / rows.length };
}

const pct = (x: number) => `${x.toFixed(3)} %`;

/** Runs the peer; a failure becomes a row with the error rather than failing the whole file. */
function tryPeer(results: BenchResult[], name: string, f: () => PeerRun): PeerRun | null {
  try {
    return f();
  } catch (e) {
    results.push({ name, value: NaN, unit: 's', note: `failed: ${(e as Error).message.split('\n').slice(0, 2).join(' ')}` });
    return null;
  }
}

export default async function sgpBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const R = process.env.SGP_BENCH_R ?? 'sample';
  const withR = R !== 'off' && hasRscript();
  const rNote = withR ? '' : R === 'off' ? 'R skipped (SGP_BENCH_R=off)' : 'Rscript not found: install r-base-core and r-cran-quantreg';

  // 1. The reading sample, both engines in full.
  if (fs.existsSync(READING)) {
    const first = runOurs(READING);
    const second = runOurs(READING);
    const ours = Math.min(first.seconds, second.seconds);
    const res = second.result;
    const cohorts = res.cohorts.filter((c) => !c.skipped).length;
    results.push({
      name: 'reading: ours, all SGPs (read + fit + read off)',
      value: ours,
      unit: 's',
      note: `${res.students.length} students, ${cohorts} cohorts × 100 τ; runs ${first.seconds.toFixed(2)} s (cold), ${second.seconds.toFixed(2)} s`,
    });
    const oracle = gunzipSync(fs.readFileSync(ORACLE))
      .toString('utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const byId = new Map(res.students.map((s) => [s.id, s.sgp]));
    const same = oracle.filter(([id, , sgp]) => byId.get(id) === Number(sgp)).length;
    const w1 = oracle.filter(([id, , sgp]) => Math.abs((byId.get(id) ?? -9) - Number(sgp)) <= 1).length;
    results.push({
      name: 'reading: identical to the R oracle (reported SGP)',
      value: (100 * same) / oracle.length,
      unit: '%',
      target: 99,
      better: 'higher',
      note: `${same} / ${oracle.length}; within ±1 ${pct((100 * w1) / oracle.length)}`,
    });
    if (withR) {
      const peer = tryPeer(results, 'reading: R peer', () => runPeer(READING, 'br'));
      if (peer) {
        const a = agreement(res, peer.rows);
        results.push({
          name: 'reading: R peer (quantreg rq "br")',
          value: peer.total_seconds,
          unit: 's',
          note: `fits ${peer.fit_seconds.toFixed(1)} s, read ${peer.read_seconds.toFixed(1)} s; rq warnings ${peer.warnings}`,
        });
        results.push({
          name: 'reading: identical to the R peer (every order)',
          value: a.same,
          unit: '%',
          target: 99,
          better: 'higher',
          note: `${a.n} SGPs in R, ${a.ourCount} ours; within ±1 ${pct(a.within1)}`,
        });
        results.push({ name: 'reading: speed-up, R time / our time', value: peer.total_seconds / ours, unit: '×', target: 1, better: 'higher' });
      }
    } else results.push({ name: 'reading: R peer', value: NaN, unit: 's', note: rNote });
  } else results.push({ name: 'reading sample', value: NaN, unit: 's', note: `not found: ${READING}` });

  // 2. The synthetic 200,000-student cohort.
  const file = syntheticSgpFile(ROOT);
  const syn = runOurs(file);
  const big = syn.result.cohorts.filter((c) => !c.skipped);
  results.push({
    name: 'synthetic 200,000: ours, all SGPs',
    value: syn.seconds,
    unit: 's',
    note: `${syn.result.students.length} students; cohorts ${big.map((c) => `g${c.grade}/o${c.order} n=${c.n}`).join(', ')}`,
  });
  if (!withR) {
    results.push({ name: 'synthetic 200,000: R peer', value: NaN, unit: 's', note: rNote });
    return results;
  }
  if (R === 'sample') {
    const peer = tryPeer(results, 'synthetic 200,000: R peer', () => runPeer(file, 'br', String(SAMPLE_TAU_INDEX)));
    if (!peer) return results;
    const estimate = peer.read_seconds + peer.fit_seconds * SGP_TAUS.length;
    const cmp = comparePredictions(syn.data, syn.result, peer.rows);
    results.push({
      name: 'synthetic 200,000: R peer "br", one τ per cohort',
      value: peer.fit_seconds,
      unit: 's',
      note: `τ = ${SGP_TAUS[SAMPLE_TAU_INDEX - 1]}; ×100 τ ≈ ${(estimate / 3600).toFixed(1)} h for the full run`,
    });
    results.push({ name: 'synthetic 200,000: speed-up, R (extrapolated) / ours', value: estimate / syn.seconds, unit: '×', target: 1, better: 'higher', note: 'R time = one τ measured × 100 + read' });
    results.push({
      name: `synthetic 200,000: predictions at τ = ${SGP_TAUS[SAMPLE_TAU_INDEX - 1]} identical to R (5 decimals)`,
      value: cmp.same,
      unit: '%',
      target: 99,
      better: 'higher',
      note: `${cmp.n} student × cohort predictions; largest difference ${cmp.maxDiff.toExponential(2)}`,
    });
  } else {
    const peer = tryPeer(results, 'synthetic 200,000: R peer', () => runPeer(file, R));
    if (!peer) return results;
    const a = agreement(syn.result, peer.rows);
    results.push({ name: `synthetic 200,000: R peer "${R}", in full`, value: peer.total_seconds, unit: 's', note: `fits ${peer.fit_seconds.toFixed(1)} s; rq warnings ${peer.warnings}` });
    results.push({
      name: 'synthetic 200,000: identical to the R peer (every order)',
      value: a.same,
      unit: '%',
      target: 99,
      better: 'higher',
      note: `${a.n} SGPs in R, ${a.ourCount} ours; within ±1 ${pct(a.within1)}`,
    });
    results.push({ name: 'synthetic 200,000: speed-up, R time / our time', value: peer.total_seconds / syn.seconds, unit: '×', target: 1, better: 'higher' });
  }
  return results;
}

/** Peer rows GRADE, ORDER, N, TAU, K, VALUE (coefficients): our predictions x'β at that τ against R's, both rounded
 *  to 5 decimals. */
function comparePredictions(data: WideData, result: SgpResult, rows: string[][]) {
  const f = data.years.indexOf(result.year);
  const fits = new Map<string, { grade: number; order: number; tau: number; beta: number[] }>();
  for (const [grade, order, , tau, k, value] of rows) {
    const key = `${Number(grade)}/${Number(order)}/${Number(tau)}`;
    let fit = fits.get(key);
    if (!fit) fits.set(key, (fit = { grade: Number(grade), order: Number(order), tau: Number(tau), beta: [] }));
    fit.beta[Number(k) - 1] = Number(value);
  }
  let n = 0;
  let same = 0;
  let maxDiff = 0;
  for (const fit of fits.values()) {
    const run = result.cohorts.find((c) => c.grade === fit.grade && c.order === fit.order);
    const cohort = selectCohort(data, f, fit.grade, fit.order);
    if (!run?.coef || !cohort) continue;
    const { X, p } = sgpDesign(
      cohort.priors,
      cohort.priorGrades.map((g) => result.knots.get(g)!),
    );
    const t = fit.tau - 1;
    for (let i = 0; i < cohort.rows.length; i++) {
      let ours = 0;
      let theirs = 0;
      for (let k = 0; k < p; k++) {
        ours += X[i * p + k] * run.coef[t * p + k];
        theirs += X[i * p + k] * fit.beta[k];
      }
      n++;
      if (roundR(ours, 5) === roundR(theirs, 5)) same++;
      maxDiff = Math.max(maxDiff, Math.abs(ours - theirs));
    }
  }
  return { n, same: n ? (100 * same) / n : NaN, maxDiff };
}
