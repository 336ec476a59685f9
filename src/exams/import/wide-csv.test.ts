import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MARK_ABSENT, MARK_EXEMPT, MARK_NORMAL, MARK_VOIDED } from '../marks.js';
import { ExamBuilder } from './builder.js';
import { CsvSheet, readWideCsv } from './wide-csv.js';
import { ExamProblems } from './problems-list.js';

const FULL = { subjects: ['语文', '数学'], full: [100, 120] };
const read = (text: string | Buffer, full = FULL) => {
  const r = readWideCsv(Buffer.isBuffer(text) ? text : Buffer.from(text), full);
  return { data: r.data, problems: r.problems.lines('t.csv') };
};

describe('readWideCsv (junheng exam report): the import builder over CSV bytes', () => {
  it('typed columns: scores with NaN for blanks and marks, school indices in order of appearance, marks counted', () => {
    const { data, problems } = read('学籍号,姓名,学校代码,班级,语文,数学\n1,a,S2,1,90,缺考\n2,b,S1,1,,87.5\n3,c,S2,2,作弊,免考\n');
    expect(problems).toEqual([]);
    expect(data!.students).toBe(3);
    expect(data!.studentIds).toEqual(['1', '2', '3']);
    expect(Array.from(data!.scores[0])).toEqual([90, NaN, NaN]);
    expect(Array.from(data!.scores[1])).toEqual([NaN, 87.5, NaN]);
    expect(Array.from(data!.marks[0])).toEqual([MARK_NORMAL, MARK_ABSENT, MARK_VOIDED]);
    expect(Array.from(data!.marks[1])).toEqual([MARK_ABSENT, MARK_NORMAL, MARK_EXEMPT]);
    expect(data!.schoolCodes).toEqual(['S2', 'S1']);
    expect(Array.from(data!.school)).toEqual([0, 1, 0]);
    // Not kept for the report: names, gender, classes.
    expect(data!.names).toEqual([null, null, null]);
    expect(data!.classes).toEqual([]);
    expect(Array.from(data!.klass)).toEqual([-1, -1, -1]);
    expect(data!.cellMarks).toEqual({ blank: 1, absent: 1, voided: 1, exempt: 1 });
    expect(data!.encoding).toBe('utf-8');
  });

  it('the header list of detect.ts: aliases, units in brackets, subject aliases, ignored columns such as 总分', () => {
    const { data, problems } = read('序号,考号,Name,School_Code,学校,班级,语文成绩,数学(120分),总分\n1,A1,甲,S1,一中,1班,80,90,170\n');
    expect(problems).toEqual([]);
    expect(data!.studentIds).toEqual(['A1']);
    expect(data!.schoolCodes).toEqual(['S1']); // 学校代码 identifies the school, 学校 is a label
    expect(Array.from(data!.scores[0])).toEqual([80]);
    expect(Array.from(data!.scores[1])).toEqual([90]);
    const dao = read('学籍号,学校,道法\n1,一中,50\n', { subjects: ['道德与法治'], full: [100] });
    expect(dao.problems).toEqual([]);
    expect(Array.from(dao.data!.scores[0])).toEqual([50]);
  });

  it('UTF-8 with a BOM, CRLF, quoted cells, short rows, blank lines, rows of empty cells and a title row', () => {
    const { data, problems } = read('\ufeff2024 期末成绩\r\n学籍号,学校代码,语文,数学\r\n"001","S 1",８８．５\r\n\r\n,,,\r\n002,"S 1",70,"60"\r\n');
    expect(problems).toEqual([]);
    expect(data!.students).toBe(2);
    expect(data!.studentIds).toEqual(['001', '002']);
    expect(Array.from(data!.scores[0])).toEqual([88.5, 70]);
    expect(Array.from(data!.scores[1])).toEqual([NaN, 60]);
    expect(data!.schoolCodes).toEqual(['S 1']);
  });

  it('GBK (as Excel saves CSV on Chinese Windows) is detected and decoded', () => {
    const gbk = iconv.encode('考号,姓名,学校,语文,数学\n1,张三,第一中学,缺考,100\n2,李四,第二中学,95.5,免考\n', 'gbk');
    const { data, problems } = read(gbk);
    expect(problems).toEqual([]);
    expect(data!.encoding).toBe('gbk');
    expect(data!.schoolCodes).toEqual(['第一中学', '第二中学']);
    expect(Array.from(data!.scores[0])).toEqual([NaN, 95.5]);
    expect(data!.cellMarks).toEqual({ blank: 0, absent: 1, voided: 0, exempt: 1 });
  });

  it('a long sheet (科目, 成绩): a subject without a row counts as blank', () => {
    const { data, problems } = read('学籍号,学校代码,科目,成绩\n1,S,语文,80\n1,S,数学,90\n2,S,语文,缺考\n1,S,总分,170\n');
    expect(problems).toEqual([]);
    expect(Array.from(data!.scores[0])).toEqual([80, NaN]);
    expect(Array.from(data!.scores[1])).toEqual([90, NaN]);
    expect(data!.cellMarks).toEqual({ blank: 1, absent: 1, voided: 0, exempt: 0 });
  });

  it('names file, row, column letter and header for every problem, in row order, and reports all of them', () => {
    const { data, problems } = read(['学籍号,姓名,学校代码,班级,语文,数学', '1,a,S1,1,101,60', '2,b,S1,1,-3,abc', '1,c,,1,50,120.5', ',d,S2,1,50,50', '5,e,S2,1,"8""0",50'].join('\n'));
    expect(data).toBeNull();
    expect(problems).toEqual([
      't.csv: 第2行 E列 (语文): 分数 101 高于满分 100 / the score 101 is above full marks 100',
      't.csv: 第3行 E列 (语文): 分数为负(-3) / negative score',
      't.csv: 第3行 F列 (数学): 不是分数(「abc」),应为数字或 缺考/作弊/免考 / not a number (nor 缺考, 作弊, 免考)',
      't.csv: 第4行 C列 (学校代码): 学校为空 / the school is empty',
      't.csv: 第4行 A列 (学籍号): 学籍号 1 重复,与第 2 行相同 / duplicate student id 1, same as row 2',
      't.csv: 第4行 F列 (数学): 分数 120.5 高于满分 120 / the score 120.5 is above full marks 120',
      't.csv: 第5行 A列 (学籍号): 学籍号为空 / the student id is empty',
      't.csv: 第6行 E列 (语文): 不是分数(「8"0」),应为数字或 缺考/作弊/免考 / not a number (nor 缺考, 作弊, 免考)',
    ]);
  });

  it('header problems stop before the rows', () => {
    const { data, problems } = read('学籍号,学校代码,语文,英语\n1,S,200,x\n');
    expect(data).toBeNull();
    expect(problems).toEqual([
      't.csv: 第1行 D列 (英语): 未知的列「英语」:不是本次考试的科目(语文、数学) / unknown column: not a subject of this exam',
      't.csv: 第1行: 缺少科目「数学」的列 / no column for the subject 数学',
    ]);
  });

  it('an empty file and a header without rows', () => {
    expect(read('').problems).toEqual(['t.csv: 文件为空 / the file is empty']);
    expect(read('学籍号,学校代码,语文,数学\n').problems).toEqual(['t.csv: 文件中没有学生成绩 / no student rows in the file']);
  });

  it('the first 50 problems, then how many more', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},S,x,1`);
    const { problems } = read(['学籍号,学校代码,语文,数学', ...rows].join('\n'));
    expect(problems).toHaveLength(51);
    expect(problems[50]).toBe('t.csv: 另有 10 个问题未列出 / 10 more problems not listed');
  });

  it('grows past its first guess of the row count; ids by bytes find a repeat among thousands', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},S${i % 7},${i % 8}班,${i % 101},${(i % 241) / 2}`);
    const { data } = read(['学籍号,学校代码,班级,语文,数学', ...rows].join('\n'));
    expect(data!.students).toBe(5000);
    expect(data!.scores[0][4999]).toBe(4999 % 101);
    expect(data!.scores[1][4999]).toBe((4999 % 241) / 2);
    expect(data!.schoolCodes.length).toBe(7);
    expect(data!.schoolCodes[data!.school[4999]]).toBe(`S${4999 % 7}`);
    expect(read(['学籍号,学校代码,班级,语文,数学', ...rows, '4321,S0,1班,1,1'].join('\n')).problems).toEqual([
      't.csv: 第5002行 A列 (学籍号): 学籍号 4321 重复,与第 4323 行相同 / duplicate student id 4321, same as row 4323',
    ]);
  });

  it('an id that must be read as text (full-width digits) meets the ids read as bytes', () => {
    const { problems } = read('学籍号,学校代码,语文,数学\nA1,S,1,1\nＡ１,S,1,1\n');
    expect(problems).toEqual(['t.csv: 第3行 A列 (学籍号): 学籍号 A1 重复,与第 2 行相同 / duplicate student id A1, same as row 2']);
    const after = read('学籍号,学校代码,语文,数学\nＢ２,S,1,1\nB2,S,1,1\n');
    expect(after.problems).toEqual(['t.csv: 第3行 A列 (学籍号): 学籍号 B2 重复,与第 2 行相同 / duplicate student id B2, same as row 2']);
  });

  it('byte rows and text rows of the same cells give the same columns (ids, schools, classes, gender, scores)', () => {
    const text = [
      '学籍号,性别,学校代码,班级,语文,数学',
      ...Array.from({ length: 300 }, (_, i) => `${i % 3 ? i : `"${i}"`},${i % 2 ? '男' : '"女"'},${i % 5 ? 'S1' : '"S2"'},${(i * 7) % 4}班,${i % 11},${i % 13}`),
    ].join('\n');
    // Through the builder as the server import uses it (details kept), once with the rows' bytes, once with rows that
    // hide them (as .xlsx rows do): the text paths only.
    const build = (hideBytes: boolean) => {
      const problems = new ExamProblems('t.csv');
      const builder = new ExamBuilder({ subjects: FULL.subjects.map((name, i) => ({ name, full: FULL.full[i] })), schools: null }, problems);
      const sheet = new CsvSheet(Buffer.from(text));
      if (hideBytes) {
        const add = builder.addRow.bind(builder);
        builder.addRow = (cells) => add({ row: cells.row, empty: cells.empty, text: (c) => cells.text(c), score: (c) => cells.score(c) });
      }
      expect(sheet.begin(builder, FULL.subjects, problems)).toBe(true);
      sheet.rows(builder, problems);
      return builder.finish()!;
    };
    const viaBytes = build(false);
    const viaText = build(true);
    expect(viaBytes.classes).toHaveLength(8);
    expect(new Set(viaBytes.gender)).toEqual(new Set([1, 2]));
    for (const k of ['studentIds', 'schoolCodes', 'classes', 'counts'] as const) expect(viaBytes[k]).toEqual(viaText[k]);
    for (const k of ['gender', 'school', 'klass'] as const) expect(Array.from(viaBytes[k])).toEqual(Array.from(viaText[k]));
    expect(viaBytes.scores.map((a) => Array.from(a))).toEqual(viaText.scores.map((a) => Array.from(a)));
  });
});
