// `junheng growth va` as a user runs it: a real process on the public sample, JSON on stdout, checked against lme4
// (test/fixtures/growth/lme4-va-math-2024_2025.json, made by bench/peers/va_peer.R; see the README there).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SGPDATA_LONG as LONG } from '../fixtures/reference.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-va-'));
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'growth', 'va', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const HEADER = 'CONTENT_AREA,YEAR,ID,GRADE,SCALE_SCORE,SCHOOL_NUMBER,VALID_CASE';

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('junheng growth va', { timeout: 180_000 }, () => {
  it('sgpData_LONG, MATHEMATICS 2023_2024 → 2024_2025: every grade agrees with lme4', () => {
    const r = run('--input', LONG, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const ref = JSON.parse(fs.readFileSync('test/fixtures/growth/lme4-va-math-2024_2025.json', 'utf8'));
    expect(Object.keys(out.grades)).toEqual(Object.keys(ref.grades));
    let maxEffect = 0;
    let maxTau2 = 0;
    for (const [g, want] of Object.entries<{ n: number; tau2: number; sigma2: number; beta: number[]; schools: { school: string; n: number; effect: number; se: number }[] }>(ref.grades)) {
      const got = out.grades[g];
      expect(got.n).toBe(want.n);
      expect(got.schools.map((s: { school: string; n: number }) => [s.school, s.n])).toEqual(want.schools.map((s) => [s.school, s.n]));
      const corr = correlation(
        got.schools.map((s: { effect: number }) => s.effect),
        want.schools.map((s) => s.effect),
      );
      expect(corr).toBeGreaterThanOrEqual(0.999);
      got.schools.forEach((s: { effect: number; se: number }, j: number) => {
        maxEffect = Math.max(maxEffect, Math.abs(s.effect - want.schools[j].effect));
        expect(s.se).toBeCloseTo(want.schools[j].se, 5);
      });
      maxTau2 = Math.max(maxTau2, Math.abs(got.tau2 - want.tau2) / want.tau2);
      expect(got.sigma2).toBeCloseTo(want.sigma2, 5);
      expect(got.beta.intercept).toBeCloseTo(want.beta[0], 5);
      expect(got.beta.pre).toBeCloseTo(want.beta[1], 8);
    }
    console.log(`growth va vs lme4: max |Δeffect| = ${maxEffect.toExponential(2)} points, max relative Δτ² = ${maxTau2.toExponential(2)}`);
    expect(maxEffect).toBeLessThan(1e-5);
    expect(maxTau2).toBeLessThan(1e-6);
    expect(out.linkage.linked).toBe(29429);
  });

  it('reads a small plain CSV and a gzip one alike; ignores other subjects, years and invalid cases; text output', () => {
    const rows = [HEADER];
    for (let i = 0; i < 40; i++) {
      const school = i % 2 ? 'S1' : 'S2';
      const pre = 400 + ((i * 37) % 50);
      rows.push(`MATHEMATICS,2023_2024,${1000 + i},4,${pre},${school},VALID_CASE`);
      rows.push(`MATHEMATICS,2024_2025,${1000 + i},5,${pre + 20 + (i % 2 ? 6 : -6) + ((i * 13) % 7)},${school},VALID_CASE`);
      rows.push(`READING,2024_2025,${1000 + i},5,abc,${school},VALID_CASE`); // another subject: not parsed
    }
    rows.push('MATHEMATICS,2024_2025,1000,5,999,S1,INVALID_CASE'); // a second row for 1000, but not a valid case
    const csv = path.join(dir, 'small.csv');
    fs.writeFileSync(csv, rows.join('\n') + '\n');
    const gz = path.join(dir, 'small.csv.gz');
    fs.writeFileSync(gz, gzipSync(rows.join('\r\n')));
    const a = run('--input', csv, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025', '--json');
    const b = run('--input', gz, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025', '--json');
    expect(a.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.grades['5'].n).toBe(40);
    expect(out.linkage.invalidCases).toBe(1);
    expect(out.grades['5'].schools.map((s: { school: string; n: number; suppressed: boolean }) => [s.school, s.n, s.suppressed])).toEqual([
      ['S1', 20, false],
      ['S2', 20, false],
    ]);
    const t = run('--input', csv, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025', '--min-n', '21');
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('5 年级 / grade 5: n = 40');
    // Both schools have 20 < 21 students: n and "too few", never their figures.
    expect(t.stdout).toContain('n < 21：人数不足，不报告 / too few students, not reported');
  });

  it('with a CLASS column: class value-added as well (class within school as the group)', () => {
    const rows = [HEADER + ',CLASS'];
    for (let i = 0; i < 60; i++) {
      const school = i % 2 ? 'S1' : 'S2';
      const klass = `${1 + (i % 3)}班`;
      const pre = 400 + ((i * 37) % 50);
      rows.push(`MATHEMATICS,2023_2024,${1000 + i},4,${pre},${school},VALID_CASE,`);
      rows.push(`MATHEMATICS,2024_2025,${1000 + i},5,${pre + 20 + (i % 3) * 4 + ((i * 13) % 7)},${school},VALID_CASE,${klass}`);
    }
    const f = path.join(dir, 'classes.csv');
    fs.writeFileSync(f, rows.join('\n'));
    const r = run('--input', f, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025', '--json', '--min-n', '5');
    expect(r.status).toBe(0);
    const g = JSON.parse(r.stdout).grades['5'];
    expect(g.schools.map((s: { school: string }) => s.school)).toEqual(['S1', 'S2']);
    expect(g.classes.list.map((c: { school: string; class: string; n: number }) => [c.school, c.class, c.n])).toEqual([
      ['S1', '1班', 10],
      ['S1', '2班', 10],
      ['S1', '3班', 10],
      ['S2', '1班', 10],
      ['S2', '2班', 10],
      ['S2', '3班', 10],
    ]);
    expect(g.classes.tau2).toBeGreaterThan(0);
  });

  it('a grade that cannot be fitted (constant prior score) is reported in its place; the others are computed', () => {
    const rows = [HEADER];
    for (let i = 0; i < 30; i++) {
      rows.push(`MATHEMATICS,2023_2024,${i},4,${400 + (i % 9)},S${i % 3},VALID_CASE`, `MATHEMATICS,2024_2025,${i},5,${420 + (i % 7)},S${i % 3},VALID_CASE`);
      rows.push(`MATHEMATICS,2023_2024,${100 + i},5,500,S${i % 3},VALID_CASE`, `MATHEMATICS,2024_2025,${100 + i},6,${500 + (i % 5)},S${i % 3},VALID_CASE`);
    }
    const f = path.join(dir, 'singular.csv');
    fs.writeFileSync(f, rows.join('\n'));
    const r = run('--input', f, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('6 年级：学校模型无法拟合 / grade 6: school model not fitted');
    const out = JSON.parse(r.stdout);
    expect(out.grades['5'].n).toBe(30);
    expect(out.grades['6']).toEqual({ n: 30, error: 'covariate 1 is constant or collinear' });
  });

  it('bad input: exit 2, row and column named, nothing on stdout', () => {
    const f = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      f,
      [
        HEADER,
        'MATHEMATICS,2023_2024,1,4,abc,S1,VALID_CASE',
        'MATHEMATICS,2024_2025,1,x,400,S1,VALID_CASE',
        'MATHEMATICS,2024_2025,2,5,400,,VALID_CASE',
        'MATHEMATICS,2024_2025,,5,400,S1,VALID_CASE',
      ].join('\n'),
    );
    const r = run('--input', f, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.csv：第2行 E列（SCALE_SCORE）：');
    expect(r.stderr).toContain('bad.csv：第3行 D列（GRADE）：');
    expect(r.stderr).toContain('bad.csv：第4行 F列（SCHOOL_NUMBER）：');
    expect(r.stderr).toContain('bad.csv：第5行 C列（ID）：');
  });

  it('a missing column, a duplicate ID, no pairs, missing options: exit 2 with a message', () => {
    const f = path.join(dir, 'cols.csv');
    fs.writeFileSync(f, 'CONTENT_AREA,YEAR,ID,GRADE,SCALE_SCORE\nMATHEMATICS,2023_2024,1,4,400\n');
    let r = run('--input', f, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025');
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('missing column SCHOOL_NUMBER');
    fs.writeFileSync(f, [HEADER, 'MATHEMATICS,2023_2024,7,4,400,S1,VALID_CASE', 'MATHEMATICS,2023_2024,7,4,410,S1,VALID_CASE', 'MATHEMATICS,2024_2025,7,5,420,S1,VALID_CASE'].join('\n'));
    r = run('--input', f, '--subject', 'MATHEMATICS', '--from', '2023_2024', '--to', '2024_2025');
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('第2行：学籍号 7 在 2023_2024 出现多次');
    expect(r.stderr).toContain('第3行：学籍号 7');
    r = run('--input', f, '--subject', 'READING', '--from', '2023_2024', '--to', '2024_2025');
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('no students with scores in both years');
    r = run('--input', f, '--subject', 'MATHEMATICS');
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('usage: junheng growth va');
  });
});
