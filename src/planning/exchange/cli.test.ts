// `junheng planning rotation` on files: the JSON answer against the hand-worked district (test/fixtures/planning/
// exchange-*.csv: D 3 → 1, CV 1 → 1/3, worked in exchange-small.ts and check.test.ts), the readable summary, bad input
// and infeasible rules (exit 2, stderr naming file/row/column or the rule, nothing on stdout), and the real process:
// it ends by itself once the answer is written (the HiGHS worker does not keep it alive).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanningCliOptions } from '../cli-options.js';
import { rotationCommand } from './cli.js';

const TEACHERS = path.resolve('test/fixtures/planning/exchange-teachers.csv');
const SCHOOLS = path.resolve('test/fixtures/planning/exchange-schools.csv');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-rot-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

async function run(opts: PlanningCliOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await rotationCommand(opts, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('junheng planning rotation', () => {
  it('--json: the plan of the hand-worked district', async () => {
    const r = await run({ teachers: TEACHERS, schools: SCHOOLS, json: true });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown> & { moves: { teacher_id: string; from: string; to: string }[] };
    expect(j.method).toBe('junheng-exchange-v1');
    expect(j.eligible).toBe(6);
    expect(j.d_before as number).toBeCloseTo(3, 12);
    expect(j.d_after as number).toBeCloseTo(1, 12);
    expect(j.cv_before as number).toBeCloseTo(1, 12);
    expect(j.cv_after as number).toBeCloseTo(1 / 3, 12);
    expect(j.mip_gap as number).toBeLessThanOrEqual(0.01);
    expect(j.moves).toHaveLength(4);
    // One 骨干 (a1, a2 or a3) from A to each of B and C: 骨干 (A, B, C) = (1, 1, 1).
    const to = new Map(j.moves.map((m) => [m.teacher_id, m.to]));
    const at = (s: string) => ['a1', 'a2', 'a3'].filter((id) => (to.get(id) ?? 'A') === s).length;
    expect([at('A'), at('B'), at('C')]).toEqual([1, 1, 1]);
    expect(j.moves.every((m) => m.from === m.teacher_id[0].toUpperCase())).toBe(true);
  });

  it('the options: 15 km leaves only A–B, so D 1.5', async () => {
    const r = await run({ teachers: TEACHERS, schools: SCHOOLS, 'max-km': '15', rate: '0.10', 'backbone-share': '0.2', 'min-years': '6', 'max-age': '55', json: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).d_after).toBeCloseTo(1.5, 12);
  });

  it('without --json: a readable summary', async () => {
    const r = await run({ teachers: TEACHERS, schools: SCHOOLS });
    expect(r.code).toBe(0);
    expect(r.out).toContain('junheng-exchange-v1');
    expect(r.out).toContain('3.000 → 1.000');
    expect(r.out).toContain('1.0000 → 0.3333');
  });

  it('bad input: exit 2 naming the file, row and column; nothing on stdout', async () => {
    const bad = write('teachers.csv', 'teacher_id,school_code,subject,backbone,years_at_school,age\nT1,A,数学,1,10,四十\nT2,Z,数学,0,9,40\n');
    let r = await run({ teachers: bad, schools: SCHOOLS, json: true });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('teachers.csv');
    expect(r.err).toContain('第 2 行 / row 2');
    expect(r.err).toContain('column age');
    const orphan = write('orphan.csv', 'teacher_id,school_code,subject,backbone,years_at_school,age\nT2,Z,数学,0,9,40\n');
    r = await run({ teachers: orphan, schools: SCHOOLS, json: true });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/orphan\.csv.*row 2.*column school_code/);
    r = await run({ schools: SCHOOLS, json: true });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--teachers');
    r = await run({ teachers: TEACHERS, schools: SCHOOLS, rate: 'ten', json: true });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--rate');
    r = await run({ teachers: TEACHERS, schools: SCHOOLS, rate: '1.5', json: true });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });

  it('infeasible rules: exit 2 naming the binding rule', async () => {
    // Within 5 km nobody has a partner; without the limit all 6 eligible have one: the distance is named, not the rate.
    const r = await run({ teachers: TEACHERS, schools: SCHOOLS, 'max-km': '5', json: true });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('(max_km)');
    expect(r.err).toContain('relax the max km or lower the rate');
    const s = await run({ teachers: TEACHERS, schools: SCHOOLS, rate: '1', 'backbone-share': '1', json: true });
    expect(s.err).toContain('(backbone_share)');
  });

  it('as a process: answers and exits by itself; bad input leaves stdout empty', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'planning', 'rotation', ...args], { encoding: 'utf8', timeout: 120_000 });
    const ok = cli(['--teachers', TEACHERS, '--schools', SCHOOLS, '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).moves).toHaveLength(4);
    const bad = cli(['--teachers', SCHOOLS, '--schools', SCHOOLS, '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('teacher_id');
  }, 150_000);
});
