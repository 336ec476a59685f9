import { describe, expect, it } from 'vitest';
import { readWideCsv } from './import/wide-csv.js';
import { examReport } from './report.js';

const NULLS = { mean: null, sd: null, median: null, excellent_rate: null, pass_rate: null, low_rate: null };

function report(lines: string[], subjects: string[], full: number[]) {
  const { data, problems } = readWideCsv(Buffer.from(lines.join('\n')), { subjects, full });
  expect(problems.lines('t.csv')).toEqual([]);
  return examReport(data!);
}

describe('examReport', () => {
  it('a school with no present student, an all-absent subject: n 0, statistics null; 总分 then has nobody', () => {
    const r = report(['学籍号,学校代码,语文,英语', '1,B,80,缺考', '2,A,90,免考', '3,C,缺考,', '4,A,70,作弊'], ['语文', '英语'], [100, 100]);
    expect(r.subjects['语文'].district).toEqual({ n: 3, mean: 80, sd: Math.sqrt(200 / 3), median: 80, excellent_rate: 1 / 3, pass_rate: 1, low_rate: 0 });
    expect(r.subjects['语文'].schools.map((s) => s.school_code)).toEqual(['A', 'B', 'C']);
    expect(r.subjects['语文'].schools[2]).toEqual({ school_code: 'C', n: 0, ...NULLS });
    expect(r.subjects['英语'].district).toEqual({ n: 0, ...NULLS });
    expect(r.subjects['总分'].district).toEqual({ n: 0, ...NULLS });
    expect(r.subjects['总分'].full).toBe(200);
    expect(r.cv_of_school_means).toBeNull();
    expect(r.bottom).toEqual({ percentile: 30, threshold: null, schools: ['A', 'B', 'C'].map((school_code) => ({ school_code, rate: null })) });
    expect(r.marks).toEqual({ blank: 1, absent: 2, voided: 1, exempt: 1 });
  });

  it('the same report from half points (counting) and from any decimals (sorting)', () => {
    const rows = Array.from({ length: 400 }, (_, i) => `${i},S${(i * 7) % 5},${((i * 37) % 201) / 2},${((i * 53) % 241) / 2}`);
    const half = report(['学籍号,学校代码,语文,数学', ...rows], ['语文', '数学'], [100, 120]);
    // One score of 0.25 (and its row removed from the comparison) forces the sorting path for 语文 and 总分.
    const other = report(['学籍号,学校代码,语文,数学', ...rows, 'x,S9,0.25,0'], ['语文', '数学'], [100, 120]);
    const strip = (r: typeof half) => JSON.parse(JSON.stringify(r, (k, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
    const a = strip(half);
    const b = strip(other);
    for (const s of ['语文', '数学', '总分']) {
      expect(b.subjects[s].schools.slice(0, 5)).toEqual(a.subjects[s].schools);
      expect(b.subjects[s].schools[5].n).toBe(1);
    }
  });

  it('custom cut-offs and percentile', () => {
    const rows = ['学籍号,学校代码,语文', ...[50, 60, 70, 80, 90].map((x, i) => `${i},S,${x}`)];
    const { data } = readWideCsv(Buffer.from(rows.join('\n')), { subjects: ['语文'], full: [100] });
    const r = examReport(data!, { excellent: 0.9, pass: 0.7, low: 0.55, bottom: 50 });
    expect(r.subjects['语文'].district).toMatchObject({ excellent_rate: 0.2, pass_rate: 0.6, low_rate: 0.2 });
    expect(r.bottom.threshold).toBe(70);
    expect(r.bottom.schools).toEqual([{ school_code: 'S', rate: 0.6 }]);
  });
});
