// 补短 plan: the least-cost additions that make one level (小学 or 初中) of a district pass the
// 2017 资源配置 rules — every counted school meets the per-school rule (≥ minMet standards met,
// the others ≥ remainderMinShare × their standard) and every indicator's student-weighted 差异系数
// is ≤ the level's limit (cvRule "each"). Additions only; teachers and rooms in whole units, m² and
// yuan in hundredths; costs from the pack's unitCosts (yuan per numerator unit), overridable.
//
// Method, and why it is not an LP. The CV limit S/X̄ ≤ L is P·Σ N_i²/P_i ≤ (1+L²)(Σ N_i)², a
// non-convex quadratic constraint, so an LP (or convex) solver does not apply. The problem splits
// into parts that are solved exactly, coupled by a short alternation:
//
// 1. One indicator, per-school lower bounds l_i fixed (X_i = N_i/P_i·scale ≥ l_i). Whatever the
//    total addition A, the district mean X̄ = (ΣN_i)/P·scale is fixed, so the least CV reachable
//    with A is the least weighted variance Σ P_i (X_i − X̄)², i.e. min Σ P_i X_i² subject to
//    Σ P_i X_i = const and X_i ≥ l_i: a separable convex QP whose KKT conditions
//    (2P_i X_i − λP_i − μ_i = 0, μ_i ≥ 0, μ_i(X_i − l_i) = 0) give X_i = max(l_i, f), f = λ/2:
//    water-filling. A(f) grows with f, and along that path
//        d(S2/S1²)/df = (2W/scale)·(f·S1/scale − S2)/S1³,  with f·S1/scale − S2 = Σ N_i (f − X_i)/scale,
//    (S1 = ΣN_i, S2 = ΣN_i²/P_i, W = students of the schools raised to f), which is ≤ 0 while every
//    school is at or above f: the least CV is non-increasing in A. So the least addition that
//    reaches the limit is at the smallest f with CV(f) ≤ L, found by bisection on f (each step a
//    binary search over the schools sorted by l_i, with prefix sums).
//    Schools left out of the plan for missing data elsewhere still count in the CV (evaluateLevel
//    counts them) with fixed numerators; then f·S1/scale − S2 is non-decreasing in f (its
//    derivative is ΣN/scale over the schools not raised, ≥ 0), so CV(f) is unimodal: we first bisect
//    for its minimiser f*, declare the indicator infeasible if CV(f*) > L, else bisect on [lo, f*].
//    Rounding: rounding every raised school up can overshoot badly when one unit is large against a
//    small school (one room for 30 pupils is 3.3 per 100) and the CV then needs the level pushed far
//    up, so the targets are rounded down (never below the requirement), single steps are added
//    greedily where they lower the CV most until it is within the limit, steps not needed are given
//    back, and the result is confirmed with studentWeightedCv in evaluateLevel's order. Whole-unit
//    requirements are the same in both problems, so the continuous optimum is a lower bound on the
//    integer one; the rounding is a heuristic that matched brute force on every tiny case tested.
// 2. One school, CV floors f_k fixed: with r = (#indicators with a standard) − minMet the school
//    may hold any r indicators at ≥ remainderMinShare of the standard instead of the standard.
//    Given the floors its cost is separable, Σ_k u_k·max(req_k, floor_k) − current, so the best of
//    the enumeration (leave none, or leave indicator k: 8 options for 6-of-7) is to leave the r
//    indicators with the largest positive saving u_k·(max(std, floor) − max(remainder, floor)).
//    An indicator the floor already raises to the standard saves nothing and is not left.
// 3. Alternate: choices (floors unknown) → floors (lower bounds = the chosen requirements) →
//    choices … until the choices stop changing (≤ MAX_ROUNDS). Every round's (choices, floors) is a
//    valid plan, so the cheapest one is returned. The fixed point is optimal in each part given the
//    other (coordinate descent), not provably the global optimum over all indicators together;
//    with a single indicator, or no choice to make (minMet = all), it is the optimum up to rounding.
//
// Exact comparisons: per-school requirements are integer hundredths computed from the decimal
// strings exactly as exact.ts/ratioMeets compares them, so a school exactly at a threshold needs
// nothing and the plan's additions pass evaluateSchool.
import { decimalFraction } from './exact.js';
import { evaluateSchool, type BalanceSchoolInput } from './evaluate.js';
import { studentWeightedCv } from './weighted-cv.js';
import type { BalanceLevel, StandardPack } from './pack-schema.js';

export interface PlanAddition {
  schoolCode: string;
  schoolName?: string;
  key: string;
  /** Numerator units: teachers / rooms (whole), m² / yuan (hundredths). */
  add: number;
  cost: number;
  /** standard / remainder: to reach the school's own requirement; cv: the extra the 差异系数 needs. */
  reason: 'standard' | 'remainder' | 'cv';
}

export interface LevelPlan {
  level: BalanceLevel;
  /** Sorted by cost descending. A school/indicator may have two rows: its requirement, then the CV extra. */
  additions: PlanAddition[];
  totals: Record<string, { add: number; cost: number }>;
  totalCost: number;
  /** Indicators a school leaves at ≥ remainderMinShare of the standard instead of the standard. */
  leftAtRemainder: { schoolCode: string; key: string }[];
  cvBefore: Record<string, number | null>;
  cvAfter: Record<string, number | null>;
  /** Water level per indicator in its own unit (per student / per 100 students); null when no CV raising was needed. */
  floors: Record<string, number | null>;
  rounds: number;
  /** false only if some indicator cannot reach its CV limit (e.g. its district mean stays 0). */
  feasible: boolean;
  skipped: { schoolCode: string; reason: string }[];
}

const MAX_ROUNDS = 10;
const hundredths = (x: number) => Math.round(x * 100);
const round2 = (x: number) => Math.round(x * 100) / 100;

type Frac = { num: number; den: number };
/** Least H (hundredths of the numerator) with H·scale·tDen·sDen ≥ tNum·sNum·P₁₀₀ — ratioMeets, solved for the numerator. */
function requiredHundredths(students: number, scale: number, t: Frac, s: Frac): number {
  const num = t.num * s.num * hundredths(students);
  const den = scale * t.den * s.den;
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) return num % den === 0 ? num / den : Math.floor(num / den) + 1;
  const bn = BigInt(t.num) * BigInt(s.num) * BigInt(hundredths(students));
  const bd = BigInt(den);
  return Number((bn + bd - 1n) / bd);
}

/** An addition of `h` hundredths rounded up to the indicator's step (100 = one whole unit). */
const stepUp = (h: number, step: number) => (h <= 0 ? 0 : step === 1 ? h : Math.ceil(h / step) * step);

interface Ind {
  key: string;
  scale: number;
  step: number; // in hundredths: 100 for whole units, 1 for hundredths
  unitCost: number;
  thresholded: boolean;
  limit: number;
  curH: Float64Array; // current numerator of each plan school, in hundredths
  cur: Float64Array; // the same as given (for re-checking the CV exactly as evaluateLevel would)
  addStd: Float64Array; // hundredths to reach the standard (0 if met or no standard)
  addRem: Float64Array; // hundredths to reach remainderMinShare × standard
  reqStdH: Float64Array; // the standard's required numerator in hundredths (−1 without a standard)
  // Schools that count in the CV but are not in the plan (missing data on another indicator): fixed.
  fixedN: number;
  fixedN2P: number;
  fixedP: number;
  fixedMaxX: number;
  /** evaluateLevel's CV population in its order: plan school index, or −1 with the fixed numerator. */
  order: { plan: number; students: number; numerator: number }[];
  /** Plan schools by lower bound, kept between rounds. */
  ord?: number[];
}

interface CvSolution {
  floor: number | null;
  add: Float64Array; // total hundredths added per plan school (requirement + CV extra)
  feasible: boolean;
}

/**
 * Whole units / hundredths for the water level f. Rounding every raised school up can overshoot badly
 * when a unit is large against a small school (one room for 30 pupils is 3.3 per 100), so: start
 * from the targets rounded down (never below the requirements), add single steps greedily where
 * they lower h = P·ΣN²/P_i − (1+L²)(ΣN)² the most — the school with the least (2N_i + u)/P_i, a
 * heap keyed on that, since the rest of Δh is the same for every school — until h ≤ 0, then give
 * back steps whose removal keeps h ≤ 0, and confirm with studentWeightedCv.
 */
function roundToSteps(d: Ind, P: Float64Array, addReq: Float64Array, f: number, Ptot: number, K: number, verify: (add: Float64Array) => boolean): { add: Float64Array; feasible: boolean } {
  const n = P.length;
  const step = d.step;
  const u = step / 100;
  const add = new Float64Array(n);
  let T1 = d.fixedN;
  let T2 = d.fixedN2P;
  for (let i = 0; i < n; i++) {
    const h = Math.floor((f * P[i] * 100) / d.scale) - d.curH[i];
    const down = h <= 0 ? 0 : Math.floor(h / step) * step;
    add[i] = down > addReq[i] ? down : addReq[i];
    const v = (d.curH[i] + add[i]) / 100;
    T1 += v;
    T2 += (v * v) / P[i];
  }
  const within = (t1: number, t2: number) => t1 > 0 && Ptot * t2 <= K * t1 * t1 * (1 - 1e-12);
  // Min-heap of schools by (2N_i + u)/P_i; only the root's key ever changes (it grows), so sift-down suffices.
  const key = new Float64Array(n);
  const heap = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    heap[i] = i;
    key[i] = (2 * ((d.curH[i] + add[i]) / 100) + u) / P[i];
  }
  const siftDown = (j: number) => {
    const x = heap[j];
    for (;;) {
      let c = 2 * j + 1;
      if (c >= n) break;
      if (c + 1 < n && key[heap[c + 1]] < key[heap[c]]) c++;
      if (key[heap[c]] >= key[x]) break;
      heap[j] = heap[c];
      j = c;
    }
    heap[j] = x;
  };
  for (let j = (n >> 1) - 1; j >= 0; j--) siftDown(j);
  const grown = new Uint8Array(n);
  const grow = () => {
    const i = heap[0];
    grown[i] = 1;
    const v = (d.curH[i] + add[i]) / 100;
    add[i] += step;
    T1 += u;
    T2 += ((v + u) * (v + u) - v * v) / P[i];
    key[i] = (2 * (v + u) + u) / P[i];
    siftDown(0);
  };
  const cap = 100 * n + 100_000;
  let steps = 0;
  while (!within(T1, T2) && steps++ < cap) grow();
  if (!within(T1, T2)) return { add: Float64Array.from(addReq), feasible: false };
  // Give back steps the greedy added, where a removal raises h the least first.
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (grown[i] && add[i] > addReq[i]) idx.push(i);
  const rkey = new Float64Array(n);
  for (const i of idx) rkey[i] = (2 * ((d.curH[i] + add[i]) / 100) - u) / P[i];
  idx.sort((x, y) => rkey[y] - rkey[x] || x - y);
  for (const i of idx) {
    while (add[i] - step >= addReq[i]) {
      const v = (d.curH[i] + add[i]) / 100;
      const t2 = T2 - (v * v - (v - u) * (v - u)) / P[i];
      if (!within(T1 - u, t2)) break;
      add[i] -= step;
      T1 -= u;
      T2 = t2;
    }
  }
  // Float sums vs studentWeightedCv: should agree to ~1e-15; if not, a few more greedy steps.
  if (idx.length) {
    for (let i = 0; i < n; i++) key[i] = (2 * ((d.curH[i] + add[i]) / 100) + u) / P[i];
    for (let j = (n >> 1) - 1; j >= 0; j--) siftDown(j);
  }
  for (let j = 0; j < 1000; j++) {
    if (verify(add)) return { add, feasible: true };
    grow();
  }
  return { add: Float64Array.from(addReq), feasible: false };
}

export function planLevel(pack: StandardPack, level: BalanceLevel, schools: readonly BalanceSchoolInput[], unitCosts?: Record<string, number>): LevelPlan {
  if (pack.cvRule !== 'each') throw new Error(`planLevel needs a pack whose CV rule is "each" (every indicator ≤ its limit); ${pack.id} uses "${pack.cvRule}"`);
  const costs: Record<string, number> = { ...pack.unitCosts, ...unitCosts };
  const missingCost = pack.indicators.filter((i) => !(costs[i.key] >= 0)).map((i) => i.key);
  if (missingCost.length) throw new Error(`no unit cost for ${missingCost.join(', ')}; give unitCosts`);
  const rule = pack.schoolRule;
  const one = decimalFraction('1');
  const share = decimalFraction(rule?.remainderMinShare ?? '1');
  const limit = Number(pack.cvLimit[level]);
  const inds = pack.indicators;
  const m = inds.length;

  // Who is planned, who only counts in the CV, who is out.
  const ofLevel = schools.filter((s) => s.level === level);
  const skipped: LevelPlan['skipped'] = [];
  const plan: BalanceSchoolInput[] = [];
  const inCv: { s: BalanceSchoolInput; plan: number }[] = []; // evaluateLevel's included schools, in order
  for (const s of ofLevel) {
    // evaluateSchool's exclusion rule (a 教学点 under the minimum size), asked of it only for the reason text.
    if (s.isTeachingPoint && s.students < pack.exclusions.teachingPointMinStudents) {
      skipped.push({ schoolCode: s.code, reason: evaluateSchool(pack, s).excludedReason ?? 'excluded' });
      continue;
    }
    if (!(s.students > 0)) {
      skipped.push({ schoolCode: s.code, reason: '在校生数为0 / no students' });
      continue;
    }
    const missing = inds.filter((i) => s.numerators[i.key] == null).map((i) => i.key);
    if (missing.length) {
      skipped.push({ schoolCode: s.code, reason: `缺少数据 / missing data: ${missing.join(', ')}` });
      inCv.push({ s, plan: -1 });
      continue;
    }
    inCv.push({ s, plan: plan.length });
    plan.push(s);
  }
  const n = plan.length;
  const P = Float64Array.from(plan, (s) => s.students);
  const mThr = inds.filter((i) => i.threshold?.[level] !== undefined).length;
  const leaveMax = rule ? Math.max(0, mThr - rule.minMet) : 0;

  const data: Ind[] = inds.map((ind) => {
    const ts = rule ? ind.threshold?.[level] : undefined;
    const t = ts === undefined ? undefined : decimalFraction(ts);
    const d: Ind = {
      key: ind.key,
      scale: ind.scale,
      step: ind.count ? 100 : 1,
      unitCost: costs[ind.key],
      thresholded: t !== undefined,
      limit,
      curH: new Float64Array(n),
      cur: new Float64Array(n),
      addStd: new Float64Array(n),
      addRem: new Float64Array(n),
      reqStdH: new Float64Array(n).fill(-1),
      fixedN: 0,
      fixedN2P: 0,
      fixedP: 0,
      fixedMaxX: 0,
      order: [],
    };
    for (let i = 0; i < n; i++) {
      const cur = plan[i].numerators[ind.key]!;
      d.cur[i] = cur;
      d.curH[i] = hundredths(cur);
      if (t !== undefined) {
        const std = requiredHundredths(P[i], ind.scale, t, one);
        d.reqStdH[i] = std;
        d.addStd[i] = stepUp(std - d.curH[i], d.step);
        d.addRem[i] = stepUp(requiredHundredths(P[i], ind.scale, t, share) - d.curH[i], d.step);
      }
    }
    for (const { s, plan: pi } of inCv) {
      const v = s.numerators[ind.key];
      if (v == null) continue;
      d.order.push({ plan: pi, students: s.students, numerator: v });
      if (pi < 0) {
        d.fixedN += v;
        d.fixedN2P += (v * v) / s.students;
        d.fixedP += s.students;
        d.fixedMaxX = Math.max(d.fixedMaxX, (v / s.students) * ind.scale);
      }
    }
    return d;
  });

  const cvOf = (d: Ind, add: Float64Array | null) =>
    studentWeightedCv(
      d.order.map((o) => ({ students: o.students, numerator: o.plan >= 0 && add ? d.cur[o.plan] + add[o.plan] / 100 : o.numerator })),
      d.scale,
    ).cv;

  // Step 2: which indicators each school holds at the remainder, given the floors. choice[i·m + k] = 1: left.
  const choose = (floors: (number | null)[]): Uint8Array => {
    const choice = new Uint8Array(n * m);
    if (leaveMax === 0) return choice;
    const sav = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m; k++) {
        const d = data[k];
        sav[k] = 0;
        if (!d.thresholded) continue;
        const fl = floors[k];
        const addF = fl === null ? 0 : stepUp(Math.ceil((fl * P[i] * 100) / d.scale) - d.curH[i], d.step);
        sav[k] = d.unitCost * (Math.max(d.addStd[i], addF) - Math.max(d.addRem[i], addF));
      }
      // The leaveMax largest positive savings (ties: the earlier indicator).
      for (let j = 0; j < leaveMax; j++) {
        let bk = -1;
        for (let k = 0; k < m; k++) if (sav[k] > 0 && (bk < 0 || sav[k] > sav[bk])) bk = k;
        if (bk < 0) break;
        choice[i * m + bk] = 1;
        sav[bk] = 0;
      }
    }
    return choice;
  };

  // Step 1: the least additions bringing indicator k's CV within the limit, over the given requirements.
  const solveCv = (k: number, addReq: Float64Array): CvSolution => {
    const d = data[k];
    const s = d.scale;
    const L = d.limit;
    const K = 1 + L * L;
    const lowN = new Float64Array(n);
    const xs = new Float64Array(n);
    let lo = Infinity;
    let hi = d.fixedMaxX;
    let Ptot = d.fixedP;
    for (let i = 0; i < n; i++) {
      lowN[i] = (d.curH[i] + addReq[i]) / 100;
      const x = (xs[i] = (lowN[i] / P[i]) * s);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      Ptot += P[i];
    }
    const base = Float64Array.from(addReq);
    const verify = (add: Float64Array) => {
      const cv = cvOf(d, add);
      return cv !== null && cv <= L;
    };
    if (n === 0) return { floor: null, add: base, feasible: verify(base) };
    // Schools in order of their lower bound; with prefix sums, S1 = ΣN and S2 = ΣN²/P at a level f
    // cost one binary search (the schools below f sit at f: N = f·P/scale, N²/P = (f/scale)²·P).
    // Later rounds change few lower bounds: insertion-sort the previous order (full sort if that gets long).
    let ord = d.ord;
    let moves = 0;
    if (ord) {
      for (let j = 1; j < n && moves <= 16 * n; j++) {
        const i = ord[j];
        let q = j - 1;
        while (q >= 0 && xs[ord[q]] > xs[i]) {
          ord[q + 1] = ord[q];
          q--;
          moves++;
        }
        ord[q + 1] = i;
      }
    }
    if (!ord || moves > 16 * n) ord = d.ord = Array.from({ length: n }, (_, i) => i).sort((p, q) => xs[p] - xs[q]);
    const xSorted = new Float64Array(n);
    const preP = new Float64Array(n + 1);
    const sufN1 = new Float64Array(n + 1);
    const sufN2 = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) {
      xSorted[j] = xs[ord[j]];
      preP[j + 1] = preP[j] + P[ord[j]];
    }
    for (let j = n - 1; j >= 0; j--) {
      const i = ord[j];
      sufN1[j] = sufN1[j + 1] + lowN[i];
      sufN2[j] = sufN2[j + 1] + (lowN[i] * lowN[i]) / P[i];
    }
    let S1 = 0;
    let S2 = 0;
    const sums = (f: number) => {
      let l = 0;
      let r = n;
      while (l < r) {
        const mid = (l + r) >> 1;
        if (xSorted[mid] < f) l = mid + 1;
        else r = mid;
      }
      const c = f / s;
      S1 = d.fixedN + c * preP[l] + sufN1[l];
      S2 = d.fixedN2P + c * c * preP[l] + sufN2[l];
    };
    const within = (f: number) => {
      sums(f);
      return S1 > 0 && Ptot * S2 <= K * S1 * S1;
    };
    if (within(lo) && verify(base)) return { floor: null, add: base, feasible: true };
    // f*: the minimiser of CV(f), where f·S1/scale − S2 (non-decreasing in f) turns non-negative.
    let a = lo;
    let b = hi;
    for (let it = 0; it < 200 && b - a > 1e-14 * b; it++) {
      const mid = (a + b) / 2;
      sums(mid);
      if ((mid * S1) / s >= S2) b = mid;
      else a = mid;
    }
    const fStar = b;
    if (!within(fStar)) return { floor: null, add: base, feasible: false };
    a = lo;
    b = fStar;
    for (let it = 0; it < 200 && b - a > 1e-14 * b; it++) {
      const mid = (a + b) / 2;
      if (within(mid)) b = mid;
      else a = mid;
    }
    const f0 = b;
    return { floor: f0, ...roundToSteps(d, P, addReq, f0, Ptot, K, verify) };
  };

  const solveAll = (choice: Uint8Array) => {
    const sols: CvSolution[] = [];
    const reqs: Float64Array[] = [];
    let cost = 0;
    let feasible = true;
    for (let k = 0; k < m; k++) {
      const d = data[k];
      const req = new Float64Array(n);
      if (d.thresholded) for (let i = 0; i < n; i++) req[i] = choice[i * m + k] ? d.addRem[i] : d.addStd[i];
      const sol = solveCv(k, req);
      for (let i = 0; i < n; i++) cost += (d.unitCost * sol.add[i]) / 100;
      feasible &&= sol.feasible;
      sols.push(sol);
      reqs.push(req);
    }
    return { choice, sols, reqs, cost, feasible };
  };

  // Step 3: alternate, keeping the cheapest valid plan (a feasible one before an infeasible one).
  let choice = choose(new Array<number | null>(m).fill(null));
  let best: ReturnType<typeof solveAll> | null = null;
  let rounds = 0;
  for (;;) {
    rounds++;
    const cur = solveAll(choice);
    if (!best || (cur.feasible && !best.feasible) || (cur.feasible === best.feasible && cur.cost < best.cost - 1e-6)) best = cur;
    if (rounds >= MAX_ROUNDS) break;
    const next = choose(cur.sols.map((x) => x.floor));
    if (next.every((v, j) => v === choice[j])) break;
    choice = next;
  }

  // Assemble the plan: rows in typed arrays, sorted by cost (then school code, then indicator order).
  const codeRank = new Int32Array(n);
  Int32Array.from({ length: n }, (_, i) => i)
    .sort((x, y) => (plan[x].code < plan[y].code ? -1 : plan[x].code > plan[y].code ? 1 : x - y))
    .forEach((i, r) => (codeRank[i] = r));
  const cap = 2 * n * m;
  const rSchool = new Int32Array(cap);
  const rK = new Int32Array(cap);
  const rAdd = new Float64Array(cap);
  const rCost = new Float64Array(cap);
  const rReason = new Uint8Array(cap);
  const REASONS = ['standard', 'remainder', 'cv'] as const;
  let rows = 0;
  const leftAtRemainder: LevelPlan['leftAtRemainder'] = [];
  const totals: LevelPlan['totals'] = {};
  const cvBefore: LevelPlan['cvBefore'] = {};
  const cvAfter: LevelPlan['cvAfter'] = {};
  const floors: LevelPlan['floors'] = {};
  let totalCost = 0;
  for (let k = 0; k < m; k++) {
    const d = data[k];
    const sol = best.sols[k];
    const req = best.reqs[k];
    let addSum = 0;
    let costSum = 0;
    const row = (i: number, h: number, reason: number) => {
      const add = h / 100;
      const cost = round2(d.unitCost * add);
      rSchool[rows] = i;
      rK[rows] = k;
      rAdd[rows] = add;
      rCost[rows] = cost;
      rReason[rows++] = reason;
      addSum += add;
      costSum += cost;
    };
    for (let i = 0; i < n; i++) {
      const left = best.choice[i * m + k] === 1;
      if (req[i] > 0) row(i, req[i], left ? 1 : 0);
      if (sol.add[i] > req[i]) row(i, sol.add[i] - req[i], 2);
      if (left && d.curH[i] + sol.add[i] < d.reqStdH[i]) leftAtRemainder.push({ schoolCode: plan[i].code, key: d.key });
    }
    totals[d.key] = { add: round2(addSum), cost: round2(costSum) };
    totalCost += costSum;
    cvBefore[d.key] = cvOf(d, null);
    cvAfter[d.key] = cvOf(d, sol.add);
    floors[d.key] = sol.floor;
  }
  const order = Array.from({ length: rows }, (_, j) => j).sort((x, y) => rCost[y] - rCost[x] || codeRank[rSchool[x]] - codeRank[rSchool[y]] || rK[x] - rK[y] || rReason[x] - rReason[y]);
  const additions: PlanAddition[] = new Array(rows);
  for (let j = 0; j < rows; j++) {
    const r = order[j];
    const sc = plan[rSchool[r]];
    const [key, add, cost, reason] = [data[rK[r]].key, rAdd[r], rCost[r], REASONS[rReason[r]]];
    additions[j] = sc.name ? { schoolCode: sc.code, schoolName: sc.name, key, add, cost, reason } : { schoolCode: sc.code, key, add, cost, reason };
  }
  return {
    level,
    additions,
    totals,
    totalCost: round2(totalCost),
    leftAtRemainder,
    cvBefore,
    cvAfter,
    floors,
    rounds,
    feasible: best.feasible,
    skipped,
  };
}
