// Small cells of the wellbeing reports: no withheld figure may be recoverable by subtraction. The cells below are
// laid out by hand; the sums in the comments are the equations a reader could use.
import { describe, expect, it } from 'vitest';
import { cellsToSuppress, type CellKey } from './privacy.js';

type Cell = CellKey & { n: number };
const viewer = { role: 'viewer' as const, schoolCode: null, assignedSchools: [] };
const clerkA = { role: 'clerk' as const, schoolCode: 'A', assignedSchools: [] };
const health = { role: 'health' as const, schoolCode: null, assignedSchools: [] };

/** Every cell of a report of schools × grades × sexes from the pupils per (school, grade, sex). */
function report(pupils: Record<string, number>): Cell[] {
  const acc = new Map<string, Cell>();
  const add = (school: string | null, grade: number | null, sex: 'M' | 'F' | null, n: number) => {
    const k = `${school}|${grade}|${sex}`;
    const c = acc.get(k) ?? { school, grade, sex, n: 0 };
    c.n += n;
    acc.set(k, c);
  };
  for (const [k, n] of Object.entries(pupils)) {
    const [school, g, sex] = k.split('|');
    const grade = Number(g);
    for (const s of [null, school]) {
      add(s, null, null, n);
      add(s, grade, null, n);
      add(s, grade, sex as 'M' | 'F', n);
    }
  }
  return [...acc.values()];
}

const at = (cells: Cell[], school: string | null, grade: number | null, sex: 'M' | 'F' | null) => cells.findIndex((c) => c.school === school && c.grade === grade && c.sex === sex);

/** The equations parent = Σ children of the report: none may have exactly one withheld term. */
function singleUnknowns(cells: Cell[], out: Set<number>): string[] {
  const bad: string[] = [];
  const check = (parent: number, children: number[]) => {
    const hidden = [parent, ...children].filter((i) => out.has(i));
    if (hidden.length === 1) bad.push(`${JSON.stringify(cells[parent])} = Σ ${children.length}`);
  };
  cells.forEach((p, i) => {
    if (p.school === null)
      check(
        i,
        cells.flatMap((c, j) => (c.school !== null && c.grade === p.grade && c.sex === p.sex ? [j] : [])),
      );
    if (p.grade === null)
      check(
        i,
        cells.flatMap((c, j) => (c.school === p.school && c.grade !== null && c.sex === null ? [j] : [])),
      );
    if (p.grade !== null && p.sex === null)
      check(
        i,
        cells.flatMap((c, j) => (c.school === p.school && c.grade === p.grade && c.sex !== null ? [j] : [])),
      );
  });
  return bad;
}

describe('cellsToSuppress', () => {
  // Schools A, B, C; grades 3 and 4; B's grade 3 has 6 pupils (3 + 3), every other (school, grade, sex) 15.
  const pupils = { 'A|3|M': 15, 'A|3|F': 15, 'A|4|M': 15, 'A|4|F': 15, 'B|3|M': 3, 'B|3|F': 3, 'B|4|M': 15, 'B|4|F': 15, 'C|3|M': 15, 'C|3|F': 15, 'C|4|M': 15, 'C|4|F': 15 };

  it('withholds the small cells and enough partners that no equation has a single unknown (a viewer)', () => {
    const cells = report(pupils);
    const out = cellsToSuppress(viewer, cells, 10, (c) => c.n);
    // Small: B grade 3 (6), B grade 3 boys (3) and girls (3).
    for (const [s, g, x] of [
      ['B', 3, null],
      ['B', 3, 'M'],
      ['B', 3, 'F'],
    ] as const)
      expect(out.has(at(cells, s, g, x))).toBe(true);
    // B total = B3 + B4: B4 (30) goes with B3; district grade 3 = A3 + B3 + C3: A3 or C3 (30 each) goes too.
    expect(out.has(at(cells, 'B', 4, null))).toBe(true);
    expect(singleUnknowns(cells, out)).toEqual([]);
    // Nothing withheld without a reason: the district total, and the grade-4 cells of the school kept whole, stay.
    expect(out.has(at(cells, null, null, null))).toBe(false);
  });

  it('withholds the district cell when the only other school is the caller’s own (district − own = the small one)', () => {
    // Two schools: A (the clerk's) 12 boys in grade 3, B 6 boys.
    const cells = report({ 'A|3|M': 12, 'A|3|F': 12, 'B|3|M': 6, 'B|3|F': 14 });
    const out = cellsToSuppress(clerkA, cells, 10, (c) => c.n);
    expect(out.has(at(cells, 'B', 3, 'M'))).toBe(true);
    // District grade-3 boys (18) − A's (12, seen) would give B's 6: withheld.
    expect(out.has(at(cells, null, 3, 'M'))).toBe(true);
    expect(out.has(at(cells, 'A', 3, 'M'))).toBe(false);
    expect(singleUnknowns(cells, out).filter((e) => !e.includes('"school":"A"'))).toEqual([]);
  });

  it('withholds nothing from the health staff, and nothing when no cell is small', () => {
    const cells = report(pupils);
    expect(cellsToSuppress(health, cells, 10, (c) => c.n).size).toBe(0);
    expect(cellsToSuppress(viewer, report({ 'A|3|M': 10, 'B|3|M': 10 }), 10, (c) => c.n).size).toBe(0);
  });
});
