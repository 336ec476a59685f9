// Test harness: a fresh database per call — PGlite in memory by default, or a throw-away
// database on the PostgreSQL server named by DATABASE_URL (CI runs the suite both ways).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/core/db/index.js';
import { buildApp, createAuthService } from '../src/server.js';
import { ensureDistrict, insertSchool, setCurrentYear } from '../src/registry/store.js';
import type { School } from '../src/registry/model.js';

export async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const d = await openDatabase({ dataDir: 'memory://', relaxedDurability: true });
    await d.migrate();
    return d;
  }
  const name = `jh_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const d = await openDatabase({ databaseUrl: u.toString() });
  await d.migrate();
  return {
    ...d,
    close: async () => {
      await d.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const DISTRICT = '990001';
export const schoolFixture = (code: string, name: string, level: School['level'], extra: Partial<School> = {}): School => ({
  districtId: DISTRICT,
  code,
  name,
  level,
  ownership: '公办',
  location: '城区',
  isIsland: false,
  isBoarding: false,
  address: null,
  lat: null,
  lng: null,
  groupName: null,
  isOpen: true,
  ...extra,
});
export const SCHOOL_A = schoolFixture('2133000001', '测试第一小学', '小学');
export const SCHOOL_B = schoolFixture('2133000002', '测试第二小学', '小学', { location: '乡村' });
export const SCHOOL_C = schoolFixture('2133000003', '测试初级中学', '初中', { location: '镇区' });
export const PASSWORD = 'correct-horse-9';

/** A small district with three schools and one account of each role. */
export async function testApp() {
  const database = await freshDatabase();
  const db = database.db;
  await ensureDistrict(db, DISTRICT, '测试县');
  for (const s of [SCHOOL_A, SCHOOL_B, SCHOOL_C]) await insertSchool(db, s);
  await setCurrentYear(db, DISTRICT, 2024);
  const auth = createAuthService(db);
  const actor = { districtId: DISTRICT, username: 'setup' };
  await auth.createUser(actor, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
  await auth.createUser(actor, { username: 'analyst', displayName: '科室', role: 'analyst', password: PASSWORD });
  await auth.createUser(actor, { username: 'clerkA', displayName: '填报员A', role: 'clerk', schoolCode: SCHOOL_A.code, password: PASSWORD });
  await auth.createUser(actor, { username: 'clerkB', displayName: '填报员B', role: 'clerk', schoolCode: SCHOOL_B.code, password: PASSWORD });
  await auth.createUser(actor, { username: 'inspector', displayName: '督学', role: 'inspector', assignedSchools: [SCHOOL_B.code], password: PASSWORD });
  await auth.createUser(actor, { username: 'viewer', displayName: '访客', role: 'viewer', password: PASSWORD });
  await auth.createUser(actor, { username: 'health', displayName: '卫生健康专员', role: 'health', password: PASSWORD });
  await auth.createUser(actor, { username: 'personnel', displayName: '人事专员', role: 'personnel', password: PASSWORD });
  const app = await buildApp(database);
  return { app, database, close: async () => (await app.close(), await database.close()) };
}

type App = Awaited<ReturnType<typeof testApp>>['app'];

/** A multipart/form-data body holding one file in the field "file" (the server reads the bytes, not the part's type). */
export function multipartFile(fileName: string, content: Buffer | string) {
  const boundary = '----junheng' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A signed-in client for Fastify inject: keeps the cookies and sends the CSRF header. */
export async function signIn(app: App, username: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const headers = { cookie: `jh_session=${cookies.jh_session}; jh_csrf=${cookies.jh_csrf}`, 'x-csrf-token': cookies.jh_csrf };
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) =>
    app.inject({ method, url, payload: payload as never, headers: { ...headers, ...extra } });
  return {
    cookies,
    /** POST one file as multipart/form-data (field "file"), as the web's upload does. */
    upload: (url: string, content: Buffer | string, fileName: string) => {
      const m = multipartFile(fileName, content);
      return call('POST', url, m.payload, m.headers);
    },
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    put: (url: string, payload?: unknown) => call('PUT', url, payload),
    raw: call,
    headers,
  };
}

/** A valid year of figures for a small primary school (worked out by hand: 2 grades, 3 classes). */
export const sampleRecord = () => ({
  values: {
    teachersTotal: 10,
    teachersAboveDegree: 9,
    teachersPostgraduate: 1,
    backboneCounty: 1,
    backboneCity: 0,
    backboneProvince: 0,
    peTeachers: 1,
    musicTeachers: 1,
    artTeachers: 1,
    seniorTitleTeachers: 4,
    certifiedTeachers: 10,
    teachersAgeUnder30: 3,
    teachersAge30to39: 3,
    teachersAge40to49: 2,
    teachersAge50plus: 2,
    buildingAreaM2: 2500,
    teachingAuxAreaM2: 900.5,
    indoorSportsAreaM2: 0,
    sportsGroundAreaM2: 1500,
    equipmentValueYuan: 400000,
    multimediaClassrooms: 5,
    computers: 40,
    books: 6000,
    musicRooms: 1,
    artRooms: 1,
  },
  enrolments: [
    { grade: 1, students: 90 },
    { grade: 2, students: 44 },
  ],
  classes: [
    { grade: 1, classNo: 1, size: 45 },
    { grade: 1, classNo: 2, size: 45 },
    { grade: 2, classNo: 1, size: 44 },
  ],
});
