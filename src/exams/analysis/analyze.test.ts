import { describe, expect, it } from 'vitest';
import { examReport } from '../report.js';
import { analyzeExam, TOTAL, type ExamColumns, type Stats } from './analyze.js';

// 14 students, schools A, B and C (C without students), classes A1, A2, B1 and A3 (A3 empty); s12 has no class.
// Cut lines 0.85 / 0.6 / 0.4: 语文 (120) 102 / 72 / 48, 数学 (100) 85 / 60 / 40, 总分 (220) 187 / 132 / 88.
// Scores sit on the cut lines (102, 72, 48, 85, 60, 40; s02's 总分 is 187) and tie (90, 72.5, 162.5).
const ROWS: [string, number, number, number, number][] = [
  ['s01', 0, 0, 110, 95],
  ['s02', 0, 0, 102, 85],
  ['s03', 0, 0, 90, 72.5],
  ['s04', 0, 0, 72, 60],
  ['s05', 0, 1, 71.5, 59.5],
  ['s06', 0, 1, 48, 40],
  ['s07', 0, 1, 47.5, NaN],
  ['s08', 1, 2, 90, 72.5],
  ['s09', 1, 2, 90, 88],
  ['s10', 1, 2, 60, 30],
  ['s11', 1, 2, NaN, 50],
  ['s12', 1, -1, 100, 100],
  ['s13', 1, 2, 30, 20],
  ['s14', 0, 1, 118, 97],
];
const COLUMNS: ExamColumns = {
  studentIds: ROWS.map((r) => r[0]),
  school: Int32Array.from(ROWS, (r) => r[1]),
  schoolCodes: ['A', 'B', 'C'],
  klass: Int32Array.from(ROWS, (r) => r[2]),
  classes: [
    { school: 0, name: 'A1' },
    { school: 0, name: 'A2' },
    { school: 1, name: 'B1' },
    { school: 0, name: 'A3' },
  ],
  subjects: [
    { name: '语文', full: 120, excellent: 0.85, pass: 0.6, low: 0.4 },
    { name: '数学', full: 100, excellent: 0.85, pass: 0.6, low: 0.4 },
  ],
  scores: [Float64Array.from(ROWS, (r) => r[3]), Float64Array.from(ROWS, (r) => r[4])],
};

// pandas 1.5.3 / numpy 1.24.2 / scipy 1.10.1 (.tmp/analysis/ref.py, not part of the build)
const REF = {
  语文: {
    district: {
      n: 13,
      mean: 79.15384615384616,
      sd: 25.772961842407202,
      median: 90,
      q1: 60,
      q3: 100,
      min: 30,
      max: 118,
      excellent_rate: 0.23076923076923078,
      pass_rate: 0.6153846153846154,
      low_rate: 0.15384615384615385,
      score_rate: 0.6596153846153847,
      over_mean_rate: 0,
    },
    'school A': {
      n: 8,
      mean: 82.375,
      sd: 25.24721519296732,
      median: 81,
      q1: 65.625,
      q3: 104,
      min: 47.5,
      max: 118,
      excellent_rate: 0.375,
      pass_rate: 0.625,
      low_rate: 0.125,
      score_rate: 0.6864583333333333,
      over_mean_rate: 0.04069484936831867,
    },
    'school B': {
      n: 5,
      mean: 74,
      sd: 25.768197453450252,
      median: 90,
      q1: 60,
      q3: 90,
      min: 30,
      max: 100,
      excellent_rate: 0,
      pass_rate: 0.6,
      low_rate: 0.2,
      score_rate: 0.6166666666666667,
      over_mean_rate: -0.06511175898931008,
    },
    'class A1': {
      n: 4,
      mean: 93.5,
      sd: 14.309088021254185,
      median: 96,
      q1: 85.5,
      q3: 104,
      min: 72,
      max: 110,
      excellent_rate: 0.5,
      pass_rate: 1,
      low_rate: 0,
      score_rate: 0.7791666666666667,
      over_mean_rate: 0.18124392614188523,
    },
    'class A2': {
      n: 4,
      mean: 71.25,
      sd: 28.680350416269324,
      median: 59.75,
      q1: 47.875,
      q3: 83.125,
      min: 47.5,
      max: 118,
      excellent_rate: 0.25,
      pass_rate: 0.25,
      low_rate: 0.25,
      score_rate: 0.59375,
      over_mean_rate: -0.0998542274052479,
    },
    'class B1': {
      n: 4,
      mean: 67.5,
      sd: 24.8746859276655,
      median: 75,
      q1: 52.5,
      q3: 90,
      min: 30,
      max: 90,
      excellent_rate: 0,
      pass_rate: 0.5,
      low_rate: 0.25,
      score_rate: 0.5625,
      over_mean_rate: -0.14723032069970854,
    },
    bands: [
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120],
      [0, 0, 0, 1, 2, 0, 1, 2, 0, 3, 2, 2],
    ],
    'bands A': [0, 0, 0, 0, 2, 0, 0, 2, 0, 1, 1, 2],
    'rank district': [2, 3, 5, 8, 9, 11, 12, 5, 5, 10, 0, 4, 13, 1],
    'rank school': [2, 3, 4, 5, 6, 7, 8, 2, 2, 4, 0, 1, 5, 1],
    'rank class': [1, 2, 3, 4, 2, 3, 4, 1, 1, 3, 0, 0, 4, 1],
    z: [
      1.1968416371687298,
      0.8864388185514034,
      0.42083459062541356,
      -0.2775717512635711,
      -0.296971927427154,
      -1.2087802071155507,
      -1.2281803832791336,
      0.42083459062541356,
      0.42083459062541356,
      -0.7431759791895608,
      NaN,
      0.8088381138970717,
      -1.9071865490045352,
      1.5072444557860563,
    ],
    shape: { n: 13, G1: -0.38659393338416714, G2: -0.8360883076860754, g1: -0.34047515053779437, g2: -0.9760102014611212, K2: 0.9060548571883296, p: 0.6357006970108559 },
    normal: [
      0.032069283853828005, 0.0908297841804282, 0.2213021773798865, 0.46383282047419055, 0.8362875832881301, 1.297084309257861, 1.730609753084153, 1.9863166005505117, 1.961174246681447,
      1.665721054451053, 1.21704532614584, 0.7649439509702602,
    ],
  },
  数学: {
    district: {
      n: 13,
      mean: 66.88461538461539,
      sd: 25.26715247278253,
      median: 72.5,
      q1: 50,
      q3: 88,
      min: 20,
      max: 100,
      excellent_rate: 0.38461538461538464,
      pass_rate: 0.6153846153846154,
      low_rate: 0.15384615384615385,
      score_rate: 0.6688461538461539,
      over_mean_rate: 0,
    },
    'school A': {
      n: 7,
      mean: 72.71428571428571,
      sd: 19.434610405990984,
      median: 72.5,
      q1: 59.75,
      q3: 90,
      min: 40,
      max: 97,
      excellent_rate: 0.42857142857142855,
      pass_rate: 0.7142857142857143,
      low_rate: 0,
      score_rate: 0.7271428571428571,
      over_mean_rate: 0.08716010843670405,
    },
    'school B': {
      n: 6,
      mean: 60.083333333333336,
      sd: 29.26946171163537,
      median: 61.25,
      q1: 35,
      q3: 84.125,
      min: 20,
      max: 100,
      excellent_rate: 0.3333333333333333,
      pass_rate: 0.5,
      low_rate: 0.3333333333333333,
      score_rate: 0.6008333333333333,
      over_mean_rate: -0.10168679317615487,
    },
    'class A1': {
      n: 4,
      mean: 78.125,
      sd: 13.154728237405743,
      median: 78.75,
      q1: 69.375,
      q3: 87.5,
      min: 60,
      max: 95,
      excellent_rate: 0.5,
      pass_rate: 1,
      low_rate: 0,
      score_rate: 0.78125,
      over_mean_rate: 0.16805635422656695,
    },
    'class A2': {
      n: 3,
      mean: 65.5,
      sd: 23.65375234502974,
      median: 59.5,
      q1: 49.75,
      q3: 78.25,
      min: 40,
      max: 97,
      excellent_rate: 0.3333333333333333,
      pass_rate: 0.3333333333333333,
      low_rate: 0,
      score_rate: 0.655,
      over_mean_rate: -0.020701552616446267,
    },
    'class B1': {
      n: 5,
      mean: 52.1,
      sd: 25.40944706206729,
      median: 50,
      q1: 30,
      q3: 72.5,
      min: 20,
      max: 88,
      excellent_rate: 0.2,
      pass_rate: 0.4,
      low_rate: 0.4,
      score_rate: 0.521,
      over_mean_rate: -0.22104657849338702,
    },
    bands: [
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
      [0, 0, 1, 1, 1, 2, 1, 2, 2, 3],
    ],
    'bands A': [0, 0, 0, 0, 1, 1, 1, 1, 1, 2],
    'rank district': [3, 5, 6, 8, 9, 11, 0, 6, 4, 12, 10, 1, 13, 2],
    'rank school': [2, 3, 4, 5, 6, 7, 0, 3, 2, 5, 4, 1, 6, 1],
    'rank class': [1, 2, 3, 4, 2, 3, 0, 2, 1, 4, 3, 0, 5, 1],
    z: [
      1.1127246984269463,
      0.7169539438564866,
      0.22224050064341191,
      -0.27247294256966276,
      -0.2922614802981857,
      -1.0640144517105823,
      NaN,
      0.22224050064341191,
      0.8356851702276246,
      -1.459785206281042,
      -0.6682436971401226,
      1.3106100757121761,
      -1.8555559608515018,
      1.1918788493410384,
    ],
    shape: { n: 13, G1: -0.41501600042927156, G2: -0.9727991478037068, g1: -0.3655066027157078, g2: -1.0655232515381414, K2: 1.2627875907241417, p: 0.5318499941083744 },
    normal: [
      0.10226076062285966, 0.24926966457087357, 0.5195224807750604, 0.9257927301615357, 1.4105799043492526, 1.8376217561724508, 2.046864344020113, 1.949379985300277, 1.5873710299289856,
      1.1051847980661265,
    ],
  },
  总分: {
    district: {
      n: 12,
      mean: 150.08333333333334,
      sd: 50.2861948141723,
      median: 162.5,
      q1: 120.75,
      q3: 190.25,
      min: 50,
      max: 215,
      excellent_rate: 0.3333333333333333,
      pass_rate: 0.6666666666666666,
      low_rate: 0.08333333333333333,
      score_rate: 0.6821969696969697,
      over_mean_rate: 0,
    },
    'school A': {
      n: 7,
      mean: 160.07142857142858,
      sd: 42.41666499605733,
      median: 162.5,
      q1: 131.5,
      q3: 196,
      min: 88,
      max: 215,
      excellent_rate: 0.42857142857142855,
      pass_rate: 0.7142857142857143,
      low_rate: 0,
      score_rate: 0.7275974025974027,
      over_mean_rate: 0.06655032918220039,
    },
    'school B': {
      n: 5,
      mean: 136.1,
      sd: 56.69955908117805,
      median: 162.5,
      q1: 90,
      q3: 178,
      min: 50,
      max: 200,
      excellent_rate: 0.2,
      pass_rate: 0.6,
      low_rate: 0.2,
      score_rate: 0.6186363636363637,
      over_mean_rate: -0.0931704608550806,
    },
    'class A1': {
      n: 4,
      mean: 171.625,
      sd: 27.402953764147398,
      median: 174.75,
      q1: 154.875,
      q3: 191.5,
      min: 132,
      max: 205,
      excellent_rate: 0.5,
      pass_rate: 1,
      low_rate: 0,
      score_rate: 0.7801136363636364,
      over_mean_rate: 0.14353137146029976,
    },
    'class A2': {
      n: 3,
      mean: 144.66666666666666,
      sd: 52.74045463925729,
      median: 131,
      q1: 109.5,
      q3: 173,
      min: 88,
      max: 215,
      excellent_rate: 0.3333333333333333,
      pass_rate: 0.3333333333333333,
      low_rate: 0,
      score_rate: 0.6575757575757575,
      over_mean_rate: -0.03609106052193238,
    },
    'class B1': {
      n: 4,
      mean: 120.125,
      sd: 52.36933143548808,
      median: 126.25,
      q1: 80,
      q3: 166.375,
      min: 50,
      max: 178,
      excellent_rate: 0,
      pass_rate: 0.5,
      low_rate: 0.25,
      score_rate: 0.5460227272727273,
      over_mean_rate: -0.19961132704053308,
    },
    bands: [
      [0, 22, 44, 66, 88, 110, 132, 154, 176, 198, 220],
      [0, 0, 1, 0, 2, 1, 1, 2, 2, 3],
    ],
    'bands A': [0, 0, 0, 0, 1, 1, 1, 1, 1, 2],
    'rank district': [2, 4, 6, 8, 9, 11, 0, 6, 5, 10, 0, 3, 12, 1],
    'rank school': [2, 3, 4, 5, 6, 7, 0, 3, 2, 4, 0, 1, 5, 1],
    'rank class': [1, 2, 3, 4, 2, 3, 0, 2, 1, 3, 0, 0, 4, 1],
    z: [
      1.0920823671308957,
      0.7341312422442895,
      0.24691998892640876,
      -0.3596083060203407,
      -0.3794944796251522,
      -1.2345999446320448,
      NaN,
      0.24691998892640876,
      0.5551556798009863,
      -1.194827597422422,
      NaN,
      0.9926514991068385,
      -1.9902745416148804,
      1.2909441031790103,
    ],
    shape: { n: 12, G1: -0.6265153513492963, G2: -0.6366268355933626, g1: -0.5453116189157297, g2: -0.8622126937300885, K2: 1.202066843672644, p: 0.548244775118963 },
    normal: [
      0.0457006618070394, 0.13927534449225673, 0.35051039633788467, 0.728454578020789, 1.2501984628546414, 1.7718638787603485, 2.07375124285257, 2.004277607669648, 1.5996832598603774,
      1.0543505677620053,
    ],
  },
  allpass: { district: 0.6666666666666666, A: 0.7142857142857143, B: 0.6, A1: 1, A2: 0.3333333333333333, B1: 0.5 },
  bottom: { threshold: 131.3, A: [7, 2, 0.2857142857142857], B: [5, 2, 0.4] },
  cv: 0.07874341140668806,
  balance: { A: { 语文: -0.05286969919814506, 数学: 0.052869699198145076 }, B: { 语文: 0.034601903169501375, 数学: -0.03460190316950135 } },
  total: [205, 187, 162.5, 132, 131, 88, NaN, 162.5, 178, 90, NaN, 200, 50, 215],
};

type Expected = Record<string, number>;
function expectStats(actual: Stats, expected: Expected) {
  for (const [k, v] of Object.entries(expected)) expect(actual[k as keyof Stats], k).toBeCloseTo(v, 12);
}
function expectFloats(actual: Float64Array, expected: number[]) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => (Number.isNaN(v) ? expect(actual[i]).toBeNaN() : expect(actual[i], `#${i}`).toBeCloseTo(v, 12)));
}
const KEYS = ['语文', '数学', '总分'] as const;

describe('analyzeExam on a small exam, against pandas', () => {
  const a = analyzeExam(COLUMNS, { bottomPercentile: 30 });
  const r = a.report;

  it('lists the subjects then 总分', () => {
    expect(r.subjects).toEqual(['语文', '数学', TOTAL]);
  });

  it('statistics of the district, each school and each class, per subject and for 总分', () => {
    for (const key of KEYS) {
      const ref = REF[key];
      expectStats(r.district.stats[key], ref.district);
      expectStats(r.schools[0].stats[key], ref['school A']);
      expectStats(r.schools[1].stats[key], ref['school B']);
      expectStats(r.classes[0].stats[key], ref['class A1']);
      expectStats(r.classes[1].stats[key], ref['class A2']);
      expectStats(r.classes[2].stats[key], ref['class B1']);
      expect(r.district.stats[key].bands).toEqual({ edges: ref.bands[0], counts: ref.bands[1] }); // numpy.histogram: last bin closed
      expect(r.schools[0].stats[key].bands.counts).toEqual(ref['bands A']);
    }
  });

  it('group sizes count every student; empty groups give n 0 and nulls', () => {
    expect([r.district.n, ...r.schools.map((s) => s.n), ...r.classes.map((c) => c.n)]).toEqual([14, 8, 6, 0, 4, 4, 5, 0]);
    expect(r.schools.map((s) => s.school)).toEqual(['A', 'B', 'C']);
    expect(r.classes.map((c) => [c.school, c.class])).toEqual([
      ['A', 'A1'],
      ['A', 'A2'],
      ['B', 'B1'],
      ['A', 'A3'],
    ]);
    for (const g of [r.schools[2], r.classes[3]]) {
      expect(g.allPassRate).toBeNull();
      for (const key of KEYS) {
        const { bands, ...rest } = g.stats[key];
        expect(rest).toEqual({
          n: 0,
          mean: null,
          sd: null,
          median: null,
          q1: null,
          q3: null,
          min: null,
          max: null,
          excellent_rate: null,
          pass_rate: null,
          low_rate: null,
          score_rate: null,
          over_mean_rate: null,
        });
        expect(bands.counts.every((c) => c === 0)).toBe(true);
      }
    }
  });

  it('全科合格率 = passed every subject / students with every subject present', () => {
    const p = REF.allpass;
    expect(r.district.allPassRate).toBeCloseTo(p.district, 15);
    expect(r.schools.map((s) => s.allPassRate)).toEqual([p.A, p.B, null]);
    expect(r.classes.map((c) => c.allPassRate)).toEqual([p.A1, p.A2, p.B1, null]);
  });

  it('per student: 总分, Z, T = 50 + 10Z and competition ranks (pandas rank method="min"); 0 = no rank', () => {
    const s = a.students;
    expectFloats(s.total, REF.total);
    KEYS.forEach((key, k) => {
      expectFloats(s.z[k], REF[key].z);
      expectFloats(
        s.t[k],
        REF[key].z.map((z) => 50 + 10 * z),
      );
      expect(Array.from(s.rankDistrict[k]), key).toEqual(REF[key]['rank district']);
      expect(Array.from(s.rankSchool[k]), key).toEqual(REF[key]['rank school']);
      expect(Array.from(s.rankClass[k]), key).toEqual(REF[key]['rank class']); // s12 has no class: 0
    });
  });

  it('后30%率: type-7 threshold, counts and rates per school; flags by rank ≤ share × schools ranked', () => {
    expect(r.bottom.percentile).toBe(30);
    expect(r.bottom.threshold).toBeCloseTo(REF.bottom.threshold, 12);
    expect(r.bottom.schools).toEqual([
      { school: 'A', n: 7, count: 2, rate: 2 / 7, flagged: false },
      { school: 'B', n: 5, count: 2, rate: 0.4, flagged: false }, // rank 1 > 0.3 × 2 schools ranked
      { school: 'C', n: 0, count: 0, rate: null, flagged: false },
    ]);
    const half = analyzeExam(COLUMNS, { bottomPercentile: 30, flagShare: 0.5 }).report.bottom.schools;
    expect(half.map((s) => s.flagged)).toEqual([false, true, false]);
  });

  it('CV of school 总分 means weighted by 总分 n, against 0.15 (strictly below passes)', () => {
    expect(r.cvOfSchoolMeans.cv).toBeCloseTo(REF.cv, 14);
    expect(r.cvOfSchoolMeans).toMatchObject({ limit: 0.15, pass: true });
    expect(analyzeExam(COLUMNS, { bottomPercentile: 30, cvLimit: 0.05 }).report.cvOfSchoolMeans).toMatchObject({ limit: 0.05, pass: false });
  });

  it('subject balance: mean Z of the school in a subject minus its average over subjects', () => {
    expect(r.balance[0].school).toBe('A');
    expect(r.balance[0].subjects['语文']).toBeCloseTo(REF.balance.A['语文'], 14);
    expect(r.balance[0].subjects['数学']).toBeCloseTo(REF.balance.A['数学'], 14);
    expect(r.balance[1].subjects['语文']).toBeCloseTo(REF.balance.B['语文'], 14);
    expect(r.balance[2]).toEqual({ school: 'C', subjects: { 语文: null, 数学: null } });
  });

  it('shape: G1, G2 (pandas), D’Agostino–Pearson K² and p (scipy.stats.normaltest), histogram and normal curve', () => {
    for (const key of KEYS) {
      const sh = r.shape[key];
      const ref = REF[key].shape;
      expect(sh.skewness).toBeCloseTo(ref.G1, 12);
      expect(sh.kurtosis).toBeCloseTo(ref.G2, 12);
      expect(sh.normality.test).toBe('DAgostinoPearsonK2');
      expect(sh.normality.statistic).toBeCloseTo(ref.K2, 11);
      expect(sh.normality.p).toBeCloseTo(ref.p, 12);
      expect(sh.histogram.edges).toEqual(REF[key].bands[0]);
      expect(sh.histogram.counts).toEqual(REF[key].bands[1]);
      sh.histogram.normal.forEach((v, i) => expect(v).toBeCloseTo(REF[key].normal[i], 12));
    }
  });

  it('the report is plain JSON without per-student arrays', () => {
    const json = JSON.stringify(r);
    expect(JSON.parse(json).district.stats['总分'].n).toBe(12);
    expect(json.length).toBeLessThan(20_000);
  });
});

describe('the CLI report (report.ts) is a view of analyzeExam', () => {
  it('mean, sd, median and the three rates of the district and each school', () => {
    const a = analyzeExam(COLUMNS, { bottomPercentile: 30 }).report;
    const b = examReport({
      studentIds: COLUMNS.studentIds,
      subjects: [
        { name: '语文', full: 120 },
        { name: '数学', full: 100 },
      ],
      scores: COLUMNS.scores,
      school: COLUMNS.school,
      schoolCodes: COLUMNS.schoolCodes,
      cellMarks: { blank: 0, absent: 2, voided: 0, exempt: 0 },
    });
    for (const key of KEYS) {
      const pick = ({ n, mean, sd, median, excellent_rate, pass_rate, low_rate }: Stats) => ({ n, mean, sd, median, excellent_rate, pass_rate, low_rate });
      expect(pick(a.district.stats[key])).toEqual(b.subjects[key].district);
      for (const s of a.schools) {
        const { school_code, ...other } = b.subjects[key].schools.find((x) => x.school_code === s.school)!;
        expect(pick(s.stats[key]), school_code).toEqual(other);
      }
    }
    expect(a.bottom.threshold).toBe(b.bottom.threshold);
    expect(a.cvOfSchoolMeans.cv).toBe(b.cv_of_school_means);
  });
});

describe('analyzeExam settings and edge cases', () => {
  it('band widths per subject and 总分; 总分 cut lines of their own', () => {
    const a = analyzeExam(COLUMNS, { bottomPercentile: 30, bandWidth: { 数学: 50, 总分: 100, 物理: 5 }, totalCuts: { excellent: 0.9, pass: 0.5, low: 0.3 } }).report;
    expect(a.district.stats['数学'].bands).toEqual({ edges: [0, 50, 100], counts: [3, 10] }); // numpy.histogram: 20 30 40 below 50
    expect(a.district.stats['总分'].bands).toEqual({ edges: [0, 100, 200, 220], counts: [3, 6, 3] }); // numpy.histogram
    // 总分 cuts 198 / 110 / 66 on 50 88 90 131 132 162.5 162.5 178 187 200 205 215
    expect([a.district.stats['总分'].excellent_rate, a.district.stats['总分'].pass_rate, a.district.stats['总分'].low_rate]).toEqual([3 / 12, 9 / 12, 1 / 12]);
  });

  it('one student: sd 0, Z 0 and T 50, rank 1; no shape statistics', () => {
    const a = analyzeExam({ ...COLUMNS, studentIds: ['x'], school: Int32Array.of(0), klass: Int32Array.of(0), scores: [Float64Array.of(90), Float64Array.of(80)] }, { bottomPercentile: 30 });
    const t = a.report.district.stats[TOTAL];
    expect([t.n, t.mean, t.sd, t.median, t.q1, t.q3, t.min, t.max]).toEqual([1, 170, 0, 170, 170, 170, 170, 170]);
    expect([a.students.z[2][0], a.students.t[2][0], a.students.rankDistrict[2][0], a.students.rankClass[2][0]]).toEqual([0, 50, 1, 1]);
    expect(a.report.shape[TOTAL]).toMatchObject({ skewness: null, kurtosis: null, normality: { statistic: null, p: null } });
    expect(a.report.shape[TOTAL].histogram.normal.every((v) => v === 0)).toBe(true);
    expect(a.report.bottom.threshold).toBe(170);
    expect(a.report.cvOfSchoolMeans.cv).toBe(0);
  });

  it('everyone absent in a subject: no 总分 anywhere, null statistics, NaN Z, rank 0', () => {
    const a = analyzeExam({ ...COLUMNS, scores: [COLUMNS.scores[0], new Float64Array(ROWS.length).fill(NaN)] }, { bottomPercentile: 30 });
    expect(a.report.district.stats['数学'].n).toBe(0);
    expect(a.report.district.stats[TOTAL].mean).toBeNull();
    expect(a.report.district.allPassRate).toBeNull();
    expect(a.report.bottom.threshold).toBeNull();
    expect(a.report.bottom.schools.map((s) => s.rate)).toEqual([null, null, null]);
    expect(a.report.cvOfSchoolMeans).toEqual({ cv: null, limit: 0.15, pass: null });
    expect(a.students.z[1].every(Number.isNaN)).toBe(true);
    expect(a.students.rankDistrict[2].every((x) => x === 0)).toBe(true);
    expect(a.report.balance[0].subjects['数学']).toBeNull();
    expect(a.report.balance[0].subjects['语文']).toBe(0); // the only subject: no gap to itself
  });

  it('scores with any decimals (levels = the distinct scores) give the ranks of brute force', () => {
    const 语文 = Float64Array.from(ROWS, (r, i) => (Number.isNaN(r[3]) ? NaN : r[3] + ((i * 37) % 10) / 10));
    const a = analyzeExam({ ...COLUMNS, scores: [语文, COLUMNS.scores[1]] }, { bottomPercentile: 30 });
    const brute = (i: number, same: (j: number) => boolean) => (Number.isNaN(语文[i]) ? 0 : 1 + Array.from(语文).filter((v, j) => same(j) && v > 语文[i]).length);
    expect(Array.from(a.students.rankDistrict[0])).toEqual(ROWS.map((_, i) => brute(i, () => true)));
    expect(Array.from(a.students.rankSchool[0])).toEqual(ROWS.map((_, i) => brute(i, (j) => ROWS[j][1] === ROWS[i][1])));
    expect(Array.from(a.students.rankClass[0])).toEqual(ROWS.map((_, i) => (ROWS[i][2] < 0 ? 0 : brute(i, (j) => ROWS[j][2] === ROWS[i][2]))));
    const xs = Array.from(语文).filter((v) => !Number.isNaN(v));
    expect(a.report.district.stats['语文'].mean).toBeCloseTo(xs.reduce((p, q) => p + q, 0) / xs.length, 12);
    expect(a.report.district.stats['语文'].max).toBe(Math.max(...xs));
  });

  it('rejects inconsistent columns', () => {
    const bad =
      (patch: Partial<ExamColumns>, settings = { bottomPercentile: 30 }) =>
      () =>
        analyzeExam({ ...COLUMNS, ...patch }, settings);
    expect(bad({ klass: Int32Array.from(ROWS, (r, i) => (i === 0 ? 2 : r[2])) })).toThrow(/s01.*class 2 belongs to school 1/);
    expect(bad({ school: Int32Array.from(ROWS, (r, i) => (i === 3 ? 7 : r[1])) })).toThrow(/s04.*school 7 out of range/);
    expect(bad({ scores: [COLUMNS.scores[0]] })).toThrow(/1 score columns for 2 subjects/);
    expect(bad({ scores: [COLUMNS.scores[0], new Float64Array(3)] })).toThrow(/数学: 3 scores for 14 students/);
    expect(bad({ subjects: [COLUMNS.subjects[0], { ...COLUMNS.subjects[1], name: '总分' }] })).toThrow(RangeError);
    expect(bad({ subjects: [COLUMNS.subjects[0], { ...COLUMNS.subjects[1], pass: 60 }] })).toThrow(/数学 pass 60/);
    expect(bad({ subjects: [], scores: [] })).toThrow(/no subjects/);
    expect(bad({}, { bottomPercentile: 130 })).toThrow(RangeError);
  });
});

describe('analyzeExam without per-student results', () => {
  it('perStudent: false gives the same report, 总分 per student, and no Z, T or ranks', () => {
    const full = analyzeExam(COLUMNS, { bottomPercentile: 30 });
    const lean = analyzeExam(COLUMNS, { bottomPercentile: 30, perStudent: false });
    expect(lean.report).toEqual(full.report);
    expect(Array.from(lean.students.total)).toEqual(Array.from(full.students.total));
    expect([lean.students.z, lean.students.t, lean.students.rankDistrict, lean.students.rankSchool, lean.students.rankClass]).toEqual([[], [], [], [], []]);
  });
});
