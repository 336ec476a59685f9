// Teacher structure (教师队伍结构) end to end through the API on PGlite: a small roster inserted straight into teachers /
// teacher_years, the students put into the registry by the statistics route, the figures worked out by hand below.
//
// School year 2024 (age = 2024 − birth year):
//   A 小学, 100 students: 5 专任 + 1 行政 (省级骨干, 研究生: not counted)
//     births 1995 (29), 1990 (34), 1980 (44), 1974 (50), 1970 (54) → bands 1, 1, 1, 2
//     titles 二级, 一级, 一级, 高级, 高级 → 中级+ 4; 骨干 县 + 市 = 2 (a 校级 one not counted) → 40 %, met;
//     研究生 1 → 20 %, met; tiers 新秀 1, 骨干 1
//   B 小学, 50 students: 3 专任, births 1999 (25), 1985 (39), 1975 (49); 未定级, 二级, 一级 → 中级+ 1;
//     骨干 0 → short ⌈0.3 · 3⌉ = 1; 研究生 0 → short ⌈0.05 · 3⌉ = 1
//   C 初中, 200 students: no roster → listed, left out
// District: 专任 8, staff 9, 骨干 2 → 25 %, short ⌈2.4⌉ − 2 = 1; 研究生 1 → 12.5 %, met; students 150;
//   骨干 per 100 = 2 / 150 · 100 = 1.333…
// CVs per 学段 — 小学 over A and B (their students in grades 1–2 and 1); 初中 over nobody (C has no roster)
// (numpy, np.average with weights P = 100, 50):
//   骨干 share 0.4, 0     → mean 0.26666666666666666 sd 0.1885618083164127  cv 0.7071067811865477
//   中级+ share 0.8, 1/3  → mean 0.6444444444444444  sd 0.21998877636914815 cv 0.34136189436591957
//   骨干 per 100 2, 0     → mean 1.3333333333333335  sd 0.9428090415820632  cv 0.7071067811865474
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, signIn, testApp } from '../helpers.js';
import { teachers, teacherYears } from '../../src/teachers/schema.js';
import type { StructureReport } from '../../src/teachers/structure/contract.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';

type Post = { school: string; birth: number; title: string; post?: string; qualification?: string; backbone?: string | null; tier?: string | null; year?: number };
const ROSTER: Post[] = [
  { school: A, birth: 1995, title: '二级', qualification: '研究生', tier: '新秀' },
  { school: A, birth: 1990, title: '一级', backbone: '县' },
  { school: A, birth: 1980, title: '一级', backbone: '校' },
  { school: A, birth: 1974, title: '高级', backbone: '市', tier: '骨干' },
  { school: A, birth: 1970, title: '高级' },
  { school: A, birth: 1972, title: '高级', post: '行政', backbone: '省', qualification: '研究生' },
  { school: B, birth: 1999, title: '未定级' },
  { school: B, birth: 1985, title: '二级' },
  { school: B, birth: 1975, title: '一级' },
  // An older roster of A: only the years list sees it.
  { school: A, birth: 1990, title: '一级', year: 2023 },
];
/** Names the answers must never carry (aggregates only). */
const NAMES = ROSTER.map((_, i) => `教师甲${i}`);

describe('teacher structure', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  const as = async (who: string, url: string) => {
    const c = await signIn(t.app, who);
    const r = await c.get(url);
    expect(r.statusCode, r.body).toBe(200);
    return r;
  };
  const report = async (who: string, q = '') => (await as(who, `/api/teachers/structure${q}`)).json<StructureReport>();

  beforeAll(async () => {
    t = await testApp();
    admin = await signIn(t.app, 'admin');
    const enrol: [string, { grade: number; students: number }[]][] = [
      [
        A,
        [
          { grade: 1, students: 60 },
          { grade: 2, students: 40 },
        ],
      ],
      [B, [{ grade: 1, students: 50 }]],
      [C, [{ grade: 7, students: 200 }]],
    ];
    for (const [code, enrolments] of enrol) {
      const res = await admin.put(`/api/schools/${code}/stats/2024`, { values: {}, enrolments, classes: [] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const db = t.database.db;
    await db.insert(teachers).values(ROSTER.map((p, i) => ({ districtId: DISTRICT, teacherId: `T${String(i + 1).padStart(6, '0')}`, name: NAMES[i], sex: '女', birthYear: p.birth })));
    await db.insert(teacherYears).values(
      ROSTER.map((p, i) => ({
        districtId: DISTRICT,
        year: p.year ?? 2024,
        teacherId: `T${String(i + 1).padStart(6, '0')}`,
        schoolCode: p.school,
        section: null,
        subjects: '语文',
        post: p.post ?? '专任',
        qualification: p.qualification ?? '本科',
        title: p.title,
        certified: true,
        backboneLevel: p.backbone ?? null,
        tier: p.tier ?? null,
        schoolSince: 2015,
        employment: '在编',
      })),
    );
  });
  afterAll(async () => t?.close());

  it('lists the years that have a roster', async () => {
    expect((await as('viewer', '/api/teachers/structure/years')).json()).toEqual({ years: [2024, 2023], currentYear: 2024 });
  });

  it('computes the schools, the district, the tiers and the 差异系数 of the current year', async () => {
    const r = await report('analyst');
    expect(r.year).toBe(2024);
    expect(r.years).toEqual([2024, 2023]);
    expect(r.targets).toMatchObject({ id: 'teacher-targets-v1', version: 1 });
    expect(r.schools.map((s) => s.code)).toEqual([A, B]);
    expect(r.withoutRoster).toEqual([{ code: C, name: '测试初级中学', level: '初中' }]);
    const [a, b] = r.schools;
    expect(a).toMatchObject({ students: 100, staff: 6, fullTime: 5, inShareCv: true, inPer100Cv: true });
    expect(a.ageBands.map((x) => x.count)).toEqual([1, 1, 1, 2]);
    expect(a.titles.map((x) => [x.title, x.count])).toEqual([
      ['未定级', 0],
      ['三级', 0],
      ['二级', 1],
      ['一级', 2],
      ['高级', 2],
      ['正高级', 0],
    ]);
    expect(a.backbone).toEqual({ count: 2, share: 0.4, met: true, short: 0 });
    expect(a.postgraduate).toEqual({ count: 1, share: 0.2, met: true, short: 0 });
    expect(a.intermediate).toEqual({ count: 4, share: 0.8 });
    expect(a.backbonePer100).toBe(2);
    expect(b.backbone).toEqual({ count: 0, share: 0, met: false, short: 1 });
    expect(b.postgraduate).toEqual({ count: 0, share: 0, met: false, short: 1 });
    expect(r.district).toMatchObject({ students: 150, staff: 9, fullTime: 8, schools: 2, withoutRoster: 1, backboneMet: 1, postgraduateMet: 1 });
    expect(r.district.backbone).toEqual({ count: 2, share: 0.25, met: false, short: 1 });
    expect(r.district.postgraduate).toMatchObject({ count: 1, share: 0.125, met: true, short: 0 });
    expect(r.district.backbonePer100).toBeCloseTo(4 / 3, 12);
    expect(r.tiers.map((x) => [x.tier, x.count, x.target])).toEqual([
      ['教育家型', 0, 3],
      ['卓越', 0, 9],
      ['领航', 0, 90],
      ['骨干', 1, 120],
      ['新秀', 1, 300],
    ]);
    const cv = (indicator: string) => r.cvs.find((c) => c.section === '小学' && c.indicator === indicator && c.group === null)!;
    expect(r.cvs.filter((c) => c.section === '初中').every((c) => c.n === 0 && c.cv === null)).toBe(true);
    expect(r.schools.map((s) => s.cvSections)).toEqual([['小学'], ['小学']]);
    for (const [ind, mean, sd, c] of [
      ['backbone', 0.26666666666666666, 0.1885618083164127, 0.7071067811865477],
      ['intermediate', 0.6444444444444444, 0.21998877636914815, 0.34136189436591957],
      ['backbonePer100', 1.3333333333333335, 0.9428090415820632, 0.7071067811865474],
    ] as const) {
      expect(cv(ind).n).toBe(2);
      expect(cv(ind).mean).toBeCloseTo(mean, 12);
      expect(cv(ind).sd).toBeCloseTo(sd, 12);
      expect(cv(ind).cv!).toBeCloseTo(c, 12);
    }
    // Aggregates only: no teacher's name or id anywhere in the answer.
    const body = JSON.stringify(r);
    for (const n of NAMES) expect(body).not.toContain(n);
    expect(body).not.toMatch(/T0000\d\d/);
  });

  it('scopes the school rows: a clerk the own school, an inspector the assigned ones; the district stays whole', async () => {
    const all = await report('admin');
    const seen = async (who: string) => {
      const r = await report(who);
      expect(r.district).toEqual(all.district);
      expect(r.cvs).toEqual(all.cvs);
      return [r.schools.map((s) => s.code), r.withoutRoster.map((s) => s.code)];
    };
    expect(await seen('clerkA')).toEqual([[A], []]);
    expect(await seen('clerkB')).toEqual([[B], []]);
    expect(await seen('inspector')).toEqual([[B], []]);
    expect(await seen('viewer')).toEqual([[A, B], [C]]);
    expect(await seen('personnel')).toEqual([[A, B], [C]]);
  });

  it('a year without a roster: every school listed without one, nothing judged', async () => {
    const r = await report('admin', '?year=2022');
    expect(r.schools).toEqual([]);
    expect(r.withoutRoster.map((s) => s.code)).toEqual([A, B, C]);
    expect(r.district).toMatchObject({ schools: 0, fullTime: 0, students: 0 });
    expect(r.district.backbone.met).toBeNull();
    expect(r.cvs.every((c) => c.cv === null)).toBe(true);
  });

  it('exports the workbook with the page’s figures, the pack id and the caller’s rows only', async () => {
    const res = await as('clerkA', '/api/teachers/structure.xlsx?year=2024');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '学校', '差异系数', '梯队', '无名册学校']);
    const schools = wb.getWorksheet('学校')!;
    expect(String(schools.getCell('A2').value)).toContain('teacher-targets-v1');
    // Row 5: school A; row 6: the district (no other school for clerk A).
    expect(schools.getCell('A5').value).toBe(A);
    expect(schools.getCell('A6').value).toBe('—');
    expect(schools.getRow(7).cellCount).toBe(0);
    const header = (schools.getRow(4).values as unknown[]).map(String);
    const col = header.indexOf('骨干占比');
    expect(schools.getRow(5).getCell(col).value).toBe(0.4);
    expect(schools.getRow(6).getCell(col).value).toBe(0.25);
    expect(schools.getRow(6).getCell(col).numFmt).toBe('#,##0.0%');
    const short = header.indexOf('骨干差额（人）');
    expect(schools.getRow(6).getCell(short).value).toBe(1);
    const cvs = wb.getWorksheet('差异系数')!;
    // One row per indicator; columns C–G 小学 (schools, students, X̄, S, CV), H–L 初中.
    expect(cvs.getCell('A5').value).toBe('骨干教师占比');
    expect([cvs.getCell('G4').value, cvs.getCell('L4').value]).toEqual(['小学：差异系数', '初中：差异系数']);
    expect(cvs.getCell('C5').value).toBe(2);
    expect(cvs.getCell('G5').value).toBeCloseTo(0.7071067811865477, 12);
    expect([cvs.getCell('H5').value, cvs.getCell('L5').value]).toEqual([0, '—']);
    // No teacher's name in any cell.
    const text: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => void text.push(String(c.value)))));
    for (const n of NAMES) expect(text.join('\n')).not.toContain(n);
    const en = await as('admin', '/api/teachers/structure.xlsx?lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['About', 'Schools', 'CVs', 'Tiers', 'No roster']);
  });
});
