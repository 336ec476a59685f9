// RBAC rows of growth (增值评价): the exam pairs, value-added, students, targets, the workbook and the PDF report.
// Expectations written from the rules, by hand (not read from src/core/auth/policy.ts):
//   - aggregates (pairs, school and class value-added, targets, the workbook and the report): every signed-in user
//     but the personnel staff (人事专员: teachers only, no growth);
//     a clerk sees the district figures and the own school's rows only, everyone else every school;
//   - student rows: the bureau (any school), a clerk (own school), an inspector (assigned schools: B here);
//     viewers none; names only for the bureau and the clerk of the school — never for inspectors;
//   - value-added of a group below the minimum n (20): figures only for users with pupil-level rights for its school
//     (as for student rows), n and a flag for everyone else; minN below 20 only for the bureau.
// The data: the two small exams of test/api/growth-fixture.ts (schools A, B, C of test/helpers.ts), imported through
// the exam API by setupGrowth; the rows then need the ids of the two exams.
import { expect } from 'vitest';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { signIn } from '../helpers.js';
import { csvOf, growthFixture, SUBJECTS } from '../api/growth-fixture.js';
import { findChromium } from '../../src/core/pdf.js';
import { everyone, type Expect, type Identity, type MatrixRow, type TestApp } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';

const ALL = [A, B, C];

/** Those holding growth.read: every signed-in role but the personnel staff. */
const readers = (v: Expect): Record<Identity, Expect> => ({ ...everyone(v), personnel: 403 });

export interface GrowthSeed {
  from: number;
  to: number;
}

/** Import the fixture's entry and exit exams (as the analyst, through the exam API); their ids. */
export async function setupGrowth(t: TestApp): Promise<GrowthSeed> {
  const c = await signIn(t.app, 'analyst');
  const f = growthFixture();
  const make = async (name: string, date: string, grade: number, csv: Buffer) => {
    const r = await c.post('/api/exams', { name, date, term: '第二学期', grade, type: '期末', scope: '全县', subjects: SUBJECTS });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().exam.id as number;
    const imp = await c.upload(`/api/exams/${id}/import?wait=1`, csv, `${id}.csv`);
    expect(imp.statusCode, imp.body).toBe(200);
    return id;
  };
  const from = await make('矩阵·七年级期末', '2024-06-27', 7, csvOf(f.entry));
  const to = await make('矩阵·八年级期末', '2025-06-26', 8, csvOf(f.exit));
  return { from, to };
}

const json = <T>(r: LightMyRequestResponse): T => r.json<T>();
const codes = (list: { school: string }[]) => [...new Set(list.map((x) => x.school))].sort();

/** value-added: the rows a user sees, and nothing about single students. */
function vaSees(scope: 'all' | 'own', schools: string[]) {
  return (r: LightMyRequestResponse) => {
    const v = json<{ scope: string; schools: { school: string }[]; classes: { school: string }[]; gain: { school: string }[]; district: { schools: number }; model: { n: number } }>(r);
    expect(v.scope).toBe(scope);
    expect(codes(v.schools)).toEqual(schools);
    expect(codes(v.classes)).toEqual(schools);
    expect(codes(v.gain)).toEqual(schools);
    // The district model and figures are the same for everyone: 69 linked students in 3 schools.
    expect([v.model.n, v.district.schools]).toEqual([69, 3]);
    expect(r.body).not.toMatch(/G0\d{3}/); // no 学籍号 in an aggregate answer
  };
}

/**
 * value-added below the minimum n (20; C has 12 linked students, A's two classes 15 each): a user without pupil-level
 * rights for the school gets n, the flag and null figures; one with them (the bureau, the own clerk, the assigned
 * inspector) every figure. `minN` is what the request asked for: below 20 only the bureau gets it.
 */
function smallCells(minN: number, withheldFor: string[]) {
  return (r: LightMyRequestResponse) => {
    const v = json<{
      minN: number;
      schools: { school: string; n: number; effect: number | null; withheld: boolean }[];
      classes: { school: string; n: number; effect: number | null; withheld: boolean }[];
    }>(r);
    expect(v.minN).toBe(minN);
    for (const row of [...v.schools, ...v.classes]) {
      const hidden = row.n < minN && withheldFor.includes(row.school);
      expect(row.withheld, `${row.school} n=${row.n}`).toBe(hidden);
      expect(row.effect === null, `${row.school} n=${row.n}`).toBe(hidden);
    }
  };
}
const both =
  (...fs: ((r: LightMyRequestResponse) => void)[]) =>
  (r: LightMyRequestResponse) => {
    for (const f of fs) f(r);
  };

/** students: the school answered, how many rows, and whether names are there. */
function studentsOf(school: string, n: number, names: boolean) {
  return (r: LightMyRequestResponse) => {
    const v = json<{ school: string; namesShown: boolean; students: { name: string | null }[] }>(r);
    expect(v.school).toBe(school);
    expect(v.students).toHaveLength(n);
    expect(v.namesShown).toBe(names);
    if (names) expect(v.students.every((s) => typeof s.name === 'string' && s.name.startsWith('学生'))).toBe(true);
    else {
      expect(v.students.every((s) => s.name === null)).toBe(true);
      expect(r.body).not.toContain('学生'); // the fixture's names are 学生1 …
    }
  };
}

/** targets: the schools of every series' rows — exactly these, or (every school in scope) at least the fixture's three. */
function targetsOf(schools: string[] | 'all', school: string | null) {
  return (r: LightMyRequestResponse) => {
    const v = json<{ school: string | null; series: { metrics: { schools: { school: string }[] }[] }[] }>(r);
    expect(v.school).toBe(school);
    expect(v.series.length).toBeGreaterThan(0);
    const seen = codes(v.series.flatMap((s) => s.metrics.flatMap((m) => m.schools)));
    if (schools === 'all') expect(seen).toEqual(expect.arrayContaining(ALL));
    else expect(seen).toEqual(schools);
  };
}

/** The workbook's sheet 学校增值 lists these school codes. */
function workbookOf(schools: string[]) {
  return async (r: LightMyRequestResponse) => {
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const found: string[] = [];
    wb.getWorksheet('学校增值')!.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string' && /^\d{10}$/.test(v)) found.push(v);
    });
    expect(found.sort()).toEqual(schools);
  };
}

const pdf = (r: LightMyRequestResponse) => {
  expect(r.headers['content-type']).toBe('application/pdf');
  expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
};

// Without a Chromium on the machine every PDF answers 503 (pdf_unavailable) after the policy let it through.
const PDF_OK: Expect = findChromium() ? 200 : 503;

export function growthRows({ from, to }: GrowthSeed): MatrixRow[] {
  const pair = `from=${from}&to=${to}`;
  const math = `${pair}&subject=${encodeURIComponent('数学')}`;
  return [
    {
      route: 'growth.exams',
      method: 'GET',
      url: '/api/growth/exams',
      expect: readers(200),
      // Other tables' exams may share students too: the fixture's pair is among the pairs.
      scoped: { clerkA: (r) => expect(json<{ pairs: unknown[] }>(r).pairs).toContainEqual({ from, to, shared: 70, subjects: ['语文', '数学', '总分'] }) },
    },
    {
      route: 'growth.valueAdded',
      method: 'GET',
      url: `/api/growth/value-added?${math}`,
      expect: readers(200),
      scoped: {
        admin: both(vaSees('all', ALL), smallCells(20, [])),
        analyst: both(vaSees('all', ALL), smallCells(20, [])),
        clerkA: both(vaSees('own', [A]), smallCells(20, [])),
        clerkB: both(vaSees('own', [B]), smallCells(20, [])),
        inspector: both(vaSees('all', ALL), smallCells(20, [A, C])),
        viewer: both(vaSees('all', ALL), smallCells(20, ALL)),
      },
    },
    // minN=1 lowers the threshold for the bureau only (pupil-level rights for every school); everyone else keeps 20.
    {
      route: 'growth.valueAdded',
      note: 'minN=1',
      method: 'GET',
      url: `/api/growth/value-added?${math}&minN=1`,
      expect: readers(200),
      scoped: {
        admin: smallCells(1, []),
        analyst: smallCells(1, []),
        clerkA: smallCells(20, []),
        clerkB: smallCells(20, []),
        inspector: smallCells(20, [A, C]),
        viewer: smallCells(20, ALL),
      },
    },
    // Student rows of school A: the bureau and A's clerk (with names); not B's clerk, not the inspector (B only), not viewers.
    {
      route: 'growth.students',
      note: 'school A',
      method: 'GET',
      url: `/api/growth/students?${math}&school=${A}`,
      expect: { anonymous: 401, admin: 200, analyst: 200, clerkA: 200, clerkB: 403, inspector: 403, viewer: 403, health: 403, personnel: 403 },
      scoped: { admin: studentsOf(A, 30, true), analyst: studentsOf(A, 30, true), clerkA: studentsOf(A, 30, true) },
    },
    // School B: the inspector assigned to B sees the rows without names; B's clerk with names.
    {
      route: 'growth.students',
      note: 'school B',
      method: 'GET',
      url: `/api/growth/students?${math}&school=${B}`,
      expect: { anonymous: 401, admin: 200, analyst: 200, clerkA: 403, clerkB: 200, inspector: 200, viewer: 403, health: 403, personnel: 403 },
      scoped: { analyst: studentsOf(B, 27, true), clerkB: studentsOf(B, 27, true), inspector: studentsOf(B, 27, false) },
    },
    // No school named: a user with one school in scope gets it (a clerk: own; the inspector: B); the bureau must name one.
    {
      route: 'growth.students',
      note: 'no school',
      method: 'GET',
      url: `/api/growth/students?${math}`,
      expect: { anonymous: 401, admin: 400, analyst: 400, clerkA: 200, clerkB: 200, inspector: 200, viewer: 403, health: 403, personnel: 403 },
      scoped: { clerkA: studentsOf(A, 30, true), clerkB: studentsOf(B, 27, true), inspector: studentsOf(B, 27, false) },
    },
    {
      route: 'growth.targets',
      method: 'GET',
      url: '/api/growth/targets',
      expect: readers(200),
      scoped: {
        admin: targetsOf('all', null),
        clerkA: targetsOf([A], A),
        clerkB: targetsOf([B], B),
        inspector: targetsOf('all', null),
        viewer: targetsOf('all', null),
      },
    },
    // One school's targets: any user whose aggregates cover A; B's clerk is refused.
    {
      route: 'growth.targets',
      note: 'school A',
      method: 'GET',
      url: `/api/growth/targets?school=${A}`,
      expect: { anonymous: 401, admin: 200, analyst: 200, clerkA: 200, clerkB: 403, inspector: 200, viewer: 200, health: 200, personnel: 403 },
      scoped: { clerkA: targetsOf([A], A), inspector: targetsOf([A], A), viewer: targetsOf([A], A) },
    },
    {
      route: 'growth.exportXlsx',
      method: 'GET',
      url: `/api/growth/export.xlsx?${math}`,
      expect: readers(200),
      scoped: {
        admin: workbookOf(ALL),
        clerkA: workbookOf([A]),
        clerkB: workbookOf([B]),
        inspector: workbookOf(ALL),
        viewer: workbookOf(ALL),
      },
    },
    {
      route: 'growth.reportPdf',
      method: 'GET',
      url: `/api/growth/report.pdf?${math}`,
      expect: readers(PDF_OK),
      scoped: PDF_OK === 200 ? { analyst: pdf, clerkA: pdf, viewer: pdf } : {},
    },
  ];
}
