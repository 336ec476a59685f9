// Regression value-added against R's lme4 on the public sample sgpData_LONG (MATHEMATICS, 2023_2024 → 2024_2025):
// lmer(POST ~ PRE + (1 | SCHOOL)) per grade, REML. Reference numbers: test/fixtures/growth/ (R command in its README).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkExams } from '../../src/growth/linkage/link.js';
import { readLongCsv } from '../../src/growth/va/long-csv.js';
import { gradePairs } from '../../src/growth/va/pairs.js';
import { valueAdded, type VaResult } from '../../src/growth/va/value-added.js';
import { SGPDATA_LONG as LONG } from '../fixtures/reference.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/growth');

interface RGrade {
  n: number;
  tau2: number;
  sigma2: number;
  theta: number;
  beta: number[];
  reml: number;
  schools: { school: string; n: number; effect: number; se: number }[];
}
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as { grades: Record<string, RGrade> };

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('value-added agrees with lme4 on sgpData_LONG', () => {
  const ours = new Map<number, VaResult>();
  beforeAll(() => {
    const read = readLongCsv(fs.readFileSync(LONG), { subject: 'MATHEMATICS', from: '2023_2024', to: '2024_2025' });
    expect(read.problems.count).toBe(0);
    for (const g of gradePairs(linkExams(read.exams!)).grades) ours.set(g.grade, valueAdded({ post: g.post, covariates: [g.pre], group: g.school }));
  });

  for (const [file, label] of [
    ['lme4-va-math-2024_2025.json', 'lme4 defaults'],
    ['lme4-va-math-2024_2025-tight.json', 'lme4 with tight tolerances'],
  ] as const) {
    it(`every grade, every school: ${label}`, () => {
      const ref = load(file);
      expect([...ours.keys()]).toEqual(Object.keys(ref.grades).map(Number));
      const worst = { tau2: 0, sigma2: 0, beta: 0, effect: 0, se: 0, corr: 1 };
      for (const [g, r] of Object.entries(ref.grades)) {
        const o = ours.get(Number(g))!;
        expect(o.n).toBe(r.n);
        expect(o.effects.map((e) => [e.group, e.n])).toEqual(r.schools.map((s) => [s.school, s.n]));
        worst.tau2 = Math.max(worst.tau2, rel(o.tau2, r.tau2));
        worst.sigma2 = Math.max(worst.sigma2, rel(o.sigma2, r.sigma2));
        worst.beta = Math.max(worst.beta, rel(o.beta[0], r.beta[0]), rel(o.beta[1], r.beta[1]));
        o.effects.forEach((e, j) => {
          worst.effect = Math.max(worst.effect, Math.abs(e.effect - r.schools[j].effect));
          worst.se = Math.max(worst.se, Math.abs(e.se - r.schools[j].se));
        });
        worst.corr = Math.min(
          worst.corr,
          correlation(
            o.effects.map((e) => e.effect),
            r.schools.map((s) => s.effect),
          ),
        );
        expect(Math.abs(o.remlCriterion - r.reml)).toBeLessThan(1e-9); // same criterion, same optimum value
      }
      console.log(
        `vs ${label}: min corr(effects) ${worst.corr.toFixed(12)}, max rel Δτ² ${worst.tau2.toExponential(2)}, Δσ² ${worst.sigma2.toExponential(2)}, Δβ ${worst.beta.toExponential(2)}; max |Δeffect| ${worst.effect.toExponential(2)}, |ΔSE| ${worst.se.toExponential(2)} (scale-score points)`,
      );
      expect(worst.corr).toBeGreaterThanOrEqual(0.999999);
      expect(worst.tau2).toBeLessThan(1e-6);
      expect(worst.sigma2).toBeLessThan(1e-8);
      expect(worst.beta).toBeLessThan(1e-7);
      expect(worst.effect).toBeLessThan(5e-6);
      expect(worst.se).toBeLessThan(5e-6);
    });
  }

  it('suppresses schools below 20 students but still reports them', () => {
    const all = [...ours.values()].flatMap((r) => r.effects);
    const small = all.filter((e) => e.n < 20);
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((e) => e.suppressed)).toBe(true);
    expect(all.filter((e) => e.n >= 20).every((e) => !e.suppressed)).toBe(true);
  });
});
