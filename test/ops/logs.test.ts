// Structured logs (src/core/log.ts): one JSON line per request with its request id and route pattern,
// every 5xx with its stack, and no personal data — a student's name, 学籍号 and 身份证 number sent in
// query strings, paths, bodies and a failing exam import must not reach the log, nor cookies or the
// CSRF token. The log stream is captured at the most verbose level (trace).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createAuthService } from '../../src/server.js';
import { ensureDistrict, insertSchool, setCurrentYear } from '../../src/registry/store.js';
import { DISTRICT, PASSWORD, SCHOOL_A, SCHOOL_B, freshDatabase, signIn } from '../helpers.js';
import type { Database } from '../../src/core/db/index.js';

const NAME = '王小明';
const STUDENT_ID = 'G110101201001011234'; // 学籍号: G + the 身份证 number
const ID_CARD = '11010119900307663X'; // 身份证, with its check letter
const ID_DIGITS = '110101199003076634';
const SECRETS = [NAME, STUDENT_ID, STUDENT_ID.slice(1), ID_CARD, ID_DIGITS, encodeURIComponent(NAME), encodeURIComponent(NAME).toLowerCase()];

const lines: string[] = [];
const stream = { write: (s: string) => void lines.push(s) };
const logged = () =>
  lines.map((l) => JSON.parse(l) as Record<string, unknown> & { reqId?: string; req?: { method: string; route: string }; res?: { statusCode: number }; err?: { stack: string; message: string } });

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let bureau: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  database = await freshDatabase();
  await ensureDistrict(database.db, DISTRICT, '测试县');
  for (const s of [SCHOOL_A, SCHOOL_B]) await insertSchool(database.db, s);
  await setCurrentYear(database.db, DISTRICT, 2024);
  await createAuthService(database.db).createUser({ districtId: DISTRICT, username: 'setup' }, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
  app = await buildApp(database, { logger: { level: 'trace', stream } });
  // A route that fails the way a bug does: an exception whose message quotes a 身份证 number.
  app.get('/api/ops-test/boom', async () => {
    throw new Error(`unexpected state for ${ID_DIGITS}`);
  });
  bureau = await signIn(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const upload = (url: string, text: string, name: string) => bureau.upload(url, text, name);

describe('logs', () => {
  it('carry no name, 学籍号, 身份证, cookie or CSRF token from queries, paths, bodies and a failing import', async () => {
    const q = `name=${encodeURIComponent(NAME)}&sid=${STUDENT_ID}&idcard=${ID_CARD}`;
    expect((await bureau.get(`/api/schools?q=${encodeURIComponent(NAME)}`)).statusCode).toBe(200);
    expect((await bureau.get(`/api/schools?${q}`)).statusCode).toBeLessThan(500);
    // A path that holds a 学籍号 (a route parameter) and one that matches no route.
    await bureau.get(`/api/exams/1/students/${STUDENT_ID}?${q}`);
    await bureau.get(`/api/no-such-route/${encodeURIComponent(NAME)}/${ID_DIGITS}?${q}`);
    // A body with a name (a new account), and one the server rejects (a bad role).
    const created = await bureau.post('/api/users', { username: 'wxm', displayName: NAME, role: 'viewer', password: 'a-long-password-1' });
    expect(created.statusCode, created.body).toBe(200);
    expect((await bureau.post('/api/users', { username: ID_DIGITS, displayName: NAME, role: 'nobody' })).statusCode).toBe(400);
    // A failing import: the file names the student, their 学籍号 and 身份证 number; the problems quote the rows.
    const exam = await bureau.post('/api/exams', { name: '日志测试', grade: 8, type: '期中', subjects: [{ subject: '语文', fullMarks: 100 }] });
    expect(exam.statusCode, exam.body).toBe(201);
    const csv = ['学籍号,姓名,身份证号,学校代码,班级,语文', `${STUDENT_ID},${NAME},${ID_CARD},${SCHOOL_A.code},1班,140`, `${ID_DIGITS},${NAME},${ID_DIGITS},${SCHOOL_B.code},1班,abc`].join('\n');
    const imp = await upload(`/api/exams/${exam.json().exam.id}/import?wait=1&note=${encodeURIComponent(NAME)}`, csv, `${NAME}的成绩.csv`);
    expect(imp.statusCode, imp.body).toBeGreaterThanOrEqual(400);
    expect(imp.statusCode).toBeLessThan(500);
    expect(imp.body).toContain(NAME); // the problems quote the file: the answer holds personal data, the log must not
    await bureau.post('/api/auth/logout');

    const text = lines.join('');
    for (const secret of SECRETS) expect(text, `"${secret}" is in the log`).not.toContain(secret);
    expect(text).not.toContain(bureau.cookies.jh_session);
    expect(text).not.toContain(bureau.cookies.jh_csrf);
    expect(text).not.toContain('a-long-password-1');
    // …and the requests were logged, by route pattern.
    const routes = logged()
      .filter((l) => l.msg === 'request completed')
      .map((l) => `${l.res?.statusCode} ${l.req?.method} ${l.req?.route}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        '200 GET /api/schools',
        '200 POST /api/users',
        '400 POST /api/users',
        `${imp.statusCode} POST /api/exams/:id/import`,
        expect.stringMatching(/^\d+ GET \/api\/exams\/:id\/students\/:sid$/),
        expect.stringMatching(/^404 GET \/api\/no-such-route\/\*\/\[18 digits masked\]$/),
      ]),
    );
  });

  it('log a 5xx with its stack and request id (echoed in X-Request-Id), 身份证 digits masked', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/ops-test/boom', headers: { 'x-request-id': 'ops-test-42' } });
    expect(r.statusCode).toBe(500);
    expect(r.headers['x-request-id']).toBe('ops-test-42');
    expect(r.body).not.toContain(ID_DIGITS);
    const errors = logged().filter((l) => l.reqId === 'ops-test-42' && l.level === 50);
    const withStack = errors.find((l) => l.err?.stack);
    expect(withStack, JSON.stringify(errors)).toBeDefined();
    expect(withStack!.err!.stack).toMatch(/unexpected state for \[18 digits masked\]\n\s+at /);
    expect(withStack!.err!.stack).toMatch(/logs\.test\.ts/);
    expect(withStack!.req?.route).toBe('/api/ops-test/boom');
    expect(lines.join('')).not.toContain(ID_DIGITS);
  });

  it('give every request an id: the caller’s plain X-Request-Id, else a new UUID', async () => {
    const mine = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'lb-7f3a.01' } });
    expect(mine.headers['x-request-id']).toBe('lb-7f3a.01');
    const odd = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': `${NAME} <script>` } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const none = await app.inject({ method: 'GET', url: '/api/health' });
    expect(none.headers['x-request-id']).not.toBe(odd.headers['x-request-id']);
    // The health probe is logged at debug (not to flood info), with its id.
    expect(logged().find((l) => l.reqId === 'lb-7f3a.01')).toMatchObject({ level: 20, req: { route: '/api/health' }, res: { statusCode: 200 } });
  });
});
