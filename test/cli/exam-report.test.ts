// `junheng exam report` as a user runs it: a real process, a real file, JSON on stdout.
// Expected numbers worked out independently with Python (statistics, numpy.percentile) and by hand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-exam-'));
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'exam', 'report', ...args], { encoding: 'utf8' });
const FULL = '语文=100,数学=120';

// S03's only student has no score at all; 2003 has an empty 语文 cell, 2004 a voided one.
const SMALL = [
  '学籍号,姓名,学校代码,班级,语文,数学',
  '2001,戊,S02,1,95,110.5',
  '2002,己,S02,1,60,71.5',
  '1001,甲,S01,1,90,100',
  '2003,庚,S02,1,,60',
  '1002,乙,S01,1,85,72',
  '2004,辛,S02,2,作弊,90',
  '3001,癸,S03,1,缺考,免考',
  '1003,丙,S01,2,59.5,缺考',
  '2005,壬,S02,2,30,30',
  '1004,丁,S01,2,40,48',
].join('\n');

const NULLS = { n: 0, mean: null, sd: null, median: null, excellent_rate: null, pass_rate: null, low_rate: null };

function expectSmallReport(out: any) {
  const close = (got: Record<string, unknown>, want: Record<string, number | null | string>) => {
    for (const [k, v] of Object.entries(want)) typeof v === 'number' ? expect(got[k], k).toBeCloseTo(v, 12) : expect(got[k], k).toBe(v);
  };
  const yw = out.subjects['语文'];
  close(yw.district, { n: 7, mean: 65.64285714285714, sd: 23.383013195960203, median: 60, excellent_rate: 3 / 7, pass_rate: 4 / 7, low_rate: 1 / 7 });
  expect(yw.schools.map((s: { school_code: string }) => s.school_code)).toEqual(['S01', 'S02', 'S03']);
  close(yw.schools[0], { school_code: 'S01', n: 4, mean: 68.625, sd: 20.172304652666735, median: 72.25, excellent_rate: 0.5, pass_rate: 0.5, low_rate: 0 });
  close(yw.schools[1], { school_code: 'S02', n: 3, mean: 61.666666666666664, sd: 26.562295750848715, median: 60, excellent_rate: 1 / 3, pass_rate: 2 / 3, low_rate: 1 / 3 });
  expect(yw.schools[2]).toEqual({ school_code: 'S03', ...NULLS });
  const sx = out.subjects['数学'];
  close(sx.district, { n: 8, mean: 72.75, sd: 25.17439175034821, median: 71.75, excellent_rate: 0.125, pass_rate: 0.5, low_rate: 0.125 });
  close(sx.schools[0], { n: 3, mean: 73.33333333333333, sd: 21.249836600678968, median: 72, excellent_rate: 0, pass_rate: 2 / 3, low_rate: 0 });
  close(sx.schools[1], { n: 5, mean: 72.4, sd: 27.253256686128356, median: 71.5, excellent_rate: 0.2, pass_rate: 0.4, low_rate: 0.2 });
  // 总分 (full 220): 60, 88, 131.5, 157, 190, 205.5; 优秀 ≥ 187, 及格 ≥ 132, 低分 < 88 (88 itself is not low)
  const zf = out.subjects['总分'];
  close(zf.district, { n: 6, mean: 138.66666666666666, sd: 52.033376040981835, median: 144.25, excellent_rate: 1 / 3, pass_rate: 0.5, low_rate: 1 / 6 });
  close(zf.schools[0], { n: 3, mean: 145, sd: 42.49705872175156, median: 157, excellent_rate: 1 / 3, pass_rate: 2 / 3, low_rate: 0 });
  close(zf.schools[1], { n: 3, mean: 132.33333333333334, sd: 59.4030489303556, median: 131.5, excellent_rate: 1 / 3, pass_rate: 1 / 3, low_rate: 1 / 3 });
  expect(zf.schools[2]).toEqual({ school_code: 'S03', ...NULLS });
  // CV: means 145 and 132.333 (3 students each): X̄ = 138.667, S = 6.3333, CV = 0.0456730769
  expect(out.cv_of_school_means).toBeCloseTo(0.04567307692307689, 14);
  // h = 5 × 0.3 = 1.5 → 88 + 0.5 × (131.5 − 88) = 109.75
  expect(out.bottom).toEqual({
    percentile: 30,
    threshold: 109.75,
    schools: [
      { school_code: 'S01', rate: 1 / 3 },
      { school_code: 'S02', rate: 1 / 3 },
      { school_code: 'S03', rate: null },
    ],
  });
  expect(out.marks).toEqual({ blank: 1, absent: 2, voided: 1, exempt: 1 });
}

describe('junheng exam report', () => {
  it('prints the JSON of the issue (values worked out independently)', () => {
    const f = path.join(dir, 'small.csv');
    fs.writeFileSync(f, SMALL);
    const r = run('--input', f, '--full', FULL, '--json');
    expect(r.stderr).toContain('1 个作弊成绩按缺考处理'); // says so
    expect(r.status).toBe(0);
    expectSmallReport(JSON.parse(r.stdout));
  });

  it('reads the same sheet saved by Excel in GBK, with the 考号/学校 aliases', () => {
    const f = path.join(dir, 'gbk.csv');
    fs.writeFileSync(f, iconv.encode(SMALL.replace('学籍号,姓名,学校代码,班级', '考号,姓名,学校,班级') + '\r\n', 'gbk'));
    expect(fs.readFileSync(f).includes(Buffer.from('语文'))).toBe(false); // really not UTF-8
    const r = run('--input', f, '--full', FULL, '--json');
    expect(r.status).toBe(0);
    expectSmallReport(JSON.parse(r.stdout));
  });

  it('full-width digits, half points, a BOM and options', () => {
    const f = path.join(dir, 'fullwidth.csv');
    fs.writeFileSync(f, '\ufeff学籍号,学校代码,语文\n1,A,８７．５\n2,A, ９０ \n3,B,６０.５\n4,B,59.5\n');
    const r = run('--input', f, '--full', '语文=１００', '--excellent', '0.875', '--pass', '0.605', '--low', '0.6', '--bottom', '50', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    // 59.5, 60.5, 87.5, 90: mean 74.375, median 74, 优秀 ≥ 87.5: 2, 及格 ≥ 60.5: 3, 低分 < 60: 1
    expect(out.subjects['语文'].district).toEqual({
      n: 4,
      mean: 74.375,
      sd: Math.sqrt((14.875 ** 2 + 13.875 ** 2 + 13.125 ** 2 + 15.625 ** 2) / 4),
      median: 74,
      excellent_rate: 0.5,
      pass_rate: 0.75,
      low_rate: 0.25,
    });
    // 50th percentile: h = 1.5 → 60.5 + 0.5 × 27 = 74
    expect(out.bottom).toEqual({
      percentile: 50,
      threshold: 74,
      schools: [
        { school_code: 'A', rate: 0 },
        { school_code: 'B', rate: 1 },
      ],
    });
  });

  it('a bad file: exit code 2, every problem named by row and column, nothing on stdout', () => {
    const f = path.join(dir, 'bad.csv');
    fs.writeFileSync(f, ['学籍号,姓名,学校代码,班级,语文,数学', '1,a,S1,1,101,60', '2,b,S1,1,-3,八十', '1,c,S1,1,50,50'].join('\n'));
    const r = run('--input', f, '--full', FULL, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.csv: 第2行 E列 (语文): 分数 101 高于满分 100');
    expect(r.stderr).toContain('bad.csv: 第3行 E列 (语文): 分数为负');
    expect(r.stderr).toContain('bad.csv: 第3行 F列 (数学): 不是分数(「八十」)');
    expect(r.stderr).toContain('bad.csv: 第4行 A列 (学籍号): 学籍号 1 重复,与第 2 行相同');
    expect(r.stderr).toContain('bad.csv: 4 个问题，未生成报告');
  });

  it('header problems: a --full subject missing, a subject without full marks', () => {
    const f = path.join(dir, 'header.csv');
    fs.writeFileSync(f, '学籍号,学校代码,语文,英语\n1,S,90,80\n');
    const r = run('--input', f, '--full', FULL, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    // The same wording as the server import (one pipeline): the unknown column and the missing subject, both named.
    expect(r.stderr).toContain('header.csv: 第1行 D列 (英语): 未知的列「英语」:不是本次考试的科目(语文、数学)');
    expect(r.stderr).toContain('header.csv: 第1行: 缺少科目「数学」的列');
  });
});
