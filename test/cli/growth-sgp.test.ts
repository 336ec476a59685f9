// `junheng growth sgp` as a user runs it: a real process, a real file, JSON on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SGPDATA_WIDE_READING } from '../fixtures/reference.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-sgp-'));
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'growth', 'sgp', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

/** 301 students, grades 3 → 4 → 5 over 2023–2025, integer scores from fixed formulas (no RNG, so R sees the same file). */
function smallWide(): string {
  const lines = ['ID,GRADE_2023,GRADE_2024,GRADE_2025,SS_2023,SS_2024,SS_2025,SCHOOL_2025'];
  for (let i = 0; i < 301; i++) {
    const a = ((i * 37) % 101) / 101;
    const b = ((i * 53) % 97) / 97;
    const c = ((i * 71) % 89) / 89;
    const s23 = Math.round(480 + 120 * a + 20 * b);
    const s24 = Math.round(0.7 * s23 + 170 + 40 * c + 10 * b);
    const s25 = Math.round(0.6 * s24 + 0.2 * s23 + 150 + (50 * ((i * 29) % 83)) / 83);
    const g24 = i % 61 === 3 ? 3 : 4; // a repeater: not in the 3-4-5 progression
    const miss23 = i % 50 === 7;
    const miss25 = i === 300;
    lines.push([`S${1000 + i}`, miss23 ? '' : 3, g24, 5, miss23 ? '' : s23, s24, miss25 ? '' : s25, 'ABC'[i % 3]].join(','));
  }
  return lines.join('\n') + '\n';
}

// R 4.2.2 + quantreg 5.94 on the same file: Rscript bench/peers/sgp_peer.R small.csv out.csv 3 br (rq.fit method "br"),
// the SGPs of order 1 and of order 2, students in file order (order 1: all but the 5 repeaters and the student without
// a 2025 score; order 2: also without the 6 students missing a 2023 score).
const R_ORDER1 =
  '1,26,68,50,76,4,39,83,23,43,75,13,58,89,13,61,95,27,65,89,28,61,6,47,64,4,51,82,17,41,80,18,51,94,20,54,92,36,66,88,28,69,6,35,58,10,44,83,22,35,71,13,58,95,18,50,97,35,72,74,29,61,1,69,5,37,85,21,38,73,19,53,85,12,57,92,29,75,87,24,61,7,42,65,3,45,77,17,48,75,15,46,78,22,52,92,31,51,86,18,67,98,21,65,7,41,87,12,42,72,6,58,81,9,55,95,29,48,91,34,63,91,20,2,41,74,1,35,82,23,53,74,7,52,91,33,24,86,27,57,98,30,59,2,39,77,1,35,77,16,43,76,15,47,89,30,44,91,27,67,98,27,66,5,33,79,2,32,82,7,53,67,13,57,93,21,47,92,25,72,81,18,61,46,65,1,32,78,15,40,69,8,51,84,8,55,89,23,66,80,23,55,94,39,60,1,44,80,10,37,74,15,39,90,12,49,88,33,61,86,25,61,99,25,56,2,39,78,17,31,67,10,48,93,11,45,90,31,70,84,21,59,95,64,1,33,77,16,32,70,11,48,80,7,53,86,22,66,84,21,55,97,36,61,96,39,72,1,31,72,11,44,70,12,49,86,26,43,79,15,63,96,11,56,97,39,81,1,37,63,3,51,73,4,44';
const R_ORDER2 =
  '3,28,65,39,73,8,82,18,51,80,14,53,86,17,53,94,29,64,95,35,61,2,39,78,6,50,77,10,26,83,17,54,91,26,60,95,32,58,93,35,68,3,34,66,10,45,84,1,42,78,14,55,86,25,58,29,71,77,30,59,1,66,6,40,77,13,44,86,14,44,84,21,53,92,23,60,90,32,70,1,30,74,5,38,73,4,34,75,9,46,84,22,56,86,17,63,88,20,60,92,27,69,1,76,11,48,72,1,48,81,15,51,94,24,47,83,30,55,90,28,4,31,75,1,37,76,17,46,88,13,44,82,27,25,84,25,64,93,28,65,1,34,63,8,51,68,16,39,79,15,52,18,45,91,32,55,84,38,63,1,31,77,7,33,74,11,41,69,20,49,87,17,57,90,23,61,93,23,58,33,53,1,41,68,7,37,73,11,49,79,12,44,89,22,73,92,30,56,98,72,1,53,66,5,48,78,13,47,86,19,51,89,23,46,87,30,62,97,24,62,4,39,80,6,36,69,11,46,82,20,49,91,26,62,96,21,55,95,62,1,35,71,5,45,79,7,39,13,47,82,18,58,87,23,59,95,25,68,97,33,69,1,35,71,1,41,74,11,54,77,6,55,83,16,58,93,17,53,95,36,70,1,40,64,6,39,74,10,41';

describe('junheng growth sgp', () => {
  const small = path.join(dir, 'small.csv');
  fs.writeFileSync(small, smallWide());

  it('prints {year, students: [{id, grade, order, sgp}]} equal to R for every student of a small file', () => {
    const r = run('--input', small, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.year).toBe(2025);
    const ids = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 61 !== 3);
    const order2 = ids.filter((i) => i % 50 !== 7);
    const r1 = new Map(ids.map((i, k) => [`S${1000 + i}`, Number(R_ORDER1.split(',')[k])]));
    const r2 = new Map(order2.map((i, k) => [`S${1000 + i}`, Number(R_ORDER2.split(',')[k])]));
    expect(out.students).toHaveLength(ids.length);
    let same = 0;
    for (const s of out.students as { id: string; grade: number; order: number; sgp: number }[]) {
      expect(s.grade).toBe(5);
      expect(s.order).toBe(r2.has(s.id) ? 2 : 1);
      if (s.sgp === (r2.get(s.id) ?? r1.get(s.id))) same++;
    }
    expect(same).toBe(ids.length);
    // With a SCHOOL_<year> column: each school's median SGP and its standard error 1.253·sd/√n.
    expect(out.schools.map((s: { school: string; n: number }) => [s.school, s.n])).toEqual([
      ['A', 98],
      ['B', 98],
      ['C', 99],
    ]);
    for (const s of out.schools) expect(s.medianSgpSe).toBeGreaterThan(0);
  });

  it('--max-order 1 reports order 1 for everyone, equal to R; a .csv.gz gives the same output', () => {
    const r = run('--input', small, '--max-order', '1', '--json');
    expect(r.status).toBe(0);
    const ids = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 61 !== 3);
    expect(JSON.parse(r.stdout).students.map((s: { sgp: number; order: number }) => [s.order, s.sgp])).toEqual(R_ORDER1.split(',').map((v) => [1, Number(v)]));
    expect(ids).toHaveLength(295);
    const gz = path.join(dir, 'small.csv.gz');
    fs.writeFileSync(gz, gzipSync(fs.readFileSync(small)));
    expect(run('--input', gz, '--max-order', '1', '--json').stdout).toBe(r.stdout);
  });

  it('on sgpData reading (.csv.gz) a handful of students equal the R oracle', () => {
    const r = run('--input', SGPDATA_WIDE_READING, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.year).toBe(2025);
    expect(out.students).toHaveLength(34225);
    const byId = new Map(out.students.map((s: { id: string }) => [s.id, s]));
    // from test/fixtures/sgp-oracle-reading/sgp_reading_2025_best.csv.gz (ID, ORDER, SGP)
    const want: [string, number, number, number][] = [
      ['1002024', 4, 1, 88],
      ['1002304', 4, 1, 35],
      ['1004457', 4, 1, 70],
      ['1004489', 4, 1, 74],
      ['1001025', 5, 2, 7],
      ['1000715', 6, 2, 82],
      ['1000486', 7, 3, 96],
      ['1002734', 7, 3, 54],
    ];
    for (const [id, grade, order, sgp] of want) expect(byId.get(id)).toEqual({ id, grade, order, sgp });
  });

  it('bad input: exit code 2, the line and column named, nothing on stdout', () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'ID,GRADE_2024,GRADE_2025,SS_2024,SS_2025\nA,3,4,500,510\nB,3,4,5x0,520\nC,3,four,530,\n');
    const r = run('--input', bad, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 3, SS_2024');
    expect(r.stderr).toContain('"5x0"');
    expect(r.stderr).toContain('line 4, GRADE_2025');

    const cols = path.join(dir, 'cols.csv');
    fs.writeFileSync(cols, 'ID,GRADE_2024,SS_2024,GRADE_2025\nA,3,500,4\n');
    const c = run('--input', cols, '--json');
    expect([c.status, c.stdout]).toEqual([2, '']);
    expect(c.stderr).toContain('missing column SS_2025');

    for (const args of [['--input', path.join(dir, 'nope.csv')], ['--input', small, '--max-order', '0'], []]) {
      const e = run(...args, '--json');
      expect([e.status, e.stdout]).toEqual([2, '']);
    }
  });
});
