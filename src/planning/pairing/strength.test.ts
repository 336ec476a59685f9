// Strength of junheng-pairing-v1 on a small set worked by hand (the arithmetic beside each expected value).
import { describe, expect, it } from 'vitest';
import { compositeStrength, strengths, zScores, type StrengthInput } from './strength.js';
import { strengthWeights } from './method.js';
import { GROUPS_OF_LEVEL, groupOfGrade, schoolCodeOfSection } from './groups.js';

const v = (value: number) => ({ value, missing: null });
const none = (missing: 'no-data' | 'no-source' | 'too-few' = 'no-data') => ({ value: null, missing });
const ROOT_1_5 = Math.sqrt(1.5); // 1.224744871…

describe('zScores', () => {
  it('uses the population SD', () => {
    // [1, 3]: mean 2, σ = √((1 + 1)/2) = 1 → −1, +1.
    expect(zScores([1, 3])).toEqual([-1, 1]);
    // [1, 0.5, 0.75]: mean 0.75, σ = √((0.0625 + 0.0625 + 0)/3) = √(1/24) = 0.2041…; 0.25/0.2041 = √1.5.
    const z = zScores([1, 0.5, 0.75])!;
    expect(z[0]).toBeCloseTo(ROOT_1_5, 12);
    expect(z[1]).toBeCloseTo(-ROOT_1_5, 12);
    expect(z[2]).toBeCloseTo(0, 12);
  });
  it('says nothing for fewer than two values or no spread', () => {
    expect(zScores([])).toBeNull();
    expect(zScores([0.8])).toBeNull();
    expect(zScores([1, 1, 1])).toBeNull();
    // 0.1 + 0.2 and 0.3 differ only by float noise: no spread either.
    expect(zScores([0.1 + 0.2, 0.3])).toBeNull();
  });
});

describe('compositeStrength', () => {
  it('is the weighted mean of the z-scores the school has', () => {
    // (2·1 + 1·(−0.5)) / (2 + 1) = 1.5 / 3 = 0.5; value-added missing is left out, not taken as 0.
    expect(compositeStrength({ compliance: 1, exam: -0.5, valueAdded: null }, { compliance: 2, exam: 1, valueAdded: 1 })).toBeCloseTo(0.5, 12);
    // A zero weight leaves its component out.
    expect(compositeStrength({ compliance: 1, exam: -0.5, valueAdded: 3 }, { compliance: 1, exam: 1, valueAdded: 0 })).toBeCloseTo(0.25, 12);
    expect(compositeStrength({ compliance: null, exam: null, valueAdded: null }, { compliance: 1, exam: 1, valueAdded: 1 })).toBeNull();
  });
});

describe('strengths', () => {
  // Primary: compliance A 1.0, B 0.5, C 0.75, D none; exam (mean 总分) A 60, B 80, C too few, D 70; no value-added.
  // Junior: E, F, G all meet every indicator (1, 1, 1) → no spread; exam E 50, F 70 → z −1, +1; G has no exam.
  const inputs: StrengthInput[] = [
    { code: 'A', group: 'primary', raw: { compliance: v(1), exam: v(60), valueAdded: none('no-source') } },
    { code: 'B', group: 'primary', raw: { compliance: v(0.5), exam: v(80), valueAdded: none('no-source') } },
    { code: 'C', group: 'primary', raw: { compliance: v(0.75), exam: none('too-few'), valueAdded: none('no-source') } },
    { code: 'D', group: 'primary', raw: { compliance: none(), exam: v(70), valueAdded: none('no-source') } },
    { code: 'E', group: 'junior', raw: { compliance: v(1), exam: v(50), valueAdded: none() } },
    { code: 'F', group: 'junior', raw: { compliance: v(1), exam: v(70), valueAdded: none() } },
    { code: 'G', group: 'junior', raw: { compliance: v(1), exam: none(), valueAdded: none() } },
  ];
  const at = (rs: ReturnType<typeof strengths>, code: string) => rs.find((r) => r.code === code)!;

  it('z-scores each component within the group, and says what is missing', () => {
    const rs = strengths(inputs, { compliance: 1, exam: 1, valueAdded: 1 });
    // Compliance over A, B, C (D has none): mean 0.75, σ = √(1/24) → A +√1.5, B −√1.5, C 0.
    expect(at(rs, 'A').components.compliance.z).toBeCloseTo(ROOT_1_5, 12);
    expect(at(rs, 'B').components.compliance.z).toBeCloseTo(-ROOT_1_5, 12);
    expect(at(rs, 'C').components.compliance.z).toBeCloseTo(0, 12);
    expect(at(rs, 'D').components.compliance).toEqual({ raw: null, z: null, missing: 'no-data' });
    // Exam over A, B, D: 60, 80, 70 → mean 70, σ = √((100 + 100 + 0)/3) = 8.165 → A −√1.5, B +√1.5, D 0.
    expect(at(rs, 'A').components.exam.z).toBeCloseTo(-ROOT_1_5, 12);
    expect(at(rs, 'B').components.exam.z).toBeCloseTo(ROOT_1_5, 12);
    expect(at(rs, 'D').components.exam.z).toBeCloseTo(0, 12);
    expect(at(rs, 'C').components.exam).toEqual({ raw: null, z: null, missing: 'too-few' });
    expect(at(rs, 'A').components.valueAdded.missing).toBe('no-source');
    // Composites with equal weights: A (√1.5 − √1.5)/2 = 0; B 0; C 0 (compliance only); D 0 (exam only).
    for (const c of ['A', 'B', 'C', 'D']) expect(at(rs, c).strength).toBeCloseTo(0, 12);
    // Junior: compliance 1, 1, 1 → no spread (said as such, the raw figure kept); exam E 50, F 70 → −1, +1.
    expect(at(rs, 'E').components.compliance).toEqual({ raw: 1, z: null, missing: 'no-spread' });
    expect(at(rs, 'E').strength).toBeCloseTo(-1, 12);
    expect(at(rs, 'F').strength).toBeCloseTo(1, 12);
    // G has neither: no strength at all — not invented.
    expect(at(rs, 'G').strength).toBeNull();
  });

  it('weights the components as the weights say', () => {
    // Compliance 3, exam 1: A (3·√1.5 + 1·(−√1.5)) / 4 = √1.5/2 = 0.6124; B −√1.5/2.
    const rs = strengths(inputs, { compliance: 3, exam: 1, valueAdded: 1 });
    expect(at(rs, 'A').strength).toBeCloseTo(ROOT_1_5 / 2, 12);
    expect(at(rs, 'B').strength).toBeCloseTo(-ROOT_1_5 / 2, 12);
  });

  it('handles an empty district', () => {
    expect(strengths([], { compliance: 1, exam: 1, valueAdded: 1 })).toEqual([]);
  });
});

describe('method data', () => {
  it('reads the versioned weights', () => {
    const w = strengthWeights();
    expect(w.method).toBe('junheng-pairing-v1');
    expect(w.version).toBeGreaterThanOrEqual(1);
    expect(Object.keys(w.weights).sort()).toEqual(['compliance', 'exam', 'valueAdded']);
  });
  it('puts each level in its groups', () => {
    expect(GROUPS_OF_LEVEL.九年一贯制).toEqual(['primary', 'junior']);
    expect(GROUPS_OF_LEVEL.完全中学).toEqual(['junior']);
    expect(GROUPS_OF_LEVEL.教学点).toEqual(['primary']);
    expect([groupOfGrade(6), groupOfGrade(7), groupOfGrade(9), groupOfGrade(10)]).toEqual(['primary', 'junior', 'junior', null]);
    expect(schoolCodeOfSection('2133000009-P')).toBe('2133000009');
    expect(schoolCodeOfSection('2133000009')).toBe('2133000009');
  });
});
