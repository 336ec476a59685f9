// The `junheng` bin runs the compiled build when it is newer than src/ (scripts/build-state.mjs), the
// TypeScript sources through tsx otherwise (a development checkout, the tests), and without tsx (a
// production install) a stale build with a warning, or nothing with a clear message. Checked in a small
// copy of the layout: bin/, scripts/, src/cli.ts and dist/cli.js that say which one ran.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
const file = (p: string) => path.join(dir, p);

function run(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [file('bin/junheng.mjs'), '--help'], { cwd: dir, encoding: 'utf8', env: { ...process.env, JUNHENG_FROM_SOURCE: '', ...env } });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

/** What `npm run build` leaves: the stamp with the time the build started and how many sources it saw. */
function stamp(startedAt = Date.now()) {
  // The files of src/, plus tsconfig.json, tsconfig.build.json and package-lock.json (counted whether present or not).
  const sources = fs.readdirSync(file('src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length + 3;
  fs.writeFileSync(file('dist/.build-stamp.json'), JSON.stringify({ startedAt, sources }));
}

const touch = (p: string, ms: number) => fs.utimesSync(file(p), new Date(ms), new Date(ms));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-bin-'));
  for (const d of ['bin', 'scripts', 'src/core', 'dist']) fs.mkdirSync(file(d), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'bin/junheng.mjs'), file('bin/junheng.mjs'));
  fs.copyFileSync(path.join(ROOT, 'scripts/build-state.mjs'), file('scripts/build-state.mjs'));
  fs.writeFileSync(file('package.json'), '{ "type": "module" }\n');
  fs.writeFileSync(file('src/cli.ts'), "const from: string = 'sources';\nconsole.log(`from ${from}`);\n");
  fs.writeFileSync(file('src/core/version.ts'), "export const VERSION: string = '0';\n");
  fs.writeFileSync(file('dist/cli.js'), "console.log('from dist');\n");
  fs.symlinkSync(path.join(ROOT, 'node_modules'), file('node_modules'));
  const old = Date.now() - 3_600_000;
  touch('src/cli.ts', old);
  touch('src/core/version.ts', old);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bin/junheng.mjs', () => {
  it('runs the sources through tsx when there is no build', () => {
    expect(run()).toEqual({ code: 0, out: 'from sources', err: '' });
  });

  it('runs dist/ when the build is newer than every source', () => {
    stamp();
    expect(run()).toEqual({ code: 0, out: 'from dist', err: '' });
    expect(run({ JUNHENG_FROM_SOURCE: '1' }).out).toBe('from sources');
  });

  it('runs the sources again when a source changed after the build, or a source was added', () => {
    touch('src/core/version.ts', Date.now() + 1000);
    expect(run().out).toBe('from sources');
    touch('src/core/version.ts', Date.now() - 3_600_000);
    expect(run().out).toBe('from dist');
    fs.writeFileSync(file('src/core/new.ts'), 'export {};\n');
    touch('src/core/new.ts', Date.now() - 3_600_000); // old mtime (e.g. moved in): caught by the count
    expect(run().out).toBe('from sources');
    stamp();
    expect(run().out).toBe('from dist');
  });

  it('without tsx (a production install): a stale build runs with a warning, no build is a clear error', () => {
    fs.unlinkSync(file('node_modules'));
    try {
      touch('src/cli.ts', Date.now() + 1000);
      const stale = run();
      expect(stale.code).toBe(0);
      expect(stale.out).toBe('from dist');
      expect(stale.err).toMatch(/the build is older than the sources \(src\/cli\.ts changed after the build\); run npm run build/);
      fs.rmSync(file('dist'), { recursive: true });
      const none = run();
      expect(none.code).toBe(1);
      expect(none.err).toMatch(/尚未构建.* \/ not built yet: run npm run build/);
    } finally {
      fs.symlinkSync(path.join(ROOT, 'node_modules'), file('node_modules'));
    }
  });
});
