// The registry's fields in the audit log by their names: a school's card (学校名称, 学段 …) and a school's yearly
// figures (the statistics of fields.ts, 一年级学生数, 一年级 2 班人数, 填报状态). Pure: the web imports it.
import type { AuditFieldLabeller } from '../core/audit/labels.js';
import { FIELD_BY_KEY, GRADE_EN, GRADE_ZH } from './fields.js';
import { STAT_STATUSES, STATUS_ZH, type StatStatus } from './model.js';

const SCHOOL_FIELDS: Record<string, { zh: string; en: string }> = {
  code: { zh: '学校标识码', en: 'school code' },
  name: { zh: '学校名称', en: 'name' },
  level: { zh: '学段', en: 'level' },
  ownership: { zh: '办别', en: 'ownership' },
  location: { zh: '城乡分类', en: 'urban / rural' },
  isIsland: { zh: '海岛学校', en: 'island school' },
  isBoarding: { zh: '寄宿制', en: 'boarding' },
  address: { zh: '地址', en: 'address' },
  lat: { zh: '纬度', en: 'latitude' },
  lng: { zh: '经度', en: 'longitude' },
  groupName: { zh: '集团 / 教共体', en: 'group' },
  isOpen: { zh: '办学状态', en: 'open' },
};
const STATUS_EN: Record<StatStatus, string> = { draft: 'draft', submitted: 'submitted', approved: 'approved', returned: 'returned' };
const isStatus = (v: unknown): v is StatStatus => typeof v === 'string' && (STAT_STATUSES as readonly string[]).includes(v);

export const registryAuditFields: AuditFieldLabeller = (entity, field) => {
  if (entity === 'school') {
    const w = SCHOOL_FIELDS[field];
    if (!w) return null;
    if (field === 'isOpen') return { ...w, value: (v, lang) => (typeof v === 'boolean' ? (lang === 'zh' ? (v ? '在办' : '已停办') : v ? 'open' : 'closed') : null) };
    return w;
  }
  if (entity !== 'stats') return null;
  if (field === 'status') return { zh: '填报状态', en: 'state', value: (v, lang) => (isStatus(v) ? (lang === 'zh' ? STATUS_ZH[v] : STATUS_EN[v]) : null) };
  const f = FIELD_BY_KEY.get(field);
  if (f) return { zh: f.zh, en: f.en };
  let m = /^students\.(\d+)$/.exec(field);
  if (m) return { zh: `${GRADE_ZH[Number(m[1])] ?? m[1]}学生数`, en: `${GRADE_EN[Number(m[1])] ?? m[1]} students` };
  m = /^class\.(\d+)\.(\d+)$/.exec(field);
  if (m) return { zh: `${GRADE_ZH[Number(m[1])] ?? m[1]}${m[2]}班人数`, en: `${GRADE_EN[Number(m[1])] ?? m[1]} class ${m[2]} size` };
  return null;
};
