// Shared by the production benchmarks (cli-startup, page-load): make sure the compiled build is there
// and fresh (building it when not), and start `junheng serve` from it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverBuildState, webBuildState } from '../scripts/build-state.mjs';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const BIN = path.join(ROOT, 'bin', 'junheng.mjs');

/** Builds what is missing or stale (scripts/build.mjs --if-stale); throws when the build is still not fresh. */
export function ensureBuild(parts: ('server' | 'web')[]): string {
  const stale = parts.filter((p) => (p === 'server' ? serverBuildState() : webBuildState()).state !== 'fresh');
  if (stale.length === 0) return 'build up to date';
  const t = performance.now();
  const r = spawnSync(process.execPath, ['scripts/build.mjs', ...stale.map((p) => `--${p}`)], { cwd: ROOT, encoding: 'utf8' });
  const still = parts.filter((p) => (p === 'server' ? serverBuildState() : webBuildState()).state !== 'fresh');
  if (r.status !== 0 || still.length) throw new Error(`npm run build failed (${still.join(', ')} not fresh):\n${(r.stdout + r.stderr).slice(-3000)}`);
  return `built ${stale.join(' + ')} first (${((performance.now() - t) / 1000).toFixed(0)} s)`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * `junheng serve` from dist/ on a PGlite folder kept under .tmp/bench (the demo district is loaded on
 * its first use only). Resolves once it prints its URL.
 */
export async function startServer(): Promise<{ url: string; child: ChildProcess; stop: () => Promise<number | null>; startSeconds: number }> {
  const data = path.join(ROOT, '.tmp', 'bench', 'serve-data');
  fs.mkdirSync(data, { recursive: true });
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', data], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', JUNHENG_LOG_LEVEL: 'warn', JUNHENG_ADMIN_PASSWORD: 'bench-password-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (!out.includes(`open: ${url}`)) {
    if (child.exitCode !== null) throw new Error(`junheng serve exited ${child.exitCode}:\n${out}`);
    if (performance.now() - t > 300_000) {
      child.kill('SIGKILL');
      throw new Error(`junheng serve did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startSeconds = (performance.now() - t) / 1000;
  return {
    url,
    child,
    startSeconds,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
