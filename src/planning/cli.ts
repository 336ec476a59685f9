// `junheng planning forecast|rotation …`: the planning methods on files, with no database (forecast/cli.ts,
// exchange/cli.ts). Bad input exits 2 naming the row and column, with nothing on stdout.
import { PLANNING_USAGE, type PlanningCliOptions } from './cli-options.js';

export { PLANNING_USAGE, type PlanningCliOptions };
export async function planningCommand(sub: string | undefined, opts: PlanningCliOptions): Promise<number> {
  if (sub === 'forecast') return (await import('./forecast/cli.js')).forecastCommand(opts);
  if (sub === 'rotation') return (await import('./exchange/cli.js')).rotationCommand(opts);
  process.stderr.write(PLANNING_USAGE + '\n');
  return 2;
}
