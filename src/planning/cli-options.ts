// The options and usage of `junheng planning …` (cli.ts dispatches; forecast/cli.ts and exchange/cli.ts read them).
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
