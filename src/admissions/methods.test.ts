// The admissions methods on small inputs whose answers are worked out by hand (quota v1) or by the shell's
// sha256sum (the lottery's list hash and seed); the cross-check against an independent Python implementation on
// larger inputs is in cli.test.ts.
import { describe, expect, it } from 'vitest';
import { assignV1 } from './assignment.js';
import { compareCodePoints, normalizeId } from './identifiers.js';
import { lotteryV1 } from './lottery.js';
import { AdmissionsInputError } from './problems.js';
import { quotaV1 } from './quota.js';

const problemsOf = async (f: () => unknown) => {
  try {
    await f();
  } catch (e) {
    if (e instanceof AdmissionsInputError) return e.problems;
    throw e;
  }
  throw new Error('no error');
};

describe('identifiers', () => {
  it('trims and NFC-normalises, but keeps full-width characters (not NFKC)', () => {
    expect(normalizeId('  e\u0301  ')).toBe('\u00e9');
    expect(normalizeId('Ａ100')).toBe('Ａ100');
  });
  it('sorts by code point (UTF-8 bytes), not by UTF-16 units', () => {
    // U+1F600 (UTF-8 F0 9F 98 80) sorts after U+FF21 (EF BC A1) by bytes; as UTF-16 units D83D < FF21 it would not.
    expect(['😀', 'Ａ', 'B10', 'B9'].sort(compareCodePoints)).toEqual(['B10', 'B9', 'Ａ', '😀']);
  });
});

describe('lottery v1', () => {
  const applicants = [
    { applicantId: 'A001', priority: 1 },
    { applicantId: 'A002', priority: 2 },
    { applicantId: 'A003', priority: 1 },
    { applicantId: 'A004', priority: 1 },
    { applicantId: 'A005', priority: 2 },
  ];
  it('hashes the sorted list and the seed as the method says', async () => {
    const r = await lotteryV1(applicants, { drawId: 'D2026-01', seats: 2, entropy: ['3,17,42', '99'] });
    // printf 'A001\t1\nA002\t2\nA003\t1\nA004\t1\nA005\t2' | sha256sum
    expect(r.listHash).toBe('595324a72846ea8ebb167b96d3431bed9c85d0519e0fb3486ed82040c5b303a3');
    // printf 'junheng-lottery-v1\nD2026-01\n<list_hash>\n2\n3,17,42\n99' | sha256sum
    expect(r.seed).toBe('3189a8fb079e1d7221e120d5ddc06b968977ac918996e1b8f611117a7e63d7ad');
    expect(r.method).toBe('junheng-lottery-v1');
  });
  it('draws priority 1 before priority 2, admits rank ≤ seats, and does not depend on the input order', async () => {
    const r = await lotteryV1(applicants, { drawId: 'D2026-01', seats: 2, entropy: ['3,17,42', '99'] });
    expect(r.results.map((x) => x.priority)).toEqual([1, 1, 1, 2, 2]);
    expect(r.results.map((x) => x.admitted)).toEqual([true, true, false, false, false]);
    expect(r.results.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
    const reversed = await lotteryV1([...applicants].reverse(), { drawId: 'D2026-01', seats: 2, entropy: ['3,17,42', '99'] });
    expect(reversed).toEqual(r);
    const other = await lotteryV1(applicants, { drawId: 'D2026-01', seats: 2, entropy: ['3,17,42', '98'] });
    expect(other.seed).not.toBe(r.seed);
  });
  it('refuses an empty or repeated ID, an applicant in two priority groups, bad priorities and seats ≤ 0, naming rows', async () => {
    const p = await problemsOf(() =>
      lotteryV1(
        [
          { applicantId: 'A1', priority: 1, row: 2 },
          { applicantId: ' ', priority: 1, row: 3 },
          { applicantId: 'A1', priority: 2, row: 4 },
          { applicantId: 'A2', priority: 0, row: 5 },
        ],
        { drawId: 'D', seats: 1, entropy: ['1'] },
      ),
    );
    expect(p.map((x) => [x.row, x.column])).toEqual([
      [3, 'applicant_id'],
      [4, 'applicant_id'],
      [5, 'priority'],
    ]);
    expect(p[1].message).toContain('第 2 行');
    const q = await problemsOf(() => lotteryV1([{ applicantId: 'A1', priority: 1 }], { drawId: '', seats: 0, entropy: [] }));
    expect(q.map((x) => x.column)).toEqual(['draw_id', 'seats', 'entropy']);
  });
});

describe('assignment v1', () => {
  it('gives each applicant, in key order, the first listed school with a seat left', async () => {
    const apps = [
      { applicantId: 'P1', choices: ['S1', 'S2'] },
      { applicantId: 'P2', choices: ['S1', 'S2'] },
      { applicantId: 'P3', choices: ['S1'] },
      { applicantId: 'P4', choices: ['S2', 'S1'] },
    ];
    const r = await assignV1(
      apps,
      [
        { schoolCode: 'S2', seats: 1 },
        { schoolCode: 'S1', seats: 2 },
      ],
      { drawId: 'C1', entropy: ['7'] },
    );
    expect(r.caps).toBe('S1=2,S2=1');
    // Whatever the keys, every seat is taken and nobody gets a school they did not list; replaying the rule on the
    // published order gives the same schools.
    const left = new Map([
      ['S1', 2],
      ['S2', 1],
    ]);
    for (const a of r.assignments) {
      const choices = apps.find((x) => x.applicantId === a.applicantId)!.choices;
      const expected = choices.find((c) => left.get(c)! > 0) ?? null;
      if (expected) left.set(expected, left.get(expected)! - 1);
      expect(a.schoolCode).toBe(expected);
    }
    expect(r.assignments.filter((a) => a.schoolCode === null)).toHaveLength(1);
    expect([...r.assignments].map((a) => a.key)).toEqual([...r.assignments].map((a) => a.key).sort());
  });
  it('refuses a school listed twice, an unknown school and seats ≤ 0', async () => {
    const p = await problemsOf(() =>
      assignV1(
        [
          { applicantId: 'P1', choices: ['S1', 'S1'], row: 2 },
          { applicantId: 'P2', choices: ['S9'], row: 3 },
        ],
        [{ schoolCode: 'S1', seats: 1 }],
        { drawId: 'C', entropy: ['1'] },
      ),
    );
    expect(p.map((x) => [x.row, x.column])).toEqual([
      [2, 'choices'],
      [3, 'choices'],
    ]);
    expect(p[0].message).toContain('S1');
    expect(p[1].message).toContain('S9');
    const q = await problemsOf(() => assignV1([{ applicantId: 'P1', choices: ['S1'] }], [{ schoolCode: 'S1', seats: 0, row: 2 }], { drawId: 'C', entropy: ['1'] }));
    expect(q).toEqual([expect.objectContaining({ row: 2, column: 'seats' })]);
  });
});

describe('quota v1', () => {
  it('allocates floors, weighted shares and largest remainders (worked by hand)', () => {
    // f = 2,2,2,0 (Σ 6); R = 14; W = 100, 75, 4.5, 0 (D = 179.5); s = 7.799, 5.850, 0.351, 0 → a = 7, 5, 0, 0 (Σ 12);
    // the 2 places left go to the largest remainders S2 (.850) and S1 (.799): 2+8, 2+6, 2+0, 0.
    const r = quotaV1(
      [
        { schoolCode: 'S1', graduates: 100, rural: false },
        { schoolCode: 'S2', graduates: 50, rural: true },
        { schoolCode: 'S3', graduates: 3, rural: true },
        { schoolCode: 'S4', graduates: 0, rural: false },
      ],
      { places: 20, minPerSchool: 2, ruralWeight: '1.5' },
    );
    expect(r.allocations.map((a) => [a.schoolCode, a.places])).toEqual([
      ['S1', 10],
      ['S2', 8],
      ['S3', 2],
      ['S4', 0],
    ]);
  });
  it('caps a school at its graduates and shares the rest again', () => {
    // Round 1: f = 4,5,5; R = 16; W = 8,40,40 (D = 88); s = 1.45, 7.27, 7.27 → 1,7,7 + the 1 left to A (.45):
    // A would get 4 + 2 = 6 > 4 graduates → capped at 4. Round 2: R = 30 − 4 − 10 = 16 over B, C: 8 each → 13, 13.
    const r = quotaV1(
      [
        { schoolCode: 'A', graduates: 4, rural: true },
        { schoolCode: 'B', graduates: 40, rural: false },
        { schoolCode: 'C', graduates: 20, rural: true },
      ],
      { places: 30, minPerSchool: 5, ruralWeight: '2' },
    );
    expect(r.allocations.map((a) => [a.schoolCode, a.places, a.capped])).toEqual([
      ['A', 4, true],
      ['B', 13, false],
      ['C', 13, false],
    ]);
  });
  it('breaks equal remainders by the larger weight, then the smaller code in byte order', () => {
    // Q = 2 over three equal schools: shares 2/3 each, no whole place; the two left go to B10 and B9 ("B10" < "B9" by bytes).
    const r = quotaV1(
      ['B9', 'B10', 'C1'].map((schoolCode) => ({ schoolCode, graduates: 10, rural: false })),
      { places: 2, minPerSchool: 0, ruralWeight: '1' },
    );
    expect(r.allocations.map((a) => [a.schoolCode, a.places])).toEqual([
      ['B10', 1],
      ['B9', 1],
      ['C1', 0],
    ]);
    // Equal remainders, different weights: W = 1 and 3 (D = 4), R = 2 → s = 0.5 and 1.5, a = 0 and 1, remainders both
    // 0.5; the one place left goes to the larger weight, B, although A has the smaller code.
    const w = quotaV1(
      [
        { schoolCode: 'A', graduates: 1, rural: false },
        { schoolCode: 'B', graduates: 3, rural: false },
      ],
      { places: 2, minPerSchool: 0, ruralWeight: '1' },
    );
    expect(w.allocations.map((a) => a.places)).toEqual([0, 2]);
  });
  it('refuses floors above the places, places above the graduates and a weight below 1', () => {
    const schools = [
      { schoolCode: 'A', graduates: 10, rural: false },
      { schoolCode: 'B', graduates: 10, rural: false },
    ];
    expect(() => quotaV1(schools, { places: 5, minPerSchool: 3, ruralWeight: '1' })).toThrow(/保底名额合计 6 超过总名额 5/);
    expect(() => quotaV1(schools, { places: 21, minPerSchool: 0, ruralWeight: '1' })).toThrow(/多于毕业生合计 20/);
    expect(() => quotaV1(schools, { places: 5, minPerSchool: 0, ruralWeight: '0.9' })).toThrow(/rural_weight|农村学校权重/);
  });
});
