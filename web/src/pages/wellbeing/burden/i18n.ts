// Words of the homework and sleep page (课业负担与睡眠). The language comes from the app's I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n.js';

const dict = {
  title: ['作业与睡眠', 'Homework and sleep'],
  subtitle: [
    '“双减”监测：书面作业时间与睡眠时间对照国家要求，各校、各年级超出要求的学生比例',
    'Double Reduction monitoring: written homework and sleep against the national limits; the share of pupils beyond them per school and grade',
  ],
  year: ['学年', 'School year'],
  yearLabel: ['{y}–{y1}学年', '{y}–{y1}'],
  export: ['导出 Excel', 'Export to Excel'],
  noData: ['尚未导入作业与睡眠调查', 'No homework and sleep survey imported yet'],
  limitsTitle: ['国家要求', 'National limits'],
  limitsExact: ['恰好等于要求值即为符合要求（按整分钟比较）。', 'A value exactly at the limit meets it (compared in whole minutes).'],
  limitsSources: ['依据', 'Sources'],
  limitsPack: ['要求版本：{id}，版本 {v}', 'Limits: {id}, version {v}'],
  fromTallies: [
    '本学年部分或全部学生明细已按保存期限删除，以下数字来自删除前保存的汇总。',
    'Pupil rows of this year were removed under the retention setting; the figures below come from the tallies kept.',
  ],
  kpiOver: ['书面作业超出要求', 'Over the homework limit'],
  kpiShort: ['睡眠不足', 'Short of sleep'],
  kpiMeanHw: ['平均书面作业时间', 'Mean written homework'],
  kpiMeanSleep: ['平均睡眠时间', 'Mean sleep'],
  kpiOf: ['{n} 人作答', '{n} answered'],
  kpiScope: ['范围：{scope}', 'Scope: {scope}'],
  minutes: ['分钟', 'min'],
  hours: ['小时', 'h'],
  withheld: ['人数少于 {n}，不公布', 'Under {n} pupils: withheld'],
  chartHomework: ['各年级平均书面作业时间与要求', 'Mean written homework per grade against the limit'],
  chartSleep: ['各年级平均睡眠时间与要求', 'Mean sleep per grade against the target'],
  seriesMeanHw: ['平均书面作业（分钟）', 'Mean homework (min)'],
  seriesLimit: ['要求上限（分钟）', 'Limit (min)'],
  seriesMeanSleep: ['平均睡眠（小时）', 'Mean sleep (h)'],
  seriesTarget: ['要求（小时）', 'Target (h)'],
  seriesOver: ['超出要求比例', 'Share over the limit'],
  seriesShort: ['睡眠不足比例', 'Share short of sleep'],
  distTitle: ['分布', 'Distribution'],
  distHomework: ['书面作业时间（分钟）', 'Written homework (minutes)'],
  distSleep: ['睡眠时间', 'Sleep'],
  distPupils: ['学生', 'Pupils'],
  trendTitle: ['历年趋势（全部年级）', 'Trend over the years (all grades)'],
  worstTitle: ['书面作业超出要求比例最高的学校', 'Schools with the largest share over the homework limit'],
  worstNone: ['没有可公布的学校', 'No school to show'],
  tableTitle: ['各校与各年级', 'Schools and grades'],
  colSchool: ['学校 / 年级', 'School / grade'],
  colRecords: ['记录数', 'Records'],
  colOver: ['作业超出要求', 'Over homework limit'],
  colMeanHw: ['平均作业（分钟）', 'Mean homework (min)'],
  colLimit: ['要求（分钟）', 'Limit (min)'],
  colShort: ['睡眠不足', 'Short of sleep'],
  colMeanSleep: ['平均睡眠（小时）', 'Mean sleep (h)'],
  colTarget: ['要求（小时）', 'Target (h)'],
  meanOver: ['平均超出', 'mean over'],
  meanShort: ['平均不足', 'mean short'],
  grade: ['{g}年级', 'Grade {g}'],
  boys: ['男', 'Boys'],
  girls: ['女', 'Girls'],
  pupils: ['学生明细', 'Pupils'],
  pupilsTitle: ['{school}：学生作业与睡眠记录（{y}–{y1}学年）', '{school}: pupils’ homework and sleep ({y}–{y1})'],
  pupilsNote: ['学生健康相关数据属敏感个人信息，本次查看已记入审计日志。', 'Pupils’ health data is sensitive personal information; this view is recorded in the audit log.'],
  colId: ['学籍号 / 问卷编号', 'Pupil or questionnaire id'],
  colGrade: ['年级', 'Grade'],
  colSex: ['性别', 'Sex'],
  colHomework: ['书面作业（分钟）', 'Homework (min)'],
  colSleep: ['睡眠（小时）', 'Sleep (h)'],
  colSource: ['来源', 'Source'],
  colDate: ['调查日期', 'Surveyed'],
  over: ['超出', 'over'],
  within: ['符合', 'within'],
  short: ['不足', 'short'],
  meets: ['达到', 'meets'],
  survey: ['问卷', 'survey'],
  diary: ['日记', 'diary'],
  importTitle: ['导入作业与睡眠调查', 'Import a homework and sleep survey'],
  importYear: ['学年', 'School year'],
  importSource: ['来源', 'Source'],
  drag: ['点击或拖入 .xlsx / .csv 文件（UTF-8 或 GBK）', 'Click or drop an .xlsx / .csv file (UTF-8 or GBK)'],
  dragHint: [
    '每行一名学生或一份问卷：学籍号或问卷编号、学校代码、年级（1–9）、性别（可选）、书面作业时间（分钟/天，也可写 1.5小时、1小时20分、1:20）、睡眠时间（小时，也可写 9小时30分、9:30）、调查日期（可选）。文件中各校该学年的旧记录将被替换；有任何错误时全部不导入。',
    'One row per pupil or questionnaire: 学籍号 or 问卷编号, 学校代码, 年级 (1–9), 性别 (optional), 书面作业时间 (minutes per day; 1.5小时, 1小时20分 or 1:20 too), 睡眠时间 (hours; 9小时30分 or 9:30 too), 调查日期 (optional). Replaces the year’s earlier records of the schools in the file; nothing is imported when there is any error.',
  ],
  imported: ['已导入 {n} 条记录（替换 {r} 条）', '{n} records imported ({r} replaced)'],
  problems: ['{n} 处问题，记录未导入', '{n} problems; nothing was imported'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  reason: ['问题', 'Problem'],
} satisfies Record<string, [string, string]>;

export type BurdenKey = keyof typeof dict;
export type BurdenT = (key: BurdenKey, vars?: Record<string, string | number>) => string;

export function useBurdenT(): BurdenT {
  const { lang } = useI18n();
  return useCallback(
    (key: BurdenKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}
