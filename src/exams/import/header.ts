// The header of a wide score sheet: 学籍号, 姓名, 学校代码, 班级 (Chinese or English aliases), then one column
// per subject. Every subject column must be given full marks with --full, and every --full subject must be there.
import { columnLetter, type ProblemList } from './problems.js';

export type KeyRole = 'id' | 'name' | 'school' | 'class';

/** Aliases in order of preference: with both 学校代码 and 学校, 学校代码 identifies the school and 学校 is kept as a label. */
export const HEADER_ALIASES: Record<KeyRole, readonly string[]> = {
  id: ['学籍号', 'student_id', '考号'],
  name: ['姓名', 'name'],
  school: ['学校代码', 'school_code', '学校'],
  class: ['班级', 'class'],
};
const LABEL: Record<KeyRole, string> = { id: '学籍号 / student_id', name: '姓名 / name', school: '学校代码 / school_code', class: '班级 / class' };

export interface Layout {
  /**
   * Per column: a key role; the index of its subject in --full; 'label' for a second alias of a key role
   * (e.g. 学校 next to 学校代码: read, not used); 'empty' for a column without a header, which must hold no data.
   */
  columns: (KeyRole | number | 'label' | 'empty')[];
  idCol: number;
  schoolCol: number;
}

function roleOf(name: string): { role: KeyRole; rank: number } | undefined {
  const n = name.toLowerCase();
  for (const role of Object.keys(HEADER_ALIASES) as KeyRole[]) {
    const rank = HEADER_ALIASES[role].indexOf(n);
    if (rank >= 0) return { role, rank };
  }
  return undefined;
}

/** @param subjects the subjects of --full, in order. Problems go to `problems`; null when the file cannot be read. */
export function readHeader(header: readonly string[], subjects: readonly string[], problems: ProblemList): Layout | null {
  const before = problems.count;
  const columns: Layout['columns'] = [];
  const seen = new Map<string, number>();
  const best: Partial<Record<KeyRole, { col: number; rank: number }>> = {};
  header.forEach((raw, col) => {
    const name = raw.trim();
    if (name === '') return columns.push('empty');
    if (seen.has(name)) problems.add({ row: 1, col, header: name, reason: `列名重复,与${columnLetter(seen.get(name)!)}列相同 / duplicate of column ${columnLetter(seen.get(name)!)}` });
    else seen.set(name, col);
    const key = roleOf(name);
    if (key) {
      const b = best[key.role];
      if (!b || key.rank < b.rank) best[key.role] = { col, rank: key.rank };
      return columns.push('label');
    }
    const s = subjects.indexOf(name);
    if (s < 0) problems.add({ row: 1, col, header: name, reason: `科目 ${name} 未在 --full 中给出满分 / subject column not given in --full` });
    columns.push(s);
  });
  for (const role of Object.keys(best) as KeyRole[]) columns[best[role]!.col] = role;
  for (const role of ['id', 'school'] as const)
    if (!best[role]) problems.add({ row: 1, reason: `缺少列 ${LABEL[role]} / missing column ${HEADER_ALIASES[role].join(' | ')}` });
  subjects.forEach((s, i) => {
    if (!columns.includes(i)) problems.add({ row: 1, reason: `--full 中的科目 ${s} 不在表头中 / --full subject ${s} is missing from the header` });
  });
  if (problems.count > before) return null;
  return { columns, idCol: best.id!.col, schoolCol: best.school!.col };
}
