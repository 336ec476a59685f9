// Homework and sleep (双减) end to end through the API: a GBK survey of 9 pupils of two schools whose shares are worked
// out by hand below against the limits (grades 1–2 no written homework, 3–6 ≤ 60 min, 7–9 ≤ 90 min; sleep 10 h in
// primary, 9 h in junior; exactly at a limit meets it); a bad file refused with every cell named and nothing written;
// small cells withheld; pupil rows for the health staff and the own school only, each read audited; the workbook;
// a purged year read from its tallies.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { BurdenService } from '../../src/wellbeing/burden/service.js';
import { writeTallies } from '../../src/wellbeing/retention/store.js';

const A = '2133000001';
const C = '2133000003';
const HEAD = '学籍号,学校代码,年级,性别,书面作业时间(分钟/天),睡眠时间(小时),调查日期';
const ROWS = [
  `A01,${A},4,男,60,10,2024-11-12`, // 60 exactly at the grade-4 limit: within; 10 h = 600 exactly: meets
  `A02,${A},4,女,1小时5分,9.5,2024-11-12`, // 65 > 60: over; 570 < 600: short
  `A03,${A},4,男,30,9:45,`, // within; 585 < 600: short
  `A04,${A},1,女,0,10.5,`, // grade 1, none: within; 630: meets
  `A05,${A},1,男,10,10,`, // grade 1, any written homework: over; 600: meets
  `C01,${C},8,男,1.5小时,9,`, // 90 exactly at the grade-8 limit: within; 9 h = 540 exactly: meets
  `C02,${C},8,女,95,8.5,`, // 95 > 90: over; 510 < 540: short
  `C03,${C},8,男,,9小时30分,`, // homework not answered; 570: meets
  `C04,${C},9,女,1:40,8,`, // 100 > 90: over; 480 < 540: short
];
// School A: homework 5 answered, over A02 A05 = 2/5 = 0.4; minutes 60 + 65 + 30 + 0 + 10 = 165, mean 33;
//   sleep 5 answered, short A02 A03 = 2/5; minutes 600 + 570 + 585 + 630 + 600 = 2985, mean 597 min = 9.95 h.
//   Grade 4: over 1/3; 155 ≤ 60 × 3 = 180 → mean within; sleep 1755 < 600 × 3 = 1800 → mean short.
//   Grade 1: over 1/2; 10 > 0 × 2 → mean over.
// School C: homework 3 answered, over C02 C04 = 2/3; minutes 90 + 95 + 100 = 285, mean 95;
//   sleep 4 answered, short C02 C04 = 2/4; minutes 540 + 510 + 570 + 480 = 2100, mean 525 min = 8.75 h.
//   Grade 8: over 1/2; 185 > 90 × 2 = 180 → mean over although C01 is exactly at 90; sleep 540 + 510 + 570 = 1620
//   = 540 × 3 → mean exactly at the target: meets.
// District: 9 records; over 4 of 8 = 0.5; minutes 450, mean 56.25; sleep short 4 of 9; 5085 min, mean 565 min.
const FILE = [HEAD, ...ROWS].join('\r\n') + '\r\n';

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
type Cell = { school: string | null; grade: number | null; sex: string | null; [k: string]: unknown };
const cellOf = (cells: Cell[], school: string | null, grade: number | null, sex: string | null) => cells.find((c) => c.school === school && c.grade === grade && c.sex === sex);
const pick = (c: Cell | undefined) => c && [c.records, c.homeworkAnswered, c.homeworkOver, c.overShare, c.meanHomework, c.sleepAnswered, c.sleepShort, c.sleepShortShare, c.meanSleep, c.suppressed];

describe('homework and sleep', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let bureau: Awaited<ReturnType<typeof signIn>>;
  let health: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await testApp();
    bureau = await signIn(t.app, 'analyst');
    health = await signIn(t.app, 'health');
  });
  afterAll(async () => t.close());

  it('imports a GBK survey and audits the import', async () => {
    const r = await bureau.upload('/api/wellbeing/burden/import?year=2024&source=survey', iconv.encode(FILE, 'gbk'), '作业睡眠2024.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ year: 2024, source: 'survey', imported: 9, replaced: 0, schools: [A, C], homeworkAnswered: 8, sleepAnswered: 9, limits: { id: 'double-reduction', version: 1 } });
    const rows = rowsOf(await t.database.db.execute(sql`select record_id, homework_minutes, sleep_hours, surveyed_on from burden_records order by record_id`));
    // Stored as whole minutes and as hours (minutes / 60): 1小时5分 = 65, 9:45 = 9.75 h, 1:40 = 100.
    expect(rows.map((x) => [x.record_id, x.homework_minutes, x.sleep_hours])).toEqual([
      ['A01', 60, 10],
      ['A02', 65, 9.5],
      ['A03', 30, 9.75],
      ['A04', 0, 10.5],
      ['A05', 10, 10],
      ['C01', 90, 9],
      ['C02', 95, 8.5],
      ['C03', null, 9.5],
      ['C04', 100, 8],
    ]);
    expect(rows[0].surveyed_on).toBe('2024-11-12');
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity_key, row_count from audit_log where entity = 'burden-records'`));
    expect(audit).toEqual([{ username: 'analyst', action: 'import', entity_key: 'burden:2024', row_count: 9 }]);
  });

  it('reports exact shares, means and limits (health staff: nothing withheld)', async () => {
    const r = await health.get('/api/wellbeing/burden/report');
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json<{ year: number; years: number[]; cells: Cell[]; worst: Cell[]; trend: Cell[]; limits: { id: string; version: number }; computedWith: unknown[]; fromTallies: boolean }>();
    expect([rep.year, rep.years, rep.limits.id, rep.limits.version, rep.computedWith, rep.fromTallies]).toEqual([2024, [2024], 'double-reduction', 1, [{ id: 'double-reduction', version: 1 }], false]);
    expect(pick(cellOf(rep.cells, A, null, null))).toEqual([5, 5, 2, 0.4, 33, 5, 2, 0.4, 9.95, false]);
    expect(pick(cellOf(rep.cells, C, null, null))).toEqual([4, 3, 2, 2 / 3, 95, 4, 2, 0.5, 8.75, false]);
    const d = cellOf(rep.cells, null, null, null)!;
    expect([d.records, d.homeworkAnswered, d.homeworkOver, d.overShare, d.meanHomework, d.sleepAnswered, d.sleepShort, d.sleepShortShare]).toEqual([9, 8, 4, 0.5, 56.25, 9, 4, 4 / 9]);
    expect(d.meanSleep).toBeCloseTo(565 / 60, 12);
    const a4 = cellOf(rep.cells, A, 4, null)!;
    expect([a4.homeworkOver, a4.homeworkAnswered, a4.homeworkLimit, a4.meanWithinLimit, a4.sleepTarget, a4.meanSleepMeets]).toEqual([1, 3, 60, true, 10, false]);
    expect(a4.meanHomework).toBeCloseTo(155 / 3, 12);
    expect(cellOf(rep.cells, A, 1, null)).toMatchObject({ homeworkOver: 1, overShare: 0.5, homeworkLimit: 0, meanWithinLimit: false });
    expect(cellOf(rep.cells, C, 8, null)).toMatchObject({ overShare: 0.5, meanHomework: 92.5, homeworkLimit: 90, meanWithinLimit: false, sleepTarget: 9, meanSleepMeets: true });
    // Grade 4 boys of A: A01 (60, within) and A03 (30): none over; bands 31–60 and 1–30.
    expect(cellOf(rep.cells, A, 4, 'M')).toMatchObject({ records: 2, homeworkOver: 0, overShare: 0, homeworkBands: [0, 1, 1, 0, 0, 0] });
    // District bands: homework 0 (A04) | 1–30 (A03, A05) | 31–60 (A01) | 61–90 (A02, C01) | 91–120 (C02, C04) | none;
    // sleep < 8 h none | 8–9 h (C02 8.5, C04 8) | 9–10 h (A02, A03, C01, C03) | ≥ 10 h (A01, A04, A05).
    expect([d.homeworkBands, d.sleepBands]).toEqual([
      [1, 2, 1, 2, 2, 0],
      [0, 2, 4, 3],
    ]);
    // C (2/3) is further over than A (2/5): 2 × 5 = 10 > 2 × 3 = 6.
    expect(rep.worst.map((c) => c.school)).toEqual([C, A]);
    expect(rep.trend.map((p) => [p.year, p.school, p.overShare])).toEqual([
      [2024, null, 0.5],
      [2024, A, 0.4],
      [2024, C, 2 / 3],
    ]);
  });

  it('withholds small cells from callers without pupil-level rights and cuts schools to their scope', async () => {
    // The analyst reads every school but no pupil rows: every cell has fewer than 10 records — counts only.
    const an = (await bureau.get('/api/wellbeing/burden/report')).json<{ cells: Cell[]; worst: Cell[] }>();
    expect(an.cells.every((c) => c.suppressed && c.overShare === null && c.meanSleep === null && c.homeworkBands === null)).toBe(true);
    expect(cellOf(an.cells, A, null, null)).toMatchObject({ records: 5, homeworkAnswered: 5, homeworkOver: null });
    expect(an.worst).toEqual([]);
    // A clerk of A sees the own school in full and no other school.
    const clerk = (await (await signIn(t.app, 'clerkA')).get('/api/wellbeing/burden/report')).json<{ cells: Cell[]; trend: Cell[] }>();
    expect(pick(cellOf(clerk.cells, A, null, null))).toEqual([5, 5, 2, 0.4, 33, 5, 2, 0.4, 9.95, false]);
    expect(clerk.cells.some((c) => c.school === C)).toBe(false);
    expect(clerk.trend.some((p) => p.school === C)).toBe(false);
    expect(cellOf(clerk.cells, null, null, null)?.suppressed).toBe(true);
  });

  it('refuses a bad file naming every bad cell by file, row and column, and writes nothing', async () => {
    const bad = [
      '学籍号,学校代码,年级,书面作业时间,睡眠时间',
      `X1,${A},4,70,9`, // row 2: good
      `X2,${A},10,70,9`, // row 3: grade
      `X3,9999999999,4,很多,9`, // row 4: school, homework
      `X4,${A},4,60,570`, // row 5: sleep in minutes
      `X1,${A},4,601,9:75`, // row 6: repeated id, homework over 600, 9:75
      `X5,${A},4,,`, // row 7: neither homework nor sleep answered: a record with no figure
      `X6,${A},4,2,9`, // row 8: a bare 2 — 2 minutes or 2 hours?
    ].join('\n');
    const r = await bureau.upload('/api/wellbeing/burden/import?year=2024&source=diary', Buffer.from(bad), 'bad.csv');
    expect(r.statusCode).toBe(422);
    const body = r.json<{ error: { message: string }; problems: { file: string; row: number; column: string; message: string; text: string }[] }>();
    expect(body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '年级'],
      [4, '学校代码'],
      [4, '书面作业时间'],
      [5, '睡眠时间'],
      [6, '学籍号'],
      [6, '书面作业时间'],
      [6, '睡眠时间'],
      [7, '书面作业时间'],
      [8, '书面作业时间'],
    ]);
    expect(body.problems[7].message).toContain('都为空');
    expect(body.problems[8].message).toContain('2小时');
    expect(body.problems.every((p) => p.file === 'bad.csv')).toBe(true);
    expect(body.problems[0].text).toContain('第 3 行');
    expect(body.problems[1].message).toContain('9999999999');
    expect(body.error.message).toContain('未导入');
    const n = rowsOf(await t.database.db.execute(sql`select count(*)::int as n, count(*) filter (where record_id like 'X%')::int as x from burden_records`));
    expect(n[0]).toEqual({ n: 9, x: 0 });
    // A missing column is named in the header row; so is a file with neither 学籍号 nor 问卷编号.
    const noSleep = await bureau.upload('/api/wellbeing/burden/import?year=2024&source=survey', Buffer.from(`问卷编号,学校代码,年级,书面作业时间\nQ1,${A},3,30\n`), 'nosleep.csv');
    expect(noSleep.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([[1, '睡眠时间']]);
    const noId = await bureau.upload('/api/wellbeing/burden/import?year=2024&source=survey', Buffer.from(`学校代码,年级,书面作业时间,睡眠时间\n${A},3,30,9\n`), 'noid.csv');
    expect(noId.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([[1, '学籍号']]);
    // The source must be named.
    expect((await bureau.upload('/api/wellbeing/burden/import?year=2024', Buffer.from(FILE), 'x.csv')).statusCode).toBe(400);
  });

  it('gives pupil rows to the health staff and the own school only, each read audited', async () => {
    const r = await health.get(`/api/wellbeing/burden/schools/${A}/pupils?year=2024`);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json<{ pupils: { recordId: string; homeworkMinutes: number | null; overLimit: boolean | null; sleepHours: number | null; shortOfSleep: boolean | null }[] }>().pupils;
    expect(p.map((x) => [x.recordId, x.homeworkMinutes, x.overLimit, x.sleepHours, x.shortOfSleep])).toEqual([
      ['A04', 0, false, 10.5, false],
      ['A05', 10, true, 10, false],
      ['A01', 60, false, 10, false],
      ['A02', 65, true, 9.5, true],
      ['A03', 30, false, 9.75, true],
    ]);
    expect((await (await signIn(t.app, 'clerkA')).get(`/api/wellbeing/burden/schools/${A}/pupils?year=2024`)).statusCode).toBe(200);
    const other = await (await signIn(t.app, 'clerkB')).get(`/api/wellbeing/burden/schools/${A}/pupils?year=2024`);
    expect(other.statusCode).toBe(403);
    expect((await bureau.get(`/api/wellbeing/burden/schools/${A}/pupils?year=2024`)).statusCode).toBe(403);
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity_key, row_count from audit_log where entity = 'burden-pupils' order by id`));
    expect(audit.map((a) => [a.username, a.action, a.entity_key, a.row_count])).toEqual([
      ['health', 'read', `burden:2024/school:${A}`, 5],
      ['clerkA', 'read', `burden:2024/school:${A}`, 5],
    ]);
  });

  it('writes the report as a workbook with the same figures', async () => {
    const r = await health.get('/api/wellbeing/burden/report.xlsx?year=2024');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '学校与年级', '分布', '趋势']);
    const ws = wb.getWorksheet('学校与年级')!;
    const rowA = ws.getSheetValues().find((v) => Array.isArray(v) && v[1] === A && v[3] === '全部年级') as unknown[];
    // Columns: code, name, grade, sex, records, answered, over, share over …
    expect([rowA[5], rowA[6], rowA[7], rowA[8], rowA[9]]).toEqual([5, 5, 2, 0.4, 33]);
    expect(ws.getRow(2).getCell(8).numFmt).toBe('#,##0.0%');
  });

  it('re-importing a school replaces that school’s records of the year and source only, audit in the same transaction', async () => {
    const diary = (...ids: string[]) => Buffer.from([HEAD, ...ids.map((id, i) => ROWS[i].replace(/^A0\d/, id))].join('\n'));
    // A diary of A beside A's survey: the survey's 5 records stay (they were deleted before).
    const r = await bureau.upload('/api/wellbeing/burden/import?year=2024&source=diary', diary('D01', 'D02'), 'a.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 2, replaced: 0, schools: [A] });
    // A second diary replaces the first diary's 2 records, not the survey's.
    expect((await bureau.upload('/api/wellbeing/burden/import?year=2024&source=diary', diary('D01'), 'a2.csv')).json()).toMatchObject({ imported: 1, replaced: 2 });
    // A diary record with an id the survey holds at the school (one record per id, school and year): refused, named.
    const clash = await bureau.upload('/api/wellbeing/burden/import?year=2024&source=diary', diary('D01', 'A02'), 'clash.csv');
    expect(clash.statusCode).toBe(422);
    expect(clash.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([[3, '学籍号']]);
    // A survey of A replaces the survey's 5 records only (A01, A02 again).
    expect((await bureau.upload('/api/wellbeing/burden/import?year=2024&source=survey', Buffer.from([HEAD, ROWS[0], ROWS[1]].join('\n')), 'a3.csv')).json()).toMatchObject({
      imported: 2,
      replaced: 5,
    });
    const n = rowsOf(await t.database.db.execute(sql`select school_code, source, count(*)::int as n from burden_records where year = 2024 group by school_code, source order by school_code, source`));
    expect(n).toEqual([
      { school_code: A, source: 'diary', n: 1 },
      { school_code: A, source: 'survey', n: 2 },
      { school_code: C, source: 'survey', n: 4 },
    ]);
    // One audit row per import that wrote (the refused one wrote none), each with what it replaced.
    const audit = rowsOf(await t.database.db.execute(sql`select detail, new_value from audit_log where entity = 'burden-records' order by id`));
    expect(audit.map((a) => [a.detail, (a.new_value as { replaced: number }).replaced])).toEqual([
      ['作业睡眠2024.csv', 0],
      ['a.csv', 0],
      ['a2.csv', 2],
      ['a3.csv', 5],
    ]);
  });

  it('writes nothing when the audit row cannot be written (the audit is inside the import’s transaction)', async () => {
    const { replaceBurden } = await import('../../src/wellbeing/burden/store.js');
    const row = {
      districtId: '990001',
      year: 2030,
      schoolCode: A,
      recordId: 'T1',
      grade: 4,
      sex: null,
      homeworkMinutes: 30,
      sleepHours: 9,
      source: 'survey',
      surveyedOn: null,
      row: 2,
      importedBy: 'analyst',
    };
    // An audit entry without a username violates NOT NULL: the transaction must roll the records back.
    await expect(
      replaceBurden(t.database.db, '990001', 2030, 'survey', [A], [row], () => [{ username: null as unknown as string, action: 'import', entity: 'burden-records', entityKey: 'burden:2030' }]),
    ).rejects.toThrow();
    expect(rowsOf(await t.database.db.execute(sql`select count(*)::int as n from burden_records where year = 2030`))[0]).toEqual({ n: 0 });
  });

  it('reads a purged year from the tallies kept, with the same figures', async () => {
    const svc = new BurdenService(t.database.db);
    const before = (await health.get('/api/wellbeing/burden/report?year=2024')).json<{ cells: Cell[] }>();
    await t.database.db.transaction(async (tx) => {
      const { tallies, deleted } = await svc.tallyAndDelete(tx, '990001', 2024);
      expect(deleted).toBe(7); // A: 1 diary + 2 survey; C: 4 survey
      await writeTallies(tx, '990001', 'burden', 2024, tallies);
    });
    expect(await svc.pupilYears('990001')).toEqual([]);
    const after = (await health.get('/api/wellbeing/burden/report?year=2024')).json<{ years: number[]; fromTallies: boolean; cells: Cell[] }>();
    expect([after.years, after.fromTallies]).toEqual([[2024], true]);
    expect(after.cells).toEqual(before.cells);
    // School A again (2 diary records → 2 of them: A01 within, A02 over = 1/2): A from its rows, C from its tallies.
    await bureau.upload('/api/wellbeing/burden/import?year=2024&source=diary', Buffer.from([HEAD, ROWS[0], ROWS[1]].join('\n')), 'a.csv');
    const mixed = (await health.get('/api/wellbeing/burden/report?year=2024')).json<{ cells: Cell[] }>();
    expect(pick(cellOf(mixed.cells, A, null, null))).toEqual([2, 2, 1, 0.5, 62.5, 2, 1, 0.5, 9.75, false]);
    expect(pick(cellOf(mixed.cells, C, null, null))).toEqual([4, 3, 2, 2 / 3, 95, 4, 2, 0.5, 8.75, false]);
  });
});
