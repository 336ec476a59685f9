// The HTTP contract of the school registry (学校名录与统计): the vocabulary, the school list and
// cards, the district overview, a school's yearly figures with their workflow (填报 → 提交 → 审核),
// the review queue, and the Excel template, export and import.
// Pure module (zod and the registry's model constants): the web imports it.
import { z } from 'zod';
import { endpoint, YearParam } from '../core/http/contract.js';
import { LOCATIONS, OWNERSHIPS, SCHOOL_LEVELS, STAT_STATUSES } from './model.js';

const tags = ['学校名录与统计 / registry'];
const Level = z.enum(SCHOOL_LEVELS);
const Ownership = z.enum(OWNERSHIPS);
const Location = z.enum(LOCATIONS);
const Status = z.enum(STAT_STATUSES);
const when = z.string().nullable().describe('timestamp (ISO 8601), null when not yet');

// ---------- vocabulary (GET /api/meta) ----------

/** Where a class stands against the class-size standard of the pack in use: within it, 超标准班额, 大班额, 超大班额. */
export const ClassBand = z.enum(['within', 'over', 'large', 'huge']);
/** The class-size thresholds of a standards pack: 超标准 above the standard of the class's grade, 大班额 from `large`, 超大班额 from `huge`. */
export const ClassSizeStandardSchema = z.object({
  /** The pack the thresholds come from, and its version. */
  standardId: z.string(),
  standardVersion: z.number().int(),
  standardName: z.string(),
  /** The standard class size by the class's grade: 小学 (grades 1–6), 初中 (grades 7–9). */
  standard: z.object({ 小学: z.number().int(), 初中: z.number().int() }),
  /** 大班额: from this size on (56). */
  large: z.number().int(),
  /** 超大班额: from this size on (66). */
  huge: z.number().int(),
  /** Which documents the thresholds come from (the pack's own words). */
  note: z.string().optional(),
});

/** One value of a vocabulary list with its labels: value is what the API stores and accepts. */
export const ChoiceSchema = z.object({ value: z.string(), zh: z.string(), en: z.string() });
/** One statistic a school reports (src/registry/fields.ts), as the forms and tables show it. */
export const StatFieldSchema = z.object({
  key: z.string(),
  topic: z.enum(['teachers', 'facilities']),
  zh: z.string(),
  en: z.string(),
  unitZh: z.string(),
  unitEn: z.string(),
  type: z.enum(['int', 'decimal']),
  min: z.number(),
  max: z.number(),
  helpZh: z.string().optional(),
});
export const MetaSchema = z.object({
  fields: z.array(StatFieldSchema),
  topics: z.array(z.object({ key: z.enum(['teachers', 'facilities']), zh: z.string(), en: z.string() })),
  /** Grade names indexed by grade number (index 0 is empty; 1–12). */
  grades: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
  levels: z.array(ChoiceSchema),
  ownerships: z.array(ChoiceSchema),
  locations: z.array(ChoiceSchema),
  statuses: z.array(ChoiceSchema),
  /** The grades a school of each level may enrol. */
  gradesOfLevel: z.record(z.string(), z.array(z.number().int())),
  /** The cross-field consistency rules (their id is the `field` of a problem they raise). */
  rules: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
  /** The class-size thresholds of the default standards pack (the forms and the school page colour classes by them). */
  classSize: ClassSizeStandardSchema,
});

// ---------- schools ----------

export const SchoolSchema = z.object({
  districtId: z.string(),
  code: z.string().describe('学校标识码, 10 digits'),
  name: z.string(),
  level: Level,
  ownership: Ownership,
  location: Location,
  isIsland: z.boolean(),
  isBoarding: z.boolean(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  groupName: z.string().nullable().describe('集团 or 教共体'),
  isOpen: z.boolean(),
});
/**
 * A school with its headline figures of one year (null: nothing reported that year, or figures the user may not see:
 * per-school figures are given only for the schools whose statistics the user reads; a viewer sees the registry facts).
 */
export const SchoolRowSchema = SchoolSchema.extend({
  students: z.number().nullable(),
  classes: z.number().nullable(),
  maxClassSize: z.number().nullable(),
  /** Where the largest class stands (by its own grade's standard). */
  maxClassBand: ClassBand.nullable(),
  /** Classes above the standard of their grade (超标准班额, 大班额 and 超大班额 included). */
  overStandardClasses: z.number().nullable(),
  /** 大班额 (56–65) and 超大班额 (≥ 66) classes. */
  largeClasses: z.number().nullable(),
  hugeClasses: z.number().nullable(),
  teachers: z.number().nullable(),
  status: Status.nullable(),
});
/** Totals of a list of schools (the district's, or the filter's): what every user of the list may see. */
export const SchoolTotalsSchema = z.object({
  schools: z.number().int(),
  students: z.number(),
  classes: z.number(),
  teachers: z.number(),
  overStandardClasses: z.number(),
  largeClasses: z.number(),
  hugeClasses: z.number(),
});
const SchoolFields = {
  name: z.string().trim().min(1).max(100),
  level: Level,
  ownership: Ownership,
  location: Location,
  isIsland: z.boolean().default(false),
  isBoarding: z.boolean().default(false),
  address: z
    .string()
    .max(200)
    .nullish()
    .transform((v) => v ?? null),
  lat: z
    .number()
    .min(-90)
    .max(90)
    .nullish()
    .transform((v) => v ?? null),
  lng: z
    .number()
    .min(-180)
    .max(180)
    .nullish()
    .transform((v) => v ?? null),
  groupName: z
    .string()
    .max(100)
    .nullish()
    .transform((v) => v || null),
  isOpen: z.boolean().default(true),
};
/** A new school: its code and card. */
export const NewSchoolBody = z.object({ code: z.string().trim(), ...SchoolFields });
/** A school's card (the code is in the path; a code in the body is ignored). */
export const SchoolBody = z.object(SchoolFields);

// ---------- yearly figures ----------

/** A figure sent as something other than a number ("abc"): refused, never read as 0. */
const Figure = z.number({ error: '应为数字 / must be a number' });
export const EnrolmentSchema = z.object({ grade: z.number().int(), students: Figure });
export const ClassSizeSchema = z.object({ grade: z.number().int(), classNo: z.number().int(), size: Figure });
/** What a school reports for one year: the statistics by field key (null = not reported), students per grade, class sizes. */
export const RecordBody = z.object({
  values: z.record(z.string(), Figure.nullable()),
  enrolments: z.array(EnrolmentSchema),
  classes: z.array(ClassSizeSchema),
});
/** A typed-in teacher figure that differs from the one computed from the roster (typed null: left empty). */
export const RosterDifferenceSchema = z.object({ key: z.string(), typed: z.number().nullable(), roster: z.number() });
/** A school's figures of one year with their workflow state (an empty draft when nothing was reported). */
export const RecordSchema = RecordBody.extend({
  schoolCode: z.string(),
  year: z.number().int(),
  status: Status,
  /**
   * 'roster': the teacher figures follow from the school's teacher roster (教师名册) and are read-only here — teacher
   * values saved or imported are kept as the typed-in figures; 'typed': typed in (no roster).
   */
  teachersSource: z.enum(['roster', 'typed']),
  /** While the roster's figures stand: the typed-in teacher figures that differ from them. */
  rosterDifferences: z.array(RosterDifferenceSchema),
  reviewComment: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: when,
  submittedBy: z.string().nullable(),
  submittedAt: when,
  reviewedBy: z.string().nullable(),
  reviewedAt: when,
});
const RecordAnswer = z.object({ record: RecordSchema });

// ---------- overview, review, import ----------

/** Class counts against the class-size standard (the same counts as the balance page's 班额 tab for the same pack). */
export const ClassSizeCountsSchema = z.object({
  classes: z.number().int(),
  /** Above the standard of their grade: 超标准班额 in all (大班额 and 超大班额 included). */
  overStandard: z.number().int(),
  /** 大班额: large ≤ size < huge. */
  large: z.number().int(),
  /** 超大班额: size ≥ huge. */
  huge: z.number().int(),
  maxSize: z.number().nullable(),
});
export const OverviewSchema = z.object({
  districtId: z.string(),
  districtName: z.string(),
  year: z.number().int(),
  schools: z.number(),
  students: z.number(),
  classes: z.number(),
  teachers: z.number(),
  byLevel: z.array(z.object({ level: z.string(), schools: z.number(), students: z.number(), classes: z.number() })),
  byLocation: z.array(z.object({ location: z.string(), schools: z.number(), students: z.number() })),
  statusCounts: z.object({ draft: z.number(), submitted: z.number(), approved: z.number(), returned: z.number() }),
  /** 班额 against the pack's class-size standard: the thresholds, the counts, and the counts by band (each class in one band). */
  classSize: ClassSizeCountsSchema.extend({
    thresholds: ClassSizeStandardSchema,
    /** Each class in exactly one band: within the standard, above it but below 大班额, 大班额, 超大班额. */
    bands: z.array(z.object({ band: ClassBand, classes: z.number().int() })),
    /** The counts by the class's section: 小学 (grades 1–6) and 初中 (grades 7–9, and any later grade). */
    bySection: z.array(ClassSizeCountsSchema.extend({ section: z.enum(['小学', '初中']), standard: z.number().int() })),
  }),
  trend: z.array(z.object({ year: z.number().int(), students: z.number(), teachers: z.number(), classes: z.number() })),
  /** The ten largest classes, of the schools whose statistics the user reads (none for a viewer). */
  largestClasses: z.array(
    z.object({ schoolCode: z.string(), schoolName: z.string(), grade: z.number().int(), classNo: z.number().int(), size: z.number(), standard: z.number().int(), band: ClassBand }),
  ),
});
export const ReviewItemSchema = z.object({
  schoolCode: z.string(),
  schoolName: z.string(),
  level: Level,
  status: Status,
  submittedBy: z.string().nullable(),
  submittedAt: when,
  reviewComment: z.string().nullable(),
  students: z.number().nullable(),
  /** How many rule problems the figures have (0 = consistent). */
  problems: z.number().int(),
});
/** A problem of an uploaded file (422 answers carry a list of them as `problems`). */
export const ImportProblemSchema = z.object({ file: z.string(), sheet: z.string(), row: z.number().int(), column: z.string(), header: z.string(), reason: z.string() });
export const ImportResultSchema = z.object({
  ok: z.literal(true),
  /** Schools in the file. */
  schools: z.number().int(),
  changedSchools: z.number().int(),
  changedFields: z.number().int(),
  /** True when the file changed nothing (re-uploading the same file). */
  unchanged: z.boolean(),
});

// ---------- routes ----------

const Code = z.object({ code: z.string().min(1).max(32) });
const CodeYear = Code.extend({ year: YearParam });
const OptionalYear = z.object({ year: YearParam.optional().describe('school year (start year); default: the current one') });
const Comment = z.object({ comment: z.string().max(2000).optional() });
const PackChoice = {
  standard: z.string().max(64).optional().describe('the standards pack whose class-size thresholds apply (built-in or local); default: the default pack'),
  version: z.coerce.number().int().min(1).max(1_000_000).optional().describe('a local pack’s version; default: its latest'),
};
const SchoolListQuery = OptionalYear.extend({
  level: Level.optional(),
  location: Location.optional(),
  ownership: Ownership.optional(),
  q: z.string().max(100).optional().describe('part of the name, or the start of the code'),
  ...PackChoice,
});
const oneSchool = { in: 'params', name: 'code' } as const;

export const registryApi = {
  meta: endpoint({
    method: 'GET',
    path: '/api/meta',
    summary: '统计字段与词表 / the statistics, vocabularies and rules',
    tags,
    policy: { capability: 'schools.read' },
    response: MetaSchema,
  }),
  years: endpoint({
    method: 'GET',
    path: '/api/years',
    summary: '学年列表 / the school years of the district',
    tags,
    policy: { capability: 'schools.read' },
    response: z.object({ years: z.array(z.object({ year: z.number().int(), isCurrent: z.boolean() })) }),
  }),
  overview: endpoint({
    method: 'GET',
    path: '/api/overview',
    summary: '区县概览（限本人范围内的学校） / the district overview, over the schools in the user’s scope',
    tags,
    policy: { capability: 'schools.read' },
    query: OptionalYear.extend(PackChoice),
    response: OverviewSchema,
    cache: { areas: ['registry', 'standards'] },
  }),
  listSchools: endpoint({
    method: 'GET',
    path: '/api/schools',
    summary: '学校名录及当年主要数字（仅对可查看统计数据的学校给出各校数字） / schools with their headline figures of a year (per-school figures only where the user reads the statistics)',
    tags,
    policy: { capability: 'schools.read' },
    query: SchoolListQuery,
    response: z.object({
      schools: z.array(SchoolRowSchema),
      totals: SchoolTotalsSchema,
      /** False when the user sees no school's own figures (a viewer): the list shows the registry facts and the totals. */
      perSchoolFigures: z.boolean(),
      classSize: ClassSizeStandardSchema,
    }),
  }),
  exportSchools: endpoint({
    method: 'GET',
    path: '/api/schools/export.xlsx',
    summary: '导出学校名录 .xlsx（与名录页所见相同） / the school list as .xlsx, as the list shows it to the user',
    tags,
    policy: { capability: 'schools.read' },
    query: SchoolListQuery.extend({
      status: z
        .enum([...STAT_STATUSES, 'none'])
        .optional()
        .describe('the figures’ state; none: nothing reported'),
    }),
    produces: 'xlsx',
  }),
  getSchool: endpoint({
    method: 'GET',
    path: '/api/schools/:code',
    summary: '学校信息 / one school’s card',
    tags,
    policy: { capability: 'schools.read', school: oneSchool },
    params: Code,
    response: z.object({ school: SchoolSchema }),
  }),
  createSchool: endpoint({
    method: 'POST',
    path: '/api/schools',
    summary: '新增学校 / add a school',
    tags,
    policy: { capability: 'schools.edit' },
    body: NewSchoolBody,
    response: z.object({ school: SchoolSchema }),
  }),
  updateSchool: endpoint({
    method: 'PUT',
    path: '/api/schools/:code',
    summary: '修改学校信息 / change a school’s card',
    tags,
    policy: { capability: 'schools.edit', school: oneSchool },
    params: Code,
    body: SchoolBody,
    response: z.object({ school: SchoolSchema }),
  }),
  listRecords: endpoint({
    method: 'GET',
    path: '/api/schools/:code/stats',
    summary: '学校各年统计数据 / a school’s figures of every year, newest first',
    tags,
    policy: { capability: 'stats.read', school: oneSchool },
    params: Code,
    response: z.object({ records: z.array(RecordSchema) }),
  }),
  getRecord: endpoint({
    method: 'GET',
    path: '/api/schools/:code/stats/:year',
    summary: '学校某学年统计数据 / a school’s figures of one year',
    tags,
    policy: { capability: 'stats.read', school: oneSchool },
    params: CodeYear,
    response: RecordAnswer,
  }),
  saveRecord: endpoint({
    method: 'PUT',
    path: '/api/schools/:code/stats/:year',
    summary: '保存学校某学年统计数据 / save a school’s figures of one year',
    tags,
    policy: { capability: 'stats.edit', school: oneSchool },
    params: CodeYear,
    body: RecordBody,
    response: RecordAnswer,
  }),
  submit: endpoint({
    method: 'POST',
    path: '/api/schools/:code/stats/:year/submit',
    summary: '提交审核 / submit the figures for review',
    tags,
    policy: { capability: 'stats.edit', school: oneSchool },
    params: CodeYear,
    body: Comment,
    response: RecordAnswer,
  }),
  approve: endpoint({
    method: 'POST',
    path: '/api/schools/:code/stats/:year/approve',
    summary: '审核通过（锁定） / approve the figures (locks them)',
    tags,
    policy: { capability: 'stats.review', school: oneSchool },
    params: CodeYear,
    body: Comment,
    response: RecordAnswer,
  }),
  return: endpoint({
    method: 'POST',
    path: '/api/schools/:code/stats/:year/return',
    summary: '退回（须填写意见） / return the figures with a comment',
    tags,
    policy: { capability: 'stats.review', school: oneSchool },
    params: CodeYear,
    body: Comment,
    response: RecordAnswer,
  }),
  reopen: endpoint({
    method: 'POST',
    path: '/api/schools/:code/stats/:year/reopen',
    summary: '重新开放已审核数据 / reopen approved figures',
    tags,
    policy: { capability: 'stats.review', school: oneSchool },
    params: CodeYear,
    body: Comment,
    response: RecordAnswer,
  }),
  review: endpoint({
    method: 'GET',
    path: '/api/review',
    summary: '审核队列 / the review queue of a year',
    tags,
    policy: { capability: 'stats.review' },
    query: OptionalYear.extend({ status: Status.optional() }),
    response: z.object({ items: z.array(ReviewItemSchema) }),
  }),
  exportReview: endpoint({
    method: 'GET',
    path: '/api/review/export.xlsx',
    summary: '导出审核队列 .xlsx / the review queue of a year as .xlsx',
    tags,
    policy: { capability: 'stats.review' },
    query: OptionalYear.extend({ status: Status.optional() }),
    produces: 'xlsx',
  }),
  template: endpoint({
    method: 'GET',
    path: '/api/template',
    summary: '填报模板 .xlsx（填报员总是本校） / the fill-in template (a clerk’s is always the own school’s)',
    tags,
    policy: { capability: 'stats.read' },
    query: OptionalYear.extend({ school: z.string().max(32).optional().describe('one school; default: every school in scope') }),
    produces: 'xlsx',
  }),
  export: endpoint({
    method: 'GET',
    path: '/api/export',
    summary: '导出统计数据 .xlsx（限本人范围内的学校） / the figures of a year as .xlsx, over the schools in scope',
    tags,
    policy: { capability: 'stats.read' },
    query: OptionalYear,
    produces: 'xlsx',
  }),
  import: endpoint({
    method: 'POST',
    path: '/api/import',
    summary: '上传统计数据 .xlsx（全部或不保存） / upload filled figures: all or nothing, problems named by cell',
    tags,
    policy: { capability: 'stats.edit' },
    query: OptionalYear,
    upload: true,
    response: ImportResultSchema,
  }),
};
