// The flat table's reader on its own (no process): 学校类型 / school_type, and a warning for every column it does not read.
import { describe, expect, it } from 'vitest';
import type { Table } from '../core/tabular.js';
import { FlatInputError, readFlatSchools } from './flat-input.js';
import { levelWithSchoolType, parseSchoolType } from './flat-school-type.js';
import { loadStandard } from './standards.js';

const pack = loadStandard('national-2017-quality');
const NUMERATORS = [
  'teachers_above_required_degree',
  'backbone_teachers_county_or_above',
  'pe_art_teachers',
  'teaching_aux_area_m2',
  'sports_area_m2',
  'equipment_value_yuan',
  'multimedia_classrooms',
];
const VALUES = ['3', '1', '1', '330', '600', '130000', '2'];
/** A table in the file's layout: the header is row 1, data rows from row 2. */
const table = (header: string[], ...rows: string[][]): Table => ({ header, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });
const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof FlatInputError) return e.problems;
    throw e;
  }
  return [];
};

describe('学校类型 cells', () => {
  it('reads 学校 / 教学点 and their English forms, whatever the case, spaces, "_" or "-"', () => {
    expect(['学校', 'school', ' School '].map(parseSchoolType)).toEqual(['学校', '学校', '学校']);
    expect(['教学点', 'teaching_point', 'Teaching point', 'TEACHING-POINT', 'teachingpoint'].map(parseSchoolType)).toEqual(Array(5).fill('教学点'));
    expect([parseSchoolType(''), parseSchoolType('  ')]).toEqual([null, null]);
    expect(['分校', 'point', '小学'].map(parseSchoolType)).toEqual([undefined, undefined, undefined]);
  });

  it('教学点 makes the row a 学段 = 教学点 row; contradictions and non-primary 学段 are refused', () => {
    expect(levelWithSchoolType('小学', '教学点')).toEqual({ level: '教学点' });
    expect(levelWithSchoolType('primary', 'teaching point')).toEqual({ level: '教学点' });
    expect(levelWithSchoolType('', '教学点')).toEqual({ level: '教学点' }); // the type says primary
    expect(levelWithSchoolType('教学点', '教学点')).toEqual({ level: '教学点' });
    expect(levelWithSchoolType('教学点', '')).toEqual({ level: '教学点' }); // no type: the 学段 as written
    expect(levelWithSchoolType('初中', '学校')).toEqual({ level: '初中' });
    expect(levelWithSchoolType('九年一贯制', '')).toEqual({ level: '九年一贯制' });
    for (const level of ['初中', '九年一贯制', '完全中学']) expect(levelWithSchoolType(level, '教学点')).toHaveProperty('reason', expect.stringContaining(`学段 "${level}" 不符`));
    expect(levelWithSchoolType('教学点', '学校')).toHaveProperty('reason', expect.stringContaining('school_type says school but level says 教学点'));
    expect(levelWithSchoolType('小学', 'x')).toHaveProperty('reason', expect.stringContaining('unknown school type "x"'));
  });
});

describe('readFlatSchools', () => {
  const head = ['school_code', 'level', 'school_type', 'students', ...NUMERATORS];

  it('a 教学点 by type is the same school input as by 学段, and an empty 学段 is 小学', () => {
    const byType = readFlatSchools(table(head, ['T', '', '教学点', '30', ...VALUES], ['S', '小学', '学校', '80', ...VALUES]), 'f.csv', pack);
    const byLevel = readFlatSchools(
      table(
        head.filter((h) => h !== 'school_type'),
        ['T', '教学点', '30', ...VALUES],
        ['S', '小学', '80', ...VALUES],
      ),
      'f.csv',
      pack,
    );
    expect(byType).toEqual(byLevel);
    expect(byType.schools.map((s) => [s.code, s.level, s.isTeachingPoint])).toEqual([
      ['T', '小学', true],
      ['S', '小学', false],
    ]);
    expect(byType.warnings).toEqual([]);
  });

  it('warns once per column it does not read: unknown, unnamed with data, data past the header, repeated', () => {
    const t = table([...head, '备注', '', '学段'], ['T', '小学', '', '30', ...VALUES, '新建', '', '小学', 'x'], ['S', '初中', '', '80', ...VALUES, '', 'y', '初中', 'z']);
    const { schools, warnings } = readFlatSchools(t, 'f.csv', pack);
    expect(schools.map((s) => s.level)).toEqual(['小学', '初中']);
    // columns: A–K the known ones, L 备注, M no header, N 学段 (repeats B), O data without header
    expect(warnings).toEqual([
      'f.csv: 第1行 L列 "备注": 未识别的列，已忽略 / unrecognised column "备注" (L): ignored',
      'f.csv: 第1行 M列: 有数据但没有列名，已忽略 / column M has data but no header: ignored',
      'f.csv: 第1行 B列 "level" 与 N列 "学段" 同为 level，前者已忽略 / columns B and N are both level: B ignored',
      'f.csv: 第1行 O列: 有数据但没有列名，已忽略 / column O has data but no header: ignored',
    ]);
  });

  it('no warning for an empty unnamed column, nor for a known column another standard reads (books under 2017)', () => {
    const t = table([...head, '', '图书册数'], ['S', '小学', '', '80', ...VALUES, '', '4000']);
    expect(readFlatSchools(t, 'f.csv', pack).warnings).toEqual([]);
  });

  it('a file with a 学校类型 column but no 学段 column is told to add one; the warnings travel with the problems', () => {
    let err: unknown;
    try {
      readFlatSchools(table(['学校标识码', '学校类型', '在校生数', ...NUMERATORS, 'note'], ['T', '教学点', '30', ...VALUES, 'n']), 'f.csv', pack);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FlatInputError);
    const e = err as FlatInputError;
    expect(e.problems).toEqual([
      'f.csv: 第1行缺少列 level / missing column level in row 1',
      'f.csv: 学校类型 列只区分 学校 / 教学点，学段 需另列 (学段 或 level) / the school_type column marks 学校 / 教学点 only: add a 学段 (level) column',
    ]);
    expect(e.warnings).toEqual(['f.csv: 第1行 K列 "note": 未识别的列，已忽略 / unrecognised column "note" (K): ignored']);
  });

  it('bad type cells name file, row and column', () => {
    const problems = problemsOf(() =>
      readFlatSchools(table(head, ['A', '小学', '分校', '30', ...VALUES], ['B', '初中', '教学点', '80', ...VALUES], ['C', '教学点', '学校', '20', ...VALUES]), 'f.csv', pack),
    );
    expect(problems).toEqual([
      'f.csv: 第2行 C列 (school_type): 学校类型 "分校" 应为 学校 或 教学点 / unknown school type "分校": use 学校 (school) or 教学点 (teaching_point)',
      'f.csv: 第3行 C列 (school_type): 教学点只设小学，学段 "初中" 不符 / a teaching point is a primary school, but level is "初中"',
      'f.csv: 第4行 C列 (school_type): 学校类型为 学校，但学段为 教学点 / school_type says school but level says 教学点',
    ]);
  });
});
