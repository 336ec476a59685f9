// The score template of one exam (成绩导入模板): a sheet 成绩 with the columns the import reads — 学籍号, 姓名, 性别,
// 学校代码 (a drop-down list of the district's schools), 班级, then each subject headed with its full marks
// (语文（满分120）) — a sheet 学校 with the codes and names the list offers, and a sheet 填写说明. Filled in, it is
// imported as it is (import/xlsx.ts reads every sheet whose header names 学籍号; the other two have none).
import ExcelJS from 'exceljs';
import type { ExamDto } from './contract.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Rows that carry the drop-down list and the score checks. */
const ROWS = 5000;

/** exceljs keeps range validations in `dataValidations` (written as one <dataValidation sqref>), absent from its types. */
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

const marksText = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));

export async function buildScoreTemplate(exam: ExamDto, schools: ReadonlyMap<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng 均衡';
  const ws = wb.addWorksheet('成绩', { views: [{ state: 'frozen', ySplit: 1 }] });
  const fixed = ['学籍号', '姓名', '性别', '学校代码', '班级'];
  ws.columns = [
    ...fixed.map((h) => ({ header: h, width: h === '学籍号' ? 22 : 12, style: { numFmt: '@' } })),
    ...exam.subjects.map((s) => ({ header: `${s.subject}（满分${marksText(s.fullMarks)}）`, width: 16 })),
  ];
  ws.getRow(1).eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { horizontal: 'center' };
  });
  const list = wb.addWorksheet('学校');
  list.columns = [
    { header: '学校代码', width: 14, style: { numFmt: '@' } },
    { header: '学校名称', width: 28 },
  ];
  const codes = [...schools.keys()].sort();
  for (const code of codes) list.addRow([code, schools.get(code)]);
  list.getRow(1).font = { bold: true };
  if (codes.length)
    validations(ws).add(`D2:D${ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`学校!$A$2:$A$${codes.length + 1}`],
      showErrorMessage: true,
      errorTitle: '学校代码',
      error: '请从「学校」表中的学校代码选择。',
    });
  exam.subjects.forEach((s, k) => {
    const col = ws.getColumn(fixed.length + 1 + k).letter;
    validations(ws).add(`${col}2:${col}${ROWS}`, {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, s.fullMarks],
      showErrorMessage: false, // 缺考、作弊、免考 are written as text
    });
  });
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  const subjects = exam.subjects.map((s) => `${s.subject} ${marksText(s.fullMarks)} 分`).join('，');
  for (const line of [
    `${exam.name} 成绩导入模板`,
    '',
    '1. 在「成绩」表中每名学生填一行，从第 2 行开始；表头不要修改。',
    '2. 学生的学籍号必填且不重复；姓名、性别可空。',
    '3. 学校代码从下拉列表中选择（即「学校」表中的代码）；班级填写如“1班”。',
    `4. 各科填写得分，不超过满分：${subjects}。总分由系统计算，不必填写。`,
    '5. 缺考、作弊、免考的科目填写“缺考”“作弊”“免考”；空格按缺考计。',
    '6. 填好后在本次考试页面选择“导入成绩”上传本文件；文件有问题时会列出全部问题（表、行、列、原因），且不保存任何数据。',
  ])
    help.addRow([line]);
  help.getRow(1).font = { bold: true, size: 13 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
