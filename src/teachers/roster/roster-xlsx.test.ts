import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SchoolLevel } from '../../registry/model.js';
import type { RosterTeacher } from '../model.js';
import { readRosterFile } from './read-file.js';
import { rosterTemplate, rosterWorkbook } from './roster-xlsx.js';

const NINE = '3309020002';
const PRIMARY = '3309020001';
const schools = new Map<string, { level: SchoolLevel; name: string }>([
  [PRIMARY, { level: '小学', name: '城关小学' }],
  [NINE, { level: '九年一贯制', name: '东港学校' }],
]);

const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe('rosterTemplate', () => {
  it('writes the header read-file expects (学部 only with several sections), a 说明 sheet and an example', async () => {
    const wb = await load(await rosterTemplate('东港学校', ['小学', '初中']));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['教师名册', '说明']);
    const header = rowValues(wb.worksheets[0], 1);
    expect(header).toEqual([
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
    ]);
    expect(wb.worksheets[0].rowCount).toBe(1); // no example among the data: it would be imported as a teacher
    const guide = wb.getWorksheet('说明')!;
    const text = guide.getSheetValues().flat().join('|');
    for (const v of ['中小学高级', '小学高级', '国家级', '编制内', '人社部发〔2015〕79号', '教育家型', '高中及以下']) expect(text).toContain(v);
    const single = await load(await rosterTemplate('城关小学', ['小学']));
    expect(rowValues(single.worksheets[0], 1)).not.toContain('学部');
  });

  it('reads back: the template filled in, and its own example row', async () => {
    const wb = await load(await rosterTemplate('东港学校', ['小学', '初中']));
    const ws = wb.worksheets[0];
    const guide = wb.getWorksheet('说明')!;
    // The example row under its header in the 说明 sheet, copied into the roster sheet with the school's code.
    let exampleAt = 0;
    guide.eachRow((r, n) => {
      if (r.getCell(1).value === '示例 / Example') exampleAt = n + 2;
    });
    const example = rowValues(guide, exampleAt);
    ws.addRow([NINE, ...example.slice(1)]);
    ws.addRow([NINE, '小学', 'B2', '李明', '男', 1999, '', '数学', '专任教师', '大专', '中小学二级教师', '是', '', '', '', 2021, '聘用']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await readRosterFile(buf, 'filled.xlsx', { year: 2025, schools });
    expect(r).toEqual({
      rows: [
        {
          row: 2,
          schoolCode: NINE,
          section: '初中',
          staffNo: 'A017',
          name: '张丽',
          sex: '女',
          birthYear: 1985,
          idNumber: null,
          subjects: ['语文', '道德与法治'],
          post: '专任',
          qualification: '本科',
          title: '一级',
          certified: true,
          backboneLevel: '县',
          backboneYear: 2022,
          tier: null,
          schoolSince: 2012,
          employment: '在编',
        },
        {
          row: 3,
          schoolCode: NINE,
          section: '小学',
          staffNo: 'B2',
          name: '李明',
          sex: '男',
          birthYear: 1999,
          idNumber: null,
          subjects: ['数学'],
          post: '专任',
          qualification: '专科',
          title: '二级',
          certified: true,
          backboneLevel: null,
          backboneYear: null,
          tier: null,
          schoolSince: 2021,
          employment: '合同',
        },
      ],
    });
  });
});

describe('rosterWorkbook', () => {
  it('exports the same columns with the school’s name and no 身份证号, and re-imports to the same rows', async () => {
    const teachers: (RosterTeacher & { schoolName: string })[] = [
      {
        teacherId: 'T1',
        name: '王强',
        sex: '男',
        birthYear: 1976,
        schoolCode: NINE,
        schoolName: '东港学校',
        section: '初中',
        staffNo: '007',
        subjects: ['体育', '数学'],
        post: '专任',
        qualification: '研究生',
        title: '正高级',
        certified: true,
        backboneLevel: '省',
        backboneYear: 2019,
        tier: '卓越',
        schoolSince: 2001,
        employment: '在编',
      },
      {
        teacherId: 'T2',
        name: '赵敏',
        sex: '女',
        birthYear: 1995,
        schoolCode: PRIMARY,
        schoolName: '城关小学',
        section: null,
        staffNo: null,
        subjects: ['音乐'],
        post: '行政',
        qualification: '专科',
        title: '未定级',
        certified: false,
        backboneLevel: null,
        backboneYear: null,
        tier: null,
        schoolSince: 2020,
        employment: '合同',
      },
    ];
    const buf = await rosterWorkbook(teachers, 2025);
    const ws = (await load(buf)).worksheets[0];
    expect(ws.name).toBe('教师名册 2025-2026');
    expect(rowValues(ws, 1)).toEqual([
      '学校代码',
      '学校名称',
      '学部',
      '工号',
      '姓名',
      '性别',
      '出生年份',
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
    ]);
    expect(rowValues(ws, 2)).toEqual([NINE, '东港学校', '初中', '007', '王强', '男', 1976, '体育、数学', '专任', '研究生', '正高级', '有', '省级', 2019, '卓越', 2001, '在编']);
    const back = await readRosterFile(buf, 'export.xlsx', { year: 2025, schools });
    expect(back).toEqual({ rows: teachers.map(({ teacherId: _t, schoolName: _s, ...t }, i) => ({ ...t, row: i + 2, idNumber: null })) });
  });

  it('exports an empty roster as the header alone', async () => {
    const ws = (await load(await rosterWorkbook([], 2025))).worksheets[0];
    expect(ws.rowCount).toBe(1);
  });
});
