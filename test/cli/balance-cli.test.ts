// `junheng balance evaluate` as a user runs it: a real process, a real file, JSON on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-cli-'));
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'balance', 'evaluate', ...args], { encoding: 'utf8' });
const HEADER =
  'school_code,school_name,level,students,teachers_above_required_degree,backbone_teachers_county_or_above,pe_art_teachers,teaching_aux_area_m2,sports_area_m2,equipment_value_yuan,multimedia_classrooms';

describe('junheng balance evaluate', () => {
  it('prints the JSON of the issue for a flat CSV (values worked out by hand)', () => {
    const f = path.join(dir, 'ok.csv');
    fs.writeFileSync(f, [HEADER, 'S1,一小,小学,1000,42,10,9,4500,7500,2000000,23', 'S2,二小,小学,500,20,3,4,2000,3000,900000,10', 'S3,一中,初中,800,45,9,8,5000,9000,2100000,20'].join('\n'));
    const r = run('--input', f, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.standard).toBe('national-2017-quality');
    const p = out.levels['小学'];
    const t = p.indicators.find((i: { key: string }) => i.key === 'teachers_above_degree_per100');
    // X̄ = 62/1500 × 100 = 4.1333; S = √((1000·(4.2−4.1333)² + 500·(4.0−4.1333)²)/1500) = 0.094281; CV = 0.022810
    expect(t.mean).toBeCloseTo(4.13333, 5);
    expect(t.sd).toBeCloseTo(0.094281, 6);
    expect(t.cv).toBeCloseTo(0.02281, 5);
    expect(t.limit).toBe(0.5);
    const s1 = p.schools.find((s: { school_code: string }) => s.school_code === 'S1');
    const s2 = p.schools.find((s: { school_code: string }) => s.school_code === 'S2');
    expect([s1.met, s1.pass, s1.excluded]).toEqual([7, true, false]); // exactly at every threshold
    // S2 (500 students): 4.0 < 4.2 → needs 21 − 20 = 1; backbone 0.6 → 5 − 3 = 2; PE/art 0.8 → 4.5 → 5 − 4 = 1;
    // 4.0 m² → 2250 − 2000 = 250; 6.0 m² → 3750 − 3000 = 750; 1800 yuan → 1,000,000 − 900,000 = 100,000; 2.0 rooms → 11.5 → 12 − 10 = 2.
    expect(s2.gaps).toEqual({
      teachers_above_degree_per100: 1,
      backbone_per100: 2,
      pe_art_per100: 1,
      teaching_area_per_student: 250,
      sports_area_per_student: 750,
      equipment_per_student: 100000,
      multimedia_per100: 2,
    });
    expect([s2.met, s2.pass]).toEqual([0, false]);
    expect(p.pass).toBe(false);
    expect(out.levels['初中'].pass).toBe(true);
  });

  it('bad rows: exit code 2, every problem named by row and column, nothing on stdout', () => {
    const f = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      f,
      [
        '学校标识码,学段,在校生数(人),高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数',
        'A,小学,abc,1,1,1,1,1,1,1',
        'A,九年一贯制,10,-1,1,1,1,1,1,1',
        'B,高中,10,1,1,1,1,1,1,1',
      ].join('\n'),
    );
    const r = run('--input', f, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('第2行 C列 (students)');
    expect(r.stderr).toContain('第3行 A列 (school_code)');
    expect(r.stderr).toContain('第3行 (primary_students): 九年一贯制需要分学部在校生数');
    expect(r.stderr).toContain('第4行 B列 (level)');
    expect(r.stderr).toContain('第3行 D列 (teachers_above_required_degree)');
  });

  it('a missing column is named', () => {
    const f = path.join(dir, 'cols.csv');
    fs.writeFileSync(f, 'school_code,level,students\nA,小学,10\n');
    const r = run('--input', f, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing column equipment_value_yuan');
  });

  it('splits a 九年一贯制 row by its section enrolments, 1 : 1.1 (the published example)', () => {
    const f = path.join(dir, 'through.csv');
    // 166 小学 + 210 初中, 23226 m² of teaching rooms: 小学部 23226 × 166/397 = 9711.6272 m² (python), 初中部 13514.3728 m².
    fs.writeFileSync(f, [HEADER + ',小学部在校生数,初中部在校生数', 'T,九年一贯制学校,九年一贯制,376,40,4,4,23226,5000,900000,10,166,210'].join('\n'));
    const r = run('--input', f, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const p = out.levels['小学'].schools[0];
    const j = out.levels['初中'].schools[0];
    expect([p.school_code, p.students, j.school_code, j.students]).toEqual(['T-P', 166, 'T-J', 210]);
    expect(p.values.teaching_area_per_student).toBeCloseTo(9711.627204 / 166, 6);
    expect(j.values.teaching_area_per_student).toBeCloseTo(13514.372796 / 210, 6);
    // students 376 = 166 + 210; a wrong total is named
    fs.writeFileSync(f, [HEADER + ',primary_students,junior_students', 'T,,九年一贯制,300,40,4,4,23226,5000,900000,10,166,210'].join('\n'));
    const bad = run('--input', f, '--json');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('第2行 D列 (students): 在校生数 300 ≠ 各学部之和 376');
  });

  it('gaps of a split 一贯制 school are whole teachers: the least number that meets the standard (issue 10: was 1.16 / 1.84)', () => {
    const f = path.join(dir, 'through-gap.csv');
    // 2 backbone teachers split 1 : 1.1 over 166 + 210 pupils: 小学部 2 × 166 / 397 = 0.83627, 初中部 2 × 231 / 397 = 1.16373.
    // Needed (1 per 100): 1.66 and 2.10. One more teacher each meets it (1.836 ≥ 1.66, 2.164 ≥ 2.10): gap 1 and 1.
    // Until issue 10 the JSON said ⌈1.66⌉ − 0.83627 = 1.16 and ⌈2.10⌉ − 1.16373 = 1.84 — fractions of a teacher.
    fs.writeFileSync(f, [HEADER + ',小学部在校生数,初中部在校生数', 'T,九年一贯制学校,九年一贯制,376,40,2,4,23226,5000,900000,10,166,210'].join('\n'));
    const r = run('--input', f, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.levels['小学'].schools[0].gaps.backbone_per100).toBe(1);
    expect(out.levels['初中'].schools[0].gaps.backbone_per100).toBe(1);
    expect(out.levels['小学'].totalGaps.backbone_per100).toBe(1);
  });

  it('national-2012-basic and a local pack file', () => {
    const f = path.join(dir, 'basic.csv');
    fs.writeFileSync(
      f,
      [
        'school_code,level,students,teaching_aux_area_m2,sports_area_m2,equipment_value_yuan,computers,books,teachers,teachers_above_required_degree,senior_title_teachers',
        'A,小学,134,900.5,1500,400000,40,6000,10,9,4',
        'B,小学,60,300,1200,90000,10,2000,6,5,2',
      ].join('\n'),
    );
    const r = run('--input', f, '--standard', 'national-2012-basic', '--json');
    expect(r.status).toBe(0);
    // python: the 8 CVs 0.128479 0.292443 0.271757 0.236433 0.128254 0.142194 0.103559 0.052045, mean 0.169395
    expect(JSON.parse(r.stdout).levels['小学'].composite.cv).toBeCloseTo(0.169395, 6);
    const pack = path.join(dir, 'local.json');
    fs.writeFileSync(pack, JSON.stringify({ id: 'strict', name: '严格', extends: 'national-2012-basic', overrides: { cvLimit: { 小学: '0.15' } } }));
    const l = JSON.parse(run('--input', f, '--standard', pack, '--json').stdout);
    expect([l.standard, l.levels['小学'].composite.limit, l.levels['小学'].composite.pass, l.levels['小学'].pass]).toEqual(['strict', 0.15, false, false]);
  });
});

// Issue 14, item 4: a 学校类型 / school_type column, and no column ignored without a word.
describe('junheng balance evaluate: 学校类型 and columns it does not read', () => {
  const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/balance');
  const byLevel = path.join(FIXTURES, 'teaching-points-level.csv'); // 教学点 in 学段
  const byType = path.join(FIXTURES, 'teaching-points-type.csv'); // 学段 小学, 学校类型 教学点
  const lines = (f: string) => fs.readFileSync(f, 'utf8').trimEnd().split('\n');
  const withColumn = (f: string, header: string, values: string[]) => lines(f).map((l, i) => `${l},${i === 0 ? header : values[i - 1]}`);
  const write = (name: string, rows: string[]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, rows.join('\n'));
    return f;
  };

  it('a 学校类型 column marking two 教学点 gives exactly the JSON of the same file marking them in 学段', () => {
    const a = run('--input', byLevel, '--json');
    const b = run('--input', byType, '--json');
    expect([a.status, b.status, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const out = JSON.parse(b.stdout);
    expect(out).toEqual(JSON.parse(a.stdout));
    // Not the same by accident: P3 (30 pupils) is a 教学点 under 50 and drops out, P4 (80) counts.
    const p = out.levels['小学'];
    const s = (code: string) => p.schools.find((x: { school_code: string }) => x.school_code === code);
    expect([s('P3').excluded, s('P4').excluded, p.counted]).toEqual([true, false, 3]);
    // multimedia per 100 over P1, P2, P4 (python): X̄ = 34/1580 × 100 = 2.151899, S = 0.133095, CV = 0.061850;
    // with P3 counted as a school (the 学校类型 column ignored, as before issue 14) CV would be 0.095286.
    const m = p.indicators.find((i: { key: string }) => i.key === 'multimedia_per100');
    expect(m.mean).toBeCloseTo(2.151899, 6);
    expect(m.sd).toBeCloseTo(0.133095, 6);
    expect(m.cv).toBeCloseTo(0.06185, 6);
  });

  it('English headers and values: school_type with teaching_point / "Teaching point" / school', () => {
    const rows = lines(byType).map((l, i) => {
      const c = l.split(',');
      if (i === 0) return ['school_code', 'school_name', 'School Type', 'level', ...c.slice(4)].join(',');
      c[2] = { 学校: 'school', 教学点: i === 3 ? 'teaching_point' : 'Teaching point' }[c[2]]!;
      return c.join(',');
    });
    const r = run('--input', write('type-en.csv', rows), '--json');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(run('--input', byLevel, '--json').stdout));
  });

  it('an unrecognised column: one warning on stderr naming it, the JSON on stdout as without it', () => {
    const f = write('remark.csv', withColumn(byLevel, '备注', ['新建', '', '撤并中', '', '示范校']));
    const r = run('--input', f, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(run('--input', byLevel, '--json').stdout));
    expect(r.stderr).toContain('L列 "备注": 未识别的列');
    expect(r.stderr).toContain('unrecognised column "备注" (L)');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1); // once for the column, not once per row
  });

  it('--strict: a warning is exit 2 and nothing on stdout; a clean file still evaluates', () => {
    const f = write('remark-strict.csv', withColumn(byLevel, 'remark', ['a', 'b', 'c', 'd', 'e']));
    const r = run('--input', f, '--json', '--strict');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unrecognised column "remark" (L)');
    const ok = run('--input', byType, '--json', '--strict');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).levels['小学'].counted).toBe(3);
  });

  it('an unknown 学校类型 value, and a 教学点 whose 学段 is not primary: exit 2 naming file, row, column and reason', () => {
    const rows = lines(byType);
    rows[2] = rows[2].replace(',学校,', ',分校,'); // row 3: P2
    rows[5] = rows[5].replace(',学校,', ',教学点,'); // row 6: J1, 初中
    const r = run('--input', write('bad-type.csv', rows), '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad-type.csv: 第3行 C列 (school_type): 学校类型 "分校" 应为 学校 或 教学点');
    expect(r.stderr).toContain('bad-type.csv: 第6行 C列 (school_type): 教学点只设小学，学段 "初中" 不符');
  });
});
