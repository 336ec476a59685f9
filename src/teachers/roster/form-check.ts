// The checks of one roster row entered in the form (add / edit), by the same rules as the file (read-file.ts): the 学部
// the school's level asks for, an age of 16–80 in the school year, 骨干 level and year together, the start year at the
// school not after the year nor before the age of 16, and a 身份证号 that is valid and agrees with birth year and sex.
// Each problem names its field. Pure module.
import type { SchoolLevel } from '../../registry/model.js';
import { idNumberFacts, idNumberProblem } from '../id-hash.js';
import type { RosterTeacher } from '../model.js';
import { sectionsOfLevel } from './sections.js';

/** A roster row as the form sends it; the 身份证号 only to match the person (never stored in clear). */
export type RosterForm = Omit<RosterTeacher, 'teacherId' | 'schoolCode'> & { idNumber?: string | null };

export interface FormProblem {
  field: string;
  reason: string;
}

/** Every problem of a form row for a school of `level` in school year `year` (empty: the row is good). */
export function formProblems(f: RosterForm, level: SchoolLevel, year: number): FormProblem[] {
  const out: FormProblem[] = [];
  const bad = (field: keyof RosterForm, reason: string) => out.push({ field: `body.${field}`, reason });
  const sections = sectionsOfLevel(level);
  if (sections.length > 1 && (f.section === null || !sections.includes(f.section)))
    bad('section', `${level}学校须选择学部（${sections.join('、')}） / a ${level} school's teachers need a section (${sections.join(', ')})`);
  if (sections.length === 1 && f.section !== null && f.section !== sections[0])
    bad('section', `${level}学校只有${sections[0]}学部，而不是“${f.section}” / a ${level} school has only the ${sections[0]} section`);
  // age = year − birth year (issue 13's rule)
  const age = year - f.birthYear;
  if (age < 16 || age > 80) bad('birthYear', `出生年份 ${f.birthYear} 使 ${year} 学年的年龄为 ${age} 岁，不在 16–80 岁之间 / birth year ${f.birthYear} makes the age ${age} in ${year}, not 16–80`);
  if (f.backboneLevel && f.backboneYear === null) bad('backboneYear', '有骨干级别时须填写认定年份 / a 骨干 level needs the year it was awarded');
  if (!f.backboneLevel && f.backboneYear !== null) bad('backboneYear', '有骨干认定年份而没有骨干级别 / a 骨干 year without a 骨干 level');
  if (f.backboneYear !== null && f.backboneYear > year) bad('backboneYear', `骨干认定年份 ${f.backboneYear} 晚于 ${year} 学年 / the 骨干 year ${f.backboneYear} is after the school year ${year}`);
  else if (f.backboneYear !== null && f.backboneYear < f.birthYear + 16) bad('backboneYear', `骨干认定年份 ${f.backboneYear} 早于 16 岁 / the 骨干 year ${f.backboneYear} is before the age of 16`);
  if (f.schoolSince > year) bad('schoolSince', `本校任教起始年 ${f.schoolSince} 晚于 ${year} 学年 / the start year ${f.schoolSince} is after the school year ${year}`);
  else if (f.schoolSince < f.birthYear + 16)
    bad('schoolSince', `本校任教起始年 ${f.schoolSince} 早于 16 岁（出生于 ${f.birthYear}） / the start year ${f.schoolSince} is before the age of 16 (born ${f.birthYear})`);
  const id = f.idNumber?.trim().toUpperCase();
  if (id) {
    const p = idNumberProblem(id);
    if (p) bad('idNumber', p);
    else {
      const facts = idNumberFacts(id);
      if (facts.birthYear !== f.birthYear)
        bad('idNumber', `身份证号中的出生年份 ${facts.birthYear} 与出生年份 ${f.birthYear} 不符 / the ID number's birth year ${facts.birthYear} disagrees with ${f.birthYear}`);
      if (facts.sex !== f.sex) bad('idNumber', `身份证号第 17 位表示${facts.sex}性，与性别“${f.sex}”不符 / the ID number's 17th digit says ${facts.sex === '男' ? 'male' : 'female'}`);
    }
  }
  return out;
}
