// Retention of pupil-level health rows through the API, on fitness results (the kind this test purges; vision and
// homework have no rows here, so the purge finds nothing of theirs): the setting (audited), the preview (counts from
// a rolled-back run: nothing removed), the purge (tallies stored and rows removed in one transaction, audited), and
// the reports of the purged year — for every caller, identical to what they were before the purge, with small
// cells withheld the same way. A later import of one school into the purged year reads that school from its rows
// and the others from the stored tallies.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';

const A = '2133000001';
const C = '2133000003';
const HEAD = '学籍号,学校代码,年级,性别,身高(cm),体重(kg),肺活量,50米跑,坐位体前屈,1分钟跳绳,1分钟仰卧起坐,立定跳远,引体向上,1000米跑,800米跑';
// The pupils of test/api/wellbeing.test.ts (scores worked out there): school A grade 3 (boys A01–A03, girls A04–A06,
// A06 open) and school C grade 8 (boys C01–C03, girls C04–C05) and grade 7 (C06, open): 12 pupils in
// 5 groups of school × grade × sex (A 3 M, A 3 F, C 7 M, C 8 M, C 8 F).
const ROWS_A = [
  `A01,${A},3,男,135,30,2300,9.1,16.3,130,48,,,,`,
  `A02,${A},3,男,135,30,1700,9.5,10.2,104,36,,,,`,
  `A03,${A},3,男,135,30,900,11.5,-0.8,34,16,,,,`,
  `A04,${A},3,女,135,30,780,12.2,1.4,36,14,,,,`,
  `A05,${A},3,女,130,36,1800,9.2,19.2,139,46,,,,`,
  `A06,${A},3,女,135,30,1800,9.2,19.2,139,,,,,`,
];
const ROWS_C = [
  `C01,${C},8,男,170,60,3940,7.5,19.6,,,240,14,3'50",`,
  `C02,${C},8,男,170,60,3200,7.9,11.6,,,210,10,4分15秒,`,
  `C03,${C},8,男,170,66,2000,9.9,-1.4,,,170,5,305,`,
  `C04,${C},8,女,160,50,2500,8.8,15.9,,41,174,,,4'00"`,
  `C05,${C},8,女,160,50,1460,11.0,2.1,,19,139,,,5'00"`,
  `C06,${C},7,男,165,50,3000,8.0,10,,,200,5,,`,
];
const csv = (rows: string[]) => Buffer.from([HEAD, ...rows].join('\n') + '\n');

const rowsOf = (x: unknown) => (x as { rows?: Record<string, unknown>[] }).rows ?? (x as Record<string, unknown>[]);
const USERS = ['admin', 'analyst', 'clerkA', 'clerkB', 'inspector', 'viewer', 'health'] as const;

describe('retention of pupil-level health rows', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let boss: Awaited<ReturnType<typeof signIn>>;
  const before: Record<string, unknown> = {};
  const count = async (q: ReturnType<typeof sql>) => Number(rowsOf(await t.database.db.execute(q))[0].n);
  /** Every user's report of 2023, with the item figures of the district and of school C, and the trend. */
  const reports = async () => {
    const out: Record<string, unknown> = {};
    for (const u of USERS) {
      const c = await signIn(t.app, u);
      out[u] = (await c.get('/api/wellbeing/fitness/report?year=2023')).json();
      if (u === 'health' || u === 'viewer') out[`${u}-C`] = (await c.get(`/api/wellbeing/fitness/report?year=2023&school=${C}`)).json();
    }
    return out;
  };
  const withoutPurged = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...(v as object), purgedSchools: undefined }]));

  beforeAll(async () => {
    t = await testApp();
    boss = await signIn(t.app, 'health');
    for (const year of [2023, 2024]) expect((await boss.upload(`/api/wellbeing/fitness/import?year=${year}`, csv([...ROWS_A, ...ROWS_C]), 'fit.csv')).statusCode).toBe(200);
    Object.assign(before, await reports());
  }, 120_000);
  afterAll(async () => t?.close());

  it('keeps everything until a retention is set', async () => {
    expect((await boss.get('/api/wellbeing/retention')).json()).toEqual({ retentionYears: null, updatedBy: null, updatedAt: null });
    const p = (await boss.get('/api/wellbeing/retention/preview')).json();
    expect(p).toMatchObject({ retentionYears: null, referenceYear: 2024, keepFrom: null });
    expect(p.kinds.find((k: { kind: string }) => k.kind === 'fitness')).toEqual({ kind: 'fitness', purge: [], kept: [2024, 2023], purged: [] });
    const r = await boss.post('/api/wellbeing/retention/purge', { retentionYears: 1 });
    expect([r.statusCode, r.json().error.code]).toEqual([409, 'no_retention']);
  });

  it('previews a setting with the counts a purge would have, and removes nothing', async () => {
    // 1 school year kept: the reference is 2024 (the latest year of the data) → 2023 goes: 12 rows, 5 tallies.
    const p = (await boss.get('/api/wellbeing/retention/preview?years=1')).json();
    expect(p).toMatchObject({ retentionYears: 1, referenceYear: 2024, keepFrom: 2024 });
    expect(p.kinds).toEqual([
      { kind: 'fitness', purge: [{ year: 2023, pupilRows: 12, tallies: 5 }], kept: [2024], purged: [] },
      { kind: 'vision', purge: [], kept: [], purged: [] },
      { kind: 'burden', purge: [], kept: [], purged: [] },
    ]);
    // 2 years kept: nothing to purge.
    expect((await boss.get('/api/wellbeing/retention/preview?years=2')).json().kinds[0].purge).toEqual([]);
    expect(await count(sql`select count(*)::int as n from fitness_results`)).toBe(24);
    expect(await count(sql`select count(*)::int as n from wellbeing_tallies`)).toBe(0);
  });

  it('saves the setting, audited', async () => {
    const r = await boss.put('/api/wellbeing/retention', { retentionYears: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ retentionYears: 1, updatedBy: 'health' });
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity, field, old_value, new_value from audit_log where entity = 'wellbeing-retention'`));
    expect(audit.map((a) => [a.username, a.action, a.field, a.old_value, a.new_value])).toEqual([['health', 'update', 'retentionYears', null, 1]]);
    expect((await boss.put('/api/wellbeing/retention', { retentionYears: 0 })).statusCode).toBe(400);
  });

  it('refuses a purge confirmed for another setting than the saved one', async () => {
    const r = await boss.post('/api/wellbeing/retention/purge', { retentionYears: 2 });
    expect([r.statusCode, r.json().error.code]).toEqual([409, 'retention_changed']);
    expect(await count(sql`select count(*)::int as n from fitness_results`)).toBe(24);
  });

  it('purges the year past the setting: tallies kept, rows removed, audited', async () => {
    const r = await boss.post('/api/wellbeing/retention/purge', { retentionYears: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ retentionYears: 1, referenceYear: 2024, purged: [{ kind: 'fitness', year: 2023, pupilRows: 12, tallies: 5 }] });
    expect(await count(sql`select count(*)::int as n from fitness_results where year = 2023`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from fitness_results where year = 2024`)).toBe(12);
    const tallies = rowsOf(await t.database.db.execute(sql`select kind, year, school_code, grade, sex from wellbeing_tallies order by school_code, grade, sex`));
    expect(tallies.map((x) => [x.kind, x.year, x.school_code, x.grade, x.sex])).toEqual([
      ['fitness', 2023, A, 3, 'F'],
      ['fitness', 2023, A, 3, 'M'],
      ['fitness', 2023, C, 7, 'M'],
      ['fitness', 2023, C, 8, 'F'],
      ['fitness', 2023, C, 8, 'M'],
    ]);
    const audit = rowsOf(await t.database.db.execute(sql`select username, action, entity_key, row_count from audit_log where entity = 'wellbeing-pupil-rows'`));
    expect(audit.map((a) => [a.username, a.action, a.entity_key, a.row_count])).toEqual([['health', 'delete', 'fitness:2023', 12]]);
    // The pupil rows of 2023 are gone for everyone.
    expect((await boss.get(`/api/wellbeing/fitness/schools/${A}/students?year=2023`)).json().students).toEqual([]);
    // Nothing more is due.
    expect((await boss.post('/api/wellbeing/retention/purge', { retentionYears: 1 })).json().purged).toEqual([]);
    const p = (await boss.get('/api/wellbeing/retention/preview')).json();
    expect(p.kinds[0]).toEqual({ kind: 'fitness', purge: [], kept: [2024], purged: [2023] });
  });

  it('reports the purged year exactly as before, for every caller', async () => {
    const after = await reports();
    expect(withoutPurged(after)).toEqual(withoutPurged(before));
    expect((after.health as { purgedSchools: string[] }).purgedSchools).toEqual([A, C]);
    // The clerk of A is told only of the own school.
    expect((after.clerkA as { purgedSchools: string[] }).purgedSchools).toEqual([A]);
    // Figures worked out in test/api/wellbeing.test.ts: the district 8 of 10 pass, mean 78.9.
    expect((after.health as { cells: { school: string | null; grade: number | null; passRate: number; meanTotal: number }[] }).cells.find((c) => c.school === null && c.grade === null)).toMatchObject({
      passRate: 0.8,
      meanTotal: 78.9,
    });
  });

  it('reads a school re-imported into a purged year from its rows, the others from the tallies, and keeps them at the next purge', async () => {
    expect((await boss.upload('/api/wellbeing/fitness/import?year=2023', csv(ROWS_A), 'a.csv')).statusCode).toBe(200);
    const mixed = await reports();
    expect(withoutPurged(mixed)).toEqual(withoutPurged(before));
    expect((mixed.health as { purgedSchools: string[] }).purgedSchools).toEqual([C]);
    // The next purge tallies A's rows again and keeps C's stored tallies.
    expect((await boss.post('/api/wellbeing/retention/purge', { retentionYears: 1 })).json().purged).toEqual([{ kind: 'fitness', year: 2023, pupilRows: 6, tallies: 5 }]);
    expect(withoutPurged(await reports())).toEqual(withoutPurged(before));
  });

  it('offers purgeDue for the server start: nothing when nothing is due', async () => {
    const services = (t.app as unknown as { services: { retention: { purgeDue(d: string, a?: string): Promise<unknown> } } }).services;
    expect(await services.retention.purgeDue('990001')).toEqual({ retentionYears: 1, referenceYear: 2024, purged: [] });
  });
});
