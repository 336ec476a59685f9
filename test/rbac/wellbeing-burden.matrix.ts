// RBAC rows of burden (student wellbeing). Expectations written from the rules, by hand (not read from the policy).
import type { MatrixRow } from './matrix.js';

export function burdenRows(): MatrixRow[] {
  return [];
}
