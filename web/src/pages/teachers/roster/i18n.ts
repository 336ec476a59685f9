// Words of the teacher roster page (教师名册) and the English of the roster's values. The language comes from the app's
// I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n.js';
import {
  BACKBONE_EN,
  POST_EN,
  QUALIFICATION_EN,
  TIER_EN,
  TITLE_EN,
  type BackboneLevel,
  type Employment,
  type Post,
  type Qualification,
  type Section,
  type Sex,
  type Tier,
  type Title,
} from '../../../../../src/teachers/model.js';

const dict = {
  title: ['教师名册', 'Teacher roster'],
  subtitle: [
    '每位教职工一行：由学校维护（或教育局人事专员），统计中的教师数据由名册自动计算；教师个人信息仅限人事专员和本校查看，每次查看和导出均记入审计日志',
    'One row per staff member, kept by the school (or the bureau’s personnel staff); the statistics’ teacher figures are computed from it. Personal data: the personnel staff and the own school only; every view and export is audited',
  ],
  year: ['学年', 'School year'],
  yearLabel: ['{y}–{y1}学年', '{y}–{y1}'],
  school: ['学校', 'School'],
  chooseSchool: ['选择学校', 'Choose a school'],
  // the schools overview (各校名册概况), before a school is chosen
  overview: ['各校名册概况', 'Schools’ rosters'],
  'ov.search': ['学校名称或代码', 'School name or code'],
  'ov.count': ['共 {n} 所学校，{m} 所已有名册', '{n} schools, {m} with a roster'],
  'ov.hint': ['点击一行查看该校名册', 'Click a row to open the school’s roster'],
  'ov.empty': ['没有可查看的学校', 'No schools to show'],
  'ov.level': ['学段', 'Level'],
  'ov.status': ['统计状态', 'Statistics'],
  'ov.flags': ['提示', 'Notes'],
  'ov.differs': ['与填报数不同 {n} 项', '{n} figures differ from typed-in'],
  'ov.diffLine': ['{field}：填报 {typed}，名册 {roster}', '{field}: typed {typed}, roster {roster}'],
  'ov.fromRoster': ['教师数来自名册', 'Figures from the roster'],
  schoolRows: ['{n} 人', '{n} staff'],
  noRoster: ['无名册', 'no roster'],
  // status
  'status.draft': ['统计填报中', 'Statistics: draft'],
  'status.submitted': ['统计已提交', 'Statistics: submitted'],
  'status.approved': ['统计已审核', 'Statistics: approved'],
  'status.returned': ['统计已退回', 'Statistics: returned'],
  'status.none': ['尚无统计', 'No statistics yet'],
  readOnly: ['只读', 'Read only'],
  // summary
  staff: ['教职工', 'Staff'],
  fullTime: ['专任教师', 'Full-time teachers'],
  backbone: ['骨干（县级及以上）', '骨干 (county and above)'],
  postgraduate: ['研究生学历', 'Postgraduate'],
  // per section (学部)
  bySection: ['分学部', 'By section'],
  colSection: ['学部', 'Section'],
  colAboveDegree: ['高于规定学历', 'Above the required degree'],
  colBackbone: ['骨干（县级及以上）', '骨干 (county and above)'],
  colPeArt: ['体育艺术', 'PE and arts'],
  colIntermediate: ['中级及以上职称', 'Intermediate title or above'],
  sectionCheck: [
    '{n} 人学部需核对：学部与学校学段不符（学校学段已变更），暂计入{first}；请逐条修改',
    '{n} rows: section to check — it does not fit the school’s level (the level changed); counted under {first} for now: edit them',
  ],
  sectionCheckTag: ['学部需核对 {n}', 'section to check: {n}'],
  // actions
  add: ['添加教师', 'Add a teacher'],
  export: ['导出名册', 'Export'],
  carry: ['由上一学年结转', 'Carry forward from last year'],
  carryHelp: [
    '以 {prev} 名册为基础，按本学年开始的调动（交流轮岗、支教、调动）调出、调入，生成本学年名册。',
    'Start this year’s roster from the {prev} roster, applying the moves that start this year (leavers go, arrivals come).',
  ],
  carryOk: ['开始结转', 'Carry forward'],
  carryEmpty: ['本学年尚无名册：可上传名册，或由上一学年（{n} 人）结转', 'No roster for this year yet: upload one, or carry forward last year’s ({n} staff)'],
  carryNone: ['本学年尚无名册：请上传名册或逐条添加', 'No roster for this year yet: upload one or add teachers'],
  carried: ['已结转：共 {rows} 人，留任 {stayed} 人，调出 {left} 人，调入 {arrived} 人', 'Carried forward: {rows} staff — {stayed} stayed, {left} left, {arrived} arrived'],
  carriedLeft: ['调出', 'Left'],
  carriedArrived: ['调入', 'Arrived'],
  carriedSkipped: ['未结转（请核对）', 'Not carried (check them)'],
  sectionChanged: ['学部已调整，请核对', 'section changed: check it'],
  // upload
  upload: ['上传名册', 'Upload the roster'],
  template: ['下载模板', 'Download the template'],
  drag: ['点击或拖入本校名册（.xlsx / .csv），整体替换本学年名册', 'Click or drop the school’s roster (.xlsx / .csv): it replaces this year’s roster whole'],
  dragHint: [
    '每行一位教职工；有身份证号时按身份证号识别同一教师（只保存其加密摘要），否则按工号、姓名与出生年份；有任何一处问题则全部不导入。',
    'One row per staff member; the same teacher is recognised by ID number (only a keyed hash is kept), else by 工号, name and birth year; any problem and nothing is imported.',
  ],
  importing: ['正在导入…', 'Importing…'],
  imported: ['已导入 {rows} 人（专任 {fullTime} 人）：新登记 {added} 人，移出 {removed} 人', 'Imported {rows} staff ({fullTime} full-time): {added} new, {removed} removed'],
  problems: ['{n} 处问题，名册未导入', '{n} problems: nothing was imported'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  reason: ['问题', 'Problem'],
  // filters
  search: ['姓名、工号或教师编号', 'Name, 工号 or teacher id'],
  allSections: ['全部学部', 'All sections'],
  allPosts: ['全部岗位', 'All posts'],
  allTitles: ['全部职称', 'All titles'],
  allBackbone: ['骨干：全部', '骨干: all'],
  backboneOnly: ['县级及以上骨干', 'County 骨干 and above'],
  anyBackbone: ['任一级骨干', 'Any 骨干 level'],
  allEmployment: ['全部用工形式', 'All employment'],
  shown: ['显示 {n} / {total} 人', 'Showing {n} of {total}'],
  // columns
  'c.name': ['姓名', 'Name'],
  'c.sex': ['性别', 'Sex'],
  'c.age': ['年龄', 'Age'],
  'c.section': ['学部', 'Section'],
  'c.subjects': ['任教学科', 'Subjects'],
  'c.post': ['岗位', 'Post'],
  'c.qualification': ['学历', 'Qualification'],
  'c.title': ['职称', 'Title'],
  'c.backbone': ['骨干', '骨干'],
  'c.tier': ['梯队', 'Tier'],
  'c.years': ['本校年限', 'Years here'],
  'c.employment': ['用工', 'Employment'],
  'c.actions': ['操作', 'Actions'],
  edit: ['修改', 'Edit'],
  delete: ['删除', 'Delete'],
  deleteConfirm: ['从本学年名册中删除 {name}？', 'Remove {name} from this year’s roster?'],
  deleted: ['已删除', 'Removed'],
  empty: ['暂无教师', 'No teachers'],
  // form
  'f.addTitle': ['添加教师', 'Add a teacher'],
  'f.editTitle': ['修改：{name}', 'Edit: {name}'],
  'f.name': ['姓名', 'Name'],
  'f.sex': ['性别', 'Sex'],
  'f.birthYear': ['出生年份', 'Birth year'],
  'f.idNumber': ['身份证号（选填）', 'ID number (optional)'],
  'f.idHelp': ['仅用于识别同一教师，系统只保存其加密摘要', 'Only to recognise the same teacher; only a keyed hash is kept'],
  'f.idKept': ['已登记身份证号（不显示）；如需补登可填写', 'An ID number is on record (not shown); fill in only to add one'],
  'f.section': ['学部', 'Section'],
  'f.staffNo': ['工号', 'Staff number (工号)'],
  'f.subjects': ['任教学科（主教学科在前）', 'Subjects (main subject first)'],
  'f.post': ['岗位', 'Post'],
  'f.qualification': ['最高学历', 'Highest qualification'],
  'f.title': ['职称', 'Title'],
  'f.certified': ['持有教师资格证', 'Holds a teacher’s certificate'],
  'f.backboneLevel': ['骨干级别', '骨干 level'],
  'f.backboneYear': ['骨干认定年份', 'Year the 骨干 level was awarded'],
  'f.tier': ['梯队', 'Tier'],
  'f.schoolSince': ['本校任教起始年', 'At this school since'],
  'f.employment': ['用工形式', 'Employment'],
  'f.none': ['无', 'None'],
  'f.save': ['保存', 'Save'],
  'f.cancel': ['取消', 'Cancel'],
  'f.required': ['必填', 'Required'],
  'f.saved': ['已保存，统计中的教师数已重新计算', 'Saved; the statistics’ teacher figures were recomputed'],
  'f.notSaved': ['未保存：', 'Not saved:'],
  // detail
  'd.title': ['{name}（{id}）', '{name} ({id})'],
  'd.person': ['个人信息', 'Person'],
  'd.birthYear': ['出生年份', 'Birth year'],
  'd.idNumber': ['身份证号', 'ID number'],
  'd.idYes': ['已登记（仅存加密摘要）', 'On record (keyed hash only)'],
  'd.idNo': ['未登记', 'Not on record'],
  'd.posts': ['历年任职', 'Posts by year'],
  'd.training': ['培训学时', 'Training hours'],
  'd.trainingLine': ['本年 {year} 学时，近五年 {window} 学时', '{year} h this year, {window} h over five years'],
  'd.met': ['达标', 'met'],
  'd.notMet': ['未达标', 'not met'],
  'd.moves': ['交流调动', 'Moves'],
  'd.noMoves': ['无调动记录', 'No moves recorded'],
  'd.school': ['学校', 'School'],
  'd.from': ['从', 'From'],
  'd.to': ['到', 'To'],
  'd.kind': ['类型', 'Kind'],
  'd.start': ['开始', 'Start'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  has: ['有', 'yes'],
  hasNot: ['无', 'no'],
} satisfies Record<string, [string, string]>;

export type RosterKey = keyof typeof dict;
export type RosterT = (key: RosterKey, vars?: Record<string, string | number>) => string;

export function useRosterT(): RosterT {
  const { lang } = useI18n();
  return useCallback(
    (key: RosterKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}

const SEX_EN: Record<Sex, string> = { 男: 'Male', 女: 'Female' };
const SECTION_EN: Record<Section, string> = { 小学: 'Primary', 初中: 'Junior secondary', 高中: 'Senior secondary' };
const EMPLOYMENT_EN: Record<Employment, string> = { 在编: 'Established post', 合同: 'Contract' };
const BACKBONE_ZH: Record<BackboneLevel, string> = { 校: '校级', 县: '县级', 市: '市级', 省: '省级' };

/** The roster's values in the page's language (stored values are the Chinese words). */
export function useValueLabels() {
  const { lang } = useI18n();
  const en = lang === 'en';
  return {
    sex: (v: Sex) => (en ? SEX_EN[v] : v),
    section: (v: Section | null) => (v === null ? '' : en ? SECTION_EN[v] : v),
    post: (v: Post) => (en ? POST_EN[v] : v),
    qualification: (v: Qualification) => (en ? QUALIFICATION_EN[v] : v),
    title: (v: Title) => (en ? TITLE_EN[v] : v),
    backbone: (v: BackboneLevel) => (en ? BACKBONE_EN[v] : BACKBONE_ZH[v]),
    tier: (v: Tier) => (en ? TIER_EN[v] : v),
    employment: (v: Employment) => (en ? EMPLOYMENT_EN[v] : v),
  };
}
export type ValueLabels = ReturnType<typeof useValueLabels>;
