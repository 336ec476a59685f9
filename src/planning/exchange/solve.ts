// The exchange optimiser: rules → the MIP of mip.ts → HiGHS (in a worker) → moves, checked by check.ts before they
// are returned. Steps: (1) inputs and pins consistent; (2) cheap necessary conditions, each naming its rule; (3) the
// balance model (min D) to the proven gap; (4) the spread model (D no worse, lowest CV near that plan); (5) the tidy
// model (same 骨干 per school, fewest moves, then least km); (6) the independent check. Steps 4 and 5 only ever
// replace the plan by one that passes the check with D no larger; if they run out of time the plan stays. When HiGHS proves the rules infeasible, each rule is relaxed alone (pins, 骨干 share, rate,
// max_km) and the first whose relaxation gives a plan is named. Same input → same output (HiGHS runs single-threaded
// with a fixed seed; a run stopped by the time limit depends on the machine's speed).
import { solveLp, type LpSolution } from '../highs.js';
import { backboneBySchool, checkMoves, inputProblems, percentText } from './check.js';
import { backboneShareMet, isEligible, requiredMovers, ruleProblems } from './eligibility.js';
import { buildNetwork, exchangeLp, type ExchangeNetwork, type ModelPhase } from './mip.js';
import { backboneCv, backboneDeviation } from './metrics.js';
import {
  DEFAULT_EXCHANGE_RULES,
  EXCHANGE_METHOD,
  ExchangeInfeasible,
  ExchangeNoPlan,
  type ExchangeRules,
  type ExchangeSchool,
  type ExchangeSolution,
  type ExchangeTeacher,
  type ExchangeViolation,
} from './model.js';
import { gatherPins, type TeacherPins } from './pins.js';

const RULE_NAMES: Record<ExchangeViolation['rule'], string> = {
  eligible: '交流条件 / eligibility',
  once: '每人至多一次 / at most once',
  rate: '交流比例 / rate',
  backbone_share: '骨干比例 / backbone share',
  balance: '学科人数平衡 / head count per subject',
  max_km: '最远距离 / max km',
  pin: '锁定 / pins',
  unknown: '数据 / data',
};

const summary = (v: readonly ExchangeViolation[]) =>
  v
    .slice(0, 5)
    .map((p) => p.message)
    .join('\n') + (v.length > 5 ? `\n…（共 ${v.length} 处 / ${v.length} in all）` : '');

export async function solveExchange(teachers: readonly ExchangeTeacher[], schools: readonly ExchangeSchool[], rules: ExchangeRules): Promise<ExchangeSolution> {
  const started = performance.now();
  const bad = ruleProblems(rules);
  if (bad.length) throw new RangeError(bad.join('\n'));
  const mipGap = rules.mipGap ?? DEFAULT_EXCHANGE_RULES.mipGap!;
  const timeLimit = rules.timeLimitSeconds ?? DEFAULT_EXCHANGE_RULES.timeLimitSeconds!;

  // (1) Inputs and pins.
  const inputs = inputProblems(teachers, schools);
  if (inputs.length) throw new ExchangeInfeasible('unknown', summary(inputs));
  const teacherById = new Map(teachers.map((t) => [t.teacherId, t]));
  const pins = gatherPins(rules.pins, new Set(teacherById.keys()), new Set(schools.map((s) => s.schoolCode)));
  if (pins.problems.length) throw new ExchangeInfeasible(pins.problems[0].rule, summary(pins.problems));
  for (const [id, p] of pins.byTeacher) {
    const t = teacherById.get(id)!;
    if (p.mustMove && !isEligible(t, rules))
      throw new ExchangeInfeasible(
        'pin',
        `教师 ${id} 被锁定交流，但不符合交流条件（本校任教 ${t.yearsAtSchool} 年，${t.age} 岁）/ teacher ${id} is pinned to move but is not eligible (${t.yearsAtSchool} years at the school, age ${t.age})`,
      );
  }

  // (2) Cheap necessary conditions.
  const net = buildNetwork(teachers, schools, rules, pins.byTeacher);
  const required = requiredMovers(rules.rate, net.eligible);
  precheck(net, rules, required, () => movableTeachers(buildNetwork(teachers, schools, { ...rules, maxKm: Number.MAX_VALUE }, pins.byTeacher)).movable);

  const finish = (moves: { teacherId: string; to: string }[], gap: number, status: ExchangeSolution['status']): ExchangeSolution => {
    // (6) The independent check: a plan that breaks a rule is a bug, never an answer.
    const checked = checkMoves(teachers, schools, rules, moves);
    if (checked.violations.length) throw new Error(`exchange plan failed its own check: ${summary(checked.violations)}`);
    return { method: EXCHANGE_METHOD, ...checked.metrics, moves: checked.moves, mipGap: gap, status, seconds: (performance.now() - started) / 1000 };
  };
  if (net.arcs.length === 0) return finish([], 0, 'optimal'); // nobody can move, and nobody has to

  // (3) The balance model: min D.
  const balance = await solvePhase(net, required, rules.backboneShare, { kind: 'balance' }, timeLimit, mipGap);
  if (balance.status === 'Infeasible' || balance.status === 'Primal infeasible or unbounded') throw await diagnose(teachers, schools, rules, Math.min(timeLimit, 30));
  if (balance.objective === null)
    throw new ExchangeNoPlan(`${timeLimit} 秒内未找到可行方案（${balance.status}），请延长时限 / no plan found within ${timeLimit} s (${balance.status}); allow more time`);
  const flows = flowsOf(net, balance);
  const gap = balance.mipGap ?? 0;
  const status: ExchangeSolution['status'] = balance.status === 'Optimal' ? (gap <= 1e-6 ? 'optimal' : 'gap_reached') : 'time_limit';
  let moves = movesOf(net, flows);

  // (4) Spread: among the plans with this D, the lowest CV (骨干 per school within SPREAD_BAND of the plan found).
  const phaseLimit = Math.max(5, timeLimit / 4);
  const afterOf = (ms: readonly { teacherId: string; to: string }[]) => {
    const b = backboneBySchool(teachers, new Map(ms.map((m) => [m.teacherId, m.to])));
    return { map: b, bySchool: net.schools.map((s) => b.get(s.schoolCode) ?? 0) };
  };
  let after = afterOf(moves);
  const d1 = backboneDeviation(schools, after.map);
  if (net.cvScale > 0) {
    const phase: ModelPhase = { kind: 'spread', near: after.bySchool, maxD: d1 + 1e-9 * Math.max(1, d1) };
    const spread = await solvePhase(net, required, rules.backboneShare, phase, phaseLimit, 1e-4, false).catch(() => null);
    if (spread && spread.objective !== null) {
      const candidate = movesOf(net, flowsOf(net, spread));
      const c = checkMoves(teachers, schools, rules, candidate);
      if (!c.violations.length && c.metrics.dAfter <= d1 + 1e-9 * Math.max(1, d1) && c.metrics.cvAfter < backboneCv(schools, after.map)) {
        moves = candidate;
        after = afterOf(moves);
      }
    }
  }

  // (5) Tidy: the same 骨干 per school (so the same D and CV), fewest moves, then least km.
  const tidy = await solvePhase(net, required, rules.backboneShare, { kind: 'tidy', backbone: after.bySchool }, phaseLimit, 1e-6, false).catch(() => null);
  if (tidy && tidy.objective !== null) {
    const candidate = movesOf(net, flowsOf(net, tidy));
    const same = afterOf(candidate).bySchool.every((b, i) => b === after.bySchool[i]);
    if (same && candidate.length <= moves.length && !checkMoves(teachers, schools, rules, candidate).violations.length) moves = candidate;
  }
  return finish(moves, gap, status);
}

/** HiGHS's relative gap of an objective `primal` against a lower bound `bound` (minimisation). */
const gapOf = (primal: number, bound: number) => (primal === 0 ? 0 : Math.max(0, (primal - bound) / Math.abs(primal)));

/**
 * One model, in up to three steps (HiGHS's MIP presolve alone takes minutes on a 10,000-teacher model, while its LP
 * relaxation takes seconds and is often integral — the rows are mostly a network's):
 *   1. the LP relaxation: infeasible → the model is; an integral optimal vertex → the MIP's optimum, gap 0;
 *   2. else the MIP restricted to the arcs the LP uses (and their reverses, and every pinned teacher's): its LP bound is
 *      the full one, so its plan's gap against the full LP bound is a proven gap; done when within `mipRelGap`;
 *   3. else (when `full`) the whole MIP with the time left, keeping the better of 2 and 3.
 */
async function solvePhase(net: ExchangeNetwork, required: number, share: number, phase: ModelPhase, seconds: number, mipRelGap: number, full = true): Promise<LpSolution> {
  const started = performance.now();
  const left = () => Math.max(1, seconds - (performance.now() - started) / 1000);
  const done = (r: LpSolution): LpSolution => ({ ...r, seconds: (performance.now() - started) / 1000 });
  const lp = await solveLp(exchangeLp(net, required, share, phase, { relax: true }), { timeLimitSeconds: seconds });
  if (lp.status === 'Infeasible' || lp.status === 'Primal infeasible or unbounded') return done(lp);
  const value = (r: LpSolution, name: string) => r.columns.get(name) ?? 0;
  if (lp.status === 'Optimal' && net.arcs.every((a) => Math.abs(value(lp, a.name) - Math.round(value(lp, a.name))) <= 1e-7)) return done({ ...lp, mipGap: 0 });

  let best: LpSolution | null = null;
  if (lp.status === 'Optimal' && lp.objective !== null) {
    const bound = lp.objective;
    const used = new Set<string>();
    for (const a of net.arcs) if (value(lp, a.name) > 1e-9) used.add(`${a.from}/${a.to}/${a.subject}`);
    const arcs = net.arcs.filter((a) => a.pinned >= 0 || used.has(`${a.from}/${a.to}/${a.subject}`) || used.has(`${a.to}/${a.from}/${a.subject}`));
    const r = await solveLp(exchangeLp({ ...net, arcs }, required, share, phase), { timeLimitSeconds: left(), mipRelGap }).catch(() => null);
    if (r && r.objective !== null) {
      const gap = gapOf(r.objective, bound);
      best = { ...r, mipGap: gap, status: gap <= mipRelGap ? 'Optimal' : 'Time limit reached' };
      if (gap <= mipRelGap || !full) return done(best);
    }
  }
  if (!full && best) return done(best);
  const mip = await solveLp(exchangeLp(net, required, share, phase), { timeLimitSeconds: left(), mipRelGap }).catch(() => null);
  if (mip && (mip.objective !== null || !best) && (!best || (mip.objective !== null && mip.objective <= best.objective!))) return done(mip);
  if (best) return done(best);
  if (mip) return done(mip);
  return done({ ...lp, status: 'Time limit reached', objective: null, mipGap: null, columns: new Map() });
}

/** Rounded flow per arc. */
function flowsOf(net: ExchangeNetwork, sol: LpSolution): number[] {
  return net.arcs.map((a) => Math.round(sol.columns.get(a.name) ?? 0));
}

/** Flows → moves: in each class the teachers in order (longest at the school, then ID) fill the arcs in school-code order. */
function movesOf(net: ExchangeNetwork, flows: readonly number[]): { teacherId: string; to: string }[] {
  const next = net.classes.map(() => 0);
  const out: { teacherId: string; to: string }[] = [];
  net.arcs.forEach((a, i) => {
    for (let n = 0; n < flows[i]; n++) {
      const t = a.cls >= 0 ? net.classes[a.cls].teachers[next[a.cls]++] : net.pinned[a.pinned].teacher;
      out.push({ teacherId: t.teacherId, to: net.schools[a.to].schoolCode });
    }
  });
  return out.sort((x, y) => (x.teacherId < y.teacherId ? -1 : x.teacherId > y.teacherId ? 1 : 0));
}

/**
 * The teachers who can move at all: along an arc to a school that can send a teacher of the same subject back out,
 * from a school that some same-subject teacher can reach (arrivals = departures). Pinned-to-move teachers without such
 * an arc are listed.
 */
function movableTeachers(net: ExchangeNetwork): { movable: number; movableBackbone: number; stuckPinned: number[] } {
  const sends = new Set<string>();
  const receives = new Set<string>();
  for (const a of net.arcs) {
    sends.add(`${a.from}/${a.subject}`);
    receives.add(`${a.to}/${a.subject}`);
  }
  const usable = (a: (typeof net.arcs)[number]) => sends.has(`${a.to}/${a.subject}`) && receives.has(`${a.from}/${a.subject}`);
  const movableClass = new Set<number>();
  const movablePinned = new Set<number>();
  for (const a of net.arcs) {
    if (!usable(a)) continue;
    if (a.cls >= 0) movableClass.add(a.cls);
    else movablePinned.add(a.pinned);
  }
  let movable = 0;
  let movableBackbone = 0;
  movableClass.forEach((k) => {
    const c = net.classes[k];
    movable += c.teachers.length;
    if (c.backbone) movableBackbone += c.teachers.length;
  });
  movablePinned.forEach((k) => {
    movable++;
    if (net.pinned[k].teacher.backbone) movableBackbone++;
  });
  const stuckPinned = net.pinned.flatMap((p, k) => (p.mustMove && !movablePinned.has(k) ? [k] : []));
  return { movable, movableBackbone, stuckPinned };
}

/**
 * Necessary conditions, cheap to test (movableTeachers). When too few can move for the rate, the distance limit is
 * named instead of the rate if without it enough could (`movableWithoutKm`, computed only then), as diagnose() would
 * relax max_km before the rate; the message names both.
 */
function precheck(net: ExchangeNetwork, rules: ExchangeRules, required: number, movableWithoutKm: () => number): void {
  const { movable, movableBackbone, stuckPinned } = movableTeachers(net);
  if (stuckPinned.length) {
    const p = net.pinned[stuckPinned[0]];
    throw new ExchangeInfeasible(
      'pin',
      `教师 ${p.teacher.teacherId} 被锁定交流，但 ${rules.maxKm} km 内没有可去的学校（需有同学科符合条件的教师可调出）/ teacher ${p.teacher.teacherId} is pinned to move but has no admissible destination: no allowed school within ${rules.maxKm} km with an eligible ${p.teacher.subject} teacher to exchange`,
    );
  }
  const rate = percentText(rules.rate);
  if (movable < required) {
    const wide = movableWithoutKm();
    if (wide >= required)
      throw new ExchangeInfeasible(
        'max_km',
        `最远距离 ${rules.maxKm} km 内只有 ${movable} 名符合条件的教师有同学科的交换对象，少于交流比例要求的 ${required} 人（${net.eligible} 名符合条件教师的 ${rate}%）；不限距离时有 ${wide} 人：请放宽最远距离或降低交流比例 / within the max km of ${rules.maxKm} km only ${movable} eligible teachers have a same-subject partner, fewer than the ${required} movers the rate needs (${rate} % of ${net.eligible} eligible); without the distance limit ${wide} would: relax the max km or lower the rate`,
      );
    throw new ExchangeInfeasible(
      'rate',
      `交流比例要求至少 ${required} 人交流（${net.eligible} 名符合条件教师的 ${rate}%），但只有 ${movable} 名符合条件的教师在 ${rules.maxKm} km 内有同学科的交换对象 / the rate needs at least ${required} movers (${rate} % of ${net.eligible} eligible), but only ${movable} eligible teachers have a same-subject partner within ${rules.maxKm} km`,
    );
  }
  if (!backboneShareMet(rules.backboneShare, movableBackbone, Math.max(required, movableBackbone))) {
    const share = percentText(rules.backboneShare);
    throw new ExchangeInfeasible(
      'backbone_share',
      `骨干比例要求交流教师中至少 ${share}% 为骨干（至少 ${required} 人交流），但可交流的符合条件骨干教师只有 ${movableBackbone} 人 / the backbone share needs ${share} % 骨干 among at least ${required} movers, but only ${movableBackbone} eligible 骨干 can move`,
    );
  }
}

/** HiGHS proved the rules infeasible: relax each rule alone and name the first that gives a plan. */
async function diagnose(teachers: readonly ExchangeTeacher[], schools: readonly ExchangeSchool[], rules: ExchangeRules, seconds: number): Promise<ExchangeInfeasible> {
  const relaxations: [ExchangeViolation['rule'], ExchangeRules][] = [
    ['pin', { ...rules, pins: [] }],
    ['backbone_share', { ...rules, backboneShare: 0 }],
    ['max_km', { ...rules, maxKm: Number.MAX_VALUE }],
    ['rate', { ...rules, rate: 0 }],
  ];
  const binding: ExchangeViolation['rule'][] = [];
  for (const [rule, relaxed] of relaxations) {
    if (rule === 'pin' && rules.pins.length === 0) continue;
    const pins: Map<string, TeacherPins> = gatherPins(relaxed.pins, new Set(teachers.map((t) => t.teacherId)), new Set(schools.map((s) => s.schoolCode))).byTeacher;
    const net = buildNetwork(teachers, schools, relaxed, pins);
    const required = requiredMovers(relaxed.rate, net.eligible);
    const r = await solvePhase(net, required, relaxed.backboneShare, { kind: 'feasible' }, seconds, 1).catch(() => null);
    if (r && r.objective !== null) binding.push(rule);
  }
  if (!binding.length) return new ExchangeInfeasible('balance', '无法在保持各校各学科人数不变的前提下安排交流 / no exchange keeps every school’s head count per subject');
  const [first, ...others] = binding;
  return new ExchangeInfeasible(
    first,
    `没有同时满足全部规则的方案；仅放宽“${RULE_NAMES[first].split(' / ')[0]}”即可行${others.length ? `（放宽${others.map((r) => `“${RULE_NAMES[r].split(' / ')[0]}”`).join('或')}也可）` : ''} / no plan satisfies every rule; relaxing the ${RULE_NAMES[first].split(' / ')[1]} alone would give one${others.length ? ` (so would relaxing the ${others.map((r) => RULE_NAMES[r].split(' / ')[1]).join(' or the ')})` : ''}`,
  );
}

/** D and the CV of the district as it is (no moves): the figures a page shows before solving. */
export function exchangeBaseline(teachers: readonly ExchangeTeacher[], schools: readonly ExchangeSchool[]): { d: number; cv: number } {
  const b = backboneBySchool(teachers);
  return { d: backboneDeviation(schools, b), cv: backboneCv(schools, b) };
}
