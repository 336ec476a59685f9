// The HTTP contract of planning: seat forecast (学位预测). The report (forecast v1 per school, catchment, level and
// district with its backtest and uncertainty band, classes and classrooms needed, capacity flags and what a new or
// enlarged school must provide), the same report for an uploaded enrolment file, its workbook, and the bureau's inputs
// (townships and classroom stock per school, the births table per township, new housing projects).
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, Ok } from '../../core/http/contract.js';
import { DEFAULT_STANDARD } from '../../balance/pack-schema.js';

const tags = ['planning'];

/** How the report's figures are written, on the page and in the workbook (src/core/format.ts formatNumber / excelFormat). */
export const FORECAST_FIGURES = {
  /** Students (forecasts are unrounded: shown as whole students). */
  students: { decimals: 0 },
  /** Classes, classrooms, seats: whole numbers. */
  count: { decimals: 0 },
  /** MAPE and band half-widths: per cent, one decimal. */
  rate: { decimals: 1, percent: true },
  /** A change against the base year, signed per cent. */
  change: { decimals: 1, percent: true, signed: true },
  /** Progression ratios (GPR): three decimals. */
  ratio: { decimals: 3 },
  /** Children per housing unit: two decimals. */
  perUnit: { decimals: 2 },
} as const;

/** The largest horizon, window and holdout the page and the routes accept (years). */
export const FORECAST_LIMITS = { horizon: 10, window: 5, holdout: 3 } as const;
/** Share of the backtest's errors the uncertainty band covers (nearest-rank quantile of the absolute % errors). */
export const BAND_COVERAGE = 0.8;

const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const ForecastQuery = z.object({
  /** Years forecast after the base year (H). */
  horizon: Int(1, FORECAST_LIMITS.horizon).default(5),
  /** Years of history the progression ratios and the entry mean use (K). */
  window: Int(1, FORECAST_LIMITS.window).default(3),
  /** Years the backtest holds out. */
  holdout: Int(1, FORECAST_LIMITS.holdout).default(1),
  /** Entry grade: the window mean (forecast v1) or births six years earlier × the entry ratio (needs a births table). */
  entry: z.enum(['mean', 'births']).default('mean'),
  /** The standards pack whose class-size standards (班额) turn students into classes. */
  standard: z.string().min(1).max(64).default(DEFAULT_STANDARD),
  version: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type ForecastQuery = z.output<typeof ForecastQuery>;
export type ForecastQueryIn = z.input<typeof ForecastQuery>;

const Band = z.object({ low: z.number(), high: z.number() }).nullable();
/** 大班额 / 超大班额 that keeping the school's classrooms would force (pigeonhole on the rooms), or none. */
const LargeClass = z.enum(['large', 'huge']).nullable();

export const ForecastGradeCell = z.object({
  grade: z.number(),
  /** Unrounded forecast (forecast v1). */
  students: z.number(),
  /** ⌈students / standard size of the grade⌉. */
  classes: z.number(),
});

/** One forecast year of one school. */
export const ForecastSchoolYear = z.object({
  year: z.number(),
  /** 1 = the first year after the base year. */
  step: z.number(),
  students: z.number(),
  band: Band,
  grades: z.array(ForecastGradeCell),
  /** Entry-grade students and where they came from: the window mean or births × entry ratio; plus new housing. */
  entry: z.object({ grade: z.number(), students: z.number(), source: z.enum(['mean', 'births']), housing: z.number() }),
  classes: z.number(),
  /** Classes needed beyond the classroom stock (0 when they fit); null when the stock is unknown. */
  shortfall: z.number().nullable(),
  /** Seats (学位) of the classes without a room: shortfall × the standard class size; null when the stock is unknown. */
  seatShortfall: z.number().nullable(),
  /** Classrooms left over (stock − classes, ≥ 0); null when the stock is unknown. */
  spare: z.number().nullable(),
  overCapacity: z.boolean().nullable(),
  largeClass: LargeClass,
});
export type ForecastSchoolYear = z.infer<typeof ForecastSchoolYear>;

export const ForecastSchool = z.object({
  code: z.string(),
  name: z.string(),
  /** Registry facts; null for a school of an uploaded file that the registry does not know. */
  level: z.string().nullable(),
  location: z.string().nullable(),
  /** The township (乡镇/街道, the catchment) the bureau recorded; null when not recorded. */
  township: z.string().nullable(),
  inRegistry: z.boolean(),
  /** Ordinary classrooms: recorded by the bureau, else the base year's classes (marked), else unknown. */
  classrooms: z.number().nullable(),
  classroomsSource: z.enum(['recorded', 'base-year-classes', 'none']),
  /** Actual totals of the last years (base year last). */
  history: z.array(z.object({ year: z.number(), students: z.number() })),
  /** The base year's actual students and classes per grade. */
  baseGrades: z.array(z.object({ grade: z.number(), students: z.number(), classes: z.number().nullable() })),
  ratios: z.array(z.object({ grade: z.number(), ratio: z.number(), source: z.enum(['school', 'district', 'default']) })),
  forecast: z.array(ForecastSchoolYear),
  /** The backtest's MAPE of this school against the naive "same as last year" (fractions); null without a backtest. */
  backtest: z.object({ mape: z.number().nullable(), naiveMape: z.number().nullable() }).nullable(),
});
export type ForecastSchool = z.infer<typeof ForecastSchool>;

export const ForecastAggregateYear = z.object({
  year: z.number(),
  step: z.number(),
  students: z.number(),
  band: Band,
  classes: z.number(),
  /** Classrooms of the schools with a known stock. */
  classrooms: z.number(),
  /** Σ of the schools' shortfalls (a surplus elsewhere does not offset them). */
  shortfall: z.number(),
  seatShortfall: z.number(),
  overCapacity: z.number(),
  largeClass: z.number(),
});
export const ForecastAggregate = z.object({
  kind: z.enum(['district', 'level', 'catchment']),
  /** The level or the township; null for the district and for the schools without a recorded township. */
  key: z.string().nullable(),
  schools: z.number(),
  /** Schools without a known classroom stock (their classes count, their rooms and shortfalls do not). */
  unknownStock: z.number(),
  history: z.array(z.object({ year: z.number(), students: z.number() })),
  forecast: z.array(ForecastAggregateYear),
});
export type ForecastAggregate = z.infer<typeof ForecastAggregate>;

/** What a new or enlarged school must provide in a catchment for one school level: Σ of the schools' shortfalls. */
export const ForecastNeed = z.object({
  township: z.string().nullable(),
  level: z.string().nullable(),
  /** The forecast year with the largest shortfall (classes, then seats). */
  peakYear: z.number(),
  classes: z.number(),
  seats: z.number(),
  /** Classrooms the catchment's other schools of the level have left over in that year (could take some of it). */
  spareElsewhere: z.number(),
  schools: z.array(z.object({ code: z.string(), name: z.string(), classes: z.number(), seats: z.number() })),
  byYear: z.array(z.object({ year: z.number(), classes: z.number(), seats: z.number() })),
});
export type ForecastNeed = z.infer<typeof ForecastNeed>;

export const ForecastBacktest = z.object({
  holdout: z.number(),
  /** The backtest's base year (T − holdout); its forecast saw nothing later. */
  baseYear: z.number().nullable(),
  /** False when the history is too short for this holdout (the reason says what is missing). */
  available: z.boolean(),
  reason: z.string().nullable(),
  mape: z.number().nullable(),
  naiveMape: z.number().nullable(),
  steps: z.array(z.object({ step: z.number(), year: z.number(), mape: z.number().nullable(), naiveMape: z.number().nullable(), n: z.number() })),
});
export type ForecastBacktest = z.infer<typeof ForecastBacktest>;

export const ForecastReport = z.object({
  method: z.string(),
  /** Junheng's version that computed it. */
  version: z.string(),
  source: z.enum(['registry', 'file']),
  fileName: z.string().nullable(),
  /** null when there is nothing to forecast (no enrolments). */
  baseYear: z.number().nullable(),
  historyYears: z.array(z.number()),
  forecastYears: z.array(z.number()),
  params: z.object({
    horizon: z.number(),
    window: z.number(),
    holdout: z.number(),
    entry: z.enum(['mean', 'births']),
    coverage: z.number(),
    standard: z.object({ id: z.string(), version: z.number(), name: z.string(), nameEn: z.string() }),
    classSize: z.object({ primary: z.number(), junior: z.number(), large: z.number(), huge: z.number() }),
  }),
  /** Whether the district has a births table (the births entry source needs one). */
  birthsAvailable: z.boolean(),
  housing: z.array(z.object({ id: z.number(), schoolCode: z.string(), name: z.string(), units: z.number(), childrenPerUnit: z.number(), moveInYear: z.number() })),
  backtest: ForecastBacktest,
  schools: z.array(ForecastSchool),
  closedSchools: z.array(z.object({ code: z.string(), name: z.string() })),
  aggregates: z.array(ForecastAggregate),
  needs: z.array(ForecastNeed),
});
export type ForecastReport = z.infer<typeof ForecastReport>;

export const SchoolInput = z.object({
  schoolCode: z.string().trim().min(1).max(40),
  township: z.string().trim().max(40).nullable(),
  classrooms: z.number().int().min(0).max(10_000).nullable(),
});
export const HousingInput = z.object({
  schoolCode: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  units: z.number().int().min(1).max(1_000_000),
  /** Children of the entry grade's age per unit and year (入学适龄儿童/户·年). */
  childrenPerUnit: z.number().min(0).max(5),
  moveInYear: z.number().int().min(1990).max(2100),
});
export const HousingRow = HousingInput.extend({ id: z.number(), createdBy: z.string().nullable(), createdAt: z.string() });
export type HousingRow = z.infer<typeof HousingRow>;

export const ForecastInputs = z.object({
  schools: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.string(),
      location: z.string(),
      isOpen: z.boolean(),
      township: z.string().nullable(),
      classrooms: z.number().nullable(),
      /** The latest year's classes in the registry (what stands in for an unrecorded stock). */
      latestClasses: z.number().nullable(),
      updatedBy: z.string().nullable(),
      updatedAt: z.string().nullable(),
    }),
  ),
  births: z.array(z.object({ township: z.string(), year: z.number(), births: z.number() })),
  housing: z.array(HousingRow),
});
export type ForecastInputs = z.infer<typeof ForecastInputs>;

const query = ForecastQuery;
export const forecastApi = {
  report: endpoint({
    method: 'GET',
    path: '/api/planning/forecast',
    summary:
      '学位预测（年级升级比例法 v1）：各校、各片区（乡镇）、各学段与全县（区）今后 1–10 年的在校生、所需班数与教室缺口，回测误差（对照“与上年相同”）与不确定区间，新建/扩建需求 / seat forecast (grade-progression ratios, v1) per school, catchment, level and district for 1–10 years: students, classes and classrooms needed, backtest error against "same as last year", uncertainty band, what new or enlarged schools must provide',
    tags,
    policy: { capability: 'planning.read' },
    query,
    response: ForecastReport,
  }),
  fromFile: endpoint({
    method: 'POST',
    path: '/api/planning/forecast/file',
    summary:
      '对上传的在校生文件（学校代码、年份、年级、学生数；.xlsx/.csv）做同样的学位预测；文件不保存；出错时逐格列出 / the same forecast for an uploaded enrolment file (school_code, year, grade, students; .xlsx/.csv); nothing is stored; every bad cell named',
    tags,
    policy: { capability: 'planning.read' },
    query,
    upload: true,
    response: ForecastReport,
  }),
  export: endpoint({
    method: 'GET',
    path: '/api/planning/forecast.xlsx',
    summary:
      '学位预测 .xlsx（全县、学段、片区、学校、年级、新建扩建需求与回测，数字与页面相同） / the seat forecast as .xlsx (district, levels, catchments, schools, grades, needs and backtest, as on the page)',
    tags,
    policy: { capability: 'planning.read' },
    query: query.extend({ lang: z.enum(['zh', 'en']).default('zh') }),
    produces: 'xlsx',
  }),
  inputs: endpoint({
    method: 'GET',
    path: '/api/planning/forecast/inputs',
    summary: '预测的基础数据：各校所属乡镇与普通教室数、各乡镇出生人口、新建住宅项目 / the forecast’s inputs: each school’s township and classrooms, births per township, new housing projects',
    tags,
    policy: { capability: 'planning.read' },
    response: ForecastInputs,
  }),
  saveSchools: endpoint({
    method: 'PUT',
    path: '/api/planning/forecast/inputs/schools',
    summary: '保存学校的所属乡镇与普通教室数（只改列出的学校；留空即未填写；记入审计日志） / save schools’ township and classroom stock (only the listed schools; null = not recorded; audited)',
    tags,
    policy: { capability: 'planning.manage' },
    body: z.object({ schools: z.array(SchoolInput).min(1).max(5000) }),
    response: ForecastInputs,
  }),
  births: endpoint({
    method: 'POST',
    path: '/api/planning/forecast/births',
    summary:
      '上传各乡镇出生人口表（乡镇、年份、出生数；.xlsx/.csv），整表替换；出错时逐格列出，全部不导入；记入审计日志 / upload the births table (township, year, births; .xlsx/.csv), replacing the whole table; every bad cell named, nothing imported on error; audited',
    tags,
    policy: { capability: 'planning.manage' },
    upload: true,
    response: z.object({
      rows: z.number(),
      replaced: z.number(),
      townships: z.array(z.string()),
      years: z.object({ from: z.number(), to: z.number() }),
      /** Townships of the file that no school is recorded in (their births feed no forecast yet). */
      unmatched: z.array(z.string()),
    }),
  }),
  addHousing: endpoint({
    method: 'POST',
    path: '/api/planning/forecast/housing',
    summary: '登记新建住宅项目（所属学校、户数、每户入学适龄儿童数、入住年份；记入审计日志） / add a new housing project (school, units, children per unit, move-in year; audited)',
    tags,
    policy: { capability: 'planning.manage' },
    body: HousingInput,
    response: HousingRow,
  }),
  deleteHousing: endpoint({
    method: 'DELETE',
    path: '/api/planning/forecast/housing/:id',
    summary: '删除新建住宅项目（记入审计日志） / delete a housing project (audited)',
    tags,
    policy: { capability: 'planning.manage' },
    params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
    response: Ok,
  }),
};
