// Pure parts of the satisfaction surveys: sample sizes (Cochran), Wilson intervals, recognition in integers, the district
// rate stratified by the plan, scrypt code hashes, the wrong-code address (IPv6 /64), the #code= link, the
// access-code format, questionnaire and answer checks, small-cell withholding. Expected numbers by hand (arithmetic in
// the comments) or from scipy (python3: scipy.stats.binomtest(k, n).proportion_ci(method='wilson')).
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_HASH, canonicalCode, codeHash, codeHashAsync, codeHashes, newCode, newCodes } from '../../src/wellbeing/surveys/codes.js';
import { rateKey } from '../../src/wellbeing/surveys/address.js';
import { stratifiedMeetsGate, stratifiedRate } from '../../src/wellbeing/surveys/stratified.js';

import { codesToIssue, computePlan, marginOf, n0Of, sampleSize, stratifiedMargin, zOf } from '../../src/wellbeing/surveys/sampling.js';
import { wilson, Z95 } from '../../src/wellbeing/surveys/wilson.js';
import { meetsGate, rateOf, tallyResponses } from '../../src/wellbeing/surveys/recognition.js';
import { answerProblems, normaliseQuestions } from '../../src/wellbeing/surveys/questionnaire.js';
import { computeResults } from '../../src/wellbeing/surveys/results.js';
import { RULE, TEMPLATES } from '../../src/wellbeing/surveys/data.js';
import { codeOfLink, DEFAULT_SCALE, QuestionSchema, type Question } from '../../src/wellbeing/surveys/contract.js';

describe('sample size (sampling-v1, Cochran 1977)', () => {
  it('z of the confidence levels', () => {
    expect([zOf(90), zOf(95), zOf(99)]).toEqual([1.645, 1.96, 2.576]);
  });

  it('N = 400, e = 5 %, 95 %: n₀ = 1.96² × 0.25 / 0.05² = 384.16 → n = ⌈384.16 / (1 + 383.16/400)⌉ = ⌈196.21⌉ = 197', () => {
    const n0 = n0Of(1.96, 0.05);
    expect(n0).toBeCloseTo(384.16, 10);
    expect(sampleSize(n0, 400)).toBe(197);
  });

  it('more populations by hand', () => {
    // N = 10 000: 384.16 / (1 + 383.16/10 000) = 384.16 / 1.038316 = 369.98 → 370
    expect(sampleSize(n0Of(1.96, 0.05), 10_000)).toBe(370);
    // e = 3 %: n₀ = 3.8416 × 0.25 / 0.0009 = 1067.11; N = 1000: 1067.11 / (1 + 1066.11/1000) = 1067.11 / 2.06611 = 516.48 → 517
    expect(sampleSize(n0Of(1.96, 0.03), 1000)).toBe(517);
    // 90 %: n₀ = 1.645² × 25 = 270.6025; N = 500: 270.6025 / (1 + 269.6025/500) = 270.6025 / 1.539205 = 175.81 → 176
    expect(sampleSize(n0Of(1.645, 0.05), 500)).toBe(176);
    // edges: no population → 0; one member → 1 (n₀ / (1 + n₀ − 1) = 1); never above N
    expect(sampleSize(384.16, 0)).toBe(0);
    expect(sampleSize(384.16, 1)).toBe(1);
    expect(sampleSize(384.16, 30)).toBeLessThanOrEqual(30);
    // N = 30: 384.16 / (1 + 383.16/30) = 384.16 / 13.772 = 27.89 → 28
    expect(sampleSize(384.16, 30)).toBe(28);
  });

  it('codes to issue: ⌈n / rate⌉, capped at N (then a census)', () => {
    // 197 / 0.6 = 328.33 → 329 codes, ⌊329 × 0.6⌋ = ⌊197.4⌋ = 197 expected
    expect(codesToIssue(197, 400, 60)).toEqual({ codes: 329, census: false, expected: 197 });
    // 197 / 0.4 = 492.5 → 493 > 400: every member gets one; ⌊400 × 0.4⌋ = 160 expected (short of 197)
    expect(codesToIssue(197, 400, 40)).toEqual({ codes: 400, census: true, expected: 160 });
    // exact division: 21 / 0.7 = 30 (no float step to 31)
    expect(codesToIssue(21, 100, 70)).toEqual({ codes: 30, census: false, expected: 21 });
    // rate 100 %: codes = n
    expect(codesToIssue(197, 400, 100)).toEqual({ codes: 197, census: false, expected: 197 });
    expect(codesToIssue(0, 0, 100)).toEqual({ codes: 0, census: false, expected: 0 });
  });

  it('margins: per school with the finite population correction, district stratified', () => {
    // 1.96 × √(0.25/197 × 203/399) = 4.9803 % (python)
    expect(marginOf(1.96, 197, 400)! * 100).toBeCloseTo(4.980288869995846, 9);
    expect(marginOf(1.96, 400, 400)).toBe(0); // a census
    expect(marginOf(1.96, 0, 400)).toBeNull();
    // W = (0.8, 0.2): 1.96 × √(0.64 × 0.25/197 × 203/399 + 0.04 × 0.25/80 × 20/99) = 4.1042 % (python)
    expect(
      stratifiedMargin(1.96, [
        { N: 400, n: 197 },
        { N: 100, n: 80 },
      ])! * 100,
    ).toBeCloseTo(4.104168422032397, 9);
    expect(
      stratifiedMargin(1.96, [
        { N: 400, n: 197 },
        { N: 100, n: 0 },
      ]),
    ).toBeNull(); // a stratum without answers
  });

  it('a plan names its method and sums the district', () => {
    const p = computePlan({
      confidencePercent: 95,
      marginPercent: 5,
      responseRatePercent: 100,
      populationYear: 2024,
      schools: [
        { schoolCode: 'A', schoolName: 'a', population: 400, populationSource: 'registry' },
        { schoolCode: 'B', schoolName: 'b', population: 0, populationSource: 'typed' },
      ],
    });
    expect(p.method.id).toBe('sampling-v1');
    expect(p.method.version).toBe(1);
    expect(p.schools.map((s) => s.sampleSize)).toEqual([197, 0]);
    expect(p.district).toMatchObject({ population: 400, sampleSize: 197, codesToIssue: 197 });
    expect(p.district.marginPercent).toBeCloseTo(4.980288869995846, 9); // one stratum with members: W = 1
  });
});

describe('Wilson interval (95 %)', () => {
  it('matches scipy (binomtest(k, n).proportion_ci(method="wilson"))', () => {
    const cases: [number, number, number, number][] = [
      [85, 100, 76.71644040916763, 90.69401471634337],
      [9, 10, 59.58499732047615, 98.21237869049271],
      [0, 10, 0, 27.753279986288927],
      [10, 10, 72.24672001371108, 100],
      [180, 200, 85.05941875672825, 93.43295513309042],
    ];
    for (const [k, n, lo, hi] of cases) {
      const ci = wilson(k / n, n, Z95)!;
      expect(ci.low * 100).toBeCloseTo(lo, 9);
      expect(ci.high * 100).toBeCloseTo(hi, 9);
    }
    expect(wilson(0.5, 0)).toBeNull();
  });
});

describe('recognition (social-recognition v1)', () => {
  it('the rule as data', () => {
    expect(RULE).toMatchObject({ id: 'social-recognition', version: 1, topOptions: 2, thresholdPercent: 85 });
  });

  it('the gate in integers: exactly 85 % meets it, one answer less does not', () => {
    expect(meetsGate(85, 100, 85)).toBe(true); // 8500 ≥ 8500
    expect(meetsGate(84, 100, 85)).toBe(false); // 8400 < 8500
    expect(meetsGate(17, 20, 85)).toBe(true); // 1700 ≥ 1700
    // 6 of 7: 600 ≥ 595; 5 of 7: 500 < 595
    expect(meetsGate(6, 7, 85)).toBe(true);
    expect(meetsGate(5, 7, 85)).toBe(false);
    expect(meetsGate(0, 0, 85)).toBeNull();
  });

  it('tallies: top two options recognise; choice and uncounted questions do not count; respondents are the n', () => {
    const qs: Question[] = normaliseQuestions(
      [
        QuestionSchema.parse({
          id: 'stage',
          text: { zh: '学段' },
          type: 'choice',
          options: [
            { value: 'p', label: { zh: '小学' } },
            { value: 'j', label: { zh: '初中' } },
          ],
          dimension: 'background',
        }),
        QuestionSchema.parse({ id: 'q1', text: { zh: '质量' }, type: 'scale', dimension: 'quality', counts: true }),
        QuestionSchema.parse({ id: 'q2', text: { zh: '负担' }, type: 'scale', dimension: 'burden', counts: true, required: false }),
        QuestionSchema.parse({ id: 'q3', text: { zh: '不计' }, type: 'scale', dimension: 'quality' }),
      ],
      RULE,
    ).questions;
    const t = tallyResponses(
      qs,
      [
        { stage: 'p', q1: 'very-satisfied', q2: 'satisfied', q3: 'very-dissatisfied' }, // 2 recognising of 2
        { stage: 'j', q1: 'neutral', q3: 'very-satisfied' }, // 0 of 1 (q2 skipped; q3 does not count)
        { stage: 'p', q1: 'satisfied', q2: 'very-dissatisfied' }, // 1 of 2
      ],
      RULE,
    );
    expect(t.responses).toBe(3);
    expect(t.overall).toEqual({ recognising: 3, answered: 5, respondents: 3 });
    expect(t.dimensions.get('quality')).toEqual({ recognising: 2, answered: 3, respondents: 3 });
    expect(t.dimensions.get('burden')).toEqual({ recognising: 1, answered: 2, respondents: 2 });
    expect(t.questions.get('stage')).toEqual({ answered: 3, counts: { p: 2, j: 1 } });
    expect(t.questions.get('q2')!.counts).toEqual({ 'very-satisfied': 0, satisfied: 1, neutral: 0, dissatisfied: 0, 'very-dissatisfied': 1 });
    // rate 3/5 = 60 %, Wilson with n = 3 respondents at p̂ = 0.6
    const r = rateOf(t.overall, 85);
    expect(r.rate).toBeCloseTo(60, 12);
    expect(r.meetsGate).toBe(false);
    const ci = wilson(0.6, 3)!;
    expect(r.low).toBeCloseTo(ci.low * 100, 12);
  });
});

describe('access codes', () => {
  it('10 characters of the unambiguous alphabet, written XXXXX-XXXXX', () => {
    expect(CODE_ALPHABET).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    for (const c of newCodes(200)) {
      expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$/);
    }
    expect(new Set(newCodes(500)).size).toBe(500);
    // the draw uses the random source for each of the 10 characters: index 0 → '2', index 30 → 'Z'
    expect(newCode(() => 0)).toBe('22222-22222');
    expect(newCode(() => 30)).toBe('ZZZZZ-ZZZZZ');
  });

  it('typed codes: case and separators forgiven, look-alikes refused', () => {
    expect(canonicalCode('abcde-fghjk')).toBe('ABCDEFGHJK');
    expect(canonicalCode(' ABCDE FGHJK ')).toBe('ABCDEFGHJK');
    expect(canonicalCode('ABCDE-FGHJ')).toBeNull(); // 9 characters
    expect(canonicalCode('ABCDE-FGHJ0')).toBeNull(); // 0 is not in the alphabet
    expect(canonicalCode('OBCDE-FGHJK')).toBeNull();
    expect(codeHash('ABCDEFGHJK')).toBe(codeHash(canonicalCode('abcde-fghjk')!));
  });

  it('stored as scrypt (N = 2¹⁴, r = 8, p = 1, the application salt), not SHA-256', async () => {
    // python: hashlib.scrypt(b'ABCDEFGHJK', salt=b'junheng/surveys/access-code/v1', n=2**14, r=8, p=1, dklen=32).hex()
    const want = 'b6e667c83928ca97a4bc44ec551daed1ce3ddc68c96cac33b6b7ee106d69577e';
    expect(codeHash('ABCDEFGHJK')).toBe(want);
    expect(await codeHashAsync('ABCDEFGHJK')).toBe(want);
    // python: hashlib.sha256(b'ABCDEFGHJK').hexdigest() — what was stored before
    expect(codeHash('ABCDEFGHJK')).not.toBe('f57cbf1e3e471b25db4b8ad0844df41b2dae9c7d1944944d128e49294d412f66');
    expect(CODE_HASH).toMatchObject({ N: 16384, r: 8, p: 1 });
    const many = await codeHashes(['ABCDEFGHJK', '22222ZZZZZ', 'ABCDEFGHJK']);
    expect(many[0]).toBe(want);
    expect(many[2]).toBe(want);
    expect(many[1]).not.toBe(want);
  });

  it('the answer page takes a code from #code= only, never from ?code= (query strings reach proxy logs)', () => {
    expect(codeOfLink({ hash: '#code=ABCDE-FGHJK', search: '' })).toBe('ABCDE-FGHJK');
    expect(codeOfLink({ hash: '#code=%20abcde-fghjk', search: '' })).toBe('abcde-fghjk');
    expect(codeOfLink({ hash: '', search: '?code=ABCDE-FGHJK' })).toBeNull(); // an older ?code= link: ignored
    expect(codeOfLink({ hash: '#code=ABCDE-FGHJK', search: '?code=22222-22222' })).toBe('ABCDE-FGHJK');
    expect(codeOfLink({ hash: '#code=%20', search: '' })).toBeNull();
    expect(codeOfLink({ hash: '#other=1', search: '' })).toBeNull();
  });
});

describe('wrong-code limit: the address counted', () => {
  it('IPv4 alone; IPv6 by its /64; IPv4-mapped IPv6 as its IPv4', () => {
    expect(rateKey('198.51.100.7')).toBe('198.51.100.7');
    expect(rateKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:0db8:0001:0002:ffff:eeee:dddd:cccc')).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:db8:1:3::a')).toBe('2001:db8:1:3::/64');
    expect(rateKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateKey('::1')).toBe('0:0:0:0::/64');
    expect(rateKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(rateKey('::ffff:192.0.2.33')).toBe('192.0.2.33');
    expect(rateKey('::ffff:c000:221')).toBe('192.0.2.33'); // 0xc0 0x00 0x02 0x21 = 192.0.2.33
    expect(rateKey('2001:db8:1:2:3:4:1.2.3.4')).toBe('2001:db8:1:2::/64');
    expect(rateKey('not an address')).toBe('not an address');
  });
});

describe('questionnaires and answers', () => {
  it('the ready templates are valid, have no free text, and count scale questions only', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['parents', 'students', 'teachers']);
    for (const t of TEMPLATES) {
      expect(t.questions.some((q) => q.counts)).toBe(true);
      for (const q of t.questions) {
        expect(['scale', 'choice']).toContain(q.type);
        if (q.counts) expect(q.type).toBe('scale');
      }
      for (const d of ['overall', 'fairness', 'quality', 'burden']) expect(t.questions.some((q) => q.dimension === d && q.counts)).toBe(true);
    }
    // a scale without options gets the five default options, best first
    const parents = TEMPLATES[0];
    expect(parents.questions.find((q) => q.id === 'overall')!.options.map((o) => o.label.zh)).toEqual(['非常满意', '满意', '一般', '不满意', '非常不满意']);
    expect(DEFAULT_SCALE).toHaveLength(5);
  });

  it('names every problem of a questionnaire', () => {
    const { problems } = normaliseQuestions(
      [
        QuestionSchema.parse({ id: 'a', text: { zh: 'A' }, type: 'choice', options: [{ value: 'x', label: { zh: 'X' } }], dimension: 'overall', counts: true }),
        QuestionSchema.parse({
          id: 'a',
          text: { zh: 'B' },
          type: 'scale',
          options: [
            { value: 'y', label: { zh: 'Y' } },
            { value: 'y', label: { zh: 'Y2' } },
          ],
          dimension: 'quality',
          counts: true,
        }),
      ],
      RULE,
    );
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['questions.0.options', 'questions.0.counts', 'questions.1.id', 'questions.1.options', 'questions.1.options.1.value']));
    expect(problems.find((p) => p.field === 'questions.1.id')!.reason).toContain('第 2 题（a）');
  });

  it('names the question of a bad answer: unknown option, missing required, unknown question', () => {
    const qs = TEMPLATES[0].questions;
    const full = Object.fromEntries(qs.map((q) => [q.id, q.options[0].value]));
    expect(answerProblems(qs, full)).toEqual([]);
    const { overall: _omit, ...missing } = full;
    expect(answerProblems(qs, missing).map((p) => p.field)).toEqual(['overall']);
    expect(answerProblems(qs, { ...full, quality: 'great' })[0]).toMatchObject({ field: 'quality' });
    expect(answerProblems(qs, { ...full, quality: 'great' })[0].reason).toContain('“great”');
    expect(answerProblems(qs, { ...full, name: 'x' })[0]).toMatchObject({ field: 'name' });
  });
});

describe('results: small cells withheld for everyone', () => {
  const qs = TEMPLATES[0].questions;
  const answers = (v: string) => Object.fromEntries(qs.map((q) => [q.id, q.type === 'scale' ? v : q.options[0].value]));
  const tally = (n: number) =>
    tallyResponses(
      qs,
      Array.from({ length: n }, () => answers('satisfied')),
      RULE,
    );
  it('one small school withholds the next-smallest too; the district sums all', () => {
    const { units } = computeResults({
      questions: qs,
      rule: RULE,
      minCellSize: 10,
      plan: null,
      schools: [
        { schoolCode: 'A', schoolName: 'a', issued: 20, voided: 0, tally: tally(15) },
        { schoolCode: 'B', schoolName: 'b', issued: 20, voided: 2, tally: tally(9) },
        { schoolCode: 'C', schoolName: 'c', issued: 30, voided: 0, tally: tally(12) },
      ],
      visible: 'all',
      final: true,
    });
    expect(units.map((u) => [u.school, u.responses, u.suppressed])).toEqual([
      [null, 36, false],
      ['A', 15, false],
      ['B', 9, true], // 9 < 10
      ['C', 12, true], // the complementary cell: A − … would reveal B otherwise
    ]);
    const b = units[2];
    expect(b.overall).toBeNull();
    expect(b.questions).toBeNull();
    // counts stay: 9 of 18 valid codes = 50 %
    expect(b.responseRate).toBe(50);
    // district: 36 responses, all recognising; 14 counted questions each
    expect(units[0].overall).toMatchObject({ recognising: 36 * 14, answered: 36 * 14, respondents: 36, rate: 100, meetsGate: true });
  });

  it('a clerk sees the district and the own school only', () => {
    const { units } = computeResults({
      questions: qs,
      rule: RULE,
      minCellSize: 10,
      plan: null,
      schools: [
        { schoolCode: 'A', schoolName: 'a', issued: 20, voided: 0, tally: tally(15) },
        { schoolCode: 'B', schoolName: 'b', issued: 20, voided: 0, tally: tally(11) },
      ],
      visible: ['A'],
      final: true,
    });
    expect(units.map((u) => u.school)).toEqual([null, 'A']);
    expect(units[0].responses).toBe(26);
  });
});

describe('results while the survey is open: counts only', () => {
  it('no rates, dimensions or option counts for any unit; the counts stay', () => {
    const qs = TEMPLATES[0].questions;
    const one = Object.fromEntries(qs.map((q) => [q.id, q.type === 'scale' ? 'satisfied' : q.options[0].value]));
    const tally = (n: number) =>
      tallyResponses(
        qs,
        Array.from({ length: n }, () => one),
        RULE,
      );
    const { units } = computeResults({
      questions: qs,
      rule: RULE,
      minCellSize: 10,
      plan: null,
      schools: [
        { schoolCode: 'A', schoolName: 'a', issued: 40, voided: 0, tally: tally(30) },
        { schoolCode: 'B', schoolName: 'b', issued: 20, voided: 0, tally: tally(12) },
      ],
      visible: 'all',
      final: false,
    });
    expect(units.map((u) => [u.school, u.codesIssued, u.responses, u.responseRate])).toEqual([
      [null, 60, 42, 70], // 42 / 60
      ['A', 40, 30, 75], // 30 / 40
      ['B', 20, 12, 60], // 12 / 20
    ]);
    for (const u of units) expect([u.overall, u.dimensions, u.questions]).toEqual([null, null, null]);
  });
});

describe('the district rate under the sampling plan (stratified by school)', () => {
  // The reviewer's example: school A N = 3000, 340 answers, 272 recognise (80 %); five schools N = 100, 80 answers,
  // 76 recognise (95 %); one counted answer per respondent. Pooled: (272 + 5·76) / (340 + 5·80) = 652/740 = 88.11 %
  // (would pass); weighted: (3000·0.8 + 500·0.95) / 3500 = 2875/3500 = 23/28 = 82.1429 % (fails). Interval (python):
  // v = Σ W_h² p̂_h q̂_h / n_h · (N_h − n_h)/(N_h − 1); 82.1429 ± 1.96·√v = 78.70790 – 85.57781.
  const strata = [
    { schoolCode: 'A', population: 3000, recognising: 272, answered: 340, respondents: 340 },
    ...[1, 2, 3, 4, 5].map((i) => ({ schoolCode: `S${i}`, population: 100, recognising: 76, answered: 80, respondents: 80 })),
  ];
  const totals = { recognising: 652, answered: 740, respondents: 740 };
  it('Σ W_h p̂_h, its stratified interval and the gate', () => {
    const { rate, leftOut } = stratifiedRate(strata, totals, 85, Z95);
    expect(rate.rate).toBeCloseTo((100 * 23) / 28, 10);
    expect(rate.low).toBeCloseTo(78.70790391906851, 8);
    expect(rate.high).toBeCloseTo(85.57781036664576, 8);
    expect(rate.meetsGate).toBe(false); // 82.1 % < 85 %, though the pooled 88.1 % would pass
    expect(rate).toMatchObject(totals); // the counts stay the totals
    expect(leftOut).toEqual([]);
  });
  it('the gate exactly at 85 % meets it (fractions, no float drift)', () => {
    // A N = 200, 32 of 40 (80 %); B N = 200, 9 of 10 (90 %): ½·0.8 + ½·0.9 = 17/20 = 85 % exactly (pooled 41/50 = 82 %)
    const at = [
      { population: 200, recognising: 32, answered: 40 },
      { population: 200, recognising: 9, answered: 10 },
    ];
    expect(stratifiedMeetsGate(at, 85)).toBe(true);
    expect(stratifiedMeetsGate(at, 86)).toBe(false);
    // one recognising answer less at B: ½·0.8 + ½·0.8 = 80 %
    expect(stratifiedMeetsGate([at[0], { ...at[1], recognising: 8 }], 85)).toBe(false);
    expect(stratifiedMeetsGate([], 85)).toBeNull();
  });
  it('a planned school without answers is left out and the weights taken over the others', () => {
    const { rate, leftOut } = stratifiedRate([...strata.slice(0, 2), { schoolCode: 'Z', population: 500, recognising: 0, answered: 0, respondents: 0 }], totals, 85, Z95);
    // (3000·0.8 + 100·0.95) / 3100 = 2495/3100 = 80.4839 %
    expect(rate.rate).toBeCloseTo((100 * 2495) / 3100, 10);
    expect(leftOut).toEqual(['Z']);
  });
  it('computeResults: with a plan the district is weighted; without one it is pooled', () => {
    const q: Question = { id: 'overall', text: { zh: '总体', en: '' }, type: 'scale', dimension: 'overall', counts: true, required: true, options: DEFAULT_SCALE };
    const tally = (yes: number, no: number) =>
      tallyResponses([q], [...Array.from({ length: yes }, () => ({ overall: 'satisfied' })), ...Array.from({ length: no }, () => ({ overall: 'neutral' }))], RULE);
    const schools = strata.map((s) => ({ schoolCode: s.schoolCode, schoolName: s.schoolCode, issued: s.answered, voided: 0, tally: tally(s.recognising, s.answered - s.recognising) }));
    const plan = computePlan({
      confidencePercent: 95,
      marginPercent: 5,
      responseRatePercent: 100,
      populationYear: 2024,
      schools: strata.map((s) => ({ schoolCode: s.schoolCode, schoolName: s.schoolCode, population: s.population, populationSource: 'typed' as const })),
    });
    const weighted = computeResults({ questions: [q], rule: RULE, minCellSize: 10, plan, schools, visible: 'all', final: true });
    expect(weighted.estimator).toEqual({ method: 'stratified', leftOut: [] });
    expect(weighted.units[0].overall!.rate).toBeCloseTo((100 * 23) / 28, 10);
    expect(weighted.units[0].overall!.meetsGate).toBe(false);
    expect(weighted.units[0].dimensions![0].rate.rate).toBeCloseTo((100 * 23) / 28, 10);
    // schools keep their own rate: A 272/340 = 80 %
    expect(weighted.units[1].overall!.rate).toBeCloseTo(80, 10);
    const pooled = computeResults({ questions: [q], rule: RULE, minCellSize: 10, plan: null, schools, visible: 'all', final: true });
    expect(pooled.estimator).toEqual({ method: 'pooled', leftOut: [] });
    expect(pooled.units[0].overall!.rate).toBeCloseTo((100 * 652) / 740, 10);
    expect(pooled.units[0].overall!.meetsGate).toBe(true);
  });
});
