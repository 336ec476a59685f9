// Which sibling cells are withheld (privacy.ts): under the minimum for a caller without pupil-level rights, plus the
// complementary cell when only one would be withheld. Expectations by hand from the rule.
import { describe, expect, it } from 'vitest';
import { cellsToWithhold } from './privacy.js';

const ids = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('cellsToWithhold', () => {
  it('one small cell → also the next-smallest closed one (not an open one, not an empty one)', () => {
    // sizes 3 (small), 40, 0 (empty), 12, 25 (open): the next-smallest closed cell with students is 12 (index 3)
    expect(
      ids(
        cellsToWithhold(
          [
            { n: 3, open: false },
            { n: 40, open: false },
            { n: 0, open: false },
            { n: 12, open: false },
            { n: 5, open: true },
          ],
          10,
        ),
      ),
    ).toEqual([0, 3]);
  });
  it('two small cells → just those two', () => {
    expect(
      ids(
        cellsToWithhold(
          [
            { n: 3, open: false },
            { n: 9, open: false },
            { n: 11, open: false },
          ],
          10,
        ),
      ),
    ).toEqual([0, 1]);
  });
  it('exactly at the minimum is published; nothing small → nothing withheld', () => {
    expect(
      ids(
        cellsToWithhold(
          [
            { n: 10, open: false },
            { n: 30, open: false },
          ],
          10,
        ),
      ),
    ).toEqual([]);
  });
  it('a small open cell is published; a lone small cell without a sibling stays alone', () => {
    expect(
      ids(
        cellsToWithhold(
          [
            { n: 1, open: true },
            { n: 20, open: false },
          ],
          10,
        ),
      ),
    ).toEqual([]);
    expect(ids(cellsToWithhold([{ n: 1, open: false }], 10))).toEqual([0]);
  });
  it('empty input', () => {
    expect(ids(cellsToWithhold([], 10))).toEqual([]);
  });
});
