// RBAC rows of teachers: roster. Expectations written from the rules, by hand (not read from the policy):
//   - a school's roster rows, one teacher's posts and the export name teachers ('teachers.roster'): the bureau's
//     personnel staff (every school) and the school's own clerk — not the admin or analysts, inspectors, viewers or the
//     health staff; a clerk naming another school is 403, and another school's teacher is not found (404);
//   - importing, editing rows, 结转 and the template ('teachers.edit'): the same people;
//   - which schools have a roster, with counts ('teachers.read', aggregates): the bureau (admin, analyst, personnel)
//     every school, a clerk the own school, the inspector the assigned school (B), the viewer every school; not the
//     health staff.
// The rows run in order on the shared RBAC district (school year 2024, whose statistics no earlier table closes): the
// clerk of A imports one teacher (T000001: the district's first person), the personnel staff imports the same file
// (the 身份证号 matches the same person), rows are read, exported, added, edited; 结转 into 2024 is refused (409: the
// year has a roster); the rows are deleted at the end, so that no teacher stays for the tables after this one.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { only, type Identity, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const Y = 2024;
// 身份证号 33090219850301002X: born 1985, 17th digit 2 (女), check character X (GB 11643, worked out by hand).
const FILE = Buffer.from(
  '工号,姓名,性别,出生年份,身份证号,任教学科,岗位,最高学历,职称,教师资格证,骨干级别,骨干认定年份,梯队,本校任教起始年,用工形式\n' +
    'A01,张丽,女,1985,33090219850301002X,语文,专任,本科,一级,有,县级,2020,,2012,在编\n',
);
const FIRST = 'T000001';
const FORM = {
  name: '王强',
  sex: '男',
  birthYear: 1996,
  idNumber: '33090219960715011X',
  section: null,
  staffNo: 'A02',
  subjects: ['体育'],
  post: '专任',
  qualification: '专科',
  title: '二级',
  certified: true,
  backboneLevel: null,
  backboneYear: null,
  tier: null,
  schoolSince: 2019,
  employment: '在编',
};
const SECOND = 'T000002';

const status = (code: number) => (r: LightMyRequestResponse) => expect(r.statusCode, r.body).toBe(code);
const codes = (r: LightMyRequestResponse) => r.json<{ schools: { code: string }[] }>().schools.map((s) => s.code);
const rosterNames = (r: LightMyRequestResponse) => r.json<{ rows: { name: string }[] }>().rows.map((x) => x.name);
const isXlsx = (r: LightMyRequestResponse) => expect(r.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
const editors = (check: (r: LightMyRequestResponse) => void): Partial<Record<Identity, (r: LightMyRequestResponse) => void>> => ({ clerkA: check, personnel: check });

export function rosterRows(): MatrixRow[] {
  return [
    {
      route: 'roster.schools',
      method: 'GET',
      url: `/api/teachers/roster/schools?year=${Y}`,
      expect: only('ok', 'admin', 'analyst', 'clerkA', 'clerkB', 'inspector', 'viewer', 'personnel'),
      scoped: {
        clerkA: (r) => expect(codes(r)).toEqual([A]),
        clerkB: (r) => expect(codes(r)).toEqual([B]),
        inspector: (r) => expect(codes(r)).toEqual([B]),
        personnel: (r) => expect(codes(r)).toEqual(expect.arrayContaining([A, B, C])),
        viewer: (r) => expect(codes(r)).toEqual(expect.arrayContaining([A, B, C])),
      },
    },
    { route: 'roster.template', note: 'school A', method: 'GET', url: `/api/teachers/roster/template.xlsx?school=${A}`, expect: only('ok', 'clerkA', 'personnel'), scoped: editors(isXlsx) },
    { route: 'roster.template', note: 'no school', method: 'GET', url: '/api/teachers/roster/template.xlsx', expect: only('ok', 'clerkA', 'clerkB', 'personnel'), scoped: { personnel: isXlsx } },
    {
      route: 'roster.import',
      method: 'POST',
      url: `/api/teachers/roster/import?school=${A}&year=${Y}`,
      file: { name: 'roster.csv', content: FILE },
      expect: only('ok', 'clerkA', 'personnel'),
      scoped: editors((r) => expect(r.json<{ rows: number; fullTime: number }>()).toMatchObject({ rows: 1, fullTime: 1 })),
    },
    {
      route: 'roster.list',
      note: 'school A',
      method: 'GET',
      url: `/api/teachers/roster?school=${A}&year=${Y}`,
      expect: only('ok', 'clerkA', 'personnel'),
      scoped: editors((r) => expect(rosterNames(r)).toEqual(['张丽'])),
    },
    { route: 'roster.list', note: 'school B', method: 'GET', url: `/api/teachers/roster?school=${B}&year=${Y}`, expect: only('ok', 'clerkB', 'personnel') },
    {
      route: 'roster.teacher',
      note: 'a teacher of A',
      method: 'GET',
      url: `/api/teachers/roster/teachers/${FIRST}`,
      expect: { ...only('ok', 'clerkA', 'personnel'), clerkB: 404 },
      scoped: editors((r) => expect(r.json<{ name: string; posts: { schoolCode: string }[] }>()).toMatchObject({ name: '张丽', posts: [{ schoolCode: A }] })),
    },
    { route: 'roster.export', note: 'school A', method: 'GET', url: `/api/teachers/roster/export.xlsx?school=${A}&year=${Y}`, expect: only('ok', 'clerkA', 'personnel'), scoped: editors(isXlsx) },
    { route: 'roster.export', note: 'every school in scope', method: 'GET', url: `/api/teachers/roster/export.xlsx?year=${Y}`, expect: only('ok', 'clerkA', 'clerkB', 'personnel') },
    {
      route: 'roster.create',
      note: 'the clerk adds him; the personnel staff then meets him on the roster (409)',
      method: 'POST',
      url: `/api/teachers/roster/rows?school=${A}&year=${Y}`,
      body: FORM,
      expect: only('allowed', 'clerkA', 'personnel'),
      scoped: { clerkA: status(200), personnel: status(409) },
    },
    {
      route: 'roster.update',
      method: 'PUT',
      url: `/api/teachers/roster/rows/${SECOND}?school=${A}&year=${Y}`,
      body: { ...FORM, title: '一级' },
      expect: only('ok', 'clerkA', 'personnel'),
    },
    {
      route: 'roster.carryForward',
      note: `${Y} already has a roster: refused (409)`,
      method: 'POST',
      url: `/api/teachers/roster/carry-forward?school=${A}&year=${Y}`,
      expect: only(409, 'clerkA', 'personnel'),
    },
    {
      route: 'roster.remove',
      note: 'the clerk removes him; then he is not on the roster (404)',
      method: 'DELETE',
      url: `/api/teachers/roster/rows/${SECOND}?school=${A}&year=${Y}`,
      expect: only('allowed', 'clerkA', 'personnel'),
      scoped: { clerkA: status(200), personnel: status(404) },
    },
    {
      route: 'roster.remove',
      note: 'the first teacher, removed by the personnel staff after the clerk (the roster is empty again)',
      method: 'DELETE',
      url: `/api/teachers/roster/rows/${FIRST}?school=${A}&year=${Y}`,
      expect: only('allowed', 'clerkA', 'personnel'),
      scoped: { clerkA: status(200), personnel: status(404) },
    },
  ];
}
