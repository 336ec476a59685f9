// The exchange MIP (交流轮岗) in CPLEX LP text for HiGHS (src/planning/highs.ts).
//
// What: choose moves teacher → school that minimise D = Σ_s |B_s − μ·P_s| (B_s = 骨干 at school s after the moves,
// P_s its students, μ = district 骨干 / students) under the rules of 教师〔2014〕4号 as the issue states them: only
// eligible teachers move, each at most once; movers ≥ ⌈rate × eligible⌉; 骨干 movers ≥ backboneShare × movers;
// arrivals = departures per school × subject (head counts kept); no move longer than maxKm; the bureau's pins.
// Why D: the student-weighted 差异系数 of 骨干 per 100 students is S/X̄ with S² = Σ P_s (B_s/P_s − μ)² / P — a
// quadratic; D is its linear (L1) counterpart, exact to optimise as a MIP. The two usually fall together, but not
// always (a 骨干 moved between two schools both below their share leaves D as it is and changes the CV): hence the
// "spread" model below.
//
// Size. A teacher-by-school binary model is 2,000 × 36 = 72,000 binaries for a county and 2 million for a city;
// but the rules cannot tell apart two unpinned eligible teachers of the same school, subject and 骨干 flag, so they
// are one *class* k with n_k members and one integer flow y[k→t] ∈ [0, n_k] per destination t within maxKm
// (~650 classes × 35 schools for the county). Pinned teachers (must move, not to X) keep their own binaries
// x[i→t]; teachers pinned to stay, and the ineligible, get no variable. Who in a class moves is chosen afterwards
// (solve.ts: longest at the school first, then by teacher ID, filling destinations in school-code order).
//
// Rows (one per line below):
//   class k:        Σ_t y[k→t] ≤ n_k                       pinned i: Σ_t x[i→t] ≤ 1 (= 1 when it must move)
//   head count:     Σ arrivals(s, subject) − Σ departures(s, subject) = 0           for each school × subject
//   rate:           Σ all flows ≥ R = ⌈rate × eligible⌉
//   骨干 share:     den·Σ 骨干 flows − num·Σ all flows ≥ 0     (backboneShare = num/den exactly, e.g. 1/5)
//   骨干 count:     b_s − Σ 骨干 arrivals + Σ 骨干 departures = B⁰_s            (b_s integer)
//   |·|:            d_s ≥ b_s − m_s,  d_s ≥ m_s − b_s,  d_s ≥ f_s + (1 − 2f_s)(b_s − ⌊m_s⌋)     m_s = μ·P_s, f_s = m_s − ⌊m_s⌋
//   objective:      min Σ_s d_s   (= D)
// The third |·| row is the chord of |b − m_s| between the integers ⌊m_s⌋ and ⌈m_s⌉: valid for every integer b_s
// and, with the other two, the convex hull of {(b, d): b integer, d ≥ |b − m_s|}. Without it the LP relaxation sets
// b_s = m_s (fractional) and proves nothing; with it the bound is tight school by school and HiGHS proves 1 % fast.
//
// Two follow-up models reuse these rows (solve.ts): "spread" (Σ d_s ≤ the D found, each b_s within ±SPREAD_BAND of
// the plan found, minimise 10⁴·CV² — exact at integer b_s through the chords of (b − m_s)²/P_s) picks the lowest CV
// among plans with that D; "tidy" (b_s fixed) picks the fewest moves and then the least total distance. D is never
// traded for either.
import { decimalFraction, distanceKm, isEligible, withinKm } from './eligibility.js';
import type { ExchangeRules, ExchangeSchool, ExchangeTeacher } from './model.js';
import type { TeacherPins } from './pins.js';

/** One variable: a class flow (n > 1 members possible) or a pinned teacher's binary, from → to. */
export interface Arc {
  /** Column name in the LP. */
  name: string;
  /** Index into network.classes, or -1 for a pinned teacher's arc. */
  cls: number;
  /** Index into network.pinned, or -1 for a class arc. */
  pinned: number;
  from: number;
  to: number;
  subject: number;
  backbone: boolean;
  km: number;
  upper: number;
}

export interface TeacherClass {
  school: number;
  subject: number;
  backbone: boolean;
  /** In the order they are chosen to move: longest at the school first, then by teacher ID. */
  teachers: ExchangeTeacher[];
}

export interface PinnedTeacher {
  teacher: ExchangeTeacher;
  school: number;
  subject: number;
  mustMove: boolean;
}

export interface ExchangeNetwork {
  /** Sorted by school code. */
  schools: ExchangeSchool[];
  /** Sorted. */
  subjects: string[];
  classes: TeacherClass[];
  pinned: PinnedTeacher[];
  arcs: Arc[];
  /** 骨干 per school before the moves (index of `schools`). */
  backboneBefore: number[];
  /** m_s = μ·P_s */
  fairShare: number[];
  eligible: number;
  /** 10⁴ / (P·μ²): turns Σ_s (B_s − m_s)² / P_s into 10⁴ × CV² (0 when μ or P is 0). */
  cvScale: number;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The classes, pinned teachers and admissible arcs of a district under `rules` (pins already gathered). */
export function buildNetwork(
  teachers: readonly ExchangeTeacher[],
  schoolList: readonly ExchangeSchool[],
  rules: Pick<ExchangeRules, 'minYears' | 'maxAge' | 'maxKm'>,
  pins: ReadonlyMap<string, TeacherPins>,
): ExchangeNetwork {
  const schools = [...schoolList].sort((a, b) => byCode(a.schoolCode, b.schoolCode));
  const schoolIndex = new Map(schools.map((s, i) => [s.schoolCode, i]));
  const subjects = [...new Set(teachers.map((t) => t.subject))].sort(byCode);
  const subjectIndex = new Map(subjects.map((s, i) => [s, i]));

  const backboneBefore = schools.map(() => 0);
  for (const t of teachers) if (t.backbone) backboneBefore[schoolIndex.get(t.schoolCode)!]++;
  const totalBackbone = backboneBefore.reduce((a, b) => a + b, 0);
  const totalStudents = schools.reduce((a, s) => a + s.students, 0);
  const mu = totalStudents > 0 ? totalBackbone / totalStudents : 0;

  const classByKey = new Map<string, TeacherClass>();
  const pinned: PinnedTeacher[] = [];
  let eligible = 0;
  for (const t of teachers) {
    if (!isEligible(t, rules)) continue;
    eligible++;
    const p = pins.get(t.teacherId);
    if (p?.stay) continue;
    const school = schoolIndex.get(t.schoolCode)!;
    const subject = subjectIndex.get(t.subject)!;
    if (p && (p.mustMove || p.notTo.size > 0)) {
      pinned.push({ teacher: t, school, subject, mustMove: p.mustMove });
      continue;
    }
    const key = `${school}/${subject}/${t.backbone ? 1 : 0}`;
    let c = classByKey.get(key);
    if (!c) classByKey.set(key, (c = { school, subject, backbone: t.backbone, teachers: [] }));
    c.teachers.push(t);
  }
  const classes = [...classByKey.values()].sort((a, b) => a.school - b.school || a.subject - b.subject || Number(a.backbone) - Number(b.backbone));
  for (const c of classes) c.teachers.sort((a, b) => b.yearsAtSchool - a.yearsAtSchool || byCode(a.teacherId, b.teacherId));
  pinned.sort((a, b) => byCode(a.teacher.teacherId, b.teacher.teacherId));

  // Admissible destinations of each school: another school within maxKm, in school-code order.
  const reach: { to: number; km: number }[][] = schools.map((a, i) =>
    schools.flatMap((b, j) => {
      const km = distanceKm(a, b);
      return i !== j && withinKm(km, rules.maxKm) ? [{ to: j, km }] : [];
    }),
  );
  const arcs: Arc[] = [];
  classes.forEach((c, k) => {
    for (const r of reach[c.school]) arcs.push({ name: `y${arcs.length}`, cls: k, pinned: -1, from: c.school, to: r.to, subject: c.subject, backbone: c.backbone, km: r.km, upper: c.teachers.length });
  });
  pinned.forEach((p, k) => {
    const pin = pins.get(p.teacher.teacherId)!;
    for (const r of reach[p.school]) {
      const code = schools[r.to].schoolCode;
      if (pin.notTo.has(code) || (pin.mustTo && pin.mustTo !== code)) continue;
      arcs.push({ name: `y${arcs.length}`, cls: -1, pinned: k, from: p.school, to: r.to, subject: p.subject, backbone: p.teacher.backbone, km: r.km, upper: 1 });
    }
  });
  const cvScale = mu > 0 ? 1e4 / (totalStudents * mu * mu) : 0;
  return { schools, subjects, classes, pinned, arcs, backboneBefore, fairShare: schools.map((s) => mu * s.students), eligible, cvScale };
}

/** A number as LP text: shortest round-trip decimal. */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`non-finite coefficient ${x}`);
  return Object.is(x, -0) ? '0' : String(x);
}

/** `lhs` as LP terms, a few per line. */
function terms(entries: readonly [number, string][]): string {
  const parts: string[] = [];
  entries.forEach(([c, v], i) => {
    const sign = c < 0 ? '-' : '+';
    const a = Math.abs(c);
    parts.push(`${i === 0 && sign === '+' ? '' : sign + ' '}${a === 1 ? '' : num(a) + ' '}${v}`);
  });
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 16) lines.push(parts.slice(i, i + 16).join(' '));
  return lines.join('\n   ');
}

/** How far (in 骨干 teachers per school) the spread phase may move away from the balance phase's plan. */
export const SPREAD_BAND = 3;

export type ModelPhase =
  /** Minimise D. */
  | { kind: 'balance' }
  /** 骨干 per school fixed (b_s = backbone[s]); minimise moves, then km. */
  | { kind: 'tidy'; backbone: readonly number[] }
  /** D ≤ maxD and each b_s within SPREAD_BAND of `near`: minimise CV² (× 10⁴), exactly at integer b_s. */
  | { kind: 'spread'; near: readonly number[]; maxD: number }
  /** Any plan at all (diagnosis): minimise moves. */
  | { kind: 'feasible' };

/** The LP text of a phase over a network; `required` movers and the 骨干 share as a decimal; `relax`: without integrality. */
export function exchangeLp(net: ExchangeNetwork, required: number, backboneShare: number, phase: ModelPhase, opts: { relax?: boolean } = {}): string {
  const rows: string[] = [];
  const row = (name: string, entries: [number, string][], sense: '<=' | '>=' | '=', rhs: number) => {
    if (entries.length) rows.push(` ${name}: ${terms(entries)} ${sense} ${num(rhs)}`);
    else if (!(sense === '<=' ? 0 <= rhs : sense === '>=' ? 0 >= rhs : rhs === 0)) rows.push(` ${name}: 0 y_never ${sense} ${num(rhs)}`);
  };
  const { arcs, schools } = net;
  const S = schools.length;

  // Class and pinned-teacher capacities (each teacher at most once).
  const byClass = new Map<number, [number, string][]>();
  const byPinned = new Map<number, [number, string][]>();
  for (const a of arcs) {
    const m = a.cls >= 0 ? byClass : byPinned;
    const k = a.cls >= 0 ? a.cls : a.pinned;
    const e = m.get(k);
    if (e) e.push([1, a.name]);
    else m.set(k, [[1, a.name]]);
  }
  net.classes.forEach((c, k) => {
    const e = byClass.get(k);
    if (e && e.length > 1) row(`c${k}`, e, '<=', c.teachers.length);
  });
  net.pinned.forEach((p, k) => row(`i${k}`, byPinned.get(k) ?? [], p.mustMove ? '=' : '<=', 1));

  // Head count per school × subject.
  const flow = new Map<string, [number, string][]>();
  for (const a of arcs) {
    for (const [s, c] of [
      [a.to, 1],
      [a.from, -1],
    ] as const) {
      const k = `${s}_${a.subject}`;
      const e = flow.get(k) ?? [];
      e.push([c, a.name]);
      flow.set(k, e);
    }
  }
  for (const k of [...flow.keys()].sort()) row(`h${k}`, flow.get(k)!, '=', 0);

  // Rate and 骨干 share.
  row(
    'rate',
    arcs.map((a) => [1, a.name]),
    '>=',
    required,
  );
  const { num: n, den: d } = decimalFraction(backboneShare);
  if (n > 0n) {
    const bb = Number(d - n);
    const nb = -Number(n);
    row(
      'share',
      arcs.map((a) => [a.backbone ? bb : nb, a.name] as [number, string]).filter(([c]) => c !== 0),
      '>=',
      0,
    );
  }

  // 骨干 per school after the moves: b_s.
  const bbIn: [number, string][][] = schools.map(() => []);
  for (const a of arcs) {
    if (!a.backbone) continue;
    bbIn[a.to].push([-1, a.name]);
    bbIn[a.from].push([1, a.name]);
  }
  const totalBackbone = net.backboneBefore.reduce((a, b) => a + b, 0);
  const bounds: string[] = [];
  const generals: string[] = [];
  for (const a of arcs) {
    bounds.push(` 0 <= ${a.name} <= ${a.upper}`);
    generals.push(a.name);
  }
  const objective: [number, string][] = [];
  const dSum: [number, string][] = [];
  if (phase.kind !== 'feasible') {
    for (let s = 0; s < S; s++) {
      if (!bbIn[s].length && phase.kind === 'tidy') continue;
      row(`b${s}`, [[1, `b${s}`], ...bbIn[s]], '=', net.backboneBefore[s]);
      if (phase.kind === 'tidy') {
        bounds.push(` b${s} = ${num(phase.backbone[s])}`);
        continue;
      }
      const lo = phase.kind === 'spread' ? Math.max(0, phase.near[s] - SPREAD_BAND) : 0;
      const hi = phase.kind === 'spread' ? Math.min(totalBackbone, phase.near[s] + SPREAD_BAND) : totalBackbone;
      bounds.push(` ${lo} <= b${s} <= ${hi}`);
      generals.push(`b${s}`);
      // d_s ≥ |b_s − m_s|, with the chord between ⌊m_s⌋ and ⌈m_s⌉ (see the header).
      const m = net.fairShare[s];
      const k = Math.floor(m);
      const f = m - k;
      row(
        `p${s}`,
        [
          [1, `d${s}`],
          [-1, `b${s}`],
        ],
        '>=',
        -m,
      );
      row(
        `n${s}`,
        [
          [1, `d${s}`],
          [1, `b${s}`],
        ],
        '>=',
        m,
      );
      if (f > 1e-9 && f < 1 - 1e-9) {
        const slope = 1 - 2 * f;
        row(
          `q${s}`,
          slope === 0
            ? [[1, `d${s}`]]
            : [
                [1, `d${s}`],
                [-slope, `b${s}`],
              ],
          '>=',
          f - slope * k,
        );
      }
      dSum.push([1, `d${s}`]);
      if (phase.kind === 'spread' && net.schools[s].students > 0 && net.cvScale > 0) {
        // z_s ≥ (b − m_s)² / P_s × cvScale at every integer b of the band: its chords between consecutive integers.
        const P = net.schools[s].students;
        const g = (b: number) => (((b - m) * (b - m)) / P) * net.cvScale;
        for (let b = lo; b < hi; b++) {
          const slope = g(b + 1) - g(b);
          row(
            `z${s}_${b}`,
            [
              [1, `z${s}`],
              [-slope, `b${s}`],
            ],
            '>=',
            g(b) - slope * b,
          );
        }
        if (lo === hi) row(`z${s}_${lo}`, [[1, `z${s}`]], '>=', g(lo));
        objective.push([1, `z${s}`]);
      }
    }
  }
  if (phase.kind === 'balance') objective.push(...dSum);
  if (phase.kind === 'spread') row('dmax', dSum, '<=', phase.maxD);
  if (phase.kind === 'tidy' || phase.kind === 'feasible') {
    // Fewest moves first, then least distance: the km term of all moves together stays below one move.
    let maxKm = 1;
    for (const a of arcs) maxKm = Math.max(maxKm, a.km);
    const w = 1 / (maxKm * (net.eligible + 1));
    for (const a of arcs) objective.push([1 + a.km * w, a.name]);
  }
  if (!objective.length) objective.push([0, arcs[0]?.name ?? 'y_never']);

  return [
    'Minimize',
    ` obj: ${terms(objective.filter(([c]) => c !== 0).length ? objective.filter(([c]) => c !== 0) : objective)}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    ...(generals.length && !opts.relax ? ['Generals', ...chunk(generals)] : []),
    'End',
    '',
  ].join('\n');
}

function chunk(names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 20) out.push(' ' + names.slice(i, i + 20).join(' '));
  return out;
}
