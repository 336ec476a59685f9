// Excel I/O of the annual school statistics: the fill-in template, the bureau's export (same
// layout), the import parser with cell-level problem reports, and a generic streaming row export.
//
// Layout (one workbook per academic year):
//   说明        instructions (Chinese + one English line) and the year "2024-2025学年"
//   教师        one row per school, one column per teachers field of fields.ts
//   校舍与装备  one row per school, one column per facilities field of fields.ts
//   年级学生    one row per school × grade: 学校标识码, 学校名称, 年级, 学生数(人)
//   班级        one row per class: 学校标识码, 学校名称, 年级, 班号, 班级人数(人)
//   _lists      hidden; the drop-down lists (grade names, school codes)
//
// exceljs pitfalls (shared/reference/dependencies.md §4): uploads are read with the STREAMING
// WorkbookReader (a whole-workbook read needs ~8× the memory), and nothing parsed from an upload
// is ever put into a cell note (CVE-2026-78207, prototype pollution through note deepMerge).
export { SHEET_GUIDE, SHEET_ENROLMENTS, SHEET_CLASSES, SHEET_LISTS, columnHeader, schoolYearLabel, columnLetter } from './excel/layout.js';
export { buildStatsWorkbook, type StatsWorkbookSchool, type BuildStatsWorkbookOptions } from './excel/template.js';
export { parseStatsWorkbook, type ParseStatsContext, type PresentParts, type ParsedStatsWorkbook } from './excel/import.js';
export { scalarOf, parseNumberText, parseGrade, type Scalar } from './excel/cells.js';
export { looksLikeZip, openXlsxReader } from '../core/xlsx/reader.js';
export { exportRowsWorkbook, type ExportColumn } from '../core/xlsx/export-rows.js';
