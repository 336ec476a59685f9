// Collects the students of an upload into typed columns while checking every cell: one Float64Array of scores
// and one Uint8Array of marks per subject, the school and class of each student as indexes. Rows come from any
// sheet and either layout (wide: a row per student; long: a row per student and subject).
import { MARK_ABSENT, MARK_EXEMPT, MARK_NORMAL, MARK_VOIDED } from '../schema.js';
import { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_INVALID, CELL_NEGATIVE, CELL_VOIDED, cleanText, type RowCells } from './cells.js';
import { normalizeHeader, subjectIndex, type SheetLayout } from './detect.js';
import type { ExamProblems } from './problems-list.js';

export interface ExamSubjectDef {
  name: string;
  full: number;
  /** Items (小题) whose scores may come in columns such as 数学.1 (see detect.ts). */
  items?: { label: string; full: number; objective: boolean }[];
}

/** An item of the exam's flat item list. */
export interface ItemDef {
  subject: number;
  label: string;
  full: number;
  objective: boolean;
}

export interface ParsedExam {
  n: number;
  studentIds: string[];
  names: (string | null)[];
  /** 0 unknown, 1 男, 2 女 */
  gender: Uint8Array;
  school: Int32Array;
  schoolCodes: string[];
  klass: Int32Array;
  classes: { school: number; name: string }[];
  subjects: ExamSubjectDef[];
  /** Per subject: the score, NaN when there is none. */
  scores: Float64Array[];
  /** Per subject: MARK_NORMAL, MARK_ABSENT (缺考, an empty cell, or no row in a long sheet), MARK_VOIDED (作弊), MARK_EXEMPT (免考). */
  marks: Uint8Array[];
  counts: { absent: number; blank: number; voided: number; exempt: number; missing: number };
  layouts: ('wide' | 'long')[];
  /** Every item the exam defines, subject by subject. */
  items: ItemDef[];
  /** Per item, the scores (NaN = none); null when the file has no item columns. */
  itemScores: Float32Array[] | null;
  /** Subjects whose item columns were in the file. */
  itemSubjects: number[];
}

const UNSET = 255;
/** 科目 values of a long sheet that are totals, not subjects. */
const TOTAL_ROWS = new Set(['总分', '总成绩', '合计', '总计']);
const GENDERS: Record<string, number> = { 男: 1, 女: 2, m: 1, f: 2, male: 1, female: 2, 男生: 1, 女生: 2 };

export interface BuilderContext {
  subjects: ExamSubjectDef[];
  /** The district's schools: code → name. */
  schools: Map<string, string>;
}

export class ExamBuilder {
  n = 0;
  private capacity = 1024;
  private ids: string[] = [];
  private names: (string | null)[] = [];
  private gender = new Uint8Array(this.capacity);
  private school = new Int32Array(this.capacity);
  private klass = new Int32Array(this.capacity);
  private firstRow = new Int32Array(this.capacity);
  private firstSheet = new Uint16Array(this.capacity);
  private scores: Float64Array[];
  private marks: Uint8Array[];
  /** Long sheets: the row that set each (student, subject), for naming a duplicate. */
  private setRow: Int32Array[] | null = null;
  private readonly idIndex = new Map<string, number>();
  private readonly schoolCodes: string[] = [];
  private readonly schoolIndex = new Map<string, number>();
  /** Cell text → school index, or -1 for an unknown school. */
  private readonly schoolCell = new Map<string, number>();
  private readonly nameToCode = new Map<string, string>();
  private readonly unknownSchools = new Map<string, { sheet: string; row: number; col: number; header: string; rows: number }>();
  private readonly classes: { school: number; name: string }[] = [];
  private readonly classIndex = new Map<string, number>();
  private readonly counts = { absent: 0, blank: 0, voided: 0, exempt: 0, missing: 0 };
  private readonly sheets: string[] = [];
  private readonly layouts: ('wide' | 'long')[] = [];
  private sheet = '';
  private sheetNo = 0;
  private header: string[] = [];
  private layout!: SheetLayout;
  private readonly full: Float64Array;
  private readonly subjectNames: string[];
  private readonly items: ItemDef[];
  private itemScores: Float32Array[] | null = null;
  private readonly itemSubjects = new Set<number>();
  /** This sheet: the item columns, and per subject with items here its score column and items. */
  private itemCols: { col: number; item: number }[] = [];
  private itemChecks: { subject: number; col: number; items: number[] }[] = [];
  /** Long sheets: 科目 cell text → subject index or -1. */
  private readonly subjectCell = new Map<string, number>();

  constructor(
    private readonly ctx: BuilderContext,
    private readonly problems: ExamProblems,
  ) {
    const S = ctx.subjects.length;
    this.full = Float64Array.from(ctx.subjects, (s) => s.full);
    this.subjectNames = ctx.subjects.map((s) => s.name);
    this.items = ctx.subjects.flatMap((s, subject) => (s.items ?? []).map((it) => ({ subject, label: it.label, full: it.full, objective: it.objective })));
    this.scores = Array.from({ length: S }, () => new Float64Array(this.capacity));
    this.marks = Array.from({ length: S }, () => new Uint8Array(this.capacity).fill(UNSET));
    for (const [code, name] of ctx.schools) if (!this.nameToCode.has(name)) this.nameToCode.set(name, code);
  }

  beginSheet(sheet: string, header: string[], layout: SheetLayout): void {
    this.sheet = sheet;
    this.sheetNo = this.sheets.push(sheet) - 1;
    this.header = header;
    this.layout = layout;
    if (!this.layouts.includes(layout.kind)) this.layouts.push(layout.kind);
    if (layout.kind === 'long' && !this.setRow) this.setRow = this.ctx.subjects.map(() => new Int32Array(this.capacity));
    this.itemCols = [];
    layout.itemOf.forEach((item, col) => item >= 0 && this.itemCols.push({ col, item }));
    const subjects = [...new Set(this.itemCols.map((c) => this.items[c.item].subject))];
    this.itemChecks = subjects.map((subject) => ({ subject, col: layout.subjectOf.indexOf(subject), items: this.itemCols.filter((c) => this.items[c.item].subject === subject).map((c) => c.item) }));
    for (const x of subjects) this.itemSubjects.add(x);
    if (this.itemCols.length && !this.itemScores) this.itemScores = this.items.map(() => new Float32Array(this.capacity).fill(NaN));
  }

  private problem(row: number, col: number, reason: string): void {
    this.problems.add(this.sheet, row, col, col >= 0 ? (this.header[col] ?? '').trim() : '', reason);
  }

  private where(i: number): string {
    const sheet = this.sheets[this.firstSheet[i]];
    return sheet !== this.sheet && sheet ? `「${sheet}」第 ${this.firstRow[i]} 行` : `第 ${this.firstRow[i]} 行`;
  }

  private whereEn(i: number): string {
    const sheet = this.sheets[this.firstSheet[i]];
    return sheet !== this.sheet && sheet ? `row ${this.firstRow[i]} of sheet ${sheet}` : `row ${this.firstRow[i]}`;
  }

  addRow(cells: RowCells): void {
    if (cells.empty) return;
    if (this.layout.kind === 'wide') this.wideRow(cells);
    else this.longRow(cells);
  }

  private readId(cells: RowCells): string | null {
    const id = cleanText(cells.text(this.layout.idCol));
    if (id === '') {
      this.problem(cells.row, this.layout.idCol, '学籍号为空 / the student id is empty');
      return null;
    }
    return id;
  }

  /** The school of a row: a registry code, or a school name of the registry; -1 after reporting an unknown one. */
  private readSchool(cells: RowCells): number {
    const col = this.layout.schoolCol;
    const text = cleanText(cells.text(col));
    let index = this.schoolCell.get(text);
    if (index === undefined) {
      const code = this.ctx.schools.has(text) ? text : this.nameToCode.get(text);
      if (code === undefined) index = -1;
      else {
        index = this.schoolIndex.get(code);
        if (index === undefined) this.schoolIndex.set(code, (index = this.schoolCodes.push(code) - 1));
      }
      this.schoolCell.set(text, index);
    }
    if (index < 0) {
      if (text === '') this.problem(cells.row, col, '学校为空 / the school is empty');
      else {
        const u = this.unknownSchools.get(text);
        if (u) u.rows++;
        else this.unknownSchools.set(text, { sheet: this.sheet, row: cells.row, col, header: (this.header[col] ?? '').trim(), rows: 1 });
      }
    }
    return index;
  }

  private readClass(cells: RowCells, school: number): number {
    if (school < 0) return -1;
    const name = this.layout.classCol >= 0 ? cleanText(cells.text(this.layout.classCol)) : '';
    const key = `${school}\u0000${name}`;
    let k = this.classIndex.get(key);
    if (k === undefined) this.classIndex.set(key, (k = this.classes.push({ school, name }) - 1));
    return k;
  }

  private newStudent(id: string, cells: RowCells, school: number, klass: number): number {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    this.ids.push(id);
    this.idIndex.set(id, i);
    const { nameCol, genderCol } = this.layout;
    this.names.push(nameCol >= 0 ? cells.text(nameCol).trim() || null : null);
    this.gender[i] = genderCol >= 0 ? (GENDERS[cleanText(cells.text(genderCol)).toLowerCase()] ?? 0) : 0;
    this.school[i] = school;
    this.klass[i] = klass;
    this.firstRow[i] = cells.row;
    this.firstSheet[i] = this.sheetNo;
    return i;
  }

  /** Reads a score cell of subject s into student i (skipped when i < 0, still checked). */
  private readScore(cells: RowCells, col: number, s: number, i: number): void {
    const v = cells.score(col);
    let score = NaN;
    let mark: number = MARK_NORMAL;
    if (v >= 0) {
      if (v > this.full[s]) {
        this.problem(cells.row, col, `分数 ${v} 高于满分 ${this.full[s]} / the score ${v} is above full marks ${this.full[s]}`);
        return;
      }
      score = v;
    } else if (v === CELL_BLANK) {
      mark = MARK_ABSENT;
      if (i >= 0) this.counts.blank++;
    } else if (v === CELL_ABSENT) {
      mark = MARK_ABSENT;
      if (i >= 0) this.counts.absent++;
    } else if (v === CELL_VOIDED) {
      mark = MARK_VOIDED;
      if (i >= 0) this.counts.voided++;
    } else if (v === CELL_EXEMPT) {
      mark = MARK_EXEMPT;
      if (i >= 0) this.counts.exempt++;
    } else if (v === CELL_NEGATIVE) {
      this.problem(cells.row, col, `分数为负(${cells.text(col)}) / negative score`);
      return;
    } else {
      const t = cells.text(col);
      this.problem(cells.row, col, `不是分数(「${t.length > 40 ? t.slice(0, 40) + '…' : t}」),应为数字或 缺考/作弊/免考 / not a number (nor 缺考, 作弊, 免考)`);
      return;
    }
    if (i >= 0) {
      this.scores[s][i] = score;
      this.marks[s][i] = mark;
    }
  }

  private wideRow(cells: RowCells): void {
    const id = this.readId(cells);
    const school = this.readSchool(cells);
    const klass = this.readClass(cells, school);
    let i = -1;
    if (id !== null) {
      const earlier = this.idIndex.get(id);
      if (earlier !== undefined)
        this.problem(cells.row, this.layout.idCol, `学籍号 ${id} 重复,与${this.where(earlier)}相同 / duplicate student id ${id}, same as ${this.whereEn(earlier)}`);
      else if (school >= 0) i = this.newStudent(id, cells, school, klass);
    }
    const subjectOf = this.layout.subjectOf;
    for (let col = 0; col < subjectOf.length; col++) if (subjectOf[col] >= 0) this.readScore(cells, col, subjectOf[col], i);
    if (this.itemCols.length) this.readItems(cells, i);
  }

  /** Item cells of a wide row, then per subject: the items add up to its score, and an absent subject has none. */
  private readItems(cells: RowCells, i: number): void {
    const scores = this.itemScores!;
    const bad = new Set<number>(); // subjects with a bad item cell in this row: their sum is not checked
    for (const { col, item } of this.itemCols) {
      const v = cells.score(col);
      const full = this.items[item].full;
      let reason: string | null = null;
      if (v >= 0) {
        if (v > full) reason = `小题分 ${v} 高于该题满分 ${full} / the item score ${v} is above its full marks ${full}`;
        else if (i >= 0) scores[item][i] = v;
      } else if (v === CELL_NEGATIVE) reason = `小题分为负(${cells.text(col)}) / negative item score`;
      else if (v === CELL_INVALID) reason = `小题分不是数字(「${cells.text(col).slice(0, 40)}」) / the item score is not a number`;
      if (reason) {
        this.problem(cells.row, col, reason);
        bad.add(this.items[item].subject);
      }
    }
    if (i < 0) return;
    for (const { subject, col, items } of this.itemChecks) {
      if (bad.has(subject)) continue;
      let sum = 0;
      let any = false;
      for (const k of items) {
        const v = scores[k][i];
        if (v === v) {
          sum += v;
          any = true;
        }
      }
      if (!any) continue;
      const name = this.subjectNames[subject];
      if (this.marks[subject][i] !== MARK_NORMAL) this.problem(cells.row, col, `${name}没有成绩,却有小题分 / ${name} has no score but item scores`);
      else if (Math.abs(sum - this.scores[subject][i]) > 1e-4)
        this.problem(cells.row, col, `小题分之和 ${Math.round(sum * 1000) / 1000} 与${name}成绩 ${this.scores[subject][i]} 不一致 / the item scores add up to ${Math.round(sum * 1000) / 1000}, not ${this.scores[subject][i]}`);
    }
  }

  private longRow(cells: RowCells): void {
    const { subjectCol, scoreCol } = this.layout;
    const subjectText = cells.text(subjectCol).trim();
    if (TOTAL_ROWS.has(normalizeHeader(subjectText))) return; // 总分 rows: computed here, not imported
    const id = this.readId(cells);
    let s = this.subjectCell.get(subjectText);
    if (s === undefined) this.subjectCell.set(subjectText, (s = subjectText === '' ? -1 : subjectIndex(normalizeHeader(subjectText), this.subjectNames)));
    if (s < 0) {
      this.problem(cells.row, subjectCol, subjectText === '' ? '科目为空 / the subject is empty' : `未知科目「${subjectText}」,本次考试的科目:${this.ctx.subjects.map((x) => x.name).join('、')} / unknown subject`);
    }
    const school = this.readSchool(cells);
    const klass = this.readClass(cells, school);
    let i = -1;
    if (id !== null && school >= 0) {
      const earlier = this.idIndex.get(id);
      if (earlier === undefined) i = this.newStudent(id, cells, school, klass);
      else if (this.school[earlier] !== school) {
        this.problem(cells.row, this.layout.schoolCol, `学籍号 ${id} 在${this.where(earlier)}属于学校 ${this.schoolCodes[this.school[earlier]]},此处为 ${this.schoolCodes[school]} / student ${id} is in another school at ${this.whereEn(earlier)}`);
      } else if (this.klass[earlier] !== klass) {
        this.problem(cells.row, this.layout.classCol, `学籍号 ${id} 在${this.where(earlier)}的班级为「${this.classes[this.klass[earlier]].name}」,此处为「${this.classes[klass].name}」 / student ${id} is in another class at ${this.whereEn(earlier)}`);
      } else i = earlier;
    }
    if (s < 0) return;
    if (i >= 0 && this.marks[s][i] !== UNSET) {
      const first = this.setRow![s][i];
      this.problem(cells.row, subjectCol, `学籍号 ${id} 的${this.ctx.subjects[s].name}成绩重复,与第 ${first} 行相同 / duplicate ${this.ctx.subjects[s].name} score of ${id}, same as row ${first}`);
      i = -1;
    }
    this.readScore(cells, scoreCol, s, i);
    if (i >= 0 && this.marks[s][i] !== UNSET) this.setRow![s][i] = cells.row;
  }

  /** After the last row: the unknown schools, students without rows for a subject; null when there were problems. */
  finish(): ParsedExam | null {
    for (const [text, u] of this.unknownSchools)
      this.problems.add(u.sheet, u.row, u.col, u.header, `学校「${text}」不在本区县学校名单中${u.rows > 1 ? `(共 ${u.rows} 行)` : ''} / school ${text} is not in this district's school list${u.rows > 1 ? ` (${u.rows} rows)` : ''}`);
    if (this.n === 0 && this.problems.count === 0) this.problems.add(this.sheets[0] ?? '', 0, undefined, '', '文件中没有学生成绩 / no student rows in the file');
    if (this.problems.count) return null;
    const n = this.n;
    for (const m of this.marks)
      for (let i = 0; i < n; i++)
        if (m[i] === UNSET) {
          m[i] = MARK_ABSENT;
          this.counts.missing++;
        }
    for (let s = 0; s < this.scores.length; s++) {
      const sc = this.scores[s];
      const m = this.marks[s];
      for (let i = 0; i < n; i++) if (m[i] !== MARK_NORMAL) sc[i] = NaN;
    }
    return {
      n,
      studentIds: this.ids,
      names: this.names,
      gender: this.gender.subarray(0, n),
      school: this.school.subarray(0, n),
      schoolCodes: this.schoolCodes,
      klass: this.klass.subarray(0, n),
      classes: this.classes,
      subjects: this.ctx.subjects,
      scores: this.scores.map((a) => a.subarray(0, n)),
      marks: this.marks.map((a) => a.subarray(0, n)),
      counts: this.counts,
      layouts: this.layouts,
      items: this.items,
      itemScores: this.itemScores && this.itemScores.map((a) => a.subarray(0, n)),
      itemSubjects: [...this.itemSubjects].sort((a, b) => a - b),
    };
  }

  private grow(): void {
    const cap = Math.ceil(this.capacity * 1.6);
    const grow = <T extends Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array>(a: T, fill?: number): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    this.gender = grow(this.gender);
    this.school = grow(this.school);
    this.klass = grow(this.klass);
    this.firstRow = grow(this.firstRow);
    this.firstSheet = grow(this.firstSheet);
    this.scores = this.scores.map((a) => grow(a));
    this.marks = this.marks.map((a) => grow(a, UNSET));
    if (this.setRow) this.setRow = this.setRow.map((a) => grow(a));
    if (this.itemScores) this.itemScores = this.itemScores.map((a) => grow(a, NaN));
    this.capacity = cap;
  }
}

export { MARK_ABSENT, MARK_EXEMPT, MARK_NORMAL, MARK_VOIDED };
