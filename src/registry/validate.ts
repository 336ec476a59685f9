// Checks a school's yearly figures before they are saved (form or API). The Excel importer
// reports the same rules with sheet, row and column; this is the check for whole records.
import { checkConsistency, FIELD_BY_KEY, GRADE_ZH, MAX_CLASS_SIZE, MAX_GRADE_STUDENTS, validateFieldValue } from './fields.js';
import { GRADES_OF_LEVEL, type SchoolLevel } from './model.js';
import type { SchoolYearData } from './types.js';

export interface FieldProblem {
  field: string; // a field key, or enrolments.<grade>, classes.<grade>.<classNo>
  reason: string;
}

export function validateSchoolYearData(level: SchoolLevel, data: SchoolYearData): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, v] of Object.entries(data.values)) {
    const fd = FIELD_BY_KEY.get(key);
    if (!fd) {
      problems.push({ field: key, reason: `未知字段 ${key} / unknown field` });
      continue;
    }
    if (v == null) continue;
    const err = validateFieldValue(fd, v);
    if (err) problems.push({ field: key, reason: `${fd.zh}${err.zh} / ${fd.en} ${err.en}` });
  }
  for (const r of checkConsistency(data.values)) problems.push({ field: r.keys[0], reason: `${r.zh} / ${r.en}` });

  const allowed = new Set(GRADES_OF_LEVEL[level]);
  const seenGrades = new Set<number>();
  for (const e of data.enrolments) {
    const f = `enrolments.${e.grade}`;
    if (!allowed.has(e.grade)) problems.push({ field: f, reason: `${level}没有${GRADE_ZH[e.grade] ?? e.grade} / a ${level} school has no grade ${e.grade}` });
    if (seenGrades.has(e.grade)) problems.push({ field: f, reason: `${GRADE_ZH[e.grade]}重复 / grade ${e.grade} given twice` });
    seenGrades.add(e.grade);
    const err = validateFieldValue({ type: 'int', min: 0, max: MAX_GRADE_STUDENTS }, e.students);
    if (err) problems.push({ field: f, reason: `${GRADE_ZH[e.grade]}学生数${err.zh} / students ${err.en}` });
  }
  const sums = new Map<number, number>();
  const seenClasses = new Set<string>();
  for (const c of data.classes) {
    const f = `classes.${c.grade}.${c.classNo}`;
    if (!allowed.has(c.grade)) problems.push({ field: f, reason: `${level}没有${GRADE_ZH[c.grade] ?? c.grade} / a ${level} school has no grade ${c.grade}` });
    if (seenClasses.has(`${c.grade}.${c.classNo}`)) problems.push({ field: f, reason: `${GRADE_ZH[c.grade]}${c.classNo}班重复 / class ${c.grade}.${c.classNo} given twice` });
    seenClasses.add(`${c.grade}.${c.classNo}`);
    if (!Number.isInteger(c.classNo) || c.classNo < 1 || c.classNo > 99) problems.push({ field: f, reason: `班号应为 1–99 / class number must be 1–99` });
    const err = validateFieldValue({ type: 'int', min: 1, max: MAX_CLASS_SIZE }, c.size);
    if (err || c.size < 1) problems.push({ field: f, reason: `班级人数应为 1–${MAX_CLASS_SIZE} 的整数 / class size must be a whole number 1–${MAX_CLASS_SIZE}` });
    sums.set(c.grade, (sums.get(c.grade) ?? 0) + c.size);
  }
  // 班级人数之和应等于该年级学生数 (class sizes must add up to the grade's enrolment).
  for (const [grade, sum] of sums) {
    const e = data.enrolments.find((x) => x.grade === grade);
    if (!e) problems.push({ field: `enrolments.${grade}`, reason: `${GRADE_ZH[grade]}有班级但没有学生数 / grade ${grade} has classes but no enrolment` });
    else if (e.students !== sum)
      problems.push({ field: `enrolments.${grade}`, reason: `${GRADE_ZH[grade]}各班人数之和 ${sum} 与学生数 ${e.students} 不一致 / class sizes add up to ${sum}, not ${e.students}` });
  }
  return problems;
}
