// CLI start-up: `junheng --help` through the bin, with the compiled build (dist/), median wall time of
// 21 runs after 3 warm-ups; target < 0.15 s (issue 9). For scale: Node itself (`node -e 0`) on the same
// machine, the compiled CLI without the bin's freshness check, and the TypeScript sources through tsx.
// On a busy machine wall times stretch with the load; the CPU time (user + sys, from /usr/bin/time when
// present) is what the process itself costs, and the load average is printed beside it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { serverBuildState } from '../scripts/build-state.mjs';
import { BIN, ROOT, ensureBuild, median } from './production.js';
import type { BenchResult } from './types.js';

const RUNS = 21;
const TIME = '/usr/bin/time';

interface Runs {
  wall: number;
  min: number;
  max: number;
  cpu: number | null;
}

function timeRuns(args: string[], env: NodeJS.ProcessEnv = process.env): Runs {
  const useTime = fs.existsSync(TIME);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const [file, argv] = useTime ? [TIME, ['-f', '@@cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
    const t = performance.now();
    const r = spawnSync(file, argv, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const s = (performance.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i < 3) continue;
    walls.push(s);
    const m = /@@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (m) cpus.push(Number(m[1]) + Number(m[2]));
  }
  return { wall: median(walls), min: Math.min(...walls), max: Math.max(...walls), cpu: cpus.length ? median(cpus) : null };
}

export default async function (): Promise<BenchResult[]> {
  const built = ensureBuild(['server']);
  if (serverBuildState().state !== 'fresh') throw new Error('dist/ is not fresh after the build');
  const load = os.loadavg()[0].toFixed(1);
  const note = (x: Runs) => `min ${x.min.toFixed(3)}, max ${x.max.toFixed(3)} s${x.cpu === null ? '' : `; CPU ${(x.cpu * 1000).toFixed(0)} ms`}`;
  const bin = timeRuns([BIN, '--help']);
  const direct = timeRuns(['dist/cli.js', '--help']);
  const node = timeRuns(['-e', '0']);
  const tsx = timeRuns([BIN, '--help'], { ...process.env, JUNHENG_FROM_SOURCE: '1' });
  const results: BenchResult[] = [
    { name: 'junheng --help (bin → dist/, median)', value: bin.wall, unit: 's', target: 0.15, note: `${RUNS} runs, ${note(bin)}; load average ${load} on ${os.cpus().length} CPUs; ${built}` },
    { name: 'node dist/cli.js --help (no freshness check)', value: direct.wall, unit: 's', note: note(direct) },
    { name: 'node -e 0 (Node alone, the floor)', value: node.wall, unit: 's', note: `${note(node)}; ours above the floor: ${((bin.wall - node.wall) * 1000).toFixed(0)} ms` },
    { name: 'junheng --help from the sources (tsx, development)', value: tsx.wall, unit: 's', note: `${note(tsx)}; JUNHENG_FROM_SOURCE=1, what the bin ran before the build` },
  ];
  if (bin.cpu !== null)
    results.splice(1, 0, { name: 'junheng --help: CPU time (user + sys, median)', value: bin.cpu, unit: 's', target: 0.15, note: 'the cost of the process itself, whatever else the machine runs' });
  return results;
}
