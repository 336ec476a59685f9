// 学年总分 of the 2014 fitness standard for one pupil and year: 标准分 = Σ 单项得分 × 权重 (weights of the grade band,
// in per cent; BMI scored by band), 附加分 for results beyond an item's 100-point threshold (rope in grades 1–6;
// pull-up / 1000 m for boys, sit-up / 800 m for girls in grades 7–9; capped per item and at 20 in all), and the
// level: 优秀 ≥ 90, 良好 ≥ 80, 及格 ≥ 60, else 不及格. Sums are kept in hundredths (points × weight) so that a total
// exactly at a level's line meets it. An item without a score or without a table leaves the total open (null).
import { bmiBand, bmiOf } from './bmi.js';
import { fullMarkThreshold, scoreItem, tenths, type ItemScore } from './item-score.js';
import { bonusRules, type FitnessPack, type Sex } from './pack.js';

export type Level = '优秀' | '良好' | '及格' | '不及格';

export interface Measurements {
  heightCm?: number | null;
  weightKg?: number | null;
  /** Item key of the pack → result (mL, s, cm, count; times in seconds). */
  results: Record<string, number | null | undefined>;
}

export interface ItemLine {
  item: string;
  weight: number;
  value: number | null;
  points: number | null;
  status: ItemScore['status'] | 'missing';
}

export interface AnnualScore {
  items: ItemLine[];
  bmi: number | null;
  /** Σ points × weight / 100 — null when an item is missing or cannot be scored. */
  standard: number | null;
  bonus: number;
  /** Bonus rules not applied because the pack marks them disputed. */
  bonusWithheld: string[];
  total: number | null;
  level: Level | null;
  /** Items scored from a table that is not confirmed by two sources. */
  unconfirmed: string[];
}

export interface ScoreOptions {
  /** Apply bonus rules the pack marks 'disputed' (default no: they are listed in bonusWithheld). */
  applyDisputedBonus?: boolean;
  bmiRounding?: 'half-up' | 'floor';
}

export function levelOf(pack: FitnessPack, total: number): Level {
  const hundredths = Math.round(total * 100);
  const sorted = [...pack.levels.total_score_levels].filter((l) => l.min !== undefined).sort((a, b) => b.min! - a.min!);
  for (const l of sorted) if (hundredths >= Math.round(l.min! * 100)) return l.level as Level;
  return '不及格';
}

export function weightsOf(pack: FitnessPack, grade: number, sex: Sex): Record<string, number> | null {
  return pack.weights.find((w) => w.grades.includes(grade))?.[sex] ?? null;
}

export function annualScore(pack: FitnessPack, grade: number, sex: Sex, m: Measurements, opts: ScoreOptions = {}): AnnualScore {
  const weights = weightsOf(pack, grade, sex);
  if (!weights) throw new RangeError(`年级 ${grade} 不在标准的年级范围内 / grade ${grade} is not covered by the standard`);
  const items: ItemLine[] = [];
  let hundredths = 0;
  let open = false;
  const bmi = m.heightCm != null && m.weightKg != null ? bmiOf(m.weightKg, m.heightCm, opts.bmiRounding) : null;
  for (const [item, weight] of Object.entries(weights)) {
    if (item === 'bmi') {
      const b = bmi === null ? null : bmiBand(pack, grade, sex, bmi);
      items.push({ item, weight, value: bmi, points: b?.points ?? null, status: b ? (pack.bmi.tables[`${grade}-${sex}`].status as ItemLine['status']) : 'missing' });
      if (b) hundredths += b.points * weight;
      else open = true;
      continue;
    }
    const value = m.results[item];
    if (value === null || value === undefined || !Number.isFinite(value)) {
      items.push({ item, weight, value: null, points: null, status: 'missing' });
      open = true;
      continue;
    }
    const s = scoreItem(pack, item, grade, sex, value);
    items.push({ item, weight, value, points: s.points, status: s.status });
    if (s.points === null) open = true;
    else hundredths += s.points * weight;
  }
  // 附加分: beyond the 100-point threshold only.
  let bonus = 0;
  const bonusWithheld: string[] = [];
  for (const [item, rule] of Object.entries(bonusRules(pack))) {
    if (!rule.grades.includes(grade) || !rule.sexes.includes(sex)) continue;
    const value = m.results[item];
    const full = fullMarkThreshold(pack, item, grade, sex);
    if (value === null || value === undefined || full === null) continue;
    const lower = pack.items[item].better === 'lower';
    const extraTenths = lower ? tenths(full) - tenths(value) : tenths(value) - tenths(full);
    if (extraTenths <= 0) continue;
    if (rule.status === 'disputed' && !opts.applyDisputedBonus) {
      bonusWithheld.push(item);
      continue;
    }
    let points = 0;
    if (rule.rule === 'per_step' && rule.reps_per_point) points = Math.floor(extraTenths / tenths(rule.reps_per_point));
    else for (const [p, need] of rule.increments ?? []) if (extraTenths >= tenths(need)) points = Math.max(points, p);
    bonus += Math.min(points, rule.max_points);
  }
  bonus = Math.min(bonus, pack.bonus.total_cap);
  const standard = open ? null : hundredths / 100;
  const total = standard === null ? null : (hundredths + bonus * 100) / 100;
  return {
    items,
    bmi,
    standard,
    bonus,
    bonusWithheld,
    total,
    level: total === null ? null : levelOf(pack, total),
    unconfirmed: items.filter((i) => i.status === 'single-source' || i.status === 'partial').map((i) => i.item),
  };
}

/** 毕业成绩 = 毕业当年学年总分 × 50% + 其他学年总分平均 × 50% (the graduating year alone when there is no other). */
export function graduationScore(graduatingYear: number, otherYears: readonly number[]): number {
  if (otherYears.length === 0) return graduatingYear;
  const mean = otherYears.reduce((a, b) => a + b, 0) / otherYears.length;
  return Math.round((graduatingYear * 0.5 + mean * 0.5) * 100) / 100;
}
