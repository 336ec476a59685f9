// Reading an uploaded statistics workbook: every defect named by file, sheet, row and column.
import ExcelJS from 'exceljs';
import { looksLikeZip, openXlsxReader } from '../../core/xlsx/reader.js';
import { AppError } from '../../core/http/errors.js';
import { CONSISTENCY_RULES, GRADE_EN, GRADE_ZH, STAT_FIELDS, type StatValues, type Topic } from '../fields.js';
import { GRADES_OF_LEVEL, LEVEL_EN, type SchoolLevel } from '../model.js';
import { type ClassSize, type GradeEnrolment, type ImportProblem, type SchoolYearData } from '../types.js';
import {
  CLASS_NO_COL,
  CLASS_SIZE_COL,
  CLASS_SIZE_SPEC,
  CODE_COL,
  GRADE_COL,
  NAME_COL,
  SHEET_COLUMNS,
  SHEET_ENROLMENTS,
  STUDENTS_COL,
  STUDENTS_SPEC,
  type SheetKind,
  TOPIC_LIST,
  columnHeader,
  columnLetter,
  fieldsOf,
  schoolYearLabel,
} from './layout.js';
import {
  type Layout,
  type Reason,
  type Scalar,
  displayOf,
  isBlank,
  matchesHeader,
  normalizeText,
  parseGrade,
  readBoundedNumber,
  readClassNo,
  readSchoolCode,
  scalarOf,
  sheetKindOf,
  textOf,
  controlCharReason,
} from './cells.js';

// ───────────────────────────── reading an upload ─────────────────────────────

export interface ParseStatsContext {
  fileName: string;
  year: number;
  knownSchools: Map<string, { name: string; level: SchoolLevel }>;
}
/** Which parts the file carries; the caller replaces only those. */
export interface PresentParts {
  teachers: boolean;
  facilities: boolean;
  enrolments: boolean;
  classes: boolean;
}
export interface ParsedStatsWorkbook {
  data: Map<string, SchoolYearData>;
  problems: ImportProblem[];
  present: PresentParts;
  /** Where each school's figures first appear in the file (sheet and row), to name it in a problem of the whole school. */
  firstRow: Map<string, { sheet: string; row: number }>;
}

const INVALID_FILE_REASON = '不是有效的 .xlsx 文件 / not a valid .xlsx file';

/**
 * Read an uploaded statistics workbook. Never throws on bad input: every defect becomes an
 * ImportProblem (all of them, not just the first). A sheet is "present" when it is in the file,
 * has a usable header and at least one filled data cell — an untouched template sheet is treated
 * as absent so that uploading a partly filled template does not wipe the other parts.
 * `data` holds, per known school, only what the file carries; cells with problems are null / left out.
 */
export async function parseStatsWorkbook(input: Buffer, ctx: ParseStatsContext): Promise<ParsedStatsWorkbook> {
  const invalidFile = (): ParsedStatsWorkbook => ({
    data: new Map(),
    problems: [{ file: ctx.fileName, sheet: '', row: 0, column: '', header: '', reason: INVALID_FILE_REASON }],
    present: { teachers: false, facilities: false, enrolments: false, classes: false },
    firstRow: new Map(),
  });
  // exceljs' unzipper hangs on an empty stream and fails late on other bytes: check the zip signature first.
  if (!looksLikeZip(input)) return invalidFile();
  const state = new ImportState(ctx);
  let sheets = 0;
  try {
    for await (const ws of openXlsxReader(input, { fileName: ctx.fileName })) {
      sheets++;
      await state.readSheet(ws);
    }
  } catch (e) {
    if (e instanceof AppError) throw e; // a limit of what an upload may expand to (413/422)
    return invalidFile(); // corrupt zip or XML: nothing read so far can be trusted
  }
  if (sheets === 0) return invalidFile(); // a zip, but not a workbook (e.g. a .docx or a plain archive)
  return state.finish();
}

/** What the streaming reader hands out per worksheet (its typings lack `name`). */
interface StreamSheet extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

// ── per-sheet state ──

/** Problems of one sheet, kept apart until we know whether the sheet holds any data at all. */
class SheetScope {
  readonly problems: ImportProblem[] = [];
  filled = false;
  layout: Layout = { cols: new Map(), texts: new Map() };
  constructor(
    readonly file: string,
    readonly sheet: string,
  ) {}

  report(row: number, col: number | undefined, reason: Reason, header?: string): void {
    this.problems.push({
      file: this.file,
      sheet: this.sheet,
      row,
      column: col ? columnLetter(col) : '',
      header: header ?? (col ? (this.layout.texts.get(col) ?? '') : ''),
      reason: `${reason.zh} / ${reason.en}`,
    });
  }
  col(id: string): number | undefined {
    return this.layout.cols.get(id);
  }
  cell(row: ExcelJS.Row, id: string): Scalar {
    const col = this.col(id);
    return col ? scalarOf(row.getCell(col).value) : null;
  }
}

interface TopicRow {
  row: number;
  values: StatValues;
  invalid: Set<string>; // keys whose cell had a problem (left out of the consistency rules)
}
interface EnrolmentRow {
  row: number;
  grade: number;
  students: number | null; // null when the cell had a problem
}
interface ClassRow extends ClassSize {
  row: number;
}
/** Per school: the rows read so far of each present sheet. */
interface SchoolParts {
  topics: Partial<Record<Topic, TopicRow>>;
  enrolments: Map<number, EnrolmentRow>;
  classes: ClassRow[];
}

class ImportState {
  private readonly problems: ImportProblem[] = [];
  readonly present: PresentParts = { teachers: false, facilities: false, enrolments: false, classes: false };
  private readonly schools = new Map<string, SchoolParts>();
  private readonly scopes: Partial<Record<SheetKind, SheetScope>> = {};
  /** code:grade groups whose class sizes cannot be summed (a class row there had a problem). */
  private readonly unsummable = new Set<string>();
  /** Schools with a 年级学生 row whose grade could not be read. */
  private readonly ungradedEnrolments = new Set<string>();
  private readonly sheetOrder: string[] = [];
  private readonly firstRow = new Map<string, { sheet: string; row: number }>();

  constructor(private readonly ctx: ParseStatsContext) {}

  async readSheet(ws: StreamSheet): Promise<void> {
    const name = ws.name ?? '';
    this.sheetOrder.push(name);
    const kind = sheetKindOf(name);
    if (kind === 'guide') return this.readGuide(ws, name);
    if (kind === null) return drain(ws); // _lists and unknown sheets
    if (this.scopes[kind]) {
      this.problems.push({
        file: this.ctx.fileName,
        sheet: name,
        row: 0,
        column: '',
        header: '',
        reason: `与工作表「${this.scopes[kind].sheet}」重复，本表被忽略 / duplicates the sheet "${this.scopes[kind].sheet}"; this sheet is ignored`,
      });
      return drain(ws);
    }
    const scope = new SheetScope(this.ctx.fileName, name);
    this.scopes[kind] = scope;
    const pending = new Map<string, SchoolParts>(); // committed only if the sheet holds data
    let headerDone = false;
    let usable = false;
    for await (const row of ws) {
      if (!headerDone) {
        headerDone = true;
        usable = this.readHeader(kind, scope, row.number === 1 ? row : undefined);
        if (row.number === 1) continue;
      }
      if (usable) this.readRow(kind, scope, row, pending);
    }
    if (!headerDone) this.readHeader(kind, scope, undefined); // an empty sheet
    if (!usable || !scope.filled) return;
    this.present[kind] = true;
    this.problems.push(...scope.problems);
    for (const [code, parts] of pending) {
      mergeParts(this.schoolParts(code), parts);
      const rows = [...Object.values(parts.topics).map((t) => t.row), ...[...parts.enrolments.values()].map((e) => e.row), ...parts.classes.map((c) => c.row)];
      if (!this.firstRow.has(code) && rows.length) this.firstRow.set(code, { sheet: name, row: Math.min(...rows) });
    }
  }

  /** 说明: the school year written by buildStatsWorkbook must be the year being imported. */
  private async readGuide(ws: StreamSheet, name: string): Promise<void> {
    let found = false;
    for await (const row of ws) {
      if (found || row.number > 10) continue;
      row.eachCell((cell, col) => {
        const s = scalarOf(cell.value);
        const m = typeof s === 'string' ? /(\d{4})\s*-\s*(\d{4})\s*学年/.exec(normalizeText(s)) : null;
        if (!m || found) return;
        found = true;
        if (Number(m[1]) !== this.ctx.year) {
          this.problems.push({
            file: this.ctx.fileName,
            sheet: name,
            row: row.number,
            column: columnLetter(col),
            header: '',
            reason: `文件是 ${m[1]}-${m[2]}学年 的表，当前导入的是 ${schoolYearLabel(this.ctx.year)} / the file is for the ${m[1]}–${m[2]} school year, not ${this.ctx.year}–${this.ctx.year + 1}`,
          });
        }
      });
    }
  }

  /** Map the header row; report what is missing. Returns whether rows can be read. */
  private readHeader(kind: SheetKind, scope: SheetScope, row: ExcelJS.Row | undefined): boolean {
    const defs = SHEET_COLUMNS[kind];
    const { cols, texts } = scope.layout;
    row?.eachCell((cell, col) => {
      const text = textOf(scalarOf(cell.value));
      if (!text) return;
      texts.set(col, text);
      const def = defs.find((d) => matchesHeader(d, text));
      if (!def) return; // unknown extra columns are ignored
      const earlier = cols.get(def.id);
      if (earlier) {
        this.problems.push(
          headerProblem(scope, columnLetter(col), text, {
            zh: `列「${text}」重复，与 ${columnLetter(earlier)} 列相同，本列被忽略`,
            en: `duplicate column "${text}", same as column ${columnLetter(earlier)}; this column is ignored`,
          }),
        );
      } else cols.set(def.id, col);
    });
    if (!cols.has(CODE_COL.id)) {
      this.problems.push(headerProblem(scope, '', CODE_COL.zh, { zh: '第 1 行缺少「学校标识码」列', en: 'row 1 has no 学校标识码 (school code) column' }));
      return false;
    }
    const dataDefs = defs.filter((d) => d !== CODE_COL && d !== NAME_COL);
    if (kind === 'teachers' || kind === 'facilities') {
      if (dataDefs.some((d) => cols.has(d.id))) return true;
      this.problems.push(headerProblem(scope, '', '', { zh: '第 1 行没有可识别的指标列', en: 'row 1 has no known statistic column' }));
      return false;
    }
    const missing = dataDefs.filter((d) => !cols.has(d.id));
    if (missing.length === 0) return true;
    const list = missing.map((d) => columnHeader(d));
    this.problems.push(
      headerProblem(scope, '', list.join('、'), {
        zh: `第 1 行缺少列：${list.join('、')}`,
        en: `row 1 lacks the column(s): ${missing.map((d) => d.en).join(', ')}`,
      }),
    );
    return false;
  }

  private readRow(kind: SheetKind, scope: SheetScope, row: ExcelJS.Row, pending: Map<string, SchoolParts>): void {
    const role = rowRole(kind, scope, row);
    if (role === 'skip') return;
    if (role === 'data') scope.filled = true;
    const nameControl = controlCharReason(scope.cell(row, NAME_COL.id)); // the 学校名称 column is not read, but checked
    if (nameControl) scope.report(row.number, scope.col(NAME_COL.id), nameControl);
    const school = this.readCode(scope, row, scope.cell(row, CODE_COL.id));
    if (kind === 'enrolments') return this.readEnrolmentRow(scope, row, school, pending);
    if (kind === 'classes') return this.readClassRow(scope, row, school, pending);
    return this.readTopicRow(kind, scope, row, school, pending);
  }

  /** Returns the known school's code and level, or null after reporting why not. */
  private readCode(scope: SheetScope, row: ExcelJS.Row, cell: Scalar): { code: string; level: SchoolLevel } | null {
    const col = scope.col(CODE_COL.id);
    if (isBlank(cell)) {
      scope.report(row.number, col, { zh: '学校标识码为空', en: 'the school code is missing' });
      return null;
    }
    const control = controlCharReason(cell);
    if (control) {
      scope.report(row.number, col, control);
      return null;
    }
    const code = readSchoolCode(cell, this.ctx.knownSchools);
    const known = this.ctx.knownSchools.get(code);
    if (known) return { code, level: known.level };
    scope.report(row.number, col, { zh: `学校标识码 ${code} 不在本区县学校名单中`, en: `school code ${code} is not in this district's school list` });
    return null;
  }

  private readTopicRow(topic: Topic, scope: SheetScope, row: ExcelJS.Row, school: { code: string } | null, pending: Map<string, SchoolParts>): void {
    const earlier = school && pending.get(school.code)?.topics[topic];
    if (school && earlier) {
      scope.report(row.number, scope.col(CODE_COL.id), {
        zh: `学校 ${school.code} 重复，与第 ${earlier.row} 行相同，本行被忽略`,
        en: `school ${school.code} appears twice, same as row ${earlier.row}; this row is ignored`,
      });
      return;
    }
    const parsed: TopicRow = { row: row.number, values: {}, invalid: new Set() };
    for (const f of fieldsOf(topic)) {
      const col = scope.col(f.key);
      if (!col) continue; // column not in the file: the value is not part of the upload
      const r = readBoundedNumber(scope.cell(row, f.key), f);
      if (r.ok) parsed.values[f.key] = r.value;
      else {
        scope.report(row.number, col, r);
        parsed.values[f.key] = null;
        parsed.invalid.add(f.key);
      }
    }
    if (school) partsOf(pending, school.code).topics[topic] = parsed;
  }

  private readEnrolmentRow(scope: SheetScope, row: ExcelJS.Row, school: { code: string; level: SchoolLevel } | null, pending: Map<string, SchoolParts>): void {
    const grade = this.readGradeCell(scope, row, school);
    if (school && grade === null) this.ungradedEnrolments.add(school.code);
    const studentsCol = scope.col(STUDENTS_COL.id);
    if (school && grade !== null) {
      const earlier = pending.get(school.code)?.enrolments.get(grade);
      if (earlier) {
        scope.report(row.number, scope.col(GRADE_COL.id), {
          zh: `学校 ${school.code} 的${GRADE_ZH[grade]}重复，与第 ${earlier.row} 行相同，本行被忽略`,
          en: `school ${school.code}, ${GRADE_EN[grade]} appears twice, same as row ${earlier.row}; this row is ignored`,
        });
        return;
      }
    }
    const cell = scope.cell(row, STUDENTS_COL.id);
    const r = isBlank(cell) ? ({ ok: false, zh: '学生数不能为空（没有学生请填 0）', en: 'the number of students is missing (enter 0 for none)' } as const) : readBoundedNumber(cell, STUDENTS_SPEC);
    if (!r.ok) scope.report(row.number, studentsCol, r);
    if (school && grade !== null) partsOf(pending, school.code).enrolments.set(grade, { row: row.number, grade, students: r.ok ? r.value : null });
  }

  private readClassRow(scope: SheetScope, row: ExcelJS.Row, school: { code: string; level: SchoolLevel } | null, pending: Map<string, SchoolParts>): void {
    const grade = this.readGradeCell(scope, row, school);
    const classNoCol = scope.col(CLASS_NO_COL.id);
    const noCell = scope.cell(row, CLASS_NO_COL.id);
    const no = isBlank(noCell) ? ({ ok: false, zh: '班号不能为空', en: 'the class number is missing' } as const) : readClassNo(noCell);
    if (!no.ok) scope.report(row.number, classNoCol, no);
    if (school && grade !== null && no.ok && no.value !== null) {
      const earlier = pending.get(school.code)?.classes.find((c) => c.grade === grade && c.classNo === no.value);
      if (earlier) {
        scope.report(row.number, classNoCol, {
          zh: `学校 ${school.code} ${GRADE_ZH[grade]} ${no.value} 班重复，与第 ${earlier.row} 行相同，本行被忽略`,
          en: `school ${school.code}, ${GRADE_EN[grade]} class ${no.value} appears twice, same as row ${earlier.row}; this row is ignored`,
        });
        return;
      }
    }
    const sizeCell = scope.cell(row, CLASS_SIZE_COL.id);
    const size = isBlank(sizeCell) ? ({ ok: false, zh: '班级人数不能为空', en: 'the class size is missing' } as const) : readBoundedNumber(sizeCell, CLASS_SIZE_SPEC);
    if (!size.ok) scope.report(row.number, scope.col(CLASS_SIZE_COL.id), size);
    if (!school) return;
    if (grade === null) {
      this.unsummable.add(`${school.code}:*`); // the class belongs to some grade we cannot tell
      return;
    }
    if (!no.ok || !size.ok || no.value === null || size.value === null) {
      this.unsummable.add(`${school.code}:${grade}`);
      return;
    }
    partsOf(pending, school.code).classes.push({ row: row.number, grade, classNo: no.value, size: size.value });
  }

  /** 年级 cell → grade number; reports unknown names and grades the school's level does not teach (GRADES_OF_LEVEL). */
  private readGradeCell(scope: SheetScope, row: ExcelJS.Row, school: { level: SchoolLevel } | null): number | null {
    const col = scope.col(GRADE_COL.id);
    const cell = scope.cell(row, GRADE_COL.id);
    if (isBlank(cell)) {
      scope.report(row.number, col, { zh: '年级为空', en: 'the grade is missing' });
      return null;
    }
    const control = controlCharReason(cell);
    if (control) {
      scope.report(row.number, col, control);
      return null;
    }
    const grade = parseGrade(cell);
    if (grade === null) {
      const shown = displayOf(cell);
      scope.report(row.number, col, { zh: `无法识别的年级「${shown}」`, en: `unknown grade "${shown}"` });
      return null;
    }
    if (school && !GRADES_OF_LEVEL[school.level].includes(grade)) {
      scope.report(row.number, col, {
        zh: `${school.level}没有${GRADE_ZH[grade]}`,
        en: `a ${LEVEL_EN[school.level]} school has no ${GRADE_EN[grade]}`,
      });
      return null;
    }
    return grade;
  }

  private schoolParts(code: string): SchoolParts {
    let p = this.schools.get(code);
    if (!p) this.schools.set(code, (p = emptyParts()));
    return p;
  }

  /** Cross-sheet checks, then the result. */
  finish(): ParsedStatsWorkbook {
    if (this.present.enrolments && this.present.classes) this.checkClassTotals();
    this.checkConsistency();
    const data = new Map<string, SchoolYearData>();
    for (const [code, p] of this.schools) {
      const values: StatValues = {};
      for (const topic of TOPIC_LIST) Object.assign(values, p.topics[topic]?.values);
      const enrolments: GradeEnrolment[] = [...p.enrolments.values()].filter((e) => e.students !== null).map((e) => ({ grade: e.grade, students: e.students as number }));
      const classes: ClassSize[] = p.classes.map(({ grade, classNo, size }) => ({ grade, classNo, size }));
      data.set(code, { values, enrolments, classes });
    }
    return { data, problems: this.sortedProblems(), present: { ...this.present }, firstRow: new Map(this.firstRow) };
  }

  /** The class sizes of a grade must add up to its 学生数 (年级学生 ↔ 班级). */
  private checkClassTotals(): void {
    const enrolScope = this.scopes.enrolments!;
    const classScope = this.scopes.classes!;
    for (const [code, p] of this.schools) {
      const byGrade = new Map<number, ClassRow[]>();
      for (const c of p.classes) byGrade.set(c.grade, [...(byGrade.get(c.grade) ?? []), c]);
      for (const [grade, classes] of byGrade) {
        const enrol = p.enrolments.get(grade);
        if (!enrol) {
          if (this.ungradedEnrolments.has(code)) continue; // its row may be the one whose 年级 was unreadable
          this.problems.push(
            problemAt(classScope, classes[0].row, GRADE_COL.id, {
              zh: `学校 ${code} 的${GRADE_ZH[grade]}有班级，但「${SHEET_ENROLMENTS}」表中没有这个年级`,
              en: `school ${code} has classes in ${GRADE_EN[grade]} but no row for that grade in 年级学生`,
            }),
          );
          continue;
        }
        if (enrol.students === null || this.unsummable.has(`${code}:${grade}`) || this.unsummable.has(`${code}:*`)) continue;
        const sum = classes.reduce((s, c) => s + c.size, 0);
        if (sum !== enrol.students) {
          this.problems.push(
            problemAt(enrolScope, enrol.row, STUDENTS_COL.id, {
              zh: `${GRADE_ZH[grade]}各班人数之和为 ${sum}，与学生数 ${enrol.students} 不一致`,
              en: `the class sizes of ${GRADE_EN[grade]} add up to ${sum}, but the number of students is ${enrol.students}`,
            }),
          );
        }
      }
    }
  }

  /** CONSISTENCY_RULES of fields.ts, reported at the first key of the rule that is in the file. */
  private checkConsistency(): void {
    for (const p of this.schools.values()) {
      const values: StatValues = {};
      const invalid = new Set<string>();
      for (const topic of TOPIC_LIST) {
        Object.assign(values, p.topics[topic]?.values);
        p.topics[topic]?.invalid.forEach((k) => invalid.add(k));
      }
      for (const rule of CONSISTENCY_RULES) {
        if (rule.keys.some((k) => invalid.has(k)) || !rule.violated(values)) continue;
        const key = rule.keys.find((k) => k in values);
        const field = key ? STAT_FIELDS.find((f) => f.key === key) : undefined;
        const topicRow = field && p.topics[field.topic];
        const scope = field && this.scopes[field.topic];
        if (!field || !topicRow || !scope) continue;
        const shown = rule.keys.filter((k) => values[k] != null).map((k) => STAT_FIELDS.find((f) => f.key === k)!);
        this.problems.push(
          problemAt(scope, topicRow.row, field.key, {
            zh: `${rule.zh}（${shown.map((f) => `${f.zh} ${values[f.key]}`).join('，')}）`,
            en: `${rule.en} (${shown.map((f) => `${f.en} ${values[f.key]}`).join(', ')})`,
          }),
        );
      }
    }
  }

  /** Problems in workbook order: sheet, row, column. */
  private sortedProblems(): ImportProblem[] {
    const sheetIndex = (s: string) => (s === '' ? -1 : this.sheetOrder.indexOf(s));
    const colIndex = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return [...this.problems].sort((a, b) => sheetIndex(a.sheet) - sheetIndex(b.sheet) || a.row - b.row || colIndex(a.column) - colIndex(b.column));
  }
}

/**
 * Whether a row counts. 'skip': blank lines and the template's prefilled placeholders (class rows
 * with only code and name; grade rows with an empty 学生数 and no code or grade). 'data': the row
 * carries a value, so the sheet is filled in. 'row': a row that counts but holds no value yet.
 */
function rowRole(kind: SheetKind, scope: SheetScope, row: ExcelJS.Row): 'skip' | 'row' | 'data' {
  const blank = (id: string) => isBlank(scope.cell(row, id));
  const dataIds = [...scope.layout.cols.keys()].filter((id) => id !== CODE_COL.id && id !== NAME_COL.id);
  if (kind === 'enrolments') {
    if (!blank(STUDENTS_COL.id)) return 'data';
    return blank(CODE_COL.id) || blank(GRADE_COL.id) ? 'skip' : 'row';
  }
  if (dataIds.some((id) => !blank(id))) return 'data';
  return kind === 'classes' || blank(CODE_COL.id) ? 'skip' : 'row';
}

const emptyParts = (): SchoolParts => ({ topics: {}, enrolments: new Map(), classes: [] });

function partsOf(pending: Map<string, SchoolParts>, code: string): SchoolParts {
  let p = pending.get(code);
  if (!p) pending.set(code, (p = emptyParts()));
  return p;
}

function mergeParts(into: SchoolParts, from: SchoolParts): void {
  Object.assign(into.topics, from.topics);
  for (const [g, e] of from.enrolments) into.enrolments.set(g, e);
  into.classes.push(...from.classes);
}

function headerProblem(scope: SheetScope, column: string, header: string, reason: Reason): ImportProblem {
  return { file: scope.file, sheet: scope.sheet, row: 1, column, header, reason: `${reason.zh} / ${reason.en}` };
}

function problemAt(scope: SheetScope, row: number, id: string, reason: Reason): ImportProblem {
  const col = scope.col(id);
  return {
    file: scope.file,
    sheet: scope.sheet,
    row,
    column: col ? columnLetter(col) : '',
    header: col ? (scope.layout.texts.get(col) ?? '') : '',
    reason: `${reason.zh} / ${reason.en}`,
  };
}

async function drain(ws: AsyncIterable<unknown>): Promise<void> {
  for await (const _row of ws) {
    // read to the end so the zip stream moves on
  }
}
