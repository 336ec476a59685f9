// RBAC rows of planning: pairing. Expectations written from the rules, by hand (not read from the policy).
import type { MatrixRow } from './matrix.js';

export function pairingRows(): MatrixRow[] {
  return [];
}
