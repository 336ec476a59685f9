// Who each row of a school's roster file is (issue 13: one person across files and years). In order: the keyed hash of
// the 身份证号; else the school's 工号 in this year's roster (a re-import) or the previous year's; else name and birth
// year, when exactly one teacher of the school's roster of this or the previous year has them; else a new person. A
// weak match (工号, name) is taken only when the row's and the person's hashes do not differ (either absent, or the
// same), when no other row of the file took that person, and when the person is not on another school's roster of the
// year (then it is someone else: a new person). A 身份证号 match of a teacher on another school's roster of the year is a problem of that row: one
// teacher, one school a year. Pure module.

export type MatchKind = 'idNumber' | 'staffNo' | 'nameBirth' | 'new';

/** What a file row offers for matching (the 身份证号 already hashed). */
export interface MatchRow {
  row: number;
  idHash: string | null;
  staffNo: string | null;
  name: string;
  birthYear: number;
}

export interface MatchSources {
  /** Persons by 身份证号 hash: hash → teacher id. */
  byHash: ReadonlyMap<string, string>;
  /** 工号 → teacher id of the school's roster: this year's, then the previous year's. */
  byStaffNo: readonly ReadonlyMap<string, string>[];
  /** `${name}\u0000${birthYear}` → teacher ids of the school's roster of this and the previous year. */
  byNameBirth: ReadonlyMap<string, readonly string[]>;
  /** The stored hash of each candidate person (null: none). */
  hashOf: ReadonlyMap<string, string | null>;
  /** Candidates on another school's roster of the year: teacher id → that school's code. */
  elsewhere: ReadonlyMap<string, string>;
}

export interface Matched {
  row: number;
  kind: MatchKind;
  /** null for a new person. */
  teacherId: string | null;
}

/** A 身份证号 that belongs to a teacher on another school's roster of the year. */
export interface MatchConflict {
  row: number;
  teacherId: string;
  schoolCode: string;
}

export const nameBirthKey = (name: string, birthYear: number) => `${name}\u0000${birthYear}`;

export function matchPersons(rows: readonly MatchRow[], src: MatchSources): { matched: Matched[]; conflicts: MatchConflict[] } {
  const taken = new Set<string>();
  const conflicts: MatchConflict[] = [];
  const byRow = new Map<number, Matched>();
  // First every 身份证号 match (the strong one), so that a weak match never takes a person another row names by number.
  for (const r of rows) {
    const id = r.idHash ? src.byHash.get(r.idHash) : undefined;
    if (!id) continue;
    const other = src.elsewhere.get(id);
    if (other) conflicts.push({ row: r.row, teacherId: id, schoolCode: other });
    taken.add(id);
    byRow.set(r.row, { row: r.row, kind: 'idNumber', teacherId: id });
  }
  const usable = (id: string | undefined, hash: string | null): id is string => {
    if (!id || taken.has(id) || src.elsewhere.has(id)) return false;
    const stored = src.hashOf.get(id) ?? null;
    return stored === null || hash === null || stored === hash;
  };
  for (const r of rows) {
    if (byRow.has(r.row)) continue;
    let found: Matched | null = null;
    if (r.staffNo)
      for (const m of src.byStaffNo) {
        const id = m.get(r.staffNo);
        if (usable(id, r.idHash)) {
          found = { row: r.row, kind: 'staffNo', teacherId: id };
          break;
        }
      }
    if (!found) {
      const ids = src.byNameBirth.get(nameBirthKey(r.name, r.birthYear)) ?? [];
      if (ids.length === 1 && usable(ids[0], r.idHash)) found = { row: r.row, kind: 'nameBirth', teacherId: ids[0] };
    }
    if (found) taken.add(found.teacherId!);
    byRow.set(r.row, found ?? { row: r.row, kind: 'new', teacherId: null });
  }
  return { matched: rows.map((r) => byRow.get(r.row)!), conflicts };
}
