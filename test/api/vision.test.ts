// Vision screening end to end through the API: a GBK CSV of 10 pupils of two schools whose screening results and
// rates are worked out by hand below (rule screening-myopia v1: UCVA < 5.0 and SE ≤ −0.50 D in either eye; without
// SE, acuity alone); the database's tallies against the pure tally of the same rows; small cells; pupil rows for the
// health staff and the own school only, each read audited; every bad cell named and nothing written; an .xlsx with
// sphere and cylinder; the yearly change; the workbook; and a purged year read from its stored tallies.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, signIn, testApp } from '../helpers.js';
import { VisionService } from '../../src/wellbeing/vision/service.js';
import { visionTallies } from '../../src/wellbeing/vision/store.js';
import { tallyResults } from '../../src/wellbeing/vision/tally.js';
import { writeTallies } from '../../src/wellbeing/retention/store.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const HEAD = '学籍号,学校代码,年级,性别,右眼裸眼视力,左眼裸眼视力,右眼等效球镜(D),左眼等效球镜(D),戴镜,筛查日期';
const ROWS = [
  // School A, grade 3.
  `A01,${A},3,男,4.9,5.0,-0.50,0.00,否,2025-10-09`, // right 4.9 < 5.0 and SE −0.50 ≤ −0.50 (exactly) → myope; reduced
  `A02,${A},3,男,0.8,1.0,-0.25,0,否,2025-10-09`, // 0.8 → 4.9 (the chart's 0.8 row), SE −0.25 > −0.50 → not a myope; reduced
  `A03,${A},3,女,5.0,5.1,-1.00,-1.00,否,2025-10-09`, // SE −1.00 but acuity 5.0 / 5.1 (not < 5.0) → neither
  `A04,${A},3,女,4.6,4.7,,,是,2025-10-09`, // no SE: acuity-only, 4.6 < 5.0 → myope; reduced
  `A05,${A},3,女,5.0,5.0,,,否,2025-10-09`, // no SE: acuity-only, not a myope
  `A06,${A},3,男,,,,,,`, // absent: screened, no acuity
  // School C, grade 8.
  `C01,${C},8,男,4.5,4.8,-2.00,-1.25,是,2025-10-15`, // myope (both eyes)
  `C02,${C},8,男,0.5,0.6,-0.75,-0.50,是,2025-10-15`, // 0.5 → 4.7, 0.6 → 4.8; SE −0.75 → myope
  `C03,${C},8,女,5.0,4.9,0.25,-0.50,否,2025-10-15`, // left 4.9 with −0.50 → myope (either eye)
  `C04,${C},8,女,5.1,5.2,0.50,0.50,否,2025-10-15`, // neither
];
// School A: screened 6, with an acuity 5 (A06 absent), myopes A01 A04 = 2 → 2/5 = 40 %; acuity-only A04 A05 = 2, of
//   them myopes 1 (A04); reduced A01 A02 A04 = 3/5 = 60 %; glasses A04 = 1 of 6 screened.
//   Primary target 38 %: 2·100 = 200 > 38·5 = 190 → not met, 40 − 38 = 2 points above.
// School C: 4 with an acuity, myopes C01 C02 C03 = 3/4 = 75 %; reduced C01 C02 C03 = 3/4; acuity-only 0.
//   Junior target 60 %: 300 > 240 → not met, 75 − 60 = 15 points above.
// District: 10 screened, 9 with an acuity, 5 myopes → 5/9; reduced 6/9; acuity-only 2.
// Grade 3 boys: A01 A02 (A06 absent) → 1/2; grade 3 girls: A03 A04 A05 → 1/3.
const FILE = [HEAD, ...ROWS].join('\r\n') + '\r\n';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
type Cell = { school: string | null; grade: number | null; sex: string | null; [k: string]: unknown };
const cellOf = (cells: Cell[], school: string | null, grade: number | null, sex: string | null) => cells.find((c) => c.school === school && c.grade === grade && c.sex === sex);
const pick = (c: Cell | undefined) => c && [c.screened, c.withAcuity, c.myopes, c.myopiaRate, c.acuityOnly, c.myopesAcuityOnly, c.reducedRate, c.suppressed];

describe('vision screening', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let bureau: Awaited<ReturnType<typeof signIn>>;
  let health: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await testApp();
    bureau = await signIn(t.app, 'analyst');
    health = await signIn(t.app, 'health');
  });
  afterAll(async () => t.close());

  it('imports a GBK CSV, judges every pupil and stores the rule used', async () => {
    const r = await health.upload('/api/wellbeing/vision/import?year=2025', iconv.encode(FILE, 'gbk'), '视力筛查2025.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ year: 2025, imported: 10, schools: [A, C], withAcuity: 9, myopes: 5, acuityOnly: 2, rule: { id: 'screening-myopia', version: 1 } });
    const rows = rowsOf(
      await t.database.db.execute(sql`select student_id, ucva_right, ucva_left, se_right, myopia, basis, wears_glasses, screened_on, rule_id, rule_version from vision_results order by student_id`),
    );
    expect(rows.map((x) => [x.student_id, x.ucva_right, x.ucva_left, x.se_right, x.myopia, x.basis])).toEqual([
      ['A01', 4.9, 5, -0.5, true, 'acuity+se'],
      ['A02', 4.9, 5, -0.25, false, 'acuity+se'],
      ['A03', 5, 5.1, -1, false, 'acuity+se'],
      ['A04', 4.6, 4.7, null, true, 'acuity-only'],
      ['A05', 5, 5, null, false, 'acuity-only'],
      ['A06', null, null, null, null, null],
      ['C01', 4.5, 4.8, -2, true, 'acuity+se'],
      ['C02', 4.7, 4.8, -0.75, true, 'acuity+se'],
      ['C03', 5, 4.9, 0.25, true, 'acuity+se'],
      ['C04', 5.1, 5.2, 0.5, false, 'acuity+se'],
    ]);
    expect(rows.every((x) => x.rule_id === 'screening-myopia' && x.rule_version === 1)).toBe(true);
    expect(String(rows[0].screened_on)).toContain('2025-10-09');
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity, entity_key, row_count from audit_log where entity = 'vision-results'`));
    expect(audit).toEqual([{ username: 'health', action: 'import', entity: 'vision-results', entity_key: 'vision:2025', row_count: 10 }]);
  });

  it('counts in the database what the pure tally counts over the same rows', async () => {
    const rows = rowsOf(
      await t.database.db.execute(sql`select school_code, grade, sex, myopia, basis, ucva_right, ucva_left, wears_glasses, rule_id, rule_version from vision_results where year = 2025`),
    );
    const pure = tallyResults(
      rows.map((r) => ({
        schoolCode: String(r.school_code),
        grade: Number(r.grade),
        sex: r.sex as 'M' | 'F',
        myopia: r.myopia as boolean | null,
        basis: r.basis as 'acuity+se' | 'acuity-only' | null,
        reduced: r.ucva_right === null && r.ucva_left === null ? null : [r.ucva_right, r.ucva_left].some((v) => v !== null && Math.round(Number(v) * 10) < 50),
        wearsGlasses: r.wears_glasses as boolean | null,
        ruleId: String(r.rule_id),
        ruleVersion: Number(r.rule_version),
      })),
    );
    expect(await visionTallies(t.database.db, DISTRICT, 2025, 50)).toEqual(pure);
  });

  it('reports per district, school, grade and sex, with the levels against the 2030 targets', async () => {
    const r = await health.get('/api/wellbeing/vision/report');
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json<{ year: number; years: number[]; cells: Cell[]; furthestAbove: Cell[]; levels: Cell[]; changes: unknown[]; judgedWith: unknown[]; fromTallies: boolean }>();
    expect([rep.year, rep.years, rep.fromTallies, rep.judgedWith]).toEqual([2025, [2025], false, [{ id: 'screening-myopia', version: 1, pupils: 10 }]]);
    expect(pick(cellOf(rep.cells, null, null, null))).toEqual([10, 9, 5, 5 / 9, 2, 1, 6 / 9, false]);
    expect(pick(cellOf(rep.cells, A, null, null))).toEqual([6, 5, 2, 0.4, 2, 1, 0.6, false]);
    expect(cellOf(rep.cells, A, null, null)?.glassesRate).toBeCloseTo(1 / 6, 12);
    expect(pick(cellOf(rep.cells, C, null, null))).toEqual([4, 4, 3, 0.75, 0, 0, 0.75, false]);
    expect(pick(cellOf(rep.cells, null, 3, 'M'))).toEqual([3, 2, 1, 0.5, 0, 0, 1, false]);
    expect(cellOf(rep.cells, null, 3, 'F')?.myopiaRate).toBeCloseTo(1 / 3, 12);
    // Grade 3 (primary, 38 %): 2 of 5 → 200 > 190, not met; grade 8 (junior, 60 %): 3 of 4 → not met.
    expect([cellOf(rep.cells, A, 3, null)?.targetPercent, cellOf(rep.cells, A, 3, null)?.meetsTarget, cellOf(rep.cells, C, 8, null)?.targetPercent]).toEqual([38, false, 60]);
    expect(rep.furthestAbove.map((c) => [c.school, c.level, c.abovePp])).toEqual([
      [C, '初中', 15],
      [A, '小学', expect.closeTo(2, 9)],
    ]);
    expect(rep.changes).toEqual([]); // no 2024 yet
  });

  it('withholds cells under 10 from callers without pupil-level rights and cuts schools to the caller’s scope', async () => {
    const v = (await (await signIn(t.app, 'viewer')).get('/api/wellbeing/vision/report')).json<{ cells: Cell[]; levels: Cell[]; furthestAbove: Cell[] }>();
    // Even the district has 9 pupils with an acuity: everything withheld, the counts of pupils kept.
    expect(v.cells.every((c) => c.suppressed && c.myopiaRate === null && c.myopes === null)).toBe(true);
    expect(cellOf(v.cells, A, null, null)).toMatchObject({ screened: 6, withAcuity: 5, acuityOnly: 2 });
    expect([v.levels.every((c) => c.suppressed), v.furthestAbove]).toEqual([true, []]);
    // A clerk of school A reads its pupils: school A in full, no school C.
    const clerk = (await (await signIn(t.app, 'clerkA')).get('/api/wellbeing/vision/report')).json<{ cells: Cell[] }>();
    expect(cellOf(clerk.cells, A, null, null)).toMatchObject({ myopiaRate: 0.4, suppressed: false });
    expect(clerk.cells.some((c) => c.school === C)).toBe(false);
    // The inspector of school B: the district only.
    const insp = (await (await signIn(t.app, 'inspector')).get('/api/wellbeing/vision/report')).json<{ cells: Cell[] }>();
    expect(insp.cells.every((c) => c.school === null)).toBe(true);
  });

  it('gives pupil rows to the health staff and the own school only, and audits each read', async () => {
    const r = await health.get(`/api/wellbeing/vision/schools/${A}/students?year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json<{ students: { studentId: string; myopia: boolean | null; basis: string | null; reduced: boolean | null; ucvaRight: number | null }[] }>().students;
    expect(s.map((x) => [x.studentId, x.myopia, x.basis, x.reduced])).toEqual([
      ['A01', true, 'acuity+se', true],
      ['A02', false, 'acuity+se', true],
      ['A03', false, 'acuity+se', false],
      ['A04', true, 'acuity-only', true],
      ['A05', false, 'acuity-only', false],
      ['A06', null, null, null],
    ]);
    expect((await (await signIn(t.app, 'clerkA')).get(`/api/wellbeing/vision/schools/${A}/students?year=2025`)).statusCode).toBe(200);
    expect((await (await signIn(t.app, 'clerkB')).get(`/api/wellbeing/vision/schools/${A}/students?year=2025`)).statusCode).toBe(403);
    expect((await bureau.get(`/api/wellbeing/vision/schools/${A}/students?year=2025`)).statusCode).toBe(403);
    expect((await (await signIn(t.app, 'viewer')).get(`/api/wellbeing/vision/schools/${A}/students?year=2025`)).statusCode).toBe(403);
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity_key, row_count from audit_log where entity = 'vision-students' order by id`));
    expect(audit.map((a) => [a.username, a.action, a.entity_key, a.row_count])).toEqual([
      ['health', 'read', `vision:2025/school:${A}`, 6],
      ['clerkA', 'read', `vision:2025/school:${A}`, 6],
    ]);
  });

  it('names every bad cell by file, row, column and reason, and imports nothing', async () => {
    const bad = [
      HEAD,
      `B01,${B},3,男,5.0,5.0,0,0,否,`, // row 2: good
      `B02,9999999999,10,X,5.5,0.05,-0.5,-0.5,否,`, // row 3: school, grade, sex, both acuities
      `B01,${B},3,男,4.9,4.85,abc,-0.5,也许,2025-02-30`, // row 4: repeated id, left acuity (two decimals), right SE, glasses, date
    ].join('\n');
    const r = await bureau.upload('/api/wellbeing/vision/import?year=2025', Buffer.from(bad), 'bad.csv');
    expect(r.statusCode).toBe(422);
    const body = r.json<{ error: { message: string }; problems: { file: string; row: number; column: string; message: string; text: string }[] }>();
    expect(body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '学校代码'],
      [3, '年级'],
      [3, '性别'],
      [3, '右眼裸眼视力'],
      [3, '左眼裸眼视力'],
      [4, '学籍号'],
      [4, '左眼裸眼视力'],
      [4, '右眼等效球镜'],
      [4, '戴镜'],
      [4, '筛查日期'],
    ]);
    expect(body.problems[0]).toMatchObject({ file: 'bad.csv', text: expect.stringContaining('bad.csv') });
    expect(body.problems[0].message).toContain('9999999999');
    expect(body.problems[3].message).toContain('5.5');
    expect(body.error.message).toContain('未导入');
    const n = rowsOf(await t.database.db.execute(sql`select count(*)::int as n, count(*) filter (where school_code = ${B})::int as b from vision_results`));
    expect(n[0]).toEqual({ n: 10, b: 0 });
    const noEye = await bureau.upload('/api/wellbeing/vision/import?year=2025', Buffer.from('学籍号,学校代码,年级,性别,右眼裸眼视力\nX1,2133000001,3,男,5.0\n'), 'noeye.csv');
    expect(noEye.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([[1, '左眼裸眼视力']]);
  });

  it('reads an .xlsx with sphere and cylinder, and gives the yearly change against −0.5 points', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('视力');
    ws.addRow(['学籍号', '学校代码', '年级', '性别', '右眼裸眼视力', '左眼裸眼视力', '右眼球镜', '右眼柱镜', '左眼球镜', '左眼柱镜']);
    // School A in 2024: 10 pupils, 5 myopes. Myopes: acuity 4.8 (decimal 0.6) with S −0.25 C −0.50 → SE −0.50;
    // the others: 5.0 with S +0.50 C −1.00 → SE 0.00.
    for (let i = 1; i <= 10; i++) ws.addRow([`A${i + 10}`, A, 2, i % 2 ? '男' : '女', i <= 5 ? 0.6 : 5.0, 5.0, i <= 5 ? -0.25 : 0.5, i <= 5 ? -0.5 : -1, 0, null]);
    const r = await bureau.upload('/api/wellbeing/vision/import?year=2024', Buffer.from(await wb.xlsx.writeBuffer()), '视力2024.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 10, withAcuity: 10, myopes: 5, acuityOnly: 0 });
    const rep = (await health.get('/api/wellbeing/vision/report')).json<{ years: number[]; changes: Cell[]; trend: { school: string | null; points: { year: number; myopiaRate: number }[] }[] }>();
    expect(rep.years).toEqual([2025, 2024]);
    // A: 5/10 = 50 % → 2/5 = 40 %: (2·10 − 5·5) / 50 = −5/50 = −10 points; 1000·(−5) ≤ −5·10·5 → met.
    // District: 5/10 (A only in 2024) → 5/9: (5·10 − 5·9) / 90 = +5/90 = +5.56 points → not met.
    // Neither is judged against the target (M6): 2024 had SE for every pupil (acuity-only 0 %), 2025 had A04 and A05
    // on acuity alone — A: 2 of 5 = 40 %, |2·10 − 0·5|·100 = 2000 > 5·10·5 = 250; district 2 of 9,
    // |2·10 − 0·9|·100 = 2000 > 5·10·9 = 450: measured differently, so meetsTarget is null (it was true / false).
    const change = (s: string | null) => rep.changes.find((c) => c.school === s);
    expect([change(A)?.changePp, change(A)?.meetsTarget, change(A)?.notComparable]).toEqual([expect.closeTo(-10, 9), null, 'acuity-only-share']);
    expect([change(null)?.changePp, change(null)?.meetsTarget, change(null)?.notComparable]).toEqual([expect.closeTo(500 / 90, 9), null, 'acuity-only-share']);
    expect(change(C)).toBeUndefined(); // no 2024 results for C
    expect(rep.trend.find((s) => s.school === A)?.points.map((p) => [p.year, p.myopiaRate])).toEqual([
      [2024, 0.5],
      [2025, 0.4],
    ]);
  });

  it('exports the report as a workbook with the page’s figures', async () => {
    const r = await health.get('/api/wellbeing/vision/report.xlsx?year=2025');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '学段目标', '年级性别', '趋势']);
    const summary = wb.getWorksheet('概况')!;
    const district = summary.getRow(5);
    expect([district.getCell(1).value, district.getCell(2).value, district.getCell(3).value, district.getCell(4).value]).toEqual(['全县', 10, 9, 5]);
    expect(district.getCell(5).value).toBeCloseTo(5 / 9, 12);
    expect(district.getCell(5).numFmt).toBe('#,##0.0%');
    const viewer = await (await signIn(t.app, 'viewer')).get('/api/wellbeing/vision/report.xlsx?year=2025');
    const vb = new ExcelJS.Workbook();
    await vb.xlsx.load(viewer.rawPayload as unknown as ArrayBuffer);
    // Withheld for a viewer: no rate in the cell, the reason beside the row.
    expect([vb.getWorksheet('概况')!.getRow(5).getCell(5).value, String(vb.getWorksheet('概况')!.getRow(5).getCell(10).value)]).toEqual(['', expect.stringContaining('人数过少')]);
  });

  it('answers a purged year from its stored tallies, with the same figures', async () => {
    const before = (await health.get('/api/wellbeing/vision/report?year=2025')).json<{ cells: Cell[]; fromTallies: boolean }>();
    const svc = new VisionService(t.database.db);
    expect(await svc.pupilYears(DISTRICT)).toEqual([2025, 2024]);
    await t.database.db.transaction(async (tx) => {
      const { tallies, deleted } = await svc.tallyAndDelete(tx, DISTRICT, 2025);
      expect(deleted).toBe(10);
      await writeTallies(tx, DISTRICT, 'vision', 2025, tallies);
    });
    expect(await svc.pupilYears(DISTRICT)).toEqual([2024]);
    const after = (await health.get('/api/wellbeing/vision/report?year=2025')).json<{ years: number[]; cells: Cell[]; fromTallies: boolean }>();
    expect([after.years, after.fromTallies, before.fromTallies]).toEqual([[2025, 2024], true, false]);
    expect(after.cells).toEqual(before.cells);
  });
  it('writes nothing when the audit row cannot be written (the audit is inside the import’s transaction)', async () => {
    const { replaceVision } = await import('../../src/wellbeing/vision/store.js');
    const row = {
      districtId: '990001',
      year: 2031,
      studentId: 'T1',
      schoolCode: '2133000001',
      grade: 3,
      sex: 'M',
      screenedOn: null,
      ucvaRight: 5,
      ucvaLeft: 5,
      seRight: null,
      seLeft: null,
      wearsGlasses: null,
      myopia: false,
      basis: 'acuity-only',
      ruleId: 'screening-myopia',
      ruleVersion: 1,
      row: 2,
      importedBy: 'analyst',
    };
    // An audit entry without a username violates NOT NULL: the transaction must roll the pupil rows back.
    await expect(
      replaceVision(t.database.db, '990001', 2031, ['2133000001'], [row], [{ username: null as unknown as string, action: 'import', entity: 'vision-results', entityKey: 'vision:2031' }]),
    ).rejects.toThrow();
    expect(rowsOf(await t.database.db.execute(sql`select count(*)::int as n from vision_results where year = 2031`))[0]).toEqual({ n: 0 });
  });
});
