// Speed targets of the balance engine:
// 1. evaluating 2,000 schools × 10 years takes < 200 ms (synthetic county, seeded, demo-like magnitudes);
// 2. the district page answers in < 100 ms on the demo data (in-memory PGlite, Fastify inject, signed in
//    as an admin), with a breakdown of where the time goes (session lookup, database, computation, JSON).
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/core/db/index.js';
import { buildApp } from '../src/server.js';
import { createAuthService } from '../src/server.js';
import { loadDemoDistrict } from '../src/registry/demo-load.js';
import { allSchools, loadRecords } from '../src/registry/store.js';
import { STAT_FIELDS } from '../src/registry/fields.js';
import type { Location, School, SchoolLevel } from '../src/registry/model.js';
import type { ClassSize, GradeEnrolment, SchoolYearData } from '../src/registry/types.js';
import { evaluateDistrict, type BalanceSchoolInput } from '../src/balance/evaluate.js';
import { balanceInputs } from '../src/balance/from-registry.js';
import { loadStandard, type StandardPack } from '../src/balance/standards.js';
import type { BenchResult } from './types.js';

// ---------------------------------------------------------------------------------------------
// Timing

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

async function sample(fn: () => unknown, warmups: number, runs: number): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await fn();
    out.push(now() - t0);
  }
  return out;
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const r1 = (x: number) => x.toFixed(1);
const spread = (xs: number[]) => `min ${r1(Math.min(...xs))}, max ${r1(Math.max(...xs))} of ${xs.length}`;

// ---------------------------------------------------------------------------------------------
// A synthetic county of 2,000 schools × 10 years (own seeded PRNG; magnitudes as in registry/demo.ts)

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHOOLS = 2000;
const YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i);
type Section = 'P' | 'J' | 'S';
const sectionOf = (g: number): Section => (g <= 6 ? 'P' : g <= 9 ? 'J' : 'S');
const GRADES: Record<SchoolLevel, number[]> = {
  小学: [1, 2, 3, 4, 5, 6],
  初中: [7, 8, 9],
  九年一贯制: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  完全中学: [7, 8, 9, 10, 11, 12],
  十二年一贯制: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  教学点: [1, 2, 3, 4],
};
// 2017 standards per student (per 100 for teachers and rooms), as in demo.ts; 高中段 measured like 初中.
type Ind = 'degree' | 'backbone' | 'peArt' | 'teachArea' | 'sportsArea' | 'equipment' | 'multimedia';
const STANDARD: Record<Section, Record<Ind, number>> = {
  P: { degree: 4.2, backbone: 1, peArt: 0.9, teachArea: 4.5, sportsArea: 7.5, equipment: 2000, multimedia: 2.3 },
  J: { degree: 5.3, backbone: 1, peArt: 0.9, teachArea: 5.8, sportsArea: 10.2, equipment: 2500, multimedia: 2.4 },
  S: { degree: 5.3, backbone: 1, peArt: 0.9, teachArea: 5.8, sportsArea: 10.2, equipment: 2500, multimedia: 2.4 },
};
const PER_100 = new Set<Ind>(['degree', 'backbone', 'peArt', 'multimedia']);
const INDS = Object.keys(STANDARD.P) as Ind[];

export function syntheticCounty(seed = 2017) {
  const rnd = mulberry32(seed);
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const pick = <T>(pairs: [T, number][]): T => {
    let x = rnd();
    for (const [v, p] of pairs) if ((x -= p) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const schools: School[] = [];
  const data = new Map<number, Map<string, SchoolYearData>>(YEARS.map((y) => [y, new Map()]));
  for (let i = 0; i < SCHOOLS; i++) {
    const level = pick<SchoolLevel>([
      ['小学', 0.6],
      ['初中', 0.25],
      ['九年一贯制', 0.1],
      ['完全中学', 0.02],
      ['教学点', 0.03],
    ]);
    const location =
      level === '教学点'
        ? '乡村'
        : pick<Location>([
            ['城区', 0.25],
            ['镇区', 0.35],
            ['乡村', 0.4],
          ]);
    const code = `21${String(9000_0000 + i).padStart(8, '0')}`;
    schools.push({
      districtId: '990009',
      code,
      name: `合成${location}${level}${i + 1}号`,
      level,
      ownership: rnd() < 0.06 ? '民办' : '公办',
      location,
      isIsland: false,
      isBoarding: location === '乡村' && level !== '小学' && level !== '教学点',
      address: null,
      lat: null,
      lng: null,
      groupName: null,
      isOpen: true,
    });
    // Students per grade in the first year, by section and place.
    const base: Record<Section, number> =
      level === '教学点'
        ? { P: between(5, 20), J: 0, S: 0 }
        : location === '城区'
          ? { P: between(150, 400), J: between(200, 600), S: between(250, 400) }
          : location === '镇区'
            ? { P: between(60, 160), J: between(120, 260), S: between(200, 300) }
            : { P: between(15, 45), J: between(40, 90), S: between(150, 250) };
    const drift = location === '城区' ? 1.02 : location === '镇区' ? 0.99 : 0.95;
    const ratio: Record<Section, number> =
      location === '城区'
        ? { P: between(17.5, 20), J: between(12.6, 13.4), S: between(11.8, 12.6) }
        : location === '镇区'
          ? { P: between(15.5, 16.8), J: between(11.2, 12.2), S: 12 }
          : { P: between(11, 13), J: between(9, 10.5), S: 12 };
    // Most schools meet a standard comfortably; about one indicator in eight is weak.
    const factor = Object.fromEntries(INDS.map((k) => [k, rnd() < 0.12 ? between(0.5, 0.85) : between(1.05, 1.9)])) as Record<Ind, number>;
    const classMean = location === '城区' ? between(44, 54) : location === '镇区' ? between(36, 46) : between(18, 35);
    YEARS.forEach((year, t) => {
      const enrolments: GradeEnrolment[] = [];
      const classes: ClassSize[] = [];
      const students: Record<Section, number> = { P: 0, J: 0, S: 0 };
      const classCount: Record<Section, number> = { P: 0, J: 0, S: 0 };
      for (const grade of GRADES[level]) {
        const sec = sectionOf(grade);
        const n = Math.max(1, Math.round(base[sec] * Math.pow(drift, t) * between(0.93, 1.07)));
        enrolments.push({ grade, students: n });
        const k = Math.max(1, Math.round(n / classMean));
        for (let c = 0; c < k; c++) classes.push({ grade, classNo: c + 1, size: Math.floor(n / k) + (c < n % k ? 1 : 0) });
        students[sec] += n;
        classCount[sec] += k;
      }
      const secs: Section[] = ['P', 'J', 'S'];
      const need = (ind: Ind) => secs.reduce((s, sec) => s + students[sec] * STANDARD[sec][ind], 0) / (PER_100.has(ind) ? 100 : 1);
      const have = (ind: Ind) => need(ind) * factor[ind] * between(0.97, 1.03);
      const totalStudents = students.P + students.J + students.S;
      const totalClasses = classes.length;
      const total = secs.reduce((s, sec) => s + (students[sec] ? Math.max(Math.round(students[sec] / ratio[sec]), Math.ceil(classCount[sec] * (sec === 'P' ? 1.8 : 3.2))) : 0), 0);
      const cap = (x: number, share: number) => Math.min(Math.round(x), Math.floor(total * share));
      const backbone = Math.max(0, cap(have('backbone'), 0.45));
      const peArt = Math.max(level === '教学点' ? 0 : 1, cap(have('peArt'), 0.4));
      const pe = Math.min(peArt, Math.max(1, Math.round(peArt * 0.45)));
      const music = Math.round((peArt - pe) / 2);
      const sports = have('sportsArea');
      const indoor = Math.min(totalStudents >= 1000 ? between(1200, 2200) : totalStudents >= 400 ? between(450, 1000) : between(0, 200), sports * 0.3);
      const teachAux = have('teachArea') + indoor;
      const a = Math.floor(total * 0.2);
      const b = Math.floor(total * 0.3);
      const c = Math.floor(total * 0.28);
      const v: Record<string, number> = {
        teachersTotal: total,
        teachersAboveDegree: Math.min(total, Math.round(have('degree'))),
        teachersPostgraduate: Math.round(total * (location === '城区' ? 0.06 : 0.02)),
        backboneCounty: backbone - Math.floor(backbone * 0.3) - Math.floor(backbone * 0.07),
        backboneCity: Math.floor(backbone * 0.3),
        backboneProvince: Math.floor(backbone * 0.07),
        peTeachers: pe,
        musicTeachers: music,
        artTeachers: peArt - pe - music,
        seniorTitleTeachers: Math.round(total * between(0.45, 0.66)),
        certifiedTeachers: total,
        teachersAgeUnder30: a,
        teachersAge30to39: b,
        teachersAge40to49: c,
        teachersAge50plus: total - a - b - c,
        buildingAreaM2: Math.round((teachAux / 0.62) * 100) / 100,
        teachingAuxAreaM2: Math.round(teachAux * 100) / 100,
        indoorSportsAreaM2: Math.round(indoor * 100) / 100,
        sportsGroundAreaM2: Math.round((sports - indoor) * 100) / 100,
        equipmentValueYuan: Math.round(have('equipment') * Math.pow(1.04, t)),
        multimediaClassrooms: Math.max(1, Math.round(have('multimedia'))),
        computers: Math.max(8, Math.round(totalStudents * between(0.1, 0.2))),
        books: Math.max(1500, Math.round(totalStudents * between(26, 45))),
        musicRooms: Math.max(level === '教学点' ? 0 : 1, Math.round(totalClasses / 12)),
        artRooms: Math.max(level === '教学点' ? 0 : 1, Math.round(totalClasses / 12)),
      };
      // A few figures are not reported (null), as in a real collection round.
      const values = Object.fromEntries(STAT_FIELDS.map((f) => [f.key, rnd() < 0.002 ? null : (v[f.key] ?? null)]));
      data.get(year)!.set(code, { values, enrolments, classes });
    });
  }
  return { schools, data };
}

type County = ReturnType<typeof syntheticCounty>;
const inputsOf = (pack: StandardPack, county: County, year: number): BalanceSchoolInput[] => {
  const d = county.data.get(year)!;
  return county.schools.flatMap((s) => (d.has(s.code) ? balanceInputs(pack, s, d.get(s.code)!) : []));
};

async function engine(county: County, packId: string, label: string): Promise<BenchResult[]> {
  let pack: StandardPack;
  try {
    pack = loadStandard(packId);
  } catch (e) {
    const note = `skipped: ${(e as Error).message}`;
    return [
      { name: `evaluateDistrict 2,000 × 10 yr (${label})`, value: NaN, unit: 'ms', note },
      { name: `  + balanceInputs (${label})`, value: NaN, unit: 'ms', note },
    ];
  }
  const prepared = YEARS.map((y) => inputsOf(pack, county, y));
  let sink = 0;
  const evalOnly = await sample(
    () => {
      for (const inputs of prepared) sink += evaluateDistrict(pack, inputs).levels['小学'].counted;
    },
    2,
    7,
  );
  const withInputs = await sample(
    () => {
      for (const y of YEARS) sink += evaluateDistrict(pack, inputsOf(pack, county, y)).levels['初中'].counted;
    },
    2,
    7,
  );
  // What the data looks like, so the figure is read against something realistic.
  const last = evaluateDistrict(pack, prepared[prepared.length - 1]);
  const sections = prepared.reduce((s, x) => s + x.length, 0);
  const passing = Object.values(last.levels).reduce((s, l) => s + (l.schoolsPassing ?? 0), 0);
  const counted = Object.values(last.levels).reduce((s, l) => s + l.counted, 0);
  const shape = pack.schoolRule
    ? `${Math.round((100 * passing) / counted)}% of school sections pass in ${YEARS[YEARS.length - 1]}`
    : `composite CV 小学 ${last.levels['小学'].composite?.cv?.toFixed(3)}`;
  if (sink < 0) console.log(sink); // keep the work observable
  return [
    {
      name: `evaluateDistrict 2,000 × 10 yr (${label})`,
      value: median(evalOnly),
      unit: 'ms',
      target: 200,
      note: `median; ${spread(evalOnly)}; ${sections.toLocaleString('en-US')} school sections; ${shape}`,
    },
    { name: `  + balanceInputs (${label})`, value: median(withInputs), unit: 'ms', target: 200, note: `median; ${spread(withInputs)}; registry records → inputs (一贯制 split) → evaluation` },
  ];
}

// ---------------------------------------------------------------------------------------------
// The district page on the demo data

const PASSWORD = 'bench-horse-battery-7';

async function districtPage(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const t0 = now();
  const database = await openDatabase({ dataDir: 'memory://', relaxedDurability: true });
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await database.migrate();
    const t1 = now();
    const demo = await loadDemoDistrict(database.db);
    const t2 = now();
    const auth = createAuthService(database.db);
    await auth.createUser({ districtId: demo.districtId, username: 'bench' }, { username: 'bench-admin', displayName: 'bench', role: 'admin', password: PASSWORD });
    app = await buildApp(database);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench-admin', password: PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
    const headers = { cookie: `jh_session=${cookies.jh_session}; jh_csrf=${cookies.jh_csrf}` };
    const a = app;
    const get = async (url: string) => {
      const res = await a.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    out.push({ name: 'setup: PGlite + migrations, demo load', value: now() - t0, unit: 'ms', note: `demo load ${r1(t2 - t1)} ms: ${demo.schools.length} schools × ${demo.years.length} years` });

    const timeGet = async (url: string, target?: number) => {
      const body = (await get(url)).body;
      const xs = await sample(() => get(url), 3, 20);
      out.push({ name: `GET ${url}`, value: median(xs), unit: 'ms', target, note: `median; ${spread(xs)}; ${Math.round(body.length / 1024)} KiB` });
      out.push({ name: `  p95`, value: pct(xs, 95), unit: 'ms' });
    };
    await timeGet('/api/balance/evaluation', 100);
    await timeGet('/api/balance/class-sizes', 100);

    // Any other GET route of the balance module without path parameters, timed without a target.
    const others = a
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .map((l) => /(\/api\/balance\/[^\s(]+)\s*\(([^)]*)\)/.exec(l))
      .filter((m): m is RegExpExecArray => !!m && m[2].includes('GET') && !m[1].includes(':'))
      .map((m) => m[1])
      .filter((u) => u !== '/api/balance/evaluation' && u !== '/api/balance/class-sizes')
      .sort();
    for (const url of others) {
      try {
        const body = (await get(url)).body;
        const xs = await sample(() => get(url), 2, 10);
        out.push({ name: `GET ${url}`, value: median(xs), unit: 'ms', note: `median; p95 ${r1(pct(xs, 95))}; ${Math.round(body.length / 1024)} KiB; no target` });
      } catch (e) {
        out.push({ name: `GET ${url}`, value: NaN, unit: 'ms', note: `not timed: ${(e as Error).message.split('\n')[0].slice(0, 160)}` });
      }
    }

    // Where the evaluation's time goes: the same steps as the route, one at a time.
    const user = (await a.services.auth.fromCookie(cookies.jh_session))!.user;
    const pack = loadStandard('national-2017-quality');
    const health = await sample(() => get('/api/health'), 3, 20);
    const session = await sample(() => a.services.auth.fromCookie(cookies.jh_session), 3, 20);
    let loaded: { schools: School[]; records: Awaited<ReturnType<typeof loadRecords>>; year: number } | null = null;
    const dbPart = await sample(
      async () => {
        const year = await a.services.registry.currentYear(user.districtId);
        const schools = (await allSchools(database.db, user.districtId)).filter((x) => x.isOpen);
        const records = await loadRecords(
          database.db,
          user.districtId,
          schools.map((x) => x.code),
          year,
        );
        loaded = { schools, records, year };
      },
      3,
      20,
    );
    const { schools, records, year } = loaded!;
    const byCode = new Map(records.map((r) => [r.schoolCode, r]));
    let result: unknown = null;
    const compute = await sample(
      () => {
        const inputs = schools.flatMap((sc) => (byCode.has(sc.code) ? balanceInputs(pack, sc, byCode.get(sc.code)!) : []));
        result = { year, ...evaluateDistrict(pack, inputs) };
      },
      3,
      20,
    );
    const json = await sample(() => JSON.stringify(result), 3, 20);
    let allRecords = 0;
    const dbAll = await sample(
      async () => {
        allRecords = (
          await loadRecords(
            database.db,
            user.districtId,
            schools.map((x) => x.code),
          )
        ).length;
      },
      2,
      10,
    );
    out.push(
      { name: 'parts: GET /api/health', value: median(health), unit: 'ms', note: "the route's steps one at a time (medians); this: inject + session lookup, no work, the floor of any API call" },
      { name: '  session lookup (fromCookie)', value: median(session), unit: 'ms', note: 'one query per request, in the onRequest hook' },
      { name: '  db: year, schools, records of a year', value: median(dbPart), unit: 'ms', note: `what the evaluation loads; ${records.length} records (three queries for the records alone)` },
      { name: '  db: records of every year', value: median(dbAll), unit: 'ms', note: `what class-sizes and trend load; ${allRecords} records` },
      { name: '  compute: balanceInputs + evaluate', value: median(compute), unit: 'ms', note: "national-2017-quality on this year's records" },
      { name: '  JSON.stringify of the evaluation', value: median(json), unit: 'ms' },
    );
  } finally {
    await app?.close();
    await database.close();
  }
  return out;
}

export default async function (): Promise<BenchResult[]> {
  const t0 = performance.now();
  const county = syntheticCounty();
  const gen = performance.now() - t0;
  const results: BenchResult[] = [
    { name: 'generate synthetic county', value: gen, unit: 'ms', note: `${SCHOOLS.toLocaleString('en-US')} schools (小学, 初中, 九年一贯制, 完全中学, 教学点) × ${YEARS.length} years, seed 2017` },
  ];
  results.push(...(await engine(county, 'national-2017-quality', '2017 quality')));
  results.push(...(await engine(county, 'national-2012-basic', '2012 basic')));
  results.push(...(await districtPage()));
  return results;
}
