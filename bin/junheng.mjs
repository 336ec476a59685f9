#!/usr/bin/env node
// Junheng command line. Runs the compiled JavaScript in dist/ (`npm run build`). In a development
// checkout whose build is missing or older than src/ (or with JUNHENG_FROM_SOURCE=1), it runs the
// TypeScript sources through tsx instead, so tests and `npm run dev` never see a stale build.
import { serverBuildState } from '../scripts/build-state.mjs';

const build = process.env.JUNHENG_FROM_SOURCE === '1' ? { state: 'source', reason: 'JUNHENG_FROM_SOURCE=1' } : serverBuildState();
// The server's stack traces (logs of 5xx errors) point into src/*.ts through the build's source maps;
// the other commands start faster without them.
const serving = process.argv[2] === 'serve';
if (build.state === 'fresh') {
  if (serving) process.setSourceMapsEnabled(true);
  await import('../dist/cli.js');
} else {
  let register = null;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    // A production install (npm ci --omit=dev) has no tsx: only the build can run.
  }
  if (register) {
    register();
    await import('../src/cli.ts');
  } else if (build.state === 'stale') {
    process.stderr.write(`junheng: 构建早于源代码 / the build is older than the sources (${build.reason}); run npm run build\n`);
    if (serving) process.setSourceMapsEnabled(true);
    await import('../dist/cli.js');
  } else {
    process.stderr.write('junheng: 尚未构建,请运行 npm run build / not built yet: run npm run build (or npm start)\n');
    process.exit(1);
  }
}
