// The header of an uploaded score sheet: which column is what, and whether the sheet is "wide" (one row per
// student, one column per subject) or "long" (one row per student and subject: 科目, 成绩). Header texts are
// compared after NFKC (full-width letters and brackets), without spaces, case and a trailing unit in brackets,
// so 学籍号, "学 籍 号", 语文(120分) and 语文（满分120） are all recognised.
// This is the one header list of the exams: the server import and `junheng exam report` both read headers here.
import { TOTAL_NAMES } from '../rates.js';

export type KeyRole = 'id' | 'name' | 'gender' | 'schoolCode' | 'school' | 'class' | 'subject' | 'score';

/** Accepted header texts per role, in normalised form (see normalizeHeader). */
export const HEADER_ALIASES: Record<KeyRole, readonly string[]> = {
  id: ['学籍号', '全国学籍号', '学生学籍号', '学籍编号', '学号', '考号', '准考证号', '考生号', 'studentid', 'student_id', 'id'],
  name: ['姓名', '学生姓名', '考生姓名', 'name', 'studentname'],
  gender: ['性别', 'gender', 'sex'],
  schoolCode: ['学校代码', '学校标识码', '学校编码', '学校编号', '学校识别码', 'schoolcode', 'school_code', 'schoolid'],
  school: ['学校', '学校名称', '所在学校', '就读学校', 'school', 'schoolname'],
  class: ['班级', '班', '班别', '班号', '班级名称', 'class', 'classname'],
  subject: ['科目', '学科', '考试科目', 'subject'],
  score: ['成绩', '分数', '得分', '考试成绩', 'score'],
};

/** Columns some systems add that the import does not need (computed again, or of no use here). */
const IGNORED = new Set([
  ...TOTAL_NAMES,
  '名次',
  '排名',
  '排序',
  '序号',
  '编号',
  '年级名次',
  '年级排名',
  '班级名次',
  '班级排名',
  '班名次',
  '校名次',
  '学校名次',
  '学校排名',
  '区名次',
  '县名次',
  '区排名',
  '县排名',
  '备注',
  '考场',
  '考场号',
  '座位号',
  '年级',
  '出生日期',
  '民族',
  '身份证号',
  'no',
  'rank',
  'total',
]);

/** Other names of a subject, when the exam uses the first one. */
const SUBJECT_ALIASES: Record<string, readonly string[]> = {
  道德与法治: ['道法', '政治', '思想品德', '思品', '道德与法制'],
  英语: ['外语'],
  生物: ['生物学'],
  历史: ['历史与社会'],
  体育: ['体育与健康'],
  信息技术: ['信息科技'],
};

export function normalizeHeader(raw: string): string {
  let s = raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  // A trailing unit or note in brackets: 语文(120分), 数学[满分150]
  s = s.replace(/[([{][^()[\]{}]*[)\]}]$/, '');
  return s;
}

/** C0 control characters (line breaks and tab included, once a cell is trimmed) and DEL: no 学籍号, name, school, class or header holds one, and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

/** The problem of a text cell holding a control character, or null. */
export function controlCharProblem(text: string): string | null {
  const m = CONTROL_CHAR.exec(text);
  if (!m) return null;
  const u = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `含有控制字符 ${u},请删除 / contains a control character (${u}); remove it`;
}

export interface SheetLayout {
  kind: 'wide' | 'long';
  idCol: number;
  nameCol: number;
  genderCol: number;
  /** The column that names the school: a code column, or (when there is none) the 学校 column with codes or names. */
  schoolCol: number;
  classCol: number;
  /** wide: per column, the subject's position in the exam, or -1. */
  subjectOf: Int32Array;
  /** wide: per column, the index of an item (小题) in the exam's flat item list, or -1. */
  itemOf: Int32Array;
  /** long */
  subjectCol: number;
  scoreCol: number;
}

export interface HeaderProblem {
  col?: number;
  reason: string;
}

/** Where a role's header is, or -1. */
function findRole(names: readonly string[], role: KeyRole): number {
  for (const alias of HEADER_ALIASES[role]) {
    const i = names.indexOf(alias);
    if (i >= 0) return i;
  }
  return -1;
}

/** A header text → a subject of the exam (exact, without 成绩/分数 after it, or an alias), or -1. */
export function subjectIndex(header: string, subjects: readonly string[]): number {
  const norm = subjects.map((s) => normalizeHeader(s));
  const candidates = [header, header.replace(/(成绩|分数|得分|原始分|卷面分)$/, '')];
  for (const c of candidates) {
    const i = norm.indexOf(c);
    if (i >= 0) return i;
  }
  for (const c of candidates)
    for (let i = 0; i < subjects.length; i++) {
      const aliases = SUBJECT_ALIASES[subjects[i]];
      if (aliases?.includes(c) && !norm.includes(c)) return i;
    }
  return -1;
}

/** Item (小题) headers: 数学.1, 数学-1, 数学_1, 数学:1, 数学·1, 数学第1题, 数学1 (label "1" of 数学). */
export interface ItemHeader {
  subject: string;
  label: string;
}
function itemHeaderForms(it: ItemHeader): string[] {
  const s = normalizeHeader(it.subject);
  const l = normalizeHeader(it.label);
  return ['.', '-', '_', ':', '·', '、', ''].map((sep) => s + sep + l).concat(`${s}第${l}题`, `${s}第${l}小题`);
}

/** Does this row look like the header of a score sheet (it names a student-id column)? */
export function isHeaderRow(cells: readonly string[]): boolean {
  const names = cells.map(normalizeHeader);
  return findRole(names, 'id') >= 0;
}

/**
 * Reads a header row. Wide when there is no 科目/成绩 pair; every exam subject must then have a column, and a column
 * that is neither a known key nor an exam subject nor an ignorable extra (总分, 名次, …) is a problem, so that a
 * misspelt subject is never dropped silently.
 */
export function detectLayout(cells: readonly string[], subjects: readonly string[], items: readonly ItemHeader[] = []): { layout: SheetLayout | null; problems: HeaderProblem[] } {
  const names = cells.map(normalizeHeader);
  const problems: HeaderProblem[] = [];
  const idCol = findRole(names, 'id');
  const schoolCode = findRole(names, 'schoolCode');
  const school = findRole(names, 'school');
  const subjectCol = findRole(names, 'subject');
  const scoreCol = findRole(names, 'score');
  const layout: SheetLayout = {
    kind: subjectCol >= 0 && scoreCol >= 0 ? 'long' : 'wide',
    idCol,
    nameCol: findRole(names, 'name'),
    genderCol: findRole(names, 'gender'),
    schoolCol: schoolCode >= 0 ? schoolCode : school,
    classCol: findRole(names, 'class'),
    subjectOf: new Int32Array(cells.length).fill(-1),
    itemOf: new Int32Array(cells.length).fill(-1),
    subjectCol,
    scoreCol,
  };
  if (idCol < 0) problems.push({ reason: '缺少学籍号列(学籍号 / 考号 / student_id) / missing the student id column' });
  if (layout.schoolCol < 0) problems.push({ reason: '缺少学校列(学校代码 / 学校) / missing the school column' });
  const used = new Set([idCol, layout.nameCol, layout.genderCol, schoolCode, school, layout.classCol, subjectCol, scoreCol].filter((c) => c >= 0));
  const itemForms = new Map<string, number>();
  items.forEach((it, k) => itemHeaderForms(it).forEach((f) => itemForms.has(f) || itemForms.set(f, k)));
  const seen = new Map<string, number>();
  names.forEach((name, col) => {
    if (name === '') return;
    const control = controlCharProblem(cells[col].trim());
    if (control) {
      problems.push({ col, reason: `列名${control}` });
      return;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) problems.push({ col, reason: `列名重复,与第 ${earlier + 1} 列相同 / the same header as column ${earlier + 1}` });
    else seen.set(name, col);
    if (used.has(col)) return;
    const s = layout.kind === 'wide' ? subjectIndex(name, subjects) : -1;
    if (s >= 0) {
      if (layout.subjectOf.includes(s)) problems.push({ col, reason: `科目 ${subjects[s]} 出现两次 / subject ${subjects[s]} appears twice` });
      else layout.subjectOf[col] = s;
      return;
    }
    const item = layout.kind === 'wide' ? itemForms.get(name) : undefined;
    if (item !== undefined) {
      if (layout.itemOf.includes(item)) problems.push({ col, reason: `小题 ${items[item].subject} ${items[item].label} 出现两次 / item appears twice` });
      else layout.itemOf[col] = item;
      return;
    }
    if (IGNORED.has(name) || HEADER_ALIASES.id.includes(name) || HEADER_ALIASES.school.includes(name) || HEADER_ALIASES.schoolCode.includes(name)) return;
    if (layout.kind === 'long') return; // other columns of a long sheet carry nothing we read
    problems.push({ col, reason: `未知的列「${cells[col].trim()}」:不是本次考试的科目(${subjects.join('、')}) / unknown column: not a subject of this exam` });
  });
  if (layout.kind === 'wide') {
    subjects.forEach((s, i) => {
      if (!layout.subjectOf.includes(i)) problems.push({ reason: `缺少科目「${s}」的列 / no column for the subject ${s}` });
    });
    // Item columns are optional, but a subject has all of its items or none.
    for (const s of new Set(items.map((it) => it.subject))) {
      const own = items.map((it, k) => ({ it, k })).filter((x) => x.it.subject === s);
      const present = own.filter((x) => layout.itemOf.includes(x.k));
      if (present.length && present.length < own.length)
        problems.push({
          reason: `科目「${s}」的小题列不全,缺少 ${own
            .filter((x) => !layout.itemOf.includes(x.k))
            .map((x) => x.it.label)
            .join('、')} / some item columns of ${s} are missing`,
        });
    }
  } else if (subjectCol < 0 || scoreCol < 0) problems.push({ reason: '长表需要「科目」和「成绩」两列 / a long sheet needs 科目 and 成绩 columns' });
  return { layout: problems.length ? null : layout, problems };
}
