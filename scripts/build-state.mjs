// Is the production build there and newer than its sources? Shared by the `junheng` bin (which runs
// dist/ when it is fresh, the TypeScript sources through tsx otherwise), `npm start` and `npm run build
// -- --if-stale`. A build writes a stamp (dist/.build-stamp.json, web/dist/.build-stamp.json) with the
// time it started; a build is stale when a source file changed after that time, or files were added
// or removed. Plain JS with node:fs only: the bin calls it on every start, so it must stay cheap
// (a few hundred stat calls, ~2 ms).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SERVER_OUT = path.join(ROOT, 'dist');
export const WEB_OUT = path.join(ROOT, 'web', 'dist');
export const SERVER_STAMP = path.join(SERVER_OUT, '.build-stamp.json');
export const WEB_STAMP = path.join(WEB_OUT, '.build-stamp.json');

/** Files of the server build: src/ without tests and notes, and the compiler settings. */
export function serverSources() {
  const files = walk(path.join(ROOT, 'src'), (f) => !/\.(test|spec)\.ts$/.test(f) && !f.endsWith('.md'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) files.push(path.join(ROOT, f));
  return files;
}

/** Files of the web build: web/ (not its output), the modules of src/ the last bundle imported, the settings. */
export function webSources(stamp) {
  const files = walk(path.join(ROOT, 'web'), (f) => !f.startsWith(WEB_OUT + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`));
  for (const f of stamp?.inputs ?? []) files.push(path.join(ROOT, f));
  for (const f of ['package-lock.json', 'tsconfig.json']) files.push(path.join(ROOT, f));
  return files;
}

function walk(dir, keep, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== WEB_OUT && e.name !== 'node_modules') walk(p, keep, out);
    } else if (keep(p)) out.push(p);
  }
  return out;
}

export function readStamp(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** 'fresh' | 'stale' | 'missing', and why. */
function state(stamp, output, files) {
  if (!stamp || !fs.existsSync(output)) return { state: 'missing', reason: 'no build' };
  if (typeof stamp.sources === 'number' && stamp.sources !== files.length) return { state: 'stale', reason: `${Math.abs(files.length - stamp.sources)} source files added or removed` };
  for (const f of files) {
    let m;
    try {
      m = fs.statSync(f).mtimeMs;
    } catch {
      if (stamp.inputs?.includes(path.relative(ROOT, f))) return { state: 'stale', reason: `${path.relative(ROOT, f)} is gone` };
      continue;
    }
    if (m > stamp.startedAt) return { state: 'stale', reason: `${path.relative(ROOT, f)} changed after the build` };
  }
  return { state: 'fresh', reason: '' };
}

/** The compiled server (dist/cli.js) against src/. Without src/ (a deployed build), a present build is fresh. */
export function serverBuildState() {
  const stamp = readStamp(SERVER_STAMP);
  if (!fs.existsSync(path.join(ROOT, 'src'))) return fs.existsSync(path.join(SERVER_OUT, 'cli.js')) ? { state: 'fresh', reason: '' } : { state: 'missing', reason: 'no build' };
  return state(stamp, path.join(SERVER_OUT, 'cli.js'), serverSources());
}

/** The built web app (web/dist/index.html) against web/ and the src/ modules it bundles. */
export function webBuildState() {
  const stamp = readStamp(WEB_STAMP);
  if (!fs.existsSync(path.join(ROOT, 'web', 'src'))) return fs.existsSync(path.join(WEB_OUT, 'index.html')) ? { state: 'fresh', reason: '' } : { state: 'missing', reason: 'no build' };
  return state(stamp, path.join(WEB_OUT, 'index.html'), webSources(stamp));
}

/** Written by a build that succeeded: when it started, and how many source files it saw. */
export function writeStamp(file, startedAt, sources, extra = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ startedAt, sources, ...extra }, null, 2)}\n`);
}
