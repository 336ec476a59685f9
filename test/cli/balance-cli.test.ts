// `junheng balance evaluate` as a user runs it: a real process, a real file, JSON on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-cli-'));
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'balance', 'evaluate', ...args], { encoding: 'utf8' });
const HEADER = 'school_code,school_name,level,students,teachers_above_required_degree,backbone_teachers_county_or_above,pe_art_teachers,teaching_aux_area_m2,sports_area_m2,equipment_value_yuan,multimedia_classrooms';

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
    expect(s2.gaps).toEqual({ teachers_above_degree_per100: 1, backbone_per100: 2, pe_art_per100: 1, teaching_area_per_student: 250, sports_area_per_student: 750, equipment_per_student: 100000, multimedia_per100: 2 });
    expect([s2.met, s2.pass]).toEqual([0, false]);
    expect(p.pass).toBe(false);
    expect(out.levels['初中'].pass).toBe(true);
  });

  it('bad rows: exit code 2, every problem named by row and column, nothing on stdout', () => {
    const f = path.join(dir, 'bad.csv');
    fs.writeFileSync(f, ['学校标识码,学段,在校生数(人),高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数', 'A,小学,abc,1,1,1,1,1,1,1', 'A,九年一贯制,10,-1,1,1,1,1,1,1'].join('\n'));
    const r = run('--input', f, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('第2行 C列 (students)');
    expect(r.stderr).toContain('第3行 A列 (school_code)');
    expect(r.stderr).toContain('第3行 B列 (level)');
    expect(r.stderr).toContain('拆成两行');
    expect(r.stderr).toContain('第3行 D列 (teachers_above_required_degree)');
  });

  it('a missing column is named', () => {
    const f = path.join(dir, 'cols.csv');
    fs.writeFileSync(f, 'school_code,level,students\nA,小学,10\n');
    const r = run('--input', f, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing column equipment_value_yuan');
  });
});
