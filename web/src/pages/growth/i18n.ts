// Words of the growth pages (增值评价). Kept next to the pages so that the shared dictionary stays small; the
// language itself comes from the app's I18nProvider. {all} is the district's own word for itself (全县 / 全区 / 全市,
// core/district-term.ts), filled in by useGrowthT.
import { useCallback } from 'react';
import { useI18n } from '../../i18n.js';
import { useMe } from '../../session.js';
import { districtTerm } from '../../../../src/core/district-term.js';

const dict = {
  title: ['增值评价', 'Value-added'],
  subtitle: [
    '按学籍号匹配两次考试，比较各校、各班学生的实际进步与{all}同起点学生的预期',
    'Students linked by 学籍号 across two exams; each school’s and class’s progress against what students with the same start made across the district',
  ],
  entry: ['入口考试', 'Entry exam'],
  exit: ['出口考试', 'Exit exam'],
  subject: ['科目', 'Subject'],
  total: ['总分', 'Total'],
  minN: ['最小人数', 'Minimum n'],
  noExams: [
    '还没有两次共享学生的考试。请先在“成绩分析”中导入同一批学生的入口与出口考试成绩。',
    'No two exams share students yet. Import the entry and the exit exam of the same students under Exams first.',
  ],
  pickPair: ['请选择入口和出口考试', 'Choose the entry and the exit exam'],
  shared: ['共同学生 {n} 人', '{n} students in both'],
  exportXlsx: ['导出 Excel', 'Export Excel'],
  exportPdf: ['PDF 报告', 'PDF report'],

  'k.linkage': ['学籍号匹配率', 'Linkage rate'],
  'k.linkageFoot': ['匹配 {linked} 人 · 入口未匹配 {a} · 出口未匹配 {b} · 转学 {m}', '{linked} linked · {a} unmatched at entry · {b} at exit · {m} movers'],
  'k.model': ['回归增值（含收缩估计）', 'Regression value-added with shrinkage'],
  'k.modelFoot': ['τ² = {tau2} · σ² = {sigma2} · ICC = {icc} · n = {n}', 'τ² = {tau2} · σ² = {sigma2} · ICC = {icc} · n = {n}'],
  'k.labels': ['学校评价', 'Schools'],
  'k.labelsFoot': ['高于 / 符合 / 低于预期 · 人数不足 {s} 所', 'above / as expected / below · {s} too small'],
  'k.gain': ['{all}平均 z 分增量', 'District mean z-gain'],
  'k.gainFoot': ['名次（百分等级）平均变化 {rc}', 'mean percentile-rank change {rc}'],
  'k.modelHelp': [
    '两层线性模型：出口 z = β₀ + β₁·入口 z + 学校随机截距 + 误差，限制性最大似然（REML）估计，与 R 语言 lme4 包的结果一致；学校增值为随机截距的经验贝叶斯（收缩）估计',
    'Two-level model: exit z = β₀ + β₁·entry z + school intercept + error, fitted by REML and matching R’s lme4; a school’s value-added is the empirical-Bayes (shrunken) intercept',
  ],

  'tab.schools': ['学校增值', 'Schools'],
  'tab.quadrant': ['象限图', 'Quadrants'],
  'tab.classes': ['班级增值', 'Classes'],
  'tab.students': ['学生成长', 'Students'],
  'tab.gain': ['增量对比', 'Gain model'],
  'tab.targets': ['目标', 'Targets'],

  'c.school': ['学校', 'School'],
  'c.class': ['班级', 'Class'],
  'c.n': ['人数 n', 'n'],
  'c.effect': ['增值', 'Value-added'],
  'c.se': ['标准误 SE', 'SE'],
  'c.interval': ['95% 区间', '95% interval'],
  'c.label': ['评价', 'Verdict'],
  'c.quadrant': ['象限', 'Quadrant'],
  'c.achievement': ['出口均值 z', 'Exit mean z'],
  'c.entryMean': ['入口均值 z', 'Entry mean z'],
  'c.gainMean': ['z 分增量', 'z-gain'],
  'c.rankChange': ['名次变化', 'Rank change'],
  'c.link': ['匹配率', 'Linked'],
  'c.sgp': ['SGP 中位数', 'Median SGP'],
  'c.small': ['n < {n}', 'n < {n}'],
  'c.smallHelp': [
    '匹配学生少于 {n} 人，不报告增值（最小人数为本地设置，可由管理员配置）',
    'fewer than {n} linked students: not reported (the minimum n is a local setting the administrator can configure)',
  ],
  'c.movers': ['含转入 {n} 人', 'incl. {n} movers in'],
  'c.classes': ['班级', 'Classes'],

  'l.above': ['高于预期', 'Above'],
  'l.expected': ['符合预期', 'As expected'],
  'l.below': ['低于预期', 'Below'],

  'chart.errorBars': ['各校增值及 95% 区间（单位：出口考试标准差）', 'Value-added with 95% intervals (SDs of the exit exam)'],
  'chart.errorBarsHelp': [
    '点 = 增值（经验贝叶斯收缩），线 = 95% 区间；区间全在 0 右侧为高于预期，全在左侧为低于预期',
    'dot = value-added (empirical-Bayes shrunken), line = 95% interval; entirely right of 0 = above, left = below',
  ],
  'chart.quadrant': ['成就 × 增长象限', 'Achievement × growth'],
  'chart.entryQuadrant': ['起点 × 增长象限', 'Start × growth'],
  'chart.axisAchievement': ['成就（出口均值 z）', 'Achievement (exit mean z)'],
  'chart.axisEntry': ['起点（入口均值 z）', 'Start (entry mean z)'],
  'chart.axisGrowth': ['增长（增值）', 'Growth (value-added)'],
  'chart.quadrantHelp': [
    '以{all}平均（0）为界；点的大小表示人数；人数不足的学校不显示；名称重叠时只标较大的学校，手机上点击圆点显示校名',
    'cut at the district mean (0); dot size = n; schools below the minimum n are not shown; where names would overlap only the larger school is labelled; on a phone, tap a dot for its name',
  ],
  'chart.scatter': ['入口成绩与出口成绩', 'Entry and exit scores'],
  'chart.line': ['{all}回归线（预期）', 'District line (expected)'],
  'chart.schoolLine': ['本校线（回归线 + 本校增值）', 'School line (district line + school value-added)'],
  'chart.classLine': ['本班线（回归线 + 本班增值）', 'Class line (district line + class value-added)'],

  'q.axis': ['横轴', 'x-axis'],
  'q.achievement': ['成就', 'Achievement'],
  'q.entry': ['起点', 'Start'],

  'cl.pickSchool': ['选择学校', 'Choose a school'],
  'cl.help': [
    '班级增值相对于{all}回归线，包含学校本身的贡献；宜在同一学校内比较班级。',
    'Class effects are relative to the district line and include the school’s own contribution: compare classes within a school.',
  ],
  'cl.chart': ['{school} 各班增值及 95% 区间', 'Classes of {school}: value-added with 95% intervals'],

  'st.pickClass': ['全部班级', 'All classes'],
  'st.count': ['{n} 名匹配学生', '{n} linked students'],
  'st.id': ['学籍号', 'Student id'],
  'st.name': ['姓名', 'Name'],
  'st.pre': ['入口', 'Entry'],
  'st.post': ['出口', 'Exit'],
  'st.expected': ['预期', 'Expected'],
  'st.residual': ['残差 z', 'Residual z'],
  'st.prePR': ['入口百分等级', 'Entry PR'],
  'st.postPR': ['出口百分等级', 'Exit PR'],
  'st.sgp': ['SGP', 'SGP'],
  'st.sgpNone': ['SGP 暂不可用', 'SGP not available'],
  'st.moved': ['转入', 'moved in'],
  'st.movedFrom': ['入口时在 {school}', 'at {school} at entry'],
  'st.namesHidden': ['按权限不显示姓名', 'names hidden for your role'],
  'st.card': ['学生成长', 'Student growth'],
  'st.cardHelp': [
    '预期 = {all}入口成绩相同学生的出口成绩（回归线）；残差 = 实际 − 预期',
    'expected = exit score of district students with the same entry score (the line); residual = actual − expected',
  ],
  'st.zEntry': ['入口 z', 'Entry z'],
  'st.zExit': ['出口 z', 'Exit z'],
  'st.gain': ['z 增量', 'z-gain'],
  'st.rank': ['百分等级变化', 'Percentile-rank change'],
  'st.scoreNow': ['实际出口成绩', 'Actual exit score'],
  'st.points': ['≈ 出口考试 {x} 分', '≈ {x} points of the exit exam'],
  'st.scoreExpected': ['预期出口成绩', 'Expected exit score'],

  'g.help': [
    '许多地区现行的做法：学生出口 z − 入口 z 的学校平均，和百分等级（名次）的变化，与回归增值并列对照。',
    'What many districts do today: the school mean of exit z − entry z and the change of percentile rank, next to the regression value-added.',
  ],
  'g.zGain': ['z 分增量', 'z-gain'],
  'g.rank': ['名次变化（百分等级）', 'Rank change (percentile)'],
  'g.va': ['回归增值', 'Value-added'],

  't.help': ['目标 = 本校前两个学年同一系列考试的平均值', 'Target = mean of the school’s previous two years in the same exam series'],
  't.series': ['考试系列', 'Series'],
  't.metric': ['指标', 'Measure'],
  't.target': ['{year} 目标', 'Target {year}'],
  't.base': ['前两年', 'Previous years'],
  't.partial': ['仅一年', 'one year only'],
  't.meanZ': ['总分平均标准分 z', 'Mean z of 总分'],
  't.excellentRate': ['总分优秀率', 'Excellent rate'],
  't.passRate': ['总分合格率', 'Pass rate'],
  't.effect': ['总分增值', 'Value-added of 总分'],
  't.achievement': ['{grade} 年级{type}', 'Grade {grade} {type}'],
  't.va': ['{grade} 年级{type} · 增值', 'Grade {grade} {type} · value-added'],
  't.withheld': ['匹配学生少于最小人数、不显示增值目标的学校：{list}', 'Schools with too few linked students, so no value-added target is shown: {list}'],
  't.none': ['还没有可用于制定目标的考试', 'No exams to set targets from yet'],
  'sgp.note': [
    '学生成长百分位 SGP（分位数回归，Betebenner 2009）：本对考试只有一个先验成绩，为一阶 SGP',
    'Student growth percentiles, SGP (quantile regression, Betebenner 2009): this pair has one prior score (order 1)',
  ],
  own: ['显示本校数据和{all}汇总。', 'Your school’s rows and the district figures.'],
} satisfies Record<string, [string, string]>;

export type GrowthKey = keyof typeof dict;
export type GrowthT = (key: GrowthKey, vars?: Record<string, string | number>) => string;

export function useGrowthT(): GrowthT {
  const { lang } = useI18n();
  const all = districtTerm(useMe().districtName).zh;
  return useCallback(
    (key: GrowthKey, vars?: Record<string, string | number>) => {
      let s = dict[key][lang === 'en' ? 1 : 0];
      for (const [k, v] of Object.entries({ all, ...vars })) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang, all],
  );
}
