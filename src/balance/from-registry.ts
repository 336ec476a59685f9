// Turns registry records into evaluator inputs. 九年一贯制 / 十二年一贯制 schools become a 小学部 and an
// 初中部; a 完全中学 counts with its 初中部 only. Numerators are divided by weighted enrolment
// (split.ts). For teachers this is an approximation until the registry records them per section.
import type { School } from '../registry/model.js';
import type { SchoolYearData } from '../registry/types.js';
import type { BalanceSchoolInput } from './evaluate.js';
import { SPLIT_WEIGHTS, splitStock, type SectionStudents } from './split.js';
import type { StandardPack } from './standards.js';

export function sectionStudents(d: Pick<SchoolYearData, 'enrolments'>): SectionStudents {
  const sum = (lo: number, hi: number) => d.enrolments.filter((e) => e.grade >= lo && e.grade <= hi).reduce((s, e) => s + e.students, 0);
  return { primary: sum(1, 6), junior: sum(7, 9), senior: sum(10, 12) };
}

export function balanceInputs(pack: StandardPack, school: School, data: SchoolYearData): BalanceSchoolInput[] {
  const total = (fields: string[]) => (fields.every((f) => data.values[f] == null) ? null : fields.reduce((s, f) => s + (data.values[f] ?? 0), 0));
  const raw = Object.fromEntries(pack.indicators.map((i) => [i.key, total(i.fields)]));
  const st = sectionStudents(data);
  const base = { name: school.name };
  switch (school.level) {
    case '小学':
    case '教学点':
      return [{ ...base, code: school.code, level: '小学', students: st.primary, isTeachingPoint: school.level === '教学点', numerators: raw }];
    case '初中':
      return [{ ...base, code: school.code, level: '初中', students: st.junior, numerators: raw }];
    default: {
      const w = SPLIT_WEIGHTS[school.level];
      const parts = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v == null ? null : splitStock(v, st, w)]));
      const part = (section: 'primary' | 'junior') => Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v == null ? null : v[section]]));
      const out: BalanceSchoolInput[] = [];
      if (w.primary && st.primary > 0) out.push({ ...base, name: `${school.name}(小学部)`, code: `${school.code}-P`, level: '小学', students: st.primary, numerators: part('primary') });
      if (st.junior > 0) out.push({ ...base, name: `${school.name}(初中部)`, code: `${school.code}-J`, level: '初中', students: st.junior, numerators: part('junior') });
      return out;
    }
  }
}
