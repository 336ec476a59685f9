// RBAC rows of teachers: training. Expectations written from the rules, by hand (not read from the policy):
//   - the summary per school and the course list are aggregates ('teachers.read'): the bureau (admin, analyst), the
//     personnel staff, clerks (their own school's row), the inspector (the assigned school B), the viewer (every
//     school's aggregates); not the health staff;
//   - the teachers below the target, its export, one teacher's hours and a course's attendees are teachers' rows
//     ('teachers.roster'): the personnel staff and the clerks of the own school only (clerkB is refused school A);
//   - recording attendance (form, removal, import, template) is 'teachers.edit': the personnel staff and the clerks;
//   - creating, changing and deleting courses is 'teachers.manage': the personnel staff only.
// The rows that name a course or teacher name none that exists, and meet the service's own 404 (no such course or
// teacher) or 422 (a file naming no course) once the policy lets them through; everyone else gets 403.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { only, type Expect, type Identity, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const NO_COURSE = 2147483647;
const COURSE = { title: 'RBAC 培训', provider: '县教师发展中心', level: '县级', hours: 24, startDate: '2025-03-01', endDate: '2025-03-02' };
const FILE = Buffer.from(`培训项目编号,教师编号,学时\n${NO_COURSE},T999999,8\n`);

const seen = (r: LightMyRequestResponse) => r.json<{ schools: { schoolCode: string }[] }>().schools.map((s) => s.schoolCode);
/** Exactly these schools (a clerk's own, an inspector's assigned). */
const schoolsSeen = (codes: string[]) => (r: LightMyRequestResponse) => expect(seen(r)).toEqual(codes);
/** Every school (earlier tables may have added schools to the district). */
const allSchools = (r: LightMyRequestResponse) => expect(seen(r)).toEqual(expect.arrayContaining([A, B, C]));
/** Teacher rows of these schools only (earlier tables may have put a roster in place). */
const rowsOf = (codes: string[]) => (r: LightMyRequestResponse) => expect(r.json<{ rows: { schoolCode: string }[] }>().rows.filter((x) => !codes.includes(x.schoolCode))).toEqual([]);
const code = (c: string) => (r: LightMyRequestResponse) => expect(r.json<{ error: { code: string } }>().error.code).toBe(c);
const each = <T>(who: Identity[], f: T) => Object.fromEntries(who.map((w) => [w, f])) as Partial<Record<Identity, T>>;
/** Aggregates: everyone signed in but the health staff. */
const READ: Record<Identity, Expect> = { ...only('ok', 'admin', 'analyst', 'personnel', 'clerkA', 'clerkB', 'inspector', 'viewer') };
const ROWS: Identity[] = ['personnel', 'clerkA', 'clerkB'];

export function trainingRows(): MatrixRow[] {
  return [
    {
      route: 'training.summary',
      method: 'GET',
      url: '/api/teachers/training?year=2025',
      expect: READ,
      scoped: {
        ...each(['admin', 'analyst', 'personnel', 'viewer'] as Identity[], allSchools),
        clerkA: schoolsSeen([A]),
        clerkB: schoolsSeen([B]),
        inspector: schoolsSeen([B]),
      },
    },
    { route: 'training.courses', method: 'GET', url: '/api/teachers/training/courses', expect: READ },
    {
      route: 'training.createCourse',
      method: 'POST',
      url: '/api/teachers/training/courses',
      body: COURSE,
      expect: only('ok', 'personnel'),
      scoped: { personnel: (r) => expect(r.json<{ title: string; creditedYear: number }>()).toMatchObject({ title: COURSE.title, creditedYear: 2025 }) },
    },
    { route: 'training.updateCourse', method: 'PUT', url: `/api/teachers/training/courses/${NO_COURSE}`, body: COURSE, expect: only(404, 'personnel'), scoped: { personnel: code('not_found') } },
    { route: 'training.deleteCourse', method: 'DELETE', url: `/api/teachers/training/courses/${NO_COURSE}`, expect: only(404, 'personnel'), scoped: { personnel: code('not_found') } },
    { route: 'training.courseAttendees', method: 'GET', url: `/api/teachers/training/courses/${NO_COURSE}/attendance`, expect: only(404, ...ROWS), scoped: each(ROWS, code('not_found')) },
    {
      route: 'training.below',
      note: 'school A',
      method: 'GET',
      url: `/api/teachers/training/below?year=2025&school=${A}`,
      expect: only('ok', 'personnel', 'clerkA'),
      scoped: each(['personnel', 'clerkA'] as Identity[], rowsOf([A])),
    },
    { route: 'training.below', note: 'own schools', method: 'GET', url: '/api/teachers/training/below?year=2025', expect: only('ok', ...ROWS), scoped: { clerkA: rowsOf([A]), clerkB: rowsOf([B]) } },
    { route: 'training.belowExport', note: 'school A', method: 'GET', url: `/api/teachers/training/below.xlsx?year=2025&school=${A}`, expect: only('ok', 'personnel', 'clerkA') },
    // An unknown teacher: the personnel staff learn it does not exist (404); a clerk only that it is not theirs (403).
    {
      route: 'training.teacher',
      method: 'GET',
      url: '/api/teachers/training/teachers/T999999',
      expect: { ...only(404, 'personnel'), clerkA: 403, clerkB: 403 },
      scoped: { personnel: code('not_found') },
    },
    {
      route: 'training.addAttendance',
      method: 'POST',
      url: '/api/teachers/training/attendance',
      body: { courseId: NO_COURSE, teacherId: 'T999999' },
      expect: only(404, ...ROWS),
      scoped: each(ROWS, code('not_found')),
    },
    { route: 'training.removeAttendance', method: 'DELETE', url: `/api/teachers/training/attendance/${NO_COURSE}/T999999`, expect: only(404, ...ROWS), scoped: each(ROWS, code('not_found')) },
    {
      route: 'training.importAttendance',
      method: 'POST',
      url: '/api/teachers/training/attendance/import',
      file: { name: 'attendance.csv', content: FILE },
      expect: only(422, ...ROWS),
      scoped: each(ROWS, code('invalid_file')),
    },
    {
      route: 'training.template',
      method: 'GET',
      url: '/api/teachers/training/attendance/template.xlsx',
      expect: only('ok', ...ROWS),
      scoped: each(ROWS, (r: LightMyRequestResponse) => expect(r.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')),
    },
  ];
}
