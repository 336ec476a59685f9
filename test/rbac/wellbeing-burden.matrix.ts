// RBAC rows of homework and sleep (课业负担与睡眠, student wellbeing). Expectations written from the rules, by hand (not
// read from the policy):
//   - the import: the bureau (admin, analyst) and its health staff;
//   - the report and its workbook (aggregates): everyone signed in but the personnel staff (人事专员); the bureau and
//     the health staff every school, a clerk the own school, an inspector the assigned school, a viewer every school
//     with small cells withheld;
//   - pupil rows (sensitive personal information of minors): the health staff and the school's own clerk only —
//     not the other bureau roles, not an inspector, never a viewer.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { everyone, only, type Expect, type Identity, type MatrixRow } from './matrix.js';

/** Those holding wellbeing.read: every signed-in role but the personnel staff (人事专员: teachers only). */
const readers = (): Record<Identity, Expect> => ({ ...everyone(), personnel: 403 });

const A = '2133000001';
const B = '2133000002';
// One grade-4 pupil in school A and one in school B.
const FILE = Buffer.from(`学籍号,学校代码,年级,性别,书面作业时间,睡眠时间\nR1,${A},4,男,45,9.5\nR2,${B},4,女,75,10\n`);

const schoolsIn = (r: LightMyRequestResponse) => [...new Set(r.json<{ cells: { school: string | null }[] }>().cells.map((c) => c.school))].sort();
const schoolsSeen = (want: (string | null)[]) => (r: LightMyRequestResponse) => expect(schoolsIn(r)).toEqual(want);

export function burdenRows(): MatrixRow[] {
  return [
    {
      route: 'burden.import',
      method: 'POST',
      url: '/api/wellbeing/burden/import?year=2026&source=survey',
      file: { name: 'burden.csv', content: FILE },
      expect: only('ok', 'admin', 'analyst', 'health'),
    },
    {
      route: 'burden.report',
      method: 'GET',
      url: '/api/wellbeing/burden/report?year=2026',
      expect: readers(),
      scoped: {
        analyst: schoolsSeen([A, B, null]),
        health: (r) => {
          schoolsSeen([A, B, null])(r);
          // The health staff read every school's pupils: nothing withheld; A's one pupil (45 min) is within the limit.
          const cells = r.json<{ cells: { school: string | null; grade: number | null; sex: string | null; overShare: number | null; suppressed: boolean }[] }>().cells;
          expect(cells.every((c) => !c.suppressed)).toBe(true);
          expect(cells.find((c) => c.school === A && c.grade === null)?.overShare).toBe(0);
        },
        clerkA: schoolsSeen([A, null]),
        clerkB: schoolsSeen([B, null]),
        inspector: schoolsSeen([B, null]),
        viewer: (r) => {
          schoolsSeen([A, B, null])(r);
          const cells = r.json<{ cells: { records: number; overShare: number | null; suppressed: boolean }[] }>().cells;
          expect(cells.every((c) => c.suppressed && c.overShare === null && c.records > 0)).toBe(true);
        },
      },
    },
    { route: 'burden.reportXlsx', method: 'GET', url: '/api/wellbeing/burden/report.xlsx?year=2026', expect: readers() },
    { route: 'burden.pupils', note: 'school A', method: 'GET', url: `/api/wellbeing/burden/schools/${A}/pupils?year=2026`, expect: only('ok', 'health', 'clerkA') },
    { route: 'burden.pupils', note: 'school B', method: 'GET', url: `/api/wellbeing/burden/schools/${B}/pupils?year=2026`, expect: only('ok', 'health', 'clerkB') },
  ];
}
