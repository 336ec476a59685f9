// RBAC rows of student wellbeing (学生健康). Expectations written from the rules, by hand (not read from the policy):
//   - the fitness report (aggregates): the bureau all schools; a clerk the own school; an inspector the assigned
//     schools; a viewer every school's aggregates with small cells withheld; the district row for everyone signed in
//     but the personnel staff (人事专员: teachers only, no wellbeing);
//   - the import: the bureau and its health staff;
//   - the report's item figures of one school (?school=): whoever may read that school's aggregates (a clerk of
//     another school and an inspector not assigned to it: refused);
//   - pupil rows and their .xlsx (sensitive personal information of minors): the bureau's health staff and the
//     school's own clerk only — not the other bureau roles, not an inspector, never a viewer.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { everyone, only, type Expect, type Identity, type MatrixRow } from './matrix.js';

/** Those holding wellbeing.read: every signed-in role but the personnel staff (人事专员: teachers only). */
const readers = (): Record<Identity, Expect> => ({ ...everyone(), personnel: 403 });

const A = '2133000001';
const B = '2133000002';
// One grade-3 boy in school A and one in school B (scores do not matter here).
const FILE = Buffer.from(`学籍号,学校代码,年级,性别,身高,体重,肺活量,50米跑,坐位体前屈,1分钟跳绳,1分钟仰卧起坐\nW1,${A},3,男,135,30,1700,9.5,10.2,104,36\nW2,${B},3,男,135,30,900,11.5,-0.8,34,16\n`);

const schoolsIn = (r: LightMyRequestResponse) => [...new Set(r.json<{ cells: { school: string | null }[] }>().cells.map((c) => c.school))].sort();
const schoolsSeen = (want: (string | null)[]) => (r: LightMyRequestResponse) => expect(schoolsIn(r)).toEqual(want);

export function wellbeingRows(): MatrixRow[] {
  return [
    { route: 'wellbeing.fitnessImport', method: 'POST', url: '/api/wellbeing/fitness/import?year=2026', file: { name: 'fit.csv', content: FILE }, expect: only('ok', 'admin', 'analyst', 'health') },
    {
      route: 'wellbeing.fitnessReport',
      method: 'GET',
      url: '/api/wellbeing/fitness/report?year=2026',
      expect: readers(),
      scoped: {
        analyst: schoolsSeen([A, B, null]),
        health: (r) => {
          schoolsSeen([A, B, null])(r);
          // The health staff read every school's pupils: nothing withheld.
          expect(r.json<{ cells: { suppressed: boolean }[] }>().cells.every((c) => !c.suppressed)).toBe(true);
        },
        clerkA: schoolsSeen([A, null]),
        clerkB: schoolsSeen([B, null]),
        inspector: schoolsSeen([B, null]),
        viewer: (r) => {
          schoolsSeen([A, B, null])(r);
          // One pupil per school: every cell withheld, counts kept.
          const cells = r.json<{ cells: { tested: number; passRate: number | null; suppressed: boolean }[] }>().cells;
          expect(cells.every((c) => c.suppressed && c.passRate === null && c.tested > 0)).toBe(true);
        },
      },
    },
    {
      route: 'wellbeing.fitnessReport',
      note: 'item figures of school A',
      method: 'GET',
      url: `/api/wellbeing/fitness/report?year=2026&school=${A}`,
      expect: { ...readers(), clerkB: 403, inspector: 403 },
      scoped: {
        health: (r) => expect(r.json<{ items: { school: string | null } }>().items.school).toBe(A),
        viewer: (r) => {
          // One pupil: the school's item figures are withheld from a viewer.
          const f = r.json<{ items: { figures: { suppressed: boolean; scored: number }[] } }>().items.figures;
          expect(f.filter((x) => x.scored > 0).every((x) => x.suppressed)).toBe(true);
        },
      },
    },
    { route: 'wellbeing.fitnessStudents', note: 'school A', method: 'GET', url: `/api/wellbeing/fitness/schools/${A}/students?year=2026`, expect: only('ok', 'health', 'clerkA') },
    {
      route: 'wellbeing.fitnessStudents',
      note: 'school B',
      method: 'GET',
      url: `/api/wellbeing/fitness/schools/${B}/students?year=2026`,
      expect: only('ok', 'health', 'clerkB'),
    },
    { route: 'wellbeing.fitnessStudentsXlsx', note: 'school A', method: 'GET', url: `/api/wellbeing/fitness/schools/${A}/students.xlsx?year=2026`, expect: only('ok', 'health', 'clerkA') },
    { route: 'wellbeing.fitnessStudentsXlsx', note: 'school B', method: 'GET', url: `/api/wellbeing/fitness/schools/${B}/students.xlsx?year=2026`, expect: only('ok', 'health', 'clerkB') },
  ];
}
