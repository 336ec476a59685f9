// Reading a school year's teacher roster (教师名册) from .xlsx or CSV (UTF-8 or GBK): one row per teacher, with the
// columns schools keep (教师管理信息系统 style; English alternates), the values they write (aliases below) and every
// bad cell named by its row, its column as written in the header and the reason. All or nothing: either every row is
// good and the rows are returned, or the problems are.
import type { SchoolLevel } from '../../registry/model.js';
import type { ImportProblem } from '../../wellbeing/import-problems.js';
import { findColumns, noDataRows, readImportTable } from '../../wellbeing/import-table.js';
import { idNumberFacts, idNumberProblem } from '../id-hash.js';
import {
  BACKBONE_LEVELS,
  EMPLOYMENTS,
  POSTS,
  QUALIFICATIONS,
  TIERS,
  TITLES,
  type BackboneLevel,
  type Employment,
  type Post,
  type Qualification,
  type RosterFileRow,
  type Section,
  type Sex,
  type Tier,
  type Title,
} from '../model.js';
import { sectionsOfLevel } from './sections.js';

/** Most data rows a roster file may hold (a county has a few thousand teachers). */
export const MAX_ROSTER_ROWS = 20_000;

/** The roster's columns: the first name is the header the template writes, the last the English alternate. */
export const ROSTER_COLUMNS = {
  schoolCode: ['学校代码', '学校标识码', 'school_code'],
  section: ['学部', 'section'],
  staffNo: ['工号', '教职工号', 'staff_no'],
  name: ['姓名', 'name'],
  sex: ['性别', 'sex'],
  birth: ['出生年份', '出生年月', '出生日期', 'birth_year'],
  idNumber: ['身份证号', '身份证件号', '公民身份号码', 'id_number'],
  subjects: ['任教学科', '学科', 'subjects'],
  post: ['岗位', '岗位类别', 'post'],
  qualification: ['最高学历', '学历', 'qualification'],
  title: ['职称', '专业技术职务', 'title'],
  certified: ['教师资格证', '是否持有教师资格证', 'certified'],
  backboneLevel: ['骨干级别', '骨干教师级别', 'backbone_level'],
  backboneYear: ['骨干认定年份', 'backbone_year'],
  tier: ['梯队', 'tier'],
  schoolSince: ['本校任教起始年', '来校年份', 'school_since'],
  employment: ['用工形式', 'employment'],
} as const;
export type RosterColumn = keyof typeof ROSTER_COLUMNS;
const REQUIRED: RosterColumn[] = ['name', 'sex', 'birth', 'subjects', 'post', 'qualification', 'title', 'certified', 'schoolSince', 'employment'];

/** The subjects of a cell are separated by one of these; the main subject comes first. */
const SUBJECT_SEPARATORS = /[、，,/／;；]+/;

/** What people write → the stored value (the keys compared without spaces). */
const SEX_ALIASES: Record<string, Sex> = { 男: '男', 女: '女', M: '男', F: '女', male: '男', female: '女' };
const POST_ALIASES: Record<string, Post> = { 专任: '专任', 专任教师: '专任', 行政: '行政', 行政人员: '行政', 工勤: '工勤', 工勤人员: '工勤' };
const QUALIFICATION_ALIASES: Record<string, Qualification> = {
  博士: '研究生',
  博士研究生: '研究生',
  硕士: '研究生',
  硕士研究生: '研究生',
  研究生: '研究生',
  本科: '本科',
  大学本科: '本科',
  专科: '专科',
  大专: '专科',
  大学专科: '专科',
  中专: '高中及以下',
  中师: '高中及以下',
  高中: '高中及以下',
  高中及以下: '高中及以下',
};
/**
 * 职称: the six current titles, their full names, and the names before the 2015 reform mapped as 人社部发〔2015〕79号
 * (关于深化中小学教师职称制度改革的指导意见) maps them: 原中学高级 → 高级; 原中学一级、小学高级 → 一级;
 * 原中学二级、小学一级 → 二级; 原中学三级、小学二级、小学三级 → 三级. 无 / 未评 → 未定级. A trailing 教师 is ignored.
 */
const TITLE_ALIASES: Record<string, Title> = {
  ...Object.fromEntries(TITLES.map((t) => [t, t])),
  正高级: '正高级',
  中小学正高级: '正高级',
  中小学高级: '高级',
  中小学一级: '一级',
  中小学二级: '二级',
  中小学三级: '三级',
  中学高级: '高级',
  小学高级: '一级',
  中学一级: '一级',
  小学一级: '二级',
  中学二级: '二级',
  小学二级: '三级',
  小学三级: '三级',
  中学三级: '三级',
  无: '未定级',
  未评: '未定级',
  未评级: '未定级',
};
const CERTIFIED_ALIASES: Record<string, boolean> = { 有: true, 是: true, '1': true, 无: false, 否: false, '0': false };
/** 骨干级别: 校级; 县级 (区级 in a district); 市级; 省级 (国家级 counted with it). Empty: not a 骨干. */
const BACKBONE_ALIASES: Record<string, BackboneLevel> = { 校: '校', 校级: '校', 县: '县', 县级: '县', 区: '县', 区级: '县', 县区级: '县', 市: '市', 市级: '市', 省: '省', 省级: '省', 国家级: '省' };
const TIER_ALIASES: Record<string, Tier> = Object.fromEntries(TIERS.map((t) => [t, t]));
const EMPLOYMENT_ALIASES: Record<string, Employment> = { 在编: '在编', 编制内: '在编', 合同: '合同', 聘用: '合同', 代课: '合同' };

/** Every value a column accepts, as the template's 说明 sheet lists it. */
export const ROSTER_ALLOWED: Partial<Record<RosterColumn, readonly string[]>> = {
  sex: Object.keys(SEX_ALIASES),
  post: Object.keys(POST_ALIASES),
  qualification: Object.keys(QUALIFICATION_ALIASES),
  title: Object.keys(TITLE_ALIASES),
  certified: Object.keys(CERTIFIED_ALIASES),
  backboneLevel: Object.keys(BACKBONE_ALIASES),
  tier: Object.keys(TIER_ALIASES),
  employment: Object.keys(EMPLOYMENT_ALIASES),
};
/** The stored values of each coded column (what the aliases map to). */
export const ROSTER_VALUES = { post: POSTS, qualification: QUALIFICATIONS, title: TITLES, backboneLevel: BACKBONE_LEVELS, tier: TIERS, employment: EMPLOYMENTS } as const;

export interface RosterReadContext {
  /** The school year (2025 = 2025–2026): birth, 骨干 and start years are checked against it. */
  year: number;
  /** A clerk's own school: the 学校代码 column may then be missing or empty, and where given must be this school. */
  ownSchool?: string;
  /** The district's schools by code. */
  schools: ReadonlyMap<string, { level: SchoolLevel; name: string }>;
}

/** A birth written as 1985, 1985-03, 198503, 1985.03, 1985-03-01, 1985/3/1, 19850301, 1985年3月 or an Excel date. */
export function parseBirth(text: string): { year: number; month: number | null } | null {
  const t = text.trim().replace(/T00:00:00(?:\.000)?Z$/, '');
  let m = /^(\d{4})(?:年)?$/.exec(t);
  if (m) return { year: Number(m[1]), month: null };
  m = /^(\d{4})(\d{2})(\d{2})?$/.exec(t) ?? /^(\d{4})[-/年](\d{1,2})(?:[-/月](\d{1,2})日?|月)?$/.exec(t) ?? /^(\d{4})\.(\d{2})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const [year, month] = [Number(m[1]), Number(m[2])];
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month };
}

/** A year written as 2012 (or as a date, of which the year is taken). */
function parseYear(text: string): number | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return Number(t);
  return parseBirth(t)?.year ?? null;
}

/** An alias as compared: no spaces, lower case, and for 职称 / 梯队 without a trailing 教师 (中小学高级教师 = 中小学高级). */
const key = (s: string, dropTeacher = false) => {
  const k = s.replace(/\s+/g, '').toLowerCase();
  return dropTeacher ? k.replace(/(.)教师$/, '$1') : k;
};
const lookup = <T>(aliases: Record<string, T>) => new Map(Object.entries(aliases).map(([k, v]) => [key(k), v]));
const SEX = lookup(SEX_ALIASES);
const POST = lookup(POST_ALIASES);
const QUALIFICATION = lookup(QUALIFICATION_ALIASES);
const TITLE = lookup(TITLE_ALIASES);
const CERTIFIED = lookup(CERTIFIED_ALIASES);
const BACKBONE = lookup(BACKBONE_ALIASES);
const TIER = lookup(TIER_ALIASES);
const EMPLOYMENT = lookup(EMPLOYMENT_ALIASES);
const listOf = (aliases: Record<string, unknown>) => Object.keys(aliases).join('、');

/** The rows of a roster file, or the problems that stop its import. */
export async function readRosterFile(buf: Buffer, fileName: string, ctx: RosterReadContext): Promise<{ rows: RosterFileRow[] } | { problems: ImportProblem[] }> {
  const read = await readImportTable(buf, fileName);
  if (read.problems) return { problems: read.problems };
  const { table } = read;
  const required = ctx.ownSchool === undefined ? [...REQUIRED, 'schoolCode' as const] : REQUIRED;
  const { at: col, problems } = findColumns(table.header, ROSTER_COLUMNS, required);
  if (problems.length) return { problems };
  if (table.rows.length === 0) return { problems: [noDataRows()] };
  if (table.rows.length > MAX_ROSTER_ROWS)
    return {
      problems: [
        {
          row: null,
          column: null,
          message: `文件有 ${table.rows.length} 行教师，超过 ${MAX_ROSTER_ROWS} 行的上限 / the file has ${table.rows.length} rows, more than the limit of ${MAX_ROSTER_ROWS}`,
        },
      ],
    };

  /** The column as the file's header writes it. */
  const header = (k: RosterColumn) => (col[k] === undefined ? ROSTER_COLUMNS[k][0] : table.header[col[k]] || ROSTER_COLUMNS[k][0]);
  const rows: RosterFileRow[] = [];
  const seenId = new Map<string, number>();
  const seenStaff = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const cell = (k: RosterColumn) => (col[k] === undefined ? '' : (cells[col[k]] ?? '').trim());
    const bad = (k: RosterColumn, message: string) => problems.push({ row, column: header(k), message });
    const before = problems.length;
    /** A coded cell through its alias table; an empty optional cell is null. */
    const coded = <T>(k: RosterColumn, aliases: Record<string, T>, map: Map<string, T>, what: string, optional = false): T | null | undefined => {
      const text = cell(k);
      if (text === '') {
        if (optional) return null;
        bad(k, `${what}为空 / ${ROSTER_COLUMNS[k].at(-1)} is empty`);
        return undefined;
      }
      const v = map.get(key(text, k === 'title' || k === 'tier'));
      if (v === undefined) bad(k, `${what}应为 ${listOf(aliases)} 之一，而不是“${text}” / ${ROSTER_COLUMNS[k].at(-1)} must be one of ${listOf(aliases)}, not "${text}"`);
      return v;
    };

    // 学校代码: a known school; a clerk's file only their own school (an empty cell is the own school).
    const codeText = cell('schoolCode');
    const schoolCode = codeText || ctx.ownSchool || '';
    const school = ctx.schools.get(schoolCode);
    if (!schoolCode) bad('schoolCode', '学校代码为空 / the school code is empty');
    else if (!school) bad('schoolCode', `学校代码 ${schoolCode} 不在本县（区）学校名录中 / no school ${schoolCode} in the district's registry`);
    else if (ctx.ownSchool !== undefined && schoolCode !== ctx.ownSchool)
      bad(
        'schoolCode',
        `只能导入本校（${ctx.ownSchool}）的教师，而不是学校 ${schoolCode}（${school.name}） / you may import only your own school's teachers (${ctx.ownSchool}), not school ${schoolCode}`,
      );

    // 学部: required for a school of several sections, one of its own; a single-level school's is empty or its own.
    const sectionText = cell('section');
    let section: Section | null = null;
    if (school) {
      const own = sectionsOfLevel(school.level);
      if (own.length > 1) {
        if (sectionText === '') bad('section', `${school.level}学校须填写学部（${own.join('、')}） / a ${school.level} school's teachers need a section (${own.join(', ')})`);
        else if (!(own as string[]).includes(sectionText))
          bad('section', `学部应为 ${own.join('、')} 之一，而不是“${sectionText}” / the section must be one of ${own.join(', ')}, not "${sectionText}"`);
        else section = sectionText as Section;
      } else if (sectionText !== '' && sectionText !== own[0])
        bad('section', `${school.name}（${school.level}）只有${own[0]}学部，而不是“${sectionText}” / ${school.name} has only the ${own[0]} section, not "${sectionText}"`);
    }

    const staffNo = cell('staffNo') || null;
    if (staffNo && staffNo.length > 32) bad('staffNo', '工号超过 32 个字符 / the staff number is longer than 32 characters');
    else if (staffNo && school) {
      const k = `${schoolCode}\u0000${staffNo}`;
      const first = seenStaff.get(k);
      if (first !== undefined) bad('staffNo', `工号 ${staffNo} 与第 ${first} 行同校重复 / staff number ${staffNo} repeats row ${first} of the same school`);
      else seenStaff.set(k, row);
    }

    const name = cell('name');
    if (!name) bad('name', '姓名为空 / the name is empty');
    else if (name.length > 50) bad('name', '姓名超过 50 个字符 / the name is longer than 50 characters');

    const sex = coded('sex', SEX_ALIASES, SEX, '性别');

    // 出生年份: the teacher is 16–80 years old in the school year (age = year − birth year).
    const birthText = cell('birth');
    const birth = birthText === '' ? null : parseBirth(birthText);
    if (birthText === '') bad('birth', '出生年份为空 / the birth year is empty');
    else if (!birth) bad('birth', `出生年份应为年份或日期（如 1985 或 1985-03-01），而不是“${birthText}” / the birth year must be a year or a date (1985 or 1985-03-01), not "${birthText}"`);
    else if (ctx.year - birth.year < 16 || ctx.year - birth.year > 80)
      bad(
        'birth',
        `出生年份 ${birth.year} 使 ${ctx.year} 学年的年龄为 ${ctx.year - birth.year} 岁，不在 16–80 岁之间 / birth year ${birth.year} makes the age ${ctx.year - birth.year} in ${ctx.year}, not 16–80`,
      );

    // 身份证号 (optional): GB 11643 valid, and agreeing with the birth and the sex given.
    const idText = cell('idNumber').toUpperCase();
    let idNumber: string | null = null;
    if (idText) {
      const p = idNumberProblem(idText);
      if (p) bad('idNumber', /E\+/.test(idText) ? `${p}（Excel 把身份证号存成了数字，请把该列设为文本格式） / (Excel stored it as a number: format the column as text)` : p);
      else {
        const facts = idNumberFacts(idText);
        if (birth && (facts.birthYear !== birth.year || (birth.month !== null && facts.birthMonth !== birth.month)))
          bad(
            'idNumber',
            `身份证号中的出生年月 ${facts.birthYear}-${String(facts.birthMonth).padStart(2, '0')} 与出生年份“${birthText}”不符 / the ID number's birth ${facts.birthYear}-${String(facts.birthMonth).padStart(2, '0')} disagrees with the birth "${birthText}"`,
          );
        else if (sex && facts.sex !== sex)
          bad('idNumber', `身份证号第 17 位表示${facts.sex}性，与性别“${sex}”不符 / the ID number's 17th digit says ${facts.sex === '男' ? 'male' : 'female'}, the sex column ${sex}`);
        const first = seenId.get(idText);
        if (first !== undefined) bad('idNumber', `身份证号与第 ${first} 行重复 / the ID number repeats row ${first}`);
        else seenId.set(idText, row);
        idNumber = idText;
      }
    }

    // 任教学科: one or more, main subject first.
    const subjects = [
      ...new Set(
        cell('subjects')
          .split(SUBJECT_SEPARATORS)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (!subjects.length) bad('subjects', '任教学科为空 / no subject is given');
    else if (subjects.some((s) => s.length > 20)) bad('subjects', `学科名称超过 20 个字符（多个学科请用“、”分隔） / a subject is longer than 20 characters (separate several with 、)`);

    const post = coded('post', POST_ALIASES, POST, '岗位');
    const qualification = coded('qualification', QUALIFICATION_ALIASES, QUALIFICATION, '最高学历');
    const title = coded('title', TITLE_ALIASES, TITLE, '职称');
    const certified = coded('certified', CERTIFIED_ALIASES, CERTIFIED, '教师资格证');

    // 骨干: a level with the year it was awarded (≤ the school year, and at an age of at least 16).
    const backboneLevel = coded('backboneLevel', BACKBONE_ALIASES, BACKBONE, '骨干级别', true);
    const backboneText = cell('backboneYear');
    let backboneYear: number | null = null;
    if (backboneText) {
      backboneYear = parseYear(backboneText);
      if (backboneYear === null) bad('backboneYear', `骨干认定年份应为年份（如 2021），而不是“${backboneText}” / the 骨干 year must be a year (2021), not "${backboneText}"`);
      else if (backboneYear > ctx.year) bad('backboneYear', `骨干认定年份 ${backboneYear} 晚于 ${ctx.year} 学年 / the 骨干 year ${backboneYear} is after the school year ${ctx.year}`);
      else if (birth && backboneYear < birth.year + 16) bad('backboneYear', `骨干认定年份 ${backboneYear} 早于 16 岁 / the 骨干 year ${backboneYear} is before the age of 16`);
      else if (cell('backboneLevel') === '') bad('backboneYear', '有骨干认定年份而没有骨干级别 / a 骨干 year without a 骨干 level');
    } else if (backboneLevel) bad('backboneYear', `骨干级别为${backboneLevel}级时须填写认定年份 / a 骨干 level needs the year it was awarded`);

    const tier = coded('tier', TIER_ALIASES, TIER, '梯队', true);

    // 本校任教起始年: ≤ the school year and ≥ birth year + 16.
    const sinceText = cell('schoolSince');
    const schoolSince = sinceText === '' ? null : parseYear(sinceText);
    if (sinceText === '') bad('schoolSince', '本校任教起始年为空 / the year the teacher started at the school is empty');
    else if (schoolSince === null) bad('schoolSince', `本校任教起始年应为年份（如 2012），而不是“${sinceText}” / the start year must be a year (2012), not "${sinceText}"`);
    else if (schoolSince > ctx.year) bad('schoolSince', `本校任教起始年 ${schoolSince} 晚于 ${ctx.year} 学年 / the start year ${schoolSince} is after the school year ${ctx.year}`);
    else if (birth && schoolSince < birth.year + 16)
      bad('schoolSince', `本校任教起始年 ${schoolSince} 早于 16 岁（出生于 ${birth.year}） / the start year ${schoolSince} is before the age of 16 (born ${birth.year})`);

    const employment = coded('employment', EMPLOYMENT_ALIASES, EMPLOYMENT, '用工形式');

    if (problems.length === before)
      rows.push({
        row,
        schoolCode,
        section,
        staffNo,
        name,
        sex: sex!,
        birthYear: birth!.year,
        idNumber,
        subjects,
        post: post!,
        qualification: qualification!,
        title: title!,
        certified: certified!,
        backboneLevel: backboneLevel ?? null,
        backboneYear,
        tier: tier ?? null,
        schoolSince: schoolSince!,
        employment: employment!,
      });
  }
  return problems.length ? { problems } : { rows };
}
