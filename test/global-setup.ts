// Once per `vitest run`: the browser tests' demo templates (test/browser/harness.ts) of runs that ended more than two
// hours ago are removed at the start, and this run's at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'jh-demo-template-';

export default function setup() {
  const run = process.env.JH_TEST_RUN;
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const p = path.join(os.tmpdir(), name);
    const age = Date.now() - (fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 2 * 3600_000) fs.rmSync(p, { recursive: true, force: true });
  }
  return () => {
    const dir = path.join(os.tmpdir(), `${PREFIX}${run}`);
    for (const d of [dir, `${dir}.building`, `${dir}.lock`]) fs.rmSync(d, { recursive: true, force: true });
  };
}
