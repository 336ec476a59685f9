// Words of the wellbeing pages (学生健康). The language comes from the app's I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../i18n.js';

const dict = {
  title: ['学生健康', 'Student wellbeing'],
  subtitle: ['体质健康测试：按《国家学生体质健康标准（2014年修订）》评分，达标率与目标对比', 'Fitness tests scored by the national standard (2014 revision); pass rate against the target'],
  year: ['学年', 'School year'],
  yearLabel: ['{y}–{y1}学年', '{y}–{y1}'],
  noData: ['尚未导入体质健康测试成绩', 'No fitness results imported yet'],
  importTitle: ['导入体质健康测试成绩', 'Import fitness results'],
  importYear: ['导入到学年', 'Import into school year'],
  drag: ['点击或拖入 .xlsx / .csv 文件（UTF-8 或 GBK）', 'Click or drop an .xlsx / .csv file (UTF-8 or GBK)'],
  dragHint: [
    '每行一名学生：学籍号、学校代码、年级（1–9）、性别（男/女）、身高、体重及各项目（列名用项目中文名，如 肺活量、50米跑、1000米跑）；时间可写秒数或 3\'35" / 3分35秒。文件中各校该学年的旧成绩将被替换；有任何错误时全部不导入。',
    "One row per pupil: 学籍号, 学校代码, 年级 (1–9), 性别 (男/女), 身高, 体重 and the items under their Chinese names (肺活量, 50米跑, 1000米跑 …); times as seconds or 3'35\" / 3分35秒. Replaces the year's earlier results of the schools in the file; nothing is imported when there is any error.",
  ],
  imported: ['已导入 {n} 名学生，其中 {s} 名有学年总分', '{n} pupils imported, {s} with a total'],
  problems: ['{n} 处问题，成绩未导入', '{n} problems; nothing was imported'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  reason: ['问题', 'Problem'],
  target: ['目标：达标率 ≥ {p}（{source}；本地设置，可修改）', 'Target: pass rate ≥ {p} ({source}; a local setting)'],
  colSchool: ['学校', 'School'],
  colTested: ['测试人数', 'Tested'],
  colScored: ['有总分人数', 'With a total'],
  colOpen: ['未能评分', 'Not scorable'],
  colPass: ['达标率', 'Pass rate'],
  colGood: ['优良率', 'Good or better'],
  colExcellent: ['优秀率', 'Excellent'],
  colMean: ['平均总分', 'Mean total'],
  colTarget: ['对照目标', 'Against target'],
  met: ['达到', 'Met'],
  notMet: ['未达到', 'Not met'],
  suppressed: ['人数少于 {n}，不公布', 'Under {n} pupils: withheld'],
  openNotFound: ['{n} 人无评分表', '{n} no table'],
  openMissing: ['{n} 人缺项', '{n} missing'],
  grades: ['分年级', 'By grade'],
  grade: ['{g}年级', 'Grade {g}'],
  all: ['合计', 'All'],
  boys: ['男', 'Boys'],
  girls: ['女', 'Girls'],
  notFoundTitle: ['以下年级未能评分', 'Grades that could not be scored'],
  notFoundText: [
    '标准中以下年级的评分表尚未取得（官方表格未能核对），这些学生不计学年总分，也不计入达标率：{list}。',
    'The standard’s tables for these grades could not be obtained (the official tables could not be checked); their pupils get no total and are left out of the rates: {list}.',
  ],
  unconfirmedTitle: ['部分评分表仅有单一来源', 'Some tables rest on one source'],
  unconfirmedText: [
    '以下评分表（全部或部分）只有一个来源，尚未与第二个来源逐格核对，得分仅供参考：{list}。',
    'These tables (in whole or in part) come from one source and are not yet checked cell by cell against a second: {list}.',
  ],
  packNote: ['评分依据：{title}，版本 {v}', 'Scored by {title}, version {v}'],
  pupils: ['学生明细', 'Pupils'],
  pupilsTitle: ['{school}：学生体质测试明细（{y}–{y1}学年）', '{school}: pupils’ fitness results ({y}–{y1})'],
  pupilsNote: ['学生体质健康数据属敏感个人信息，本次查看已记入审计日志。', 'Pupils’ health data is sensitive personal information; this view is recorded in the audit log.'],
  colId: ['学籍号', 'Pupil id'],
  colGrade: ['年级', 'Grade'],
  colSex: ['性别', 'Sex'],
  colStandard: ['标准分', 'Standard score'],
  colBonus: ['附加分', 'Bonus'],
  colTotal: ['学年总分', 'Total'],
  colLevel: ['等级', 'Level'],
  openTable: ['无评分表', 'no table'],
  openMissingOne: ['缺项', 'missing item'],
  sexM: ['男生', 'boys'],
  sexF: ['女生', 'girls'],
} satisfies Record<string, [string, string]>;

export type WbKey = keyof typeof dict;
export type WbT = (key: WbKey, vars?: Record<string, string | number>) => string;

export function useWbT(): WbT {
  const { lang } = useI18n();
  return useCallback(
    (key: WbKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}
