// Words of the pairing page (结对帮扶 · 教共体). The language comes from the app's I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n.js';

const dict = {
  title: ['结对帮扶（教共体）', 'School pairing (education communities)'],
  subtitle: [
    '按均衡达标、考试成绩与增值评价衡量各校实力，在距离与结对数限制下建议强校带弱校；确认结对并对照“紧密型结对”目标',
    'School strength from balance compliance, exam results and value-added; strong schools suggested for weak ones within a distance and a number of partners; confirm pairings and follow the close-pairing target',
  ],
  groupPrimary: ['小学组', 'Primary'],
  groupJunior: ['初中组', 'Junior'],
  group: ['学段组', 'Level group'],
  // KPIs
  kpiClose: ['紧密型结对学校占比', 'Schools in close pairings'],
  kpiCloseNote: ['{n} / {m} 所在办学校参加融合型或共建型结对', '{n} of {m} open schools in a 融合型 or 共建型 pairing'],
  kpiTarget: ['目标：到 {year} 年不低于 {share}', 'Target: at least {share} by {year}'],
  met: ['已达标', 'Met'],
  notMet: ['未达标', 'Not met'],
  short: ['还差 {n} 所学校', '{n} more schools needed'],
  kpiAny: ['参加结对的学校', 'Schools in any pairing'],
  kpiAnyNote: ['{n} / {m} 所在办学校', '{n} of {m} open schools'],
  kpiPairings: ['已确认结对', 'Confirmed pairings'],
  kpiPairingsNote: ['紧密型 {n} 对，占 {share}（按教共体计）', '{n} close, {share} of the pairings (counted by community)'],
  kpiSuggested: ['建议结对', 'Suggested pairs'],
  kpiSuggestedNote: ['候选 {n} 对；求解：{status}，间隙 {gap}', '{n} candidates; solver: {status}, gap {gap}'],
  kpiSuggestedNone: ['没有符合条件的候选结对', 'No candidate pairs under these parameters'],
  targetSource: ['目标依据', 'Source of the target'],
  // Map
  mapTitle: ['结对地图', 'Pairing map'],
  mapValue: ['综合实力（z）', 'Strength (z)'],
  linkConfirmed: ['已确认结对', 'Confirmed'],
  linkSuggested: ['建议结对', 'Suggested'],
  mapHelp: [
    '颜色表示综合实力；实线为已确认结对，虚线为建议结对。点击学校可筛选下方列表。',
    'Colour: strength; solid lines: confirmed pairings, dashed: suggestions. Click a school to filter the lists below.',
  ],
  noCoordinates: ['{n} 所学校没有坐标，未在地图上显示：{names}', '{n} schools have no coordinates and are not on the map: {names}'],
  selected: ['已选：{name}', 'Selected: {name}'],
  clear: ['清除', 'Clear'],
  // Parameters
  paramsTitle: ['参数', 'Parameters'],
  maxKm: ['最大距离', 'Max distance'],
  km: ['公里', 'km'],
  maxPartners: ['每所牵头校最多结对', 'Members per lead, at most'],
  schoolsUnit: ['所', 'schools'],
  ruralBonus: ['城乡结对加分', 'Urban–rural bonus'],
  ruralBonusHelp: [
    '城区或镇区学校带乡村学校时，每对加这一分值（实力以标准差为单位）。0.5 表示：除非非乡村成员校的实力差大半个标准差以上，优先结对乡村学校；设为 0 则不加分。',
    'Added to each pair of an urban or town lead with a rural member (strength is in standard deviations). 0.5: a rural member is preferred unless another member’s gap is more than half a standard deviation larger; 0 turns it off.',
  ],
  reset: ['恢复默认', 'Defaults'],
  method: ['方法 {method}，实力权重第 {v} 版（达标 {c}、成绩 {e}、增值 {va}）', 'Method {method}, strength weights v{v} (compliance {c}, exams {e}, value-added {va})'],
  sources: ['数据来源', 'Sources'],
  sourceBalance: ['均衡达标：{standard} 第 {v} 版', 'Compliance: {standard} v{v}'],
  sourceExam: ['{group}考试成绩：{name}', '{group} exam results: {name}'],
  sourceExamNone: ['{group}：本学年没有考试成绩', '{group}: no exam in this school year'],
  sourceVa: ['{group}增值：{from} → {to}', '{group} value-added: {from} → {to}'],
  sourceVaNone: ['{group}：没有可用的增值评价', '{group}: no value-added available'],
  sourceVaError: ['{group}增值无法计算：{error}', '{group} value-added could not be computed: {error}'],
  // Suggestions table
  suggestionsTitle: ['建议结对', 'Suggested pairs'],
  colLead: ['牵头学校', 'Lead school'],
  colMember: ['成员学校', 'Member school'],
  colKm: ['距离（公里）', 'Distance (km)'],
  colGap: ['实力差', 'Strength gap'],
  colBonus: ['城乡加分', 'Urban–rural bonus'],
  colComplementarity: ['互补度', 'Complementarity'],
  colAction: ['操作', 'Action'],
  confirm: ['确认结对', 'Confirm'],
  noSuggestions: ['没有建议的结对', 'No suggested pairs'],
  components: ['实力构成', 'Strength components'],
  strength: ['综合实力', 'Strength'],
  // Components
  compliance: ['均衡达标', 'Balance compliance'],
  exam: ['考试成绩', 'Exam results'],
  valueAdded: ['增值', 'Value-added'],
  complianceRaw: ['达标 {v}', '{v} met'],
  examRaw: ['平均总分 {v}', 'mean total {v}'],
  vaRaw: ['增值 {v}', 'effect {v}'],
  'missing-no-source': ['无数据来源', 'no source'],
  'missing-no-data': ['本校无数据', 'no data'],
  'missing-too-few': ['人数过少', 'too few pupils'],
  'missing-no-standard': ['标准无逐校指标', 'no per-school standard'],
  'missing-no-spread': ['各校相同，不计', 'no spread'],
  // Roles and exclusions
  roleLead: ['牵头候选', 'Lead candidate'],
  roleMember: ['成员候选', 'Member candidate'],
  roleMiddle: ['中间', 'Middle'],
  'excluded-no-strength': ['无实力数据', 'No strength'],
  'excluded-no-coordinates': ['无坐标', 'No coordinates'],
  'excluded-confirmed-member': ['已结对', 'Already paired'],
  'excluded-confirmed-lead-full': ['结对已满', 'Lead full'],
  'excluded-confirmed-lead': ['已牵头结对', 'Already leads'],
  // Strength table
  strengthTitle: ['各校实力', 'School strength'],
  strengthHelp: [
    '各项按同学段组内的 z 分数计（均值 0、标准差 1），综合实力为现有各项的加权平均；缺项注明原因，不作填补。牵头候选为组内前三分之一，成员候选为后二分之一。',
    'Each component is a z-score within the level group (mean 0, SD 1); strength is the weighted mean of the components the school has; missing ones are said, never filled in. Leads: the top third of the group; members: the bottom half.',
  ],
  colSchool: ['学校', 'School'],
  colRole: ['角色', 'Role'],
  // Confirmed list
  confirmedTitle: ['已确认结对（{year} 学年）', 'Confirmed pairings ({year})'],
  colType: ['类型', 'Type'],
  colNote: ['备注', 'Note'],
  colBy: ['确认人', 'Confirmed by'],
  remove: ['删除', 'Remove'],
  removeConfirm: ['删除该结对？', 'Remove this pairing?'],
  removed: ['已删除结对', 'Pairing removed'],
  noPairings: ['本学年尚无确认的结对', 'No pairing confirmed for this school year'],
  close: ['紧密型', 'Close'],
  // Confirm modal
  confirmTitle: ['确认结对', 'Confirm a pairing'],
  confirmWho: ['{lead} 牵头，{member} 为成员学校（{year} 学年）', '{lead} leads, {member} joins ({year})'],
  type: ['结对类型', 'Type'],
  typeHelp: [
    '融合型：一体化管理；共建型：共建学科与师资；协作型：联合教研与活动。融合型、共建型计入紧密型结对目标。',
    'Merged (融合型): one management; joint building (共建型): shared subjects and teachers; cooperation (协作型): joint research and activities. 融合型 and 共建型 count towards the close-pairing target.',
  ],
  note: ['备注', 'Note'],
  confirmed: ['已确认：{lead} — {member}', 'Confirmed: {lead} — {member}'],
  ok: ['确认', 'Confirm'],
  cancel: ['取消', 'Cancel'],
} satisfies Record<string, [string, string]>;

export type PairingKey = keyof typeof dict;
export type PairingT = (key: PairingKey, vars?: Record<string, string | number>) => string;

export function usePairingT(): PairingT {
  const { lang } = useI18n();
  return useCallback(
    (key: PairingKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}
