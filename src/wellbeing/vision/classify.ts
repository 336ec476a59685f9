// One pupil's screening result by the rule (WS/T 663—2020 筛查性近视): an eye meets it when its uncorrected distance
// acuity is below 5.0 and its non-cycloplegic SE is ≤ −0.50 D (< when the rule's seInclusive is false); an eye without
// SE is judged on acuity alone. The pupil is a myope when either eye meets it. The basis says what the result rests
// on: a myope is 'acuity+se' when an eye that meets the rule has its SE (the SE confirms it, whatever the other eye
// lacks) and 'acuity-only' when only eyes without SE meet it (reduced acuity of another cause may then be counted as
// myopia); a pupil who is no myope is 'acuity+se' when every eye with an acuity has its SE, else 'acuity-only'; open
// (null) when neither eye has an acuity. Integers only.
import type { Thresholds } from './rule.js';

export interface EyeReading {
  /** Uncorrected distance acuity, 5-point record in tenths (49 = 4.9); null when not measured. */
  ucvaTenths: number | null;
  /** Spherical equivalent in thousandths of a dioptre (−500 = −0.50 D); null when not measured. */
  seMilli: number | null;
}

export type Basis = 'acuity+se' | 'acuity-only';

export interface Classified {
  /** 筛查性近视; null when neither eye has an acuity. */
  myopia: boolean | null;
  basis: Basis | null;
  /** 视力不良: UCVA < 5.0 in either eye; null when neither eye has an acuity. */
  reduced: boolean | null;
}

export function classifyPupil(th: Thresholds, right: EyeReading, left: EyeReading): Classified {
  const eyes = [right, left].filter((e): e is { ucvaTenths: number; seMilli: number | null } => e.ucvaTenths !== null);
  if (eyes.length === 0) return { myopia: null, basis: null, reduced: null };
  const reducedEye = (e: { ucvaTenths: number }) => e.ucvaTenths < th.ucvaBelowTenths;
  const seMeets = (se: number) => (th.seInclusive ? se <= th.seMilli : se < th.seMilli);
  const meets = (e: { ucvaTenths: number; seMilli: number | null }) => reducedEye(e) && (e.seMilli === null || seMeets(e.seMilli));
  const meeting = eyes.filter(meets);
  const confirmed = meeting.length > 0 ? meeting.some((e) => e.seMilli !== null) : eyes.every((e) => e.seMilli !== null);
  return {
    myopia: meeting.length > 0,
    basis: confirmed ? 'acuity+se' : 'acuity-only',
    reduced: eyes.some(reducedEye),
  };
}
