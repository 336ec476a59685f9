// Group summaries of student gains: n, mean, sample SD s = √(Σ(x − x̄)²/(n − 1)) and SE = s/√n (anchors.md §3.3,
// MEAN_SGP_STANDARD_ERROR); 95% interval mean ± 1.96·SE; groups below minN (default 20) flagged as suppressed.

export interface GroupMean {
  group: string;
  n: number;
  mean: number;
  sd: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}

const Z95 = 1.959963984540054;

/** Mean of value(item) per key(item); groups in code order. */
export function groupMeans<T>(items: readonly T[], key: (t: T) => string, value: (t: T) => number, minN = 20): GroupMean[] {
  const by = new Map<string, number[]>();
  for (const t of items) {
    const k = key(t);
    let v = by.get(k);
    if (!v) by.set(k, (v = []));
    v.push(value(t));
  }
  return [...by.keys()].sort().map((group) => summarize(group, by.get(group)!, minN));
}

function summarize(group: string, v: number[], minN: number): GroupMean {
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { group, n, mean, sd: null, se: null, lower: null, upper: null, suppressed: n < minN };
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  return { group, n, mean, sd, se, lower: mean - Z95 * se, upper: mean + Z95 * se, suppressed: n < minN };
}
