// 社会认可度 (rule social-recognition, recognition.json): an answer to a counted scale question recognises when it is
// among the first `topOptions` options (非常满意, 满意); the rate = recognising answers / answered counted answers;
// the gate is met when 100·recognising ≥ threshold·answered (integers: a rate exactly at 85 % meets it).
// Responses are reduced to additive tallies (counts only) per school; the district's is the sum of its schools'.
import type { Dimension, Question, Rate, RecognitionRule } from './contract.js';
import { wilson } from './wilson.js';

export interface RateTally {
  recognising: number;
  answered: number;
  /** Responses with at least one answer in this group: the n of the interval. */
  respondents: number;
}

export interface UnitTally {
  responses: number;
  overall: RateTally;
  dimensions: Map<Dimension, RateTally>;
  /** Per question: answered, and the count of each option value (every option present, 0 when never chosen). */
  questions: Map<string, { answered: number; counts: Record<string, number> }>;
}

const zero = (): RateTally => ({ recognising: 0, answered: 0, respondents: 0 });

export function emptyTally(questions: readonly Question[]): UnitTally {
  const dimensions = new Map<Dimension, RateTally>();
  for (const q of questions) if (q.counts && !dimensions.has(q.dimension)) dimensions.set(q.dimension, zero());
  return {
    responses: 0,
    overall: zero(),
    dimensions,
    questions: new Map(questions.map((q) => [q.id, { answered: 0, counts: Object.fromEntries(q.options.map((o) => [o.value, 0])) }])),
  };
}

/** Does this answer to a counted question recognise? (null: the question does not count, or the value is no option.) */
export function recognises(q: Question, value: string, rule: Pick<RecognitionRule, 'topOptions'>): boolean | null {
  if (!q.counts || q.type !== 'scale') return null;
  const k = q.options.findIndex((o) => o.value === value);
  return k < 0 ? null : k < rule.topOptions;
}

/** Adds one response (already validated) to a tally. */
export function addResponse(t: UnitTally, questions: readonly Question[], answers: Readonly<Record<string, string>>, rule: Pick<RecognitionRule, 'topOptions'>): void {
  t.responses++;
  const touched = new Set<Dimension>();
  let any = false;
  for (const q of questions) {
    const v = answers[q.id];
    if (v === undefined) continue;
    const cell = t.questions.get(q.id)!;
    if (!(v in cell.counts)) continue;
    cell.answered++;
    cell.counts[v]++;
    const r = recognises(q, v, rule);
    if (r === null) continue;
    const d = t.dimensions.get(q.dimension)!;
    d.answered++;
    t.overall.answered++;
    if (r) {
      d.recognising++;
      t.overall.recognising++;
    }
    touched.add(q.dimension);
    any = true;
  }
  for (const d of touched) t.dimensions.get(d)!.respondents++;
  if (any) t.overall.respondents++;
}

export function tallyResponses(questions: readonly Question[], responses: readonly Readonly<Record<string, string>>[], rule: Pick<RecognitionRule, 'topOptions'>): UnitTally {
  const t = emptyTally(questions);
  for (const a of responses) addResponse(t, questions, a, rule);
  return t;
}

/** The sum of tallies of the same questionnaire (schools → district). */
export function sumTallies(questions: readonly Question[], parts: readonly UnitTally[]): UnitTally {
  const t = emptyTally(questions);
  const add = (a: RateTally, b: RateTally) => {
    a.recognising += b.recognising;
    a.answered += b.answered;
    a.respondents += b.respondents;
  };
  for (const p of parts) {
    t.responses += p.responses;
    add(t.overall, p.overall);
    for (const [d, r] of p.dimensions) add(t.dimensions.get(d)!, r);
    for (const [id, q] of p.questions) {
      const c = t.questions.get(id)!;
      c.answered += q.answered;
      for (const [v, n] of Object.entries(q.counts)) c.counts[v] += n;
    }
  }
  return t;
}

/** 100·recognising ≥ threshold·answered, in integers; null when nothing was answered. */
export function meetsGate(recognising: number, answered: number, thresholdPercent: number): boolean | null {
  if (answered <= 0) return null;
  return 100 * recognising >= thresholdPercent * answered;
}

/**
 * A tally as a rate in percent with its 95 % Wilson interval. The interval's n is the respondents, not the answers:
 * one person's answers to several questions are not independent, so counting each answer as a trial would make the
 * interval too narrow; using the respondents is the conservative bound (design effect = questions per respondent).
 */
export function rateOf(t: RateTally, thresholdPercent: number): Rate {
  if (t.answered <= 0) return { ...t, rate: null, low: null, high: null, meetsGate: null };
  const p = t.recognising / t.answered;
  const ci = wilson(p, t.respondents);
  return { ...t, rate: p * 100, low: ci ? ci.low * 100 : null, high: ci ? ci.high * 100 : null, meetsGate: meetsGate(t.recognising, t.answered, thresholdPercent) };
}
