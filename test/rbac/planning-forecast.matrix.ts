// RBAC rows of planning: forecast. Expectations written from the rules, by hand (not read from the policy).
import type { MatrixRow } from './matrix.js';

export function forecastRows(): MatrixRow[] {
  return [];
}
