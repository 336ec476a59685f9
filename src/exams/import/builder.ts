// Collects the students of an upload into typed columns while checking every cell: one Float64Array of scores
// and one Uint8Array of marks per subject, the school and class of each student as indexes. Rows come from any
// sheet and either layout (wide: a row per student; long: a row per student and subject). The server import and
// `junheng exam report` both build through this class. Rows read from bytes (CSV: RowCells.raw) take fast paths that
// give the same results without a string per cell: the school and class cells are looked up by their bytes, an
// ASCII 学籍号 is decoded without Unicode normalisation (it has none to do), a plain score is stored directly.
import { TOTAL_NAMES } from '../rates.js';
import { MARK_ABSENT, MARK_EXEMPT, MARK_NORMAL, MARK_VOIDED } from '../marks.js';
import { ByteKeySet } from './byte-key-set.js';
import { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_INVALID, CELL_NEGATIVE, CELL_VOIDED, cleanText, type RawCells, type RowCells } from './cells.js';
import { controlCharProblem, normalizeHeader, subjectIndex, type SheetLayout } from './detect.js';
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
const TOTAL_ROWS = new Set(TOTAL_NAMES);
const GENDERS: Record<string, number> = { 男: 1, 女: 2, m: 1, f: 2, male: 1, female: 2, 男生: 1, 女生: 2 };

export interface BuilderContext {
  subjects: ExamSubjectDef[];
  /** The district's schools: code → name; a row's school is a code or a name of this list. null: any school text is its code (the CLI has no registry). */
  schools: ReadonlyMap<string, string> | null;
  /**
   * Keep each student's name, gender and class (default true). false: names null, gender 0, no classes (klass −1) —
   * the CLI report reads schools and scores only.
   */
  details?: boolean;
}

/** Spaces, tabs and line breaks: the ASCII characters String.prototype.trim removes. */
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
/** 男 and 女 in UTF-8. */
const MALE = [0xe7, 0x94, 0xb7];
const FEMALE = [0xe5, 0xa5, 0xb3];

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
  /** 学籍号 → student, once an id had to be read as text (see idKeys). */
  private readonly idIndex = new Map<string, number>();
  /** 学籍号 bytes → student, while every id came from bytes (CSV rows with ASCII ids); null after that. */
  private idKeys: ByteKeySet | null = null;
  private idsAsText = false;
  /** Set by readId: the student who already has the row's 学籍号, or -1. */
  private earlier = -1;
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
  /** This sheet's score columns and their subjects (wide). */
  private scoreCols = new Int32Array(0);
  private scoreSubjects = new Int32Array(0);
  private readonly details: boolean;
  // Byte rows: the trimmed bounds of the last span(), and the caches keyed by bytes (reset with the buffer).
  private spanStart = 0;
  private spanEnd = 0;
  private rawBytes: Uint8Array | null = null;
  /** School cell bytes → school index + 1 (0: not a known school, read as text every time). */
  private schoolKeys: ByteKeySet | null = null;
  /** Class cell bytes → an id of the bytes; (id, school) → class index in classOfKey. */
  private classKeys: ByteKeySet | null = null;
  private readonly classOfKey = new Map<number, number>();
  private prevSchool = { start: 0, end: -1, index: -1 };
  private prevClass = { start: 0, end: -1, school: -1, index: -1 };

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
    this.details = ctx.details ?? true;
    if (ctx.schools) for (const [code, name] of ctx.schools) if (!this.nameToCode.has(name)) this.nameToCode.set(name, code);
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
    const cols: number[] = [];
    layout.subjectOf.forEach((s, col) => s >= 0 && cols.push(col));
    this.scoreCols = Int32Array.from(cols);
    this.scoreSubjects = Int32Array.from(cols, (col) => layout.subjectOf[col]);
    this.prevSchool.end = -1;
    this.prevClass.end = -1;
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

  /**
   * The trimmed bounds of a raw cell in spanStart/spanEnd (a missing cell is empty); false when the cell must be read as
   * text (quoted with "" inside, or malformed).
   */
  private span(raw: RawCells, col: number): boolean {
    if (col >= raw.count) {
      this.spanStart = this.spanEnd = 0;
      return true;
    }
    if (raw.flags[col] !== 0) return false;
    const b = raw.bytes;
    let s = raw.starts[col];
    let e = raw.ends[col];
    while (s < e && isAsciiSpace(b[s])) s++;
    while (e > s && isAsciiSpace(b[e - 1])) e--;
    this.spanStart = s;
    this.spanEnd = e;
    return true;
  }

  /** Whether bytes [s, e) equal [s2, e2). */
  private static same(b: Uint8Array, s: number, e: number, s2: number, e2: number): boolean {
    if (e - s !== e2 - s2) return false;
    for (let k = 0; k < e - s; k++) if (b[s + k] !== b[s2 + k]) return false;
    return true;
  }

  /** Resets the byte-keyed caches when the rows come from another buffer. */
  private useBytes(raw: RawCells): void {
    if (this.rawBytes === raw.bytes) return;
    if (this.rawBytes !== null) this.idsToText();
    this.rawBytes = raw.bytes;
    if (!this.idsAsText) this.idKeys = new ByteKeySet(raw.bytes, Math.max(1024, raw.bytes.length >>> 6));
    this.schoolKeys = new ByteKeySet(raw.bytes, 256);
    this.classKeys = new ByteKeySet(raw.bytes, 1024);
    this.classOfKey.clear();
    this.prevSchool.end = -1;
    this.prevClass.end = -1;
  }

  /** From now on every 学籍号 is looked up as text: the ids read from bytes so far go into idIndex. */
  private idsToText(): void {
    if (this.idsAsText) return;
    this.idsAsText = true;
    this.idKeys = null;
    this.ids.forEach((id, i) => this.idIndex.set(id, i));
  }

  /** The row's 学籍号 (null when empty, after reporting it); in `earlier` the student who already has it, or -1. */
  private readId(cells: RowCells): string | null {
    const raw = cells.raw;
    if (raw && !this.idsAsText && this.span(raw, this.layout.idCol)) {
      // An ASCII 学籍号: cleanText would only trim it, as span did. Looked up by its bytes, without a Map of strings.
      // A control character (NUL …) takes the text path, which reports it.
      const { spanStart: s, spanEnd: e } = this;
      const b = raw.bytes;
      let ascii = s < e;
      for (let p = s; p < e && ascii; p++) ascii = b[p] < 0x7f && b[p] >= 0x20;
      if (ascii) {
        this.useBytes(raw);
        if (this.idKeys) {
          this.earlier = this.idKeys.find(s, e);
          return b.toString('latin1', s, e);
        }
      }
    }
    this.earlier = -1;
    const id = cleanText(cells.text(this.layout.idCol));
    if (id === '') {
      this.problem(cells.row, this.layout.idCol, '学籍号为空 / the student id is empty');
      return null;
    }
    const control = controlCharProblem(id);
    if (control) {
      this.problem(cells.row, this.layout.idCol, control);
      return null;
    }
    this.idsToText();
    this.earlier = this.idIndex.get(id) ?? -1;
    return id;
  }

  /** readSchool, by the cell's bytes when the row has them: the same cell bytes are the same school. */
  private readSchoolFast(cells: RowCells): number {
    const raw = cells.raw;
    if (!raw || !this.span(raw, this.layout.schoolCol)) return this.readSchool(cells);
    this.useBytes(raw);
    const { spanStart: s, spanEnd: e } = this;
    const prev = this.prevSchool;
    if (ExamBuilder.same(raw.bytes, s, e, prev.start, prev.end)) return prev.index;
    const known = this.schoolKeys!.add(s, e, 0);
    let index: number;
    if (known > 0) index = known - 1;
    else {
      index = this.readSchool(cells);
      if (known < 0 && index >= 0) this.schoolKeys!.setLastValue(index + 1);
    }
    if (index >= 0) {
      prev.start = s;
      prev.end = e;
      prev.index = index;
    }
    return index;
  }

  /** The school of a row: a registry code, or a school name of the registry; -1 after reporting an unknown one. */
  private readSchool(cells: RowCells): number {
    const col = this.layout.schoolCol;
    const text = cleanText(cells.text(col));
    const control = controlCharProblem(text);
    if (control) {
      this.problem(cells.row, col, control);
      return -1;
    }
    let index = this.schoolCell.get(text);
    if (index === undefined) {
      const schools = this.ctx.schools;
      const code = schools === null ? (text === '' ? undefined : text) : schools.has(text) ? text : this.nameToCode.get(text);
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

  /** readClass, by the cell's bytes when the row has them. */
  private readClassFast(cells: RowCells, school: number): number {
    const raw = cells.raw;
    const col = this.layout.classCol;
    if (school < 0 || col < 0 || !raw || !this.span(raw, col)) return this.readClass(cells, school);
    this.useBytes(raw);
    const { spanStart: s, spanEnd: e } = this;
    const prev = this.prevClass;
    if (prev.school === school && ExamBuilder.same(raw.bytes, s, e, prev.start, prev.end)) return prev.index;
    const keys = this.classKeys!;
    let id = keys.add(s, e, keys.size);
    if (id < 0) id = keys.size - 1;
    const key = id * 1048576 + school;
    let k = this.classOfKey.get(key);
    if (k === undefined) {
      k = this.readClass(cells, school);
      if (k < 0) return k; // a bad class text: reported on every row
      this.classOfKey.set(key, k);
    }
    prev.start = s;
    prev.end = e;
    prev.school = school;
    prev.index = k;
    return k;
  }

  private readClass(cells: RowCells, school: number): number {
    if (school < 0) return -1;
    const name = this.layout.classCol >= 0 ? cleanText(cells.text(this.layout.classCol)) : '';
    const control = controlCharProblem(name);
    if (control) {
      this.problem(cells.row, this.layout.classCol, control);
      return -1;
    }
    const key = `${school}\u0000${name}`;
    let k = this.classIndex.get(key);
    if (k === undefined) this.classIndex.set(key, (k = this.classes.push({ school, name }) - 1));
    return k;
  }

  private newStudent(id: string, cells: RowCells, school: number, klass: number): number {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    this.ids.push(id);
    if (this.idsAsText) this.idIndex.set(id, i);
    else this.idKeys!.insertFound(i); // the key readId just found missing
    const { nameCol, genderCol } = this.layout;
    const details = this.details;
    const name = nameCol >= 0 && details ? cells.text(nameCol).trim() || null : null;
    const control = name && controlCharProblem(name);
    if (control) this.problem(cells.row, nameCol, control);
    this.names.push(name);
    this.gender[i] = genderCol >= 0 && details ? this.readGender(cells, genderCol) : 0;
    this.school[i] = school;
    this.klass[i] = klass;
    this.firstRow[i] = cells.row;
    this.firstSheet[i] = this.sheetNo;
    return i;
  }

  private readGender(cells: RowCells, col: number): number {
    const raw = cells.raw;
    if (raw && this.span(raw, col) && this.spanEnd - this.spanStart === 3) {
      const b = raw.bytes;
      const s = this.spanStart;
      if (b[s] === MALE[0] && b[s + 1] === MALE[1] && b[s + 2] === MALE[2]) return 1;
      if (b[s] === FEMALE[0] && b[s + 1] === FEMALE[1] && b[s + 2] === FEMALE[2]) return 2;
    }
    const text = cleanText(cells.text(col));
    const control = controlCharProblem(text);
    if (control) this.problem(cells.row, col, control);
    return GENDERS[text.toLowerCase()] ?? 0;
  }

  /** Reads a score cell of subject s into student i (skipped when i < 0, still checked). */
  private readScore(cells: RowCells, col: number, s: number, i: number): void {
    this.readScoreValue(cells, col, s, i, cells.score(col));
  }

  /** readScore of the value v = cells.score(col). */
  private readScoreValue(cells: RowCells, col: number, s: number, i: number, v: number): void {
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
      const control = controlCharProblem(t);
      if (control) {
        this.problem(cells.row, col, control);
        return;
      }
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
    const school = this.readSchoolFast(cells);
    const klass = this.details ? this.readClassFast(cells, school) : -1;
    let i = -1;
    if (id !== null) {
      const earlier = this.earlier;
      if (earlier >= 0) this.problem(cells.row, this.layout.idCol, `学籍号 ${id} 重复,与${this.where(earlier)}相同 / duplicate student id ${id}, same as ${this.whereEn(earlier)}`);
      else if (school >= 0) i = this.newStudent(id, cells, school, klass);
    }
    const { scoreCols, scoreSubjects, full, scores, marks } = this;
    for (let k = 0; k < scoreCols.length; k++) {
      const col = scoreCols[k];
      const s = scoreSubjects[k];
      const v = cells.score(col);
      if (v >= 0 && v <= full[s] && i >= 0) {
        // The common case, kept small: a score within full marks.
        scores[s][i] = v;
        marks[s][i] = MARK_NORMAL;
      } else this.readScoreValue(cells, col, s, i, v);
    }
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
        this.problem(
          cells.row,
          col,
          `小题分之和 ${Math.round(sum * 1000) / 1000} 与${name}成绩 ${this.scores[subject][i]} 不一致 / the item scores add up to ${Math.round(sum * 1000) / 1000}, not ${this.scores[subject][i]}`,
        );
    }
  }

  private longRow(cells: RowCells): void {
    const { subjectCol, scoreCol } = this.layout;
    const subjectText = cells.text(subjectCol).trim();
    if (TOTAL_ROWS.has(normalizeHeader(subjectText))) return; // 总分 rows: computed here, not imported
    const id = this.readId(cells);
    let s = this.subjectCell.get(subjectText);
    if (s === undefined) this.subjectCell.set(subjectText, (s = subjectText === '' ? -1 : subjectIndex(normalizeHeader(subjectText), this.subjectNames)));
    const control = s < 0 ? controlCharProblem(subjectText) : null;
    if (control) this.problem(cells.row, subjectCol, control);
    else if (s < 0) {
      this.problem(
        cells.row,
        subjectCol,
        subjectText === '' ? '科目为空 / the subject is empty' : `未知科目「${subjectText}」,本次考试的科目:${this.ctx.subjects.map((x) => x.name).join('、')} / unknown subject`,
      );
    }
    const school = this.readSchoolFast(cells);
    const klass = this.details ? this.readClassFast(cells, school) : -1;
    let i = -1;
    if (id !== null && school >= 0) {
      const earlier = this.earlier;
      if (earlier < 0) i = this.newStudent(id, cells, school, klass);
      else if (this.school[earlier] !== school) {
        this.problem(
          cells.row,
          this.layout.schoolCol,
          `学籍号 ${id} 在${this.where(earlier)}属于学校 ${this.schoolCodes[this.school[earlier]]},此处为 ${this.schoolCodes[school]} / student ${id} is in another school at ${this.whereEn(earlier)}`,
        );
      } else if (klass >= 0 && this.klass[earlier] >= 0 && this.klass[earlier] !== klass) {
        this.problem(
          cells.row,
          this.layout.classCol,
          `学籍号 ${id} 在${this.where(earlier)}的班级为「${this.classes[this.klass[earlier]].name}」,此处为「${this.classes[klass].name}」 / student ${id} is in another class at ${this.whereEn(earlier)}`,
        );
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
      this.problems.add(
        u.sheet,
        u.row,
        u.col,
        u.header,
        `学校「${text}」不在本区县学校名单中${u.rows > 1 ? `(共 ${u.rows} 行)` : ''} / school ${text} is not in this district's school list${u.rows > 1 ? ` (${u.rows} rows)` : ''}`,
      );
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

  /** Makes room for `rows` students in all (e.g. a CSV's size / 64): no copying while they are read. */
  reserve(rows: number): void {
    if (rows > this.capacity) this.grow(rows);
  }

  private grow(to = 0): void {
    const cap = Math.max(to, Math.ceil(this.capacity * 1.6));
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
