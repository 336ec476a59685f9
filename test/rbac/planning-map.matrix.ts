// RBAC rows of planning: map. Expectations written from the rules, by hand (not read from the policy).
import type { MatrixRow } from './matrix.js';

export function mapRows(): MatrixRow[] {
  return [];
}
