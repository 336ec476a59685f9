// Fitness results end to end through the API: import 12 pupils of two schools (grades 3, 7 and 8; CSV in GBK) whose
// scores and rates are worked out by hand below from the pack's tables (src/wellbeing/standards/fitness-2014.json,
// rows quoted in src/wellbeing/fitness/scoring.test.ts's style); every bad cell named; all or nothing; small cells
// withheld for callers without pupil-level rights; the trend, the schools below the target, per-item figures and the
// distribution of totals; pupil rows and their .xlsx for 'wellbeing.pupils' holders only (the health staff, the own
// school's clerk), each read and export audited.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { fitnessItemGroups, fitnessOfSchool, fitnessScoreGroups } from '../../src/wellbeing/store.js';
import { fitnessTallies, talliesOf, type ScoredPupil } from '../../src/wellbeing/fitness/report.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const HEAD = '学籍号,学校代码,年级,性别,身高(cm),体重(kg),肺活量,50米跑,坐位体前屈,1分钟跳绳,1分钟仰卧起坐,立定跳远,引体向上,1000米跑,800米跑';
// Weights: grade 3 — BMI 15, 肺活量 15, 50米 20, 坐位体前屈 20, 跳绳 20, 仰卧起坐 10; grade 8 — BMI 15, 肺活量 15,
// 50米 20, 坐位体前屈 10, 立定跳远 10, 引体向上 (M) / 仰卧起坐 (F) 10, 1000米 (M) / 800米 (F) 20. The items besides BMI
// weigh 85, so a pupil with BMI points b and every item at p points has 标准分 (15 b + 85 p) / 100.
const ROWS = [
  // A01 3-M: BMI 30 / 1.35² = 16.46 → 16.5, normal (13.9–19.4) → 100; 2300 / 9.1 / 16.3 / 126 / 48 are the 100 rows;
  //   跳绳 130 = 126 + 4 → bonus 4 / 2 = 2. 标准分 100, 总分 102 → 优秀.
  `A01,${A},3,男,135,30,2300,9.1,16.3,130,48,,,,`,
  // A02 3-M: BMI 100; 1700 / 9.5 / 10.2 / 104 / 36 are the 80 rows → (1500 + 6800) / 100 = 83 → 良好.
  `A02,${A},3,男,135,30,1700,9.5,10.2,104,36,,,,`,
  // A03 3-M: BMI 100; 900 / 11.5 / −0.8 / 34 / 16 are the 60 rows → (1500 + 5100) / 100 = 66 → 及格.
  `A03,${A},3,男,135,30,900,11.5,-0.8,34,16,,,,`,
  // A04 3-F: BMI 16.5, normal (13.6–18.6) → 100; 780 / 12.2 / 1.4 / 36 / 14 are the 50 rows → (1500 + 4250) / 100 = 57.5 → 不及格.
  `A04,${A},3,女,135,30,780,12.2,1.4,36,14,,,,`,
  // A05 3-F: BMI 36 / 1.30² = 21.30 → 21.3 ≥ 21.2 obese → 60; 1800 / 9.2 / 19.2 / 139 / 46 are the 100 rows (跳绳 exactly
  //   at 139: no bonus) → (900 + 8500) / 100 = 94 → 优秀.
  `A05,${A},3,女,130,36,1800,9.2,19.2,139,46,,,,`,
  // A06 3-F: 仰卧起坐 empty → total open (missing result).
  `A06,${A},3,女,135,30,1800,9.2,19.2,139,,,,,`,
  // C01 8-M: BMI 60 / 1.7² = 20.76 → 20.8, normal (15.7–22.5) → 100; 3940 / 7.5 / 19.6 / 240 / 14 / 3'50" = 230 s are the
  //   100 rows, exactly (no bonus) → 100 → 优秀.
  `C01,${C},8,男,170,60,3940,7.5,19.6,,,240,14,3'50",`,
  // C02 8-M: BMI 100; 3200 / 7.9 / 11.6 / 210 / 10 / 4分15秒 = 255 s are the 80 rows → 83 → 良好.
  `C02,${C},8,男,170,60,3200,7.9,11.6,,,210,10,4分15秒,`,
  // C03 8-M: BMI 66 / 2.89 = 22.84 → 22.8, overweight (22.6–25.2) → 80; 2000 / 9.9 / −1.4 / 170 / 5 / 305 are the 60 rows
  //   → (1200 + 5100) / 100 = 63 → 及格.
  `C03,${C},8,男,170,66,2000,9.9,-1.4,,,170,5,305,`,
  // C04 8-F: BMI 50 / 1.6² = 19.53 → 19.5, normal (15.3–22.2) → 100; 2500 / 8.8 / 15.9 / 174 / 41 / 4'00" = 240 s are
  //   the 80 rows → 83 → 良好.
  `C04,${C},8,女,160,50,2500,8.8,15.9,,41,174,,,4'00"`,
  // C05 8-F: BMI 100; 1460 / 11.0 / 2.1 / 139 / 19 / 5'00" = 300 s are the 50 rows → 57.5 → 不及格.
  `C05,${C},8,女,160,50,1460,11.0,2.1,,19,139,,,5'00"`,
  // C06 7-M: 1000米 empty → total open (missing result).
  `C06,${C},7,男,165,50,3000,8.0,10,,,200,5,,`,
];
// School A: tested 6, with a total 5 (A06 open): passed A01 A02 A03 A05 = 4/5 = 80 %; 优良 A01 A02 A05 = 3/5 = 60 %;
//   优秀 A01 A05 = 2/5 = 40 %; mean (102 + 83 + 66 + 57.5 + 94) / 5 = 402.5 / 5 = 80.5.
// School C: tested 6, with a total 5 (C06 open): passed C01–C04 = 4/5; 优良 C01 C02 C04 = 3/5; 优秀 C01 = 1/5;
//   mean (100 + 83 + 63 + 83 + 57.5) / 5 = 386.5 / 5 = 77.3.
// District: 12 tested, 10 with a total: 8/10 = 80 % < 95 % (800 < 950), 6/10, 3/10, mean 789 / 10 = 78.9.
// Grade 3 boys: A01–A03, all pass: 3/3 meets 95 % (300 ≥ 285); 优良 2/3; 优秀 1/3; mean 251 / 3.
// Grade 8 girls: C04 83, C05 57.5: 1/2; mean 70.25.
const FILE = [HEAD, ...ROWS].join('\r\n') + '\r\n';
/** The pack's version as shipped (every stored score names it). */
const PACK_VERSION = (JSON.parse(fs.readFileSync(new URL('../../src/wellbeing/standards/fitness-2014.json', import.meta.url), 'utf8')) as { version: number }).version;

/** The rows of a raw query (PGlite answers { rows }, node-postgres through drizzle the same; an array is taken as is). */
const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);

type Cell = { school: string | null; grade: number | null; sex: string | null; [k: string]: unknown };
const cellOf = (cells: Cell[], school: string | null, grade: number | null, sex: string | null) => cells.find((c) => c.school === school && c.grade === grade && c.sex === sex);

describe('fitness results', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let bureau: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await testApp();
    bureau = await signIn(t.app, 'analyst');
  });
  afterAll(async () => t.close());

  it('imports a GBK CSV, scores every pupil and stores the pack used', async () => {
    const r = await bureau.upload('/api/wellbeing/fitness/import?year=2025', iconv.encode(FILE, 'gbk'), '体测2025.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ year: 2025, imported: 12, schools: [A, C], scored: 10, tableNotFound: 0, missingResult: 2, pack: { id: 'national-2014', version: PACK_VERSION } });
    const rows = rowsOf(await t.database.db.execute(sql`select student_id, standard, bonus, total, level, open_reason, pack_id, pack_version from fitness_results order by student_id`));
    const got = rows.map((x) => [x.student_id, x.standard, x.bonus, x.total, x.level, x.open_reason]);
    expect(got).toEqual([
      ['A01', 100, 2, 102, '优秀', null],
      ['A02', 83, 0, 83, '良好', null],
      ['A03', 66, 0, 66, '及格', null],
      ['A04', 57.5, 0, 57.5, '不及格', null],
      ['A05', 94, 0, 94, '优秀', null],
      ['A06', null, 0, null, null, 'missing-result'],
      ['C01', 100, 0, 100, '优秀', null],
      ['C02', 83, 0, 83, '良好', null],
      ['C03', 63, 0, 63, '及格', null],
      ['C04', 83, 0, 83, '良好', null],
      ['C05', 57.5, 0, 57.5, '不及格', null],
      ['C06', null, 0, null, null, 'missing-result'],
    ]);
    expect(rows.every((x) => x.pack_id === 'national-2014' && x.pack_version === PACK_VERSION)).toBe(true);
  });

  it('reports per district, school, grade and sex against the 95 % target', async () => {
    // The health staff read every school's pupils: nothing withheld.
    const r = await (await signIn(t.app, 'health')).get('/api/wellbeing/fitness/report');
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json<{
      year: number;
      years: number[];
      target: { percent: number };
      cells: Cell[];
      notFound: { grade: number; sex: string; items: string[] }[];
      unconfirmed: { grade: number; sex: string; item: string }[];
    }>();
    expect([rep.year, rep.years, rep.target.percent]).toEqual([2025, [2025], 95]);
    const pick = (c: Cell | undefined) => c && [c.tested, c.scored, c.tableNotFound, c.missingResult, c.passRate, c.goodRate, c.excellentRate, c.meanTotal, c.meetsTarget, c.suppressed];
    expect(pick(cellOf(rep.cells, null, null, null))).toEqual([12, 10, 0, 2, 0.8, 0.6, 0.3, 78.9, false, false]);
    expect(pick(cellOf(rep.cells, A, null, null))).toEqual([6, 5, 0, 1, 0.8, 0.6, 0.4, 80.5, false, false]);
    expect(pick(cellOf(rep.cells, C, null, null))).toEqual([6, 5, 0, 1, 0.8, 0.6, 0.2, 77.3, false, false]);
    expect(pick(cellOf(rep.cells, C, 7, null))).toEqual([1, 0, 0, 1, null, null, null, null, null, false]);
    const g3m = cellOf(rep.cells, null, 3, 'M')!;
    expect([g3m.tested, g3m.passRate, g3m.goodRate, g3m.excellentRate, g3m.meetsTarget]).toEqual([3, 1, 2 / 3, 1 / 3, true]);
    expect(g3m.meanTotal).toBeCloseTo(251 / 3, 10);
    expect(pick(cellOf(rep.cells, null, 8, 'F'))).toEqual([2, 2, 0, 0, 0.5, 0.5, 0, 70.25, false, false]);
    expect(cellOf(rep.cells, B, null, null)).toBeUndefined(); // no results for school B
    // The tables the pack has not found, and those it marks single-source or partial, as the pack file lists them.
    const pack = JSON.parse(fs.readFileSync(new URL('../../src/wellbeing/standards/fitness-2014.json', import.meta.url), 'utf8')) as {
      items: Record<string, { tables: Record<string, { status: string }> }>;
    };
    const marked = (want: string[]) =>
      Object.entries(pack.items)
        .flatMap(([item, d]) =>
          Object.entries(d.tables)
            .filter(([, t]) => want.includes(t.status))
            .map(([k]) => `${k}-${item}`),
        )
        .sort();
    expect(rep.unconfirmed.map((u) => `${u.grade}-${u.sex}-${u.item}`).sort()).toEqual(marked(['single-source', 'partial']));
    expect(rep.notFound.flatMap((n) => n.items.map((i) => `${n.grade}-${n.sex}-${i}`)).every((k) => marked(['not-found']).includes(k))).toBe(true);
  });

  it('tallies the stored rows in SQL exactly as the report’s pure tally of the pupils does', async () => {
    const db = t.database.db;
    const levels = { excellent: 90, good: 80, pass: 60 };
    const pupils: ScoredPupil[] = [...(await fitnessOfSchool(db, '990001', 2025, A)), ...(await fitnessOfSchool(db, '990001', 2025, C))].map((r) => ({
      schoolCode: r.schoolCode,
      grade: r.grade,
      sex: r.sex as 'M' | 'F',
      total: r.total,
      level: r.level as ScoredPupil['level'],
      openReason: r.openReason as ScoredPupil['openReason'],
      items: r.items,
      pack: { id: r.packId, version: r.packVersion },
    }));
    const order = (x: { schoolCode: string; grade: number; sex: string }, y: typeof x) => x.schoolCode.localeCompare(y.schoolCode) || x.grade - y.grade || x.sex.localeCompare(y.sex);
    const sql = talliesOf(await fitnessScoreGroups(db, '990001', 2025), { groups: await fitnessItemGroups(db, '990001', 2025), levels }).sort(order);
    const pure = fitnessTallies(pupils, levels).sort(order);
    expect(sql).toHaveLength(5);
    expect(sql).toEqual(pure);
  });

  it('gives the schools below the target, per-item figures and the distribution of totals', async () => {
    const health = await signIn(t.app, 'health');
    const rep = (await health.get(`/api/wellbeing/fitness/report?school=${C}`)).json<{
      target: { percent: number; local: boolean };
      belowTarget: { school: string; scored: number; passRate: number; gapPoints: number; short: number }[];
      items: {
        school: string | null;
        figures: { school: string | null; grade: number; sex: string | null; item: string; scored: number; passRate: number; goodRate: number; excellentRate: number; meanPoints: number }[];
      };
      cells: (Cell & { histogram: number[] | null })[];
      trend: { district: { year: number; passRate: number }[]; schools: { school: string; points: { year: number }[] }[] };
    }>();
    // The test district has no target of its own: the default 95 %.
    expect(rep.target).toMatchObject({ percent: 95, local: false });
    // A and C: 4 of 5 (80 %) each → 15 points below; ⌈95 × 5 / 100⌉ = ⌈4.75⌉ = 5 needed → 1 short each; ties by code.
    expect(rep.belowTarget.map((b) => [b.school, b.scored, b.passRate, b.short])).toEqual([
      [A, 5, 0.8, 1],
      [C, 5, 0.8, 1],
    ]);
    expect(rep.belowTarget[0].gapPoints).toBeCloseTo(15, 10);
    // School C, grade 8 boys, 1000 m: C01 3'50" = 230 s → 100, C02 255 s → 80, C03 305 s → 60 (the rows quoted above):
    // mean 80, all ≥ 60, ≥ 80: 2 of 3, ≥ 90: 1 of 3.
    expect(rep.items.school).toBe(C);
    const run = rep.items.figures.find((f) => f.grade === 8 && f.sex === 'M' && f.item === 'run_1000m')!;
    expect([run.school, run.scored, run.passRate, run.goodRate, run.excellentRate, run.meanPoints]).toEqual([C, 3, 1, 2 / 3, 1 / 3, 80]);
    // The district (no school asked), grade 3 boys, 肺活量: A01 2300 → 100, A02 1700 → 80, A03 900 → 60 → mean 80.
    const district = (await health.get('/api/wellbeing/fitness/report')).json<typeof rep>();
    const lung = district.items.figures.find((f) => f.grade === 3 && f.sex === 'M' && f.item === 'lung_capacity')!;
    expect([lung.school, lung.scored, lung.passRate, lung.meanPoints]).toEqual([null, 3, 1, 80]);
    // Totals 102, 83, 66, 57.5, 94 (A) and 100, 83, 63, 83, 57.5 (C) in 10-point bins: [50,60) 2, [60,70) 2,
    // [80,90) 3, [90,100) 1, [100,110) 2.
    expect(cellOf(rep.cells, null, null, null)!.histogram).toEqual([0, 0, 0, 0, 0, 2, 2, 0, 3, 1, 2, 0]);
    expect(rep.trend.district.map((p) => [p.year, p.passRate])).toEqual([[2025, 0.8]]);
    expect(rep.trend.schools.map((s) => s.school)).toEqual([A, C]);
    // The analyst has no pupil-level rights: the schools (6 pupils each) are withheld, so none is listed.
    const analyst = (await bureau.get('/api/wellbeing/fitness/report')).json<typeof rep>();
    expect(analyst.belowTarget).toEqual([]);
    expect(cellOf(analyst.cells, A, null, null)!.histogram).toBeNull();
    expect(analyst.trend.schools.every((s) => s.points.every((p) => (p as { suppressed?: boolean }).suppressed))).toBe(true);
  });

  it('exports a school’s pupil rows as .xlsx (run times as 3\'50"), audited with the row count', async () => {
    const health = await signIn(t.app, 'health');
    const r = await health.get(`/api/wellbeing/fitness/schools/${C}/students.xlsx?year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    const col = (h: string) => header.indexOf(h) + 1;
    const rowOf = (id: string) => {
      for (let i = 4; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === id) return ws.getRow(i);
      throw new Error(id);
    };
    expect(ws.rowCount).toBe(3 + 6);
    // C01: 1000 m 3'50" (230 s), 50 m 7.5"; total 100 优秀. C02: 4分15秒 = 255 s → 4'15".
    expect(rowOf('C01').getCell(col('1000米跑')).value).toBe(`3'50"`);
    expect(rowOf('C01').getCell(col('50米跑')).value).toBe('7.5"');
    expect(rowOf('C01').getCell(col('学年总分')).value).toBe(100);
    expect(rowOf('C01').getCell(col('等级')).value).toBe('优秀');
    expect(rowOf('C02').getCell(col('1000米跑')).value).toBe(`4'15"`);
    expect(rowOf('C02').getCell(col('1000米跑得分')).value).toBe(80);
    expect(rowOf('C06').getCell(col('等级')).value).toBe('缺项，未评分');
    // Only the health staff and the school's own clerk; the analyst and another school's clerk are refused.
    expect((await bureau.get(`/api/wellbeing/fitness/schools/${C}/students.xlsx?year=2025`)).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'clerkA')).get(`/api/wellbeing/fitness/schools/${C}/students.xlsx?year=2025`)).statusCode).toBe(403);
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity_key, row_count from audit_log where entity = 'fitness-students' and action = 'export'`));
    expect(audit.map((a) => [a.username, a.action, a.entity_key, a.row_count])).toEqual([['health', 'export', `fitness:2025/school:${C}`, 6]]);
  });

  it('withholds cells under 10 pupils from callers without pupil-level rights and cuts schools to the caller’s scope', async () => {
    const viewer = await (await signIn(t.app, 'viewer')).get('/api/wellbeing/fitness/report');
    const v = viewer.json<{ cells: Cell[] }>().cells;
    // The district (12 pupils) stays; every school (6) and every grade (6, 1, 5) is withheld; counts stay.
    expect(cellOf(v, null, null, null)).toMatchObject({ passRate: 0.8, suppressed: false });
    expect(cellOf(v, A, null, null)).toMatchObject({ tested: 6, scored: 5, passRate: null, meanTotal: null, meetsTarget: null, suppressed: true });
    expect(cellOf(v, null, 3, null)).toMatchObject({ tested: 6, passRate: null, suppressed: true });
    expect(viewer.body).not.toContain('80.5');
    // A clerk sees the own school in full (pupil-level rights) and no other school.
    const clerk = (await (await signIn(t.app, 'clerkA')).get('/api/wellbeing/fitness/report')).json<{ cells: Cell[] }>().cells;
    expect(cellOf(clerk, A, null, null)).toMatchObject({ meanTotal: 80.5, suppressed: false });
    expect(clerk.some((c) => c.school === C)).toBe(false);
    // The inspector of school B: the district only.
    const insp = (await (await signIn(t.app, 'inspector')).get('/api/wellbeing/fitness/report')).json<{ cells: Cell[] }>().cells;
    expect(insp.every((c) => c.school === null)).toBe(true);
  });

  it('gives pupil rows to pupil-level readers only and audits each read', async () => {
    const health = await signIn(t.app, 'health');
    const r = await health.get(`/api/wellbeing/fitness/schools/${A}/students?year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json<{ students: { studentId: string; total: number | null; bonus: number; level: string | null; items: { item: string; points: number | null }[] }[] }>().students;
    expect(s.map((x) => [x.studentId, x.total, x.level])).toEqual([
      ['A01', 102, '优秀'],
      ['A02', 83, '良好'],
      ['A03', 66, '及格'],
      ['A04', 57.5, '不及格'],
      ['A05', 94, '优秀'],
      ['A06', null, null],
    ]);
    expect(s[4].items.find((i) => i.item === 'bmi')?.points).toBe(60);
    expect((await (await signIn(t.app, 'clerkA')).get(`/api/wellbeing/fitness/schools/${A}/students?year=2025`)).statusCode).toBe(200);
    expect((await (await signIn(t.app, 'clerkB')).get(`/api/wellbeing/fitness/schools/${A}/students?year=2025`)).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'viewer')).get(`/api/wellbeing/fitness/schools/${A}/students?year=2025`)).statusCode).toBe(403);
    // The bureau's analyst reads aggregates only.
    expect((await bureau.get(`/api/wellbeing/fitness/schools/${A}/students?year=2025`)).statusCode).toBe(403);
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity, entity_key, row_count from audit_log where entity = 'fitness-students' and action = 'read' order by id`));
    expect(audit.map((a) => [a.username, a.action, a.entity_key, a.row_count])).toEqual([
      ['health', 'read', `fitness:2025/school:${A}`, 6],
      ['clerkA', 'read', `fitness:2025/school:${A}`, 6],
    ]);
  });

  it('names every bad cell by file, row, column and reason, and imports nothing', async () => {
    const bad = [
      HEAD,
      `B01,${B},3,男,135,30,2300,9.1,16.3,130,48,,,,`, // row 2: good
      `B02,9999999999,10,X,135,30,abc,9.1,16.3,130,48,,,,`, // row 3: school, grade, sex, 肺活量
      `B01,${B},8,男,170,60,3940,7.5,19.6,,,240,14,3'75",`, // row 4: repeated id, 1000米 3'75"
      `B04,${B},8,女,160,50,2500,8.8,15.9,,41,174,3,,4'00"`, // row 5: 引体向上 for a girl
      `B05,${B},3,女,135,abc,1800,9.2,19.2,139,46,,,,`, // row 6: 体重
    ].join('\n');
    const r = await bureau.upload('/api/wellbeing/fitness/import?year=2025', Buffer.from(bad), 'bad.csv');
    expect(r.statusCode).toBe(422);
    const body = r.json<{ error: { message: string }; problems: { row: number; column: string; message: string; text: string }[] }>();
    expect(body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '学校代码'],
      [3, '年级'],
      [3, '性别'],
      [3, '肺活量'],
      [4, '学籍号'],
      [4, '1000米跑'],
      [5, '引体向上'],
      [6, '体重'],
    ]);
    expect(body.problems[0].text).toContain('bad.csv');
    expect(body.problems[0].message).toContain('9999999999');
    expect(body.error.message).toContain('未导入');
    // Nothing of the file was written, not even its good row; the earlier import is unchanged.
    const n = rowsOf(await t.database.db.execute(sql`select count(*)::int as n, count(*) filter (where school_code = ${B})::int as b from fitness_results`));
    expect(n[0]).toEqual({ n: 12, b: 0 });
    // A missing required column is named in the header row.
    const noSex = await bureau.upload('/api/wellbeing/fitness/import?year=2025', Buffer.from('学籍号,学校代码,年级\nX1,2133000001,3\n'), 'nosex.csv');
    expect(noSex.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([[1, '性别']]);
    // A header without rows, and a file that is no .xlsx: named, nothing written.
    const empty = await bureau.upload('/api/wellbeing/fitness/import?year=2025', Buffer.from(HEAD + '\n'), 'empty.csv');
    expect([empty.statusCode, empty.json().problems[0].message]).toEqual([422, expect.stringContaining('没有数据行')]);
    const broken = await bureau.upload('/api/wellbeing/fitness/import?year=2025', Buffer.from('not a zip'), 'broken.xlsx');
    expect([broken.statusCode, broken.json().problems[0].text]).toEqual([422, expect.stringContaining('broken.xlsx')]);
  });

  it('reads an .xlsx with numbers as numbers and times as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('体测');
    ws.addRow(HEAD.split(','));
    // C01 and C03 of the CSV above (100 and 63), into 2024; C03's 1000 m as the number 305.
    ws.addRow(['C01', C, 8, '男', 170, 60, 3940, 7.5, 19.6, null, null, 240, 14, `3'50"`, null]);
    ws.addRow(['C03', C, 8, '男', 170, 66, 2000, 9.9, -1.4, null, null, 170, 5, 305, null]);
    const r = await bureau.upload('/api/wellbeing/fitness/import?year=2024', Buffer.from(await wb.xlsx.writeBuffer()), '体测.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    const rep = (await (await signIn(t.app, 'health')).get('/api/wellbeing/fitness/report?year=2024')).json<{ years: number[]; cells: Cell[] }>();
    expect(rep.years).toEqual([2025, 2024]);
    // (100 + 63) / 2 = 81.5; both pass; 优良 1 of 2.
    expect(cellOf(rep.cells, null, null, null)).toMatchObject({ tested: 2, scored: 2, passRate: 1, goodRate: 0.5, meanTotal: 81.5, meetsTarget: true });
  });

  it('re-importing a school replaces its results of that year only', async () => {
    const r = await bureau.upload('/api/wellbeing/fitness/import?year=2025', Buffer.from([HEAD, ROWS[0]].join('\n')), 'a.csv');
    expect(r.statusCode, r.body).toBe(200);
    const n = rowsOf(await t.database.db.execute(sql`select school_code, count(*)::int as n from fitness_results where year = 2025 group by school_code order by school_code`));
    expect(n).toEqual([
      { school_code: A, n: 1 },
      { school_code: C, n: 6 },
    ]);
  });
});
