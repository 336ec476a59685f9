// Identifiers of an input list (applicant IDs, school codes): each normalised, present and unique; a problem names
// the row, the column and, for a repeat, the row it repeats.
import { normalizeId } from './identifiers.js';
import type { InputProblem } from './problems.js';

export interface IdKind {
  column: string;
  zh: string;
  en: string;
}

export const APPLICANT_ID: IdKind = { column: 'applicant_id', zh: '报名编号', en: 'applicant ID' };
export const SCHOOL_CODE: IdKind = { column: 'school_code', zh: '学校代码', en: 'school code' };

/** A checker over one list: call it with each row's raw ID; it returns the normalised ID and records problems. */
export function uniqueIds(kind: IdKind, problems: InputProblem[]): (raw: string, row: number) => string {
  const seen = new Map<string, number>();
  return (raw, row) => {
    const id = normalizeId(raw);
    if (id === '') problems.push({ row, column: kind.column, message: `${kind.zh}为空 / the ${kind.en} is empty` });
    else if (seen.has(id)) problems.push({ row, column: kind.column, message: `${kind.zh} ${id} 与第 ${seen.get(id)} 行重复 / ${kind.en} ${id} repeats row ${seen.get(id)}` });
    else seen.set(id, row);
    return id;
  };
}
