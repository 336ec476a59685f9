// `junheng planning forecast|rotation …`: the planning methods on files, with no database (forecast/cli.ts,
// exchange/cli.ts). Bad input exits 2 naming the row and column, with nothing on stdout.
export interface PlanningCliOptions {
  enrolments?: string;
  horizon?: string;
  window?: string;
  births?: string;
  teachers?: string;
  schools?: string;
  rate?: string;
  'backbone-share'?: string;
  'min-years'?: string;
  'max-age'?: string;
  'max-km'?: string;
  json?: boolean;
}

export const PLANNING_USAGE = `usage:
  junheng planning forecast --enrolments FILE --horizon H --window K [--births FILE] [--json]
  junheng planning rotation --teachers FILE --schools FILE [--rate 0.10 --backbone-share 0.20 --min-years 6 --max-age 55 --max-km 30] [--json]`;

export async function planningCommand(sub: string | undefined, opts: PlanningCliOptions): Promise<number> {
  if (sub === 'forecast') return (await import('./forecast/cli.js')).forecastCommand(opts);
  if (sub === 'rotation') return (await import('./exchange/cli.js')).rotationCommand(opts);
  process.stderr.write(PLANNING_USAGE + '\n');
  return 2;
}
