// Teacher-exchange plans (交流轮岗) end to end through the API on a small district worked out by hand: the plan the
// optimiser stores obeys every rule — checked here from the moves alone, with D and the student-weighted 差异系数
// recomputed in this file (not by the modules) — and reaches the optimum found by hand; edits are rechecked and their
// violations stored; a plan with violations cannot be locked; a locked plan is read-only; pins and infeasible rules;
// bad files named by row and column; the export opens in exceljs; every change, read and export is audited. A plan
// built from the teachers' roster reaches the same optimum, and locking it records its moves in the exchange history
// (in the lock's transaction); locking a plan from a file records nothing.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, SCHOOL_A, SCHOOL_B, SCHOOL_C, schoolFixture, signIn, testApp } from '../helpers.js';
import { insertSchool, updateSchool, writeRecord } from '../../src/registry/store.js';
import type { ExchangePlanDetail } from '../../src/planning/exchange/contract.js';
import { teachers, teacherYears } from '../../src/teachers/schema.js';

const A = SCHOOL_A.code;
const B = SCHOOL_B.code;
const C = SCHOOL_C.code;
const D = '2133000004';
const E = '2133000005';
const F = '2133000006';

// The district (2024 students; places in degrees):
//   A (30.00, 122.00) 400 students   B (30.05, 122.05) 200   D (30.02, 122.10) 400   E (30.50, 122.50) 100, ≈ 70 km away
//   C (初中) 300 students but no place → left out;   F (30.03, 122.03) placed but no students → left out.
const PLACES: Record<string, { lat: number; lng: number } | null> = {
  [A]: { lat: 30.0, lng: 122.0 },
  [B]: { lat: 30.05, lng: 122.05 },
  [C]: null,
  [D]: { lat: 30.02, lng: 122.1 },
  [E]: { lat: 30.5, lng: 122.5 },
  [F]: { lat: 30.03, lng: 122.03 },
};
const STUDENTS: Record<string, number> = { [A]: 400, [B]: 200, [C]: 300, [D]: 400, [E]: 100, [F]: 0 };

// Teachers: id, school, subject, 骨干, years at the school, age. Eligible (≥ 6 years, under 55) marked *.
const TEACHERS: [string, string, string, 0 | 1, number, number][] = [
  ['TA1', A, '语文', 1, 10, 40], // *
  ['TA2', A, '语文', 1, 8, 45], // *
  ['TA3', A, '数学', 1, 7, 38], // *
  ['TA4', A, '数学', 0, 2, 28], //   2 years
  ['TA5', A, '语文', 1, 12, 56], //  56: too old
  ['TA6', A, '数学', 0, 9, 50], // *
  ['TB1', B, '语文', 0, 7, 35], // *
  ['TB2', B, '数学', 0, 6, 33], // *  exactly 6 years
  ['TB3', B, '语文', 0, 1, 25],
  ['TD1', D, '语文', 0, 9, 44], // *
  ['TD2', D, '数学', 0, 10, 47], // *
  ['TD3', D, '数学', 1, 3, 30],
  ['TE1', E, '语文', 0, 10, 40], // *  but E is beyond 30 km of every school: cannot move
  ['TC1', C, '数学', 1, 10, 40], //    C is left out (no place): stays
  ['TF1', F, '语文', 0, 8, 40], //     F is left out (no students): stays
];
const csv = (rows: typeof TEACHERS, head = '教师编号,学校代码,学科,骨干,本校任教年限,年龄') => [head, ...rows.map((r) => r.join(','))].join('\n') + '\n';
const FILE = csv(TEACHERS);

// By hand. In the plan: A, B, D, E (1,100 students) with 13 teachers, 骨干 TA1 TA2 TA3 TA5 TD3 = 5; μ = 5/1100.
// Eligible 9 (TA1 TA2 TA3 TA6 TB1 TB2 TD1 TD2 TE1) → required ⌈10 % × 9⌉ = 1; 骨干 share 20 %.
// Fair shares μ·P: A 20/11, B 10/11, D 20/11, E 5/11. Before: B = (4, 0, 1, 0) → D = 24/11 + 10/11 + 9/11 + 5/11 = 48/11.
// TA5 (too old) stays at A and TD3 (3 years) at D; E can neither send nor receive: its 5/11 stays. The best reachable
// is (2, 1, 2, 0): D = 2/11 + 1/11 + 2/11 + 5/11 = 10/11 — two 骨干 leave A, one for B and one for D, each swapped
// with a same-subject teacher: 4 moves at least (a 3-cycle moves only one 骨干 out of A).
// 差异系数 of 骨干 per 100 students, X̄ = 5/11 = 0.454545:
//   before: per 100 (1.00, 0, 0.25, 0): S² = (400·0.545455² + 200·0.454545² + 400·0.204545² + 100·0.454545²) / 1100
//           = (119.0083 + 41.3223 + 16.7355 + 20.6612) / 1100 = 0.179752, S = 0.423972, CV = 0.932738
//   after:  per 100 (0.50, 0.50, 0.50, 0): S² = (1000·0.045455² + 100·0.454545²) / 1100 = 0.020661, CV = √0.1 = 0.316228
const D_BEFORE = 48 / 11;
const D_BEST = 10 / 11;
const CV_BEFORE = 0.932738;
const CV_BEST = 0.316228;

type Move = { teacherId: string; from: string; to: string };

/** Great-circle km (haversine), independent of the plan's projection: every move of the county is far under 30 km. */
function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** Every rule checked from the moves and the file alone; D and the CV recomputed over the schools of the plan. */
function verify(moves: Move[], rules: { rate: number; backboneShare: number; minYears: number; maxAge: number; maxKm: number }) {
  const inPlan = [A, B, D, E];
  const byId = new Map(TEACHERS.map((t) => [t[0], t]));
  const eligible = TEACHERS.filter((t) => inPlan.includes(t[1]) && t[4] >= rules.minYears && t[5] < rules.maxAge).length;
  const ids = moves.map((m) => m.teacherId);
  expect(new Set(ids).size, 'each teacher at most once').toBe(ids.length);
  const net = new Map<string, number>();
  let backboneMovers = 0;
  for (const m of moves) {
    const t = byId.get(m.teacherId)!;
    expect(t[1], `${m.teacherId} moves from their school`).toBe(m.from);
    expect(t[4] >= rules.minYears && t[5] < rules.maxAge, `${m.teacherId} eligible`).toBe(true);
    expect(inPlan.includes(m.to) && m.to !== m.from).toBe(true);
    expect(haversineKm(PLACES[m.from]!, PLACES[m.to]!)).toBeLessThanOrEqual(rules.maxKm);
    net.set(`${m.from}/${t[2]}`, (net.get(`${m.from}/${t[2]}`) ?? 0) - 1);
    net.set(`${m.to}/${t[2]}`, (net.get(`${m.to}/${t[2]}`) ?? 0) + 1);
    if (t[3] === 1) backboneMovers++;
  }
  expect(
    [...net.values()].every((n) => n === 0),
    'arrivals = departures per school and subject',
  ).toBe(true);
  // The thresholds in integers: movers ≥ ⌈rate × eligible⌉, 骨干 ≥ share × movers (rates of whole per cent).
  expect(moves.length * 100).toBeGreaterThanOrEqual(Math.round(rules.rate * 100) * eligible);
  expect(backboneMovers * 100).toBeGreaterThanOrEqual(Math.round(rules.backboneShare * 100) * moves.length);
  // 骨干 per school after the moves; D and the student-weighted CV of 骨干 per 100 students.
  const to = new Map(moves.map((m) => [m.teacherId, m.to]));
  const backbone = new Map(inPlan.map((s) => [s, 0]));
  for (const t of TEACHERS) if (t[3] === 1 && inPlan.includes(t[1])) backbone.set(to.get(t[0]) ?? t[1], backbone.get(to.get(t[0]) ?? t[1])! + 1);
  const P = inPlan.reduce((n, s) => n + STUDENTS[s], 0);
  const total = [...backbone.values()].reduce((n, b) => n + b, 0);
  const mu = total / P;
  const d = inPlan.reduce((n, s) => n + Math.abs(backbone.get(s)! - mu * STUDENTS[s]), 0);
  const mean = mu * 100;
  const sd = Math.sqrt(inPlan.reduce((n, s) => n + STUDENTS[s] * ((backbone.get(s)! / STUDENTS[s]) * 100 - mean) ** 2, 0) / P);
  return { d, cv: sd / mean, eligible, backboneMovers };
}

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
const URL = '/api/planning/exchange/plans';
const CREATE = `${URL}?name=${encodeURIComponent('2025 学年交流方案')}&year=2024`;

describe('teacher-exchange plans', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let bureau: Awaited<ReturnType<typeof signIn>>;
  let plan: ExchangePlanDetail;
  const audit = async (action?: string) =>
    rowsOf(
      await t.database.db.execute(
        sql`select username, action, entity, entity_key, row_count, detail from audit_log where entity = 'exchange-plan' ${action ? sql`and action = ${action}` : sql``} order by id`,
      ),
    );

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    await insertSchool(db, schoolFixture(D, '测试第四小学', '小学', { ...PLACES[D] }));
    await insertSchool(db, schoolFixture(E, '测试海岛小学', '小学', { location: '乡村', isIsland: true, ...PLACES[E] }));
    await insertSchool(db, schoolFixture(F, '测试新建小学', '小学', { ...PLACES[F] }));
    for (const s of [SCHOOL_A, SCHOOL_B, SCHOOL_C]) await updateSchool(db, { ...s, lat: PLACES[s.code]?.lat ?? null, lng: PLACES[s.code]?.lng ?? null });
    for (const [code, n] of Object.entries(STUDENTS)) {
      if (n === 0) continue;
      // Two grades per school: 60 % and 40 % (the plan adds them up).
      const grades = code === C ? [7, 8] : [1, 2];
      await writeRecord(
        db,
        DISTRICT,
        code,
        2024,
        {
          values: {},
          enrolments: [
            { grade: grades[0], students: n * 0.6 },
            { grade: grades[1], students: n * 0.4 },
          ],
          classes: [],
        },
        { status: 'approved' },
      );
    }
    // Another year's students must not count.
    await writeRecord(db, DISTRICT, B, 2023, { values: {}, enrolments: [{ grade: 1, students: 5000 }], classes: [] }, { status: 'approved' });
    bureau = await signIn(t.app, 'analyst');
  }, 60_000);
  afterAll(async () => t?.close());

  it('solves a new plan to the optimum, obeying every rule, and lists the schools left out', async () => {
    const r = await bureau.upload(CREATE, FILE, '教师名单.csv');
    expect(r.statusCode, r.body).toBe(200);
    plan = r.json<ExchangePlanDetail>();
    expect(plan.status).toBe('draft');
    expect(plan.rules).toMatchObject({ rate: 0.1, backboneShare: 0.2, minYears: 6, maxAge: 55, maxKm: 30, pins: [] });
    const moves = plan.moves.map((m) => ({ teacherId: m.teacherId, from: m.from, to: m.to }));
    const v = verify(moves, plan.rules);
    // The optimum by hand: D = 10/11 in 4 moves, 2 of them 骨干; the plan's own figures equal the recomputed ones.
    expect(v.d).toBeCloseTo(D_BEST, 9);
    expect(plan.metrics.dAfter).toBeCloseTo(v.d, 9);
    expect(plan.metrics.dBefore).toBeCloseTo(D_BEFORE, 9);
    expect(plan.metrics.cvBefore).toBeCloseTo(CV_BEFORE, 6);
    expect(v.cv).toBeCloseTo(CV_BEST, 6);
    expect(plan.metrics.cvAfter).toBeCloseTo(v.cv, 9);
    expect(plan.metrics).toMatchObject({ teachers: 13, eligible: 9, required: 1, movers: 4, backboneMovers: 2, requiredBackbone: 1 });
    expect(v.eligible).toBe(9);
    expect(plan.solve.mipGap).toBeLessThanOrEqual(0.01);
    expect(['optimal', 'gap_reached']).toContain(plan.solve.status);
    expect(plan.violations).toEqual([]);
    // Moves carry the schools' names and their length: the plane projection agrees with the great circle to 0.5 %
    // over the county (A–B ≈ 7.2 km, A–D ≈ 9.9 km).
    for (const m of plan.moves) {
      expect(m.fromName).toBe(m.from === A ? '测试第一小学' : m.from === B ? '测试第二小学' : '测试第四小学');
      expect(Math.abs(m.km / haversineKm(PLACES[m.from]!, PLACES[m.to]!) - 1)).toBeLessThan(0.005);
    }
    // Schools: students of 2024 only (B's 2023 is not added); 骨干 per 100 students before → after.
    const school = (c: string) => plan.schools.find((s) => s.schoolCode === c)!;
    expect(plan.schools.map((s) => s.schoolCode)).toEqual([A, B, D, E]);
    expect(school(B).students).toBe(200);
    expect([school(A).backboneBefore, school(A).backboneAfter, school(A).per100Before, school(A).per100After]).toEqual([4, 2, 1, 0.5]);
    expect([school(B).per100After, school(D).per100After, school(E).per100After]).toEqual([0.5, 0.5, 0]);
    expect(school(A).departures).toBe(2);
    expect(school(A).arrivals).toBe(2);
    expect(plan.per100District).toBeCloseTo(500 / 1100, 12);
    // Per school × subject: arrivals = departures.
    expect(plan.flows.every((f) => f.arrivals === f.departures)).toBe(true);
    // Left out, and said so: C without a place, F without students; their teachers are kept in the plan, not moved.
    expect(plan.excluded).toEqual([
      { schoolCode: C, schoolName: '测试初级中学', reason: 'no_place', teachers: 1 },
      { schoolCode: F, schoolName: '测试新建小学', reason: 'no_students', teachers: 1 },
    ]);
    expect(plan.teachers).toHaveLength(15);
    expect(plan.teachers.find((x) => x.teacherId === 'TC1')).toMatchObject({ included: false, eligible: true });
    expect(plan.teachers.find((x) => x.teacherId === 'TA5')).toMatchObject({ included: true, eligible: false });
    const list = (await bureau.get(URL)).json<{ plans: { id: number; movers: number; violations: number; teachers: number }[] }>().plans;
    expect(list).toEqual([expect.objectContaining({ id: plan.id, movers: 4, violations: 0, teachers: 15 })]);
  }, 120_000);

  it('rechecks every edit, stores the violations, and refuses to lock while a rule is broken', async () => {
    const url = `${URL}/${plan.id}/moves`;
    const current = plan.moves.map((m) => ({ teacherId: m.teacherId, to: m.to }));
    // Drop one return move: the school it came from loses a teacher of that subject, the other gains one.
    const dropped = plan.moves.find((m) => m.to === A)!;
    let r = await bureau.put(url, { moves: current.filter((m) => m.teacherId !== dropped.teacherId) });
    expect(r.statusCode, r.body).toBe(200);
    let p = r.json<ExchangePlanDetail>();
    expect(p.edited).toBe(true);
    expect(p.metrics.movers).toBe(3);
    expect(
      p.violations
        .filter((v) => v.rule === 'balance')
        .map((v) => [v.schoolCode, v.subject])
        .sort(),
    ).toEqual(
      [
        [A, byTeacher(dropped.teacherId)[2]],
        [dropped.from, byTeacher(dropped.teacherId)[2]],
      ].sort(),
    );
    // The messages name the schools as the bureau knows them, the codes kept in schoolCode.
    const atA = p.violations.find((v) => v.rule === 'balance' && v.schoolCode === A)!;
    expect(atA.message).toContain(`${SCHOOL_A.name}（${A}） 的${byTeacher(dropped.teacherId)[2]}教师`);
    expect(atA.message).toContain(` / ${SCHOOL_A.name}（${A}） ${byTeacher(dropped.teacherId)[2]}:`);
    expect((await bureau.get(`${URL}/${plan.id}`)).json<ExchangePlanDetail>().violations).toEqual(p.violations);
    r = await bureau.post(`${URL}/${plan.id}/lock`);
    expect(r.statusCode).toBe(409);
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(/不能锁定.*cannot be locked/);

    // An ineligible teacher (2 years) and a move beyond 30 km (to E): named as such.
    r = await bureau.put(url, {
      moves: [...current, { teacherId: 'TA4', to: D }, { teacherId: 'TA6', to: E }],
    });
    p = r.json<ExchangePlanDetail>();
    expect(p.violations.map((v) => v.rule)).toEqual(expect.arrayContaining(['eligible', 'max_km', 'balance']));
    expect(p.violations.find((v) => v.rule === 'eligible')?.teacherId).toBe('TA4');
    expect(p.violations.find((v) => v.rule === 'max_km')?.teacherId).toBe('TA6');
    expect(p.moves.find((m) => m.teacherId === 'TA6')!.km).toBeGreaterThan(60);

    // Structurally impossible moves are refused outright (400), nothing stored.
    for (const bad of [[{ teacherId: 'NOPE', to: B }], [{ teacherId: 'TC1', to: A }], [{ teacherId: 'TA1', to: A }], [{ teacherId: 'TA1', to: C }], [...current, current[0]]]) {
      r = await bureau.put(url, { moves: bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await bureau.get(`${URL}/${plan.id}`)).json<ExchangePlanDetail>().moves).toHaveLength(6);

    // Back to the optimiser's moves: no violation; locked.
    r = await bureau.put(url, { moves: current });
    expect(r.json<ExchangePlanDetail>().violations).toEqual([]);
    r = await bureau.post(`${URL}/${plan.id}/lock`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: plan.id, status: 'locked', lockedBy: 'analyst', violations: 0, source: 'file', recordedMoves: null });
    // A plan from an uploaded file records nothing in the teachers' exchange history, and says so.
    expect(r.json<{ recordNote: string }>().recordNote).toMatch(/未写入教师交流记录 \/ .*nothing was recorded/);
    expect(rowsOf(await t.database.db.execute(sql`select count(*)::int as n from teacher_moves`))[0].n).toBe(0);
  }, 60_000);

  it('keeps a locked plan read-only', async () => {
    const url = `${URL}/${plan.id}`;
    expect((await bureau.put(`${url}/moves`, { moves: [] })).statusCode).toBe(409);
    expect((await bureau.post(`${url}/solve`, { rules: { ...plan.rules } })).statusCode).toBe(409);
    expect((await bureau.post(`${url}/lock`)).statusCode).toBe(409);
    expect((await bureau.raw('DELETE', url)).statusCode).toBe(409);
    const p = (await bureau.get(url)).json<ExchangePlanDetail>();
    expect(p.status).toBe('locked');
    expect(p.moves).toHaveLength(4);
  });

  it('exports the plan as a workbook with the moves, the summary and the schools', async () => {
    const r = await bureau.get(`${URL}/${plan.id}/export.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['调动名单', '概况', '各校', '各校学科']);
    const moves = wb.getWorksheet('调动名单')!;
    const ids: string[] = [];
    moves.eachRow((row, n) => {
      if (n > 4) ids.push(String(row.getCell(2).value));
    });
    expect(ids.sort()).toEqual(plan.moves.map((m) => m.teacherId).sort());
    const first = moves.getRow(5);
    const m = plan.moves.find((x) => x.teacherId === String(first.getCell(2).value))!;
    expect([first.getCell(6).value, first.getCell(8).value, first.getCell(9).value]).toEqual([m.fromName, m.toName, m.km]);
    expect(first.getCell(9).numFmt).toBe('#,##0.0');
    const summary = wb.getWorksheet('概况')!;
    const value = (label: RegExp) => {
      let v: unknown;
      summary.eachRow((row) => {
        if (label.test(String(row.getCell(1).value))) v = row.getCell(2).value;
      });
      return v;
    };
    expect(value(/^D（骨干偏离合理份额之和）交流前$/)).toBeCloseTo(D_BEFORE, 9);
    expect(value(/^D 交流后$/)).toBeCloseTo(D_BEST, 9);
    expect(value(/^差异系数 交流后$/)).toBeCloseTo(CV_BEST, 6);
    expect(value(/^已证明的间隙$/)).toBe(plan.solve.mipGap);
    expect(value(/^交流比例/)).toBe(0.1);
    const schools = wb.getWorksheet('各校')!;
    expect(schools.getRow(5).values).toEqual([undefined, A, '测试第一小学', 400, 6, 2, 2, 4, 2, 1, 0.5]);
    const en = await bureau.get(`${URL}/${plan.id}/export.xlsx?lang=en`);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['Moves', 'Summary', 'Schools', 'Subjects']);
  });

  it('re-solves a draft with pins, and names the binding rule when the rules cannot hold', async () => {
    const r0 = await bureau.upload(CREATE, FILE, '教师名单.csv');
    const draft = r0.json<ExchangePlanDetail>();
    // TA1 and TA2 must stay: only TA3 (数学, 骨干) can leave A. (3, 1, 1, 0): D = 13/11 + 1/11 + 9/11 + 5/11 = 28/11;
    // (3, 0, 2, 0) would be 13/11 + 10/11 + 2/11 + 5/11 = 30/11.
    const pins = [
      { teacherId: 'TA1', kind: 'stay' as const },
      { teacherId: 'TA2', kind: 'stay' as const },
      { teacherId: 'TA3', kind: 'not_to' as const, schoolCode: D },
    ];
    let r = await bureau.post(`${URL}/${draft.id}/solve`, { rules: { ...draft.rules, pins } });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json<ExchangePlanDetail>();
    expect(p.rules.pins).toEqual(pins);
    const v = verify(p.moves, p.rules);
    expect(v.d).toBeCloseTo(28 / 11, 9);
    expect(p.metrics.dAfter).toBeCloseTo(v.d, 9);
    expect(p.moves.map((m) => m.teacherId)).not.toContain('TA1');
    expect(p.moves.find((m) => m.teacherId === 'TA3')?.to).toBe(B);
    expect(p.edited).toBe(false);

    // Every eligible teacher must move (rate 100 %), but TE1's school is beyond 30 km of every other: 8 of the 9 have
    // a same-subject partner within 30 km, all 9 without the limit (TE1 语文 with TA1 TA2 TB1 TD1): the distance binds,
    // and the message says the rate could be lowered instead.
    r = await bureau.post(`${URL}/${draft.id}/solve`, { rules: { ...draft.rules, rate: 1 } });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ error: { code: 'infeasible' }, rule: 'max_km' });
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(
      /最远距离 30 km 内只有 8 名.*9 名符合条件教师的 100%.*不限距离时有 9 人.* \/ .*only 8 eligible.*relax the max km or lower the rate/s,
    );
    // A pin on a teacher of a school left out, or an unknown school: 400 before any solving.
    r = await bureau.post(`${URL}/${draft.id}/solve`, { rules: { ...draft.rules, pins: [{ teacherId: 'TC1', kind: 'stay' }] } });
    expect(r.statusCode).toBe(400);
    r = await bureau.post(`${URL}/${draft.id}/solve`, { rules: { ...draft.rules, pins: [{ teacherId: 'TA1', kind: 'not_to', schoolCode: F }] } });
    expect(r.statusCode).toBe(400);
    // The draft still holds the pinned solve.
    expect((await bureau.get(`${URL}/${draft.id}`)).json<ExchangePlanDetail>().rules.pins).toEqual(pins);

    // A draft can be deleted; then it is gone.
    expect((await bureau.raw('DELETE', `${URL}/${draft.id}`)).statusCode).toBe(200);
    expect((await bureau.get(`${URL}/${draft.id}`)).statusCode).toBe(404);
  }, 120_000);

  it('refuses bad files naming row and column, unknown schools, and files with no usable school; nothing is stored', async () => {
    const before = (await bureau.get(URL)).json<{ plans: unknown[] }>().plans.length;
    let r = await bureau.upload(CREATE, csv([TEACHERS[0], ['TA2', A, '语文', 1, 8, 'abc' as unknown as number], ['TA3', A, '数学', 2 as 1, 7, 38]]), 'bad.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ problems: { row: number; column: string }[] }>().problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'age'],
      [4, 'backbone'],
    ]);
    r = await bureau.upload(CREATE, csv([TEACHERS[0], ['TX9', '2133999999', '语文', 0, 8, 40]]), 'unknown.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ problems: { row: number; column: string; message: string }[] }>().problems).toEqual([
      expect.objectContaining({ row: 3, column: 'school_code', message: expect.stringContaining('2133999999') }),
    ]);
    r = await bureau.upload(CREATE, csv([TEACHERS[13], TEACHERS[14]]), 'left-out.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('no_schools');
    r = await bureau.upload(CREATE, '教师编号,学校代码\nT1,x\n', 'columns.csv');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ problems: { row: number; column: string }[] }>().problems.map((p) => p.column)).toEqual(['subject', 'backbone', 'years_at_school', 'age']);
    r = await bureau.upload(CREATE, 'not a workbook', 'teachers.xlsx');
    expect(r.statusCode).toBe(422);
    expect(r.json<{ problems: { message: string }[] }>().problems[0].message).toMatch(/不是有效的 \.xlsx 文件/);
    // Bad rules in the query: 400.
    expect((await bureau.upload(`${CREATE}&rate=1.5`, FILE, 'x.csv')).statusCode).toBe(400);
    expect((await bureau.get(URL)).json<{ plans: unknown[] }>().plans.length).toBe(before);
  }, 60_000);

  it('gives a template the upload reads as it is', async () => {
    const r = await bureau.get('/api/planning/exchange/template.xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['教师名单', '填写说明', '学校代码']);
    expect(wb.getWorksheet('教师名单')!.getRow(1).values).toEqual([undefined, '教师编号', '学校代码', '学科', '骨干', '本校任教年限', '年龄']);
    expect(wb.getWorksheet('学校代码')!.getColumn(1).values.filter(Boolean)).toEqual(['学校代码', A, B, C, D, E, F]);
    // Its two example rows (both at A, the first school) read without a bad cell; one school cannot exchange: the rate binds.
    const up = await bureau.upload(CREATE, r.rawPayload, 'template.xlsx');
    expect(up.statusCode).toBe(422);
    expect(up.json()).toMatchObject({ error: { code: 'infeasible' }, rule: 'rate' });
  });

  it('audits every change, every read of a plan and every export', async () => {
    const rows = await audit();
    const key = `exchange-plan:${plan.id}`;
    const of = rows.filter((r) => r.entity_key === key);
    expect(of.filter((r) => r.action === 'create')).toEqual([expect.objectContaining({ username: 'analyst', row_count: 15 })]);
    expect(of.filter((r) => r.action === 'update').length).toBe(3);
    expect(of.filter((r) => r.action === 'lock')).toEqual([expect.objectContaining({ username: 'analyst', row_count: 4 })]);
    // The three GETs of the plan (each with its 15 teacher rows) and the two exports.
    expect(of.filter((r) => r.action === 'read').every((r) => r.row_count === 15 && r.detail === 'GET /api/planning/exchange/plans/:id')).toBe(true);
    expect(of.filter((r) => r.action === 'read').length).toBe(3);
    expect(of.filter((r) => r.action === 'export').map((r) => r.row_count)).toEqual([4, 4]);
    // The deleted draft: created, re-solved once (the infeasible and refused solves changed nothing), deleted.
    const other = rows.filter((r) => r.entity_key !== key);
    expect(other.map((r) => r.action)).toEqual(['create', 'update', 'read', 'delete']);
    // The audit log names the plan's rows by the plan, and writes the rules out.
    const admin = await signIn(t.app, 'admin');
    const log = (await admin.get('/api/audit?entity=exchange-plan&action=create&pageSize=50')).json<{ rows: { entityKey: string; entityName: string | null; newValue: unknown }[] }>().rows;
    expect(log.find((r) => r.entityKey === key)?.entityName).toBe('2025 学年交流方案');
    // The list holds no teacher rows: not audited.
    expect(rows.filter((r) => r.detail === 'GET /api/planning/exchange/plans')).toEqual([]);
  });

  // The same teachers as the file, now as the roster of 2024 (years at the school = 2024 − since, age = 2024 − birth
  // year, 骨干 = 县级), with a 行政 at A and a 校级骨干 at B who are no candidates / no 骨干: the plan is the file's.
  const ROSTER_PLAN = `${URL}/from-roster?name=${encodeURIComponent('名册方案')}&year=2024`;
  const moveRows = async (planId: number) =>
    rowsOf(await t.database.db.execute(sql`select teacher_id, from_school, to_school, kind, start_date, end_date, created_by from teacher_moves where plan_id = ${planId} order by teacher_id`));

  it('builds a plan from the roster with the file’s optimum; locking it records its moves', async () => {
    const db = t.database.db;
    const extra: typeof TEACHERS = [
      ['TA9', A, '语文', 0, 20, 45], // 行政: not a candidate
      ['TB9', B, '数学', 0, 2, 30], //   校级骨干: not 骨干; 2 years
    ];
    await db.insert(teachers).values([...TEACHERS, ...extra].map(([id, , , , , age]) => ({ districtId: DISTRICT, teacherId: id, name: `教师${id}`, sex: '女', birthYear: 2024 - age })));
    await db.insert(teacherYears).values(
      [...TEACHERS, ...extra].map(([id, school, subject, backbone, years]) => ({
        districtId: DISTRICT,
        year: 2024,
        teacherId: id,
        schoolCode: school,
        subjects: `${subject}、科学`,
        post: id === 'TA9' ? '行政' : '专任',
        qualification: '本科',
        title: '一级',
        certified: true,
        backboneLevel: backbone ? '县' : id === 'TB9' ? '校' : null,
        schoolSince: 2024 - years,
        employment: '在编',
      })),
    );
    const personnel = await signIn(t.app, 'personnel');
    let r = await personnel.post(ROSTER_PLAN);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json<ExchangePlanDetail>();
    expect(p).toMatchObject({ source: 'roster', status: 'draft', name: '名册方案' });
    expect(p.fileName).toMatch(/^教师名册 2024–2025 学年/);
    // 16 candidates (TA9 out): the 15 of the file and TB9; the same schools left out; the same optimum D = 10/11.
    expect(p.teachers).toHaveLength(16);
    expect(p.teachers.find((x) => x.teacherId === 'TB9')).toMatchObject({ backbone: false, yearsAtSchool: 2, age: 30, subject: '数学' });
    expect(p.excluded.map((e) => e.schoolCode)).toEqual([C, F]);
    const v = verify(p.moves, p.rules);
    expect(v.d).toBeCloseTo(D_BEST, 9);
    expect(p.metrics).toMatchObject({ eligible: 9, movers: 4, backboneMovers: 2 });
    expect(p.violations).toEqual([]);
    expect((await personnel.get(URL)).json<{ plans: { id: number; source: string }[] }>().plans.find((x) => x.id === p.id)?.source).toBe('roster');

    r = await personnel.post(`${URL}/${p.id}/lock`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: p.id, status: 'locked', lockedBy: 'personnel', source: 'roster', recordedMoves: 4 });
    expect(r.json<{ recordNote: string }>().recordNote).toMatch(/已写入交流记录：4 条交流轮岗（2025-09-01 起） \/ recorded in the moves: 4 rotations/);
    // The moves as the plan has them: 交流轮岗 from 2025-09-01 (the school year after the plan's students), open-ended.
    expect(await moveRows(p.id)).toEqual(
      [...p.moves]
        .sort((a, b) => (a.teacherId < b.teacherId ? -1 : 1))
        .map((m) => ({ teacher_id: m.teacherId, from_school: m.from, to_school: m.to, kind: '交流轮岗', start_date: '2025-09-01', end_date: null, created_by: 'personnel' })),
    );
    expect(rowsOf(await db.execute(sql`select action, entity_key, row_count from audit_log where entity = 'teacher-move'`))).toEqual([
      { action: 'create', entity_key: `exchange-plan:${p.id}`, row_count: 4 },
    ]);
    // The yearly rules of 2025 see them: eligible in the roster of 2024 are the plan's 9 and TC1, TF1 (the rules need
    // no place or students) = 11; 4 movers (4/11 ≥ 10 %), 2 骨干 (2/4 ≥ 20 %).
    const rules = (await personnel.get('/api/teachers/moves/rules?year=2025')).json<{ district: Record<string, unknown> }>();
    expect(rules.district).toMatchObject({ eligible: 11, movers: 4, backboneMovers: 2, rateMet: true, backboneMet: true });
  }, 120_000);

  it('locks a roster plan and records its moves in one transaction: both or neither', async () => {
    const personnel = await signIn(t.app, 'personnel');
    const p = (await personnel.post(ROSTER_PLAN)).json<ExchangePlanDetail>();
    expect(p.moves.length).toBeGreaterThan(0);
    // One mover leaves the person table meanwhile: the moves cannot be recorded, so the plan is not locked either.
    const gone = p.moves[0].teacherId;
    await t.database.db.execute(sql`delete from teachers where teacher_id = ${gone}`);
    let r = await personnel.post(`${URL}/${p.id}/lock`);
    expect(r.statusCode).toBe(409);
    expect(r.json<{ error: { message: string } }>().error.message).toContain(gone);
    expect((await personnel.get(`${URL}/${p.id}`)).json<ExchangePlanDetail>().status).toBe('draft');
    expect(await moveRows(p.id)).toEqual([]);
    // Without a roster of the year: 422 naming it.
    r = await personnel.post(`${URL}/from-roster?name=x&year=2023`);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ error: { code: 'no_roster' } });
  }, 120_000);
});

function byTeacher(id: string) {
  return TEACHERS.find((t) => t[0] === id)!;
}
