// Words of the teacher-structure page (教师队伍结构). The language comes from the app's I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n.js';

const dict = {
  title: ['教师队伍结构', 'Teaching staff structure'],
  subtitle: [
    '按学年教师名册（专任教师）统计年龄、职称、骨干与学历结构，对照目标，并计算各校之间的学生加权差异系数',
    'Age, title, 骨干 and qualification structure from the school year’s roster (full-time teachers), against the targets, with the student-weighted coefficient of variation across schools',
  ],
  year: ['学年', 'School year'],
  export: ['导出 Excel', 'Export to Excel'],
  noRosterYear: ['{y} 学年还没有学校上传教师名册', 'No school has a roster for {y} yet'],
  showNewest: ['查看 {y}', 'Show {y}'],
  noRosterYears: ['尚无任何学年的教师名册', 'No roster in any year yet'],
  withoutRoster: ['以下学校没有 {y} 学年教师名册，不计入任何统计：{names}', 'These schools have no roster for {y} and are left out of every figure: {names}'],
  withoutRosterCount: ['{term}另有 {n} 所学校没有该学年教师名册，不计入统计', '{n} more schools of the {term} have no roster this year and are left out'],
  scopeNote: ['表中只列出您可查看的学校；{term}数字与差异系数包含全部有名册的学校', 'The table lists the schools you may see; the {term} figures and CVs cover every school with a roster'],
  pack: ['目标：{name}（{id}，第 {v} 版）', 'Targets: {name} ({id}, version {v})'],

  kpiFullTime: ['专任教师', 'Full-time teachers'],
  kpiFullTimeFoot: ['{n} 所有名册学校 · 教职工 {s} 人', '{n} schools with a roster · {s} staff'],
  kpiBackbone: ['骨干教师占比', '骨干 share'],
  kpiBackboneFoot: ['目标 ≥ {p} · {met}/{n} 所学校达标', 'target ≥ {p} · {met}/{n} schools meet it'],
  kpiPostgraduate: ['研究生学历占比', 'Postgraduate share'],
  kpiPostgraduateFoot: ['目标 ≥ {p} · {met}/{n} 所学校达标', 'target ≥ {p} · {met}/{n} schools meet it'],
  kpiShort: ['尚差 {n} 人', '{n} short'],
  kpiCvBackbone: ['骨干占比差异系数（小学 / 初中）', 'CV of the 骨干 share (primary / junior)'],
  kpiCvIntermediate: ['中级及以上占比差异系数（小学 / 初中）', 'CV of the intermediate+ share (primary / junior)'],
  kpiCvPer100: ['每百名学生骨干数差异系数（小学 / 初中）', 'CV of 骨干 per 100 students (primary / junior)'],
  kpiCvFoot: ['小学 {p} 所 · 初中 {j} 所', 'primary {p} · junior {j} schools'],
  kpiCvHelp: [
    '学生加权差异系数，小学、初中分别计算（一贯制学校按学部拆分，完全中学计初中部，高中不计）：比例 X̄ = Σ Pᵢxᵢ / Σ Pᵢ，S = √(Σ Pᵢ(xᵢ − X̄)² / Σ Pᵢ)，CV = S / X̄；每百名学生指标按均衡评估公式。该学段在校生为 0 的学校不计入。',
    'Student-weighted CV, for primary and junior apart (一贯制 schools split by section, a 完全中学 by its junior part, senior left out): shares X̄ = Σ Pᵢxᵢ / Σ Pᵢ, S = √(Σ Pᵢ(xᵢ − X̄)² / Σ Pᵢ), CV = S / X̄; per 100 students by the balance formula. Schools with no students of the level are left out.',
  ],
  met: ['达标', 'Met'],
  notMet: ['未达标', 'Not met'],
  shortTeachers: ['差 {n} 人', '{n} short'],

  chartAge: ['各校专任教师年龄结构', 'Age bands of full-time teachers by school'],
  chartBackbone: ['各校骨干教师占比', '骨干 share by school'],
  targetLine: ['目标 {p}', 'Target {p}'],

  schoolsTitle: ['各校结构', 'Schools'],
  search: ['搜索学校名称或代码', 'Search a school'],
  onlyNotMet: ['只看骨干未达标', 'Only schools below the 骨干 target'],
  colSchool: ['学校', 'School'],
  colStudents: ['在校生', 'Students'],
  colFullTime: ['专任教师', 'Full-time'],
  colBackbone: ['骨干占比', '骨干 share'],
  colPostgraduate: ['研究生占比', 'Postgraduate'],
  colIntermediate: ['中级及以上', 'Intermediate+'],
  colPer100: ['每百名学生骨干', '骨干 /100 students'],
  colAge: ['年龄结构', 'Age bands'],
  colTitles: ['职称结构', 'Titles'],
  noFullTime: ['无专任教师', 'No full-time teachers'],
  notInCv: ['不计入差异系数', 'not in the CVs'],
  notInCvHelp: ['在校生为 0 或未知，或没有专任教师', 'No (or unknown) students, or no full-time teachers'],
  bandTip: ['{label}：{n} 人（{p}）', '{label}: {n} ({p})'],
  districtRow: ['{term}合计', 'The {term}'],

  tiersTitle: ['梯队人数对照目标', 'Tiers against their targets'],
  colTier: ['梯队', 'Tier'],
  colCount: ['现有', 'Now'],
  colTarget: ['目标', 'Target'],
  colProgress: ['完成', 'Progress'],
  colShort: ['差额', 'Short'],
  tiersNote: ['{term}专任教师中各梯队人数；目标来源：{src}', 'Full-time teachers of the {term} per tier; targets: {src}'],

  cvTitle: ['学生加权差异系数（分学段）', 'Student-weighted coefficients of variation by level'],
  secPrimary: ['小学', 'Primary'],
  secJunior: ['初中', 'Junior'],
  colIndicator: ['指标', 'Indicator'],
  colSchools: ['学校数', 'Schools'],
  colMean: ['加权平均', 'Weighted mean'],
  colSd: ['标准差', 'SD'],
  colCv: ['差异系数', 'CV'],
  cvNote: [
    '小学、初中分别计算：九年一贯制、十二年一贯制学校按名册学部拆分（小学部教师对 1–6 年级学生，初中部教师对 7–9 年级学生，未填学部的计入第一个学部），完全中学只计初中部，教学点计入小学，高中部不计。在校生为 0 或未知的学校（{a} 所）不计入差异系数；没有专任教师的学校（{b} 所）不计入比例指标的差异系数。',
    'Primary and junior apart: 九年一贯制 / 十二年一贯制 schools are split by their roster’s sections (primary-section teachers with grades 1–6, junior-section teachers with grades 7–9, rows without a section in the first section), a 完全中学 counts with its junior part, a 教学点 as primary, senior sections not at all. Schools with no or unknown students ({a}) are left out of every CV; schools without full-time teachers ({b}) out of the shares’ CVs.',
  ],
  sourcesTitle: ['目标来源', 'Sources of the targets'],
  listSep: ['、', ', '],
} satisfies Record<string, [string, string]>;

export type StructureKey = keyof typeof dict;
export type StructureT = (key: StructureKey, vars?: Record<string, string | number>) => string;

export function useStructureT(): StructureT {
  const { lang } = useI18n();
  return useCallback(
    (key: StructureKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}
