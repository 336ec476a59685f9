#!/usr/bin/env node
// npm run build: the server (src/ → dist/ with tsc, tsconfig.build.json, plus the files that are not
// TypeScript: the standards packs' JSON, the PGlite worker) and the web app (web/ → web/dist/ with
// vite; web/vite.config.ts precompresses every asset with brotli and gzip and writes the web stamp).
//   node scripts/build.mjs [--server] [--web] [--if-stale]
// --server / --web build one half (default both); --if-stale skips a half whose build is newer than
// its sources (scripts/build-state.mjs), as `npm start` does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, SERVER_OUT, SERVER_STAMP, serverBuildState, serverSources, webBuildState, writeStamp } from './build-state.mjs';

const args = new Set(process.argv.slice(2));
const both = !args.has('--server') && !args.has('--web');
const ifStale = args.has('--if-stale');
const require = createRequire(import.meta.url);

function run(what, file, argv) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [file, ...argv], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${what} 构建失败 / build failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

function resolveBin(pkg, bin) {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), bin);
}

function buildServer() {
  const startedAt = Date.now();
  const sources = serverSources();
  fs.mkdirSync(SERVER_OUT, { recursive: true });
  run('server → dist/ (tsc)', resolveBin('typescript', 'bin/tsc'), ['-p', 'tsconfig.build.json']);
  // What tsc does not emit: JSON read at run time (standards packs), plain JS modules (the PGlite worker).
  let copied = 0;
  for (const src of sources) {
    if (!src.startsWith(path.join(ROOT, 'src') + path.sep) || src.endsWith('.ts')) continue;
    const dest = path.join(SERVER_OUT, path.relative(path.join(ROOT, 'src'), src));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(src, dest);
    copied++;
  }
  console.log(`✓ ${copied} assets copied (json, mjs)`);
  writeStamp(SERVER_STAMP, startedAt, sources.length);
}

function buildWeb() {
  run('web → web/dist/ (vite, br + gzip)', resolveBin('vite', 'bin/vite.js'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}

const t0 = Date.now();
if (both || args.has('--server')) {
  const s = serverBuildState();
  if (ifStale && s.state === 'fresh') console.log('server build is up to date (dist/)');
  else {
    if (ifStale) console.log(`building the server: ${s.reason}`);
    buildServer();
  }
}
if (both || args.has('--web')) {
  const s = webBuildState();
  if (ifStale && s.state === 'fresh') console.log('web build is up to date (web/dist/)');
  else {
    if (ifStale) console.log(`building the web app: ${s.reason}`);
    buildWeb();
  }
}
if (Date.now() - t0 > 1000) console.log(`build done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
