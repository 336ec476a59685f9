// RBAC rows of surveys (student wellbeing). Expectations written from the rules, by hand (not read from the policy).
import type { MatrixRow } from './matrix.js';

export function surveysRows(): MatrixRow[] {
  return [];
}
