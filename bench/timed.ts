// Wall time and peak memory of a child process, for the benchmarks that compare with a peer program.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TIME = '/usr/bin/time';

export interface Run {
  seconds: number;
  peakMb: number | null;
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Wall time and, through /usr/bin/time -f %M when it exists, the peak RSS of a command. */
export function timed(cmd: string, args: string[]): Promise<Run> {
  const useTime = fs.existsSync(TIME);
  const marker = '@@peak-kb=';
  const [file, argv] = useTime ? [TIME, ['-f', `${marker}%M`, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(file, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t) / 1000;
      let stderr = Buffer.concat(err).toString('utf8');
      const m = new RegExp(`${marker}(\\d+)\\s*$`).exec(stderr);
      if (m) stderr = stderr.slice(0, m.index);
      resolve({ seconds, peakMb: m ? Number(m[1]) / 1024 : null, stdout: Buffer.concat(out).toString('utf8'), stderr, code });
    });
  });
}
