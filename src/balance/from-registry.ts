// Turns registry records into evaluator inputs. 九年一贯制 / 十二年一贯制 schools become a 小学部 and an
// 初中部; a 完全中学 counts with its 初中部 only. Numerators are divided by weighted enrolment
// (split.ts). For teachers this is an approximation until the registry records them per section.
import type { School } from '../registry/model.js';
import type { SchoolYearData } from '../registry/types.js';
import type { BalanceSchoolInput } from './evaluate.js';
import { SPLIT_WEIGHTS, splitStock, type SectionStudents } from './split.js';
import type { StandardPack } from './standards.js';

export function sectionStudents(d: Pick<SchoolYearData, 'enrolments'>): SectionStudents {
  const st = { primary: 0, junior: 0, senior: 0 };
  for (const e of d.enrolments) {
    if (e.grade >= 1 && e.grade <= 6) st.primary += e.students;
    else if (e.grade >= 7 && e.grade <= 9) st.junior += e.students;
    else if (e.grade >= 10 && e.grade <= 12) st.senior += e.students;
  }
  return st;
}

export function balanceInputs(pack: StandardPack, school: School, data: SchoolYearData): BalanceSchoolInput[] {
  const raw: Record<string, number | null> = {};
  for (const ind of pack.indicators) {
    // The sum of the indicator's fields; null only when none of them is reported.
    let sum: number | null = null;
    for (const f of ind.fields) {
      const v = data.values[f];
      if (v != null) sum = (sum ?? 0) + v;
    }
    raw[ind.key] = sum;
  }
  const st = sectionStudents(data);
  switch (school.level) {
    case '小学':
    case '教学点':
      return [{ name: school.name, code: school.code, level: '小学', students: st.primary, isTeachingPoint: school.level === '教学点', numerators: raw }];
    case '初中':
      return [{ name: school.name, code: school.code, level: '初中', students: st.junior, numerators: raw }];
    default: {
      const w = SPLIT_WEIGHTS[school.level];
      const primary: Record<string, number | null> = {};
      const junior: Record<string, number | null> = {};
      for (const ind of pack.indicators) {
        const v = raw[ind.key];
        const part = v == null ? null : splitStock(v, st, w);
        primary[ind.key] = part && part.primary;
        junior[ind.key] = part && part.junior;
      }
      const out: BalanceSchoolInput[] = [];
      if (w.primary && st.primary > 0) out.push({ name: `${school.name}(小学部)`, code: `${school.code}-P`, level: '小学', students: st.primary, numerators: primary });
      if (st.junior > 0) out.push({ name: `${school.name}(初中部)`, code: `${school.code}-J`, level: '初中', students: st.junior, numerators: junior });
      return out;
    }
  }
}
