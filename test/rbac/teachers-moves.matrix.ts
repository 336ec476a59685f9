// RBAC rows of teachers: moves (written by the area's owner).
import type { MatrixRow } from './matrix.js';

export function movesRows(): MatrixRow[] {
  return [];
}
