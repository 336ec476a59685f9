// The HTTP contract of teachers: roster (教师名册, issue 13 item 1–2). A school's roster of a school year — one row per
// teacher: name, sex, birth year, 学部, subjects, post, 学历, 职称, 骨干, 梯队, since when at the school, employment — is
// teachers' personal data: reading rows and exporting them is 'teachers.roster' (the bureau's personnel staff, a clerk
// the own school; every read and export audited); importing, editing and carrying it forward is 'teachers.edit' (the
// same people), allowed while the school's statistics of the year are open, and each write recomputes those statistics'
// teacher figures. Which schools have a roster, with counts, is an aggregate ('teachers.read').
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, YearParam } from '../../core/http/contract.js';
import { SCHOOL_LEVELS, STAT_STATUSES } from '../../registry/model.js';
import { BACKBONE_LEVELS, EMPLOYMENTS, MOVE_KINDS, POSTS, QUALIFICATIONS, SECTIONS, SEXES, TIERS, TITLES } from '../model.js';

const tags = ['teachers'];
const rows = { capability: 'teachers.roster' as const };
const edit = { capability: 'teachers.edit' as const };
const SchoolCode = z.string().trim().min(1).max(40);
/** An internal teacher id: T and at least six digits. */
export const TeacherIdParam = z
  .string()
  .trim()
  .regex(/^T\d{6,15}$/, '教师编号为 T 加 6 位以上数字 / a teacher id is T and six or more digits');

/** The school and school year a roster request is about (the school is checked against the caller's scope). */
export const RosterQuery = z.object({ school: SchoolCode, year: YearParam });
const inQuery = { in: 'query' as const, name: 'school' };

/** The teacher figures of the statistics computed from the roster (key of src/registry/fields.ts → count); null: no 专任 rows. */
const Figures = z.record(z.string(), z.number().nullable()).nullable();

export const RosterRowWire = z.object({
  teacherId: z.string(),
  name: z.string(),
  sex: z.enum(SEXES),
  birthYear: z.number(),
  /** year − birth year */
  age: z.number(),
  schoolCode: z.string(),
  section: z.enum(SECTIONS).nullable(),
  staffNo: z.string().nullable(),
  /** Main subject first. */
  subjects: z.array(z.string()),
  post: z.enum(POSTS),
  qualification: z.enum(QUALIFICATIONS),
  title: z.enum(TITLES),
  certified: z.boolean(),
  backboneLevel: z.enum(BACKBONE_LEVELS).nullable(),
  backboneYear: z.number().nullable(),
  tier: z.enum(TIERS).nullable(),
  schoolSince: z.number(),
  /** year − school_since */
  yearsAtSchool: z.number(),
  employment: z.enum(EMPLOYMENTS),
  /** A 身份证号 was given for this teacher (only its keyed hash is kept). */
  hasIdNumber: z.boolean(),
});
export type RosterRowWire = z.infer<typeof RosterRowWire>;

const SchoolWire = z.object({ code: z.string(), name: z.string(), level: z.enum(SCHOOL_LEVELS) });

export const RosterListWire = z.object({
  school: SchoolWire,
  year: z.number(),
  /** The school's 学部 (one for a single-level school, whose rows carry none). */
  sections: z.array(z.enum(SECTIONS)),
  /** The status of the school's statistics of the year ('draft' also when there are none yet). */
  status: z.enum(STAT_STATUSES),
  /** The caller may change this roster now. */
  writable: z.boolean(),
  /** Why not, when the caller may edit the school but the statistics are closed (中文 / English). */
  lockedReason: z.string().nullable(),
  /** Rows of the school's roster of the year before (what 结转 starts from). */
  previousYearRows: z.number(),
  /** 学部需核对: rows whose section does not fit the school's level (left by a level change; counted in its first section). */
  sectionToCheck: z.number(),
  /** The teacher figures per 学部 (section → figures, over its 专任 rows); null for a single-level school. */
  bySection: z.partialRecord(z.enum(SECTIONS), z.record(z.string(), z.number())).nullable(),
  rows: z.array(RosterRowWire),
});
export type RosterListWire = z.infer<typeof RosterListWire>;

export const TeacherPostWire = RosterRowWire.extend({ year: z.number(), schoolName: z.string() });
export type TeacherPostWire = z.infer<typeof TeacherPostWire>;

export const TeacherDetailWire = z.object({
  teacherId: z.string(),
  name: z.string(),
  sex: z.enum(SEXES),
  birthYear: z.number(),
  hasIdNumber: z.boolean(),
  /** The teacher's rows by year (newest first), at the schools of the caller's scope. */
  posts: z.array(TeacherPostWire),
});
export type TeacherDetailWire = z.infer<typeof TeacherDetailWire>;

/** One roster row as the form sends it; the 身份证号 (optional) only matches the person and is kept as a keyed hash. */
export const RosterFormBody = z.object({
  name: z.string().trim().min(1, '姓名为空 / the name is empty').max(50),
  sex: z.enum(SEXES),
  birthYear: z.number().int().min(1900).max(2100),
  idNumber: z.string().trim().max(18).nullable().optional(),
  section: z.enum(SECTIONS).nullable(),
  staffNo: z
    .string()
    .trim()
    .max(32)
    .nullable()
    .transform((s) => (s === '' ? null : s)),
  subjects: z.array(z.string().trim().min(1).max(20)).min(1, '至少一门任教学科 / at least one subject').max(10),
  post: z.enum(POSTS),
  qualification: z.enum(QUALIFICATIONS),
  title: z.enum(TITLES),
  certified: z.boolean(),
  backboneLevel: z.enum(BACKBONE_LEVELS).nullable(),
  backboneYear: z.number().int().min(1900).max(2100).nullable(),
  tier: z.enum(TIERS).nullable(),
  schoolSince: z.number().int().min(1900).max(2100),
  employment: z.enum(EMPLOYMENTS),
});
export type RosterFormBody = z.input<typeof RosterFormBody>;

/** What a write left: the roster's size and the statistics' teacher figures recomputed from it. */
export const RosterWriteWire = z.object({
  rows: z.number(),
  fullTime: z.number(),
  figures: Figures,
});
export const RosterRowWriteWire = RosterWriteWire.extend({ row: RosterRowWire });

export const RosterImportWire = RosterWriteWire.extend({
  fileName: z.string(),
  /** Rows matched to known teachers by 身份证号, by 工号, by name and birth year; new persons. */
  matched: z.object({ idNumber: z.number(), staffNo: z.number(), nameBirth: z.number() }),
  added: z.number(),
  /** Teachers of the roster before the import who are not in the file. */
  removed: z.number(),
});
export type RosterImportWire = z.infer<typeof RosterImportWire>;

const MoverWire = z.object({ teacherId: z.string(), name: z.string(), schoolCode: z.string(), schoolName: z.string(), kind: z.enum(MOVE_KINDS), sectionChanged: z.boolean().optional() });
export const CarryForwardWire = RosterWriteWire.extend({
  year: z.number(),
  stayed: z.number(),
  left: z.array(MoverWire),
  arrived: z.array(MoverWire),
  skipped: z.array(z.object({ teacherId: z.string(), name: z.string().nullable(), reason: z.string() })),
});
export type CarryForwardWire = z.infer<typeof CarryForwardWire>;

export const RosterSchoolWire = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(SCHOOL_LEVELS),
  hasRoster: z.boolean(),
  rows: z.number(),
  fullTime: z.number(),
  /** The statistics' status of the year; null: no statistics yet. */
  status: z.enum(STAT_STATUSES).nullable(),
  /** The statistics' teacher figures come from the roster. */
  fromRoster: z.boolean(),
  /** Typed-in teacher figures that differ from the roster's (empty: they agree, or nothing was typed in). */
  differences: z.array(z.object({ key: z.string(), typed: z.number().nullable(), roster: z.number() })),
  /** 学部需核对: rows whose section does not fit the school's level (left by a level change). */
  sectionToCheck: z.number(),
});
export type RosterSchoolWire = z.infer<typeof RosterSchoolWire>;

export const RosterSchoolsWire = z.object({ year: z.number(), schools: z.array(RosterSchoolWire) });
export type RosterSchoolsWire = z.infer<typeof RosterSchoolsWire>;

const rosterKey = ({ query }: { query: { school?: string; year: number } }) => `${query.school ?? 'all'}/${query.year}`;

export const rosterApi = {
  schools: endpoint({
    method: 'GET',
    path: '/api/teachers/roster/schools',
    summary:
      '各校教师名册概况：是否已有该学年名册、教职工与专任教师人数、统计状态、统计中的教师数是否来自名册、与填报数的差异（汇总，无教师个人信息） / the schools’ rosters of a year: present or not, staff and full-time teachers, the statistics’ status, whether their teacher figures follow from the roster and where typed-in figures differ (aggregates, no teacher rows)',
    tags,
    policy: { capability: 'teachers.read' },
    query: z.object({ year: YearParam }),
    response: RosterSchoolsWire,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/teachers/roster',
    summary: '一所学校某学年的教师名册（教师个人信息，每次查看记入审计日志） / a school’s teacher roster of a school year (teachers’ personal data; every read audited)',
    tags,
    policy: { ...rows, school: inQuery },
    query: RosterQuery,
    response: RosterListWire,
    audit: { action: 'read', entity: 'teacher-roster', key: rosterKey, count: ({ answer }) => answer.rows.length },
  }),
  teacher: endpoint({
    method: 'GET',
    path: '/api/teachers/roster/teachers/:teacherId',
    summary: '一位教师：个人信息与历年任职（仅限有权查看的学校；记入审计日志） / one teacher: the person and their posts by year (at the schools one may see; audited)',
    tags,
    policy: rows,
    params: z.object({ teacherId: TeacherIdParam }),
    response: TeacherDetailWire,
    audit: { action: 'read', entity: 'teacher', key: ({ params }) => params.teacherId, count: ({ answer }) => answer.posts.length },
  }),
  import: endpoint({
    method: 'POST',
    path: '/api/teachers/roster/import',
    summary:
      '导入一所学校某学年的教师名册（.xlsx / .csv，整体替换该校该学年名册；按身份证号、工号识别同一教师；任何一处问题则全部不导入并逐格列出；随后按名册重算该校统计中的教师数） / import a school’s roster of a year (.xlsx / .csv, replacing it whole; teachers matched by ID number, then 工号; all or nothing, every bad cell named; the statistics’ teacher figures recomputed)',
    tags,
    policy: { ...edit, school: inQuery },
    query: RosterQuery,
    upload: true,
    response: RosterImportWire,
  }),
  template: endpoint({
    method: 'GET',
    path: '/api/teachers/roster/template.xlsx',
    summary: '教师名册模板 .xlsx（列、下拉选项、填写说明；给定学校时按其学部） / the roster template (.xlsx: columns, drop-down values, instructions; a school’s sections when one is given)',
    tags,
    policy: { ...edit, school: inQuery },
    query: z.object({ school: SchoolCode.optional() }),
    produces: 'xlsx',
  }),
  export: endpoint({
    method: 'GET',
    path: '/api/teachers/roster/export.xlsx',
    summary:
      '导出教师名册 .xlsx（一所学校，或不指定学校时为可查看的全部学校；不含身份证号；可再导入；每次导出记入审计日志） / the roster as .xlsx (one school, or every school one may see; no ID numbers; re-importable; every export audited)',
    tags,
    policy: { ...rows, school: inQuery },
    query: z.object({ school: SchoolCode.optional(), year: YearParam }),
    produces: 'xlsx',
    audit: { action: 'export', entity: 'teacher-roster', key: rosterKey },
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/teachers/roster/rows',
    summary:
      '在名册中添加一位教师（有身份证号时识别已登记的教师；重算该校统计中的教师数） / add a teacher to a roster (a known teacher found by ID number; the statistics’ teacher figures recomputed)',
    tags,
    policy: { ...edit, school: inQuery },
    query: RosterQuery,
    body: RosterFormBody,
    response: RosterRowWriteWire,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/teachers/roster/rows/:teacherId',
    summary: '修改名册中的一位教师（姓名、性别、出生年份改在其个人信息中；重算统计中的教师数） / change a teacher’s row (name, sex and birth year change the person; figures recomputed)',
    tags,
    policy: { ...edit, school: inQuery },
    params: z.object({ teacherId: TeacherIdParam }),
    query: RosterQuery,
    body: RosterFormBody,
    response: RosterRowWriteWire,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/teachers/roster/rows/:teacherId',
    summary: '从该校该学年名册中删除一位教师（重算统计中的教师数） / remove a teacher from the school’s roster of the year (figures recomputed)',
    tags,
    policy: { ...edit, school: inQuery },
    params: z.object({ teacherId: TeacherIdParam }),
    query: RosterQuery,
    response: RosterWriteWire,
  }),
  carryForward: endpoint({
    method: 'POST',
    path: '/api/teachers/roster/carry-forward',
    summary:
      '结转：由上一学年名册和本学年开始的调动（交流轮岗、支教、调动）生成该校本学年名册（调出者离开，调入者带原信息到岗，本校任教起始年为本学年）；该校本学年已有名册时拒绝 / carry forward: start a school’s roster of the year from the year before and the moves starting this year (leavers go, arrivals come with their data, starting at the school this year); refused when the year already has a roster',
    tags,
    policy: { ...edit, school: inQuery },
    query: RosterQuery,
    response: CarryForwardWire,
  }),
};
