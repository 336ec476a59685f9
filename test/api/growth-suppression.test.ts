// Issue 10 item 5 (growth): value-added below the minimum n is suppressed on the server, per role, in JSON, .xlsx and
// PDF — not only in the web page. Users without pupil-level rights ('students.read') for a school (viewers everywhere,
// an inspector outside the assigned schools, a clerk outside the own school) get a flag and "n < 20" for a group with
// fewer linked students than the value-added minimum n (default 20), never its figures; users with those rights (the
// bureau everywhere, a clerk for the own school, an inspector for the assigned ones) keep every figure. The web's minN
// may raise the threshold for anyone but lower it only for users with pupil-level rights for every school.
//
// Expected numbers, independent of the code: the group sizes come from the fixture's plan (test/api/growth-fixture.ts):
// A 2133000001 has 32 pupils in two classes, of whom 30 are linked in 数学 (G0005 moves to B, G0010 is 缺考 in the
// exit 数学) — 八(1)班 and 八(2)班 hold 15 each, both below 20; B 2133000002 has 26 + the mover = 27 linked in one class;
// C 2133000003 has 12 in one class (below 20). The figures are R's (lme4 1.1.31, the script in growth.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { closePdfRenderer } from '../../src/core/pdf.js';
import { csvOf, ENTRY_NAME, EXIT_NAME, growthFixture, SUBJECTS } from './growth-fixture.js';
import { vaMinNOf } from '../../src/growth/service.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const hasChromium = fs.existsSync('/usr/bin/chromium');

// lme4 1.1.31 on 数学 (growth.test.ts): C's school effect and gains, A's class effects; 总分: C's effect.
const C_EFFECT = 0.00120603451352749;
const C_GAIN = -0.102764147020047;
const C_RANK = -1.79398148148148;
const A_CLASS = { '八(1)班': 0.1875571960550963, '八(2)班': 0.0818724737065896 } as const;
const C_TOTAL_EFFECT = -0.00476982283369468;

let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
const who: Record<string, Client> = {};
let entryId: number;
let exitId: number;

beforeAll(async () => {
  t = await testApp();
  for (const u of ['analyst', 'viewer', 'inspector', 'clerkA']) who[u] = await signIn(t.app, u);
  const f = growthFixture();
  const make = async (name: string, date: string, grade: number, csv: Buffer) => {
    const r = await who.analyst.post('/api/exams', { name, date, term: '第二学期', grade, type: '期末', scope: '全县', subjects: SUBJECTS });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().exam.id as number;
    const imp = await who.analyst.upload(`/api/exams/${id}/import?wait=1`, csv, `${name}.csv`);
    expect(imp.statusCode, imp.body).toBe(200);
    return id;
  };
  entryId = await make(ENTRY_NAME, '2024-06-27', 7, csvOf(f.entry));
  exitId = await make(EXIT_NAME, '2025-06-26', 8, csvOf(f.exit));
});
afterAll(async () => {
  await closePdfRenderer();
  await t.close();
});

interface Row {
  school: string;
  class?: string;
  n: number;
  effect: number | null;
  se: number | null;
  lower: number | null;
  label: string | null;
  achievement: number | null;
  gainMean: number | null;
  rankChange: number | null;
  quadrant?: string | null;
  suppressed: boolean;
  withheld: boolean;
}
interface Va {
  minN: number;
  minNFloor: number;
  schools: Row[];
  classes: Row[];
  gain: { school: string; zGain: number | null; rankChange: number | null; lower: number | null; suppressed: boolean; withheld: boolean }[];
  district: { above: number; expected: number; below: number; suppressed: number };
}

const math = encodeURIComponent('数学');
const va = async (u: string, extra = ''): Promise<{ body: Va; raw: string }> => {
  const r = await who[u].get(`/api/growth/value-added?from=${entryId}&to=${exitId}&subject=${math}${extra}`);
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  return { body: r.json(), raw: r.body };
};
const school = (v: Va, code: string) => v.schools.find((s) => s.school === code)!;
const klass = (v: Va, code: string, name: string) => v.classes.find((c) => c.school === code && c.class === name)!;
const near = (got: number | null, want: number, tol = 1e-6) => expect(Math.abs((got ?? NaN) - want), `${got} vs ${want}`).toBeLessThan(tol);
/** Every figure of a withheld row is null. */
const isWithheld = (r: Row) => {
  expect(r.suppressed).toBe(true);
  expect(r.withheld).toBe(true);
  expect([r.effect, r.se, r.lower, r.label, r.achievement, r.gainMean, r.rankChange]).toEqual([null, null, null, null, null, null, null]);
  if ('quadrant' in r) expect(r.quadrant).toBeNull();
};
/** The digits of a number as JSON writes them, to show it is nowhere in an answer. */
const digits = (x: number) => String(x).slice(0, 10);

describe('value-added suppression on the server (item 5)', () => {
  it('the minimum n is a setting: JUNHENG_VA_MIN_N, default 20; nonsense falls back to 20', () => {
    expect(vaMinNOf(undefined)).toBe(20);
    expect(vaMinNOf('')).toBe(20);
    expect(vaMinNOf('15')).toBe(15);
    expect(vaMinNOf('0')).toBe(20);
    expect(vaMinNOf('abc')).toBe(20);
    expect(vaMinNOf('7.5')).toBe(20);
  });

  it('the bureau (pupil-level rights everywhere) keeps every figure, flagged, and may lower minN', async () => {
    const { body } = await va('analyst');
    expect([body.minN, body.minNFloor]).toEqual([20, 20]);
    const c = school(body, C);
    expect([c.n, c.suppressed, c.withheld]).toEqual([12, true, false]);
    near(c.effect, C_EFFECT);
    near(c.gainMean, C_GAIN, 1e-12);
    for (const [name, effect] of Object.entries(A_CLASS)) {
      const k = klass(body, A, name);
      expect([k.n, k.suppressed, k.withheld]).toEqual([15, true, false]);
      near(k.effect, effect);
    }
    const low = (await va('analyst', '&minN=1')).body;
    expect(low.minN).toBe(1);
    expect(low.schools.every((s) => !s.suppressed && !s.withheld)).toBe(true);
    expect(low.district).toMatchObject({ above: 1, expected: 1, below: 1, suppressed: 0 });
  });

  it('a viewer gets n and the flag for C (12 < 20) and for A’s classes (15 each), never their figures', async () => {
    const { body, raw } = await va('viewer');
    expect(body.minN).toBe(20);
    isWithheld(school(body, C));
    expect(school(body, C).n).toBe(12);
    isWithheld(klass(body, A, '八(1)班'));
    isWithheld(klass(body, A, '八(2)班'));
    isWithheld(klass(body, C, '八(1)班'));
    // A (30) and B (27) are shown in full; B's one class (27) too.
    expect(school(body, A)).toMatchObject({ n: 30, suppressed: false, withheld: false, label: 'above' });
    expect(klass(body, B, '八(1)班')).toMatchObject({ n: 27, suppressed: false, withheld: false });
    const g = body.gain.find((x) => x.school === C)!;
    expect([g.zGain, g.rankChange, g.lower, g.suppressed, g.withheld]).toEqual([null, null, null, true, true]);
    // The district counts leave C out, as before.
    expect(body.district).toMatchObject({ above: 1, expected: 0, below: 1, suppressed: 1 });
    for (const x of [C_EFFECT, C_GAIN, C_RANK, A_CLASS['八(1)班'], A_CLASS['八(2)班']]) expect(raw).not.toContain(digits(x));
  });

  it('minN=1 from a viewer, an inspector or a clerk does not switch suppression off; a higher minN raises it', async () => {
    for (const u of ['viewer', 'inspector', 'clerkA']) {
      const { body, raw } = await va(u, '&minN=1');
      expect(body.minN, u).toBe(20);
      if (u !== 'clerkA') {
        isWithheld(school(body, C));
        expect(raw).not.toContain(digits(C_EFFECT));
      }
    }
    // minN=28: B (27) is suppressed too, A (30) is not.
    const high = (await va('viewer', '&minN=28')).body;
    expect(high.minN).toBe(28);
    isWithheld(school(high, B));
    expect(school(high, A)).toMatchObject({ suppressed: false, withheld: false });
  });

  it('an inspector keeps the figures of the assigned school (B) only; a clerk those of the own school', async () => {
    const ins = (await va('inspector', '&minN=28')).body;
    // B (27 < 28) is suppressed but assigned: flagged, figures kept. C is not assigned: withheld.
    expect(school(ins, B)).toMatchObject({ n: 27, suppressed: true, withheld: false, label: 'below' });
    expect(school(ins, B).effect).not.toBeNull();
    isWithheld(school(ins, C));
    isWithheld(klass(ins, A, '八(1)班'));

    const clerk = (await va('clerkA')).body;
    expect(clerk.schools.map((s) => s.school)).toEqual([A]);
    for (const [name, effect] of Object.entries(A_CLASS)) {
      const k = klass(clerk, A, name);
      expect([k.n, k.suppressed, k.withheld]).toEqual([15, true, false]);
      near(k.effect, effect);
    }
  });

  it('the workbook of a viewer (even with minN=1) shows "n < 20" for C and its class, with no figure', async () => {
    const r = await who.viewer.get(`/api/growth/export.xlsx?from=${entryId}&to=${exitId}&subject=${math}&minN=1`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rowsOf = (sheet: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(sheet)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const schools = rowsOf('学校增值');
    const c = schools.find((x) => x[0] === C)!;
    expect(c[2]).toBe(12);
    expect(String(c[3])).toContain('n < 20');
    // After n only the counts of the row remain: exit students (C: 12 + G0902 left, so 12), link rate, movers in.
    const numbers = c.filter((x): x is number => typeof x === 'number');
    expect(numbers.some((x) => Math.abs(x - C_EFFECT) < 1e-9 || Math.abs(x - C_GAIN) < 1e-9)).toBe(false);
    const classes = rowsOf('班级增值').filter((x) => x[0] === C || x[0] === A);
    expect(classes).toHaveLength(3);
    for (const k of classes) {
      expect(String(k[4])).toContain('n < 20');
      expect(k.slice(5).filter((x) => x !== null && x !== undefined)).toEqual([]);
    }
    const gain = rowsOf('增量对比').find((x) => x[0] === C)!;
    expect(String(gain[3])).toContain('n < 20');
    expect(gain.slice(4).filter((x) => x !== null && x !== undefined)).toEqual([]);
  });

  it('the report of a viewer says "n < 20" for C and carries none of its figures', async () => {
    const { growthReportHtml } = await import('../../src/growth/report-html.js');
    const { body } = await va('viewer', '&minN=1');
    const html = growthReportHtml(body as never, { districtName: '测试县' });
    expect(html).toContain('n &lt; 20');
    expect(html).toContain('测试初级中学（n = 12）');
    for (const x of [C_EFFECT, C_GAIN]) expect(html).not.toContain(digits(x).slice(0, 6));
  });

  it.skipIf(!hasChromium)('the PDF of a viewer with minN=1 still reads "n < 20"', async () => {
    const r = await who.viewer.get(`/api/growth/report.pdf?from=${entryId}&to=${exitId}&subject=${math}&minN=1`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jh-growth-sup-')), 'r.pdf');
    fs.writeFileSync(file, r.rawPayload);
    let text: string;
    try {
      text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    } catch {
      return;
    }
    expect(text).toContain('n < 20');
    expect(text).not.toContain('n < 1，');
  });

  it('value-added targets: no target for C (12 < 20) without pupil-level rights there; the bureau keeps it', async () => {
    const vaTargets = async (u: string) => {
      const r = await who[u].get('/api/growth/targets');
      expect(r.statusCode).toBe(200);
      return r.json().series.find((s: { kind: string }) => s.kind === 'valueAdded').metrics[0] as { schools: { school: string; target: number }[]; withheld: { school: string }[] };
    };
    const bureau = await vaTargets('analyst');
    expect(bureau.withheld).toEqual([]);
    near(bureau.schools.find((s) => s.school === C)!.target, C_TOTAL_EFFECT);
    for (const u of ['viewer', 'inspector']) {
      const m = await vaTargets(u);
      expect(m.schools.map((s) => s.school).sort(), u).toEqual([A, B]);
      expect(m.withheld.map((s) => s.school)).toEqual([C]);
    }
  });
});
