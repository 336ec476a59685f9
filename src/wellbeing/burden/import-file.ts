// Reading a homework and sleep survey (or diary summary) from .xlsx or CSV (UTF-8 or GBK): one row per pupil or
// questionnaire with 学籍号 or 问卷编号 (either; an anonymous survey has only the questionnaire's number), 学校代码,
// 年级 (1–9, or 三年级 / 初一 …), optional 性别, 书面作业时间 (minutes per school day; 1.5小时, 1小时20分 and 1:20 too),
// 睡眠时间 (hours; 9小时30分 and 9:30 too) and optional 调查日期. An empty time is "not answered"; a row with neither
// answered is a bad row (it would count as a record with no figure). Every bad cell is a
// problem naming its row, column and reason; the caller imports nothing when there is any.
import type { ImportProblem } from '../import-problems.js';
import { findColumns, noDataRows, readImportTable } from '../import-table.js';
import type { BurdenLimits } from './limits.js';
import { parseHomeworkMinutes, parseSleepMinutes } from './parse.js';

export type BurdenProblem = ImportProblem;

export interface BurdenRow {
  row: number;
  recordId: string;
  schoolCode: string;
  grade: number;
  sex: 'M' | 'F' | null;
  /** Whole minutes; null: not answered. */
  homeworkMinutes: number | null;
  /** Whole minutes; null: not answered. */
  sleepMinutes: number | null;
  surveyedOn: string | null;
}

const COLS = {
  studentId: ['学籍号', '学生学籍号', '全国学籍号', 'student_id'],
  questionnaire: ['问卷编号', '问卷号', '问卷序号', 'questionnaire_id'],
  schoolCode: ['学校代码', '学校标识码', 'school_code'],
  grade: ['年级', '年级编号', 'grade'],
  sex: ['性别', 'sex'],
  homework: ['书面作业时间', '书面作业时长', '每天书面作业时间', 'homework_minutes'],
  sleep: ['睡眠时间', '睡眠时长', '每天睡眠时间', 'sleep_hours'],
  surveyedOn: ['调查日期', '填写日期', 'surveyed_on'],
} as const;
type Col = keyof typeof COLS;
const REQUIRED: Col[] = ['schoolCode', 'grade', 'homework', 'sleep'];

const GRADE_WORDS: Record<string, number> = {
  一年级: 1,
  二年级: 2,
  三年级: 3,
  四年级: 4,
  五年级: 5,
  六年级: 6,
  七年级: 7,
  八年级: 8,
  九年级: 9,
  初一: 7,
  初二: 8,
  初三: 9,
};

/** A grade 1–9 from "3", "3年级", "三年级", "初一"; null otherwise. */
export function parseGrade(text: string): number | null {
  const t = text.replace(/\s+/g, '');
  const m = /^(\d+)(年级)?$/.exec(t);
  const g = m ? Number(m[1]) : (GRADE_WORDS[t] ?? null);
  return g !== null && g >= 1 && g <= 9 ? g : null;
}

/** A calendar date as YYYY-MM-DD from 2024-09-15, 2024/9/15, 2024.9.15, 2024年9月15日 or an Excel date; null when none or not a real date. */
export function parseSurveyDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})T00:00:00(?:\.000)?Z$/.exec(t); // an Excel date cell, as the reader gives it
  const m = iso ?? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1990 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface ReadBurdenOptions {
  /** Is there a school with this code in the district? */
  schoolExists(code: string): boolean;
}

/** The rows of a survey file, or the problems that stop its import (the rows are then not to be used). */
export async function readBurdenFile(buf: Buffer, fileName: string, pack: BurdenLimits, opts: ReadBurdenOptions): Promise<{ rows: BurdenRow[]; problems: BurdenProblem[] }> {
  const read = await readImportTable(buf, fileName);
  if (read.problems) return { rows: [], problems: read.problems };
  const { table } = read;
  const { at, problems } = findColumns(table.header, COLS, REQUIRED);
  if (at.studentId === undefined && at.questionnaire === undefined)
    problems.push({ row: 1, column: '学籍号', message: '缺少列“学籍号”或“问卷编号”（至少一列） / the header row needs a column 学籍号 (student_id) or 问卷编号 (questionnaire_id)' });
  if (problems.length) return { rows: [], problems };
  if (table.rows.length === 0) return { rows: [], problems: [noDataRows()] };

  const idColumn = at.studentId !== undefined ? '学籍号' : '问卷编号';
  const rows: BurdenRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const bad = (column: string, message: string) => problems.push({ row, column, message });
    const before = problems.length;

    const schoolCode = cell(at.schoolCode);
    if (!schoolCode) bad('学校代码', '学校代码为空 / the school code is empty');
    else if (!opts.schoolExists(schoolCode)) bad('学校代码', `学校代码 ${schoolCode} 不在本县（区）学校名录中 / no school ${schoolCode} in the district's registry`);

    const recordId = cell(at.studentId) || cell(at.questionnaire);
    const where = cell(at.studentId) ? '学籍号' : idColumn;
    if (!recordId)
      bad(
        idColumn,
        at.studentId !== undefined && at.questionnaire !== undefined
          ? '学籍号与问卷编号都为空 / both the pupil id and the questionnaire number are empty'
          : `${idColumn}为空 / the ${idColumn === '学籍号' ? 'pupil id' : 'questionnaire number'} is empty`,
      );
    else if (recordId.length > 40) bad(where, `${where}超过 40 个字符 / longer than 40 characters`);
    else if (schoolCode) {
      const k = `${schoolCode}|${recordId}`;
      if (seen.has(k)) bad(where, `${where} ${recordId} 与第 ${seen.get(k)} 行重复（同一学校） / ${recordId} repeats row ${seen.get(k)} of the same school`);
      else seen.set(k, row);
    }

    const gradeText = cell(at.grade);
    const grade = parseGrade(gradeText);
    if (grade === null) bad('年级', `年级应为 1–9（或“三年级”“初一”等），而不是“${gradeText}” / the grade must be 1–9 (or 三年级, 初一 …), not "${gradeText}"`);

    const sexText = cell(at.sex);
    const sex = sexText === '' ? null : ['男', 'M', 'm', '1'].includes(sexText) ? 'M' : ['女', 'F', 'f', '2'].includes(sexText) ? 'F' : undefined;
    if (sex === undefined) bad('性别', `性别应为“男”“女”或留空，而不是“${sexText}” / the sex must be 男, 女 or empty, not "${sexText}"`);

    const hwText = cell(at.homework);
    let homeworkMinutes: number | null = null;
    if (hwText !== '') {
      const p = parseHomeworkMinutes(hwText, pack.homework.plausible);
      if ('error' in p) bad('书面作业时间', p.error);
      else homeworkMinutes = p.minutes;
    }
    const slText = cell(at.sleep);
    let sleepMinutes: number | null = null;
    if (slText !== '') {
      const p = parseSleepMinutes(slText, pack.sleep.plausible);
      if ('error' in p) bad('睡眠时间', p.error);
      else sleepMinutes = p.minutes;
    }
    if (hwText === '' && slText === '') bad('书面作业时间', '书面作业时间与睡眠时间都为空：一条记录至少要有其中一项 / both homework and sleep are empty: a record needs at least one of them');
    const dateText = cell(at.surveyedOn);
    const surveyedOn = dateText === '' ? null : parseSurveyDate(dateText);
    if (dateText !== '' && surveyedOn === null) bad('调查日期', `调查日期应为有效日期（如 2024-10-15），而不是“${dateText}” / the survey date must be a real date (2024-10-15), not "${dateText}"`);

    if (problems.length === before) rows.push({ row, recordId, schoolCode, grade: grade!, sex: sex ?? null, homeworkMinutes, sleepMinutes, surveyedOn });
  }
  return { rows, problems };
}
