// A survey's results from additive tallies per school: the district (the sum of every school) and the schools the
// caller may see. Counts (codes, responses, rate, target, margin) are always shown; a unit with fewer than
// minCellSize responses keeps its counts but loses its figures — for everyone, because respondents were promised
// anonymity — and, when only one school would be withheld, the next-smallest school too, so that no withheld school
// can be recovered as district minus the others (cellsToWithhold of src/exams/privacy.ts).
// While a survey is not closed (final = false) every unit keeps its counts only: figures that change with each
// response would let whoever watches them read one respondent's answers as the difference between two looks.
// The district's rates: with a plan, the stratified estimate Σ W_h p̂_h (stratified.ts); without one, the pooled share.
import { cellsToWithhold } from '../../exams/privacy.js';
import type { Estimator, Plan, Question, Rate, RecognitionRule, ResultUnit } from './contract.js';
import { rateOf, sumTallies, type UnitTally } from './recognition.js';
import { marginOf, stratifiedMargin } from './sampling.js';
import { stratifiedRate, type Stratum } from './stratified.js';
import { Z95 } from './wilson.js';

export interface SchoolInput {
  schoolCode: string;
  schoolName: string | null;
  issued: number;
  /** Codes voided before they were used. */
  voided: number;
  tally: UnitTally;
}

export interface ResultsInput {
  questions: readonly Question[];
  rule: Pick<RecognitionRule, 'topOptions' | 'thresholdPercent'>;
  minCellSize: number;
  plan: Plan | null;
  /** Every school with codes, responses or a place in the plan (the district sums them all). */
  schools: readonly SchoolInput[];
  /** The schools the caller may see: 'all' or codes. */
  visible: 'all' | readonly string[];
  /** The survey is closed: figures shown (else counts only). */
  final: boolean;
}

/** responses / valid codes in percent; null without valid codes. */
const responseRate = (responses: number, issued: number, voided: number) => (issued - voided > 0 ? (100 * responses) / (issued - voided) : null);

function unitOf(
  school: string | null,
  schoolName: string | null,
  issued: number,
  voided: number,
  t: UnitTally,
  target: number | null,
  targetMet: boolean | null,
  margin: number | null,
  suppressed: boolean,
  questions: readonly Question[],
  threshold: number,
  final: boolean,
  weighted?: { overall: Rate; dimensions: Map<string, Rate> },
): ResultUnit {
  const dims = [...t.dimensions.entries()];
  const hide = suppressed || !final;
  return {
    school,
    schoolName,
    codesIssued: issued,
    codesVoided: voided,
    responses: t.responses,
    responseRate: responseRate(t.responses, issued, voided),
    target,
    targetMet,
    marginPercent: margin === null ? null : margin * 100,
    suppressed,
    overall: hide ? null : (weighted?.overall ?? rateOf(t.overall, threshold)),
    dimensions: hide ? null : dims.map(([dimension, r]) => ({ dimension: dimension, rate: weighted?.dimensions.get(dimension) ?? rateOf(r, threshold) })),
    questions: hide ? null : questions.map((q) => ({ questionId: q.id, answered: t.questions.get(q.id)!.answered, counts: { ...t.questions.get(q.id)!.counts } })),
  };
}

/** The district's rates under the plan (stratified by school), overall and per dimension; null without a plan. */
function weightedDistrict(input: ResultsInput, district: UnitTally): { overall: Rate; dimensions: Map<string, Rate>; leftOut: string[] } | null {
  const plan = input.plan;
  if (!plan) return null;
  const byCode = new Map(input.schools.map((s) => [s.schoolCode, s.tally]));
  const planned = plan.schools.filter((s) => s.population > 0);
  const strata = (pick: (t: UnitTally) => { recognising: number; answered: number; respondents: number } | undefined): Stratum[] =>
    planned.map((p) => {
      const t = byCode.get(p.schoolCode);
      const r = t ? pick(t) : undefined;
      return { schoolCode: p.schoolCode, population: p.population, recognising: r?.recognising ?? 0, answered: r?.answered ?? 0, respondents: r?.respondents ?? 0 };
    });
  const T = input.rule.thresholdPercent;
  const overall = stratifiedRate(
    strata((t) => t.overall),
    district.overall,
    T,
    Z95,
  );
  const dimensions = new Map<string, Rate>();
  for (const [d, total] of district.dimensions)
    dimensions.set(
      d,
      stratifiedRate(
        strata((t) => t.dimensions.get(d)),
        total,
        T,
        Z95,
      ).rate,
    );
  // Schools with answers that the plan does not weigh (not in it, or population 0) are left out as well.
  const inPlan = new Set(planned.map((p) => p.schoolCode));
  const outside = input.schools.filter((s) => !inPlan.has(s.schoolCode) && s.tally.overall.answered > 0).map((s) => s.schoolCode);
  return { overall: overall.rate, dimensions, leftOut: [...overall.leftOut, ...outside].sort() };
}

export function computeResults(input: ResultsInput): { units: ResultUnit[]; estimator: Estimator } {
  const { questions, rule, minCellSize, plan } = input;
  const schools = [...input.schools].sort((a, b) => a.schoolCode.localeCompare(b.schoolCode));
  const planOf = new Map((plan?.schools ?? []).map((s) => [s.schoolCode, s]));
  const z = plan?.z ?? Z95;
  const withheld = cellsToWithhold(
    schools.map((s) => ({ n: s.tally.responses, open: false })),
    minCellSize,
  );
  const district = sumTallies(
    questions,
    schools.map((s) => s.tally),
  );
  const responsesOf = new Map(schools.map((s) => [s.schoolCode, s.tally.responses]));
  const planned = plan?.schools.filter((s) => s.population > 0) ?? [];
  const districtMet = plan && planned.length ? planned.every((s) => (responsesOf.get(s.schoolCode) ?? 0) >= s.sampleSize) : null;
  const districtMargin = plan
    ? stratifiedMargin(
        z,
        planned.map((s) => ({ N: s.population, n: responsesOf.get(s.schoolCode) ?? 0 })),
      )
    : null;
  const districtSmall = district.responses > 0 && district.responses < minCellSize;
  const weighted = weightedDistrict(input, district);
  const units: ResultUnit[] = [
    unitOf(
      null,
      null,
      schools.reduce((a, s) => a + s.issued, 0),
      schools.reduce((a, s) => a + s.voided, 0),
      district,
      plan ? plan.district.sampleSize : null,
      districtMet,
      districtMargin,
      districtSmall,
      questions,
      rule.thresholdPercent,
      input.final,
      weighted ?? undefined,
    ),
  ];
  schools.forEach((s, i) => {
    if (input.visible !== 'all' && !input.visible.includes(s.schoolCode)) return;
    const p = planOf.get(s.schoolCode);
    const target = p ? p.sampleSize : null;
    units.push(
      unitOf(
        s.schoolCode,
        s.schoolName,
        s.issued,
        s.voided,
        s.tally,
        target,
        target === null ? null : s.tally.responses >= target,
        p ? marginOf(z, s.tally.responses, p.population) : null,
        withheld.has(i),
        questions,
        rule.thresholdPercent,
        input.final,
      ),
    );
  });
  return { units, estimator: weighted ? { method: 'stratified', leftOut: weighted.leftOut } : { method: 'pooled', leftOut: [] } };
}
