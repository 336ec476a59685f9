// Seat forecast v1 (src/planning/forecast/forecast-v1.ts, issue 16 item 7): 2,000 schools × 9 grades × 6 years
// (2019–2024, seeded: every run sees the same data; a few schools closed, new, or missing a grade), forecast 10 years
// with a window of 3. Ours: forecastV1 in this process on records in memory (median of 7 after 2 warm-ups; target
// < 1 s), and reading the same data as a CSV first (readEnrolmentFile). The pandas peer bench/peers/forecast_peer.py
// (an independent implementation with merges and group-bys) runs on the same CSV in the same run: its compute time
// (printed by the peer, without reading and writing), its wall time, and the largest difference from ours. Skipped
// with a note when /usr/bin/python3 or pandas is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/core/tabular.js';
import { forecastV1, type EnrolmentRecord } from '../src/planning/forecast/forecast-v1.js';
import { readEnrolmentFile } from '../src/planning/forecast/read-files.js';
import { mulberry32 } from './gen-sgp.js';
import { timed } from './timed.js';
import type { BenchResult } from './types.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PYTHON = '/usr/bin/python3';
const PEER = 'bench/peers/forecast_peer.py';
const SCHOOLS = 2_000;
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const HORIZON = 10;
const WINDOW = 3;

/** Cohorts that move up a grade a year with a survival ratio around 0.98; 1 % of schools closed in 2024, 1 % new in 2024, 1 % missing a grade. */
export function syntheticEnrolments(seed = 16_2024): EnrolmentRecord[] {
  const rand = mulberry32(seed);
  const out: EnrolmentRecord[] = [];
  for (let s = 0; s < SCHOOLS; s++) {
    const code = `36${String(s).padStart(6, '0')}01`;
    const size = 10 + Math.floor(rand() * 190);
    const closed = s % 100 === 7;
    const isNew = s % 100 === 13;
    const gap = s % 100 === 29 ? 1 + Math.floor(rand() * 9) : 0;
    let prev: number[] = [];
    for (const year of YEARS) {
      if ((closed && year === 2024) || (isNew && year < 2024)) continue;
      const cur: number[] = [];
      for (let g = 1; g <= 9; g++) {
        const base = g === 1 || prev[g - 1] === undefined ? size * (0.85 + 0.3 * rand()) : prev[g - 1] * (0.94 + 0.08 * rand());
        cur[g] = Math.max(0, Math.round(base));
        if (g === gap && year === 2024) continue;
        out.push({ schoolCode: code, year, grade: g, students: cur[g] });
      }
      prev = cur;
    }
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(f: () => void, warm = 2, runs = 7): number[] {
  for (let i = 0; i < warm; i++) f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return ms;
}

export default async function bench(): Promise<BenchResult[]> {
  const records = syntheticEnrolments();
  const label = `forecast v1, ${SCHOOLS.toLocaleString('en-US')} schools × 9 grades × ${YEARS.length} years, horizon ${HORIZON}`;
  const load = os.loadavg()[0];
  let result = forecastV1(records, { horizon: HORIZON, window: WINDOW });
  const ms = timeIt(() => {
    result = forecastV1(records, { horizon: HORIZON, window: WINDOW });
  });
  const ours = median(ms);
  const results: BenchResult[] = [
    {
      name: `${label}: forecastV1`,
      value: ours,
      unit: 'ms',
      target: 1000,
      note: `${records.length.toLocaleString('en-US')} records → ${result.cells.length.toLocaleString('en-US')} cells, ${result.closedSchools.length} closed; median of 7 (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}); load ${load.toFixed(1)} on ${os.cpus().length} cores`,
    },
  ];

  const dir = path.join(ROOT, '.tmp', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const csvFile = path.join(dir, 'planning-forecast.csv');
  const outFile = path.join(dir, 'planning-forecast-pandas.csv');
  fs.writeFileSync(csvFile, 'school_code,year,grade,students\n' + records.map((r) => `${r.schoolCode},${r.year},${r.grade},${r.students}`).join('\n') + '\n');
  const buf = fs.readFileSync(csvFile);
  const readMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const read = await readEnrolmentFile('planning-forecast.csv', buf);
    forecastV1(read, { horizon: HORIZON, window: WINDOW });
    readMs.push(performance.now() - t);
  }
  results.push({ name: `${label}: CSV read + forecastV1`, value: median(readMs), unit: 'ms', note: `${(buf.length / 1e6).toFixed(1)} MB CSV (readEnrolmentFile), median of 3` });

  const hasPandas = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
  if (!hasPandas) return [...results, { name: `${label}: pandas peer`, value: NaN, unit: '', note: `skipped: ${PYTHON} with pandas not found (apt install python3-pandas)` }];
  const peerCompute: number[] = [];
  const peerWall: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await timed(PYTHON, [PEER, csvFile, '--horizon', String(HORIZON), '--window', String(WINDOW), '--out', outFile]);
    if (r.code !== 0) return [...results, { name: `${label}: pandas peer`, value: NaN, unit: '', note: `failed: ${r.stderr.trim().split('\n').pop()}` }];
    peerCompute.push(Number(r.stderr.trim().split('\n').pop()) * 1000);
    peerWall.push(r.seconds * 1000);
  }
  const [, ...rows] = parseCsv(fs.readFileSync(outFile, 'utf8'));
  let worst = rows.length === result.cells.length ? 0 : Infinity;
  if (worst === 0)
    result.cells.forEach((c, i) => {
      const r = rows[i];
      if (r[0] !== c.schoolCode || Number(r[1]) !== c.year || Number(r[2]) !== c.grade) worst = Infinity;
      else worst = Math.max(worst, Math.abs(Number(r[3]) - c.students));
    });
  const peer = median(peerCompute);
  results.push(
    {
      name: `${label}: pandas peer compute`,
      value: peer,
      unit: 'ms',
      note: `median of 3, without reading and writing; wall time with Python start-up, read_csv and to_csv ${median(peerWall).toFixed(0)} ms`,
    },
    { name: `${label}: time ratio pandas / ours`, value: peer / ours, unit: '×', note: `compute only (in-memory records vs the peer's DataFrame); ours / pandas ${(ours / peer).toFixed(3)}` },
    {
      name: `${label}: max |ours − pandas|`,
      value: worst * 1e9,
      unit: '1e-9 students',
      target: 1,
      note: Number.isFinite(worst) ? `${rows.length.toLocaleString('en-US')} cells compared` : `different cells: ${rows.length} rows from pandas, ${result.cells.length} ours`,
    },
  );
  return results;
}
