// How every figure of the balance evaluation is written — decided once, here, and used by the /balance page, the PDF
// reports (report-html.ts) and the workbooks (report-xlsx.ts) through src/core/format.ts:
//   - an indicator's value in its own unit as the standard defines it (人/百生, m²/生, 元/生, 间/百生, 台/百生, 册/生,
//     人/生) with the pack's decimals;
//   - a gap in the unit of the resource to add (人, m², 元, 间 …): whole teachers and rooms (the evaluator already
//     computes them whole, evaluate.ts), hundredths of m² and yuan;
//   - 差异系数 with three decimals, its limit with two, shares as per cent with one.
// Pure (the pack's types and the formatter): the web imports it.
import { excelFormat, formatNumber, wholeShortfall, type Lang, type NumberStyle } from '../core/format.js';
import type { Indicator } from './pack-schema.js';

type Ind = Pick<Indicator, 'unitZh' | 'unitEn' | 'scale' | 'count'> & Partial<Pick<Indicator, 'valueUnitZh' | 'valueUnitEn' | 'decimals'>>;

/** 差异系数 (CV): three decimals (the published limits have two: 0.50, 0.45). */
export const CV_STYLE: NumberStyle = { decimals: 3, grouping: false };
/** A CV limit: 0.50. */
export const LIMIT_STYLE: NumberStyle = { decimals: 2, grouping: false };
/** Students, classes, schools: whole. */
export const COUNT_STYLE: NumberStyle = { decimals: 0 };
/** A share (达标程度, 占全县平均, 超标准班额占比): 27.5%. */
export const SHARE_STYLE: NumberStyle = { decimals: 1, percent: true };

/** The unit of an indicator's value: "人/百生", "m²/生" — the pack's, or derived from the resource unit and the scale. */
export function valueUnit(ind: Ind, lang: Lang = 'zh'): string {
  if (lang === 'zh') return ind.valueUnitZh ?? `${ind.unitZh}/${ind.scale === 100 ? '百生' : '生'}`;
  return ind.valueUnitEn ?? `${ind.unitEn}/${ind.scale === 100 ? '100 students' : 'student'}`;
}

/** The unit of a gap (the resource to add): 人, m², 元, 间. */
export const gapUnit = (ind: Ind, lang: Lang = 'zh'): string => (lang === 'zh' ? ind.unitZh : ind.unitEn);

/** Decimals of an indicator's values (and its mean, SD and standard): the pack's, else 4 for a per-student headcount (0.0588 人/生), else 2. */
export function valueStyle(ind: Ind): NumberStyle {
  return { decimals: ind.decimals ?? (ind.count && ind.scale === 1 && ind.unitZh === '人' ? 4 : 2) };
}

/** Decimals of a gap: whole teachers, rooms, computers, books; hundredths of m² and yuan. */
export const gapStyle = (ind: Pick<Indicator, 'count'>): NumberStyle => ({ decimals: ind.count ? 0 : 2 });

/** A value as written everywhere: "4.46". */
export const formatValue = (ind: Ind, v: number | null | undefined): string => formatNumber(v, valueStyle(ind));
/** A value with its unit: "4.46 人/百生". */
export const formatValueUnit = (ind: Ind, v: number | null | undefined, lang: Lang = 'zh'): string => (v == null ? formatNumber(v, 0) : `${formatValue(ind, v)} ${valueUnit(ind, lang)}`);
/**
 * A gap as written everywhere: "5". The evaluator gives whole teachers and rooms; an evaluation saved before it did
 * (a fraction such as 4.46) is written as the whole number that covers it (5), never rounded down.
 */
export const formatGap = (ind: Ind, v: number | null | undefined): string => formatNumber(ind.count && v != null && v > 0 ? wholeShortfall(v) : v, gapStyle(ind));
/** A gap with its unit: "5 人". */
export const formatGapUnit = (ind: Ind, v: number | null | undefined, lang: Lang = 'zh'): string => (v == null ? formatNumber(v, 0) : `${formatGap(ind, v)} ${gapUnit(ind, lang)}`);
export const formatCv = (v: number | null | undefined): string => formatNumber(v, CV_STYLE);
export const formatLimit = (v: number | string | null | undefined): string => formatNumber(v == null ? v : Number(v), LIMIT_STYLE);

/** The Excel number formats of the same styles (cells keep full precision, the format rounds). */
export const valueNumFmt = (ind: Ind): string => excelFormat(valueStyle(ind));
export const gapNumFmt = (ind: Pick<Indicator, 'count'>): string => excelFormat(gapStyle(ind));
export const CV_NUMFMT = excelFormat(CV_STYLE);
export const LIMIT_NUMFMT = excelFormat(LIMIT_STYLE);
export const COUNT_NUMFMT = excelFormat(COUNT_STYLE);
export const SHARE_NUMFMT = excelFormat(SHARE_STYLE);
