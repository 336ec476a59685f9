// The HTTP wire is camelCase (schoolCode, schoolName); two older contracts keep the snake_case names:
// the JSON that `junheng balance evaluate --json` prints (scripts read it), and the results of evaluations
// saved before the rename (jsonb rows). The renames live here, at those two boundaries, and nowhere else.
// Only these two keys ever differed: excludedReason, totalGaps, schoolsPassing… were camelCase on both.
import type { evaluateDistrict } from './evaluate.js';

const SNAKE: Readonly<Record<string, string>> = { schoolCode: 'school_code', schoolName: 'school_name' };
const CAMEL: Readonly<Record<string, string>> = { school_code: 'schoolCode', school_name: 'schoolName' };

/** A deep copy with the object keys named in `names` renamed; key order, arrays and values unchanged. */
function renameKeys(value: unknown, names: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, names));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[Object.hasOwn(names, k) ? names[k] : k] = renameKeys(v, names);
  return out;
}

/** The evaluation as `junheng balance evaluate --json` prints it: schools' `school_code` / `school_name`. */
export function toCliJson(result: ReturnType<typeof evaluateDistrict>): unknown {
  return renameKeys(result, SNAKE);
}

/** A saved evaluation's result as stored; rows saved before the camelCase wire carry `school_code` / `school_name`. */
export function fromSavedResult<T>(stored: unknown): T {
  return renameKeys(stored, CAMEL) as T;
}
