// Types of the balance API's answers (from src/balance/contract.ts) and the small helpers every balance tab uses:
// indicator names and units from the pack, number formats, level labels, pass/fail tags.
import { useMemo } from 'react';
import { Tag } from 'antd';
import type { StandardPack, BalanceLevel } from '../../../../src/balance/pack-schema.js';
import { API, type ResponseOf } from '../../client.js';
import { useI18n, type TKey } from '../../i18n.js';
import { useMe } from '../../session.js';
import { formatNumber } from '../../../../src/core/format.js';
import { districtTerm } from '../../../../src/core/district-term.js';
import { COUNT_STYLE, formatCv, formatGap, formatLimit, formatValue, gapUnit, valueStyle, valueUnit } from '../../../../src/balance/figures.js';

// The answers of the balance routes, typed by their contracts (src/balance/contract.ts).
type Api = typeof API.balance;
export type Evaluation = ResponseOf<Api['evaluation']>;
export type Plan = ResponseOf<Api['plan']>;
export type Trend = ResponseOf<Api['trend']>;
export type ClassSizes = ResponseOf<Api['classSizes']>;
export type StandardItem = ResponseOf<Api['listStandards']>['standards'][number];
export type StandardDetail = ResponseOf<Api['getStandard']>;
export type SavedEvaluation = ResponseOf<Api['listEvaluations']>['evaluations'][number];
export type SavedEvaluationDetail = ResponseOf<Api['getEvaluation']>;
export type LevelResult = NonNullable<Evaluation['levels'][BalanceLevel]>;
export type IndicatorResult = LevelResult['indicators'][number];
export type SchoolResult = LevelResult['schools'][number];
export type BalanceSchoolInput = Evaluation['inputs'][number];
export type SchoolGuarantees = Evaluation['guarantees'][number];
export type LevelPlan = NonNullable<Plan['levels'][BalanceLevel]>;
export type PlanAddition = LevelPlan['additions'][number];
export type TrendLevel = NonNullable<Trend['years'][number]['levels'][BalanceLevel]>;
export type { StandardPack, BalanceLevel };
export type Indicator = StandardPack['indicators'][number];
export { DEFAULT_STANDARD } from '../../../../src/balance/pack-schema.js';

export const LEVELS: { key: BalanceLevel; label: TKey }[] = [
  { key: '小学', label: 'balance.primary' },
  { key: '初中', label: 'balance.junior' },
];

export const GREEN = '#16a34a';
export const RED = '#dc2626';
export const AMBER = '#d97706';
export const BLUE = '#1d4ed8';
/** Heat-map cell backgrounds: met, within the remainder share, below it, no data. */
export const CELL_BG = { met: '#dcfce7', near: '#fef3c7', below: '#fee2e2', none: '#f1f5f9' } as const;

/** School code without the level suffix (-P primary section, -J junior section) → the registry school. */
export const baseCode = (code: string) => code.replace(/-[PJ]$/i, '');

/** The query of an evaluation: year (the current one when null), standard and (for a local pack) its version. */
export function packQuery(year: number | null, standard: string, version: number | null): { year?: number; standard: string; version?: number } {
  return { ...(year !== null ? { year } : {}), standard, ...(version !== null ? { version } : {}) };
}

/** A number with exactly `digits` decimals, through the one formatter (src/core/format.ts). */
export function fixed(v: number | null | undefined, digits: number): string {
  return formatNumber(v, digits);
}

/** The district's own word (全县 / 全区 …, "county" / "district"), from the signed-in user's district name. */
export function useDistrictWord(): string {
  const me = useMe();
  const { lang } = useI18n();
  const term = districtTerm(me.districtName);
  return lang === 'en' ? term.en : term.zh;
}

/**
 * Names, units and number formats of a pack's indicators in the interface language. Every figure goes through
 * src/balance/figures.ts — the same styles and units as the PDF reports and the workbooks.
 */
export function usePackText(pack: StandardPack | null | undefined) {
  const { t, lang, pick } = useI18n();
  return useMemo(() => {
    const byKey = new Map((pack?.indicators ?? []).map((i) => [i.key, i]));
    const name = (key: string) => {
      const i = byKey.get(key);
      return i ? pick(i.zh, i.en) : key;
    };
    /** A short label for axes and column heads; the pack's full name otherwise. */
    const short = (key: string) => {
      const k = `balance.ind.${key}` as TKey;
      const s = t(k);
      return s === k ? name(key) : s;
    };
    /** The unit of a resource and of a gap to it: 人, m², 元, 间. */
    const unit = (key: string) => {
      const i = byKey.get(key);
      return i ? gapUnit(i, lang) : '';
    };
    /** The unit of the value as the standard defines it: "人/百生", "m²/生" … */
    const ratioUnit = (key: string) => {
      const i = byKey.get(key);
      return i ? valueUnit(i, lang) : '';
    };
    /** Decimals of an indicator's value (the pack's). */
    const digits = (key: string) => {
      const i = byKey.get(key);
      return i ? valueStyle(i).decimals : 2;
    };
    const value = (key: string, v: number | null | undefined) => {
      const i = byKey.get(key);
      return i ? formatValue(i, v) : formatNumber(v, 2);
    };
    /** A gap or an amount of the resource: whole teachers and rooms, hundredths of m² and yuan (figures.ts). */
    const amount = (key: string, n: number | null | undefined) => {
      const i = byKey.get(key);
      return i ? formatGap(i, n) : formatNumber(n, 2);
    };
    const amountUnit = (key: string, n: number | null | undefined) => (n === null || n === undefined ? '—' : `${amount(key, n)} ${unit(key)}`);
    const cv = (v: number | null | undefined) => formatCv(v);
    const limit = (v: number | string | null | undefined) => formatLimit(v);
    const yuan = (v: number | null | undefined) => formatNumber(v, COUNT_STYLE);
    /** Yuan as 万元 with two decimals (the bureau's budgeting unit). */
    const wan = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v / 10_000, 2));
    const level = (l: string) => (l === '小学' ? t('balance.primary') : l === '初中' ? t('balance.junior') : l);
    const packName = (p: { name: string; nameEn?: string } | null | undefined) => (p ? pick(p.name, p.nameEn) : '');
    return { name, short, unit, ratioUnit, digits, value, amount, amountUnit, cv, limit, yuan, wan, level, packName, indicator: (key: string) => byKey.get(key) };
  }, [pack, t, lang, pick]);
}

export function PassTag({ pass, testId }: { pass: boolean | null | undefined; testId?: string }) {
  const { t } = useI18n();
  if (pass === null || pass === undefined) return <Tag data-testid={testId}>—</Tag>;
  return (
    <Tag color={pass ? 'success' : 'error'} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {pass ? t('balance.pass') : t('balance.fail')}
    </Tag>
  );
}

/** A threshold as a number (decimal string in the pack). */
export const num = (s: string | number | null | undefined) => (s === null || s === undefined ? null : Number(s));

/** Heat-map cell state of a school's indicator: met, below but within the remainder share, below, no data. */
export function cellState(pack: StandardPack, level: BalanceLevel, key: string, value: number | null | undefined, gap: number | null | undefined): keyof typeof CELL_BG {
  if (value === null || value === undefined) return 'none';
  if (gap === 0) return 'met';
  const ind = pack.indicators.find((i) => i.key === key);
  const t = num(ind?.threshold?.[level]);
  if (t === null || gap === null || gap === undefined) return 'none';
  const share = num(pack.schoolRule?.remainderMinShare) ?? 0;
  return value >= t * share - 1e-12 ? 'near' : 'below';
}
