// RBAC rows of planning: exchange. Expectations written from the rules, by hand (not read from the policy).
import type { MatrixRow } from './matrix.js';

export function exchangeRows(): MatrixRow[] {
  return [];
}
