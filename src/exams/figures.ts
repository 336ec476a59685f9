// How every exam figure is written — decided once, for the web pages, the PDF report and the .xlsx workbook alike
// (through core/format.ts; in a workbook the value keeps its full precision and the cell gets the matching numFmt):
//   score   means, sd, medians, quartiles, min/max, cut scores, thresholds, T   1 decimal       "612.4"
//   rate    三率, 得分率, 全科合格率, 后x%率                                       per cent, 1 decimal "85.3%"
//   overMean 超均率                                                             signed per cent, 1 "+3.2%"
//   diff    a mean minus the district's, a rank or percentile change            signed, 1 decimal "+4.5"
//   balance 学科均衡 (Z difference)                                              signed, 2 decimals "+0.12"
//   cv      校际差异系数                                                        3 decimals       "0.152"
//   shape   skewness, kurtosis, K²                                              3 decimals       "−0.217"
//   count   人数, 名次                                                           whole, grouped   "1,234"
// p-values through formatP ("p < 0.001"). Pure: the web imports it.
import { excelFormat, formatNumber, formatP, type NumberStyle } from '../core/format.js';

export const FIGURES = {
  score: { decimals: 1 },
  rate: { decimals: 1, percent: true },
  overMean: { decimals: 1, percent: true, signed: true },
  diff: { decimals: 1, signed: true },
  balance: { decimals: 2, signed: true },
  cv: { decimals: 3 },
  shape: { decimals: 3 },
  count: { decimals: 0 },
} as const satisfies Record<string, NumberStyle>;

export type FigureKind = keyof typeof FIGURES;

/** A figure of this kind as text ("—" when missing). */
export const figure = (kind: FigureKind, v: number | null | undefined): string => formatNumber(v, FIGURES[kind]);

/** The Excel number format that shows a cell of this kind as figure() writes it. */
export const figureFormat = (kind: FigureKind): string => excelFormat(FIGURES[kind]);

export { formatP };

/** What a withheld small cell says instead of its figures (privacy.ts). */
export const withheldText = (min: number | undefined, lang: 'zh' | 'en' = 'zh'): string => (lang === 'zh' ? `人数过少（< ${min ?? 10}）` : `too few students (< ${min ?? 10})`);
