// Child processes for the crash tests: start, read their JSON or text lines, kill -9, wait for the exit.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Child {
  proc: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  stderr: () => string;
  /** Resolves with the first line (past or future) for which `test` holds; rejects when the process exits first. */
  waitFor(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
}

export function startChild(args: string[], env: Record<string, string | undefined> = {}): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  const watchers = new Set<() => void>();
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of [...watchers]) w();
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err = (err + chunk).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('close', (code, signal) => {
      for (const w of [...watchers]) w();
      resolve({ code, signal });
    }),
  );
  const child: Child = {
    proc,
    lines,
    stderr: () => err,
    waitFor(test, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timeout waiting for output; stdout:\n${lines.slice(-20).join('\n')}\nstderr:\n${err}`)), timeoutMs);
        const check = () => {
          const hit = lines.find(test);
          if (hit !== undefined) return done(null, hit);
          if (proc.exitCode !== null || proc.signalCode !== null)
            done(new Error(`process exited (${proc.exitCode ?? proc.signalCode}) first; stdout:\n${lines.slice(-20).join('\n')}\nstderr:\n${err}`));
        };
        const done = (e: Error | null, line?: string) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (e) reject(e);
          else resolve(line!);
        };
        watchers.add(check);
        check();
      });
    },
    exited,
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
  return child;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** JSON lines only. */
export const events = (lines: string[]) =>
  lines.flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
