// `junheng planning forecast`: the JSON on the 30-school fixture equals the pandas reference, births replace the
// entry mean where they exist (worked by hand), the readable table, and bad input or options: exit 2, each problem as
// "FILE row R column C: reason" on stderr, nothing on stdout — in process and once as a real `junheng` process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/tabular.js';
import type { PlanningCliOptions } from '../cli-options.js';
import { forecastCommand } from './cli.js';

const FIXTURE = path.resolve('test/fixtures/planning/enrolments-30.csv');
const PANDAS = path.resolve('test/fixtures/planning/forecast-30-h4-k3.csv');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-forecast-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

async function run(opts: PlanningCliOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await forecastCommand(opts, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Json {
  method: string;
  base_year: number;
  horizon: number;
  window: number;
  entry_input: string;
  closed_schools: string[];
  forecast: { school_code: string; year: number; grade: number; students: number }[];
}

// A (grades 1–2): 2022 g1 40; 2023 g1 60, g2 38; 2024 g1 50, g2 57. Window 2: r(2023) = 38/40, r(2024) = 57/60.
const SMALL = 'school_code,year,grade,students\nA,2022,1,40\nA,2023,1,60\nA,2023,2,38\nA,2024,1,50\nA,2024,2,57\n';

describe('junheng planning forecast --json', () => {
  it('prints the pandas reference forecast for the 30-school fixture (to 1e-9)', async () => {
    const r = await run({ enrolments: FIXTURE, horizon: '4', window: '3', json: true });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as Json;
    expect([j.method, j.base_year, j.horizon, j.window, j.entry_input]).toEqual(['junheng-forecast-v1', 2024, 4, 3, 'window-mean']);
    expect(j.closed_schools).toEqual(['3600002601']);
    const [, ...rows] = parseCsv(fs.readFileSync(PANDAS, 'utf8'));
    expect(j.forecast).toHaveLength(rows.length);
    j.forecast.forEach((c, i) => {
      expect([c.school_code, c.year, c.grade]).toEqual([rows[i][0], Number(rows[i][1]), Number(rows[i][2])]);
      expect(Math.abs(c.students - Number(rows[i][3]))).toBeLessThan(1e-9);
    });
  });

  it('with --births: births six years earlier × the entry ratio, the window mean where the births stop', async () => {
    // Entry ratio (window 2024-2023): 60 / births 2017 (120) = 0.5, 50 / births 2018 (100) = 0.5 → 0.5.
    // 2025 entry = births 2019 (90) × 0.5 = 45; 2026: no births for 2020 → window mean (60 + 50)/2 = 55.
    // Grade 2: GPR = (38/40 + 57/60)/2 = 0.95; 2025 = 50 × 0.95 = 47.5; 2026 = 45 × 0.95 = 42.75.
    const births = write('births.csv', 'school_code,year,births\nA,2017,120\nA,2018,100\nA,2019,90\n');
    const r = await run({ enrolments: write('small.csv', SMALL), births, horizon: '2', window: '2', json: true });
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.entry_input).toBe('births');
    expect(j.forecast.map((c) => [c.year, c.grade, Number(c.students.toFixed(9))])).toEqual([
      [2025, 1, 45],
      [2025, 2, 47.5],
      [2026, 1, 55],
      [2026, 2, 42.75],
    ]);
    const plain = JSON.parse((await run({ enrolments: write('small.csv', SMALL), horizon: '2', window: '2', json: true })).out) as Json;
    expect(plain.forecast[0].students).toBe(55); // without births: the window mean
  });

  it('prints a readable table without --json', async () => {
    const r = await run({ enrolments: write('small.csv', SMALL), horizon: '2', window: '2' });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^junheng-forecast-v1: 基年 base year 2024, 预测 2 年 horizon 2, 窗口 2 年 window 2; 1 所学校 schools$/);
    expect(lines[1]).toMatch(/^学校代码 school\s+年份 year\s+1年级\s+2年级\s+合计 total$/);
    expect(lines[2].split(/\s+/)).toEqual(['A', '2025', '55.0', '47.5', '102.5']);
    expect(lines[3].split(/\s+/)).toEqual(['A', '2026', '55.0', '52.3', '107.3']); // 55 × 0.95 = 52.25 → 52.3 (half away from zero)
  });
});

describe('junheng planning forecast: bad input', () => {
  it('exits 2 naming the file, row and column of every bad cell, with nothing on stdout', async () => {
    const f = write('bad.csv', 'school_code,year,grade,students\nA,2024,1,40\nA,2024,x,3\nB,20x4,1,-1\n');
    const r = await run({ enrolments: f, horizon: '2', window: '2', json: true });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} row 3 column grade: 年级应为 1–9`)),
      expect.stringMatching(/ row 4 column year: .*not "20x4"$/),
      expect.stringMatching(/ row 4 column students: .*not "-1"$/),
    ]);
  });

  it('reports the births file’s problems too', async () => {
    const r = await run({
      enrolments: write('bad2.csv', 'school_code,year,grade,students\nA,2024,1,x\n'),
      births: write('b.csv', 'school_code,year,births\nA,2018,many\n'),
      horizon: '1',
      window: '1',
    });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/bad2\.csv row 2 column students: /);
    expect(r.err).toMatch(/b\.csv row 2 column births: .*not "many"/);
  });

  it('exits 2 with the usage for missing or bad options, and names an unreadable file', async () => {
    for (const opts of [
      { horizon: '2', window: '2' },
      { enrolments: FIXTURE, window: '2' },
      { enrolments: FIXTURE, horizon: '0', window: '2' },
      { enrolments: FIXTURE, horizon: '2', window: 'three' },
      { enrolments: FIXTURE, horizon: '31', window: '2' },
    ]) {
      const r = await run(opts);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/usage:\n\s+junheng planning forecast --enrolments FILE --horizon H --window K/);
    }
    const missing = await run({ enrolments: path.join(dir, 'nope.csv'), horizon: '1', window: '1' });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.csv: 无法读取 \/ cannot read \(ENOENT\)/);
  });

  it('as a real process: exit 0 with the JSON on stdout; exit 2 with the bad cell on stderr', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'planning', 'forecast', ...args], { encoding: 'utf8' });
    const ok = cli('--enrolments', FIXTURE, '--horizon', '4', '--window', '3', '--json');
    expect(ok.status, ok.stderr).toBe(0);
    const j = JSON.parse(ok.stdout) as Json;
    expect(j.method).toBe('junheng-forecast-v1');
    expect(j.base_year).toBe(2024);
    expect(j.forecast).toHaveLength(652);
    const bad = cli('--enrolments', write('bad-proc.csv', 'school_code,year,grade,students\nA,2024,0,1\n'), '--horizon', '1', '--window', '1');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/bad-proc\.csv row 2 column grade: /);
    const usage = cli('--enrolments', FIXTURE);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage:/);
  }, 60_000);
});
