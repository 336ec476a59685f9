// Skeleton: replaced by its owner.
import type { PlanningCliOptions } from '../cli.js';

export async function forecastCommand(_opts: PlanningCliOptions): Promise<number> {
  process.stderr.write('not built yet\n');
  return 2;
}
