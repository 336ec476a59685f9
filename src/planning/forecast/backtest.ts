// Backtest of seat forecast v1 (回测): hold out the last `holdout` years, forecast them from the years before and
// compare each school's forecast total (Σ grades) with the actual, for every school-year whose actual total is > 0.
// APE = |forecast − actual| / actual; MAPE = the mean APE (a fraction). The naive forecast carries the school's
// base-year total forward (“same as last year”). Source: admissions-planning methods, "Seat forecast v1".
import { compareCodePoints } from '../../admissions/identifiers.js';
import { forecastV1, MAX_HORIZON, type EnrolmentRecord, type EntryInput, type ForecastParams } from './forecast-v1.js';

export interface BacktestStep {
  /** 1 = the first held-out year */
  step: number;
  mape: number | null;
  naiveMape: number | null;
  /** school-years compared */
  n: number;
  /** the forecast's absolute percentage errors at this step, ascending */
  absPctErrors: number[];
  /** the naive forecast's, ascending */
  naiveAbsPctErrors: number[];
}
export interface Backtest {
  holdout: number;
  /** T − holdout: the last year the backtest's forecast saw */
  baseYear: number;
  steps: BacktestStep[];
  bySchool: { schoolCode: string; mape: number | null; naiveMape: number | null }[];
  /** over every compared school-year */
  mape: number | null;
  naiveMape: number | null;
}
export interface BacktestParams {
  window: number;
  holdout: number;
  /** an entry input used as is (it must not look past the backtest's base year to be a fair test) */
  entry?: EntryInput;
  entryAddition?: ForecastParams['entryAddition'];
  /** builds the entry input from the backtest's own records (≤ base year); wins over `entry` */
  entryFor?: (records: readonly EnrolmentRecord[], baseYear: number) => EntryInput;
}

/** Years of data the backtest needs: the held-out years plus two before them (one progression ratio). */
export const yearsNeeded = (holdout: number): number => holdout + 2;

const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function backtest(records: readonly EnrolmentRecord[], p: BacktestParams): Backtest {
  const H = p.holdout;
  if (!Number.isInteger(H) || H < 1 || H > MAX_HORIZON) throw new Error(`回测年数须为 1–${MAX_HORIZON} 的整数 / the holdout must be an integer from 1 to ${MAX_HORIZON} (got ${String(H)})`);
  if (records.length === 0) throw new Error('没有在校生记录，无法回测 / no enrolment records: nothing to backtest');
  let T = -Infinity;
  for (const r of records) if (r.year > T) T = r.year;
  const base = T - H;
  const train = records.filter((r) => r.year <= base);
  const trainYears = new Set(train.map((r) => r.year)).size;
  if (trainYears < 2)
    throw new Error(
      `回测 ${H} 年需要至少 ${yearsNeeded(H)} 年的数据（${base} 年及以前至少 2 年），现有 ${base} 年及以前 ${trainYears} 年 / a backtest holding out ${H} years needs at least ${yearsNeeded(H)} years of data (at least 2 up to ${base}); found ${trainYears} up to ${base}`,
    );
  const entry = p.entryFor ? p.entryFor(train, base) : p.entry;
  const fc = forecastV1(train, { horizon: H, window: p.window, entry, entryAddition: p.entryAddition });

  // Totals per school-year: forecast, actual (held-out years) and base year.
  const key = (code: string, year: number) => `${year}\u0000${code}`;
  const predicted = new Map<string, number>();
  for (const c of fc.cells) predicted.set(key(c.schoolCode, c.year), (predicted.get(key(c.schoolCode, c.year)) ?? 0) + c.students);
  const actual = new Map<string, number>();
  const baseTotal = new Map<string, number>();
  for (const r of records) {
    if (r.year > base) actual.set(key(r.schoolCode, r.year), (actual.get(key(r.schoolCode, r.year)) ?? 0) + r.students);
    else if (r.year === base) baseTotal.set(r.schoolCode, (baseTotal.get(r.schoolCode) ?? 0) + r.students);
  }

  const steps: BacktestStep[] = [];
  const perSchool = new Map<string, { e: number[]; n: number[] }>();
  const all: number[] = [];
  const allNaive: number[] = [];
  for (let k = 1; k <= H; k++) {
    const e: number[] = [];
    const ne: number[] = [];
    for (const code of fc.schools) {
      const act = actual.get(key(code, base + k));
      if (act === undefined || !(act > 0)) continue;
      const ape = Math.abs((predicted.get(key(code, base + k)) ?? 0) - act) / act;
      const naive = Math.abs((baseTotal.get(code) ?? 0) - act) / act;
      e.push(ape);
      ne.push(naive);
      const s = perSchool.get(code) ?? { e: [], n: [] };
      s.e.push(ape);
      s.n.push(naive);
      perSchool.set(code, s);
    }
    all.push(...e);
    allNaive.push(...ne);
    steps.push({ step: k, mape: mean(e), naiveMape: mean(ne), n: e.length, absPctErrors: [...e].sort((a, b) => a - b), naiveAbsPctErrors: [...ne].sort((a, b) => a - b) });
  }
  const bySchool = fc.schools.map((code) => {
    const s = perSchool.get(code);
    return { schoolCode: code, mape: s ? mean(s.e) : null, naiveMape: s ? mean(s.n) : null };
  });
  bySchool.sort((a, b) => compareCodePoints(a.schoolCode, b.schoolCode));
  return { holdout: H, baseYear: base, steps, bySchool, mape: mean(all), naiveMape: mean(allNaive) };
}
