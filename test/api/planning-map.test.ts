// The layout map over HTTP: a test district whose schools sit at coordinates set here, with figures whose indicators
// and distances are worked out by hand below (not by the service); the consolidation candidates and their nearest
// school; the map layers' upload (validation errors naming the feature, size and type limits), round trip and audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHOOL_A, SCHOOL_B, SCHOOL_C, multipartFile, sampleRecord, schoolFixture, signIn, testApp } from '../helpers.js';
import type { MapLayers, MapReport } from '../../src/planning/map/contract.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Awaited<ReturnType<typeof signIn>>;

// Places (lat, lng). Along the parallel 30°N, Δλ = 0.1° is 2R·asin(cos 30° · sin 0.05°) = 9.62977612025 km (R = 6371.0088);
// 0.1° along a meridian is πR/1800 = 11.1195080234 km. Other distances by python3 (spherical law of cosines):
//   C (30.05, 120.05) – E (30.1, 120.2) = 15.467499311439317 km; H (30, 120.205) – B (30, 120.1) = 10.111264893323122 km.
const AT = {
  A: [30, 120],
  B: [30, 120.1],
  C: [30.05, 120.05],
  D: [30, 120.2],
  E: [30.1, 120.2],
  G: [30, 120.19],
  H: [30, 120.205],
} as const;
const D = schoolFixture('2133000004', '测试村教学点', '教学点', { location: '乡村' });
const E = schoolFixture('2133000005', '测试九年一贯制学校', '九年一贯制', { location: '镇区' });
const F = schoolFixture('2133000006', '无坐标小学', '小学', { location: '乡村' });
const G = schoolFixture('2133000007', '已撤并小学', '小学', { location: '乡村', isOpen: false });
const H = schoolFixture('2133000008', '无数据教学点', '教学点', { location: '乡村' });

type Rec = ReturnType<typeof sampleRecord>;
const rec = (enrolments: Rec['enrolments'], classes: Rec['classes'], values: Partial<Rec['values']> = {}): Rec => ({
  ...sampleRecord(),
  values: { ...sampleRecord().values, ...values },
  enrolments,
  classes,
});
// A: 93 + 44 = 137 students in 3 classes (45, 48, 44): 45.667 per class; 48 > 45 → 1 of 3 over the standard.
const recA = rec(
  [
    { grade: 1, students: 93 },
    { grade: 2, students: 44 },
  ],
  [
    { grade: 1, classNo: 1, size: 45 },
    { grade: 1, classNo: 2, size: 48 },
    { grade: 2, classNo: 1, size: 44 },
  ],
);
// B: 20 + 10 = 30 students (< 50: a candidate), 2 classes, none over.
const recB = rec(
  [
    { grade: 1, students: 20 },
    { grade: 2, students: 10 },
  ],
  [
    { grade: 1, classNo: 1, size: 20 },
    { grade: 2, classNo: 1, size: 10 },
  ],
);
// C (初中): 120 students in 2 classes of 60: both over 50 → share 1; average 60.
const recC = rec(
  [{ grade: 7, students: 120 }],
  [
    { grade: 7, classNo: 1, size: 60 },
    { grade: 7, classNo: 2, size: 60 },
  ],
);
// D (教学点): 12 students.
const recD = rec([{ grade: 1, students: 12 }], [{ grade: 1, classNo: 1, size: 12 }]);
// E (九年一贯制): grade 1 class of 46 (> 45: over), grade 7 class of 50 (held to 初中's 50: not over) → 1 of 2.
const recE = rec(
  [
    { grade: 1, students: 46 },
    { grade: 7, students: 50 },
  ],
  [
    { grade: 1, classNo: 1, size: 46 },
    { grade: 7, classNo: 1, size: 50 },
  ],
);
// F (no coordinates): 45 students (a candidate).
const recF = rec([{ grade: 1, students: 45 }], [{ grade: 1, classNo: 1, size: 45 }]);

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app, 'admin');
  for (const [s, at] of [
    [SCHOOL_A, AT.A],
    [SCHOOL_B, AT.B],
    [SCHOOL_C, AT.C],
  ] as const) {
    const { districtId: _d, code, ...body } = s;
    const res = await admin.put(`/api/schools/${code}`, { ...body, lat: at[0], lng: at[1] });
    expect(res.statusCode, res.body).toBe(200);
  }
  for (const [s, at] of [
    [D, AT.D],
    [E, AT.E],
    [F, null],
    [G, AT.G],
    [H, AT.H],
  ] as const) {
    const { districtId: _d, ...body } = s;
    const res = await admin.post('/api/schools', { ...body, lat: at?.[0] ?? null, lng: at?.[1] ?? null });
    expect(res.statusCode, res.body).toBe(200);
  }
  for (const [code, r] of [
    [SCHOOL_A.code, recA],
    [SCHOOL_B.code, recB],
    [SCHOOL_C.code, recC],
    [D.code, recD],
    [E.code, recE],
    [F.code, recF],
  ] as const) {
    const res = await admin.put(`/api/schools/${code}/stats/2024`, r);
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => t?.close());

const report = async (q = '') => {
  const res = await admin.get(`/api/planning/map?year=2024${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MapReport>();
};
const PARALLEL_01 = 9.62977612025; // km, 0.1° of longitude at 30°N (above)

describe('the map report', () => {
  it('places the open schools, lists those without coordinates, and computes the indicators', async () => {
    const r = await report();
    expect(r.year).toBe(2024);
    expect(r.indicator).toBe('students');
    expect(r.threshold).toBe(50);
    // Open schools with coordinates, in code order; the closed G is nowhere; F (no coordinates) apart.
    expect(r.schools.map((s) => s.code)).toEqual([SCHOOL_A.code, SCHOOL_B.code, SCHOOL_C.code, D.code, E.code, H.code]);
    expect(r.withoutCoordinates.map((s) => s.code)).toEqual([F.code]);
    // Totals: 137 + 30 + 120 + 12 + 96 + 45 = 440 students in 7 open schools.
    expect(r.totals).toEqual({ schools: 7, students: 440 });
    const by = new Map([...r.schools, ...r.withoutCoordinates].map((s) => [s.code, s]));
    const a = by.get(SCHOOL_A.code)!;
    expect(a).toMatchObject({ students: 137, classes: 3, value: 137, lat: 30, lng: 120 });
    expect(a.avgClassSize).toBeCloseTo(137 / 3, 10);
    expect(a.overStandardShare).toBeCloseTo(1 / 3, 12);
    expect(by.get(SCHOOL_C.code)).toMatchObject({ students: 120, classes: 2, avgClassSize: 60, overStandardShare: 1 });
    // The grade decides the standard: E's grade-7 class of 50 meets 初中's 50, its grade-1 class of 46 is over 45.
    expect(by.get(E.code)).toMatchObject({ students: 96, classes: 2, avgClassSize: 48, overStandardShare: 0.5 });
    // H reported nothing: no figures, still a candidate (教学点).
    expect(by.get(H.code)).toMatchObject({ students: null, classes: null, avgClassSize: null, overStandardShare: null, balanceMet: null, candidate: true });
  });

  it('counts the balance standards met (of 7) from the figures', async () => {
    const r = await report('&indicator=balanceMet');
    const met = new Map([...r.schools, ...r.withoutCoordinates].map((s) => [s.code, s.balanceMet]));
    const info = r.indicators.find((i) => i.key === 'balanceMet')!;
    expect(info.outOf).toBe(7);
    expect(info.unit.zh).toBe('项（共 7 项）');
    // The sample figures: 9 teachers with a degree, 1 backbone, 3 PE/music/art, 900.5 m² teaching, 1500 m² sports,
    // 400,000 yuan equipment, 5 multimedia rooms. A (小学, 137): backbone 1/137×100 = 0.73 < 1, the rest met
    // (9/137×100 = 6.57 ≥ 4.2; 2.19 ≥ 0.9; 6.57 ≥ 4.5; 10.95 ≥ 7.5; 2919.7 ≥ 2000; 3.65 ≥ 2.3) → 6.
    expect(met.get(SCHOOL_A.code)).toBe(6);
    // B (30): backbone 3.33 ≥ 1 → 7. C (初中, 120): backbone 0.83 < 1; 7.5 ≥ 5.3, 2.5, 7.5 ≥ 5.8, 12.5 ≥ 10.2, 3333 ≥ 2500, 4.17 ≥ 2.4 → 6.
    expect(met.get(SCHOOL_B.code)).toBe(7);
    expect(met.get(SCHOOL_C.code)).toBe(6);
    // D (教学点, 12): every ratio far above → 7 (left out of the CVs, not of its own count). F (45): backbone 2.2 → 7.
    expect(met.get(D.code)).toBe(7);
    expect(met.get(F.code)).toBe(7);
    expect(r.schools.find((s) => s.code === SCHOOL_A.code)?.value).toBe(6);
  });

  it('finds each school’s nearest open school of its level', async () => {
    const r = await report('&indicator=nearestKm');
    const by = new Map(r.schools.map((s) => [s.code, s]));
    // A ↔ B: 0.1° apart on 30°N.
    expect(by.get(SCHOOL_A.code)?.nearest?.code).toBe(SCHOOL_B.code);
    expect(by.get(SCHOOL_A.code)?.nearest?.km).toBeCloseTo(PARALLEL_01, 8);
    expect(by.get(SCHOOL_A.code)?.value).toBeCloseTo(PARALLEL_01, 8);
    // B: A at 9.63 km (the 教学点 D, as far, takes no pupils; E is 14.7 km; the closed G is ignored).
    expect(by.get(SCHOOL_B.code)?.nearest).toMatchObject({ code: SCHOOL_A.code, name: SCHOOL_A.name });
    // D (教学点): the 教学点 H (0.48 km) and the closed G (0.96 km) are no destination: B at 9.63 km (E is 11.12 km).
    expect(by.get(D.code)?.nearest?.code).toBe(SCHOOL_B.code);
    expect(by.get(D.code)?.nearest?.km).toBeCloseTo(PARALLEL_01, 8);
    // C (初中): only E (九年一贯制) teaches grades 7–9: 15.4675 km.
    expect(by.get(SCHOOL_C.code)?.nearest?.code).toBe(E.code);
    expect(by.get(SCHOOL_C.code)?.nearest?.km).toBeCloseTo(15.467499311439317, 6);
    // E (九年一贯制): no other 九年一贯制 or 十二年一贯制 school.
    expect(by.get(E.code)?.nearest).toBeNull();
    expect(by.get(E.code)?.value).toBeNull();
    // H: B at Δλ 0.105° = 10.1113 km.
    expect(by.get(H.code)?.nearest?.km).toBeCloseTo(10.111264893323122, 6);
  });

  it('lists the consolidation candidates, smallest first, by the threshold', async () => {
    const r = await report();
    // D 12 (教学点), B 30, F 45 (no coordinates: no distance), H (教学点, no figures: last).
    expect(r.candidates.map((s) => [s.code, s.students])).toEqual([
      [D.code, 12],
      [SCHOOL_B.code, 30],
      [F.code, 45],
      [H.code, null],
    ]);
    expect(r.candidates.find((s) => s.code === F.code)?.nearest).toBeNull();
    // At 30 the school of 30 is no longer under the threshold; at 31 it is; F (45) joins at 46.
    expect((await report('&threshold=30')).candidates.map((s) => s.code)).toEqual([D.code, H.code]);
    expect((await report('&threshold=31')).candidates.map((s) => s.code)).toEqual([D.code, SCHOOL_B.code, H.code]);
    expect((await report('&threshold=45')).candidates.map((s) => s.code)).toEqual([D.code, SCHOOL_B.code, H.code]);
    expect((await report('&threshold=46')).candidates.map((s) => s.code)).toEqual([D.code, SCHOOL_B.code, F.code, H.code]);
    // At 200 every school is under it (the largest, A, has 137): all are candidates, H (no figures) still last.
    expect((await report('&threshold=200')).candidates.map((s) => s.code)).toEqual([D.code, SCHOOL_B.code, F.code, E.code, SCHOOL_C.code, SCHOOL_A.code, H.code]);
  });

  it('a year without figures: every school placed, nothing counted, only the 教学点 are candidates', async () => {
    const res = await admin.get('/api/planning/map?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<MapReport>();
    expect(r.totals).toEqual({ schools: 7, students: 0 });
    expect(r.schools.every((s) => s.students === null && s.value === null)).toBe(true);
    expect(r.candidates.map((s) => s.code)).toEqual([D.code, H.code]);
  });

  it('refuses bad parameters', async () => {
    expect((await admin.get('/api/planning/map?indicator=nope')).statusCode).toBe(400);
    expect((await admin.get('/api/planning/map?threshold=0')).statusCode).toBe(400);
    expect((await admin.get('/api/planning/map?standard=unknown-pack')).statusCode).toBe(404);
  });
});

const square = (x: number, y: number, d = 0.1) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const put = (kind: string, content: string | Buffer, name = `${kind}.geojson`) => {
  const m = multipartFile(name, content);
  return admin.raw('PUT', `/api/planning/map/layers/${kind}`, m.payload, m.headers);
};
const layers = async () => (await admin.get('/api/planning/map/layers')).json<MapLayers>();
const auditRows = async () =>
  (await admin.get('/api/audit?entity=planning-map-layer&pageSize=100')).json<{ rows: { action: string; entityKey: string; username: string; detail: string | null; rowCount: number | null }[] }>()
    .rows;

describe('map layers', () => {
  it('starts empty', async () => {
    expect(await layers()).toEqual({ boundary: null, catchments: null });
  });

  it('stores a valid boundary and gives it back as a FeatureCollection, audited', async () => {
    const res = await put(
      'boundary',
      JSON.stringify({ type: 'Feature', properties: { name: '测试县', extra: 1 }, geometry: { type: 'Polygon', coordinates: square(119.9, 29.9, 0.4) } }),
      '测试县.geojson',
    );
    expect(res.statusCode, res.body).toBe(200);
    const l = await layers();
    expect(l.catchments).toBeNull();
    expect(l.boundary).toMatchObject({ kind: 'boundary', name: '测试县.geojson', uploadedBy: 'admin', features: 1 });
    expect(l.boundary?.geojson).toEqual({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: '测试县' }, geometry: { type: 'Polygon', coordinates: square(119.9, 29.9, 0.4) } }],
    });
    const rows = await auditRows();
    expect(rows.map((r) => [r.action, r.entityKey, r.username, r.detail, r.rowCount])).toEqual([['import', 'boundary', 'admin', '测试县.geojson', 1]]);
  });

  it('refuses a catchment file naming each bad feature, and saves nothing', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '一学区' }, geometry: { type: 'Polygon', coordinates: square(120, 30) } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(120.1, 30) } },
        { type: 'Feature', properties: { name: '三学区' }, geometry: { type: 'Polygon', coordinates: square(30, 120) } },
      ],
    };
    const res = await put('catchments', JSON.stringify(fc));
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; message: string }; problems: { feature: number; message: string; zh: string; en: string }[] }>();
    expect(body.error.code).toBe('invalid_file');
    expect(body.error.message).toBe('catchments.geojson：2 处问题，图层未保存 / catchments.geojson: 2 problems, the layer was not saved');
    expect(body.problems.map((p) => p.feature)).toEqual([1, 2]);
    expect(body.problems[0].en).toBe('Feature features[1]: a catchment needs a name (properties.name)');
    expect(body.problems[0].message).toBe('要素 features[1]：学区缺少名称（properties.name） / Feature features[1]: a catchment needs a name (properties.name)');
    // Latitude 120 (the pair swapped): named with its position.
    expect(body.problems[1].message).toContain('features[2]：coordinates[0][0] 的纬度 120 不在 −90～90 之间');
    expect((await layers()).catchments).toBeNull();
    expect((await auditRows()).length).toBe(1);
  });

  it('refuses what is not a GeoJSON file, a wrong type and a file over 5 MB', async () => {
    const notJson = await put('catchments', '{"type":');
    expect(notJson.statusCode).toBe(422);
    expect(notJson.body).toContain('不是有效的 JSON');
    const ext = await put('catchments', JSON.stringify({ type: 'Polygon', coordinates: square(120, 30) }), 'layer.kml');
    expect(ext.statusCode).toBe(422);
    expect(ext.body).toContain('.geojson');
    const big = await put('boundary', `{"type":"Polygon","coordinates":[],"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
    expect(big.statusCode).toBe(413);
    expect((await admin.put('/api/planning/map/layers/roads', {})).statusCode).toBe(400);
    // The boundary is the one uploaded before.
    expect((await layers()).boundary?.name).toBe('测试县.geojson');
  });

  it('replaces and removes layers, each audited', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '一学区' }, geometry: { type: 'Polygon', coordinates: square(120, 30) } },
        { type: 'Feature', properties: { name: '二学区' }, geometry: { type: 'MultiPolygon', coordinates: [square(120.1, 30), square(120.2, 30)] } },
      ],
    };
    expect((await put('catchments', JSON.stringify(fc), '学区.json')).statusCode).toBe(200);
    const replaced = await put('boundary', JSON.stringify({ type: 'MultiPolygon', coordinates: [square(119.8, 29.8, 0.6)] }), '新边界.geojson');
    expect(replaced.statusCode, replaced.body).toBe(200);
    const l = await layers();
    expect(l.catchments?.features).toBe(2);
    expect(l.catchments?.geojson.features.map((f) => (f as { properties: { name: string } }).properties.name)).toEqual(['一学区', '二学区']);
    expect(l.boundary?.name).toBe('新边界.geojson');
    expect((await admin.raw('DELETE', '/api/planning/map/layers/catchments')).statusCode).toBe(200);
    expect((await admin.raw('DELETE', '/api/planning/map/layers/catchments')).statusCode).toBe(404);
    expect((await layers()).catchments).toBeNull();
    const rows = await auditRows();
    // Newest first: delete catchments, replace the boundary, import catchments, the first boundary.
    expect(rows.map((r) => [r.action, r.entityKey, r.detail])).toEqual([
      ['delete', 'catchments', '学区.json'],
      ['import', 'boundary', '新边界.geojson'],
      ['import', 'catchments', '学区.json'],
      ['import', 'boundary', '测试县.geojson'],
    ]);
  });
});
