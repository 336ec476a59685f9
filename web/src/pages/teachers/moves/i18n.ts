// Words of the teachers' moves page (交流调动). The language comes from the app's I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n.js';

const dict = {
  title: ['交流调动', 'Teacher moves'],
  subtitle: [
    '教师交流轮岗、支教与调动的记录，以及按事实计算的每年交流比例（不低于符合条件教师的 10%）与骨干占比（不低于交流人数的 20%）',
    'The record of rotations, teaching support and transfers, and the yearly exchange rules computed from it: at least 10 % of the eligible teachers move, at least 20 % of the movers are 骨干',
  ],
  yearLabel: ['{y}–{y1}学年', '{y}–{y1}'],
  // rules
  rules: ['交流轮岗达标情况', 'Exchange rules'],
  rulesHelp: [
    '符合条件：{ry}名册中的专任教师，本校任教满 {min} 年且未满 {age} 岁；交流人数：本学年开始的交流轮岗中在{ry}名册上符合条件的教师（支教、调动不计；不符合条件者只列入“全部交流”供参考）；骨干：县级及以上。目标取自 {pack}。',
    'Eligible: 专任 teachers in the {ry} roster with {min} years or more at the school and under {age}; movers: teachers eligible in the {ry} roster among the rotations starting in this school year (teaching support and transfers not counted; the others are only shown under “all movers”); 骨干: county level and above. Targets from {pack}.',
  ],
  rosterMissing: ['{ry}没有教师名册：无法判断哪些教师符合交流条件，比例无从计算。', 'There is no {ry} roster: nobody can be counted eligible, so no rate can be computed.'],
  noRoster: ['无名册', 'no roster'],
  'r.school': ['学校', 'School'],
  'r.eligible': ['符合条件', 'Eligible'],
  'r.allMovers': ['全部交流', 'All movers'],
  'r.allMoversHelp': ['本学年全部交流轮岗人数（含不符合条件者，仅供参考，不计入比例）', 'Every rotation of the year, eligible or not: for information, not counted in the rates'],
  'r.movers': ['符合条件交流', 'Eligible movers'],
  'r.rate': ['交流比例（≥ {p}）', 'Rate (≥ {p})'],
  'r.backbone': ['其中骨干', '骨干 among them'],
  'r.share': ['骨干占比（≥ {p}）', '骨干 share (≥ {p})'],
  district: ['全县（区）', 'District'],
  met: ['达标', 'Met'],
  notMet: ['未达标', 'Not met'],
  na: ['不适用', 'n/a'],
  // list
  moves: ['交流调动记录', 'Moves'],
  allYears: ['全部学年', 'All years'],
  allSchools: ['全部学校', 'All schools'],
  allKinds: ['全部类型', 'All kinds'],
  searchTeacher: ['教师编号或姓名', 'Teacher id or name'],
  add: ['登记调动', 'Record a move'],
  empty: ['没有符合条件的记录', 'No moves match'],
  'c.teacher': ['教师', 'Teacher'],
  'c.fromTo': ['调出 → 调入', 'From → to'],
  'c.kind': ['类型', 'Kind'],
  'c.start': ['开始', 'Start'],
  'c.end': ['结束', 'End'],
  'c.source': ['来源', 'Source'],
  'c.note': ['备注', 'Note'],
  byHand: ['手工登记', 'By hand'],
  byPlan: ['交流方案 #{id}', 'Exchange plan #{id}'],
  remove: ['删除', 'Delete'],
  removeTitle: ['删除这条手工登记的记录？', 'Delete this move entered by hand?'],
  removed: ['已删除', 'Deleted'],
  planLocked: ['由已锁定的交流方案写入，不能删除', 'Recorded by a locked exchange plan: it cannot be deleted'],
  count: ['{n} 条', '{n} moves'],
  // drawer
  'f.title': ['登记交流调动', 'Record a move'],
  'f.start': ['开始日期', 'Start date'],
  'f.startHelp': ['所属学年：{y}（9 月 1 日至次年 8 月 31 日）', 'School year {y} (1 September to 31 August)'],
  'f.from': ['调出学校', 'From school'],
  'f.fromHelp': ['须为该教师在上一学年或当学年名册中的学校', 'The teacher’s school in the roster of the year before or of that year'],
  'f.teacher': ['教师', 'Teacher'],
  'f.teacherHelp': ['先选开始日期与调出学校', 'Choose the start date and the school first'],
  'f.to': ['调入学校', 'To school'],
  'f.kind': ['类型', 'Kind'],
  'f.end': ['结束日期（可空）', 'End date (optional)'],
  'f.note': ['备注', 'Note'],
  'f.save': ['保存', 'Save'],
  'f.cancel': ['取消', 'Cancel'],
  'f.required': ['必填', 'Required'],
  'f.saved': ['已登记', 'Recorded'],
  'f.problems': ['未保存：', 'Not recorded:'],
  'f.rosterYear': ['{y} 名册', '{y} roster'],
} satisfies Record<string, [string, string]>;

export type MovesKey = keyof typeof dict;
export type MovesT = (key: MovesKey, vars?: Record<string, string | number>) => string;

export function useMovesT(): MovesT {
  const { lang } = useI18n();
  return useCallback(
    (key: MovesKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}
