import { describe, expect, it } from 'vitest';
import { readHeader } from './header.js';
import { formatProblem, ProblemList } from './problems.js';

const read = (header: string[], subjects: string[]) => {
  const problems = new ProblemList();
  const layout = readHeader(header, subjects, problems);
  return { layout, problems: problems.items.map((p) => formatProblem('f.csv', p)) };
};

describe('readHeader', () => {
  it('maps Chinese and English aliases and the --full subjects', () => {
    expect(read(['考号', 'Name', 'school_code', '班级', '数学', '语文'], ['语文', '数学']).layout).toEqual({ columns: ['id', 'name', 'school', 'class', 1, 0], idCol: 0, schoolCol: 2 });
  });
  it('with 学校代码 and 学校, the code identifies the school and 学校 is a label', () => {
    expect(read(['学籍号', '学校', '学校代码', '语文'], ['语文']).layout).toEqual({ columns: ['id', 'label', 'school', 0], idCol: 0, schoolCol: 2 });
  });
  it('names every problem: a subject without full marks, a --full subject not in the file, missing keys, duplicates', () => {
    const r = read(['姓名', '语文', '物理', '语文', ''], ['语文', '数学']);
    expect(r.layout).toBeNull();
    expect(r.problems).toEqual([
      'f.csv: 第1行 C列 (物理): 科目 物理 未在 --full 中给出满分 / subject column not given in --full',
      'f.csv: 第1行 D列 (语文): 列名重复,与B列相同 / duplicate of column B',
      'f.csv: 第1行: 缺少列 学籍号 / student_id / missing column 学籍号 | student_id | 考号',
      'f.csv: 第1行: 缺少列 学校代码 / school_code / missing column 学校代码 | school_code | 学校',
      'f.csv: 第1行: --full 中的科目 数学 不在表头中 / --full subject 数学 is missing from the header',
    ]);
  });
});
