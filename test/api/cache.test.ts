// The response cache (issue 10, item 16): the overview, the balance evaluation and the exam report are answered
// from memory while the data they read is unchanged; every write that changes them — through the API, an import,
// or straight into the database as the CLI in another process would — refreshes them; callers who see different
// things (role, own school, assigned schools) never share an answer; the health probe reads no session.
// Expected figures are worked out by hand from the fixtures (comments).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { DISTRICT, PASSWORD, SCHOOL_A, SCHOOL_B, freshDatabase, sampleRecord, signIn, testApp } from '../helpers.js';
import { Lru } from '../../src/core/cache/lru.js';
import { ResponseCache, cacheEnabled } from '../../src/core/cache/response-cache.js';
import { DataVersions } from '../../src/core/cache/versions.js';
import { ensureDistrict } from '../../src/registry/store.js';
import { createAuthService } from '../../src/server.js';
import type { Database } from '../../src/core/db/index.js';

let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(async () => t.close());

const cacheOf = (r: { headers: Record<string, unknown> }) => r.headers['x-cache'];

/** Runs SQL as another process would: its own connection on PostgreSQL; PGlite has one connection (and one process). */
async function otherProcessWrite(database: Database, statement: string) {
  const url = database.kind === 'postgresql' ? (database.db as unknown as { $client: pg.Pool }).$client.options.connectionString : null;
  if (database.kind === 'postgresql' && !url) throw new Error('no connection string');
  if (!url) return void (await database.db.execute(sql.raw(statement)));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(statement);
  await c.end();
}

describe('the overview', () => {
  it('is answered from the cache until a figure changes; the edit, submission and approval each refresh it', async () => {
    const url = '/api/overview?year=2024';
    const first = await admin.get(url);
    expect(first.statusCode, first.body).toBe(200);
    expect(cacheOf(first)).toBe('miss');
    const again = await admin.get(url);
    expect(cacheOf(again)).toBe('hit');
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    // A browser asking for gzip gets the same JSON compressed.
    const gz = await admin.raw('GET', url, undefined, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(first.json().students).toBe(0);

    const clerk = await signIn(t.app, 'clerkA');
    const stats = `/api/schools/${SCHOOL_A.code}/stats/2024`;
    expect((await clerk.put(stats, sampleRecord())).statusCode).toBe(200);
    const afterEdit = await admin.get(url);
    expect(cacheOf(afterEdit)).toBe('miss');
    expect((await clerk.post(`${stats}/submit`)).statusCode).toBe(200);
    expect(cacheOf(await admin.get(url))).toBe('miss');
    expect(cacheOf(await admin.get(url))).toBe('hit');
    expect((await admin.post(`${stats}/approve`)).statusCode).toBe(200);
    const approved = await admin.get(url);
    expect(cacheOf(approved)).toBe('miss');
    // sampleRecord: grade 1 has 90 pupils, grade 2 has 44 → 134 pupils in 3 classes (45 + 45 + 44).
    expect(approved.json()).toMatchObject({ students: 134, classes: 3 });
  });

  it('a write straight into the database (the CLI in another process) refreshes it', async () => {
    const url = '/api/overview?year=2024';
    await admin.get(url);
    expect(cacheOf(await admin.get(url))).toBe('hit');
    // Drop the class of 44 (grade 2): 2 classes left.
    await otherProcessWrite(t.database, `delete from school_classes where district_id = '${DISTRICT}' and school_code = '${SCHOOL_A.code}' and grade = 2`);
    const r = await admin.get(url);
    expect(cacheOf(r)).toBe('miss');
    expect(r.json().classes).toBe(2);
    expect(cacheOf(await admin.get(url))).toBe('hit');
  });

  it('is not shared between callers who see different schools, nor between roles', async () => {
    const url = '/api/overview?year=2024';
    // A new data version: nobody has an answer cached yet.
    await t.database.db.execute(sql`update districts set name = name where district_id = ${DISTRICT}`);
    const users = ['admin', 'analyst', 'clerkA', 'clerkB', 'inspector', 'viewer'];
    const clients = await Promise.all(users.map((u) => signIn(t.app, u)));
    const firsts = [];
    for (const c of clients) {
      const r = await c.get(url);
      expect(r.statusCode, r.body).toBe(200);
      // Each caller's first request is computed for them, even though others asked the same URL before.
      expect(cacheOf(r)).toBe('miss');
      firsts.push(r);
    }
    // School A reports 134 pupils, school B nothing: the clerk of B sees none of A's pupils.
    expect(firsts[users.indexOf('clerkA')].json().students).toBe(134);
    expect(firsts[users.indexOf('clerkB')].json().students).toBe(0);
    for (const c of clients) expect(cacheOf(await c.get(url))).toBe('hit');
    // A second inspector with other assigned schools gets their own answer; one with the same gets the shared one.
    const setup = { districtId: DISTRICT, username: 'setup' };
    await t.app.services.auth.createUser(setup, { username: 'inspector2', displayName: '督学2', role: 'inspector', assignedSchools: [SCHOOL_A.code], password: PASSWORD, mustChangePassword: false });
    await t.app.services.auth.createUser(setup, { username: 'inspector3', displayName: '督学3', role: 'inspector', assignedSchools: [SCHOOL_B.code], password: PASSWORD, mustChangePassword: false });
    expect(cacheOf(await (await signIn(t.app, 'inspector2')).get(url))).toBe('miss');
    const same = await (await signIn(t.app, 'inspector3')).get(url);
    expect(cacheOf(same)).toBe('hit');
    expect(same.body).toBe(firsts[users.indexOf('inspector')].body);
  });

  it('computes once for concurrent requests of one key', async () => {
    const spy = vi.spyOn(t.app.services.registry, 'overview');
    const url = '/api/overview?year=2023';
    const rs = await Promise.all(Array.from({ length: 8 }, () => admin.get(url)));
    expect(rs.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(new Set(rs.map((r) => r.body)).size).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('does not keep errors', async () => {
    const bad = await admin.get('/api/overview?year=1800');
    expect(bad.statusCode).toBe(400);
    expect(cacheOf(bad)).toBeUndefined();
  });
});

describe('the balance evaluation', () => {
  it('is refreshed by a new version of a local standards pack', async () => {
    const pack = { id: 'cache-2025', name: '缓存测试', nameEn: 'cache test', basis: '测试', extends: 'national-2017-quality', overrides: { cvLimit: { 小学: '0.30', 初中: '0.30' } } };
    expect((await admin.post('/api/balance/standards', pack)).statusCode).toBe(201);
    const url = '/api/balance/evaluation?year=2024&standard=cache-2025';
    const first = await admin.get(url);
    expect(first.statusCode, first.body).toBe(200);
    expect(cacheOf(first)).toBe('miss');
    expect(first.json().levels['小学'].indicators[0].limit).toBe(0.3);
    expect(cacheOf(await admin.get(url))).toBe('hit');
    expect((await admin.put('/api/balance/standards/cache-2025', { ...pack, overrides: { cvLimit: { 小学: '0.25', 初中: '0.30' } } })).statusCode).toBe(200);
    const edited = await admin.get(url);
    expect(cacheOf(edited)).toBe('miss');
    // The limit the new version sets.
    expect(edited.json().levels['小学'].indicators[0].limit).toBe(0.25);
  });

  it('is refreshed by a change of the registry figures', async () => {
    const url = '/api/balance/evaluation?year=2024';
    await admin.get(url);
    expect(cacheOf(await admin.get(url))).toBe('hit');
    expect((await admin.put(`/api/schools/${SCHOOL_B.code}/stats/2024`, sampleRecord())).statusCode).toBe(200);
    expect(cacheOf(await admin.get(url))).toBe('miss');
  });
});

describe('the exam report', () => {
  it('is refreshed by an import, a re-import and the deletion of the exam', async () => {
    const bureau = await signIn(t.app, 'analyst');
    const subjects = [
      { subject: '语文', fullMarks: 100 },
      { subject: '数学', fullMarks: 100 },
    ];
    const created = await bureau.post('/api/exams', { name: '缓存测试考试', date: '2025-01-15', term: '2024学年第一学期', grade: 9, type: '期末', scope: '全县', subjects });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().exam.id as number;
    const url = `/api/exams/${id}/report`;
    const csv = (a: number, b: number) => `学籍号,学校代码,语文,数学\nS1,${SCHOOL_A.code},${a},50\nS2,${SCHOOL_A.code},${b},70\n`;
    expect((await bureau.upload(`/api/exams/${id}/import?wait=1`, csv(80, 60), 'a.csv')).statusCode).toBe(200);
    const first = await bureau.get(url);
    expect(first.statusCode, first.body).toBe(200);
    expect(cacheOf(first)).toBe('miss');
    // 语文 (80 + 60) / 2 = 70
    expect(first.json().report.district.stats['语文'].mean).toBe(70);
    expect(cacheOf(await bureau.get(url))).toBe('hit');
    expect((await bureau.upload(`/api/exams/${id}/import?wait=1`, csv(90, 100), 'b.csv')).statusCode).toBe(200);
    const reimported = await bureau.get(url);
    expect(cacheOf(reimported)).toBe('miss');
    // (90 + 100) / 2 = 95
    expect(reimported.json().report.district.stats['语文'].mean).toBe(95);
    expect((await admin.raw('DELETE', `/api/exams/${id}`)).statusCode).toBe(200);
    const gone = await bureau.get(url);
    expect(gone.statusCode).toBe(404);
  });
});

describe('sessions kept in memory', () => {
  it('end at once when another process ends them or changes the account (checked against the accounts version)', async () => {
    // No in-process trust (as with PostgreSQL): every use checks the version the triggers step.
    const auth = createAuthService(t.database.db);
    const { cookie } = await auth.login('viewer', PASSWORD, '127.0.0.1');
    expect((await auth.fromCookie(cookie))?.user.role).toBe('viewer');
    expect((await auth.fromCookie(cookie))?.user.role).toBe('viewer');
    await otherProcessWrite(t.database, `update users set display_name = '访客二' where username = 'viewer'`);
    expect((await auth.fromCookie(cookie))?.user.displayName).toBe('访客二');
    await otherProcessWrite(t.database, `delete from sessions where username = 'viewer'`);
    expect(await auth.fromCookie(cookie)).toBeNull();
    const again = await auth.login('viewer', PASSWORD, '127.0.0.1');
    expect(await auth.fromCookie(again.cookie)).not.toBeNull();
    await otherProcessWrite(t.database, `update users set disabled = true where username = 'viewer'`);
    expect(await auth.fromCookie(again.cookie)).toBeNull();
    await otherProcessWrite(t.database, `update users set disabled = false, display_name = '访客' where username = 'viewer'`);
  });
});

describe('the health probe', () => {
  it('reads no session, while a signed-in route does', async () => {
    const spy = vi.spyOn(t.app.services.auth, 'fromCookie');
    const r = await t.app.inject({ method: 'GET', url: '/api/health', headers: admin.headers });
    expect(r.statusCode).toBe(200);
    expect(spy).not.toHaveBeenCalled();
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});

describe('data versions', () => {
  let database: Database;
  let versions: DataVersions;
  beforeAll(async () => {
    database = await freshDatabase();
    await ensureDistrict(database.db, '990001', '甲县');
    await ensureDistrict(database.db, '990002', '乙县');
    versions = new DataVersions(database.db);
  });
  afterAll(async () => database.close());
  const exec = (s: string) => database.db.execute(sql.raw(s));

  it('count committed writing transactions per district and area; rolled-back ones leave no trace', async () => {
    const before = await versions.read('990001');
    const other = await versions.read('990002');
    // One transaction writing two registry tables of district 1: one step for registry there, nothing elsewhere.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into academic_years (district_id, year, is_current) values ('990001', 2030, false)`);
      await tx.execute(sql`update districts set name = '甲县' where district_id = '990001'`);
    });
    const after = await versions.read('990001');
    expect(after.registry).toBe((before.registry ?? 0) + 1);
    expect(after.exams).toBe(before.exams);
    expect(await versions.read('990002')).toEqual(other);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into academic_years (district_id, year, is_current) values ('990001', 2031, false)`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await versions.read('990001')).toEqual(after);
    // Scores (a large table, recorded for every district): district 2's import steps district 1's exams too.
    const exams1 = (await versions.read('990001')).exams ?? 0;
    const exams2 = (await versions.read('990002')).exams ?? 0;
    await exec(`insert into students (district_id, student_id, school_code, class_name, seen_on) values ('990002', 'S1', '1', '1班', '2025-01-01')`);
    expect((await versions.read('990001')).exams).toBe(exams1 + 1);
    expect((await versions.read('990002')).exams).toBe(exams2 + 1);
  });

  it('folding the change rows into the base keeps every version', async () => {
    for (let i = 0; i < 5; i++) await exec(`update districts set name = name where district_id = '990001'`);
    const before = await versions.read('990001');
    await versions.fold('990001');
    const res: unknown = await exec(`select count(*)::int as n from data_changes where district_id = '990001'`);
    expect((res as { rows: { n: number }[] }).rows[0].n).toBe(0);
    expect(await versions.read('990001')).toEqual(before);
    await exec(`update districts set name = name where district_id = '990001'`);
    expect((await versions.read('990001')).registry).toBe(before.registry! + 1);
  });
});

describe('the cache itself', () => {
  it('the LRU keeps within its entries and bytes, dropping the least recently used', () => {
    const l = new Lru<string>(3, 100);
    l.set('a', 'A', 10);
    l.set('b', 'B', 10);
    l.set('c', 'C', 10);
    expect(l.get('a')).toBe('A'); // a is now the most recent
    l.set('d', 'D', 10);
    expect(l.get('b')).toBeUndefined();
    expect([l.get('a'), l.get('c'), l.get('d')]).toEqual(['A', 'C', 'D']);
    l.set('e', 'E', 85); // 10 + 10 + 10 + 85 > 100: the oldest two go
    expect(l.size).toBe(2);
    expect(l.bytes).toBe(95);
    l.set('huge', 'H', 101);
    expect(l.get('huge')).toBeUndefined();
  });

  it('keys differ by role, own school, assigned schools, district, input and data version', async () => {
    const c = new ResponseCache(t.database.db);
    const base = { districtId: DISTRICT, role: 'inspector', schoolCode: null as string | null, assignedSchools: ['1', '2'] };
    const k = (over: Partial<typeof base> = {}, query: unknown = { year: 2024 }) => c.keyOf('GET /api/overview', {}, query, { ...base, ...over }, ['registry']);
    const keys = await Promise.all([
      k(),
      k({ role: 'viewer' }),
      k({ assignedSchools: ['1'] }),
      k({ role: 'clerk', schoolCode: '1', assignedSchools: [] }),
      k({ role: 'clerk', schoolCode: '2', assignedSchools: [] }),
      k({ districtId: '990009' }),
      k({}, { year: 2023 }),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await k({ assignedSchools: ['2', '1'] })).toBe(keys[0]);
    await t.database.db.execute(sql`update districts set name = name where district_id = ${DISTRICT}`);
    expect(await k()).not.toBe(keys[0]);
  });

  it('JUNHENG_CACHE=0 turns it off', () => {
    expect(cacheEnabled('0')).toBe(false);
    expect(cacheEnabled('off')).toBe(false);
    expect(cacheEnabled('')).toBe(true);
    expect(cacheEnabled('1')).toBe(true);
  });
});
