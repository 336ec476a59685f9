// Skeleton: replaced by its owner.
import type { PlanningCliOptions } from '../cli.js';

export async function rotationCommand(_opts: PlanningCliOptions): Promise<number> {
  process.stderr.write('not built yet\n');
  return 2;
}
