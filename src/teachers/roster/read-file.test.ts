import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { SchoolLevel } from '../../registry/model.js';
import type { ImportProblem } from '../../wellbeing/import-problems.js';
import type { RosterFileRow } from '../model.js';
import { MAX_ROSTER_ROWS, parseBirth, readRosterFile } from './read-file.js';

const PRIMARY = '3309020001'; // 小学
const NINE = '3309020002'; // 九年一贯制
const SENIOR = '3309020003'; // 完全中学
const schools = new Map<string, { level: SchoolLevel; name: string }>([
  [PRIMARY, { level: '小学', name: '城关小学' }],
  [NINE, { level: '九年一贯制', name: '东港学校' }],
  [SENIOR, { level: '完全中学', name: '第一中学' }],
]);
const ctx = { year: 2025, schools };

const HEADER = [
  '学校代码',
  '学部',
  '工号',
  '姓名',
  '性别',
  '出生年份',
  '身份证号',
  '任教学科',
  '岗位',
  '最高学历',
  '职称',
  '教师资格证',
  '骨干级别',
  '骨干认定年份',
  '梯队',
  '本校任教起始年',
  '用工形式',
];
type Cells = Partial<Record<(typeof HEADER)[number], string>>;
const good: Cells = {
  学校代码: PRIMARY,
  学部: '',
  工号: 'A01',
  姓名: '张丽',
  性别: '女',
  出生年份: '1990',
  身份证号: '',
  任教学科: '语文',
  岗位: '专任',
  最高学历: '本科',
  职称: '一级',
  教师资格证: '有',
  骨干级别: '',
  骨干认定年份: '',
  梯队: '',
  本校任教起始年: '2015',
  用工形式: '在编',
};
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: Cells[], header: string[] = HEADER) => [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((l) => l.map(quote).join(',')).join('\r\n') + '\r\n';
const read = (rows: Cells[], opts: { header?: string[]; ownSchool?: string; gbk?: boolean } = {}) => {
  const text = csv(rows, opts.header);
  return readRosterFile(opts.gbk ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'), 'roster.csv', { ...ctx, ownSchool: opts.ownSchool });
};
const rowsOf = (r: { rows: RosterFileRow[] } | { problems: ImportProblem[] }) => {
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.rows;
};
const problemsOf = (r: { rows: RosterFileRow[] } | { problems: ImportProblem[] }) => {
  if ('rows' in r) throw new Error('expected problems');
  return r.problems.map((p) => ({ row: p.row, column: p.column, message: p.message }));
};

describe('readRosterFile', () => {
  it('reads a good file into rows (a 九年一贯制 school’s rows name their section)', async () => {
    const rows = rowsOf(
      await read([
        good,
        {
          ...good,
          学校代码: NINE,
          学部: '初中',
          工号: '',
          姓名: '王强',
          性别: '男',
          出生年份: '1985-03-01',
          身份证号: '330902198503011233',
          任教学科: '体育、 数学,美术',
          职称: '中学高级教师',
          骨干级别: '市级',
          骨干认定年份: '2020',
          梯队: '骨干教师',
          本校任教起始年: '2008',
          用工形式: '合同',
        },
      ]),
    );
    expect(rows).toEqual([
      {
        row: 2,
        schoolCode: PRIMARY,
        section: null,
        staffNo: 'A01',
        name: '张丽',
        sex: '女',
        birthYear: 1990,
        idNumber: null,
        subjects: ['语文'],
        post: '专任',
        qualification: '本科',
        title: '一级',
        certified: true,
        backboneLevel: null,
        backboneYear: null,
        tier: null,
        schoolSince: 2015,
        employment: '在编',
      },
      {
        row: 3,
        schoolCode: NINE,
        section: '初中',
        staffNo: null,
        name: '王强',
        sex: '男',
        birthYear: 1985,
        idNumber: '330902198503011233',
        subjects: ['体育', '数学', '美术'],
        post: '专任',
        qualification: '本科',
        title: '高级',
        certified: true,
        backboneLevel: '市',
        backboneYear: 2020,
        tier: '骨干',
        schoolSince: 2008,
        employment: '合同',
      },
    ]);
  });

  it('reads a GBK CSV (Excel on Chinese Windows) like the UTF-8 one', async () => {
    const rows = [good, { ...good, 工号: 'A02', 姓名: '欧阳修', 任教学科: '音乐／美术' }];
    const gbk = rowsOf(await read(rows, { gbk: true }));
    expect(gbk).toEqual(rowsOf(await read(rows)));
    expect(gbk[1]).toMatchObject({ name: '欧阳修', subjects: ['音乐', '美术'] });
  });

  it('maps every alias to its value', async () => {
    const cases: [string, string, keyof RosterFileRow, unknown][] = [
      ['性别', '男', 'sex', '男'],
      ['性别', 'F', 'sex', '女'],
      ['岗位', '专任教师', 'post', '专任'],
      ['岗位', '行政', 'post', '行政'],
      ['岗位', '工勤', 'post', '工勤'],
      ['最高学历', '博士', 'qualification', '研究生'],
      ['最高学历', '硕士', 'qualification', '研究生'],
      ['最高学历', '研究生', 'qualification', '研究生'],
      ['最高学历', '大学本科', 'qualification', '本科'],
      ['最高学历', '本科', 'qualification', '本科'],
      ['最高学历', '专科', 'qualification', '专科'],
      ['最高学历', '大专', 'qualification', '专科'],
      ['最高学历', '中专', 'qualification', '高中及以下'],
      ['最高学历', '中师', 'qualification', '高中及以下'],
      ['最高学历', '高中', 'qualification', '高中及以下'],
      ['最高学历', '高中及以下', 'qualification', '高中及以下'],
      ['职称', '未定级', 'title', '未定级'],
      ['职称', '三级', 'title', '三级'],
      ['职称', '二级', 'title', '二级'],
      ['职称', '一级', 'title', '一级'],
      ['职称', '高级', 'title', '高级'],
      ['职称', '正高级', 'title', '正高级'],
      ['职称', '正高级教师', 'title', '正高级'],
      ['职称', '中小学高级教师', 'title', '高级'],
      ['职称', '中小学一级教师', 'title', '一级'],
      ['职称', '中小学二级教师', 'title', '二级'],
      ['职称', '中小学三级教师', 'title', '三级'],
      // 人社部发〔2015〕79号: the titles before the reform.
      ['职称', '中学高级', 'title', '高级'],
      ['职称', '小学高级', 'title', '一级'],
      ['职称', '中学一级', 'title', '一级'],
      ['职称', '小学一级', 'title', '二级'],
      ['职称', '中学二级', 'title', '二级'],
      ['职称', '小学二级', 'title', '三级'],
      ['职称', '小学三级', 'title', '三级'],
      ['职称', '中学三级', 'title', '三级'],
      ['职称', '无', 'title', '未定级'],
      ['职称', '未评', 'title', '未定级'],
      ['教师资格证', '有', 'certified', true],
      ['教师资格证', '是', 'certified', true],
      ['教师资格证', '1', 'certified', true],
      ['教师资格证', '无', 'certified', false],
      ['教师资格证', '否', 'certified', false],
      ['教师资格证', '0', 'certified', false],
      ['骨干级别', '校级', 'backboneLevel', '校'],
      ['骨干级别', '县级', 'backboneLevel', '县'],
      ['骨干级别', '区级', 'backboneLevel', '县'],
      ['骨干级别', '市级', 'backboneLevel', '市'],
      ['骨干级别', '省级', 'backboneLevel', '省'],
      ['骨干级别', '国家级', 'backboneLevel', '省'],
      ['梯队', '教育家型', 'tier', '教育家型'],
      ['梯队', '卓越', 'tier', '卓越'],
      ['梯队', '领航教师', 'tier', '领航'],
      ['梯队', '新秀', 'tier', '新秀'],
      ['用工形式', '在编', 'employment', '在编'],
      ['用工形式', '编制内', 'employment', '在编'],
      ['用工形式', '合同', 'employment', '合同'],
      ['用工形式', '聘用', 'employment', '合同'],
      ['用工形式', '代课', 'employment', '合同'],
      ['出生年份', '1990-07-15', 'birthYear', 1990],
      ['出生年份', '199007', 'birthYear', 1990],
      ['出生年份', '1990.07', 'birthYear', 1990],
      ['出生年份', '1990/7/15', 'birthYear', 1990],
      ['出生年份', '1990-07-15T00:00:00.000Z', 'birthYear', 1990],
    ];
    const rows = rowsOf(await read(cases.map(([col, value], i) => ({ ...good, 工号: `S${i}`, [col]: value, ...(col === '骨干级别' ? { 骨干认定年份: '2021' } : {}) }))));
    expect(rows.map((r, i) => [cases[i][0], cases[i][1], r[cases[i][2]]])).toEqual(cases.map(([col, v, , want]) => [col, v, want]));
  });

  it('accepts the English headers and a clerk’s file without the school column', async () => {
    const english = ['staff_no', 'name', 'sex', 'birth_year', 'subjects', 'post', 'qualification', 'title', 'certified', 'school_since', 'employment'];
    const map: Record<string, string> = {
      staff_no: '工号',
      name: '姓名',
      sex: '性别',
      birth_year: '出生年份',
      subjects: '任教学科',
      post: '岗位',
      qualification: '最高学历',
      title: '职称',
      certified: '教师资格证',
      school_since: '本校任教起始年',
      employment: '用工形式',
    };
    const row = Object.fromEntries(english.map((h) => [h, good[map[h]] ?? ''])) as Cells;
    const rows = rowsOf(await read([row], { header: english, ownSchool: PRIMARY }));
    expect(rows[0]).toMatchObject({ schoolCode: PRIMARY, name: '张丽', title: '一级' });
    // Without the school column and without an own school, the column is missing.
    expect(problemsOf(await read([row], { header: english }))).toEqual([{ row: 1, column: '学校代码', message: expect.stringMatching(/缺少列“学校代码”/) }]);
  });

  it('names every bad cell by row, column as written and reason — and returns no rows', async () => {
    const header = HEADER.map((h) => (h === '姓名' ? 'Name' : h === '职称' ? ' 职称 ' : h));
    const r = (c: Cells) => ({ ...c, Name: c.姓名, ' 职称 ': c.职称 });
    const problems = problemsOf(
      await read(
        [
          r(good), // row 2: fine
          r({ ...good, 工号: 'A02', 姓名: '', 职称: '特级' }), // row 3
          r({ ...good, 工号: 'A03', 学校代码: NINE }), // row 4: no 学部
          r({ ...good, 工号: 'A04', 学校代码: SENIOR, 学部: '小学' }), // row 5: 完全中学 has no 小学
          r({ ...good, 工号: 'A05', 学校代码: '9999999999' }), // row 6
          r({ ...good, 工号: 'A01' }), // row 7: 工号 of row 2 again
          r({ ...good, 工号: 'A07', 身份证号: '330902198503011234' }), // row 8: check digit
          r({ ...good, 工号: 'A08', 身份证号: '330902198503011233', 出生年份: '1986', 性别: '男' }), // row 9: birth disagrees
          r({ ...good, 工号: 'A09', 身份证号: '330902198503011233', 出生年份: '1985' }), // row 10: 男 in the number, 女 given
          r({ ...good, 工号: 'A10', 身份证号: '11010519491231002X', 出生年份: '1949', 本校任教起始年: '1970' }), // row 11: age 76, fine
          r({ ...good, 工号: 'A11', 身份证号: '11010519491231002x', 出生年份: '1949', 本校任教起始年: '1970' }), // row 12: the same number
          r({ ...good, 工号: 'A12', 骨干级别: '县级' }), // row 13: no year
          r({ ...good, 工号: 'A13', 骨干认定年份: '2020' }), // row 14: a year without a level
          r({ ...good, 工号: 'A14', 骨干级别: '市级', 骨干认定年份: '2026' }), // row 15: after the school year
          r({ ...good, 工号: 'A15', 本校任教起始年: '2005' }), // row 16: at 15 (born 1990)
          r({ ...good, 工号: 'A16', 本校任教起始年: '2026', 出生年份: '2012' }), // row 17: start after the year; age 13
          r({ ...good, 工号: 'A17', 教师资格证: '有的', 用工形式: '临时', 梯队: '名师', 任教学科: ' 、 ' }), // row 18
          r({ ...good, 工号: 'A18', 性别: '未知', 岗位: '教师', 最高学历: '小学' }), // row 19
        ],
        { header },
      ),
    );
    expect(problems).toEqual([
      { row: 3, column: 'Name', message: expect.stringMatching(/^姓名为空/) },
      { row: 3, column: '职称', message: expect.stringMatching(/^职称应为 .* 之一，而不是“特级”/) },
      { row: 4, column: '学部', message: expect.stringMatching(/九年一贯制学校须填写学部（小学、初中）/) },
      { row: 5, column: '学部', message: expect.stringMatching(/学部应为 初中、高中 之一，而不是“小学”/) },
      { row: 6, column: '学校代码', message: expect.stringMatching(/学校代码 9999999999 不在本县/) },
      { row: 7, column: '工号', message: expect.stringMatching(/工号 A01 与第 2 行同校重复/) },
      { row: 8, column: '身份证号', message: expect.stringMatching(/校验位应为 3，而不是 4/) },
      { row: 9, column: '身份证号', message: expect.stringMatching(/出生年月 1985-03 与出生年份“1986”不符/) },
      { row: 10, column: '身份证号', message: expect.stringMatching(/表示男性，与性别“女”不符/) },
      { row: 10, column: '身份证号', message: expect.stringMatching(/与第 9 行重复/) },
      { row: 12, column: '身份证号', message: expect.stringMatching(/与第 11 行重复/) },
      { row: 13, column: '骨干认定年份', message: expect.stringMatching(/须填写认定年份/) },
      { row: 14, column: '骨干认定年份', message: expect.stringMatching(/有骨干认定年份而没有骨干级别/) },
      { row: 15, column: '骨干认定年份', message: expect.stringMatching(/2026 晚于 2025 学年/) },
      { row: 16, column: '本校任教起始年', message: expect.stringMatching(/2005 早于 16 岁（出生于 1990）/) },
      { row: 17, column: '出生年份', message: expect.stringMatching(/年龄为 13 岁，不在 16–80 岁之间/) },
      { row: 17, column: '本校任教起始年', message: expect.stringMatching(/2026 晚于 2025 学年/) },
      { row: 18, column: '任教学科', message: expect.stringMatching(/任教学科为空/) },
      { row: 18, column: '教师资格证', message: expect.stringMatching(/而不是“有的”/) },
      { row: 18, column: '梯队', message: expect.stringMatching(/而不是“名师”/) },
      { row: 18, column: '用工形式', message: expect.stringMatching(/而不是“临时”/) },
      { row: 19, column: '性别', message: expect.stringMatching(/而不是“未知”/) },
      { row: 19, column: '岗位', message: expect.stringMatching(/而不是“教师”/) },
      { row: 19, column: '最高学历', message: expect.stringMatching(/而不是“小学”/) },
    ]);
  });

  it('refuses a clerk’s rows of another school, an empty file, a missing column and too many rows', async () => {
    expect(problemsOf(await read([good, { ...good, 工号: 'B1', 学校代码: NINE, 学部: '小学' }], { ownSchool: PRIMARY }))).toEqual([
      { row: 3, column: '学校代码', message: expect.stringMatching(/只能导入本校（3309020001）的教师，而不是学校 3309020002（东港学校）/) },
    ]);
    expect(problemsOf(await read([]))).toEqual([{ row: null, column: null, message: expect.stringMatching(/没有数据行/) }]);
    expect(problemsOf(await read([good], { header: HEADER.filter((h) => h !== '用工形式') }))).toEqual([{ row: 1, column: '用工形式', message: expect.stringMatching(/缺少列/) }]);
    const many = Array.from({ length: MAX_ROSTER_ROWS + 1 }, (_, i) => ({ ...good, 工号: `N${i}` }));
    expect(problemsOf(await read(many))).toEqual([{ row: null, column: null, message: expect.stringMatching(/20001 行教师，超过 20000 行的上限/) }]);
  });

  it('reads births in every written form, and refuses impossible dates', () => {
    expect(parseBirth('1985')).toEqual({ year: 1985, month: null });
    expect(parseBirth('198503')).toEqual({ year: 1985, month: 3 });
    expect(parseBirth('19850301')).toEqual({ year: 1985, month: 3 });
    expect(parseBirth('1985.03')).toEqual({ year: 1985, month: 3 });
    expect(parseBirth('1985年3月')).toEqual({ year: 1985, month: 3 });
    expect(parseBirth('1985-02-30')).toBeNull();
    expect(parseBirth('1985.3')).toBeNull(); // Excel's number 1985.10 shows as 1985.1: ambiguous, refused
    expect(parseBirth('85')).toBeNull();
  });
});
