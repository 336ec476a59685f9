// Students → classes → schools → district. The finest group is a "cell": the student's class, or for a student
// without a class (class index −1) a per-school cell, so that every school is the union of its cells.

export interface Grouping {
  students: number;
  /** Per student, the school index. */
  school: Int32Array;
  schoolCount: number;
  /** Per student, the class index; −1 = no class. */
  klass: Int32Array;
  classCount: number;
  /** Per student, the cell: the class index, or classCount + school without a class. */
  cell: Int32Array;
  /** classCount + schoolCount. */
  cellCount: number;
  /** The school of each cell. */
  cellSchool: Int32Array;
}

/**
 * Checks the indices (every school in range; every class in range or −1, and belonging to the student's school)
 * and builds the cells. Throws a RangeError naming the first bad student.
 */
export function makeGrouping(school: Int32Array, schoolCount: number, klass: Int32Array, classSchool: ArrayLike<number>, ids?: readonly string[]): Grouping {
  const n = school.length;
  if (klass.length !== n) throw new RangeError(`${klass.length} class indices for ${n} students`);
  const classCount = classSchool.length;
  const cellSchool = new Int32Array(classCount + schoolCount);
  for (let c = 0; c < classCount; c++) {
    const s = classSchool[c];
    if (!(s >= 0 && s < schoolCount && Number.isInteger(s))) throw new RangeError(`class ${c}: school ${s} out of range 0–${schoolCount - 1}`);
    cellSchool[c] = s;
  }
  for (let s = 0; s < schoolCount; s++) cellSchool[classCount + s] = s;
  const cell = new Int32Array(n);
  const who = (i: number) => (ids ? `student ${ids[i]} (row ${i})` : `student ${i}`);
  for (let i = 0; i < n; i++) {
    const s = school[i];
    const c = klass[i];
    if (!(s >= 0 && s < schoolCount)) throw new RangeError(`${who(i)}: school ${s} out of range 0–${schoolCount - 1}`);
    if (c === -1) cell[i] = classCount + s;
    else if (!(c >= 0 && c < classCount)) throw new RangeError(`${who(i)}: class ${c} out of range 0–${classCount - 1} (or −1)`);
    else if (cellSchool[c] !== s) throw new RangeError(`${who(i)}: class ${c} belongs to school ${cellSchool[c]}, the student to school ${s}`);
    else cell[i] = c;
  }
  return { students: n, school, schoolCount, klass, classCount, cell, cellCount: classCount + schoolCount, cellSchool };
}
