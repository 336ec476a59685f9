// RBAC rows of the registry routes (学校名录与统计). Expectations written by hand from the rules, not read
// from src/core/auth/policy.ts:
//   - the vocabulary, the school years, the overview and the school list: every signed-in user; the list and the
//     overview are cut to the own school for a clerk and to the assigned schools (B) for the inspector; the viewer
//     (and likewise the health and the personnel staff: aggregates) sees every school's card and the aggregates, and
//     in the list every school's registry facts and the totals but no school's own figures (students, classes,
//     teachers, 班额, state) — as the school's page denies them;
//   - the school list as .xlsx: everyone who sees the list, with what the list shows them;
//   - one school's card: everyone whose scope holds the school (viewer, health and personnel staff: every school);
//   - create and change schools: the bureau (admin, analyst) only — not even the clerk of the school;
//   - a school's yearly figures, the template and the export: the bureau (every school), a clerk (own school), the
//     inspector (assigned schools: B); never the viewer, the health or the personnel staff. A clerk's template is always the own school's;
//   - enter, submit and upload figures: the bureau and the clerk of the school; the inspector never writes;
//   - approve, return, reopen and the review queue: the bureau only.
// The workflow rules then decide among the allowed (409): submitted figures are frozen for the clerk, approved
// ones for everyone until the bureau reopens them.
// The seed (school year 2023, which no other table uses): A 134 students (sampleRecord), B 130, C 90 and submitted.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { SCHOOL_A, SCHOOL_B, SCHOOL_C, sampleRecord, signIn } from '../helpers.js';
import { only, type Expect, type Identity, type MatrixRow, type TestApp } from './matrix.js';
import ExcelJS from 'exceljs';
import { buildStatsWorkbook, parseStatsWorkbook } from '../../src/registry/excel.js';

const A = SCHOOL_A.code;
const B = SCHOOL_B.code;
const C = SCHOOL_C.code;
const Y = 2023;
const NEW_SCHOOL = '2133000099';

/** B: grade 2 has 40 students in one class (130 in all); C (初中): grade 7, two classes of 45. */
const recordB = () => ({
  ...sampleRecord(),
  enrolments: [
    { grade: 1, students: 90 },
    { grade: 2, students: 40 },
  ],
  classes: [...sampleRecord().classes.slice(0, 2), { grade: 2, classNo: 1, size: 40 }],
});
const recordC = () => ({
  ...sampleRecord(),
  enrolments: [{ grade: 7, students: 90 }],
  classes: [
    { grade: 7, classNo: 1, size: 45 },
    { grade: 7, classNo: 2, size: 45 },
  ],
});
const STUDENTS = { [A]: 134, [B]: 130, [C]: 90 };

export interface RegistrySeed {
  /** A workbook with school A's stored figures (uploading it changes nothing). */
  fileA: Buffer;
  /** A workbook with school B's stored figures. */
  fileB: Buffer;
}

/** Figures of 2023 for A, B and C (C submitted), entered through the API as the admin; the upload files. */
export async function setupRegistry(t: TestApp): Promise<RegistrySeed> {
  const admin = await signIn(t.app, 'admin');
  for (const [code, rec] of [
    [A, sampleRecord()],
    [B, recordB()],
    [C, recordC()],
  ] as const) {
    const r = await admin.put(`/api/schools/${code}/stats/${Y}`, rec);
    expect(r.statusCode, r.body).toBe(200);
  }
  expect((await admin.post(`/api/schools/${C}/stats/${Y}/submit`)).statusCode).toBe(200);
  const one = (s: typeof SCHOOL_A, data: ReturnType<typeof sampleRecord>) =>
    buildStatsWorkbook({ year: Y, schools: [{ code: s.code, name: s.name, level: s.level }], data: new Map([[s.code, data]]) });
  return { fileA: await one(SCHOOL_A, sampleRecord()), fileB: await one(SCHOOL_B, recordB()) };
}

const json = (r: LightMyRequestResponse) => r.json();
const codes = (list: { code: string }[]) => list.map((s) => s.code).sort();
const fileName = (r: LightMyRequestResponse) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(r.headers['content-disposition']))?.[1] ?? '');
const known = new Map([SCHOOL_A, SCHOOL_B, SCHOOL_C].map((s) => [s.code, { name: s.name, level: s.level }]));
/** The schools whose figures an .xlsx answer holds (read back with the import parser). */
const inFile = (want: string[]) => async (r: LightMyRequestResponse) => {
  const parsed = await parseStatsWorkbook(r.rawPayload, { fileName: 'answer.xlsx', year: Y, knownSchools: known });
  expect(parsed.problems).toEqual([]);
  expect([...parsed.data.keys()].sort()).toEqual(want);
};
const overviewOf = (schools: string[]) => (r: LightMyRequestResponse) => {
  const o = json(r);
  expect(o.year).toBe(Y);
  expect(o.schools).toBe(schools.length);
  expect(o.students).toBe(schools.reduce((s, c) => s + STUDENTS[c], 0));
  expect(o.largestClasses.every((c: { schoolCode: string }) => schools.includes(c.schoolCode))).toBe(true);
};
const listOf = (want: string[]) => (r: LightMyRequestResponse) => expect(codes(json(r).schools)).toEqual(want);
/** The cells of an .xlsx answer's first sheet, row by row. */
async function sheetRows(r: LightMyRequestResponse): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}
/** The school list file: its schools, and whether it has per-school figures (a 在校生 column). */
const listFile = (want: string[], figures: boolean) => async (r: LightMyRequestResponse) => {
  const rows = await sheetRows(r);
  expect(
    rows
      .map((x) => String(x[0]))
      .filter((c) => /^\d{10}$/.test(c))
      .sort(),
  ).toEqual(want);
  const header = rows.find((x) => x[0] === '学校标识码')!;
  expect(header.includes('在校生（人）')).toBe(figures);
};

/** The bureau, and the clerk of school A. */
const editorsOfA = (v: Expect): Record<Identity, Expect> => ({ ...only(v, 'admin', 'analyst', 'clerkA') });
/** Who reads school A's figures: the bureau and A's clerk (the inspector is assigned to B only). */
const readersOfA = only('ok', 'admin', 'analyst', 'clerkA');
/** Who reads school B's figures: the bureau, B's clerk and the inspector. */
const readersOfB = only('ok', 'admin', 'analyst', 'clerkB', 'inspector');
const signedIn = (v: Expect = 'ok'): Record<Identity, Expect> => ({ anonymous: 401, admin: v, analyst: v, clerkA: v, clerkB: v, inspector: v, viewer: v, health: v, personnel: v });
const statsOfA = `/api/schools/${A}/stats/${Y}`;

export function registryRows(s: RegistrySeed): MatrixRow[] {
  const card = { ...SCHOOL_A, groupName: '矩阵教共体' };
  return [
    {
      route: 'registry.meta',
      method: 'GET',
      url: '/api/meta',
      expect: signedIn(),
      scoped: {
        viewer: (r) => {
          expect(json(r).fields).toHaveLength(25);
          expect(json(r).statuses).toContainEqual({ value: 'submitted', zh: '已提交', en: 'Submitted' });
        },
      },
    },
    {
      route: 'registry.years',
      method: 'GET',
      url: '/api/years',
      expect: signedIn(),
      scoped: {
        clerkA: (r) => {
          expect(json(r).years).toContainEqual({ year: 2024, isCurrent: true });
          expect(json(r).years).toContainEqual({ year: Y, isCurrent: false });
        },
      },
    },
    {
      route: 'registry.overview',
      method: 'GET',
      url: `/api/overview?year=${Y}`,
      expect: signedIn(),
      scoped: {
        admin: overviewOf([A, B, C]),
        analyst: overviewOf([A, B, C]),
        clerkA: overviewOf([A]),
        clerkB: overviewOf([B]),
        inspector: overviewOf([B]),
        viewer: overviewOf([A, B, C]),
        personnel: overviewOf([A, B, C]),
      },
    },
    {
      route: 'registry.listSchools',
      method: 'GET',
      url: `/api/schools?year=${Y}`,
      expect: signedIn(),
      scoped: {
        admin: (r) => {
          listOf([A, B, C])(r);
          expect(json(r).schools.find((x: { code: string }) => x.code === C)).toMatchObject({ students: 90, classes: 2, maxClassSize: 45, teachers: 10, status: 'submitted' });
        },
        clerkA: listOf([A]),
        clerkB: listOf([B]),
        inspector: (r) => {
          listOf([B])(r);
          expect(json(r).schools[0]).toMatchObject({ students: 130, classes: 3 });
        },
        // The viewer: every school's registry facts and the totals (134 + 130 + 90 students), no school's own figures.
        viewer: (r) => {
          listOf([A, B, C])(r);
          expect(json(r).perSchoolFigures).toBe(false);
          expect(json(r).totals).toMatchObject({ schools: 3, students: 354 });
          for (const x of json(r).schools) {
            expect(x).toMatchObject({ students: null, classes: null, maxClassSize: null, overStandardClasses: null, teachers: null, status: null });
            expect(x.name).toBeTruthy();
          }
        },
        // The personnel staff: the list as aggregates, like the viewer.
        personnel: (r) => {
          listOf([A, B, C])(r);
          expect(json(r).perSchoolFigures).toBe(false);
          expect(json(r).schools.every((x: { students: number | null }) => x.students === null)).toBe(true);
        },
      },
    },
    {
      route: 'registry.exportSchools',
      method: 'GET',
      url: `/api/schools/export.xlsx?year=${Y}`,
      expect: signedIn(),
      scoped: {
        admin: listFile([A, B, C], true),
        clerkA: listFile([A], true),
        inspector: listFile([B], true),
        viewer: listFile([A, B, C], false),
        personnel: listFile([A, B, C], false),
      },
    },
    {
      route: 'registry.getSchool',
      note: 'school A',
      method: 'GET',
      url: `/api/schools/${A}`,
      expect: only('ok', 'admin', 'analyst', 'clerkA', 'viewer', 'health', 'personnel'),
      scoped: { clerkA: (r) => expect(json(r).school).toMatchObject({ code: A, name: SCHOOL_A.name }) },
    },
    { route: 'registry.getSchool', note: 'school B', method: 'GET', url: `/api/schools/${B}`, expect: only('ok', 'admin', 'analyst', 'clerkB', 'inspector', 'viewer', 'health', 'personnel') },
    {
      route: 'registry.listRecords',
      note: 'school A',
      method: 'GET',
      url: `/api/schools/${A}/stats`,
      expect: readersOfA,
      scoped: { clerkA: (r) => expect(json(r).records.map((x: { year: number }) => x.year)).toEqual([Y]) },
    },
    { route: 'registry.listRecords', note: 'school B', method: 'GET', url: `/api/schools/${B}/stats`, expect: readersOfB },
    {
      route: 'registry.getRecord',
      note: 'school A',
      method: 'GET',
      url: statsOfA,
      expect: readersOfA,
      scoped: { clerkA: (r) => expect(json(r).record).toMatchObject({ schoolCode: A, year: Y, status: 'draft', values: { teachersTotal: 10 } }) },
    },
    {
      route: 'registry.getRecord',
      note: 'school B',
      method: 'GET',
      url: `/api/schools/${B}/stats/${Y}`,
      expect: readersOfB,
      scoped: {
        inspector: (r) =>
          expect(json(r).record.enrolments).toEqual([
            { grade: 1, students: 90 },
            { grade: 2, students: 40 },
          ]),
      },
    },

    // ---- the Excel files ----
    {
      route: 'registry.template',
      note: 'every school in scope',
      method: 'GET',
      url: `/api/template?year=${Y}`,
      expect: only('ok', 'admin', 'analyst', 'clerkA', 'clerkB', 'inspector'),
      scoped: { admin: inFile([A, B, C]), clerkA: inFile([A]), clerkB: inFile([B]), inspector: inFile([B]) },
    },
    {
      route: 'registry.template',
      note: 'school A asked for: a clerk of B still gets B’s, the inspector may not have A’s',
      method: 'GET',
      url: `/api/template?year=${Y}&school=${A}`,
      expect: only('ok', 'admin', 'analyst', 'clerkA', 'clerkB'),
      scoped: {
        analyst: async (r) => {
          expect(fileName(r)).toBe(`统计填报模板-${A}-${Y}学年.xlsx`);
          await inFile([A])(r);
        },
        clerkB: async (r) => {
          expect(fileName(r)).toBe(`统计填报模板-${B}-${Y}学年.xlsx`);
          await inFile([B])(r);
        },
      },
    },
    {
      route: 'registry.template',
      note: 'school B asked for',
      method: 'GET',
      url: `/api/template?year=${Y}&school=${B}`,
      expect: only('ok', 'admin', 'analyst', 'clerkA', 'clerkB', 'inspector'),
      scoped: { inspector: inFile([B]), clerkA: inFile([A]) },
    },
    {
      route: 'registry.export',
      method: 'GET',
      url: `/api/export?year=${Y}`,
      expect: only('ok', 'admin', 'analyst', 'clerkA', 'clerkB', 'inspector'),
      scoped: { admin: inFile([A, B, C]), analyst: inFile([A, B, C]), clerkA: inFile([A]), clerkB: inFile([B]), inspector: inFile([B]) },
    },
    // Uploading the stored figures changes nothing; a clerk of another school is allowed the route but refused the
    // file's school (422, naming it).
    {
      route: 'registry.import',
      note: 'a file with school A',
      method: 'POST',
      url: `/api/import?year=${Y}`,
      file: { name: 'A.xlsx', content: s.fileA },
      expect: { ...editorsOfA('ok'), clerkB: 422 },
      scoped: {
        clerkA: (r) => expect(json(r)).toEqual({ ok: true, schools: 1, changedSchools: 0, changedFields: 0, unchanged: true }),
        clerkB: (r) => expect(JSON.stringify(json(r).problems)).toContain(A),
      },
    },
    {
      route: 'registry.import',
      note: 'a file with school B',
      method: 'POST',
      url: `/api/import?year=${Y}`,
      file: { name: 'B.xlsx', content: s.fileB },
      expect: { ...only('ok', 'admin', 'analyst', 'clerkB'), clerkA: 422 },
      scoped: { clerkB: (r) => expect(json(r)).toMatchObject({ ok: true, schools: 1, unchanged: true }) },
    },

    // ---- school A's figures through the workflow (rows run in order, each for every identity in turn) ----
    { route: 'registry.saveRecord', note: 'A, draft', method: 'PUT', url: statsOfA, body: sampleRecord(), expect: editorsOfA('ok') },
    // The inspector is assigned to B but never writes.
    { route: 'registry.saveRecord', note: 'B, draft', method: 'PUT', url: `/api/schools/${B}/stats/${Y}`, body: recordB(), expect: only('ok', 'admin', 'analyst', 'clerkB') },
    // The admin submits; for the analyst and the clerk, next, it is already submitted.
    {
      route: 'registry.submit',
      note: 'A, draft → submitted',
      method: 'POST',
      url: `${statsOfA}/submit`,
      expect: { ...editorsOfA(409), admin: 'ok' },
      scoped: { admin: (r) => expect(json(r).record).toMatchObject({ status: 'submitted', submittedBy: 'admin' }) },
    },
    // Submitted figures are frozen for the clerk; the bureau may still correct them.
    { route: 'registry.saveRecord', note: 'A, submitted', method: 'PUT', url: statsOfA, body: sampleRecord(), expect: { ...editorsOfA('ok'), clerkA: 409 } },
    {
      route: 'registry.review',
      method: 'GET',
      url: `/api/review?year=${Y}&status=submitted`,
      expect: only('ok', 'admin', 'analyst'),
      scoped: { analyst: (r) => expect(json(r).items.map((i: { schoolCode: string; status: string }) => `${i.schoolCode}:${i.status}`)).toEqual([`${A}:submitted`, `${C}:submitted`]) },
    },
    {
      route: 'registry.exportReview',
      method: 'GET',
      url: `/api/review/export.xlsx?year=${Y}&status=submitted`,
      expect: only('ok', 'admin', 'analyst'),
      scoped: {
        analyst: async (r) => {
          const rows = await sheetRows(r);
          expect(rows.filter((x) => /^\d{10}$/.test(String(x[0]))).map((x) => `${x[0]}:${x[3]}`)).toEqual([`${A}:已提交`, `${C}:已提交`]);
        },
      },
    },
    {
      route: 'registry.return',
      note: 'A, submitted → returned',
      method: 'POST',
      url: `${statsOfA}/return`,
      body: { comment: '请核对 / please check' },
      expect: { ...only('ok', 'admin'), analyst: 409 },
      scoped: { admin: (r) => expect(json(r).record).toMatchObject({ status: 'returned', reviewComment: '请核对 / please check' }) },
    },
    { route: 'registry.submit', note: 'A, returned → submitted', method: 'POST', url: `${statsOfA}/submit`, expect: { ...editorsOfA(409), admin: 'ok' } },
    {
      route: 'registry.approve',
      note: 'A, submitted → approved',
      method: 'POST',
      url: `${statsOfA}/approve`,
      expect: { ...only('ok', 'admin'), analyst: 409 },
      scoped: { admin: (r) => expect(json(r).record.status).toBe('approved') },
    },
    // Approved figures are locked for everyone until the bureau reopens them.
    { route: 'registry.saveRecord', note: 'A, approved', method: 'PUT', url: statsOfA, body: sampleRecord(), expect: editorsOfA(409) },
    {
      route: 'registry.reopen',
      note: 'A, approved → draft',
      method: 'POST',
      url: `${statsOfA}/reopen`,
      expect: { ...only('ok', 'admin'), analyst: 409 },
      scoped: { admin: (r) => expect(json(r).record.status).toBe('draft') },
    },

    // ---- the registry itself: the bureau only, even for the clerk of the school ----
    {
      route: 'registry.updateSchool',
      note: 'school A',
      method: 'PUT',
      url: `/api/schools/${A}`,
      body: card,
      expect: only('ok', 'admin', 'analyst'),
      scoped: { analyst: (r) => expect(json(r).school).toMatchObject({ code: A, groupName: '矩阵教共体', districtId: SCHOOL_A.districtId }) },
    },
    // The admin creates it; for the analyst, next, the code exists (409).
    {
      route: 'registry.createSchool',
      method: 'POST',
      url: '/api/schools',
      body: { ...SCHOOL_C, code: NEW_SCHOOL, name: '矩阵新学校' },
      expect: { ...only('ok', 'admin'), analyst: 409 },
      scoped: { admin: (r) => expect(json(r).school).toMatchObject({ code: NEW_SCHOOL, level: '初中', isOpen: true }) },
    },
  ];
}
