// Seat forecast (学位预测) end to end through the API, on three schools whose enrolments are put into the registry by
// the statistics route and whose forecast v1 is worked out by hand below (python3 gave the same digits):
//
//            2022            2023            2024
//   A 小学   g1 90 g2 80 g3 70   100 88 76       110 95 86     classrooms recorded: 8, township 城关镇
//   B 小学   g1 20 g2 18         16 19           12 15         not recorded: 2024 classes (1 + 1) = 2, township 石桥乡
//   C 初中   g7 150 g8 140 g9 135 160 147 138    170 158 145   classrooms recorded: 8, township 城关镇
//
// Window 3 (2022–2024), base year T = 2024, horizon 2:
//   A: GPR(2) = (88/90 + 95/100)/2 = 0.963888…; GPR(3) = (76/80 + 86/88)/2 = 0.963636…; entry mean (90+100+110)/3 = 100
//      2025: g1 100, g2 110 × 0.963888… = 106.027777…, g3 95 × 0.963636… = 91.545454…  → 297.573232…
//      2026: g1 100, g2 100 × 0.963888… = 96.388888…, g3 106.027777… × 0.963636… = 102.172222… → 298.561111…
//   B: GPR(2) = (19/20 + 15/16)/2 = 0.94375; entry mean (20+16+12)/3 = 16
//      2025: 16 + 12 × 0.94375 = 16 + 11.325 = 27.325;  2026: 16 + 16 × 0.94375 = 31.1
//   C: GPR(8) = (147/150 + 158/160)/2 = 0.98375; GPR(9) = (138/140 + 145/147)/2 = 0.986054…; entry mean 160
//      2025: 160 + 170 × 0.98375 + 158 × 0.986054… = 160 + 167.2375 + 155.796598… = 483.034098…
//      2026: 160 + 160 × 0.98375 + 167.2375 × 0.986054… = 160 + 157.4 + 164.905276… = 482.305276…
// Classes (45 primary, 50 junior): A ⌈100/45⌉ + ⌈106.03/45⌉ + ⌈91.55/45⌉ = 3 + 3 + 3 = 9 → 1 short of 8 rooms, 45 seats;
//   B ⌈16/45⌉ + ⌈11.3/45⌉ = 2 = its 2 rooms; C ⌈160/50⌉ + ⌈167.2/50⌉ + ⌈155.8/50⌉ = 4 + 4 + 4 = 12 → 4 short, 200 seats;
//   C keeps 8 rooms: 483 > 55 × 8 = 440 → a class of 56+ is forced (大班额), 483 ≤ 65 × 8 = 520 → not 超大班额.
// Backtest, holdout 1 (base 2023, ratios from 2022→2023), forecast of 2024 against the actual:
//   A: 95 + 100 × 88/90 + 88 × 76/80 = 95 + 97.777… + 83.6 = 276.377…; actual 291 → APE 14.622…/291 = 0.050248…;
//      naive 264 → 27/291 = 0.092783…
//   B: 18 + 16 × 19/20 = 33.2; actual 27 → 6.2/27 = 0.229629…; naive 35 → 8/27 = 0.296296…
//   C: 155 + 160 × 147/150 + 147 × 138/140 = 155 + 156.8 + 144.9 = 456.7; actual 473 → 16.3/473 = 0.034460…;
//      naive 445 → 28/473 = 0.059196…
//   MAPE = (0.050248 + 0.229630 + 0.034461)/3 = 0.104780; naive (0.092784 + 0.296296 + 0.059197)/3 = 0.149425.
//   Band (80 %): ⌈0.8 × 3⌉ = the 3rd smallest APE, q₁ = 0.229629…; step 2: q₁ × √2 = 0.324745….
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, sampleRecord, schoolFixture, signIn, testApp } from '../helpers.js';
import { insertSchool } from '../../src/registry/store.js';
import type { ForecastInputs, ForecastReport } from '../../src/planning/forecast/contract.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const ENROL: Record<string, Record<number, [number, number][]>> = {
  [A]: {
    2022: [
      [1, 90],
      [2, 80],
      [3, 70],
    ],
    2023: [
      [1, 100],
      [2, 88],
      [3, 76],
    ],
    2024: [
      [1, 110],
      [2, 95],
      [3, 86],
    ],
  },
  [B]: {
    2022: [
      [1, 20],
      [2, 18],
    ],
    2023: [
      [1, 16],
      [2, 19],
    ],
    2024: [
      [1, 12],
      [2, 15],
    ],
  },
  [C]: {
    2022: [
      [7, 150],
      [8, 140],
      [9, 135],
    ],
    2023: [
      [7, 160],
      [8, 147],
      [9, 138],
    ],
    2024: [
      [7, 170],
      [8, 158],
      [9, 145],
    ],
  },
};

const close = (got: number | null | undefined, want: number, digits = 6) => expect(got).toBeCloseTo(want, digits);
const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);

describe('seat forecast', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let bureau: Awaited<ReturnType<typeof signIn>>;
  const report = async (q = '') => {
    const r = await bureau.get(`/api/planning/forecast${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<ForecastReport>();
  };
  const audit = async (entity: string) =>
    rowsOf(
      await t.database.db.execute(
        sql`select action, entity_key, field, old_value, new_value, row_count, detail, username from audit_log where district_id = ${DISTRICT} and entity = ${entity} order by id`,
      ),
    );

  beforeAll(async () => {
    t = await testApp();
    bureau = await signIn(t.app, 'analyst');
  });
  afterAll(async () => t?.close());

  it('answers an empty report while the registry has no enrolments', async () => {
    const r = await report();
    expect(r.baseYear).toBeNull();
    expect(r.schools).toEqual([]);
    expect(r.aggregates).toEqual([]);
    expect(r.backtest.available).toBe(false);
    expect(r.params).toMatchObject({ horizon: 5, window: 3, holdout: 1, entry: 'mean', classSize: { primary: 45, junior: 50, large: 56, huge: 66 } });
  });

  it('round-trips the inputs and audits every change', async () => {
    for (const [code, years] of Object.entries(ENROL))
      for (const [year, grades] of Object.entries(years)) {
        const rec = { values: sampleRecord().values, enrolments: grades.map(([grade, students]) => ({ grade, students })), classes: [] as { grade: number; classNo: number; size: number }[] };
        // B's classes in 2024 (one class per grade): its classroom stock stands in from them.
        if (code === B && year === '2024') rec.classes = grades.map(([grade, size]) => ({ grade, classNo: 1, size }));
        const res = await bureau.put(`/api/schools/${code}/stats/${year}`, rec);
        expect(res.statusCode, res.body).toBe(200);
      }
    const save = await bureau.put('/api/planning/forecast/inputs/schools', {
      schools: [
        { schoolCode: A, township: ' 城关镇 ', classrooms: 8 },
        { schoolCode: B, township: '石桥乡', classrooms: null },
        { schoolCode: C, township: '城关镇', classrooms: 8 },
      ],
    });
    expect(save.statusCode, save.body).toBe(200);
    const inputs = save.json<ForecastInputs>();
    expect(inputs.schools.map((s) => [s.code, s.township, s.classrooms, s.latestClasses])).toEqual([
      [A, '城关镇', 8, null],
      [B, '石桥乡', null, 2],
      [C, '城关镇', 8, null],
    ]);
    // Saving the same values again changes nothing and writes no audit row.
    expect((await bureau.put('/api/planning/forecast/inputs/schools', { schools: [{ schoolCode: A, township: '城关镇', classrooms: 8 }] })).statusCode).toBe(200);
    const rows = await audit('planning-school-inputs');
    // One row per field that changed: A township and classrooms, B township (classrooms stay unrecorded), C both.
    expect(rows.map((r) => [r.action, r.entity_key, r.field, r.old_value, r.new_value, r.username])).toEqual([
      ['update', A, 'township', null, '城关镇', 'analyst'],
      ['update', A, 'classrooms', null, 8, 'analyst'],
      ['update', B, 'township', null, '石桥乡', 'analyst'],
      ['update', C, 'township', null, '城关镇', 'analyst'],
      ['update', C, 'classrooms', null, 8, 'analyst'],
    ]);
    // Unknown schools are refused and nothing is written.
    const bad = await bureau.put('/api/planning/forecast/inputs/schools', {
      schools: [
        { schoolCode: A, township: '别处', classrooms: 9 },
        { schoolCode: '9999999999', township: null, classrooms: 1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('9999999999');
    expect((await bureau.get('/api/planning/forecast/inputs')).json<ForecastInputs>().schools[0].township).toBe('城关镇');
    // A negative stock is refused by the contract.
    expect((await bureau.put('/api/planning/forecast/inputs/schools', { schools: [{ schoolCode: A, township: null, classrooms: -1 }] })).statusCode).toBe(400);
  });

  it('forecasts each school as forecast v1 does, with classes, classrooms and flags', async () => {
    const r = await report('?horizon=2');
    expect(r.method).toBe('junheng-forecast-v1');
    expect(r.baseYear).toBe(2024);
    expect(r.historyYears).toEqual([2022, 2023, 2024]);
    expect(r.forecastYears).toEqual([2025, 2026]);
    const [a, b, c] = r.schools;
    expect([a.code, b.code, c.code]).toEqual([A, B, C]);
    // Ratios as worked out in the header.
    expect(a.ratios.map((x) => x.source)).toEqual(['school', 'school']);
    close(a.ratios[0].ratio, (88 / 90 + 95 / 100) / 2, 12);
    close(a.ratios[1].ratio, (76 / 80 + 86 / 88) / 2, 12);
    // A: per grade and total.
    expect(a.forecast.map((f) => f.grades.map((g) => g.grade))).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    close(a.forecast[0].grades[0].students, 100);
    close(a.forecast[0].grades[1].students, 106.027777778);
    close(a.forecast[0].grades[2].students, 91.545454545);
    close(a.forecast[0].students, 297.573232323);
    close(a.forecast[1].grades[2].students, 102.172222222);
    close(a.forecast[1].students, 298.561111111);
    close(b.forecast[0].students, 27.325);
    close(b.forecast[1].students, 31.1);
    close(c.forecast[0].students, 483.034098639);
    close(c.forecast[1].students, 482.305276361);
    // Classes, classrooms and flags.
    expect(a.classroomsSource).toBe('recorded');
    expect(b.classroomsSource).toBe('base-year-classes');
    expect(b.classrooms).toBe(2);
    expect(b.baseGrades).toEqual([
      { grade: 1, students: 12, classes: 1 },
      { grade: 2, students: 15, classes: 1 },
    ]);
    const pick = (f: ForecastReport['schools'][number]['forecast'][number]) => [f.classes, f.shortfall, f.seatShortfall, f.spare, f.overCapacity, f.largeClass];
    expect(a.forecast.map(pick)).toEqual([
      [9, 1, 45, 0, true, null],
      [9, 1, 45, 0, true, null],
    ]);
    expect(a.forecast[0].grades.map((g) => g.classes)).toEqual([3, 3, 3]);
    expect(b.forecast.map(pick)).toEqual([
      [2, 0, 0, 0, false, null],
      [2, 0, 0, 0, false, null],
    ]);
    expect(c.forecast.map(pick)).toEqual([
      [12, 4, 200, 0, true, 'large'],
      [12, 4, 200, 0, true, 'large'],
    ]);
    expect(a.history).toEqual([
      { year: 2022, students: 240 },
      { year: 2023, students: 264 },
      { year: 2024, students: 291 },
    ]);
    expect(a.forecast[0].entry).toEqual({ grade: 1, students: 100, source: 'mean', housing: 0 });
  });

  it('backtests on the held-out year, against the naive forecast, and bands the forecast with its errors', async () => {
    const r = await report('?horizon=2');
    const bt = r.backtest;
    expect([bt.available, bt.holdout, bt.baseYear]).toEqual([true, 1, 2023]);
    close(bt.mape, (14.622222222 / 291 + 6.2 / 27 + 16.3 / 473) / 3);
    close(bt.naiveMape, (27 / 291 + 8 / 27 + 28 / 473) / 3);
    expect(bt.steps).toHaveLength(1);
    expect(bt.steps[0]).toMatchObject({ step: 1, year: 2024, n: 3 });
    const [a, b, c] = r.schools;
    close(a.backtest?.mape, 14.622222222 / 291);
    close(a.backtest?.naiveMape, 27 / 291);
    close(b.backtest?.mape, 6.2 / 27);
    close(c.backtest?.naiveMape, 28 / 473);
    // The band: q₁ = 6.2/27 at step 1, q₁ × √2 at step 2.
    const q1 = 6.2 / 27;
    close(a.forecast[0].band?.low, 297.573232323 * (1 - q1));
    close(a.forecast[0].band?.high, 297.573232323 * (1 + q1));
    close(a.forecast[1].band?.high, 298.561111111 * (1 + q1 * Math.SQRT2));
    // The district is the sum of the schools, banded alike; Σ shortfalls, not netted (B's fit does not offset A's).
    const d = r.aggregates.find((x) => x.kind === 'district')!;
    expect(d.history).toEqual([
      { year: 2022, students: 240 + 38 + 425 },
      { year: 2023, students: 264 + 35 + 445 },
      { year: 2024, students: 291 + 27 + 473 },
    ]);
    close(d.forecast[0].students, 807.932330963);
    close(d.forecast[0].band?.low, 807.932330963 * (1 - q1));
    expect([d.forecast[0].classes, d.forecast[0].classrooms, d.forecast[0].shortfall, d.forecast[0].seatShortfall, d.forecast[0].overCapacity, d.forecast[0].largeClass]).toEqual([
      23, 18, 5, 245, 2, 1,
    ]);
    // Levels and catchments.
    const levels = r.aggregates.filter((x) => x.kind === 'level');
    expect(levels.map((x) => [x.key, x.schools, x.forecast[0].classes, x.forecast[0].shortfall])).toEqual([
      ['小学', 2, 11, 1],
      ['初中', 1, 12, 4],
    ]);
    const catchments = r.aggregates.filter((x) => x.kind === 'catchment');
    expect(catchments.map((x) => [x.key, x.schools])).toEqual([
      ['城关镇', 2],
      ['石桥乡', 1],
    ]);
    close(catchments[0].forecast[0].students, 297.573232323 + 483.034098639);
    // What new or enlarged schools must provide: per catchment and level, the peak year's Σ shortfalls.
    expect(r.needs.map((n) => [n.township, n.level, n.peakYear, n.classes, n.seats, n.spareElsewhere, n.schools.map((s) => s.code)])).toEqual([
      ['城关镇', '初中', 2025, 4, 200, 0, [C]],
      ['城关镇', '小学', 2025, 1, 45, 0, [A]],
    ]);
  });

  it('says why there is no backtest when the history is too short, and refuses births without a births table', async () => {
    const r = await report('?holdout=2');
    expect(r.backtest.available).toBe(false);
    expect(r.backtest.reason).toContain('回测 2 年需要至少 4 年的数据');
    expect(r.schools[0].forecast[0].band).toBeNull();
    expect(r.schools[0].backtest).toBeNull();
    const births = await bureau.get('/api/planning/forecast?entry=births');
    expect(births.statusCode).toBe(400);
    expect(births.body).toContain('出生人口');
    expect((await bureau.get('/api/planning/forecast?horizon=11')).statusCode).toBe(400);
    expect((await bureau.get('/api/planning/forecast?window=0')).statusCode).toBe(400);
  });

  it('takes the entry grade from births where asked, and new housing on top', async () => {
    const bad = await bureau.upload('/api/planning/forecast/births', '乡镇,年份,出生数\n城关镇,2016,100\n城关镇,二〇一七,110\n城关镇,2018,-5\n', 'births.csv');
    expect(bad.statusCode).toBe(422);
    const problems = bad.json<{ problems: { row: number; column: string; message: string; text: string }[] }>().problems;
    // Columns named as the file's header writes them.
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '年份'],
      [4, '出生数'],
    ]);
    expect(problems[0].text).toContain('births.csv');
    expect(await audit('planning-births')).toEqual([]);

    const up = await bureau.upload(
      '/api/planning/forecast/births',
      '乡镇,年份,出生数\n城关镇,2016,100\n城关镇,2017,110\n城关镇,2018,120\n城关镇,2019,105\n城关镇,2020,90\n东山镇,2019,50\n',
      'births.csv',
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toEqual({ rows: 6, replaced: 0, townships: ['城关镇', '东山镇'], years: { from: 2016, to: 2020 }, unmatched: ['东山镇'] });
    const h = await bureau.post('/api/planning/forecast/housing', { schoolCode: A, name: '新城小区', units: 100, childrenPerUnit: 0.1, moveInYear: 2026 });
    expect(h.statusCode, h.body).toBe(200);
    const housingId = h.json<{ id: number }>().id;

    const r = await report('?horizon=2&entry=births');
    const [a, b, c] = r.schools;
    // A's entry ratio = (90/100 + 100/110 + 110/120)/3 = 0.908585…; 2025: births 2019 × ratio = 105 × 0.908585… = 95.401515…;
    // 2026: 90 × 0.908585… = 81.772727… + the housing's 100 × 0.1 = 10 from 2026.
    expect(a.forecast[0].entry).toMatchObject({ source: 'births', housing: 0 });
    close(a.forecast[0].grades[0].students, 95.401515152);
    expect(a.forecast[1].entry).toMatchObject({ source: 'births', housing: 10 });
    close(a.forecast[1].grades[0].students, 81.772727273 + 10);
    // C's entry grade 7 would need births of 2010–2014 (lag 12): none, so the window mean; B's township has no births.
    expect(c.forecast[0].entry).toMatchObject({ source: 'mean', students: 160 });
    expect(b.forecast[0].entry.source).toBe('mean');
    // The backtest rebuilds the births input from 2022–2023 only: ratio (0.9 + 0.909090…)/2 = 0.904545…, 2024 entry
    // 120 × 0.904545… = 108.545454…; total 108.545454 + 97.777777 + 83.6 = 289.923232…, APE 1.076767/291 = 0.003700….
    close(a.backtest?.mape, 0.0037002326);
    expect(r.housing).toEqual([{ id: housingId, schoolCode: A, name: '新城小区', units: 100, childrenPerUnit: 0.1, moveInYear: 2026 }]);
    // Housing also lifts the mean forecast from its move-in year: A 2026 = 298.561111 + 10.
    close((await report('?horizon=2')).schools[0].forecast[1].students, 308.561111111);

    // Replacing the table: one transaction, the old rows counted; audit rows for the births and the housing.
    const again = await bureau.upload('/api/planning/forecast/births', 'township,year,births\n城关镇,2019,105\n', 'births2.csv');
    expect(again.json<{ replaced: number }>().replaced).toBe(6);
    expect((await bureau.get('/api/planning/forecast/inputs')).json<ForecastInputs>().births).toEqual([{ township: '城关镇', year: 2019, births: 105 }]);
    const births = await audit('planning-births');
    expect(births.map((x) => [x.action, x.row_count, x.detail])).toEqual([
      ['import', 6, 'births.csv'],
      ['import', 1, 'births2.csv'],
    ]);
    expect((await bureau.raw('DELETE', `/api/planning/forecast/housing/${housingId}`)).statusCode).toBe(200);
    expect((await bureau.raw('DELETE', `/api/planning/forecast/housing/${housingId}`)).statusCode).toBe(404);
    const housing = await audit('planning-housing');
    expect(housing.map((x) => [x.action, x.entity_key, x.detail])).toEqual([
      ['create', String(housingId), '新城小区'],
      ['delete', String(housingId), '新城小区'],
    ]);
    expect(housing[0].new_value).toEqual({ schoolCode: A, name: '新城小区', units: 100, childrenPerUnit: 0.1, moveInYear: 2026 });
    expect((await bureau.post('/api/planning/forecast/housing', { schoolCode: '0000000000', name: 'x', units: 1, childrenPerUnit: 0.1, moveInYear: 2026 })).statusCode).toBe(400);
  });

  it('forecasts an uploaded file’s schools (names from the registry), and names every bad cell', async () => {
    const csv = ['school_code,year,grade,students', `${A},2023,1,100`, `${A},2023,2,88`, `${A},2024,1,110`, `${A},2024,2,95`, 'X001,2023,1,30', 'X001,2024,1,0', ''].join('\n');
    const r = await bureau.upload('/api/planning/forecast/file?horizon=1', csv, '外部数据.csv');
    expect(r.statusCode, r.body).toBe(200);
    const f = r.json<ForecastReport>();
    expect([f.source, f.fileName, f.baseYear]).toEqual(['file', '外部数据.csv', 2024]);
    expect(f.schools.map((s) => [s.code, s.name, s.inRegistry, s.township, s.classroomsSource])).toEqual([
      [A, '测试第一小学', true, '城关镇', 'recorded'],
      ['X001', 'X001', false, null, 'none'],
    ]);
    // A: window 2023–2024; GPR(2) = 95/100; entry mean (100 + 110)/2 = 105; 2025: 105 + 110 × 0.95 = 209.5.
    close(f.schools[0].forecast[0].students, 209.5);
    // X001 has one grade: entry mean (30 + 0)/2 = 15; its 0 in 2024 leaves it out of the backtest (APE needs an actual > 0).
    close(f.schools[1].forecast[0].students, 15);
    expect(f.schools[1].classrooms).toBeNull();
    expect(f.schools[1].forecast[0].shortfall).toBeNull();

    const bad = await bureau.upload('/api/planning/forecast/file', 'school_code,year,grade,students\nX1,2024,1,10\nX1,2024,十三,5\nX2,,2,-1\n', 'bad.csv');
    expect(bad.statusCode).toBe(422);
    const body = bad.json<{ error: { code: string; message: string }; problems: { row: number; column: string; message: string }[] }>();
    expect(body.error.code).toBe('invalid_file');
    expect(body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'grade'],
      [4, 'year'],
      [4, 'students'],
    ]);
    expect((await bureau.upload('/api/planning/forecast/file', 'a,b\n1,2\n', 'nohead.csv')).statusCode).toBe(422);
  });

  it('exports the workbook with the page’s figures', async () => {
    // C's stock cleared: unknown, so no shortfall or flags for C (and it counts as unknown in the aggregates).
    await bureau.put('/api/planning/forecast/inputs/schools', { schools: [{ schoolCode: C, township: '城关镇', classrooms: null }] });
    const r = await report('?horizon=2');
    expect(r.schools[2].classroomsSource).toBe('none');
    expect(r.schools[2].forecast[0].shortfall).toBeNull();
    expect(r.aggregates[0].unknownStock).toBe(1);
    expect(r.aggregates[0].forecast[0].shortfall).toBe(1);

    const x = await bureau.get('/api/planning/forecast.xlsx?horizon=2');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '全县', '学段', '片区', '学校', '年级', '新建扩建需求', '回测']);
    const district = wb.getWorksheet('全县')!;
    // Rows 5–7: 2022–2024 actual; row 8: 2025 forecast, students 807.93… shown as a whole number.
    expect(district.getRow(5).getCell(1).value).toBe(2022);
    expect(district.getRow(7).getCell(3).value).toBe(791);
    const f2025 = district.getRow(8);
    expect(f2025.getCell(1).value).toBe(2025);
    close(f2025.getCell(3).value as number, 807.932330963);
    expect(f2025.getCell(3).numFmt).toBe('#,##0');
    const schools = wb.getWorksheet('学校')!;
    expect(schools.getRow(5).getCell(1).value).toBe(A);
    expect(schools.getRow(5).getCell(14).value).toBe(1);
    expect(schools.getRow(5).getCell(18).numFmt).toBe('#,##0.0%');
    const en = await bureau.get('/api/planning/forecast.xlsx?horizon=2&lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toContain('Schools');
  });
  it('forecasts only the compulsory grades 1–9 of a 完全中学 from the registry: its entry grade is 7', async () => {
    // D, a 完全中学 with grades 7–12 in the registry (10–12 = 200/190/180 every year, left out):
    //        2022             2023             2024
    //   g7   100              110              120
    //   g8    96               99              105
    //   g9    90               93               95
    // GPR(8) = (99/100 + 105/110)/2 = (0.99 + 0.954545…)/2 = 0.972273…; GPR(9) = (93/96 + 95/99)/2 = (0.96875 + 0.959596…)/2
    // = 0.964173…; entry mean (100 + 110 + 120)/3 = 110. 2025: 110 + 120 × 0.972273… + 105 × 0.964173… = 110 + 116.672727
    // + 101.238163 = 327.910890 (python3 gives 327.91089015).
    const D = '2133000009';
    await insertSchool(t.database.db, schoolFixture(D, '测试完全中学', '完全中学'));
    const g: Record<number, [number, number][]> = {
      2022: [
        [7, 100],
        [8, 96],
        [9, 90],
      ],
      2023: [
        [7, 110],
        [8, 99],
        [9, 93],
      ],
      2024: [
        [7, 120],
        [8, 105],
        [9, 95],
      ],
    };
    for (const [year, grades] of Object.entries(g)) {
      const enrolments = [...grades, [10, 200], [11, 190], [12, 180]].map(([grade, students]) => ({ grade, students }));
      const res = await bureau.put(`/api/schools/${D}/stats/${year}`, { values: sampleRecord().values, enrolments, classes: [] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const r = await report('?horizon=1');
    const d = r.schools.find((x) => x.code === D)!;
    expect(d.level).toBe('完全中学');
    expect(d.baseGrades.map((x) => x.grade)).toEqual([7, 8, 9]);
    expect(d.history.map((x) => x.students)).toEqual([286, 302, 320]);
    expect(d.forecast[0].grades.map((x) => x.grade)).toEqual([7, 8, 9]);
    expect(d.forecast[0].entry).toMatchObject({ grade: 7, source: 'mean' });
    close(d.forecast[0].entry.students, 110);
    close(d.ratios.find((x) => x.grade === 8)!.ratio, (99 / 100 + 105 / 110) / 2, 12);
    close(d.forecast[0].students, 110 + 120 * ((99 / 100 + 105 / 110) / 2) + 105 * ((93 / 96 + 95 / 99) / 2), 9);
    close(d.forecast[0].students, 327.91089015, 7);
    // The workbook's 说明 sheet says so.
    const x = await bureau.get('/api/planning/forecast.xlsx?horizon=1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const about: string[] = [];
    wb.getWorksheet('说明')!.eachRow((row) => about.push(String(row.getCell(1).value ?? '')));
    expect(about.some((l) => l.startsWith('只预测义务教育 1–9 年级'))).toBe(true);
  });
});
