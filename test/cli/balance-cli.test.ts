// `junheng balance evaluate` as a user runs it: a real process, a real file, JSON on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
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
