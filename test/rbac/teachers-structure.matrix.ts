// RBAC rows of teachers: structure (written by the area's owner).
import type { MatrixRow } from './matrix.js';

export function structureRows(): MatrixRow[] {
  return [];
}
