// Words of the vision page (视力筛查与近视). The language comes from the app's I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n.js';

const dict = {
  title: ['视力与近视', 'Vision and myopia'],
  subtitle: [
    '视力筛查：筛查性近视率、视力不良率，与“每年下降 0.5 个百分点”和 2030 年学段目标对比',
    'Vision screening: screening myopia and reduced acuity against the −0.5 point yearly target and the 2030 level targets',
  ],
  year: ['学年', 'School year'],
  noData: ['尚未导入视力筛查记录', 'No vision screening records imported yet'],
  export: ['导出 Excel', 'Export to Excel'],
  kpiRate: ['近视率（{term}）', 'Myopia rate ({term})'],
  kpiRateNote: ['有视力记录 {n} 人，其中近视 {m} 人', '{n} pupils with acuity, {m} myopes'],
  kpiChange: ['较上一学年', 'Change vs last year'],
  kpiChangeUnit: ['个百分点', 'points'],
  kpiChangeNone: ['没有上一学年的记录', 'No records of the year before'],
  kpiChangeTarget: ['目标：每年下降 ≥ {pp} 个百分点', 'Target: down ≥ {pp} points a year'],
  kpiSinceFirst: ['较 {year} 学年（基线）：{v} 个百分点，目标下降 ≥ {pp}', 'Since {year} (baseline): {v} points; target down ≥ {pp}'],
  notComparable: ['不对照', 'Not judged'],
  notComparableShare: [
    '{from} 与 {to} 学年“仅凭视力判定”的占比相差超过 {pp} 个百分点，两年测法不同，变化不对照下降目标。',
    'The acuity-only shares of {from} and {to} differ by more than {pp} points: measured differently, so the change is not judged against the target.',
  ],
  notComparableRule: ['{from} 与 {to} 学年按不同版本的判定规则判定，变化不对照下降目标。', '{from} and {to} were judged with different rule versions, so the change is not judged against the target.'],
  colSinceFirst: ['较 {year} 学年（百分点）', 'Since {year} (points)'],
  colSinceFirstMet: ['累计下降目标', 'Target since {year}'],
  kpiAcuityOnly: ['仅凭视力判定', 'Judged on acuity only'],
  kpiAcuityOnlyNote: [
    '这些学生没有电脑验光（等效球镜）结果，按裸眼视力 < 5.0 计为近视，会把其他原因的视力不良也计入，近视率可能偏高。',
    'These pupils have no autorefraction (SE): counted as myopes on acuity below 5.0 alone, which also counts reduced acuity of other causes, so their rate may be too high.',
  ],
  kpiAcuityOnlyNone: ['全部结果均有等效球镜', 'Every result has its SE'],
  kpiReduced: ['视力不良率', 'Reduced acuity'],
  kpiReducedNote: ['任一眼裸眼视力 < 5.0', 'Acuity below 5.0 in either eye'],
  met: ['达到', 'Met'],
  notMet: ['未达到', 'Not met'],
  levelsTitle: ['学段目标（2030 年）', 'Level targets (2030)'],
  levelTarget: ['{level}：{rate}，目标 ≤ {p}%', '{level}: {rate}, target ≤ {p}%'],
  levelPrimary: ['小学', 'Primary'],
  levelJunior: ['初中', 'Junior secondary'],
  unconfirmedTarget: [
    '另有报道称 2026—2030 年计划的小学目标为低于 {p}%（仅见一篇报道，未核实，不作判断依据）。',
    'A report says the 2026–2030 plan sets the primary target below {p}% (one report only, not checked; not used to judge).',
  ],
  trendTitle: ['近视率逐年变化', 'Myopia rate by year'],
  trendPath: ['按每年下降 {pp} 个百分点', 'Down {pp} points a year'],
  trendSchools: ['对比学校', 'Compare schools'],
  schoolsTitle: ['各校近视率', 'Myopia rate by school'],
  colSchool: ['学校', 'School'],
  colScreened: ['筛查人数', 'Screened'],
  colRate: ['近视率', 'Myopia rate'],
  colChange: ['较上年（百分点）', 'Change (points)'],
  colChangeMet: ['下降目标', 'Yearly target'],
  colAcuityOnly: ['仅凭视力', 'Acuity only'],
  colReduced: ['视力不良率', 'Reduced acuity'],
  colLevels: ['学段目标', 'Level target'],
  tooFew: ['人数过少', 'Too few'],
  tooFewTip: ['人数少于 {n}，不公布', 'Under {n} pupils: withheld'],
  furthestTitle: ['高于学段目标最多的学校', 'Schools furthest above their level target'],
  furthestNone: ['没有学校高于学段目标', 'No school is above its level target'],
  furthestItem: ['高 {pp} 个百分点', '{pp} points above'],
  gradesTitle: ['分年级、性别', 'By grade and sex'],
  gradesOf: ['范围', 'For'],
  colGrade: ['年级', 'Grade'],
  colAll: ['合计', 'All'],
  colBoys: ['男生', 'Boys'],
  colGirls: ['女生', 'Girls'],
  colTarget: ['学段目标', 'Target'],
  grade: ['{g}年级', 'Grade {g}'],
  ruleNote: ['判定规则：{title}（第 {v} 版）：裸眼远视力 < {u}，且等效球镜 {op} {se} D，任一眼符合即计。', 'Rule: {title} (v{v}): acuity below {u} and SE {op} {se} D in either eye.'],
  ruleUnconfirmed: ['“≤”或“<”尚未从标准原文核实（本地设置）。', 'Whether ≤ or < is not yet checked against the standard’s text (a local setting).'],
  fromTallies: ['该学年的学生明细已按保存期限删除，以下数字来自删除前保存的汇总。', 'This year’s pupil rows were removed under the retention setting; the figures come from the tallies kept.'],
  pupils: ['学生明细', 'Pupils'],
  pupilsTitle: ['{school}：学生视力筛查明细（{year}）', '{school}: pupils’ screening results ({year})'],
  pupilsNote: ['学生视力数据属敏感个人信息，本次查看已记入审计日志。', 'Pupils’ health data is sensitive personal information; this view is recorded in the audit log.'],
  colId: ['学籍号', 'Pupil id'],
  colSex: ['性别', 'Sex'],
  colUcva: ['裸眼视力（右/左）', 'Acuity (R/L)'],
  colSe: ['等效球镜 D（右/左）', 'SE D (R/L)'],
  colGlasses: ['戴镜', 'Glasses'],
  colResult: ['结果', 'Result'],
  myope: ['筛查性近视', 'Myopia'],
  notMyope: ['非近视', 'Not myopic'],
  open: ['未筛查', 'Not screened'],
  acuityOnlyTag: ['仅视力', 'acuity only'],
  reducedTag: ['视力不良', 'reduced'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  boys: ['男', 'M'],
  girls: ['女', 'F'],
  importTitle: ['导入视力筛查记录', 'Import screening records'],
  importYear: ['导入到学年', 'Into school year'],
  drag: ['点击或拖入 .xlsx / .csv 文件（UTF-8 或 GBK）', 'Click or drop an .xlsx / .csv file (UTF-8 or GBK)'],
  dragHint: [
    '每行一名学生：学籍号、学校代码、年级（1–9）、性别（男/女）、右眼裸眼视力、左眼裸眼视力（五分记录如 4.9，或小数视力如 0.8）；可选：右眼等效球镜、左眼等效球镜（或右眼球镜＋右眼柱镜、左眼球镜＋左眼柱镜）、戴镜（是/否）、筛查日期。文件中各校该学年的旧记录将被替换；有任何错误时全部不导入。',
    'One row per pupil: 学籍号, 学校代码, 年级 (1–9), 性别 (男/女), 右眼裸眼视力, 左眼裸眼视力 (5-point record such as 4.9, or decimal such as 0.8); optional: 右眼等效球镜 / 左眼等效球镜 (or sphere 球镜 + cylinder 柱镜 per eye), 戴镜 (是/否), 筛查日期. Replaces the year’s earlier records of the schools in the file; nothing is imported when there is any error.',
  ],
  imported: ['已导入 {n} 名学生：近视 {m} 人，仅凭视力判定 {a} 人', '{n} pupils imported: {m} myopes, {a} judged on acuity only'],
  problems: ['{n} 处问题，记录未导入', '{n} problems; nothing was imported'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  reason: ['问题', 'Problem'],
} satisfies Record<string, [string, string]>;

export type VisionKey = keyof typeof dict;
export type VisionT = (key: VisionKey, vars?: Record<string, string | number>) => string;

export function useVisionT(): VisionT {
  const { lang } = useI18n();
  return useCallback(
    (key: VisionKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}
