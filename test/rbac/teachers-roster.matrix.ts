// RBAC rows of teachers: roster (written by the area's owner).
import type { MatrixRow } from './matrix.js';

export function rosterRows(): MatrixRow[] {
  return [];
}
