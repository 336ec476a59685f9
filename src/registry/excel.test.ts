import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildStatsWorkbook, exportRowsWorkbook, openXlsxReader, parseGrade, parseNumberText, parseStatsWorkbook } from './excel.js';
import { STAT_FIELDS, type StatValues } from './fields.js';
import type { SchoolLevel } from './model.js';
import type { ImportProblem, SchoolYearData } from './types.js';

// Two schools of the district: a primary school (grades 1–6) and a junior secondary school (grades 7–9).
const P = '4401010001';
const J = '4401010002';
const schools = [
  { code: P, name: '第一小学', level: '小学' as SchoolLevel },
  { code: J, name: '第二中学', level: '初中' as SchoolLevel },
];
const knownSchools = new Map(schools.map((s) => [s.code, { name: s.name, level: s.level }]));
const ctx = { fileName: 'upload.xlsx', year: 2024, knownSchools };

/** All 25 registry keys, null unless given. */
function allValues(given: StatValues): StatValues {
  return Object.fromEntries(STAT_FIELDS.map((f) => [f.key, given[f.key] ?? null]));
}

/** A workbook made by hand: sheet name → rows (row 1 = header). Cells may be exceljs values (formula, rich text). */
async function handMade(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The parts of a problem a test pins down. */
const where = (p: ImportProblem) => `${p.sheet}!${p.column}${p.row}`;

const TEACHER_HEADERS = ['学校标识码', '学校名称', '专任教师数(人)', '高于规定学历专任教师数(人)', '研究生学历专任教师数(人)'];
const ENROL_HEADERS = ['学校标识码', '学校名称', '年级', '学生数(人)'];
const CLASS_HEADERS = ['学校标识码', '学校名称', '年级', '班号', '班级人数(人)'];

describe('buildStatsWorkbook → parseStatsWorkbook round trip', () => {
  // 第一小学: teachers by age 10+12+10+8 = 40 = 专任教师数 (rule ageBands=total holds);
  // 高于规定学历 35 ≤ 40; 骨干 5+2+1 = 8 ≤ 40; 体音美 3+2+2 = 7 ≤ 40; 教学及辅助用房 4200.25 ≤ 校舍 8500.5.
  const primary: SchoolYearData = {
    values: allValues({
      teachersTotal: 40,
      teachersAboveDegree: 35,
      teachersPostgraduate: 3,
      backboneCounty: 5,
      backboneCity: 2,
      backboneProvince: 1,
      peTeachers: 3,
      musicTeachers: 2,
      artTeachers: 2,
      seniorTitleTeachers: 20,
      certifiedTeachers: 40,
      teachersAgeUnder30: 10,
      teachersAge30to39: 12,
      teachersAge40to49: 10,
      teachersAge50plus: 8,
      buildingAreaM2: 8500.5,
      teachingAuxAreaM2: 4200.25,
      indoorSportsAreaM2: 600,
      sportsGroundAreaM2: 7200,
      equipmentValueYuan: 1234567.89,
      multimediaClassrooms: 24,
      computers: 120,
      books: 30000,
      musicRooms: 2,
      artRooms: 2,
    }),
    // each grade's 学生数 = sum of its two classes: 45+45=90, 44+44=88, 46+46=92, 43+42=85, 44+43=87, 40+40=80
    enrolments: [
      { grade: 1, students: 90 },
      { grade: 2, students: 88 },
      { grade: 3, students: 92 },
      { grade: 4, students: 85 },
      { grade: 5, students: 87 },
      { grade: 6, students: 80 },
    ],
    classes: [
      { grade: 1, classNo: 1, size: 45 },
      { grade: 1, classNo: 2, size: 45 },
      { grade: 2, classNo: 1, size: 44 },
      { grade: 2, classNo: 2, size: 44 },
      { grade: 3, classNo: 1, size: 46 },
      { grade: 3, classNo: 2, size: 46 },
      { grade: 4, classNo: 1, size: 43 },
      { grade: 4, classNo: 2, size: 42 },
      { grade: 5, classNo: 1, size: 44 },
      { grade: 5, classNo: 2, size: 43 },
      { grade: 6, classNo: 1, size: 40 },
      { grade: 6, classNo: 2, size: 40 },
    ],
  };
  // 第二中学: ages 15+20+15+10 = 60 = 专任教师数; several figures not reported (null).
  const junior: SchoolYearData = {
    values: allValues({
      teachersTotal: 60,
      teachersAboveDegree: 55,
      teachersPostgraduate: 6,
      backboneCounty: 8,
      backboneCity: 3,
      peTeachers: 4,
      musicTeachers: 2,
      artTeachers: 2,
      teachersAgeUnder30: 15,
      teachersAge30to39: 20,
      teachersAge40to49: 15,
      teachersAge50plus: 10,
      buildingAreaM2: 12000,
      teachingAuxAreaM2: 6000.75,
      computers: 200,
      books: 45000,
    }),
    // 50+50+50 = 150, 49+49+50 = 148, 48+48+49 = 145
    enrolments: [
      { grade: 7, students: 150 },
      { grade: 8, students: 148 },
      { grade: 9, students: 145 },
    ],
    classes: [
      { grade: 7, classNo: 1, size: 50 },
      { grade: 7, classNo: 2, size: 50 },
      { grade: 7, classNo: 3, size: 50 },
      { grade: 8, classNo: 1, size: 49 },
      { grade: 8, classNo: 2, size: 49 },
      { grade: 8, classNo: 3, size: 50 },
      { grade: 9, classNo: 1, size: 48 },
      { grade: 9, classNo: 2, size: 48 },
      { grade: 9, classNo: 3, size: 49 },
    ],
  };
  const data = new Map([
    [P, primary],
    [J, junior],
  ]);

  it('gives back identical data and no problems', async () => {
    const file = await buildStatsWorkbook({ year: 2024, schools, data });
    const parsed = await parseStatsWorkbook(file, ctx);
    expect(parsed.problems).toEqual([]);
    expect(parsed.present).toEqual({ teachers: true, facilities: true, enrolments: true, classes: true });
    expect(parsed.data).toEqual(data);
  });

  it('parses every round trip the same (the zip stream race of exceljs/unzipper is guarded)', async () => {
    const file = await buildStatsWorkbook({ year: 2024, schools, data });
    for (let i = 0; i < 10; i++) expect((await parseStatsWorkbook(file, ctx)).data).toEqual(data);
  });

  it('writes the documented layout', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildStatsWorkbook({ year: 2024, schools, data })) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '教师', '校舍与装备', '年级学生', '班级', '_lists']);
    expect(wb.getWorksheet('_lists')!.state).toBe('hidden');

    const guide = wb.getWorksheet('说明')!;
    expect(String(guide.getCell('A1').value)).toContain('2024-2025学年');
    const guideText = guide.getSheetValues().flat().join('\n');
    expect(guideText).toContain('请勿修改学校标识码');
    expect(guideText).toContain('English:');

    const teachers = wb.getWorksheet('教师')!;
    // 2 fixed columns + 15 teachers fields of fields.ts = 17 columns
    expect(teachers.getRow(1).cellCount).toBe(17);
    expect((teachers.getRow(1).values as unknown[]).slice(1, 6)).toEqual(TEACHER_HEADERS);
    expect(teachers.getCell('C2').value).toBe(40); // 第一小学 专任教师数
    expect(teachers.getCell('A3').value).toBe(J);
    expect(teachers.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const dv = (ws: ExcelJS.Worksheet, addr: string) => (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model[addr];
    expect(dv(teachers, 'C2')).toMatchObject({ type: 'whole', formulae: [0, 5000], showErrorMessage: true });
    expect(dv(teachers, 'C2').error).toContain('整数');
    // 校舍建筑面积 is a decimal field with max 1,000,000
    expect(dv(wb.getWorksheet('校舍与装备')!, 'C2')).toMatchObject({ type: 'decimal', formulae: [0, 1000000] });

    const enrol = wb.getWorksheet('年级学生')!;
    expect((enrol.getRow(1).values as unknown[]).slice(1)).toEqual(ENROL_HEADERS);
    // 6 grades of the 小学 + 3 grades of the 初中 = 9 data rows after the header → last row 10
    expect(enrol.actualRowCount).toBe(10);
    expect(enrol.getCell('C2').value).toBe('一年级');
    expect(enrol.getCell('C8').value).toBe('七年级');
    expect(dv(enrol, 'C2')).toMatchObject({ type: 'list', formulae: ["'_lists'!$A$2:$A$13"] });

    const classes = wb.getWorksheet('班级')!;
    expect((classes.getRow(1).values as unknown[]).slice(1)).toEqual(CLASS_HEADERS);
    // 12 classes of 第一小学 + 9 of 第二中学 = 21 rows after the header → last row 22
    expect(classes.actualRowCount).toBe(22);
    expect(dv(classes, 'E2')).toMatchObject({ type: 'whole', formulae: [1, 120] });
    expect(dv(classes, 'D2')).toMatchObject({ type: 'whole', formulae: [1, 99] });

    const lists = wb.getWorksheet('_lists')!;
    expect(lists.getCell('A2').value).toBe('一年级');
    expect(lists.getCell('A13').value).toBe('高三');
    expect(lists.getCell('B3').value).toBe(J);
  });

  it('exports only the stored grades of a school, so a small school round-trips cleanly', async () => {
    // 第一小学 reports grades 1 and 2 only: 45 + 45 = 90 and 44 = 44
    const small: SchoolYearData = {
      values: allValues({ teachersTotal: 10 }),
      enrolments: [
        { grade: 1, students: 90 },
        { grade: 2, students: 44 },
      ],
      classes: [
        { grade: 1, classNo: 1, size: 45 },
        { grade: 1, classNo: 2, size: 45 },
        { grade: 2, classNo: 1, size: 44 },
      ],
    };
    const file = await buildStatsWorkbook({ year: 2024, schools: [schools[0], schools[1]], data: new Map([[P, small]]) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    // 2 stored grades of 第一小学 + the 3 grades of 第二中学 (no data yet: every grade of its level) = 5 rows → last row 6
    expect(wb.getWorksheet('年级学生')!.actualRowCount).toBe(6);
    const parsed = await parseStatsWorkbook(file, ctx);
    // 第二中学's three grade rows have no 学生数 → reported: rows 4, 5, 6, column D
    expect(parsed.problems.map(where)).toEqual(['年级学生!D4', '年级学生!D5', '年级学生!D6']);
    // every 校舍与装备 cell is empty, so that sheet counts as absent and its keys are left out
    expect(parsed.present.facilities).toBe(false);
    const teacherKeys = STAT_FIELDS.filter((f) => f.topic === 'teachers').map((f) => f.key);
    expect(parsed.data.get(P)).toEqual({ ...small, values: Object.fromEntries(teacherKeys.map((k) => [k, small.values[k]])) });
  });

  it('an untouched template parses to nothing: no problems, no part present', async () => {
    const template = await buildStatsWorkbook({ year: 2024, schools: [schools[0]] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    // one school → 10 prefilled class rows (rows 2–11) with code and name only
    expect(wb.getWorksheet('班级')!.getCell('A11').value).toBe(P);
    expect(wb.getWorksheet('班级')!.getCell('C11').value).toBeNull();
    const parsed = await parseStatsWorkbook(template, ctx);
    expect(parsed.problems).toEqual([]);
    expect(parsed.present).toEqual({ teachers: false, facilities: false, enrolments: false, classes: false });
    expect(parsed.data.size).toBe(0);
  });

  it('reports a workbook of another school year on 说明', async () => {
    const file = await buildStatsWorkbook({ year: 2023, schools, data });
    const { problems } = await parseStatsWorkbook(file, ctx);
    expect(problems).toHaveLength(1);
    expect(where(problems[0])).toBe('说明!A1');
    expect(problems[0].reason).toContain('2023-2024学年');
  });
});

describe('parseStatsWorkbook: cell problems', () => {
  it('reports unknown code, negative, text, decimal in an int field and a duplicate school — all of them', async () => {
    const file = await handMade({
      教师: [
        TEACHER_HEADERS,
        [P, '第一小学', 40, 30, 2], // row 2: clean (30 ≤ 40, 2 ≤ 40)
        ['4401019999', '不存在的学校', 10, 5, 1], // row 3: unknown code
        [J, '第二中学', -3, 'abc', 2.5], // row 4: negative, text, decimal
        [P, '第一小学', 41, 30, 2], // row 5: 第一小学 again (first at row 2)
      ],
    });
    const { problems, data, present } = await parseStatsWorkbook(file, ctx);
    expect(problems.map(where)).toEqual(['教师!A3', '教师!C4', '教师!D4', '教师!E4', '教师!A5']);
    expect(problems[0].reason).toContain('学校标识码 4401019999 不在本区县学校名单中');
    expect(problems[0].header).toBe('学校标识码');
    expect(problems[1].reason).toContain('不能为负数');
    expect(problems[1].header).toBe('专任教师数(人)');
    expect(problems[2].reason).toContain('「abc」不是数字');
    expect(problems[3].reason).toContain('应为整数');
    expect(problems[4].reason).toContain('与第 2 行相同');
    for (const p of problems) {
      expect(p.file).toBe('upload.xlsx');
      expect(p.reason).toMatch(/ \/ ["a-z]/); // Chinese, then " / " and English
    }
    // the later duplicate is ignored: 第一小学 keeps row 2's 40; bad cells are null
    expect(data.get(P)!.values).toEqual({ teachersTotal: 40, teachersAboveDegree: 30, teachersPostgraduate: 2 });
    expect(data.get(J)!.values).toEqual({ teachersTotal: null, teachersAboveDegree: null, teachersPostgraduate: null });
    expect(data.has('4401019999')).toBe(false);
    expect(present).toEqual({ teachers: true, facilities: false, enrolments: false, classes: false });
  });

  it('reports a value above the field maximum', async () => {
    // 专任教师数 max is 5000 in fields.ts; 5001 > 5000
    const file = await handMade({ 教师: [TEACHER_HEADERS.slice(0, 3), [P, '第一小学', 5001]] });
    const { problems } = await parseStatsWorkbook(file, ctx);
    expect(problems.map(where)).toEqual(['教师!C2']);
    expect(problems[0].reason).toContain('超过上限 5000');
  });

  it('accepts full-width digits, thousands separators, spaces, numbers as text and number-typed codes', async () => {
    const file = await handMade({
      教师: [
        TEACHER_HEADERS.slice(0, 3),
        [4401010001, '第一小学', '１２３'], // code typed as a number; １２３ → 123
        [` ${J} `, '第二中学', ' 60 '], // spaces around the code and the value
      ],
      校舍与装备: [
        ['学校标识码', '学校名称', '校舍建筑面积(m²)', '图书(册)', '教学仪器设备资产值(元)'],
        ['４４０１０１０００１', '第一小学', '４５．５', '1,234', '１，２３４，５６７．８９'], // full-width code; 45.5; 1234; 1234567.89
      ],
    });
    const { problems, data } = await parseStatsWorkbook(file, ctx);
    expect(problems).toEqual([]);
    expect(data.get(P)!.values).toEqual({ teachersTotal: 123, buildingAreaM2: 45.5, books: 1234, equipmentValueYuan: 1234567.89 });
    expect(data.get(J)!.values).toEqual({ teachersTotal: 60 });
  });

  it('treats full-width minus as a minus sign', async () => {
    const file = await handMade({ 教师: [TEACHER_HEADERS.slice(0, 3), [P, '第一小学', '－５']] });
    const { problems } = await parseStatsWorkbook(file, ctx);
    expect(problems.map(where)).toEqual(['教师!C2']);
    expect(problems[0].reason).toContain('不能为负数（填写值 -5）');
  });

  it('uses the cached result of formula cells and the text of rich-text cells', async () => {
    const file = await handMade({
      教师: [
        TEACHER_HEADERS.slice(0, 4),
        [P, '第一小学', { formula: '20+20', result: 40 }, { richText: [{ text: '3' }, { text: '5' }] }], // 40 and "35"
        [J, '第二中学', { formula: 'C2+1' }, 10], // no cached result
      ],
    });
    const { problems, data } = await parseStatsWorkbook(file, ctx);
    expect(data.get(P)!.values).toEqual({ teachersTotal: 40, teachersAboveDegree: 35 });
    expect(problems.map(where)).toEqual(['教师!C3']);
    expect(problems[0].reason).toContain('公式没有保存计算结果');
  });

  it('matches headers with full-width parentheses, spaces, no unit, or the English label; ignores extra columns', async () => {
    const file = await handMade({
      教师: [
        ['学校标识码', '学校名称', ' 专任教师数（人） ', 'Teachers above the required degree', '研究生学历专任教师数', '备注'],
        [P, '第一小学', 40, 35, 3, '随便写点什么'],
      ],
    });
    const { problems, data } = await parseStatsWorkbook(file, ctx);
    expect(problems).toEqual([]);
    expect(data.get(P)!.values).toEqual({ teachersTotal: 40, teachersAboveDegree: 35, teachersPostgraduate: 3 });
  });

  it('reports a cross-field rule on the row of the school, in the column of the rule’s first key', async () => {
    // 高于规定学历 30 > 专任教师数 25 breaks rule aboveDegree<=total; its first key is teachersAboveDegree (column D)
    const file = await handMade({ 教师: [TEACHER_HEADERS.slice(0, 4), [J, '第二中学', 25, 30]] });
    const { problems } = await parseStatsWorkbook(file, ctx);
    expect(problems.map(where)).toEqual(['教师!D2']);
    expect(problems[0].reason).toContain('高于规定学历教师数不能超过专任教师数');
    expect(problems[0].reason).toContain('30');
  });

  it('reports the age bands that do not add up to the total', async () => {
    // 10 + 12 + 10 + 7 = 39 ≠ 40; the rule's first key teachersAgeUnder30 is the 3rd column (C)
    const file = await handMade({
      教师: [
        ['学校标识码', '专任教师数', '30岁以下专任教师数', '30–39岁专任教师数', '40–49岁专任教师数', '50岁及以上专任教师数'],
        [P, 40, 10, 12, 10, 7],
      ],
    });
    const { problems } = await parseStatsWorkbook(file, ctx);
    expect(problems.map(where)).toEqual(['教师!C2']);
    expect(problems[0].reason).toContain('各年龄段教师之和应等于专任教师数');
  });
});

describe('parseStatsWorkbook: grades and classes', () => {
  it('reports class sizes that disagree with the grade’s 学生数 on the 学生数 cell', async () => {
    const file = await handMade({
      年级学生: [ENROL_HEADERS, [P, '第一小学', '一年级', 90]],
      班级: [CLASS_HEADERS, [P, '第一小学', '一年级', 1, 45], [P, '第一小学', '一年级', 2, 44]],
    });
    const { problems, data } = await parseStatsWorkbook(file, ctx);
    // 45 + 44 = 89 ≠ 90 → on 年级学生 row 2, column D (学生数)
    expect(problems.map(where)).toEqual(['年级学生!D2']);
    expect(problems[0].reason).toContain('各班人数之和为 89，与学生数 90 不一致');
    expect(problems[0].header).toBe('学生数(人)');
    expect(data.get(P)).toEqual({
      values: {},
      enrolments: [{ grade: 1, students: 90 }],
      classes: [
        { grade: 1, classNo: 1, size: 45 },
        { grade: 1, classNo: 2, size: 44 },
      ],
    });
  });

  it('accepts grade spellings and reports grades the level does not teach and unknown grade names', async () => {
    const file = await handMade({
      年级学生: [
        ENROL_HEADERS,
        [P, '第一小学', '七年级', 50], // row 2: a 小学 has no grade 7
        [J, '第二中学', '初一', 150], // row 3: 初一 → 7
        [J, '第二中学', 8, 148], // row 4: 8
        [J, '第二中学', '9年级', 145], // row 5: 9
        [J, '第二中学', '七年纪', 10], // row 6: typo, unknown
        [J, '第二中学', '高一', 10], // row 7: grade 10, not taught in a 初中
      ],
    });
    const { problems, data } = await parseStatsWorkbook(file, ctx);
    expect(problems.map(where)).toEqual(['年级学生!C2', '年级学生!C6', '年级学生!C7']);
    expect(problems[0].reason).toContain('小学没有七年级');
    expect(problems[1].reason).toContain('无法识别的年级「七年纪」');
    expect(problems[2].reason).toContain('初中没有高一');
    expect(data.get(J)!.enrolments).toEqual([
      { grade: 7, students: 150 },
      { grade: 8, students: 148 },
      { grade: 9, students: 145 },
    ]);
  });

  it('reports duplicates in 年级学生 and 班级, a missing 学生数, and classes of a grade without a 年级学生 row', async () => {
    const file = await handMade({
      年级学生: [
        ENROL_HEADERS,
        [J, '第二中学', '七年级', 100], // row 2
        [J, '第二中学', '初一', 100], // row 3: 初一 = 七年级 again
        [J, '第二中学', '八年级', null], // row 4: 学生数 missing
      ],
      班级: [
        CLASS_HEADERS,
        [J, '第二中学', '七年级', 1, 50], // row 2
        [J, '第二中学', '七年级', 2, 50], // row 3: 50 + 50 = 100 = 学生数 of row 2 → no total problem
        [J, '第二中学', '七年级', '2班', 48], // row 4: class 2 again (first at row 3)
        [J, '第二中学', '九年级', 1, 45], // row 5: 九年级 has no 年级学生 row
        [J, '第二中学', '九年级', 2, 130], // row 6: 130 > 120, the class-size maximum
        [J, '第二中学', null, null, null], // row 7: a placeholder row, skipped
      ],
    });
    const { problems } = await parseStatsWorkbook(file, ctx);
    expect(problems.map(where)).toEqual(['年级学生!C3', '年级学生!D4', '班级!D4', '班级!C5', '班级!E6']);
    expect(problems[0].reason).toContain('与第 2 行相同');
    expect(problems[1].reason).toContain('学生数不能为空');
    expect(problems[2].reason).toContain('与第 3 行相同');
    expect(problems[3].reason).toContain('九年级有班级，但「年级学生」表中没有这个年级');
    expect(problems[4].reason).toContain('超过上限 120');
  });

  it('a file with only 班级 marks only classes present and skips the total check', async () => {
    const file = await handMade({ 班级: [CLASS_HEADERS, [P, '第一小学', '三年级', '(1)班', '４２']] });
    const { problems, data, present } = await parseStatsWorkbook(file, ctx);
    expect(problems).toEqual([]);
    expect(present).toEqual({ teachers: false, facilities: false, enrolments: false, classes: true });
    expect(data.get(P)).toEqual({ values: {}, enrolments: [], classes: [{ grade: 3, classNo: 1, size: 42 }] });
  });
});

describe('parseStatsWorkbook: whole-file and header problems', () => {
  it.each([
    ['garbage bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01])],
    ['a CSV file', Buffer.from('学校标识码,专任教师数\n4401010001,40\n')],
    ['an empty file', Buffer.alloc(0)],
    ['a zip header followed by garbage', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])],
  ])('%s → one problem, no throw', async (_label, bytes) => {
    const parsed = await parseStatsWorkbook(bytes, ctx);
    expect(parsed.problems).toEqual([{ file: 'upload.xlsx', sheet: '', row: 0, column: '', header: '', reason: '不是有效的 .xlsx 文件 / not a valid .xlsx file' }]);
    expect(parsed.data.size).toBe(0);
  });

  it('a truncated xlsx → the invalid-file problem', async () => {
    const file = await handMade({ 教师: [TEACHER_HEADERS, [P, '第一小学', 40, 30, 2]] });
    const parsed = await parseStatsWorkbook(file.subarray(0, Math.floor(file.length / 2)), ctx);
    expect(parsed.problems.map((p) => p.reason)).toEqual(['不是有效的 .xlsx 文件 / not a valid .xlsx file']);
  });

  it('reports a sheet without 学校标识码 and a sheet without any known field; ignores unknown sheets', async () => {
    const file = await handMade({
      教师: [
        ['学校', '专任教师数(人)'],
        ['第一小学', 40],
      ],
      校舍与装备: [
        ['学校标识码', '学校名称', '操场颜色'],
        [P, '第一小学', '红'],
      ],
      我的草稿: [['随便'], [1]],
    });
    const { problems, present } = await parseStatsWorkbook(file, ctx);
    expect(problems.map((p) => `${p.sheet}!${p.row}`)).toEqual(['教师!1', '校舍与装备!1']);
    expect(problems[0].reason).toContain('缺少「学校标识码」列');
    expect(problems[1].reason).toContain('没有可识别的指标列');
    expect(present).toEqual({ teachers: false, facilities: false, enrolments: false, classes: false });
  });

  it('a clean hand-made file with every sheet gives zero problems', async () => {
    const file = await handMade({
      说明: [['学校年度统计填报表（2024-2025学年）']],
      教师: [TEACHER_HEADERS, [P, '第一小学', 40, 35, 3], [J, '第二中学', 60, 55, 6]],
      校舍与装备: [
        ['学校标识码', '学校名称', '校舍建筑面积(m²)', '教学及辅助用房面积(m²)'],
        [P, '第一小学', 8500.5, 4200],
      ],
      // 23 + 22 = 45 = 学生数 of 第一小学 一年级; 50 = 学生数 of 第二中学 七年级
      年级学生: [ENROL_HEADERS, [P, '第一小学', '一年级', 45], [J, '第二中学', '七年级', 50]],
      班级: [CLASS_HEADERS, [P, '第一小学', '一年级', 1, 23], [P, '第一小学', '一年级', 2, 22], [J, '第二中学', '初一', 1, 50]],
      _lists: [['年级'], ['一年级']],
    });
    const { problems, present } = await parseStatsWorkbook(file, ctx);
    expect(problems).toEqual([]);
    expect(present).toEqual({ teachers: true, facilities: true, enrolments: true, classes: true });
  });
});

describe('helpers', () => {
  it('parseNumberText', () => {
    expect(parseNumberText('１２３')).toBe(123);
    expect(parseNumberText('４５．５')).toBe(45.5);
    expect(parseNumberText(' 1,234 ')).toBe(1234);
    expect(parseNumberText('－３')).toBe(-3);
    expect(parseNumberText('1,23')).toBeNull(); // not a thousands grouping
    expect(parseNumberText('12人')).toBeNull();
  });
  it('parseGrade', () => {
    expect(['七年级', '初一', '7', '7年级', 7, '初中一年级', 'Grade 7'].map(parseGrade)).toEqual([7, 7, 7, 7, 7, 7, 7]);
    expect(['一年级', '1', '高一', '高三', '十二年级'].map(parseGrade)).toEqual([1, 1, 10, 12, 12]);
    expect(['七年纪', '13', 0, '初四'].map(parseGrade)).toEqual([null, null, null, null]);
  });
});

describe('exportRowsWorkbook', () => {
  it('streams 100,000 rows into a one-sheet workbook', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i + 1, user: `user${i % 7}`, at: new Date(Date.UTC(2024, 8, 1)), detail: { n: i } }));
    const file = await exportRowsWorkbook(
      '审计日志:2024/09',
      [
        { header: '序号', key: 'id' },
        { header: '用户', key: 'user', width: 16 },
        { header: '时间', key: 'at', width: 20 },
        { header: '详情', key: 'detail' },
      ],
      rows,
    );
    const reader = openXlsxReader(file);
    let count = 0;
    let last: unknown[] = [];
    let sheetName = '';
    for await (const ws of reader) {
      sheetName = (ws as unknown as { name: string }).name;
      for await (const row of ws) {
        count++;
        last = (row.values as unknown[]).slice(1);
        if (row.number === 1) expect(last).toEqual(['序号', '用户', '时间', '详情']);
      }
    }
    // 1 header + 100,000 data rows; the last row is id 100000, user 99999 % 7 = 4 → "user4"
    expect(count).toBe(100_001);
    expect(last[0]).toBe(100_000);
    expect(last[1]).toBe('user4');
    expect(last[3]).toBe('{"n":99999}');
    expect(sheetName).toBe('审计日志_2024_09'); // ":" and "/" are not allowed in sheet names
  }, 60_000);
});
