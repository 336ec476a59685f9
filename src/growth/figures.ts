// How every growth figure (增值评价) is written — decided once, for the web pages, the PDF report and the .xlsx
// workbook alike (through core/format.ts; in a workbook the value keeps its full precision and the cell gets the
// matching numFmt):
//   effect    value-added of a school or class, a z-gain (SDs of the exit exam)    signed, 3 decimals  "+0.207"
//   se        its standard error                                                   3 decimals          "0.100"
//   bound     the ends of a 95% interval                                           3 decimals          "−0.012"
//   meanZ     mean exit / entry z of a group (achievement, start)                  signed, 2 decimals  "+0.18"
//   rankChange mean change of the percentile rank (percentile points)              signed, 1 decimal   "+5.9"
//   rankSE    its standard error                                                   1 decimal           "2.3"
//   rate      linkage rate                                                         per cent, 1 decimal "92.0%"
//   sgp       median SGP and its SE                                                1 decimal           "53.0"
//   coef      β₀, β₁ and their SEs, ICC                                            3 decimals          "0.753"
//   variance  τ², σ²                                                               4 decimals          "0.0570"
//   score     exam points (an expected score)                                      1 decimal           "78.4"
//   points    a change in exam points (value-added × the exit exam's SD)           signed, 1 decimal   "+4.5"
//   pr        a percentile rank                                                    1 decimal           "64.3"
//   z         a student's z-score, z-gain or residual                              signed, 2 decimals  "+0.35"
//   count     students, schools                                                    whole, grouped      "1,234"
// Pure: the web imports it.
import { excelFormat, formatNumber, type NumberStyle } from '../core/format.js';

export const GROWTH_FIGURES = {
  effect: { decimals: 3, signed: true },
  se: { decimals: 3 },
  bound: { decimals: 3 },
  meanZ: { decimals: 2, signed: true },
  rankChange: { decimals: 1, signed: true },
  rankSE: { decimals: 1 },
  rate: { decimals: 1, percent: true },
  sgp: { decimals: 1 },
  coef: { decimals: 3 },
  variance: { decimals: 4 },
  score: { decimals: 1 },
  points: { decimals: 1, signed: true },
  pr: { decimals: 1 },
  z: { decimals: 2, signed: true },
  count: { decimals: 0 },
} as const satisfies Record<string, NumberStyle>;

export type GrowthFigure = keyof typeof GROWTH_FIGURES;

/** A growth figure of this kind as text ("—" when missing or withheld). */
export const gf = (kind: GrowthFigure, v: number | null | undefined): string => formatNumber(v, GROWTH_FIGURES[kind]);

/** The Excel number format that shows a cell of this kind as gf() writes it. */
export const gfFormat = (kind: GrowthFigure): string => excelFormat(GROWTH_FIGURES[kind]);

/** A 95% interval: "0.011 ~ 0.403". */
export const gfInterval = (lower: number | null | undefined, upper: number | null | undefined): string =>
  lower === null || lower === undefined || upper === null || upper === undefined ? formatNumber(null, 0) : `${gf('bound', lower)} ~ ${gf('bound', upper)}`;

/** What a group below the minimum n shows instead of its figures. */
export const smallText = (minN: number, lang: 'zh' | 'en' = 'zh'): string => (lang === 'zh' ? `n < ${minN}，人数不足，不报告` : `n < ${minN}: too few students, not reported`);
