// RBAC rows of vision (student wellbeing). Expectations written from the rules, by hand (not read from the policy):
//   - the import: the bureau (admin, analyst) and its health staff;
//   - the myopia report and its workbook (aggregates): everyone signed in but the personnel staff
//     (人事专员) — the bureau and the health staff all
//     schools, a clerk the own school, an inspector the assigned schools, a viewer every school with small cells
//     withheld; the district row for all;
//   - pupil rows (sensitive personal information of minors): the health staff and the school's own clerk only — not
//     the other bureau roles, not an inspector, never a viewer.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { everyone, only, type Expect, type Identity, type MatrixRow } from './matrix.js';

/** Those holding wellbeing.read: every signed-in role but the personnel staff (人事专员: teachers only). */
const readers = (): Record<Identity, Expect> => ({ ...everyone(), personnel: 403 });

const A = '2133000001';
const B = '2133000002';
// One grade-3 pupil in school A (a myope: 4.8 with SE −1.00) and one in school B (not: 5.0).
const FILE = Buffer.from(`学籍号,学校代码,年级,性别,右眼裸眼视力,左眼裸眼视力,右眼等效球镜,左眼等效球镜\nV1,${A},3,男,4.8,4.9,-1.00,-0.75\nV2,${B},3,女,5.0,5.1,0.25,0\n`);

type Cells = { cells: { school: string | null; suppressed: boolean; myopiaRate: number | null; withAcuity: number }[] };
const schoolsIn = (r: LightMyRequestResponse) => [...new Set(r.json<Cells>().cells.map((c) => c.school))].sort();
const schoolsSeen = (want: (string | null)[]) => (r: LightMyRequestResponse) => expect(schoolsIn(r)).toEqual(want);
const xlsx = (r: LightMyRequestResponse) => expect(r.headers['content-type']).toContain('spreadsheetml');

export function visionRows(): MatrixRow[] {
  return [
    { route: 'vision.import', method: 'POST', url: '/api/wellbeing/vision/import?year=2026', file: { name: 'vision.csv', content: FILE }, expect: only('ok', 'admin', 'analyst', 'health') },
    {
      route: 'vision.report',
      method: 'GET',
      url: '/api/wellbeing/vision/report?year=2026',
      expect: readers(),
      scoped: {
        analyst: schoolsSeen([A, B, null]),
        health: (r) => {
          schoolsSeen([A, B, null])(r);
          // The health staff read every school's pupils: nothing withheld.
          expect(r.json<Cells>().cells.every((c) => !c.suppressed)).toBe(true);
        },
        clerkA: schoolsSeen([A, null]),
        clerkB: schoolsSeen([B, null]),
        inspector: schoolsSeen([B, null]),
        viewer: (r) => {
          schoolsSeen([A, B, null])(r);
          // One pupil per school: every cell withheld, the pupils counted still shown.
          expect(r.json<Cells>().cells.every((c) => c.suppressed && c.myopiaRate === null && c.withAcuity > 0)).toBe(true);
        },
      },
    },
    {
      route: 'vision.export',
      method: 'GET',
      url: '/api/wellbeing/vision/report.xlsx?year=2026',
      expect: readers(),
      scoped: { admin: xlsx, health: xlsx, clerkA: xlsx, viewer: xlsx },
    },
    { route: 'vision.students', note: 'school A', method: 'GET', url: `/api/wellbeing/vision/schools/${A}/students?year=2026`, expect: only('ok', 'health', 'clerkA') },
    { route: 'vision.students', note: 'school B', method: 'GET', url: `/api/wellbeing/vision/schools/${B}/students?year=2026`, expect: only('ok', 'health', 'clerkB') },
  ];
}
