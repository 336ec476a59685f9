// Teachers' moves (交流轮岗 / 支教 / 调动) through the API on a small district worked out by hand: moves recorded by hand
// with each check named, the list scoped to a clerk's own school and audited, deleting only hand-entered moves, the
// yearly rules from the roster and the moves (public schools only), and the roster as the exchange optimiser's
// teachers.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, SCHOOL_A, SCHOOL_B, SCHOOL_C, schoolFixture, signIn, testApp } from '../helpers.js';
import { insertSchool } from '../../src/registry/store.js';
import { teachers, teacherYears } from '../../src/teachers/schema.js';
import type { ExchangeRulesWire, TeacherMoveRow } from '../../src/teachers/moves/contract.js';

const A = SCHOOL_A.code;
const B = SCHOOL_B.code;
const C = SCHOOL_C.code;
const P = '2133000009'; // 民办: outside the rotation
const X = '2133000008'; // public, closed

type Row = { id: string; school: string; year: number; since?: number; birth?: number; post?: '专任' | '行政'; level?: '县' | '市' | '校' | null };
// The roster of 2024 (eligible for 2025: 专任, 2024 − since ≥ 6, 2024 − birth < 55) marked *:
//   A: TA01–TA10 * (TA01 县级骨干), TA11 行政, TA12 since 2020 (4 years)       → 10 eligible
//   B: TB01–TB05 * (TB01 市级骨干), TB06 born 1969 (55)                          → 5 eligible
//   C: TC01, TC02 since 2022                                                     → 0 eligible
//   P (民办): TP01–TP03 * — not counted, not candidates
// The roster of 2025: TA02 still at A, TA01 at B.
const ROSTER: Row[] = [
  ...Array.from({ length: 10 }, (_, i) => ({ id: `TA${String(i + 1).padStart(2, '0')}`, school: A, year: 2024, level: i === 0 ? ('县' as const) : null })),
  { id: 'TA11', school: A, year: 2024, post: '行政' },
  { id: 'TA12', school: A, year: 2024, since: 2020 },
  ...Array.from({ length: 5 }, (_, i) => ({ id: `TB0${i + 1}`, school: B, year: 2024, level: i === 0 ? ('市' as const) : null })),
  { id: 'TB06', school: B, year: 2024, birth: 1969 },
  { id: 'TC01', school: C, year: 2024, since: 2022 },
  { id: 'TC02', school: C, year: 2024, since: 2022 },
  ...['TP01', 'TP02', 'TP03'].map((id) => ({ id, school: P, year: 2024 })),
  { id: 'TA02', school: A, year: 2025 },
  { id: 'TA01', school: B, year: 2025, level: '县' },
];
const NAME: Record<string, string> = { TA01: '王一', TA02: '李二', TA03: '张三', TB01: '赵四' };
const nameOf = (id: string) => NAME[id] ?? `教师${id}`;

const URL = '/api/teachers/moves';
const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;
const move = (o: Record<string, unknown>) => ({ kind: '交流轮岗', startDate: '2025-09-01', ...o });

describe('teachers: moves', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let personnel: Awaited<ReturnType<typeof signIn>>;
  let handIds: Record<string, number>;
  let planMoveId: number;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    await insertSchool(db, schoolFixture(P, '测试民办学校', '小学', { ownership: '民办' }));
    await insertSchool(db, schoolFixture(X, '测试已撤并小学', '小学', { isOpen: false }));
    const ids = [...new Set(ROSTER.map((r) => r.id))];
    await db.insert(teachers).values(ids.map((id) => ({ districtId: DISTRICT, teacherId: id, name: nameOf(id), sex: '女', birthYear: ROSTER.find((r) => r.id === id)!.birth ?? 1980 })));
    await db.insert(teacherYears).values(
      ROSTER.map((r) => ({
        districtId: DISTRICT,
        year: r.year,
        teacherId: r.id,
        schoolCode: r.school,
        subjects: r.id === 'TA01' ? '数学、科学' : '语文',
        post: r.post ?? '专任',
        qualification: '本科',
        title: '一级',
        certified: true,
        backboneLevel: r.level ?? null,
        schoolSince: r.since ?? 2010,
        employment: '在编',
      })),
    );
    personnel = await signIn(t.app, 'personnel');
  }, 60_000);
  afterAll(async () => t?.close());

  const audit = async (entity: string) => rowsOf(await t.database.db.execute(sql`select username, action, entity_key, row_count, detail from audit_log where entity = ${entity} order by id`));

  it('records moves by hand after checking the roster, the registry and the dates', async () => {
    handIds = {};
    for (const [key, body] of Object.entries({
      // From A, TA01's school in the 2024 roster (the year before school year 2025).
      TA01: move({ teacherId: 'TA01', fromSchool: A, toSchool: B, endDate: '2028-08-31', note: '县域交流' }),
      TA03: move({ teacherId: 'TA03', fromSchool: A, toSchool: C, kind: '支教', startDate: '2025-10-01', endDate: '2026-01-31' }),
      // School year 2024 (start 2024-09-01): rosters 2023 and 2024 — TA04 at A in 2024.
      TA04: move({ teacherId: 'TA04', fromSchool: A, toSchool: B, startDate: '2024-09-01' }),
      TP01: move({ teacherId: 'TP01', fromSchool: P, toSchool: A }),
    })) {
      const r = await personnel.post(URL, body);
      expect(r.statusCode, r.body).toBe(200);
      handIds[key] = r.json<TeacherMoveRow>().id;
    }
    const r = await personnel.get(`${URL}?teacher=TA01`);
    expect(r.json<{ moves: TeacherMoveRow[] }>().moves).toEqual([
      expect.objectContaining({
        teacherId: 'TA01',
        teacherName: '王一',
        fromSchool: A,
        fromName: SCHOOL_A.name,
        toSchool: B,
        toName: SCHOOL_B.name,
        kind: '交流轮岗',
        startDate: '2025-09-01',
        endDate: '2028-08-31',
        schoolYear: 2025,
        planId: null,
        note: '县域交流',
        createdBy: 'personnel',
      }),
    ]);
    const rows = await audit('teacher-move');
    expect(rows.map((x) => [x.action, x.entity_key, x.username])).toEqual(Object.values(handIds).map((id) => ['create', `teacher-move:${id}`, 'personnel']));
  });

  it('names every problem of a move by its field and stores nothing', async () => {
    const before = (await personnel.get(URL)).json<{ moves: unknown[] }>().moves.length;
    const problems = async (body: Record<string, unknown>) => {
      const r = await personnel.post(URL, body);
      expect(r.statusCode, r.body).toBe(422);
      return r.json<{ problems: { field: string; reason: string }[] }>().problems;
    };
    expect(await problems(move({ teacherId: 'T999999', fromSchool: A, toSchool: B }))).toEqual([{ field: 'body.teacherId', reason: expect.stringContaining('T999999 不在教师名册中') }]);
    // TA05 was at A in 2024 (and has no 2025 row): leaving B is refused, naming A.
    const [wrongFrom] = await problems(move({ teacherId: 'TA05', fromSchool: B, toSchool: C }));
    expect(wrongFrom).toEqual({ field: 'body.fromSchool', reason: expect.stringContaining(`2024–2025：${SCHOOL_A.name}（${A}）`) });
    // TA01 was at A in 2024 and at B in 2025: both are accepted as the school left in school year 2025 …
    expect((await problems(move({ teacherId: 'TA01', fromSchool: B, toSchool: B }))).map((p) => p.field)).toEqual(['body.toSchool']);
    // … but a move of school year 2027 finds neither roster.
    expect((await problems(move({ teacherId: 'TA01', fromSchool: A, toSchool: C, startDate: '2027-09-01' }))).map((p) => p.field)).toEqual(['body.fromSchool']);
    expect((await problems(move({ teacherId: 'TA02', fromSchool: A, toSchool: '2133999999' }))).map((p) => p.field)).toEqual(['body.toSchool']);
    expect((await problems(move({ teacherId: 'TA02', fromSchool: A, toSchool: B, endDate: '2025-08-31' }))).map((p) => p.field)).toEqual(['body.endDate']);
    expect((await problems(move({ teacherId: 'TA02', fromSchool: A, toSchool: B, startDate: '2025-09-31' }))).map((p) => p.field)).toEqual(['body.startDate']);
    // Not a date at all, or an unknown kind: the contract refuses (400).
    expect((await personnel.post(URL, move({ teacherId: 'TA02', fromSchool: A, toSchool: B, startDate: '2025/09/01' }))).statusCode).toBe(400);
    expect((await personnel.post(URL, move({ teacherId: 'TA02', fromSchool: A, toSchool: B, kind: '借调' }))).statusCode).toBe(400);
    expect((await personnel.get(URL)).json<{ moves: unknown[] }>().moves).toHaveLength(before);
  });

  it('records a locked plan’s moves from 1 September of the year after the plan’s', async () => {
    const n = await t.app.services.moves.recordPlanMoves(
      t.database.db,
      DISTRICT,
      77,
      2024,
      [
        { teacherId: 'TB01', from: B, to: A },
        { teacherId: 'TB02', from: B, to: C },
      ],
      'analyst',
    );
    expect(n).toBe(2);
    const moves = (await personnel.get(`${URL}?kind=${encodeURIComponent('交流轮岗')}&year=2025&school=${C}`)).json<{ moves: TeacherMoveRow[] }>().moves;
    expect(moves.map((m) => [m.teacherId, m.planId, m.startDate, m.endDate, m.createdBy])).toEqual([['TB02', 77, '2025-09-01', null, 'analyst']]);
    planMoveId = moves[0].id;
    expect((await audit('teacher-move')).at(-1)).toMatchObject({ action: 'create', entity_key: 'exchange-plan:77', row_count: 2, username: 'analyst' });
    // A teacher unknown to the person table: refused, nothing written.
    await expect(t.app.services.moves.recordPlanMoves(t.database.db, DISTRICT, 78, 2024, [{ teacherId: 'NOPE', from: A, to: B }], 'analyst')).rejects.toMatchObject({ status: 409 });
  });

  it('refuses a locked plan’s moves when a mover is no longer on the plan year’s roster at the school left (nothing written)', async () => {
    const planMoves = async () => rowsOf(await t.database.db.execute(sql`select teacher_id from teacher_moves where plan_id in (79, 80, 81)`));
    // 2024 roster: TB03 at B (fine); TA05 at A, not B; NOPE nowhere. 2025 roster: TA01 at B, no longer at A.
    const err = await t.app.services.moves
      .recordPlanMoves(
        t.database.db,
        DISTRICT,
        79,
        2024,
        [
          { teacherId: 'TB03', from: B, to: A },
          { teacherId: 'TA05', from: B, to: C },
          { teacherId: 'NOPE', from: A, to: C },
        ],
        'analyst',
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, extra: { teachers: ['TA05', 'NOPE'] } });
    expect((err as Error).message).toContain('TA05、NOPE');
    expect((err as Error).message).not.toContain('TB03');
    await expect(t.app.services.moves.recordPlanMoves(t.database.db, DISTRICT, 80, 2025, [{ teacherId: 'TA01', from: A, to: C }], 'analyst')).rejects.toMatchObject({
      status: 409,
      extra: { teachers: ['TA01'] },
    });
    // The lock and the moves are one transaction: a refusal rolls back what the same transaction wrote before it.
    await expect(
      t.database.db.transaction(async (tx) => {
        await t.app.services.moves.recordPlanMoves(tx, DISTRICT, 81, 2025, [{ teacherId: 'TA02', from: A, to: B }], 'analyst');
        await t.app.services.moves.recordPlanMoves(tx, DISTRICT, 81, 2025, [{ teacherId: 'TA03', from: A, to: B }], 'analyst');
      }),
    ).rejects.toMatchObject({ status: 409, extra: { teachers: ['TA03'] } });
    expect(await planMoves()).toEqual([]);
  });

  it('lists the moves with filters; a clerk sees those from or to the own school; every read audited', async () => {
    const ids = async (who: Awaited<ReturnType<typeof signIn>>, q = '') => {
      const r = await who.get(`${URL}${q}`);
      expect(r.statusCode, r.body).toBe(200);
      return r
        .json<{ moves: TeacherMoveRow[] }>()
        .moves.map((m) => m.teacherId)
        .sort();
    };
    // Six moves: TA01 A→B, TA03 A→C (支教), TA04 A→B (2024), TP01 P→A, TB01 B→A, TB02 B→C (the plan's).
    expect(await ids(personnel)).toEqual(['TA01', 'TA03', 'TA04', 'TB01', 'TB02', 'TP01']);
    expect(await ids(personnel, '?year=2025')).toEqual(['TA01', 'TA03', 'TB01', 'TB02', 'TP01']);
    expect(await ids(personnel, '?year=2024')).toEqual(['TA04']);
    expect(await ids(personnel, `?kind=${encodeURIComponent('支教')}`)).toEqual(['TA03']);
    expect(await ids(personnel, `?school=${C}`)).toEqual(['TA03', 'TB02']);
    expect(await ids(personnel, `?teacher=${encodeURIComponent('赵')}`)).toEqual(['TB01']);
    const clerkA = await signIn(t.app, 'clerkA');
    expect(await ids(clerkA)).toEqual(['TA01', 'TA03', 'TA04', 'TB01', 'TP01']);
    expect(await ids(clerkA, `?school=${A}&year=2024`)).toEqual(['TA04']);
    expect((await clerkA.get(`${URL}?school=${B}`)).statusCode).toBe(403);
    const clerkB = await signIn(t.app, 'clerkB');
    expect(await ids(clerkB)).toEqual(['TA01', 'TA04', 'TB01', 'TB02']);
    const reads = await audit('teacher-moves');
    expect(reads.filter((r) => r.username === 'clerkA').map((r) => [r.entity_key, r.row_count])).toEqual([
      [`teacher-moves:all/school:${A}`, 5],
      [`teacher-moves:2024/school:${A}`, 1],
    ]);
    expect(reads.find((r) => r.username === 'personnel' && r.entity_key === 'teacher-moves:all/school:all')).toMatchObject({ action: 'read', detail: 'GET /api/teachers/moves' });
  });

  it('deletes only moves entered by hand', async () => {
    let r = await personnel.raw('DELETE', `${URL}/${planMoveId}`);
    expect(r.statusCode).toBe(409);
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(/交流方案 77.*exchange plan 77/);
    r = await personnel.raw('DELETE', `${URL}/${handIds.TA04}`);
    expect(r.statusCode, r.body).toBe(200);
    expect((await personnel.raw('DELETE', `${URL}/${handIds.TA04}`)).statusCode).toBe(404);
    expect((await personnel.get(`${URL}?year=2024`)).json<{ moves: unknown[] }>().moves).toEqual([]);
    expect((await audit('teacher-move')).at(-1)).toMatchObject({ action: 'delete', entity_key: `teacher-move:${handIds.TA04}`, username: 'personnel' });
  });

  it('gives one school’s teachers of the rosters of Y − 1 and Y to choose from (audited)', async () => {
    const r = await personnel.get(`${URL}/teachers?school=${A}&year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json<{ teachers: { teacherId: string; year: number; subject: string }[] }>().teachers;
    // A in 2025: TA02; in 2024: TA01–TA12 (TA02 once).
    expect(list.map((x) => x.teacherId).sort()).toEqual(['TA01', 'TA02', 'TA03', 'TA04', 'TA05', 'TA06', 'TA07', 'TA08', 'TA09', 'TA10', 'TA11', 'TA12']);
    expect(list.find((x) => x.teacherId === 'TA01')).toMatchObject({ year: 2024, subject: '数学' });
    expect(list.find((x) => x.teacherId === 'TA02')).toMatchObject({ year: 2025 });
    expect((await audit('teacher-options')).at(-1)).toMatchObject({ action: 'read', entity_key: `teachers:2025/school:${A}`, row_count: 12 });
  });

  it('computes the yearly rules from the roster of the year before and the moves, per school in scope', async () => {
    // 2025: A 10 eligible, 1 mover (TA01, 县) → 10 % met, 骨干 1/1 met (TA03's 支教 does not count);
    //       B 5 eligible, 2 movers (TB01 市, TB02) → 40 % met, 骨干 1/2 = 50 % met;
    //       C nobody eligible → rate null. 民办 P (TP01's move, its teachers) and the closed X are not listed.
    //       District: 15 eligible, 3 movers (20 % met), 2 骨干 (66.7 % met).
    const r = await personnel.get(`${URL}/rules?year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const rules = r.json<ExchangeRulesWire>();
    expect(rules.targets).toMatchObject({ id: 'teacher-targets-v1', rate: 0.1, backboneShare: 0.2, minYears: 6, maxAge: 55 });
    expect(rules.targets.source).toContain('教师〔2014〕4号');
    expect([rules.year, rules.rosterYear, rules.rosterMissing]).toEqual([2025, 2024, false]);
    const pick = (x: ExchangeRulesWire['district']) => [x.schoolCode, x.eligible, x.allMovers, x.movers, x.backboneMovers, x.rate, x.rateMet, x.backboneShare, x.backboneMet];
    expect(rules.schools.map(pick)).toEqual([
      [A, 10, 1, 1, 1, 0.1, true, 1, true],
      [B, 5, 2, 2, 1, 0.4, true, 0.5, true],
      [C, 0, 0, 0, 0, null, null, null, null],
    ]);
    expect(pick(rules.district)).toEqual([null, 15, 3, 3, 2, 0.2, true, 2 / 3, true]);
    expect(rules.schools[0].schoolName).toBe(SCHOOL_A.name);
    // Scope: a clerk the own school, the inspector the assigned one, the viewer every school; the district row for all.
    for (const [who, codes] of [
      ['clerkA', [A]],
      ['inspector', [B]],
      ['viewer', [A, B, C]],
      ['analyst', [A, B, C]],
    ] as const) {
      const x = (await (await signIn(t.app, who)).get(`${URL}/rules?year=2025`)).json<ExchangeRulesWire>();
      expect(
        x.schools.map((s) => s.schoolCode),
        who,
      ).toEqual(codes);
      expect(x.district.eligible, who).toBe(15);
    }
    // No roster of 2026: said so; C's and B's rows are there without a roster.
    const missing = (await personnel.get(`${URL}/rules?year=2027`)).json<ExchangeRulesWire>();
    expect(missing.rosterMissing).toBe(true);
    expect(missing.schools.every((s) => !s.roster && s.eligible === 0 && s.rate === null)).toBe(true);
  });

  it('gives the roster of a year as the exchange optimiser’s teachers: 专任 of the public open schools', async () => {
    const c = await t.app.services.moves.exchangeCandidates(DISTRICT, 2024);
    // A: TA01–TA10, TA12 (TA11 行政 out); B: TB01–TB06; C: TC01, TC02; P (民办) out → 19.
    expect(c).toHaveLength(19);
    expect(c.find((x) => x.teacherId === 'TA01')).toEqual({ teacherId: 'TA01', schoolCode: A, subject: '数学', backbone: true, yearsAtSchool: 14, age: 44 });
    expect(c.find((x) => x.teacherId === 'TB06')).toEqual({ teacherId: 'TB06', schoolCode: B, subject: '语文', backbone: false, yearsAtSchool: 14, age: 55 });
    expect(c.find((x) => x.teacherId === 'TC01')).toMatchObject({ yearsAtSchool: 2 });
    expect(c.some((x) => x.schoolCode === P || x.teacherId === 'TA11')).toBe(false);
    // In 2025 TA01 is at B.
    expect(await t.app.services.moves.exchangeCandidates(DISTRICT, 2025)).toEqual([
      { teacherId: 'TA01', schoolCode: B, subject: '数学', backbone: true, yearsAtSchool: 15, age: 45 },
      { teacherId: 'TA02', schoolCode: A, subject: '语文', backbone: false, yearsAtSchool: 15, age: 45 },
    ]);
  });
});
