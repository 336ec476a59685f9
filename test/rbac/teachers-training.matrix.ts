// RBAC rows of teachers: training (written by the area's owner).
import type { MatrixRow } from './matrix.js';

export function trainingRows(): MatrixRow[] {
  return [];
}
