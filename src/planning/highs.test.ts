// The HiGHS runner: answers worked by hand, infeasible and unreadable models, the time limit, and the event loop
// kept free while HiGHS works in its worker thread.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/fixtures/planning/exchange-district.js';
import { HighsError, solveLp } from './highs.js';

// max 30c + 50t, c + 2t ≤ 40, 2c + t ≤ 50, integers: the LP vertex c + 2t = 40, 2c + t = 50 is (20, 10), integral,
// so the optimum is 600 + 500 = 1100 (the other vertices (0, 20) → 1000 and (25, 0) → 750 are worse).
const WORKSHOP = `Maximize
 profit: 30 c + 50 t
Subject To
 carpentry: c + 2 t <= 40
 finishing: 2 c + t <= 50
Generals
 c t
End`;

/** A market-split instance (Cornuéjols–Dawande): 5 equalities over 50 binaries, out of reach of branch and bound. */
function marketSplit(seed: number): string {
  const r = mulberry32(seed);
  const rows: string[] = [];
  const vars = Array.from({ length: 50 }, (_, j) => `x${j}`);
  for (let i = 0; i < 5; i++) {
    const a = vars.map(() => Math.floor(r() * 100));
    const b = Math.floor(a.reduce((s, v) => s + v, 0) / 2);
    rows.push(` r${i}: ${a.map((v, j) => `${v} x${j}`).join(' + ')} + p${i} - n${i} = ${b}`);
  }
  return ['Minimize', ` obj: ${[0, 1, 2, 3, 4].map((i) => `p${i} + n${i}`).join(' + ')}`, 'Subject To', ...rows, 'Binaries', ` ${vars.join(' ')}`, 'End'].join('\n');
}

describe('solveLp (HiGHS in a worker thread)', () => {
  it('solves a small MIP to the optimum worked by hand', async () => {
    const r = await solveLp(WORKSHOP);
    expect(r.status).toBe('Optimal');
    expect(r.objective).toBeCloseTo(1100, 9);
    expect(r.columns.get('c')).toBeCloseTo(20, 9);
    expect(r.columns.get('t')).toBeCloseTo(10, 9);
    expect(r.mipGap).toBe(0);
    expect(r.seconds).toBeGreaterThan(0);
  });

  it('an LP: no MIP gap; the vertex worked by hand', async () => {
    // min x + y, x + 2y ≥ 4, 3x + y ≥ 6: the two rows meet at (8/5, 6/5), objective 14/5 (the axes give 4 and 6).
    const r = await solveLp('Minimize\n obj: x + y\nSubject To\n a: x + 2 y >= 4\n b: 3 x + y >= 6\nEnd');
    expect(r.status).toBe('Optimal');
    expect(r.objective).toBeCloseTo(2.8, 9);
    expect(r.columns.get('x')).toBeCloseTo(1.6, 9);
    expect(r.mipGap).toBeNull();
  });

  it('infeasible: the status, no objective, no columns', async () => {
    const r = await solveLp('Minimize\n obj: x\nSubject To\n c: x >= 2\nBounds\n x <= 1\nEnd');
    expect(r.status).toBe('Infeasible');
    expect(r.objective).toBeNull();
    expect(r.columns.size).toBe(0);
  });

  it('an unreadable model rejects with HighsError, and the next solve gets a fresh worker', async () => {
    await expect(solveLp('this is :: not an LP ?')).rejects.toBeInstanceOf(HighsError);
    expect((await solveLp(WORKSHOP)).objective).toBeCloseTo(1100, 9);
    await expect(solveLp(WORKSHOP, { timeLimitSeconds: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('stops at the time limit, and the event loop keeps running meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const r = await solveLp(marketSplit(3), { timeLimitSeconds: 1.5 });
    clearInterval(timer);
    expect(r.status).toBe('Time limit reached');
    expect(r.seconds).toBeGreaterThanOrEqual(1.5);
    // ~150 ticks if the main thread were idle; HiGHS blocking it would give 0.
    expect(ticks).toBeGreaterThan(30);
    if (r.objective !== null) {
      expect(r.mipGap).toBeGreaterThan(0);
      expect(r.mipGap).toBeLessThanOrEqual(1);
    }
  });

  it('solves called together queue and each gets its own answer', async () => {
    const lp = (k: number) => `Maximize\n obj: x\nSubject To\n c: x <= ${k}\nGenerals\n x\nEnd`;
    const r = await Promise.all([1, 2, 3, 4].map((k) => solveLp(lp(k))));
    expect(r.map((x) => x.objective)).toEqual([1, 2, 3, 4]);
  });
});
