// The audit log as people read it: actions, entities and fields by their Chinese (or English) names, values written
// out (是 / 否 rather than true / false, lists joined, nothing as raw JSON). Each capability adds the names of its
// own fields (registerAuditFields) — the registry its statistics, by their names in src/registry/fields.ts. Pure: the
// web imports it.

export type AuditLang = 'zh' | 'en';
type Words = { zh: string; en: string };

export const AUDIT_ACTIONS: Record<string, Words> = {
  lock: { zh: '锁定', en: 'lock' },
  'carry-forward': { zh: '结转', en: 'carry forward' },
  create: { zh: '新建', en: 'create' },
  insert: { zh: '新建', en: 'create' },
  update: { zh: '修改', en: 'update' },
  delete: { zh: '删除', en: 'delete' },
  import: { zh: '导入', en: 'import' },
  submit: { zh: '提交', en: 'submit' },
  approve: { zh: '审核通过', en: 'approve' },
  return: { zh: '退回', en: 'return' },
  reopen: { zh: '重新开放', en: 'reopen' },
  login: { zh: '登录', en: 'sign in' },
  logout: { zh: '退出', en: 'sign out' },
  login_failed: { zh: '登录失败', en: 'failed sign-in' },
  change_password: { zh: '修改密码', en: 'password changed' },
  reset_password: { zh: '重置密码', en: 'password reset' },
  read: { zh: '查看', en: 'view' },
  export: { zh: '导出', en: 'export' },
  draw: { zh: '抽签', en: 'draw' },
  'publish-list': { zh: '公布名单', en: 'publish the list' },
  'publish-result': { zh: '公布结果', en: 'publish the result' },
  open: { zh: '开始', en: 'open' },
  close: { zh: '结束', en: 'close' },
  issue: { zh: '发放', en: 'issue' },
  void: { zh: '作废', en: 'void' },
};

export const AUDIT_ENTITIES: Record<string, Words> = {
  school: { zh: '学校', en: 'school' },
  stats: { zh: '年度统计', en: 'statistics' },
  user: { zh: '用户', en: 'user' },
  district: { zh: '区县', en: 'district' },
  students: { zh: '学生名单', en: 'student list' },
  student: { zh: '学生成绩单', en: 'report card' },
  'school-report': { zh: '学校报告', en: 'school report' },
  audit: { zh: '审计日志', en: 'audit log' },
  exam: { zh: '考试', en: 'exam' },
  standard_pack: { zh: '评估标准', en: 'standards pack' },
  balance_evaluation: { zh: '均衡评估', en: 'balance evaluation' },
  'admission-draw': { zh: '招生派位', en: 'admission draw' },
  'admission-applicants': { zh: '报名名单', en: 'applicants' },
  'quota-admission': { zh: '名额分配录取', en: 'quota admission' },
  'quota-allocation': { zh: '名额分配', en: 'quota allocation' },
  'fitness-results': { zh: '体质健康测试成绩', en: 'fitness results' },
  'fitness-students': { zh: '学生体质健康明细', en: 'pupils’ fitness results' },
  survey: { zh: '满意度调查', en: 'survey' },
  'survey-questionnaire': { zh: '调查问卷', en: 'questionnaire' },
  'survey-plan': { zh: '抽样方案', en: 'sampling plan' },
  'survey-codes': { zh: '调查码', en: 'access codes' },
  'vision-results': { zh: '视力筛查记录', en: 'vision screening records' },
  'vision-students': { zh: '学生视力明细', en: 'pupils’ vision rows' },
  'wellbeing-retention': { zh: '健康数据保留期限', en: 'health data retention' },
  'wellbeing-pupil-rows': { zh: '学生健康明细（到期清除）', en: 'pupil-level health rows (retention purge)' },
  'burden-records': { zh: '作业与睡眠调查记录', en: 'homework and sleep records' },
  'burden-pupils': { zh: '学生作业与睡眠明细', en: 'pupils’ homework and sleep records' },
  'planning-pairing': { zh: '结对（教共体）', en: 'school pairing' },
  'exchange-plan': { zh: '教师交流轮岗方案', en: 'teacher-exchange plan' },
  'planning-school-inputs': { zh: '学校规划数据（乡镇、教室）', en: 'school planning inputs (township, classrooms)' },
  'planning-births': { zh: '出生人口表', en: 'births table' },
  'planning-housing': { zh: '新建住宅项目', en: 'new housing project' },
  'planning-map-layer': { zh: '地图图层', en: 'map layer' },
  teacher: { zh: '教师', en: 'teacher' },
  'teacher-roster': { zh: '教师名册', en: 'teacher roster' },
  'teacher-year': { zh: '教师名册行', en: 'roster row' },
  'teacher-course': { zh: '培训项目', en: 'training course' },
  'teacher-training': { zh: '教师培训学时', en: 'teacher’s training hours' },
  'teacher-training-below': { zh: '培训学时未达标教师名单', en: 'teachers below the training target' },
  'teacher-course-attendance': { zh: '培训项目参训名单', en: 'a course’s attendees' },
  'teacher-move': { zh: '教师调动记录', en: 'teacher move' },
  'teacher-moves': { zh: '教师交流记录', en: 'teacher moves' },
  'teacher-options': { zh: '可选教师名单', en: 'teachers to choose from' },
};

/** Fields of the accounts (core/auth). */
const USER_FIELDS: Record<string, Words> = {
  displayName: { zh: '姓名', en: 'name' },
  role: { zh: '角色', en: 'role' },
  schoolCode: { zh: '所属学校', en: 'school' },
  disabled: { zh: '停用', en: 'disabled' },
  assignedSchools: { zh: '挂牌学校', en: 'assigned schools' },
  mustChangePassword: { zh: '须修改密码', en: 'must change password' },
};
/** Fields that appear in other capabilities' entries (values of a created entity): named where the meaning is plain. */
const COMMON_FIELDS: Record<string, Words> = {
  features: { zh: '面数', en: 'polygons' },
  uploadedBy: { zh: '上传人', en: 'uploaded by' },
  uploadedAt: { zh: '上传时间', en: 'uploaded at' },
  name: { zh: '名称', en: 'name' },
  year: { zh: '学年', en: 'year' },
  code: { zh: '代码', en: 'code' },
  applicants: { zh: '报名人数', en: 'applicants' },
  retentionYears: { zh: '保留学年数', en: 'school years kept' },
  listHash: { zh: '名单校验值', en: 'list checksum' },
  seed: { zh: '随机种子', en: 'seed' },
  entropy: { zh: '随机源', en: 'entropy' },
  overrides: { zh: '调整内容', en: 'overrides' },
  subjects: { zh: '科目', en: 'subjects' },
  hideRanks: { zh: '隐藏名次', en: 'hide ranks' },
};
const ROLES: Record<string, Words> = {
  admin: { zh: '管理员', en: 'administrator' },
  analyst: { zh: '局科室', en: 'analyst' },
  clerk: { zh: '学校填报员', en: 'school clerk' },
  inspector: { zh: '责任督学', en: 'inspector' },
  viewer: { zh: '访客', en: 'viewer' },
  health: { zh: '卫生健康专员', en: 'health staff' },
};

/** A field's name, and optionally how its values read; null when the labeller does not know the field. */
export interface FieldLabel extends Words {
  value?: (v: unknown, lang: AuditLang) => string | null;
}
export type AuditFieldLabeller = (entity: string, field: string) => FieldLabel | null;

const labellers: AuditFieldLabeller[] = [
  (entity, field) => {
    if (entity !== 'user') return null;
    const w = USER_FIELDS[field];
    if (!w) return null;
    return field === 'role' ? { ...w, value: (v, lang) => (typeof v === 'string' && ROLES[v] ? ROLES[v][lang] : null) } : w;
  },
];
/** Asked after every capability's own labeller. */
const fallback: AuditFieldLabeller = (_entity, field) => COMMON_FIELDS[field] ?? null;

/** A capability adds the names of its fields (at module load; adding the same labeller twice is harmless). */
export function registerAuditFields(l: AuditFieldLabeller): void {
  if (!labellers.includes(l)) labellers.push(l);
}

const word = (dict: Record<string, Words>, v: string, lang: AuditLang) => dict[v]?.[lang] ?? v;
export const auditActionLabel = (action: string, lang: AuditLang = 'zh') => word(AUDIT_ACTIONS, action, lang);
export const auditEntityLabel = (entity: string, lang: AuditLang = 'zh') => word(AUDIT_ENTITIES, entity, lang);

export function auditField(entity: string, field: string): FieldLabel | null {
  for (const l of labellers) {
    const f = l(entity, field);
    if (f) return f;
  }
  return fallback(entity, field);
}
/** A field by its name (专任教师数), or the key itself when no capability names it. */
export const auditFieldLabel = (entity: string, field: string | null, lang: AuditLang = 'zh'): string => (field ? (auditField(entity, field)?.[lang] ?? field) : '');

/** A value as text: 是 / 否, lists joined with 、, objects as 名称：值, nothing as an empty string. */
export function auditValue(entity: string, field: string | null, v: unknown, lang: AuditLang = 'zh'): string {
  if (v === null || v === undefined || v === '') return '';
  const f = field ? auditField(entity, field) : null;
  const own = f?.value?.(v, lang);
  if (own !== null && own !== undefined) return own;
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => auditValue(entity, null, x, lang)).join(lang === 'zh' ? '、' : ', ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== undefined && !(Array.isArray(x) && !x.length))
      .map(([k, x]) => `${auditFieldLabel(entity, k, lang)}${lang === 'zh' ? '：' : ': '}${auditValue(entity, k, x, lang)}`)
      .join(lang === 'zh' ? '；' : '; ');
  return String(v);
}
