// The HTTP contract of teachers: training hours (继续教育学时, issue 13 item 3). Courses (培训项目: title, provider,
// level, hours, dates) are managed by the personnel staff ('teachers.manage') and listed for everyone who sees the
// teachers' aggregates; attendance (who completed which course, credited hours) is imported from a file or entered by
// form ('teachers.edit': a clerk only for the own school's teachers). A course's hours count in the calendar year of
// its end date; a teacher meets the year target with ≥ 96 h and the window with ≥ 360 h over the last 5 calendar years
// (TEACHER_TARGETS.training). The summary per school (the share of 专任 teachers meeting each target) is an aggregate
// ('teachers.read'); the teachers below the target, a teacher's hours and a course's attendees are teachers' rows
// ('teachers.roster'), every read and export audited. Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { DateParam, endpoint, Ok } from '../../core/http/contract.js';
import { COURSE_LEVELS } from '../model.js';

const tags = ['teachers'];

/** How the training figures are written, on the page and in the workbook (src/core/format.ts). */
export const TRAINING_FIGURES = {
  /** Hours: one decimal (credits come in half hours and tenths). */
  hours: { decimals: 1 },
  count: { decimals: 0 },
  /** Shares of 专任 teachers meeting a target: per cent, one decimal. */
  share: { decimals: 1, percent: true },
} as const;

const Year = z.coerce.number().int().min(1990).max(2100);
const Code = z.string().trim().min(1).max(40);
const CourseId = z.coerce.number().int().min(1).max(2_147_483_647);
export const TeacherIdParam = z
  .string()
  .trim()
  .regex(/^T\d{1,15}$/, '教师编号应为 T 加数字 / a teacher id is T and digits');
const Hours = z.number().positive().max(10_000);
const Level = z.enum(COURSE_LEVELS);

/** The targets the result was computed with: the pack's id and version are printed with every result. */
export const TrainingTargetsWire = z.object({ id: z.string(), version: z.number(), yearHours: z.number(), windowYears: z.number(), windowHours: z.number(), source: z.string() });
export type TrainingTargetsWire = z.infer<typeof TrainingTargetsWire>;

/** Which roster the shares count: the roster of school year = the calendar year when present, else the year before. */
const RosterChoiceWire = {
  /** The calendar year whose hours are counted. */
  year: z.number(),
  /** The window's calendar years: [windowFrom, year]. */
  windowFrom: z.number(),
  /** The school year of the roster whose 专任 teachers are counted; null when neither year has a roster. */
  rosterYear: z.number().nullable(),
  /** true when the roster of year − 1 was used (none of the calendar year yet). */
  rosterFallback: z.boolean(),
  targets: TrainingTargetsWire,
};

export const CourseFields = z
  .object({
    title: z.string().trim().min(1).max(200),
    provider: z.string().trim().min(1).max(200),
    level: Level,
    hours: Hours,
    startDate: DateParam,
    endDate: DateParam,
  })
  .refine((c) => c.endDate >= c.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期 / the end date cannot be before the start date' });
export type CourseFields = z.infer<typeof CourseFields>;

export const CourseWire = z.object({
  id: z.number(),
  title: z.string(),
  provider: z.string(),
  level: Level,
  hours: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  /** The calendar year its hours count in (the end date's). */
  creditedYear: z.number(),
  /** Teachers with attendance recorded (the whole district). */
  attendees: z.number(),
  createdBy: z.string().nullable(),
});
export type CourseWire = z.infer<typeof CourseWire>;

export const CourseQuery = z.object({
  /** Part of the title or provider. */
  q: z.string().trim().max(100).optional(),
  level: Level.optional(),
  /** Courses whose hours count in this calendar year (end date's year). */
  year: Year.optional(),
});

export const SchoolTrainingWire = z.object({
  schoolCode: z.string(),
  schoolName: z.string(),
  /** The school has rows in the chosen roster (any post). */
  hasRoster: z.boolean(),
  /** 专任 teachers in the roster. */
  teachers: z.number(),
  metYear: z.number(),
  /** metYear / teachers; null without 专任 teachers. */
  shareYear: z.number().nullable(),
  metWindow: z.number(),
  shareWindow: z.number().nullable(),
});
export type SchoolTrainingWire = z.infer<typeof SchoolTrainingWire>;

export const TrainingSummary = z.object({
  ...RosterChoiceWire,
  /** Calendar years with attendance (newest first), for the year picker. */
  years: z.array(z.number()),
  /** The schools the caller may see, in code order. */
  schools: z.array(SchoolTrainingWire),
  /** Every school of the district (aggregates). */
  district: SchoolTrainingWire.omit({ schoolCode: true, schoolName: true, hasRoster: true }).extend({ schools: z.number() }),
});
export type TrainingSummary = z.infer<typeof TrainingSummary>;

export const BelowTarget = z.enum(['any', 'year', 'window']);
export const BelowQuery = z.object({
  /** Calendar year; default the newest with attendance up to this year (else this year). */
  year: Year.optional(),
  school: Code.optional(),
  /** Below the year target, the window's, or either (default). */
  target: BelowTarget.default('any'),
});

export const BelowTeacherWire = z.object({
  teacherId: z.string(),
  name: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  section: z.string().nullable(),
  staffNo: z.string().nullable(),
  yearHours: z.number(),
  windowHours: z.number(),
  meetsYear: z.boolean(),
  meetsWindow: z.boolean(),
  /** Hours still missing: max(0, 96 − yearHours), max(0, 360 − windowHours). */
  yearShort: z.number(),
  windowShort: z.number(),
});
export type BelowTeacherWire = z.infer<typeof BelowTeacherWire>;

export const BelowList = z.object({ ...RosterChoiceWire, rows: z.array(BelowTeacherWire) });
export type BelowList = z.infer<typeof BelowList>;

export const AttendanceWire = z.object({
  courseId: z.number(),
  title: z.string(),
  provider: z.string(),
  level: Level,
  startDate: z.string(),
  endDate: z.string(),
  courseHours: z.number(),
  /** The hours credited to the teacher. */
  hours: z.number(),
  creditedYear: z.number(),
});
export type AttendanceWire = z.infer<typeof AttendanceWire>;

export const TeacherHistory = z.object({
  ...RosterChoiceWire,
  teacherId: z.string(),
  name: z.string(),
  /** The teacher's school (roster of the chosen year, else the nearest). */
  schoolCode: z.string().nullable(),
  schoolName: z.string().nullable(),
  /** The window's years, oldest first, with their hours (0 without attendance). */
  perYear: z.array(z.object({ year: z.number(), hours: z.number(), meets: z.boolean() })),
  yearHours: z.number(),
  windowHours: z.number(),
  meetsYear: z.boolean(),
  meetsWindow: z.boolean(),
  /** Every attendance (all years), newest course first. */
  attendance: z.array(AttendanceWire),
  /** May the caller add or remove this teacher's attendance? */
  editable: z.boolean(),
});
export type TeacherHistory = z.infer<typeof TeacherHistory>;

export const CourseAttendees = z.object({
  course: CourseWire,
  /** The attendees the caller may see (own school for a clerk). */
  rows: z.array(z.object({ teacherId: z.string(), name: z.string(), schoolCode: z.string().nullable(), schoolName: z.string().nullable(), hours: z.number() })),
});

/** One attendance entered by form: the teacher by id, or by school code + 工号; the hours default to the course's. */
export const AttendanceInput = z
  .object({
    courseId: z.number().int().min(1).max(2_147_483_647),
    teacherId: TeacherIdParam.optional(),
    schoolCode: Code.optional(),
    staffNo: z.string().trim().min(1).max(40).optional(),
    hours: Hours.optional(),
  })
  .refine((a) => a.teacherId || (a.schoolCode && a.staffNo), { path: ['teacherId'], message: '请填写教师编号，或学校代码与工号 / give the teacher id, or the school code and 工号' });

export const AttendanceSaved = z.object({ courseId: z.number(), teacherId: z.string(), name: z.string(), hours: z.number(), created: z.boolean() });

export const ImportResult = z.object({
  /** Rows read. */
  rows: z.number(),
  added: z.number(),
  /** Attendance already recorded with other hours: the hours replaced. */
  updated: z.number(),
  unchanged: z.number(),
  courses: z.number(),
  teachers: z.number(),
});

const Lang = z.enum(['zh', 'en']).default('zh');
/** training-below:YEAR/TARGET/school:CODES — the year the answer (list or file) was computed for. */
const belowKey = ({ query, actor, answer }: { query: { year?: number; school?: string; target: string }; actor: { schools: 'all' | string[] }; answer: unknown }) => {
  const year = (answer as { year?: unknown } | null)?.year;
  return `training-below:${typeof year === 'number' ? year : (query.year ?? 'current')}/${query.target}/school:${query.school ?? (actor.schools === 'all' ? 'all' : actor.schools.join(','))}`;
};

export const trainingApi = {
  summary: endpoint({
    method: 'GET',
    path: '/api/teachers/training',
    summary:
      '培训学时达标情况：各校专任教师数、年度 96 学时达标人数与比例、五年 360 学时达标人数与比例，全县（区）合计；注明所用名册学年与目标版本 / training hours: per school the full-time teachers, how many meet 96 h this calendar year and 360 h over five years, and the shares; district totals; the roster year and target pack used',
    tags,
    policy: { capability: 'teachers.read' },
    query: z.object({ year: Year.optional() }),
    response: TrainingSummary,
  }),
  below: endpoint({
    method: 'GET',
    path: '/api/teachers/training/below',
    summary:
      '学时未达标的专任教师名单（姓名、学校、年度与五年学时及差额；教师个人信息，每次查看记入审计日志） / full-time teachers below the training target (name, school, hours this year and over five years, what is missing; personal data, every read audited)',
    tags,
    policy: { capability: 'teachers.roster', school: { in: 'query', name: 'school' } },
    query: BelowQuery,
    response: BelowList,
    audit: { action: 'read', entity: 'teacher-training-below', key: belowKey, count: ({ answer }) => answer.rows.length },
  }),
  belowExport: endpoint({
    method: 'GET',
    path: '/api/teachers/training/below.xlsx',
    summary: '学时未达标教师名单 .xlsx（每次导出记入审计日志） / the teachers below the training target as .xlsx (every export audited)',
    tags,
    policy: { capability: 'teachers.roster', school: { in: 'query', name: 'school' } },
    query: BelowQuery.extend({ lang: Lang }),
    produces: 'xlsx',
    audit: { action: 'export', entity: 'teacher-training-below', key: belowKey },
  }),
  teacher: endpoint({
    method: 'GET',
    path: '/api/teachers/training/teachers/:teacherId',
    summary:
      '一名教师的培训学时：近五年逐年学时与达标、全部参训记录（每次查看记入审计日志） / one teacher’s training hours: each year of the window against the target, every attendance (every read audited)',
    tags,
    policy: { capability: 'teachers.roster' },
    params: z.object({ teacherId: TeacherIdParam }),
    query: z.object({ year: Year.optional() }),
    response: TeacherHistory,
    audit: { action: 'read', entity: 'teacher-training', key: ({ params }) => `teacher:${params.teacherId}`, count: ({ answer }) => answer.attendance.length },
  }),
  courses: endpoint({
    method: 'GET',
    path: '/api/teachers/training/courses',
    summary: '培训项目列表（可按名称或主办单位、级别、学时计入年度筛选；含参训人数） / the training courses (filter by title or provider, level, credited year; with their number of attendees)',
    tags,
    policy: { capability: 'teachers.read' },
    query: CourseQuery,
    response: z.object({ courses: z.array(CourseWire) }),
  }),
  createCourse: endpoint({
    method: 'POST',
    path: '/api/teachers/training/courses',
    summary: '新建培训项目（名称、主办单位、级别、学时 > 0、开始与结束日期；记入审计日志） / create a course (title, provider, level, hours > 0, start and end date; audited)',
    tags,
    policy: { capability: 'teachers.manage' },
    body: CourseFields,
    response: CourseWire,
  }),
  updateCourse: endpoint({
    method: 'PUT',
    path: '/api/teachers/training/courses/:id',
    summary: '修改培训项目（学时不能低于已登记的教师学时；记入审计日志） / change a course (its hours not below any teacher’s credited hours; audited)',
    tags,
    policy: { capability: 'teachers.manage' },
    params: z.object({ id: CourseId }),
    body: CourseFields,
    response: CourseWire,
  }),
  deleteCourse: endpoint({
    method: 'DELETE',
    path: '/api/teachers/training/courses/:id',
    summary:
      '删除培训项目：已有参训记录时拒绝（409），除非 force=true 连同参训记录一并删除；记入审计日志 / delete a course: refused while attendance is recorded (409) unless force=true, which deletes the attendance too; audited',
    tags,
    policy: { capability: 'teachers.manage' },
    params: z.object({ id: CourseId }),
    query: z.object({ force: z.enum(['true', 'false']).default('false') }),
    response: z.object({ ok: z.literal(true), removedAttendance: z.number() }),
  }),
  courseAttendees: endpoint({
    method: 'GET',
    path: '/api/teachers/training/courses/:id/attendance',
    summary: '一个培训项目的参训教师（学校填报员只看到本校教师；每次查看记入审计日志） / a course’s attendees (a clerk sees the own school’s; every read audited)',
    tags,
    policy: { capability: 'teachers.roster' },
    params: z.object({ id: CourseId }),
    response: CourseAttendees,
    audit: { action: 'read', entity: 'teacher-course-attendance', key: ({ params }) => `course:${params.id}`, count: ({ answer }) => answer.rows.length },
  }),
  addAttendance: endpoint({
    method: 'POST',
    path: '/api/teachers/training/attendance',
    summary:
      '登记一条参训记录（教师编号，或学校代码与工号；学时默认为项目学时，0 < 学时 ≤ 项目学时；已有时改为新学时；学校填报员只能登记本校教师；记入审计日志） / record one attendance (teacher id, or school code and 工号; hours default to the course’s, 0 < h ≤ its hours; an existing one gets the new hours; a clerk only for the own school’s teachers; audited)',
    tags,
    policy: { capability: 'teachers.edit' },
    body: AttendanceInput,
    response: AttendanceSaved,
  }),
  removeAttendance: endpoint({
    method: 'DELETE',
    path: '/api/teachers/training/attendance/:courseId/:teacherId',
    summary: '删除一条参训记录（学校填报员只能删除本校教师的；记入审计日志） / remove one attendance (a clerk only the own school’s teachers’; audited)',
    tags,
    policy: { capability: 'teachers.edit' },
    params: z.object({ courseId: CourseId, teacherId: TeacherIdParam }),
    response: Ok,
  }),
  importAttendance: endpoint({
    method: 'POST',
    path: '/api/teachers/training/attendance/import',
    summary:
      '导入参训学时（.xlsx/.csv，UTF-8 或 GBK：培训项目编号或名称、教师编号或学校代码＋工号、学时；逐格列出问题，全部正确才导入；学校填报员只能导入本校教师；记入审计日志） / import attendance (.xlsx/.csv, UTF-8 or GBK: course id or title, teacher id or school code + 工号, hours; every bad cell named, all or nothing; a clerk only the own school’s teachers; audited)',
    tags,
    policy: { capability: 'teachers.edit' },
    upload: true,
    response: ImportResult,
  }),
  template: endpoint({
    method: 'GET',
    path: '/api/teachers/training/attendance/template.xlsx',
    summary: '参训学时导入模板 .xlsx（列、填写说明、培训项目列表） / the attendance import template (.xlsx: columns, instructions, the courses)',
    tags,
    policy: { capability: 'teachers.edit' },
    query: z.object({ lang: Lang }),
    produces: 'xlsx',
  }),
};
