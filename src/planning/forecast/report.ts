// The seat-forecast report (学位预测报告) from plain data: forecast v1 over the enrolment records (forecast-v1.ts), the
// entry grade from births where asked (entry-inputs.ts), new housing added to the entry grade, the backtest on the same
// records (backtest.ts) and its band (band.ts), classes and classrooms per school-year (capacity.ts), aggregates per
// district, school level and catchment (township), and what a new or enlarged school must provide per catchment and
// level: Σ of the schools' shortfalls in the forecast year where they peak (a surplus in another school is shown
// beside it, never netted). Pure: the service reads the data, this module only computes.
import { compareCodePoints } from '../../admissions/identifiers.js';
import type { ClassSizeThresholds } from '../../balance/class-size.js';
import { SCHOOL_LEVELS } from '../../registry/model.js';
import { backtest, type Backtest } from './backtest.js';
import { bandWidth } from './band.js';
import { capacityOf } from './capacity.js';
import { BAND_COVERAGE, type ForecastAggregate, type ForecastNeed, type ForecastReport, type ForecastSchool, type ForecastSchoolYear } from './contract.js';
import { entryFromBirths, housingAddition, type BirthsRecord, type HousingProject } from './entry-inputs.js';
import { FORECAST_METHOD, forecastV1, type EnrolmentRecord, type EntryInput } from './forecast-v1.js';

/** Years of actual history shown beside the forecast (the base year and the ones before it). */
export const HISTORY_YEARS = 6;

export interface SchoolFacts {
  name: string;
  level: string;
  location: string;
}

export interface ReportInput {
  source: 'registry' | 'file';
  fileName: string | null;
  version: string;
  records: readonly EnrolmentRecord[];
  /** The registry's schools (code → facts). */
  schools: ReadonlyMap<string, SchoolFacts>;
  /** The bureau's inputs per school. */
  townships: ReadonlyMap<string, string | null>;
  classrooms: ReadonlyMap<string, number | null>;
  /** The registry's classes per school × year × grade. */
  classCounts: readonly { schoolCode: string; year: number; grade: number; classes: number }[];
  /** Births per township (key = township). */
  births: readonly BirthsRecord[];
  housing: readonly (HousingProject & { id: number })[];
  params: { horizon: number; window: number; holdout: number; entry: 'mean' | 'births' };
  pack: { id: string; version: number; name: string; nameEn: string; classSize: ClassSizeThresholds };
}

type Band = { low: number; high: number } | null;
/** The band of a value at a step from the backtest's relative half-width q (band.ts: [v(1 − q) floored at 0, v(1 + q)]). */
const bandOf = (v: number, q: number | null): Band => (q === null ? null : { low: Math.max(0, v * (1 - q)), high: v * (1 + q) });

/** The backtest, or why there is none (too few years for the holdout): the report says so instead of failing. */
function runBacktest(records: readonly EnrolmentRecord[], p: ReportInput['params'], entryFor: ((train: readonly EnrolmentRecord[], base: number) => EntryInput) | undefined) {
  try {
    return { bt: backtest(records, { window: p.window, holdout: p.holdout, entryFor }), reason: null };
  } catch (e) {
    return { bt: null, reason: (e as Error).message };
  }
}

export function forecastReport(input: ReportInput): ForecastReport {
  const { params: p, pack } = input;
  const t = pack.classSize;
  const base = {
    method: FORECAST_METHOD,
    version: input.version,
    source: input.source,
    fileName: input.fileName,
    params: {
      ...p,
      coverage: BAND_COVERAGE,
      standard: { id: pack.id, version: pack.version, name: pack.name, nameEn: pack.nameEn },
      classSize: { primary: t.standard['小学'], junior: t.standard['初中'], large: t.large, huge: t.huge },
    },
    birthsAvailable: input.births.length > 0,
  };
  /** The housing projects of the schools forecast (a file's report leaves out the others). */
  const housingOf = (codes: ReadonlySet<string>) =>
    input.housing
      .filter((h) => codes.has(h.schoolCode))
      .map((h) => ({ id: h.id, schoolCode: h.schoolCode, name: h.name, units: h.units, childrenPerUnit: h.childrenPerUnit, moveInYear: h.moveInYear }));
  if (input.records.length === 0)
    return {
      ...base,
      housing: [],
      baseYear: null,
      historyYears: [],
      forecastYears: [],
      backtest: { holdout: p.holdout, baseYear: null, available: false, reason: '没有在校生记录 / no enrolment records', mape: null, naiveMape: null, steps: [] },
      schools: [],
      closedSchools: [],
      aggregates: [],
      needs: [],
    };

  let T = -Infinity;
  for (const r of input.records) if (r.year > T) T = r.year;
  const keyOf = (code: string) => input.townships.get(code) ?? null;
  const births = p.entry === 'births' ? input.births : null;
  const entryFor = births ? (records: readonly EnrolmentRecord[], baseYear: number) => entryFromBirths(records, births, keyOf, baseYear, p.window) : undefined;
  const entry = entryFor?.(input.records, T);
  const housing = input.housing.length ? housingAddition(input.housing) : undefined;
  const fc = forecastV1(input.records, { horizon: p.horizon, window: p.window, entry, entryAddition: housing });
  // The backtest measures the method on history: the entry input is rebuilt from the years it saw; housing is left out
  // (a project that moved in during the held-out years is already in their actual numbers).
  const { bt, reason } = runBacktest(input.records, p, entryFor);
  const forecastYears = Array.from({ length: p.horizon }, (_, i) => T + 1 + i);
  const q = forecastYears.map((_, i) => bandWidth(i + 1, bt, BAND_COVERAGE));

  // Actual totals per school and year, base-year grades, base-year classes.
  const historyYears = [...new Set(input.records.map((r) => r.year))].filter((y) => y > T - HISTORY_YEARS).sort((a, b) => a - b);
  const totals = new Map<string, Map<number, number>>();
  const baseGrades = new Map<string, { grade: number; students: number }[]>();
  for (const r of input.records) {
    let m = totals.get(r.schoolCode);
    if (!m) totals.set(r.schoolCode, (m = new Map()));
    m.set(r.year, (m.get(r.year) ?? 0) + r.students);
    if (r.year === T) {
      const list = baseGrades.get(r.schoolCode) ?? [];
      list.push({ grade: r.grade, students: r.students });
      baseGrades.set(r.schoolCode, list);
    }
  }
  const baseClasses = new Map<string, Map<number, number>>();
  for (const c of input.classCounts) {
    if (c.year !== T) continue;
    let m = baseClasses.get(c.schoolCode);
    if (!m) baseClasses.set(c.schoolCode, (m = new Map()));
    m.set(c.grade, (m.get(c.grade) ?? 0) + c.classes);
  }

  const ratiosOf = new Map<string, ForecastSchool['ratios']>();
  for (const r of fc.ratios) {
    const list = ratiosOf.get(r.schoolCode) ?? [];
    list.push({ grade: r.grade, ratio: r.ratio, source: r.source });
    ratiosOf.set(r.schoolCode, list);
  }
  const entryGrade = new Map(fc.entry.map((e) => [e.schoolCode, e.grade]));
  const btOf = new Map((bt?.bySchool ?? []).map((s) => [s.schoolCode, { mape: s.mape, naiveMape: s.naiveMape }]));

  // Walk the cells (sorted by school, year, grade) school by school.
  const schools: ForecastSchool[] = [];
  let i = 0;
  for (const code of fc.schools) {
    const facts = input.schools.get(code);
    const recorded = input.classrooms.get(code) ?? null;
    const classesNow = baseClasses.get(code);
    const classroomsSource: ForecastSchool['classroomsSource'] = recorded !== null ? 'recorded' : classesNow ? 'base-year-classes' : 'none';
    const classrooms = recorded ?? (classesNow ? [...classesNow.values()].reduce((a, b) => a + b, 0) : null);
    const eg = entryGrade.get(code)!;
    const forecast: ForecastSchoolYear[] = [];
    for (let k = 0; k < p.horizon; k++) {
      const year = T + 1 + k;
      const grades: { grade: number; students: number }[] = [];
      while (i < fc.cells.length && fc.cells[i].schoolCode === code && fc.cells[i].year === year) {
        grades.push({ grade: fc.cells[i].grade, students: fc.cells[i].students });
        i++;
      }
      const cap = capacityOf(grades, classrooms, t);
      const given = entry?.(code, year) ?? null;
      forecast.push({
        year,
        step: k + 1,
        students: cap.students,
        band: bandOf(cap.students, q[k]),
        grades: cap.grades,
        entry: { grade: eg, students: grades.find((g) => g.grade === eg)?.students ?? 0, source: given === null ? 'mean' : 'births', housing: housing?.(code, year) ?? 0 },
        classes: cap.classes,
        shortfall: cap.shortfall,
        seatShortfall: cap.seatShortfall,
        spare: cap.spare,
        overCapacity: cap.overCapacity,
        largeClass: cap.largeClass,
      });
    }
    const hist = totals.get(code)!;
    schools.push({
      code,
      name: facts?.name ?? code,
      level: facts?.level ?? null,
      location: facts?.location ?? null,
      township: input.townships.get(code) ?? null,
      inRegistry: !!facts,
      classrooms,
      classroomsSource,
      history: historyYears.filter((y) => hist.has(y)).map((y) => ({ year: y, students: hist.get(y)! })),
      baseGrades: (baseGrades.get(code) ?? []).sort((a, b) => a.grade - b.grade).map((g) => ({ ...g, classes: classesNow?.get(g.grade) ?? null })),
      ratios: ratiosOf.get(code) ?? [],
      forecast,
      backtest: bt ? (btOf.get(code) ?? { mape: null, naiveMape: null }) : null,
    });
  }

  return {
    ...base,
    housing: housingOf(new Set(fc.schools)),
    baseYear: T,
    historyYears,
    forecastYears,
    backtest: backtestSummary(bt, p.holdout, reason, T),
    schools,
    closedSchools: fc.closedSchools.map((code) => ({ code, name: input.schools.get(code)?.name ?? code })),
    aggregates: aggregates(schools, closedHistory(fc.closedSchools, input, totals, historyYears), historyYears, forecastYears, q),
    needs: needs(schools, forecastYears),
  };
}

function backtestSummary(bt: Backtest | null, holdout: number, reason: string | null, T: number): ForecastReport['backtest'] {
  if (!bt) return { holdout, baseYear: T - holdout, available: false, reason, mape: null, naiveMape: null, steps: [] };
  return {
    holdout,
    baseYear: bt.baseYear,
    available: true,
    reason: null,
    mape: bt.mape,
    naiveMape: bt.naiveMape,
    steps: bt.steps.map((s) => ({ step: s.step, year: bt.baseYear + s.step, mape: s.mape, naiveMape: s.naiveMape, n: s.n })),
  };
}

/** The closed schools' actual history, so that the aggregates' history is the whole actual past (their forecast is none). */
function closedHistory(codes: readonly string[], input: ReportInput, totals: Map<string, Map<number, number>>, historyYears: number[]): Pick<ForecastSchool, 'level' | 'township' | 'history'>[] {
  return codes.map((code) => {
    const hist = totals.get(code)!;
    return {
      level: input.schools.get(code)?.level ?? null,
      township: input.townships.get(code) ?? null,
      history: historyYears.filter((y) => hist.has(y)).map((y) => ({ year: y, students: hist.get(y)! })),
    };
  });
}

const zhOrder = (a: string | null, b: string | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.localeCompare(b, 'zh-Hans-CN') || compareCodePoints(a, b));
const levelRank = (l: string | null) => (l === null ? SCHOOL_LEVELS.length : (SCHOOL_LEVELS as readonly string[]).indexOf(l));

/** District, school levels (registry order) and catchments (townships; the unrecorded last). */
function aggregates(
  schools: readonly ForecastSchool[],
  closed: readonly Pick<ForecastSchool, 'level' | 'township' | 'history'>[],
  historyYears: number[],
  forecastYears: number[],
  q: (number | null)[],
): ForecastAggregate[] {
  type Past = Pick<ForecastSchool, 'level' | 'township' | 'history'>;
  const groups: { kind: ForecastAggregate['kind']; key: string | null; members: ForecastSchool[]; past: Past[] }[] = [
    { kind: 'district', key: null, members: [...schools], past: [...schools, ...closed] },
  ];
  const by = (kind: 'level' | 'catchment', keyOf: (s: Past) => string | null, order: (a: string | null, b: string | null) => number) => {
    const m = new Map<string | null, { members: ForecastSchool[]; past: Past[] }>();
    const at = (k: string | null) => m.get(k) ?? m.set(k, { members: [], past: [] }).get(k)!;
    for (const s of schools) at(keyOf(s)).members.push(s);
    for (const s of [...schools, ...closed]) at(keyOf(s)).past.push(s);
    for (const key of [...m.keys()].sort(order)) if (m.get(key)!.members.length) groups.push({ kind, key, ...m.get(key)! });
  };
  by(
    'level',
    (s) => s.level,
    (a, b) => levelRank(a) - levelRank(b) || zhOrder(a, b),
  );
  by('catchment', (s) => s.township, zhOrder);
  return groups.map(({ kind, key, members, past }) => ({
    kind,
    key,
    schools: members.length,
    unknownStock: members.filter((s) => s.classrooms === null).length,
    history: historyOf(past, historyYears),
    forecast: forecastYears.map((year, k) => {
      let students = 0;
      let classes = 0;
      let classrooms = 0;
      let shortfall = 0;
      let seatShortfall = 0;
      let overCapacity = 0;
      let largeClass = 0;
      for (const s of members) {
        const f = s.forecast[k];
        students += f.students;
        classes += f.classes;
        classrooms += s.classrooms ?? 0;
        shortfall += f.shortfall ?? 0;
        seatShortfall += f.seatShortfall ?? 0;
        if (f.overCapacity) overCapacity++;
        if (f.largeClass) largeClass++;
      }
      return { year, step: k + 1, students, band: bandOf(students, q[k]), classes, classrooms, shortfall, seatShortfall, overCapacity, largeClass };
    }),
  }));
}

/** Σ of the members' actual students per history year. */
function historyOf(past: readonly Pick<ForecastSchool, 'history'>[], historyYears: number[]): { year: number; students: number }[] {
  const sum = new Map(historyYears.map((y) => [y, 0]));
  for (const s of past) for (const h of s.history) sum.set(h.year, (sum.get(h.year) ?? 0) + h.students);
  return historyYears.map((year) => ({ year, students: sum.get(year)! }));
}

/** Per catchment and level with any shortfall: the peak year's Σ shortfalls, the schools short then, the spare rooms beside them. */
function needs(schools: readonly ForecastSchool[], forecastYears: number[]): ForecastNeed[] {
  const groups = new Map<string, ForecastSchool[]>();
  for (const s of schools) {
    const k = `${s.township ?? ''}\u0000${s.level ?? ''}`;
    const list = groups.get(k);
    if (list) list.push(s);
    else groups.set(k, [s]);
  }
  const out: ForecastNeed[] = [];
  for (const members of groups.values()) {
    const byYear = forecastYears.map((year, k) => ({
      year,
      classes: members.reduce((a, s) => a + (s.forecast[k].shortfall ?? 0), 0),
      seats: members.reduce((a, s) => a + (s.forecast[k].seatShortfall ?? 0), 0),
    }));
    let peak = 0;
    byYear.forEach((y, k) => {
      if (y.classes > byYear[peak].classes || (y.classes === byYear[peak].classes && y.seats > byYear[peak].seats)) peak = k;
    });
    if (byYear[peak].classes === 0 && byYear[peak].seats === 0) continue;
    const short = members.filter((s) => (s.forecast[peak].shortfall ?? 0) > 0 || (s.forecast[peak].seatShortfall ?? 0) > 0);
    out.push({
      township: members[0].township,
      level: members[0].level,
      peakYear: byYear[peak].year,
      classes: byYear[peak].classes,
      seats: byYear[peak].seats,
      spareElsewhere: members.filter((s) => !short.includes(s)).reduce((a, s) => a + (s.forecast[peak].spare ?? 0), 0),
      schools: short.map((s) => ({ code: s.code, name: s.name, classes: s.forecast[peak].shortfall ?? 0, seats: s.forecast[peak].seatShortfall ?? 0 })),
      byYear,
    });
  }
  return out.sort((a, b) => b.classes - a.classes || b.seats - a.seats || zhOrder(a.township, b.township) || levelRank(a.level) - levelRank(b.level));
}
