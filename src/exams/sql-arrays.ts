// PostgreSQL array literals built by hand for the bulk statements (INSERT … SELECT … FROM unnest(…)): one text
// parameter per column and batch, cast on the server, so that neither driver builds 20,000 JS values per column.

/** '{"a","b",NULL}' — text elements quoted, with " and \ escaped. */
export function textArray(values: readonly (string | null)[], from = 0, to = values.length): string {
  let s = '{';
  for (let i = from; i < to; i++) {
    if (i > from) s += ',';
    const v = values[i];
    s += v === null ? 'NULL' : '"' + (/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v) + '"';
  }
  return s + '}';
}

/** '{1,2.5,NULL}' — NaN (and ±Infinity) as NULL; numbers in their shortest exact form. */
export function numberArray(values: ArrayLike<number>, from = 0, to = values.length, zeroIsNull = false): string {
  let s = '{';
  for (let i = from; i < to; i++) {
    if (i > from) s += ',';
    const v = values[i];
    s += Number.isFinite(v) && !(zeroIsNull && v === 0) ? String(v) : 'NULL';
  }
  return s + '}';
}
