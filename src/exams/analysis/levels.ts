// Score levels, the key of every counting sort here: level b = 2x for half points (x = b/2, exact), otherwise the index
// of x among the column's sorted distinct scores. Equal scores share a level and levels keep the order of scores.

/** Half points up to this many levels use the direct code 2x (a 2,097,151-point paper is far beyond any exam). */
const MAX_GRID_LEVELS = 1 << 22;

export interface Levels {
  /** Per student: the level of the score; −1 = no score (NaN). */
  codes: Int32Array;
  /** The score of each level, strictly ascending; for half points values[b] = b/2 (levels nobody has included). */
  values: Float64Array;
  /** Students with a score. */
  present: number;
  /** True when codes are 2x (half points ≥ 0). */
  grid: boolean;
}

/** Codes a score column; `codes` may be a reused buffer of the same length. */
export function codeLevels(scores: Float64Array, codes: Int32Array = new Int32Array(scores.length)): Levels {
  const n = scores.length;
  if (codes.length !== n) throw new RangeError(`codes buffer of ${codes.length} for ${n} scores`);
  let max = -1;
  let present = 0;
  let grid = true;
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    present++;
    const d = v * 2;
    if (d >= 0 && d < MAX_GRID_LEVELS && (d | 0) === d) {
      codes[i] = d;
      if (d > max) max = d;
    } else {
      grid = false;
      break;
    }
  }
  if (grid) {
    const values = new Float64Array(max + 1);
    for (let b = 0; b <= max; b++) values[b] = b / 2;
    return { codes, values, present, grid: true };
  }
  return distinctLevels(scores, codes);
}

/** Any finite scores: levels are the sorted distinct values, found by binary search. */
function distinctLevels(scores: Float64Array, codes: Int32Array): Levels {
  const n = scores.length;
  let present = 0;
  for (let i = 0; i < n; i++) if (scores[i] === scores[i]) present++;
  const sorted = new Float64Array(present);
  for (let i = 0, k = 0; i < n; i++) if (scores[i] === scores[i]) sorted[k++] = scores[i];
  sorted.sort();
  let L = 0;
  for (let k = 0; k < present; k++) if (L === 0 || sorted[k] !== sorted[L - 1]) sorted[L++] = sorted[k]; // −0 and 0 are one level
  const values = sorted.slice(0, L);
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let lo = 0;
    let hi = L - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
  }
  return { codes, values, present, grid: false };
}
