// The method and basis of the growth figures (增值评价) as the PDF report and the workbook state them: which method
// each number comes from, which values are local choices (configurable), in Chinese and in English. One text for both
// outputs, with the district's own word for itself (全县/全区/全市, core/district-term.ts).
import { districtTerm } from '../core/district-term.js';

export interface MethodContext {
  districtName: string;
  /** The minimum n of this answer, and the configured value-added minimum n. */
  minN: number;
  minNFloor: number;
  sgp: boolean;
}

/** The names of the methods, as every output cites them. */
export const METHOD = {
  va: { zh: '回归增值（含收缩估计）', en: 'regression value-added with shrinkage' },
  sgp: { zh: '学生成长百分位 SGP（分位数回归，Betebenner 2009）', en: 'student growth percentiles, SGP (quantile regression, Betebenner 2009)' },
  gain: { zh: '简单增量（z 分差与百分等级变化）', en: 'simple gain (z difference and percentile-rank change)' },
} as const;

/** Chinese paragraphs: data, model, verdicts, quadrants, SGP, the minimum n. */
export function methodZh(c: MethodContext): string[] {
  const all = districtTerm(c.districtName).zh;
  return [
    `数据：两次考试的成绩先在各自考试内化为标准分 z（${all}有成绩学生的平均数与总体标准差）；学生按学籍号匹配，转学学生计入出口考试时所在学校。`,
    `增值：${METHOD.va.zh}。两层线性模型 出口 z = β₀ + β₁·入口 z + 学校随机截距 + 误差，用限制性最大似然（REML）估计，结果与 R 语言 lme4 包的 lmer 一致；学校增值为随机截距的经验贝叶斯估计（按 λ = τ²/(τ² + σ²/n) 向${all}平均收缩），标准误为条件标准差 √(τ²(1−λ))，95% 区间 = 增值 ± 1.96 × 标准误。区间全部高于 0 为“高于预期”，全部低于 0 为“低于预期”，其余为“符合预期”。增值以出口考试标准差为单位。`,
    `象限：横轴为出口平均 z（成就）或入口平均 z（起点），纵轴为增值，均以${all}平均（0）为界。`,
    ...(c.sgp ? [`成长百分位：${METHOD.sgp.zh}；本对考试只有一个先验成绩，为一阶 SGP；学校取学生 SGP 的中位数。`] : []),
    `对照：${METHOD.gain.zh}，即学生出口 z − 入口 z 的学校平均与出口、入口百分等级之差，标准误 = 标准差 / √n。`,
    `人数：匹配学生少于 ${c.minN} 人的学校和班级不报告增值。最小人数为本地设置，可由系统管理员配置（现为 ${c.minNFloor} 人）。`,
  ];
}

/** The same in English. */
export function methodEn(c: MethodContext): string[] {
  const all = districtTerm(c.districtName).en;
  return [
    `Data: scores are standardised within each exam (z with the ${all} mean and population SD); students are linked by their student number, and a student who moved counts at the school of the exit exam.`,
    `Value-added: ${METHOD.va.en}. A two-level model, exit z = β₀ + β₁·entry z + school intercept + error, fitted by restricted maximum likelihood (REML), matching R's lme4 lmer; a school's value-added is the empirical-Bayes (shrunken) intercept, its SE the conditional SD, the 95% interval ± 1.96 SE. Above or below expectation when the interval lies wholly above or below 0. Units: SDs of the exit exam.`,
    `Quadrants: exit mean z (achievement) or entry mean z (start) against value-added, both cut at the ${all} mean (0).`,
    ...(c.sgp ? [`Growth percentiles: ${METHOD.sgp.en}; this pair has one prior score (order 1); a school's figure is the median SGP of its students.`] : []),
    `For comparison: ${METHOD.gain.en}, the school mean of exit z − entry z and of the percentile-rank change, SE = SD / √n.`,
    `Minimum n: schools and classes with fewer than ${c.minN} linked students are not reported. The minimum n is a local setting that the administrator can configure (now ${c.minNFloor}).`,
  ];
}
