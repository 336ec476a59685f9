import { describe, expect, it } from 'vitest';
import { StandardPackSchema, loadStandard, type BalanceLevel, type StandardPack } from './standards.js';
import { evaluateLevel, type BalanceSchoolInput } from './evaluate.js';
import { ratioMeets } from './exact.js';
import { planLevel, type LevelPlan } from './plan.js';

const real = loadStandard('national-2017-quality');

// A small pack for hand-worked cases: the indicators given, everything else minimal.
function tinyPack(indicators: object[], over: Partial<Record<'minMet' | 'cvLimit', unknown>> & { unitCosts?: Record<string, number> } = {}): StandardPack {
  return StandardPackSchema.parse({
    id: 'tiny-test',
    version: 1,
    name: 'tiny',
    nameEn: 'tiny',
    basis: 'test',
    levels: ['小学'],
    indicators,
    schoolRule: { minMet: over.minMet ?? indicators.length, remainderMinShare: '0.85' },
    cvRule: 'each',
    cvLimit: { 小学: over.cvLimit ?? '0.50', 初中: over.cvLimit ?? '0.50' },
    exclusions: { teachingPointMinStudents: 50 },
    classSize: { standard: { 小学: 45, 初中: 50 }, large: 56, huge: 66 },
    unitCosts: over.unitCosts,
  });
}
const rooms = (threshold = '2') => ({
  key: 'rooms',
  zh: '多媒体教室',
  en: 'rooms',
  unitZh: '间',
  unitEn: 'rooms',
  scale: 100,
  count: true,
  fields: ['r'],
  threshold: { 小学: threshold, 初中: threshold },
});
const area = { key: 'area', zh: '生均面积', en: 'area', unitZh: 'm²', unitEn: 'm²', scale: 1, count: false, fields: ['a'], threshold: { 小学: '10', 初中: '10' } };
const school = (code: string, students: number, numerators: Record<string, number | null>, extra: Partial<BalanceSchoolInput> = {}): BalanceSchoolInput => ({
  code,
  level: '小学',
  students,
  numerators,
  ...extra,
});

/** Apply a plan's additions row by row, as a caller would. */
function apply(schools: readonly BalanceSchoolInput[], plan: LevelPlan): BalanceSchoolInput[] {
  const out = schools.map((s) => ({ ...s, numerators: { ...s.numerators } }));
  const byCode = new Map(out.map((s) => [s.code, s]));
  for (const a of plan.additions) byCode.get(a.schoolCode)!.numerators[a.key]! += a.add;
  return out;
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('planLevel — hand-worked', () => {
  it('one count indicator: standard first, then water-filling to the CV limit, in whole rooms', () => {
    // Rooms per 100 students, standard 2, CV limit 0.10, 60,000 yuan a room.
    //   A: 100 students, 2 rooms (exactly 2.0: meets, needs nothing for the standard)
    //   B: 100 students, 1 room  (needs +1 for the standard)
    //   C: 200 students, 10 rooms (5.0)
    // After the standard: X = 2, 2, 5 → X̄ = 14/400·100 = 3.5, S = 1.5, CV = 0.43 > 0.10.
    // Water level f for A and B (C stays at 5): X̄ = (f + 5)/2, S = (5 − f)/2, CV = (5 − f)/(5 + f) ≤ 0.1
    //   ⇔ f ≥ 4.5/1.1 = 4.0909…  → continuous: 4.09 rooms each for A and B.
    // Whole rooms: (5, 5) gives CV 0, but (4, 5) already gives X̄ = 4.75, S² = (100·0.5625 + 100·0.0625
    //   + 200·0.0625)/400 = 0.1875, CV = 0.4330/4.75 = 0.0912 ≤ 0.1, while (4, 4) gives CV 0.5/4.5 = 0.111.
    //   So the least is A + B = 9 rooms, (4, 5) or (5, 4) — A and B are alike, either is optimal:
    //   6 rooms = 360,000 yuan, of which B's +1 is for the standard and the rest for the CV.
    const pack = tinyPack([rooms()], { cvLimit: '0.10', unitCosts: { rooms: 60000 } });
    const schools = [school('A', 100, { rooms: 2 }), school('B', 100, { rooms: 1 }), school('C', 200, { rooms: 10 })];
    const p = planLevel(pack, '小学', schools);
    expect(p.totals.rooms).toEqual({ add: 6, cost: 360000 });
    expect(p.totalCost).toBe(360000);
    expect(p.additions.filter((a) => a.reason === 'standard')).toEqual([{ schoolCode: 'B', key: 'rooms', add: 1, cost: 60000, reason: 'standard' }]);
    expect(
      p.additions
        .filter((a) => a.reason === 'cv')
        .map((a) => a.add)
        .sort(),
    ).toEqual([2, 3].sort()); // A +2 & B +3, or A +3 & B +2
    expect(p.additions.map((a) => a.cost)).toEqual([...p.additions.map((a) => a.cost)].sort((x, y) => y - x)); // by cost, descending
    const after = apply(schools, p);
    expect(
      after
        .map((s) => s.numerators.rooms)
        .slice(0, 2)
        .sort(),
    ).toEqual([4, 5]);
    expect(p.floors.rooms!).toBeCloseTo(4.5 / 1.1, 9);
    expect(p.cvBefore.rooms!).toBeGreaterThan(0.1);
    expect(p.cvAfter.rooms!).toBeCloseTo(Math.sqrt(0.1875) / 4.75, 12);
    expect([p.feasible, p.skipped, p.leftAtRemainder]).toEqual([true, [], []]);
    expect(evaluateLevel(pack, '小学', after).pass).toBe(true);
  });

  it('two indicators, 1 of 2 must be met: the school leaves the dearer one at 85%; the CV floor then lifts it a little', () => {
    // X: 1000 students, 30 rooms (3 per 100, standard 4 → +10 rooms; 85% = 3.4 → 34 rooms, +4), 9000 m² (9 m², standard 10
    //    → +1000 m²; 85% = 8.5 m² → already met). Y: 1000 students, exactly at both standards (40 rooms, 10000 m²).
    // Rooms 60,000 yuan, m² 3,000 yuan. Options for X: meet both 600,000 + 3,000,000; leave rooms 240,000 + 3,000,000;
    //   leave area 600,000 + 0 → leave area at ≥85%, add 10 rooms (600,000).
    // Area CV then: X 9, Y 10 → CV = 0.5/9.5 = 0.0526. With limit 0.50 nothing more is needed.
    const pack = (cvLimit: string, unitCosts?: Record<string, number>) => tinyPack([rooms('4'), area], { minMet: 1, cvLimit, unitCosts: unitCosts ?? { rooms: 60000, area: 3000 } });
    const schools = [school('X', 1000, { rooms: 30, area: 9000 }), school('Y', 1000, { rooms: 40, area: 10000 })];
    let p = planLevel(pack('0.50'), '小学', schools);
    expect(p.additions).toEqual([{ schoolCode: 'X', key: 'rooms', add: 10, cost: 600000, reason: 'standard' }]);
    expect(p.leftAtRemainder).toEqual([{ schoolCode: 'X', key: 'area' }]);
    expect(p.floors).toEqual({ rooms: null, area: null });
    expect(p.cvAfter.area!).toBeCloseTo(0.5 / 9.5, 12);

    // Limit 0.05: X's area needs f with (10 − f)/(10 + f) ≤ 0.05 ⇔ f ≥ 9.5/1.05 = 9.047619… m² → 9047.62 m² (+47.62, hundredths up).
    // Leaving area still saves (1000 − 47.62)·3000 > leaving rooms (6·60,000), so the choice stands.
    p = planLevel(pack('0.05'), '小学', schools);
    expect(p.additions).toEqual([
      { schoolCode: 'X', key: 'rooms', add: 10, cost: 600000, reason: 'standard' },
      { schoolCode: 'X', key: 'area', add: 47.62, cost: 142860, reason: 'cv' },
    ]);
    expect(p.totalCost).toBe(742860);
    expect(p.floors.area!).toBeCloseTo(9.5 / 1.05, 9);
    expect(p.leftAtRemainder).toEqual([{ schoolCode: 'X', key: 'area' }]);
    expect(evaluateLevel(pack('0.05'), '小学', apply(schools, p)).pass).toBe(true);

    // unitCosts argument overrides the pack's: m² at 0.1 yuan makes rooms the one to leave: +4 rooms (to 34 = 3.4 per 100),
    // +1000 m² to the area standard → 240,000 + 100 yuan.
    p = planLevel(pack('0.50'), '小学', schools, { area: 0.1 });
    expect(p.additions).toEqual([
      { schoolCode: 'X', key: 'rooms', add: 4, cost: 240000, reason: 'remainder' },
      { schoolCode: 'X', key: 'area', add: 1000, cost: 100, reason: 'standard' },
    ]);
    expect(p.leftAtRemainder).toEqual([{ schoolCode: 'X', key: 'rooms' }]);
  });
  it('a school skipped for missing data still counts in the CV of the indicators it reports (fixed, as evaluateLevel counts it)', () => {
    // Rooms (standard 2 per 100, limit 0.10) and area (standard 10 m²), both must be met.
    //   F: 100 students, 5 rooms, area not reported → skipped, but its 5.0 rooms per 100 count in the rooms CV.
    //   A: 100 students, 2 rooms (2.0, meets), 1000 m²;  B: 200 students, 4 rooms (2.0, meets), 2000 m².
    // Water level f for A and B: X̄ = (5 + 3f)/4, S² = [100·(3(5 − f)/4)² + 300·((5 − f)/4)²]/400 = 0.1875·(5 − f)²,
    //   CV = √3·(5 − f)/(5 + 3f) ≤ 0.1 ⇔ f ≥ (5√3 − 0.5)/(√3 + 0.3) = 4.0157 → continuous A 4.02, B 8.03 rooms.
    // Whole rooms with A + B = 12: (4, 8) CV = 0.433/4.25 = 0.102, (5, 7)/(3, 9) worse → no; A + B = 13: (4, 9) gives
    //   X = 5, 4, 4.5, X̄ = 4.5, S² = (25 + 25)/400 = 0.125, CV = 0.0786 ✓ ((5, 8) gives 0.111). So A +2, B +5.
    const pack = tinyPack([rooms(), area], { cvLimit: '0.10', unitCosts: { rooms: 1, area: 1 } });
    const schools = [school('F', 100, { rooms: 5, area: null }), school('A', 100, { rooms: 2, area: 1000 }), school('B', 200, { rooms: 4, area: 2000 })];
    const p = planLevel(pack, '小学', schools);
    expect(p.skipped).toEqual([{ schoolCode: 'F', reason: expect.stringContaining('area') }]);
    expect(p.additions.map((a) => [a.schoolCode, a.key, a.add, a.reason])).toEqual([
      ['B', 'rooms', 5, 'cv'],
      ['A', 'rooms', 2, 'cv'],
    ]);
    expect(p.floors.rooms!).toBeCloseTo((5 * Math.sqrt(3) - 0.5) / (Math.sqrt(3) + 0.3), 9);
    expect(p.cvAfter.rooms!).toBeCloseTo(Math.sqrt(0.125) / 4.5, 12);
    const after = evaluateLevel(pack, '小学', apply(schools, p));
    expect(after.indicators.map((i) => i.pass)).toEqual([true, true]);
    expect(after.indicators[0].cv!).toBeCloseTo(Math.sqrt(0.125) / 4.5, 12); // F is in evaluateLevel's CV too
  });
});

describe('planLevel — edge cases', () => {
  // A school exactly at every 2017 小学 threshold (see evaluate.test.ts).
  const atThreshold = (code: string, students = 1000): BalanceSchoolInput => ({
    code,
    level: '小学',
    students,
    numerators: {
      teachers_above_degree_per100: (4.2 * students) / 100,
      backbone_per100: students / 100,
      pe_art_per100: (0.9 * students) / 100,
      teaching_area_per_student: 4.5 * students,
      sports_area_per_student: 7.5 * students,
      equipment_per_student: 2000 * students,
      multimedia_per100: (2.3 * students) / 100,
    },
  });

  it('already compliant (every school exactly at every threshold): nothing to add', () => {
    const schools = [atThreshold('S1'), atThreshold('S2', 2000), atThreshold('S3', 500)];
    expect(evaluateLevel(real, '小学', schools).pass).toBe(true);
    const p = planLevel(real, '小学', schools);
    expect(p.additions).toEqual([]);
    expect(p.totalCost).toBe(0);
    expect(Object.values(p.floors).every((f) => f === null)).toBe(true);
    expect(p.feasible).toBe(true);
    expect(p.rounds).toBe(1);
    expect(p.cvAfter).toEqual(p.cvBefore);
  });

  it('a hair below a threshold needs exactly the difference (0.01 m², one teacher)', () => {
    const s = atThreshold('S');
    s.numerators.teaching_area_per_student = 4499.99;
    s.numerators.teachers_above_degree_per100 = 41;
    const p = planLevel(real, '小学', [s, atThreshold('T')]);
    // 6 of 7 may be met: the school leaves the dearer gap (one teacher, 150,000) at ≥85% and adds 0.01 m² (30 yuan).
    expect(p.additions).toEqual([{ schoolCode: 'S', key: 'teaching_area_per_student', add: 0.01, cost: 30, reason: 'standard' }]);
    expect(p.leftAtRemainder).toEqual([{ schoolCode: 'S', key: 'teachers_above_degree_per100' }]);
  });

  it('an excluded teaching point is ignored; a null numerator or no students → skipped, not planned', () => {
    const tp = { ...atThreshold('TP', 30), isTeachingPoint: true };
    tp.numerators.backbone_per100 = 0; // would need a teacher if it counted
    const nul = atThreshold('N');
    nul.numerators.equipment_per_student = null;
    const empty = { ...atThreshold('E'), students: 0 };
    const needy = atThreshold('B');
    needy.numerators.backbone_per100 = 8; // 0.8 per 100: its only gap, so it may hold it at ≥ 0.85 → 9 (+1) instead of 10 (+2)
    const p = planLevel(real, '小学', [tp, nul, empty, needy, atThreshold('OK')]);
    expect(p.skipped.map((s) => s.schoolCode)).toEqual(['TP', 'N', 'E']);
    expect(p.skipped[1].reason).toContain('equipment_per_student');
    expect(p.additions).toEqual([{ schoolCode: 'B', key: 'backbone_per100', add: 1, cost: 150000, reason: 'remainder' }]);
    expect(p.feasible).toBe(true);
  });

  it('an indicator whose district mean stays 0 cannot reach its limit: infeasible', () => {
    const noStd = { ...rooms(), threshold: undefined };
    const pack = tinyPack([noStd], { cvLimit: '0.10', unitCosts: { rooms: 1 } });
    const p = planLevel(pack, '小学', [school('A', 100, { rooms: 0 }), school('B', 100, { rooms: 0 })]);
    expect(p.feasible).toBe(false);
    expect(p.cvAfter.rooms).toBeNull();
  });

  it('refuses a composite-rule pack and a missing unit cost', () => {
    expect(() => planLevel({ ...tinyPack([rooms()], { unitCosts: { rooms: 1 } }), cvRule: 'composite' }, '小学', [])).toThrow(/each/);
    expect(() => planLevel(tinyPack([rooms()]), '小学', [])).toThrow(/unit cost/);
  });
});

// Seeded generator (mulberry32), so failures reproduce.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A district of `n` schools: most near the standards, some far below, a few lavishly equipped (so the CVs bind). */
function district(level: BalanceLevel, n: number, seed: number): BalanceSchoolInput[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const students = 60 + Math.floor(r() * 2400);
    const numerators: Record<string, number | null> = {};
    for (const ind of real.indicators) {
      const t = Number(ind.threshold![level]);
      const u = r();
      const factor = u < 0.1 ? 3 + 5 * r() : u < 0.35 ? 0.2 + 0.6 * r() : 0.8 + 0.5 * r();
      const v = (t * factor * students) / ind.scale;
      numerators[ind.key] = ind.count ? Math.round(v) : Math.round(v * 100) / 100;
    }
    return { code: `${level === '小学' ? 'P' : 'J'}${String(i).padStart(4, '0')}`, name: `学校${i}`, level, students, numerators };
  });
}

describe('planLevel — the plan makes the level pass', () => {
  for (const [level, seed] of [
    ['小学', 7],
    ['初中', 11],
    ['小学', 2024],
  ] as const) {
    it(`${level}, 50 seeded schools (seed ${seed}), real 2017 pack`, () => {
      const schools = district(level, 50, seed);
      const before = evaluateLevel(real, level, schools);
      expect(before.pass).toBe(false);
      const p = planLevel(real, level, schools);
      expect(p.feasible).toBe(true);
      expect(Object.values(p.floors).some((f) => f !== null)).toBe(true); // some CV actually bound
      const after = evaluateLevel(real, level, apply(schools, p));
      expect(after.schoolsPassing).toBe(after.counted);
      expect(after.indicators.every((i) => i.pass)).toBe(true);
      expect(after.pass).toBe(true);
      // Bookkeeping: sorted by cost, totals add up, whole teachers/rooms, hundredths otherwise, cvAfter as evaluated.
      expect(p.additions.every((a, j) => j === 0 || p.additions[j - 1].cost >= a.cost)).toBe(true);
      for (const ind of real.indicators) {
        const rows = p.additions.filter((a) => a.key === ind.key);
        expect(p.totals[ind.key].add).toBeCloseTo(sum(rows.map((a) => a.add)), 6);
        expect(rows.every((a) => a.add > 0 && (ind.count ? Number.isInteger(a.add) : Math.abs(a.add * 100 - Math.round(a.add * 100)) < 1e-6))).toBe(true);
        expect(p.cvAfter[ind.key]!).toBeCloseTo(after.indicators.find((i) => i.key === ind.key)!.cv!, 12);
      }
      expect(p.totalCost).toBeCloseTo(sum(Object.values(p.totals).map((t) => t.cost)), 2);
      // Each school leaves at most 7 − 6 = 1 indicator at the remainder, and a left indicator is below its standard.
      const left = new Map<string, number>();
      for (const l of p.leftAtRemainder) left.set(l.schoolCode, (left.get(l.schoolCode) ?? 0) + 1);
      expect([...left.values()].every((c) => c === 1)).toBe(true);
      const res = new Map(after.schools.map((s) => [s.schoolCode, s]));
      for (const l of p.leftAtRemainder) expect(res.get(l.schoolCode)!.gaps[l.key]).toBeGreaterThan(0);
      expect(p.rounds).toBeGreaterThanOrEqual(1);
      expect(p.rounds).toBeLessThanOrEqual(10);
    });
  }

  it('2,000 schools plan quickly', () => {
    const schools = district('小学', 2000, 99);
    planLevel(real, '小学', schools.slice(0, 100)); // warm-up
    const t0 = performance.now();
    const p = planLevel(real, '小学', schools);
    const ms = performance.now() - t0;
    expect(p.feasible).toBe(true);
    expect(evaluateLevel(real, '小学', apply(schools, p)).pass).toBe(true);
    expect(ms).toBeLessThan(1000); // typically far less (see the report); generous for slow CI machines
  });
});

describe('planLevel — optimal against brute force (3 schools × 1 count indicator)', () => {
  // Brute force: every whole-room addition vector (a, b, c), by increasing total a + b + c, until one passes
  // (some does: everyone raised far enough tends to equal ratios). Feasibility checked with ratioMeets and a plain
  // student-weighted CV — independent of plan.ts. The first total that passes is the minimum.
  function bruteMin(P: number[], cur: number[], threshold: string, share: string, limit: number): number {
    const Pt = sum(P);
    const ok = (add: number[]) => {
      const N = cur.map((x, i) => x + add[i]);
      if (!N.every((x, i) => ratioMeets(x, P[i], 100, threshold, share))) return false;
      const mean = (sum(N) / Pt) * 100;
      const sd = Math.sqrt(sum(N.map((x, i) => P[i] * ((x / P[i]) * 100 - mean) ** 2)) / Pt);
      return mean > 0 && sd / mean <= limit + 1e-12;
    };
    for (let total = 0; total < 10_000; total++) for (let a = 0; a <= total; a++) for (let b = 0; a + b <= total; b++) if (ok([a, b, total - a - b])) return total;
    throw new Error('no feasible vector');
  }

  it('the plan total equals the brute-force minimum (300 seeded cases, minMet 1 or 0, limits 0.05–0.30)', () => {
    const r = rng(42);
    let equal = 0;
    const cases = 300;
    for (let c = 0; c < cases; c++) {
      const minMet = r() < 0.5 ? 1 : 0; // 0: the single indicator may be held at 85%
      const limit = ['0.05', '0.10', '0.20', '0.30'][Math.floor(r() * 4)];
      const P = [0, 1, 2].map(() => 20 + Math.floor(r() * 130));
      const cur = P.map((p) => Math.floor((r() * 8 * p) / 100));
      const pack = tinyPack([rooms('4.2')], { minMet, cvLimit: limit, unitCosts: { rooms: 1 } });
      const schools = P.map((p, i) => school(`S${i}`, p, { rooms: cur[i] }));
      const p = planLevel(pack, '小学', schools);
      const brute = bruteMin(P, cur, '4.2', minMet ? '1' : '0.85', Number(limit));
      expect(p.feasible).toBe(true);
      expect(evaluateLevel(pack, '小学', apply(schools, p)).pass).toBe(true);
      expect(p.totals.rooms.add).toBeGreaterThanOrEqual(brute); // sanity: brute force is the optimum
      if (p.totals.rooms.add === brute) equal++;
      else console.error('plan above brute force', { minMet, limit, P, cur, plan: p.totals.rooms.add, brute });
    }
    // The continuous water-filling optimum is exact; only its rounding to whole rooms is heuristic (greedy steps
    // from the rounded-down targets, then trimming). It matched brute force in every case here (and in 3,000
    // cases of the same generator tried while writing this); a miss would be at most a few rooms.
    expect(equal).toBe(cases);
  });
});
