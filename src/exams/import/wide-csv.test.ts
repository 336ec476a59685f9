import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readWideCsv } from './wide-csv.js';

const FULL = { subjects: ['语文', '数学'], full: [100, 120] };
const read = (text: string | Buffer, full = FULL) => {
  const r = readWideCsv(Buffer.isBuffer(text) ? text : Buffer.from(text), full);
  return { data: r.data, problems: r.problems.lines('t.csv') };
};

describe('readWideCsv', () => {
  it('typed columns: scores with NaN for blanks and marks, school indices in order of appearance, marks counted', () => {
    const { data, problems } = read('学籍号,姓名,学校代码,班级,语文,数学\n1,a,S2,1,90,缺考\n2,b,S1,1,,87.5\n3,c,S2,2,作弊,免考\n');
    expect(problems).toEqual([]);
    expect(data!.students).toBe(3);
    expect(Array.from(data!.scores[0])).toEqual([90, NaN, NaN]);
    expect(Array.from(data!.scores[1])).toEqual([NaN, 87.5, NaN]);
    expect(data!.schoolCodes).toEqual(['S2', 'S1']);
    expect(Array.from(data!.school)).toEqual([0, 1, 0]);
    expect(data!.marks).toEqual({ blank: 1, absent: 1, voided: 1, exempt: 1 });
    expect(data!.halfPoints).toEqual([true, true]);
    expect(data!.encoding).toBe('utf-8');
  });

  it('UTF-8 with a BOM, CRLF, quoted cells, short rows, blank lines and rows of empty cells', () => {
    const { data, problems } = read('\ufeff学籍号,学校代码,语文,数学\r\n"001","S 1",８８．５\r\n\r\n,,,\r\n002,"S 1",70,"60"\r\n');
    expect(problems).toEqual([]);
    expect(data!.students).toBe(2);
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
    expect(data!.marks).toEqual({ blank: 0, absent: 1, voided: 0, exempt: 1 });
  });

  it('not half points: flagged so the analysis sorts instead of counting', () => {
    expect(read('学籍号,学校代码,语文,数学\n1,S,87.3,60\n').data!.halfPoints).toEqual([false, true]);
  });

  it('names file, row, column letter and header for every problem, and reports all of them', () => {
    const { data, problems } = read(
      ['学籍号,姓名,学校代码,班级,语文,数学', '1,a,S1,1,101,60', '2,b,S1,1,-3,abc', '1,c,,1,50,120.5', ',d,S2,1,50,50,7', '5,e,S2,1,"8""0",50'].join('\n'),
    );
    expect(data).toBeNull();
    expect(problems).toEqual([
      't.csv: 第2行 E列 (语文): 分数 101 高于满分 100 / score above full marks',
      't.csv: 第3行 E列 (语文): 分数为负 (-3) / negative score',
      't.csv: 第3行 F列 (数学): 不是分数 ("abc"),应为数字或 缺考/作弊/免考 / not a number (nor 缺考, 作弊, 免考)',
      't.csv: 第4行 F列 (数学): 分数 120.5 高于满分 120 / score above full marks',
      't.csv: 第4行 C列 (学校代码): 学校代码为空 / empty school code',
      't.csv: 第5行 G列: 本行比表头多出单元格 / cell beyond the last header column',
      't.csv: 第5行 A列 (学籍号): 学籍号为空 / empty student id',
      't.csv: 第6行 E列 (语文): 不是分数 ("8"0"),应为数字或 缺考/作弊/免考 / not a number (nor 缺考, 作弊, 免考)',
      't.csv: 第4行 A列 (学籍号): 学籍号 1 与第2行重复 / duplicate of row 2',
    ]);
  });

  it('header problems stop before the rows', () => {
    const { data, problems } = read('学籍号,学校代码,语文,英语\n1,S,200,x\n');
    expect(data).toBeNull();
    expect(problems).toEqual([
      't.csv: 第1行 D列 (英语): 科目 英语 未在 --full 中给出满分 / subject column not given in --full',
      't.csv: 第1行: --full 中的科目 数学 不在表头中 / --full subject 数学 is missing from the header',
    ]);
  });

  it('an empty file and a header without rows', () => {
    expect(read('').problems).toEqual(['t.csv: 文件为空 / the file is empty']);
    expect(read('学籍号,学校代码,语文,数学\n').problems).toEqual(['t.csv: 文件中没有学生 / no student rows below the header']);
  });

  it('grows past its first guess of the row count', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},S${i % 7},${i % 101},${(i % 241) / 2}`);
    const { data } = read(['学籍号,学校代码,语文,数学', ...rows].join('\n'));
    expect(data!.students).toBe(5000);
    expect(data!.scores[0][4999]).toBe(4999 % 101);
    expect(data!.scores[1][4999]).toBe((4999 % 241) / 2);
    expect(data!.schoolCodes.length).toBe(7);
    expect(data!.schoolCodes[data!.school[4999]]).toBe(`S${4999 % 7}`);
  });
});
