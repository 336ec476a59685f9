// Types of the balance API's answers (from src/balance/contract.ts) and the small helpers every balance tab uses:
// indicator names and units from the pack, number formats, level labels, pass/fail tags.
import { useMemo } from 'react';
import { Tag } from 'antd';
import type { StandardPack, BalanceLevel } from '../../../../src/balance/pack-schema.js';
import { API, type ResponseOf } from '../../client.js';
import { useI18n, type TKey } from '../../i18n.js';
import { fmt } from '../../session.js';

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

/** A number with exactly `digits` decimals (tables read better with aligned decimals). */
export function fixed(v: number | null | undefined, digits: number, lang: 'zh' | 'en' = 'zh'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return v.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Decimal digits for a per-student value: 0.0526 teachers per student needs 4, 2791 yuan none. */
export function digitsFor(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return 0;
  if (a < 0.1) return 4;
  if (a < 1) return 3;
  if (a < 100) return 2;
  if (a < 1000) return 1;
  return 0;
}

/** Names, units and number formats of a pack's indicators in the interface language. */
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
    const unit = (key: string) => {
      const i = byKey.get(key);
      return i ? pick(i.unitZh, i.unitEn) : '';
    };
    /** The unit of the ratio: "人/百生", "m²/生" … */
    const ratioUnit = (key: string) => {
      const i = byKey.get(key);
      if (!i) return '';
      const u = pick(i.unitZh, i.unitEn);
      if (lang === 'en') return i.scale === 100 ? `${u}/100 students` : `${u}/student`;
      return i.scale === 100 ? `${u}/百生` : `${u}/生`;
    };
    /** Decimals of an indicator's ratio: yuan none, per 100 students and m² two, teachers per student four. */
    const digits = (key: string) => {
      const i = byKey.get(key);
      if (!i) return 2;
      if (i.unitZh === '元') return 0;
      if (i.scale === 100 || i.unitZh === 'm²') return 2;
      if (i.unitZh === '人') return 4;
      return 1;
    };
    const value = (key: string, v: number | null | undefined) => (v === null || v === undefined ? '—' : byKey.has(key) ? fixed(v, digits(key), lang) : fmt(v, digitsFor(v), lang));
    /** A numerator amount (teachers, rooms whole; m² one decimal; yuan whole). */
    const amount = (key: string, n: number | null | undefined) => {
      if (n === null || n === undefined) return '—';
      const i = byKey.get(key);
      if (i?.count) return fmt(Math.ceil(n - 1e-9), 0, lang);
      if (i && pick(i.unitZh, i.unitEn) === 'm²') return fmt(n, 1, lang);
      return fmt(n, Math.abs(n) >= 100 ? 0 : 2, lang);
    };
    const amountUnit = (key: string, n: number | null | undefined) => (n === null || n === undefined ? '—' : `${amount(key, n)} ${unit(key)}`);
    const cv = (v: number | null | undefined) => fixed(v, 3, lang);
    const limit = (v: number | null | undefined) => fixed(v, 2, lang);
    const yuan = (v: number | null | undefined) => fmt(v, 0, lang);
    /** Yuan as 万元 with two decimals (the bureau's budgeting unit). */
    const wan = (v: number | null | undefined) => (v === null || v === undefined ? '—' : fixed(v / 10_000, 2, lang));
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
