// CONTRACT READY
// The HTTP contract of satisfaction surveys (满意度调查, 社会认可度). Pure module (zod and types only): the web imports it.
//
// The flow: the bureau builds a questionnaire (from a ready template or blank; every change saves a new version),
// creates a survey that pins one questionnaire version, computes a sampling plan (stratified by school), issues
// one-time access codes per school as printable slips (PDF with QR codes; only SHA-256 hashes are stored), opens the
// survey; respondents answer on a phone without signing in (POST /api/public/surveys/start, then /answer, the code in
// the body — never in a URL); the bureau closes the survey (final) and reads the results: counts, response rates,
// recognition rates (社会认可度) with 95 % Wilson intervals against the ≥ 85 % gate, cells under minCellSize withheld
// for everyone.
import { z } from 'zod';
import { endpoint, Ok, YearParam } from '../../core/http/contract.js';

const tags = ['surveys'];
const read = { capability: 'surveys.read' as const };
const manage = { capability: 'surveys.manage' as const };
const open = { capability: 'public' as const };

// ---------- questionnaires ----------

/** Who answers a questionnaire. */
export const AUDIENCES = ['student', 'parent', 'teacher', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_NAMES: Record<Audience, { zh: string; en: string }> = {
  student: { zh: '学生', en: 'Students' },
  parent: { zh: '家长', en: 'Parents' },
  teacher: { zh: '教师', en: 'Teachers' },
  public: { zh: '社会人士', en: 'The public' },
};

/**
 * What a question measures. The four of issue 12 first (overall 总体满意度, fairness 教育公平, quality 教育质量,
 * burden 课业负担), then the other aspects 优质均衡 surveys ask about; 'background' is for choice questions about
 * the respondent (e.g. the child's stage), which never count toward recognition.
 */
export const DIMENSIONS = ['overall', 'fairness', 'quality', 'burden', 'teachers', 'safety', 'conditions', 'management', 'communication', 'health', 'background'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_NAMES: Record<Dimension, { zh: string; en: string }> = {
  overall: { zh: '总体满意度', en: 'Overall satisfaction' },
  fairness: { zh: '教育公平', en: 'Fairness' },
  quality: { zh: '教育质量', en: 'Quality' },
  burden: { zh: '课业负担', en: 'Workload' },
  teachers: { zh: '师德师风', en: 'Teachers' },
  safety: { zh: '校园安全', en: 'Safety' },
  conditions: { zh: '办学条件', en: 'Facilities' },
  management: { zh: '学校管理', en: 'Management' },
  communication: { zh: '家校沟通', en: 'Home–school communication' },
  health: { zh: '身心健康', en: 'Health and wellbeing' },
  background: { zh: '基本情况', en: 'Background' },
};

/** Text in both languages (Chinese required; English may be empty and then falls back to Chinese). */
export const Text2 = z.object({ zh: z.string().trim().min(1).max(300), en: z.string().trim().max(300).default('') });
export type Text2 = z.infer<typeof Text2>;

/** An answer option: a stable value (what a response stores) and its label. */
export const OptionSchema = z.object({
  value: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, '选项值只能用小写字母、数字、-、_（最多 30 个字符） / an option value is lowercase letters, digits, - and _ (≤ 30 characters)'),
  label: Text2,
});
export type QuestionOption = z.infer<typeof OptionSchema>;

/** The default options of a `scale` question, best first (the recognition rule counts the first two). */
export const DEFAULT_SCALE: QuestionOption[] = [
  { value: 'very-satisfied', label: { zh: '非常满意', en: 'Very satisfied' } },
  { value: 'satisfied', label: { zh: '满意', en: 'Satisfied' } },
  { value: 'neutral', label: { zh: '一般', en: 'Neutral' } },
  { value: 'dissatisfied', label: { zh: '不满意', en: 'Dissatisfied' } },
  { value: 'very-dissatisfied', label: { zh: '非常不满意', en: 'Very dissatisfied' } },
];

/**
 * One question. No free-text type on purpose: free text identifies people, and the respondents were promised
 * anonymity. `scale`: ordered options, best first (5 satisfaction options when `options` is left out);
 * `choice`: one of the options (unordered). `counts`: the answer counts toward 社会认可度 (only `scale` questions may
 * count). `required`: a response must answer it (default true).
 */
export const QuestionSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, '题目编号只能用小写字母开头，含字母、数字、-、_（最多 40 个字符） / a question id starts with a lowercase letter (letters, digits, - and _, ≤ 40 characters)'),
  text: Text2,
  type: z.enum(['scale', 'choice']),
  /** Required for `choice` (2–10 options); for `scale`, DEFAULT_SCALE when left out (3–7 options, best first). */
  options: z.array(OptionSchema).optional(),
  dimension: z.enum(DIMENSIONS),
  counts: z.boolean().default(false),
  required: z.boolean().default(true),
});
export type QuestionIn = z.input<typeof QuestionSchema>;
/** A question as stored and answered: options always filled in. */
export type Question = Omit<z.output<typeof QuestionSchema>, 'options'> & { options: QuestionOption[] };
export const QuestionOut = QuestionSchema.extend({ options: z.array(OptionSchema) });

/** The most questions a questionnaire has, hence the most answers a response carries. */
export const MAX_QUESTIONS = 60;

/** What a questionnaire is made of (create and new version); checked further by the server (unique ids, options …). */
export const QuestionnaireBody = z.object({
  title: z.string().trim().min(1).max(100),
  titleEn: z.string().trim().max(150).default(''),
  audience: z.enum(AUDIENCES),
  /** Shown above the questions on the answer page (who runs the survey, that it is anonymous). */
  intro: Text2.optional(),
  questions: z.array(QuestionSchema).min(1).max(MAX_QUESTIONS),
});
export type QuestionnaireBody = z.input<typeof QuestionnaireBody>;

export const QuestionnaireKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, '问卷编号只能用小写字母、数字、-、_（2–40 个字符） / a questionnaire key is lowercase letters, digits, - and _ (2–40 characters)');

/** One stored questionnaire version (or a ready template: then key = template id, template = null). */
export const QuestionnaireSchema = z.object({
  key: z.string(),
  version: z.number(),
  title: z.string(),
  titleEn: z.string(),
  audience: z.enum(AUDIENCES),
  intro: Text2.nullable(),
  /** The ready template it started from, 'parents@1', or null. */
  template: z.string().nullable(),
  questions: z.array(QuestionOut),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

/** A questionnaire in a list: its latest version and every version's number, date and the surveys pinning it. */
export const QuestionnaireSummarySchema = z.object({
  key: z.string(),
  title: z.string(),
  titleEn: z.string(),
  audience: z.enum(AUDIENCES),
  template: z.string().nullable(),
  latestVersion: z.number(),
  questionCount: z.number(),
  versions: z.array(z.object({ version: z.number(), createdBy: z.string(), createdAt: z.string(), questionCount: z.number(), pinnedBy: z.array(z.number()) })),
});

/** A ready template (templates/*.json): a questionnaire to start from, with its sources. */
export const TemplateSchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  titleEn: z.string(),
  audience: z.enum(AUDIENCES),
  intro: Text2.nullable(),
  questions: z.array(QuestionOut),
});
export type Template = z.infer<typeof TemplateSchema>;

/** The recognition rule (recognition.json): which answers count as recognising and the gate. */
export const RecognitionRuleSchema = z.object({
  id: z.string(),
  version: z.number(),
  /** An answer to a counted scale question is recognising when it is among the first `topOptions` (非常满意/满意). */
  topOptions: z.number(),
  /** The gate: rate ≥ thresholdPercent (compared in integers: 100·recognising ≥ thresholdPercent·answered). */
  thresholdPercent: z.number(),
  source: z.string(),
  sourceEn: z.string(),
});
export type RecognitionRule = z.infer<typeof RecognitionRuleSchema>;

// ---------- surveys and sampling ----------

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Confidence levels offered, with z (two-sided normal quantile). */
export const CONFIDENCE_LEVELS = [90, 95, 99] as const;

/** What the user chooses for a sampling plan; schools left out are not sampled. */
export const PlanInput = z.object({
  confidencePercent: z.union([z.literal(90), z.literal(95), z.literal(99)]).default(95),
  /** Margin of error e in percent points (default 5). */
  marginPercent: z.coerce.number().min(1).max(20).default(5),
  /** Expected share of issued codes that are answered, percent (default 100). */
  responseRatePercent: z.coerce.number().min(10).max(100).default(100),
  /** Strata: one row per school; population N typed, or left out to take the registry's default. */
  schools: z
    .array(
      z.object({
        schoolCode: z.string().trim().min(1).max(40),
        /** N; null/absent = the registry default (pupils enrolled in the survey year's grades 1–9). */
        population: z.coerce.number().int().min(0).max(1_000_000).nullish(),
      }),
    )
    .max(500)
    .optional(),
});
export type PlanInput = z.input<typeof PlanInput>;

export const PlanSchoolSchema = z.object({
  schoolCode: z.string(),
  schoolName: z.string().nullable(),
  /** N. */
  population: z.number(),
  populationSource: z.enum(['registry', 'typed']),
  /** n₀ = z²·p(1−p)/e² (unrounded). */
  n0: z.number(),
  /** n = ⌈n₀ / (1 + (n₀ − 1)/N)⌉ (finite population correction; 0 when N = 0). */
  sampleSize: z.number(),
  /** ⌈n / response rate⌉, never above N (a code per member of the population at most). */
  codesToIssue: z.number(),
  /** Every member of the population gets a code (codes capped at N): the expected responses N·rate may fall short of n. */
  census: z.boolean(),
  /** The responses expected from the codes: ⌊codes × response rate⌋ (short of n only when census). */
  expectedResponses: z.number(),
  /** The margin achieved at n responses, percent points (≤ e). */
  marginPercent: z.number().nullable(),
});
export type PlanSchool = z.infer<typeof PlanSchoolSchema>;

/** A computed sampling plan (stored on the survey). */
export const PlanSchema = z.object({
  method: z.object({ id: z.literal('sampling-v1'), version: z.number(), source: z.string() }),
  confidencePercent: z.number(),
  z: z.number(),
  marginPercent: z.number(),
  p: z.number(),
  responseRatePercent: z.number(),
  schools: z.array(PlanSchoolSchema),
  district: z.object({
    population: z.number(),
    sampleSize: z.number(),
    codesToIssue: z.number(),
    /** The margin of the district estimate from the stratified sample (Σ W_h² …), percent points. */
    marginPercent: z.number().nullable(),
  }),
  /** The year whose registry enrolments gave the default populations. */
  populationYear: z.number(),
  computedAt: z.string(),
});
export type Plan = z.infer<typeof PlanSchema>;

/** A survey with its counts (district totals). */
export const SurveySchema = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  questionnaireKey: z.string(),
  questionnaireVersion: z.number(),
  questionnaireTitle: z.string(),
  audience: z.enum(AUDIENCES),
  status: z.enum(SURVEY_STATUSES),
  hasPlan: z.boolean(),
  /** The plan's district sample size (Σ of the schools' n): the responses sought; null without a plan. */
  target: z.number().nullable(),
  codesIssued: z.number(),
  codesVoided: z.number(),
  responses: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Survey = z.infer<typeof SurveySchema>;

export const SurveyCreate = z.object({
  year: YearParam,
  title: z.string().trim().min(1).max(100),
  questionnaireKey: QuestionnaireKey,
  /** Pinned version; default the latest. */
  questionnaireVersion: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type SurveyCreate = z.input<typeof SurveyCreate>;

/** Change a draft: title, year or the pinned questionnaire version (a survey with codes keeps its questionnaire). */
export const SurveyUpdate = z.object({
  year: YearParam.optional(),
  title: z.string().trim().min(1).max(100).optional(),
  questionnaireKey: QuestionnaireKey.optional(),
  questionnaireVersion: z.coerce.number().int().min(1).max(100_000).optional(),
});

/**
 * One print batch of codes for one school: its size and dates. How many of a batch were used is not shown (only per
 * school): a batch handed to a few named people would show who answered.
 */
export const BatchSchema = z.object({
  batch: z.number(),
  schoolCode: z.string(),
  schoolName: z.string().nullable(),
  count: z.number(),
  issuedAt: z.string(),
  /** When the batch was voided (its unused codes withdrawn); null while valid. */
  voidedAt: z.string().nullable(),
});
export type Batch = z.infer<typeof BatchSchema>;

/** A school's codes of a survey: issued, used, voided (unused when voided). */
export const SchoolCodesSchema = z.object({
  schoolCode: z.string(),
  schoolName: z.string().nullable(),
  issued: z.number(),
  used: z.number(),
  voided: z.number(),
});
export type SchoolCodes = z.infer<typeof SchoolCodesSchema>;

export const CodesIssue = z.object({
  /**
   * One batch per listed school; at most 5000 codes per school and request, and at least minBatch (the small-cell
   * size, GET …/batches): a smaller batch could go to a few named people.
   */
  schools: z
    .array(z.object({ schoolCode: z.string().trim().min(1).max(40), count: z.coerce.number().int().min(1).max(5000) }))
    .min(1)
    .max(500),
});
export type CodesIssue = z.input<typeof CodesIssue>;

/** A survey's id (a serial: a 32-bit integer). */
const SurveyId = z.coerce.number().int().min(1).max(2_147_483_647);
const SurveyParams = z.object({ id: SurveyId });

// ---------- public answering ----------

/** An access code as printed (XXXXX-XXXXX); the server also accepts lowercase, spaces and no dash. */
export const AccessCode = z.string().trim().min(1).max(40);

export const PublicQuestionnaire = z.object({
  surveyTitle: z.string(),
  year: z.number(),
  districtName: z.string(),
  schoolName: z.string(),
  title: z.string(),
  titleEn: z.string(),
  audience: z.enum(AUDIENCES),
  intro: Text2.nullable(),
  questions: z.array(QuestionOut),
});
export type PublicQuestionnaire = z.infer<typeof PublicQuestionnaire>;

/**
 * question id → option value; unanswered optional questions are left out. Capped like what it answers: ids ≤ 40
 * characters, option values ≤ 30, no more answers than a questionnaire can have questions.
 */
export const Answers = z
  .record(z.string().max(40), z.string().max(30))
  .refine((a) => Object.keys(a).length <= MAX_QUESTIONS, `答案数量超过题目上限（${MAX_QUESTIONS}） / more answers than a questionnaire has questions (${MAX_QUESTIONS})`);

// ---------- results ----------

/** A recognition rate: recognising / answered among the counted answers, with a 95 % Wilson interval. */
export const RateSchema = z.object({
  recognising: z.number(),
  answered: z.number(),
  /** Respondents with at least one counted answer: the n of the interval (conservative: one person's answers are not independent). */
  respondents: z.number(),
  /** Percent, null when nothing was answered. */
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** 100·recognising ≥ threshold·answered; null when nothing was answered. */
  meetsGate: z.boolean().nullable(),
});
export type Rate = z.infer<typeof RateSchema>;

/** One unit of results: the district (school null) or one school. */
export const ResultUnitSchema = z.object({
  school: z.string().nullable(),
  schoolName: z.string().nullable(),
  codesIssued: z.number(),
  codesVoided: z.number(),
  responses: z.number(),
  /** responses / (issued − voided), percent; null when no valid code was issued. */
  responseRate: z.number().nullable(),
  /** The plan's sample size n (null without a plan or when the school is not in it). */
  target: z.number().nullable(),
  /** School: responses ≥ target. District: every school of the plan (population > 0) met its own target (strata). */
  targetMet: z.boolean().nullable(),
  /** The margin of error achieved with these responses (finite population corrected; district: stratified), percent points. */
  marginPercent: z.number().nullable(),
  /**
   * Fewer than minCellSize responses (or withheld so that it cannot be recovered by subtraction): figures below are
   * null. (While the survey is not closed every unit's figures are null too: Results.final.)
   */
  suppressed: z.boolean(),
  overall: RateSchema.nullable(),
  dimensions: z.array(z.object({ dimension: z.enum(DIMENSIONS), rate: RateSchema })).nullable(),
  /** Per question: answered, and the count of each option value. */
  questions: z.array(z.object({ questionId: z.string(), answered: z.number(), counts: z.record(z.string(), z.number()) })).nullable(),
});
export type ResultUnit = z.infer<typeof ResultUnitSchema>;

/**
 * How the district's rates are estimated. 'stratified': Σ W_h p̂_h over the plan's schools, W_h = N_h / N (their
 * populations), 95 % interval p̂ ± 1.96·√(Σ W_h² p̂_h q̂_h / n_h · (N_h − n_h)/(N_h − 1)) (Cochran 1977 §5.6), the gate
 * compared exactly; the district's counts stay the plain totals. 'pooled' (no plan): Σ recognising / Σ answered with
 * a Wilson interval. `leftOut`: schools whose answers the estimate could not weigh (planned without answers, or with
 * answers but outside the plan); the weights are taken over the others.
 */
export const EstimatorSchema = z.object({ method: z.enum(['stratified', 'pooled']), leftOut: z.array(z.string()) });
export type Estimator = z.infer<typeof EstimatorSchema>;

export const ResultsSchema = z.object({
  survey: SurveySchema,
  /**
   * The survey is closed: rates, dimensions and option counts are shown. While it is open (or a draft) only codes and
   * responses per school are: figures that change with each response would let a watcher read single answers.
   */
  final: z.boolean(),
  estimator: EstimatorSchema,
  questionnaire: QuestionnaireSchema,
  rule: RecognitionRuleSchema,
  minCellSize: z.number(),
  interval: z.object({ method: z.literal('wilson'), confidencePercent: z.literal(95) }),
  plan: PlanSchema.nullable(),
  /** The district first, then the schools the caller may see (in code order). */
  units: z.array(ResultUnitSchema),
});
export type Results = z.infer<typeof ResultsSchema>;

// ---------- the routes ----------

/** The public routes' largest body: the largest valid answer is about 5 KB (60 answers of ~76 bytes and the code). */
export const PUBLIC_BODY_LIMIT = 16 * 1024;

export const surveysApi = {
  templates: endpoint({
    method: 'GET',
    path: '/api/surveys/templates',
    summary: '现成问卷模板（学生、家长、教师）与社会认可度规则 / the ready questionnaire templates (students, parents, teachers) and the recognition rule',
    tags,
    policy: manage,
    response: z.object({ templates: z.array(TemplateSchema), rule: RecognitionRuleSchema, dimensions: z.array(z.object({ dimension: z.enum(DIMENSIONS), zh: z.string(), en: z.string() })) }),
  }),
  questionnaires: endpoint({
    method: 'GET',
    path: '/api/surveys/questionnaires',
    summary: '本县（区）的问卷及其各版本 / the district’s questionnaires with their versions',
    tags,
    policy: manage,
    response: z.object({ questionnaires: z.array(QuestionnaireSummarySchema) }),
  }),
  questionnaire: endpoint({
    method: 'GET',
    path: '/api/surveys/questionnaires/:key',
    summary: '一份问卷的一个版本（默认最新） / one version of a questionnaire (default the latest)',
    tags,
    policy: manage,
    params: z.object({ key: QuestionnaireKey }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    response: QuestionnaireSchema,
  }),
  questionnaireCreate: endpoint({
    method: 'POST',
    path: '/api/surveys/questionnaires',
    summary: '新建问卷（从模板或空白），保存为第 1 版 / create a questionnaire (from a template or blank) as version 1',
    tags,
    policy: manage,
    /** `template`: start from that ready template (its questions are used when `questions` is left out). */
    body: z.object({
      key: QuestionnaireKey,
      template: z.string().trim().min(1).max(40).optional(),
      title: z.string().trim().min(1).max(100).optional(),
      titleEn: z.string().trim().max(150).optional(),
      audience: z.enum(AUDIENCES).optional(),
      intro: Text2.optional(),
      questions: z.array(QuestionSchema).min(1).max(MAX_QUESTIONS).optional(),
    }),
    response: QuestionnaireSchema,
  }),
  questionnaireUpdate: endpoint({
    method: 'PUT',
    path: '/api/surveys/questionnaires/:key',
    summary: '修改问卷：保存为新版本（旧版本保留，已被调查使用的版本不变） / change a questionnaire: saved as a new version (old versions kept; versions used by surveys never change)',
    tags,
    policy: manage,
    params: z.object({ key: QuestionnaireKey }),
    body: QuestionnaireBody,
    response: QuestionnaireSchema,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/surveys',
    summary: '满意度调查列表（全县合计） / the satisfaction surveys (district totals)',
    tags,
    policy: read,
    query: z.object({ year: YearParam.optional() }),
    response: z.object({ surveys: z.array(SurveySchema), years: z.array(z.number()) }),
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/surveys/:id',
    summary: '一次调查：所用问卷版本与抽样方案 / one survey with its pinned questionnaire and sampling plan',
    tags,
    policy: read,
    params: SurveyParams,
    response: z.object({ survey: SurveySchema, questionnaire: QuestionnaireSchema, plan: PlanSchema.nullable() }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/surveys',
    summary: '新建调查（草稿），固定所用问卷版本 / create a survey (draft) pinning one questionnaire version',
    tags,
    policy: manage,
    body: SurveyCreate,
    response: SurveySchema,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/surveys/:id',
    summary: '修改草稿调查（标题、年度、问卷版本；已发放调查码后不能换问卷） / change a draft survey (title, year, questionnaire version; not the questionnaire once codes are issued)',
    tags,
    policy: manage,
    params: SurveyParams,
    body: SurveyUpdate,
    response: SurveySchema,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/surveys/:id',
    summary: '删除未发放调查码的草稿调查 / delete a draft survey without issued codes',
    tags,
    policy: manage,
    params: SurveyParams,
    response: Ok,
  }),
  status: endpoint({
    method: 'POST',
    path: '/api/surveys/:id/status',
    summary: '开始（草稿→进行中）或结束（进行中→已结束，不可恢复）调查 / open (draft → open) or close (open → closed, final) a survey',
    tags,
    policy: manage,
    params: SurveyParams,
    body: z.object({ status: z.enum(['open', 'closed']) }),
    response: SurveySchema,
  }),
  planDefaults: endpoint({
    method: 'GET',
    path: '/api/surveys/:id/plan/defaults',
    summary: '抽样方案的默认值（各校总体人数取自学籍登记） / the sampling plan’s defaults (each school’s population from the registry)',
    tags,
    policy: manage,
    params: SurveyParams,
    response: z.object({
      confidencePercent: z.number(),
      marginPercent: z.number(),
      responseRatePercent: z.number(),
      populationYear: z.number(),
      schools: z.array(z.object({ schoolCode: z.string(), schoolName: z.string(), population: z.number() })),
    }),
  }),
  planPreview: endpoint({
    method: 'POST',
    path: '/api/surveys/:id/plan/preview',
    summary: '计算抽样方案（不保存） / compute a sampling plan (not saved)',
    tags,
    policy: manage,
    params: SurveyParams,
    body: PlanInput,
    response: PlanSchema,
  }),
  planSave: endpoint({
    method: 'PUT',
    path: '/api/surveys/:id/plan',
    summary: '计算并保存抽样方案（调查结束前可改） / compute and save the sampling plan (until the survey is closed)',
    tags,
    policy: manage,
    params: SurveyParams,
    body: PlanInput,
    response: PlanSchema,
  }),
  batches: endpoint({
    method: 'GET',
    path: '/api/surveys/:id/batches',
    summary: '已发放的调查码批次（各校数量、已用、作废） / the issued code batches (per school: count, used, void)',
    tags,
    policy: manage,
    params: SurveyParams,
    response: z.object({
      batches: z.array(BatchSchema),
      /** Per school: issued, used, voided. */
      schools: z.array(SchoolCodesSchema),
      /** The smallest batch that can be issued (the small-cell size). */
      minBatch: z.number(),
    }),
  }),
  /**
   * A POST that answers a PDF (application/pdf, file name in Content-Disposition): the web posts with fetch (JSON body,
   * header x-csrf-token = csrfToken() of web/src/api.ts) and saves the blob — the codes must never travel in a URL.
   */
  codesIssue: endpoint({
    method: 'POST',
    path: '/api/surveys/:id/codes',
    summary:
      '为各校生成一次性调查码并下载打印用的调查码条（PDF，含二维码；调查码只在此文件中出现，服务器只保存其哈希） / issue one-time access codes per school and download the printable slips (PDF with QR codes; the codes exist only in this file, the server keeps their hashes)',
    tags,
    policy: manage,
    params: SurveyParams,
    body: CodesIssue,
    produces: 'pdf',
  }),
  batchVoid: endpoint({
    method: 'POST',
    path: '/api/surveys/:id/batches/:batch/void',
    summary: '作废一批调查码（码条遗失时；已使用的答卷保留） / void a batch of codes (lost slips; responses already given stay)',
    tags,
    policy: manage,
    params: z.object({ id: SurveyId, batch: z.coerce.number().int().min(1).max(2_147_483_647) }),
    response: z.object({ batch: BatchSchema }),
  }),
  results: endpoint({
    method: 'GET',
    path: '/api/surveys/:id/results',
    summary:
      '调查结果：全县（区）与各校的发放数、回收数、回收率、样本是否达标、误差；调查结束后另有各题各选项人数、各维度与总体认可率（学校 95% Wilson 区间；全县按抽样方案分层加权）与 ≥85% 标准；不足最小单元的学校不公布 / results: district and schools (codes, responses, response rate, sample met, margin); once the survey is closed also option counts and recognition per dimension and overall (schools: 95 % Wilson intervals; district: stratified by the plan) against the gate; small cells withheld',
    tags,
    policy: read,
    params: SurveyParams,
    response: ResultsSchema,
  }),
  resultsXlsx: endpoint({
    method: 'GET',
    path: '/api/surveys/:id/results.xlsx',
    summary: '导出调查结果（.xlsx） / export the results (.xlsx)',
    tags,
    policy: read,
    params: SurveyParams,
    produces: 'xlsx',
  }),
  publicStart: endpoint({
    method: 'POST',
    path: '/api/public/surveys/start',
    summary: '凭调查码打开问卷（无需登录；码在请求正文中） / open the questionnaire with an access code (no sign-in; the code in the body)',
    tags,
    policy: open,
    bodyLimit: PUBLIC_BODY_LIMIT,
    body: z.object({ code: AccessCode }),
    response: PublicQuestionnaire,
  }),
  publicAnswer: endpoint({
    method: 'POST',
    path: '/api/public/surveys/answer',
    summary: '提交答卷（每个调查码只能提交一次；答卷不记录调查码） / submit the answers (once per code; the response does not keep the code)',
    tags,
    policy: open,
    bodyLimit: PUBLIC_BODY_LIMIT,
    body: z.object({ code: AccessCode, answers: Answers }),
    response: Ok,
  }),
};

/**
 * Error codes the public routes answer (error.code), for the answer page:
 *  400 invalid_request / invalid_answers (details name the question: problems[].field = question id),
 *  404 code_unknown (无效), 409 code_used (已使用), 410 code_void (已作废), 410 survey_closed (调查已结束),
 *  409 survey_not_open (调查尚未开始), 429 too_many_attempts (Retry-After header, seconds).
 */
export const PUBLIC_ERRORS = ['invalid_answers', 'code_unknown', 'code_used', 'code_void', 'survey_closed', 'survey_not_open', 'too_many_attempts'] as const;

/**
 * The access code of the answer page's address: taken from the fragment only (/survey#code=XXXXX-XXXXX, as the slips'
 * QR codes link). A fragment never leaves the browser, so no server, proxy or log sees it; a query string (?code=…)
 * reaches every proxy's access log, so a code there is ignored (the respondent types it instead). null when none.
 */
export function codeOfLink(location: { hash: string; search: string }): string | null {
  const c = new URLSearchParams(location.hash.replace(/^#/, '')).get('code');
  return c?.trim() ? c.trim() : null;
}
