// The schools with the largest share of pupils over the homework limit, from the school cells a caller may see
// (withheld cells and schools where nobody answered are left out). Shares are compared by cross-multiplying the
// counts (a/b > c/d ⇔ a·d > c·b), never as floats; equal shares: more pupils over first, then the school code.
import type { BurdenCell } from './cells.js';

export function worstSchools(cells: readonly BurdenCell[], n: number): BurdenCell[] {
  return cells
    .filter((c) => c.school !== null && c.grade === null && c.sex === null && !c.homeworkSuppressed && c.homeworkAnswered > 0 && c.homeworkOver !== null)
    .sort((x, y) => y.homeworkOver! * x.homeworkAnswered - x.homeworkOver! * y.homeworkAnswered || y.homeworkOver! - x.homeworkOver! || x.school!.localeCompare(y.school!))
    .slice(0, n);
}
