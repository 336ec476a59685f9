// The layout map's pure parts: distances (haversine, checked against values worked out by hand and by the spherical
// law of cosines in python), the nearest receiving school, the indicators per school, the GeoJSON layer checks and the
// demo outline.
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, haversineKm } from '../geo.js';
import { nearestReceiving, receivingLevels, type Site } from './nearest.js';
import { validateLayer, parseLayerFile, MAX_PROBLEMS } from './geojson.js';
import { balanceMetBySchool, candidatesOf, mapSchools, type SiteRow } from './indicators.js';
import { convexHull, distanceToPolygon, outlineOf } from './outline.js';

describe('haversine', () => {
  it('gives a degree of arc on the equator and on a meridian as πR/180', () => {
    // πR/180 = 3.14159265358979 × 6371.0088 / 180 = 111.195080233533 km (by hand).
    expect(EARTH_RADIUS_KM).toBe(6371.0088);
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111.195080233533, 9);
    expect(haversineKm({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })).toBeCloseTo(111.195080233533, 9);
    // Antipodes: πR = 20015.1144420359 km.
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(20015.1144420359, 6);
    expect(haversineKm({ lat: 30.1, lng: 120.2 }, { lat: 30.1, lng: 120.2 })).toBe(0);
  });

  it('matches known city pairs', () => {
    // python3: R·acos(sin φ1 sin φ2 + cos φ1 cos φ2 cos Δλ), R = 6371.0088:
    //   北京 (39.9042, 116.4074) – 上海 (31.2304, 121.4737) = 1067.3116451587232 km
    //   广州 (23.1291, 113.2644) – 深圳 (22.5431, 114.0579) = 104.20313265771911 km
    expect(haversineKm({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 })).toBeCloseTo(1067.31164515872, 6);
    expect(haversineKm({ lat: 23.1291, lng: 113.2644 }, { lat: 22.5431, lng: 114.0579 })).toBeCloseTo(104.203132657719, 6);
    // Symmetric.
    expect(haversineKm({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9042, lng: 116.4074 })).toBeCloseTo(1067.31164515872, 6);
  });

  it('along a parallel: 2R·asin(cos φ · sin(Δλ/2))', () => {
    // φ = 30°, Δλ = 0.1°: 2 × 6371.0088 × asin(0.866025403784 × 0.000872664515) = 9.62977612025 km.
    expect(haversineKm({ lat: 30, lng: 120 }, { lat: 30, lng: 120.1 })).toBeCloseTo(9.62977612025, 8);
  });
});

describe('nearest receiving school', () => {
  const s = (code: string, level: string, lat: number, lng: number): Site => ({ code, name: `S${code}`, level, lat, lng });
  it('looks only at the levels that teach all the grades', () => {
    expect(receivingLevels('教学点')).toEqual(['小学', '九年一贯制', '十二年一贯制']);
    expect(receivingLevels('初中')).toContain('完全中学');
    expect(receivingLevels('九年一贯制')).not.toContain('小学');
    expect(receivingLevels('特殊教育')).toEqual(['特殊教育']);
    const tp = s('1', '教学点', 30, 120.2);
    const others = [tp, s('2', '教学点', 30, 120.205), s('3', '初中', 30, 120.21), s('4', '小学', 30, 120.1), s('5', '九年一贯制', 30.1, 120.2)];
    // The other 教学点 (0.48 km) and the 初中 are no destination; the 小学 at Δλ = 0.1° is 9.6298 km, the 九年一贯制 0.1° north 11.1195 km.
    const n = nearestReceiving(tp, others);
    expect(n?.code).toBe('4');
    expect(n?.km).toBeCloseTo(9.62977612025, 8);
    expect(nearestReceiving(tp, [tp, others[1], others[2]])).toBeNull();
    expect(nearestReceiving(tp, [])).toBeNull();
  });
  it('breaks ties by the smaller code', () => {
    const a = s('9', '小学', 30, 120);
    // Two schools 0.1° east and west: the same distance.
    expect(nearestReceiving(a, [s('8', '小学', 30, 120.1), s('7', '小学', 30, 119.9)])?.code).toBe('7');
  });
});

describe('indicators per school', () => {
  const site = (code: string, level: string, lat: number | null, lng: number | null, isOpen = true): SiteRow => ({
    code,
    name: `S${code}`,
    level,
    location: '乡村',
    isIsland: false,
    isOpen,
    lat,
    lng,
  });
  const sites = [
    site('1', '小学', 30, 120),
    site('2', '小学', 30, 120.1),
    site('3', '教学点', 30, 120.2),
    site('4', '小学', null, null),
    site('5', '小学', 30, 120.19, false),
    site('6', '九年一贯制', 30.1, 120.2),
  ];
  const inputs = {
    sites,
    enrolments: [
      { schoolCode: '1', students: 93 },
      { schoolCode: '1', students: 44 },
      { schoolCode: '2', students: 49 },
      { schoolCode: '3', students: 0 },
      { schoolCode: '4', students: 50 },
      { schoolCode: '6', students: 96 },
    ],
    classes: [
      { schoolCode: '1', classes: 2 },
      { schoolCode: '1', classes: 1 },
      { schoolCode: '2', classes: 2 },
      { schoolCode: '6', classes: 2 },
    ],
    overStandard: [{ schoolCode: '1' }, { schoolCode: '6' }],
    balance: [
      { schoolCode: '1', met: 6 },
      { schoolCode: '6-P', met: 7 },
      { schoolCode: '6-J', met: 5 },
    ],
  };
  it('computes students, classes, averages, shares and the candidates', () => {
    const rows = mapSchools(inputs, 'avgClassSize', 50);
    const by = new Map(rows.map((r) => [r.code, r]));
    expect(rows.map((r) => r.code)).toEqual(['1', '2', '3', '4', '6']); // the closed school 5 is left out
    // School 1: 93 + 44 = 137 students in 3 classes: 45.667 per class; 1 of 3 over the standard.
    expect(by.get('1')).toMatchObject({ students: 137, classes: 3, overStandardShare: 1 / 3, balanceMet: 6, candidate: false });
    expect(by.get('1')?.avgClassSize).toBeCloseTo(137 / 3, 12);
    expect(by.get('1')?.value).toBeCloseTo(137 / 3, 12);
    // School 2: 49 < 50 → a candidate; no class over: share 0 (not null).
    expect(by.get('2')).toMatchObject({ students: 49, avgClassSize: 24.5, overStandardShare: 0, candidate: true, balanceMet: null });
    // The 教学点 with 0 students and no classes: a candidate, no average, no share.
    expect(by.get('3')).toMatchObject({ students: 0, classes: null, avgClassSize: null, overStandardShare: null, value: null, candidate: true });
    // 50 students: not under 50; no coordinates: no nearest.
    expect(by.get('4')).toMatchObject({ students: 50, candidate: false, lat: null, nearest: null });
    // The 九年一贯制 school shows its weaker section (5 of 7).
    expect(by.get('6')?.balanceMet).toBe(5);
    // The 教学点's nearest is school 2 (Δλ 0.1° = 9.6298 km), not the closed school 5 at 0.5 km.
    expect(by.get('3')?.nearest?.code).toBe('2');
    // 九年一贯制: no other 九年一贯制 or 十二年一贯制 school.
    expect(by.get('6')?.nearest).toBeNull();
    // Candidates: the smallest first.
    expect(candidatesOf(rows).map((r) => r.code)).toEqual(['3', '2']);
    // The threshold is strict: with 49 a school of 49 is no candidate.
    expect(candidatesOf(mapSchools(inputs, 'students', 49)).map((r) => r.code)).toEqual(['3']);
  });
  it('takes the chosen indicator as the value', () => {
    const by = (ind: Parameters<typeof mapSchools>[1]) => new Map(mapSchools(inputs, ind, 50).map((r) => [r.code, r.value]));
    expect(by('students').get('1')).toBe(137);
    expect(by('classes').get('6')).toBe(2);
    expect(by('overStandardShare').get('6')).toBe(0.5);
    expect(by('balanceMet').get('6')).toBe(5);
    expect(by('nearestKm').get('1')).toBeCloseTo(9.62977612025, 8);
    expect(by('nearestKm').get('4')).toBeNull();
  });
  it('handles an empty district and a school reporting nothing', () => {
    expect(mapSchools({ sites: [], enrolments: [], classes: [], overStandard: [], balance: [] }, 'students', 50)).toEqual([]);
    const [only] = mapSchools({ sites: [site('9', '小学', 30, 120)], enrolments: [], classes: [], overStandard: [], balance: [] }, 'students', 50);
    expect(only).toMatchObject({ students: null, classes: null, value: null, candidate: false, nearest: null });
  });
  it('combines sections: a null section makes the school null', () => {
    const m = balanceMetBySchool(
      [
        { schoolCode: '7-P', met: 6 },
        { schoolCode: '7-J', met: null },
        { schoolCode: '8-J', met: 4 },
        { schoolCode: 'X-P', met: 3 },
      ],
      new Set(['7', '8']),
    );
    expect(m.get('7')).toBeNull();
    expect(m.get('8')).toBe(4);
    // A code that is not a section of a known school stays as it is.
    expect(m.get('X-P')).toBe(3);
  });
});

describe('GeoJSON layers', () => {
  const square = (x: number, y: number, d = 0.1) => [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ];
  const feature = (name: unknown, coordinates: unknown, type = 'Polygon') => ({ type: 'Feature', properties: name === undefined ? {} : { name }, geometry: { type, coordinates } });

  it('accepts a FeatureCollection, a Feature and a bare polygon, and keeps only the name', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [{ ...feature('一学区', square(120, 30)), properties: { name: ' 一学区 ', other: 'x' } }, feature(2, [square(120.2, 30), square(120.4, 30)], 'MultiPolygon')],
    };
    const r = validateLayer('catchments', fc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.geojson.features.map((f) => f.properties)).toEqual([{ name: '一学区' }, { name: '2' }]);
    expect(r.geojson.features[1].geometry.type).toBe('MultiPolygon');
    const b = validateLayer('boundary', { type: 'Polygon', coordinates: square(120, 30) });
    expect(b.ok && b.geojson.features.length).toBe(1);
    const f = validateLayer('boundary', feature(undefined, square(120, 30)));
    expect(f.ok && f.geojson.features[0].properties).toEqual({});
  });

  it('names the feature and the reason of every problem', () => {
    const bad = {
      type: 'FeatureCollection',
      features: [
        feature('好', square(120, 30)),
        feature('纬度', [
          [
            [120, 30],
            [120.1, 95],
            [120.1, 30.1],
            [120, 30],
          ],
        ]),
        feature('经度', square(190, 30)),
        feature(undefined, square(120, 30)),
        { type: 'Feature', properties: { name: '点' }, geometry: { type: 'Point', coordinates: [120, 30] } },
        feature('未闭合', [
          [
            [120, 30],
            [120.1, 30],
            [120.1, 30.1],
            [120, 30.1],
          ],
        ]),
        feature('非数', [
          [
            [120, 30],
            ['120.1', 30],
            [120.1, 30.1],
            [120, 30],
          ],
        ]),
        feature('三点', [
          [
            [120, 30],
            [120.1, 30],
            [120, 30],
          ],
        ]),
        { type: 'Feature', properties: { name: '无几何' }, geometry: null },
        'not a feature',
      ],
    };
    const r = validateLayer('catchments', bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.feature)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const text = (i: number) => r.problems.find((p) => p.feature === i)!;
    expect(text(1).zh).toBe('要素 features[1]：coordinates[0][1] 的纬度 95 不在 −90～90 之间（经纬度是否写反？）');
    expect(text(1).en).toBe('Feature features[1]: coordinates[0][1]: latitude 95 is outside −90…90 (longitude and latitude swapped?)');
    expect(text(2).en).toContain('longitude 190 is outside −180…180');
    expect(text(3).zh).toContain('学区缺少名称');
    expect(text(4).en).toContain('geometry is a Point');
    expect(text(5).en).toContain('not closed');
    expect(text(6).en).toContain('not a finite number');
    expect(text(7).en).toContain('at least 4 positions');
    expect(text(8).en).toContain('has no geometry');
    expect(text(9).en).toContain('is not a Feature');
    // A boundary needs no name: the unnamed feature 3 passes there.
    const asBoundary = validateLayer('boundary', bad);
    expect(!asBoundary.ok && asBoundary.problems.map((p) => p.feature)).toEqual([1, 2, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses what is not a polygon layer, and stops after MAX_PROBLEMS', () => {
    const first = (x: unknown) => {
      const r = validateLayer('boundary', x);
      return r.ok ? null : r.problems[0].en;
    };
    expect(first(null)).toBe('The file: is not a GeoJSON object (no type)');
    expect(first([1, 2])).toBe('The file: is not a GeoJSON object (no type)');
    expect(first({ type: 'LineString', coordinates: [] })).toContain('its type is LineString');
    expect(first({ type: 'FeatureCollection' })).toContain('no features array');
    expect(first({ type: 'FeatureCollection', features: [] })).toBe('The file: has no features');
    const many = { type: 'FeatureCollection', features: Array.from({ length: 50 }, () => feature('x', square(200, 30))) };
    const r = validateLayer('boundary', many);
    expect(!r.ok && r.problems.length).toBe(MAX_PROBLEMS);
  });

  it('parses the file as UTF-8 JSON with or without a byte-order mark', () => {
    const body = JSON.stringify({ type: 'Polygon', coordinates: square(120, 30) });
    expect(parseLayerFile(Buffer.from(body)).ok).toBe(true);
    expect(parseLayerFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])).ok).toBe(true);
    const bad = parseLayerFile(Buffer.from('{"type": "Polygon",'));
    expect(!bad.ok && bad.problems[0].zh).toMatch(/^文件：不是有效的 JSON/);
  });
});

describe('demo outline', () => {
  it('convex hull: a square with an inner point, counter-clockwise', () => {
    expect(
      convexHull([
        [0, 0],
        [2, 0],
        [1, 1],
        [2, 2],
        [0, 2],
        [1, 0],
      ]),
    ).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
    expect(
      distanceToPolygon(
        [3, 1],
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
        ],
      ),
    ).toBe(1);
    expect(
      distanceToPolygon(
        [1, 1],
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
        ],
      ),
    ).toBe(0);
  });

  it('wraps every school with a margin, an island apart, and is a valid boundary', () => {
    const pts = [
      { lat: 30, lng: 120, island: false },
      { lat: 30.1, lng: 120.1, island: false },
      { lat: 30, lng: 120.1, island: false },
      // 0.3° east of the mainland (28.9 km): its own island.
      { lat: 30.05, lng: 120.4, island: true },
      // An island point 1 km off the mainland: joins it.
      { lat: 30.05, lng: 120.11, island: true },
    ];
    const o = outlineOf(pts, 3, 1.5)!;
    expect(o.coordinates.length).toBe(2);
    expect(validateLayer('boundary', { type: 'MultiPolygon', coordinates: o.coordinates }).ok).toBe(true);
    const lngs = o.coordinates[0][0].map((p) => p[0]);
    const lats = o.coordinates[0][0].map((p) => p[1]);
    // 3 km of margin: 3 / (111.195 × cos 30°) = 0.0312° of longitude, 3 / 111.195 = 0.0270° of latitude (the polygon's
    // vertices lie on the circles, so the extent is the margin to within cos(7.5°) of the 24-gon).
    expect(Math.min(...lngs)).toBeCloseTo(120 - 0.0312, 2);
    expect(Math.max(...lngs)).toBeGreaterThan(120.11 + 0.03);
    expect(Math.max(...lats)).toBeCloseTo(30.1 + 0.027, 2);
    const island = o.coordinates[1][0];
    expect(Math.min(...island.map((p) => p[0]))).toBeGreaterThan(120.38);
    expect(outlineOf([], 3, 1.5)).toBeNull();
    // Deterministic.
    expect(outlineOf(pts, 3, 1.5)).toEqual(o);
  });
});
