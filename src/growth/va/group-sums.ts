// Sufficient statistics of the random-intercept model, one pass per group (Searle, Casella & McCulloch 1992, §6.2):
// per-group size n_j and mean vector m_j of the augmented row z = [1, x − x̄, y − ȳ], and the pooled within-group
// cross-product W = Σ_i (z_i − m_{g(i)})(z_i − m_{g(i)})ᵀ. Every REML evaluation then costs O(J·q²), not O(n).

export interface ModelData {
  /** Response (post score), one per student. */
  y: Float64Array;
  /** Covariate columns (pre score, more priors, …), each of length n; the intercept is implicit. */
  x: Float64Array[];
  /** Group index 0..groups−1 of each student. */
  group: Int32Array;
  groups: number;
}

export interface GroupSums {
  /** Students. */
  n: number;
  /** Fixed effects including the intercept. */
  p: number;
  /** p + 1: the augmented width [X | y]. */
  q: number;
  /** Groups with at least one student. */
  occupied: number;
  counts: Float64Array;
  /** Row-major groups × q; column 0 is the intercept (always 1 for an occupied group). */
  means: Float64Array;
  /** q × q pooled within-group cross-products (row and column 0 are zero). */
  within: Float64Array;
  /** Global means subtracted before summing: [0, x̄_1…x̄_k, ȳ]. */
  center: Float64Array;
}

export function groupSums(d: ModelData): GroupSums {
  const n = d.y.length;
  const k = d.x.length;
  const p = k + 1;
  const q = p + 1;
  const cols = [...d.x, d.y];
  const center = new Float64Array(q);
  for (let c = 1; c < q; c++) center[c] = mean(cols[c - 1]);
  const counts = new Float64Array(d.groups);
  const means = new Float64Array(d.groups * q);
  for (let i = 0; i < n; i++) counts[d.group[i]]++;
  for (let c = 1; c < q; c++) {
    const v = cols[c - 1];
    const m = center[c];
    for (let i = 0; i < n; i++) means[d.group[i] * q + c] += v[i] - m;
  }
  let occupied = 0;
  for (let g = 0; g < d.groups; g++) {
    if (counts[g] === 0) continue;
    occupied++;
    means[g * q] = 1;
    for (let c = 1; c < q; c++) means[g * q + c] /= counts[g];
  }
  return { n, p, q, occupied, counts, means, within: withinProducts(cols, center, d.group, means, q), center };
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** W[a][b] = Σ_i (v_a,i − m_a,g(i))(v_b,i − m_b,g(i)) for a, b ≥ 1, using one deviation buffer per column. */
function withinProducts(cols: Float64Array[], center: Float64Array, group: Int32Array, means: Float64Array, q: number): Float64Array {
  const n = group.length;
  const dev = cols.map((v, c) => {
    const out = new Float64Array(n);
    const m = center[c + 1];
    for (let i = 0; i < n; i++) out[i] = v[i] - m - means[group[i] * q + c + 1];
    return out;
  });
  const w = new Float64Array(q * q);
  for (let a = 1; a < q; a++)
    for (let b = 1; b <= a; b++) {
      const da = dev[a - 1];
      const db = dev[b - 1];
      let s = 0;
      for (let i = 0; i < n; i++) s += da[i] * db[i];
      w[a * q + b] = w[b * q + a] = s;
    }
  return w;
}
