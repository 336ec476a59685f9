// RBAC rows of the exam routes (成绩检测). Expectations written by hand from the rules:
//   exams and their aggregate reports (list, one exam, report, PDF, compare, items, the workbook): every signed-in
//     user but the personnel staff (人事专员: teachers only); a clerk's report, comparison and workbook are cut to their own school; naming a school (PDF, workbook)
//     outside a clerk's own is refused;
//   create, change, import, follow an import job: the bureau (admin, analyst); delete: the admin only;
//   a school's student rows and report cards: the bureau (all schools), a clerk (own school), an inspector
//     (assigned schools: B); viewers never see a student row; the report card of a pupil outside the scope is 404,
//     as for a pupil that does not exist;
//   students' names: the bureau and the student's own school's clerk — an inspector sees the rows without names.
// The seed: exam E with 6 students (A01–A03 at school A, B01–B03 at school B), 数学 with two items; an earlier exam
// with the same students (for the comparison), whose import is the finished job; an empty exam to change and delete.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DISTRICT, SCHOOL_A, SCHOOL_B } from '../helpers.js';
import { only, type Expect, type Identity, type MatrixRow, type TestApp } from './matrix.js';
import type { CurrentUser } from '../../src/core/auth/roles.js';

const A = SCHOOL_A.code;
const B = SCHOOL_B.code;

export interface ExamSeed {
  examId: number;
  earlierId: number;
  emptyId: number;
  jobId: string;
}

const SUBJECTS = [
  { subject: '语文', fullMarks: 100 },
  {
    subject: '数学',
    fullMarks: 20,
    items: [
      { label: '1', fullMarks: 10 },
      { label: '2', fullMarks: 10 },
    ],
  },
];
// 学籍号, 姓名, school, class, 语文, 数学.1, 数学.2 (数学 = the sum of its items).
const STUDENTS: [string, string, string, string, number, number, number][] = [
  ['A01', '甲一', A, '1班', 90, 10, 8],
  ['A02', '甲二', A, '1班', 80, 10, 5],
  ['A03', '甲三', A, '2班', 70, 5, 5],
  ['B01', '乙一', B, '1班', 60, 6, 6],
  ['B02', '乙二', B, '1班', 50, 4, 4],
  ['B03', '乙三', B, '1班', 85, 10, 10],
];
const examCsv = () =>
  Buffer.from(
    ['学籍号,姓名,学校代码,班级,语文,数学,数学.1,数学.2', ...STUDENTS.map(([id, name, school, klass, c, m1, m2]) => `${id},${name},${school},${klass},${c},${m1 + m2},${m1},${m2}`)].join('\n'),
  );
const earlierCsv = () => Buffer.from(['学籍号,姓名,学校代码,班级,语文,数学', ...STUDENTS.map(([id, name, school, klass, c], i) => `${id},${name},${school},${klass},${c - i},${10 + i}`)].join('\n'));

/** The exams the rows need, created and imported through the exam service as the district's admin. */
export async function setupExams(t: TestApp): Promise<ExamSeed> {
  const admin: CurrentUser = {
    districtId: DISTRICT,
    districtName: '测试县',
    username: 'admin',
    displayName: '管理员',
    role: 'admin',
    schoolCode: null,
    mustChangePassword: false,
    assignedSchools: [],
  };
  const x = t.app.services.exams;
  const base = { grade: 9, type: '期末' as const, subjects: SUBJECTS };
  const earlier = await x.create(admin, { ...base, name: 'RBAC 期中', date: '2024-11-10', subjects: SUBJECTS.map((s) => ({ subject: s.subject, fullMarks: s.fullMarks })) });
  const job = await x.upload(admin, earlier.id, 'earlier.csv', earlierCsv(), true);
  const exam = await x.create(admin, { ...base, name: 'RBAC 期末', date: '2025-01-15' });
  await x.importFile(admin, exam.id, 'exam.csv', examCsv());
  const empty = await x.create(admin, { ...base, name: 'RBAC 空考试' });
  return { examId: exam.id, earlierId: earlier.id, emptyId: empty.id, jobId: job.jobId };
}

/** Those holding exams.read: every signed-in role but the personnel staff (teachers only: no exams). */
const readers = (v: Expect = 'ok'): Record<Identity, Expect> => ({ anonymous: 401, admin: v, analyst: v, clerkA: v, clerkB: v, inspector: v, viewer: v, health: v, personnel: 403 });
const json = (r: LightMyRequestResponse) => r.json();
const schoolsOf = (r: LightMyRequestResponse) => (json(r).report.schools as { school: string }[]).map((s) => s.school);
const fileName = (r: LightMyRequestResponse) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(r.headers['content-disposition']))?.[1] ?? '');
const names = (r: LightMyRequestResponse) => (json(r).students as { studentId: string; name: string | null }[]).map((s) => `${s.studentId}:${s.name}`).sort();

export function examRows(s: ExamSeed): MatrixRow[] {
  const e = `/api/exams/${s.examId}`;
  return [
    { route: 'exams.list', method: 'GET', url: '/api/exams', expect: readers(), scoped: { viewer: (r) => expect(json(r).exams.map((x: { name: string }) => x.name)).toContain('RBAC 期末') } },
    { route: 'exams.get', method: 'GET', url: e, expect: readers(), scoped: { clerkA: (r) => expect(json(r).exam).toMatchObject({ id: s.examId, studentCount: 6, status: 'ready' }) } },
    // The admin creates it; the analyst, next with the same name, meets the name rule (409): both allowed.
    {
      route: 'exams.create',
      method: 'POST',
      url: '/api/exams',
      body: { name: 'RBAC 新考试', grade: 8, type: '期中', subjects: [{ subject: '语文', fullMarks: 100 }] },
      expect: { ...only(201, 'admin'), analyst: 409 },
    },
    { route: 'exams.update', method: 'PUT', url: `/api/exams/${s.emptyId}`, body: { scope: '全县' }, expect: only('ok', 'admin', 'analyst') },
    {
      route: 'exams.importScores',
      method: 'POST',
      url: `${e}/import?wait=1`,
      file: { name: 'exam.csv', content: examCsv() },
      expect: only(200, 'admin', 'analyst'),
      scoped: { analyst: (r) => expect(json(r).result).toMatchObject({ students: 6, schools: 2, replaced: 6 }) },
    },
    // The score template: those who import (the bureau).
    {
      route: 'exams.template',
      method: 'GET',
      url: `${e}/template.xlsx`,
      expect: only(200, 'admin', 'analyst'),
      scoped: { analyst: (r) => expect(fileName(r)).toBe('RBAC 期末-成绩导入模板.xlsx') },
    },
    {
      route: 'exams.job',
      method: 'GET',
      url: `/api/jobs/${s.jobId}`,
      expect: only(200, 'admin', 'analyst'),
      scoped: { analyst: (r) => expect(json(r).job).toMatchObject({ phase: 'done', kind: 'exam-import', result: { students: 6 } }) },
    },
    {
      route: 'exams.report',
      method: 'GET',
      url: `${e}/report`,
      expect: readers(200),
      scoped: {
        admin: (r) => expect(schoolsOf(r)).toEqual([A, B]),
        clerkA: (r) => {
          expect(schoolsOf(r)).toEqual([A]);
          expect(json(r).report.classes.map((c: { school: string }) => c.school)).toEqual([A, A]);
          expect(json(r).report.district.n).toBe(6); // the district aggregate stays
        },
        clerkB: (r) => expect(schoolsOf(r)).toEqual([B]),
        inspector: (r) => {
          expect(schoolsOf(r)).toEqual([A, B]);
          // 3 students a school, under the minimum of 10: the inspector's own B in full, A withheld (no pupil rights there).
          expect(json(r).report.schools.map((x: { stats: Record<string, { suppressed?: boolean }> }) => !!x.stats['语文'].suppressed)).toEqual([true, false]);
        },
        viewer: (r) => {
          expect(schoolsOf(r)).toEqual([A, B]);
          // Every cell has fewer than 10 students (the district 6): all withheld, the counts stay.
          const rep = json(r).report;
          expect(rep.district.stats['语文']).toMatchObject({ n: 6, mean: null, suppressed: true });
          expect(rep.schools.map((x: { stats: Record<string, { mean: number | null }> }) => x.stats['语文'].mean)).toEqual([null, null]);
        },
        // The bureau in full: 语文 (90 + 80 + 70 + 60 + 50 + 85) / 6 = 435 / 6 = 72.5.
        analyst: (r) => expect(json(r).report.district.stats['语文'].mean).toBe(72.5),
      },
    },
    // Naming a school: outside a clerk's own it is 403 (the page shows that), not an empty report.
    {
      route: 'exams.report',
      note: 'school A named',
      method: 'GET',
      url: `${e}/report?school=${A}`,
      expect: { ...readers(200), clerkB: 403 },
    },
    {
      route: 'exams.reportPdf',
      note: 'school A',
      method: 'GET',
      url: `${e}/report.pdf?school=${A}`,
      expect: { ...readers(200), clerkB: 403 },
      scoped: { clerkA: (r) => expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-') },
    },
    {
      route: 'exams.schoolStudents',
      note: 'school A',
      method: 'GET',
      url: `${e}/schools/${A}/students`,
      expect: only(200, 'admin', 'analyst', 'clerkA'),
      scoped: { clerkA: (r) => expect(names(r)).toEqual(['A01:甲一', 'A02:甲二', 'A03:甲三']) },
    },
    {
      route: 'exams.schoolStudents',
      note: 'school B',
      method: 'GET',
      url: `${e}/schools/${B}/students`,
      expect: only(200, 'admin', 'analyst', 'clerkB', 'inspector'),
      scoped: {
        clerkB: (r) => expect(names(r)).toEqual(['B01:乙一', 'B02:乙二', 'B03:乙三']),
        inspector: (r) => {
          expect(json(r).namesShown).toBe(false);
          expect(names(r)).toEqual(['B01:null', 'B02:null', 'B03:null']);
        },
      },
    },
    {
      route: 'exams.studentCard',
      note: 'a student of A',
      method: 'GET',
      url: `${e}/students/A01`,
      // Another school's pupil answers as a pupil that does not exist (404), not 403: the 学籍号 is not confirmed.
      expect: { ...only(200, 'admin', 'analyst', 'clerkA'), clerkB: 404, inspector: 404 },
      scoped: { clerkA: (r) => expect(json(r).student.name).toBe('甲一') },
    },
    {
      route: 'exams.studentCard',
      note: 'a student of B',
      method: 'GET',
      url: `${e}/students/B03`,
      expect: { ...only(200, 'admin', 'analyst', 'clerkB', 'inspector'), clerkA: 404 },
      scoped: { inspector: (r) => expect(json(r).student).toMatchObject({ studentId: 'B03', name: null }), analyst: (r) => expect(json(r).student.name).toBe('乙三') },
    },
    {
      route: 'exams.compare',
      method: 'GET',
      url: `${e}/compare?with=${s.earlierId}`,
      expect: readers(200),
      scoped: {
        clerkA: (r) => expect(json(r).schools.map((x: { schoolCode: string }) => x.schoolCode)).toEqual([A]),
        viewer: (r) => expect(json(r).schools.map((x: { schoolCode: string }) => x.schoolCode)).toEqual([A, B]),
        admin: (r) => expect(json(r).linked).toBe(6),
      },
    },
    {
      route: 'exams.items',
      method: 'GET',
      url: `${e}/items?subject=${encodeURIComponent('数学')}`,
      expect: readers(200),
      scoped: { viewer: (r) => expect(json(r).analysis.items.map((i: { name: string }) => i.name)).toEqual(['1', '2']) },
    },
    // The district workbook: a clerk's is their own school's, with its students (the name tells); nobody else names a school.
    {
      route: 'exams.exportXlsx',
      note: 'district',
      method: 'GET',
      url: `${e}/export.xlsx`,
      expect: readers(200),
      scoped: {
        admin: (r) => expect(fileName(r)).toBe('RBAC 期末.xlsx'),
        clerkA: (r) => expect(fileName(r)).toBe(`RBAC 期末-${SCHOOL_A.name}.xlsx`),
        clerkB: (r) => expect(fileName(r)).toBe(`RBAC 期末-${SCHOOL_B.name}.xlsx`),
        inspector: (r) => expect(fileName(r)).toBe('RBAC 期末.xlsx'),
        viewer: (r) => expect(fileName(r)).toBe('RBAC 期末.xlsx'),
      },
    },
    // With school A's students: those who may see them.
    {
      route: 'exams.exportXlsx',
      note: 'school A',
      method: 'GET',
      url: `${e}/export.xlsx?school=${A}`,
      expect: only(200, 'admin', 'analyst', 'clerkA'),
      scoped: { clerkA: (r) => expect(fileName(r)).toBe(`RBAC 期末-${SCHOOL_A.name}.xlsx`) },
    },
    // Last: the admin deletes the empty exam; everyone else is refused before the exam is looked up.
    { route: 'exams.remove', method: 'DELETE', url: `/api/exams/${s.emptyId}`, expect: only(200, 'admin') },
  ];
}
