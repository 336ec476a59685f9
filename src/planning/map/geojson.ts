// The map layers a bureau uploads (GeoJSON, RFC 7946): the district boundary (区县边界) and the catchments (学区).
// validateLayer() checks a parsed file and returns it as one FeatureCollection of (Multi)Polygon features keeping only
// the `name` property, or every problem (up to MAX_PROBLEMS) naming the feature (features[i]), the place in its
// coordinates and the reason, in Chinese and English. Pure.

export const LAYER_KINDS = ['boundary', 'catchments'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

export type Position = [number, number];
export type PolygonCoords = Position[][];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}
export interface LayerFeature {
  type: 'Feature';
  properties: { name?: string };
  geometry: PolygonGeometry | MultiPolygonGeometry;
}
export interface LayerCollection {
  type: 'FeatureCollection';
  features: LayerFeature[];
}

export interface LayerProblem {
  /** Index in the file's features (0-based, as features[i]); null for the file as a whole. */
  feature: number | null;
  zh: string;
  en: string;
}

export type LayerResult = { ok: true; geojson: LayerCollection } | { ok: false; problems: LayerProblem[] };

/** At most this many problems are named. */
export const MAX_PROBLEMS = 20;
/** At most this many features in a layer (a county has tens of catchments, not thousands). */
export const MAX_FEATURES = 5000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "features[3]" or "文件" / "the file". */
const where = (i: number | null) => (i === null ? { zh: '文件', en: 'The file' } : { zh: `要素 features[${i}]`, en: `Feature features[${i}]` });

function problem(feature: number | null, zh: string, en: string): LayerProblem {
  const w = where(feature);
  return { feature, zh: `${w.zh}：${zh}`, en: `${w.en}: ${en}` };
}

/** A position's problem (path like coordinates[0][3]) or null: two finite numbers, lng −180…180, lat −90…90. */
function positionProblem(p: unknown, path: string): { zh: string; en: string } | null {
  if (!Array.isArray(p) || p.length < 2) return { zh: `${path} 不是 [经度, 纬度]`, en: `${path} is not a [longitude, latitude] pair` };
  const [lng, lat] = p as unknown[];
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat))
    return { zh: `${path} 的经纬度不是有限数值`, en: `${path} has a longitude or latitude that is not a finite number` };
  if (lng < -180 || lng > 180) return { zh: `${path} 的经度 ${lng} 不在 −180～180 之间`, en: `${path}: longitude ${lng} is outside −180…180` };
  if (lat < -90 || lat > 90) return { zh: `${path} 的纬度 ${lat} 不在 −90～90 之间（经纬度是否写反？）`, en: `${path}: latitude ${lat} is outside −90…90 (longitude and latitude swapped?)` };
  return null;
}

/** A polygon's rings checked: at least one ring, each of ≥ 4 positions, closed (first = last). */
function polygonProblem(rings: unknown, path: string): { zh: string; en: string } | { coords: PolygonCoords } {
  if (!Array.isArray(rings) || rings.length === 0) return { zh: `${path} 应为由环组成的数组`, en: `${path} must be an array of rings` };
  const out: PolygonCoords = [];
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r] as unknown;
    const rp = `${path}[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4) return { zh: `${rp} 的环至少要有 4 个点（首尾相同）`, en: `${rp}: a ring needs at least 4 positions (the first repeated last)` };
    const ringOut: Position[] = [];
    for (let k = 0; k < ring.length; k++) {
      const bad = positionProblem(ring[k], `${rp}[${k}]`);
      if (bad) return bad;
      const [lng, lat] = ring[k] as number[];
      ringOut.push([lng, lat]);
    }
    const first = ringOut[0];
    const last = ringOut[ringOut.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) return { zh: `${rp} 的环未闭合（首尾点不同）`, en: `${rp}: the ring is not closed (first and last positions differ)` };
    out.push(ringOut);
  }
  return { coords: out };
}

/** One geometry checked and copied (coordinates cut to [lng, lat]). */
function geometryOf(g: unknown, i: number | null): { geometry: PolygonGeometry | MultiPolygonGeometry } | LayerProblem {
  if (!isObj(g)) return problem(i, '缺少 geometry（几何）', 'has no geometry');
  if (g.type === 'Polygon') {
    const p = polygonProblem(g.coordinates, 'coordinates');
    return 'coords' in p ? { geometry: { type: 'Polygon', coordinates: p.coords } } : problem(i, p.zh, p.en);
  }
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return problem(i, 'MultiPolygon 的 coordinates 应为由面组成的数组', 'MultiPolygon coordinates must be an array of polygons');
    const polys: PolygonCoords[] = [];
    for (let k = 0; k < g.coordinates.length; k++) {
      const p = polygonProblem(g.coordinates[k], `coordinates[${k}]`);
      if (!('coords' in p)) return problem(i, p.zh, p.en);
      polys.push(p.coords);
    }
    return { geometry: { type: 'MultiPolygon', coordinates: polys } };
  }
  const type = typeof g.type === 'string' ? g.type : String(g.type);
  return problem(i, `几何类型为 ${type}，应为面（Polygon 或 MultiPolygon）`, `geometry is a ${type}; a Polygon or MultiPolygon is needed`);
}

/** The name property of a feature, trimmed; null when there is none (a number is taken as its text). */
function nameOf(props: unknown): string | null {
  if (!isObj(props)) return null;
  const n = props.name;
  if (typeof n === 'number' && Number.isFinite(n)) return String(n);
  if (typeof n !== 'string') return null;
  const t = n.trim();
  return t ? t.slice(0, 100) : null;
}

/**
 * Check a parsed GeoJSON layer: a FeatureCollection, a Feature or a bare (Multi)Polygon; every feature a polygon or
 * multipolygon with finite coordinates inside lng −180…180, lat −90…90 and closed rings of ≥ 4 positions; a catchment
 * needs a name property. Returns the layer as a FeatureCollection (properties reduced to the name) or the problems.
 */
export function validateLayer(kind: LayerKind, input: unknown): LayerResult {
  if (!isObj(input) || typeof input.type !== 'string') return { ok: false, problems: [problem(null, '不是 GeoJSON 对象（缺少 type）', 'is not a GeoJSON object (no type)')] };
  let raw: { feature: unknown; index: number | null }[];
  if (input.type === 'FeatureCollection') {
    if (!Array.isArray(input.features)) return { ok: false, problems: [problem(null, 'FeatureCollection 缺少 features 数组', 'the FeatureCollection has no features array')] };
    raw = input.features.map((f, k) => ({ feature: f, index: k }));
  } else if (input.type === 'Feature') raw = [{ feature: input, index: 0 }];
  else if (input.type === 'Polygon' || input.type === 'MultiPolygon') raw = [{ feature: { type: 'Feature', properties: null, geometry: input }, index: 0 }];
  else
    return {
      ok: false,
      problems: [
        problem(null, `类型为 ${input.type}，应为 FeatureCollection、Feature、Polygon 或 MultiPolygon`, `its type is ${input.type}; a FeatureCollection, Feature, Polygon or MultiPolygon is needed`),
      ],
    };
  if (raw.length === 0) return { ok: false, problems: [problem(null, '没有任何要素', 'has no features')] };
  if (raw.length > MAX_FEATURES) return { ok: false, problems: [problem(null, `要素超过 ${MAX_FEATURES} 个`, `has more than ${MAX_FEATURES} features`)] };

  const problems: LayerProblem[] = [];
  const features: LayerFeature[] = [];
  for (const { feature, index } of raw) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (!isObj(feature) || feature.type !== 'Feature') {
      problems.push(problem(index, '不是 Feature 对象', 'is not a Feature object'));
      continue;
    }
    const g = geometryOf(feature.geometry, index);
    if ('zh' in g) {
      problems.push(g);
      continue;
    }
    const name = nameOf(feature.properties);
    if (kind === 'catchments' && name === null) {
      problems.push(problem(index, '学区缺少名称（properties.name）', 'a catchment needs a name (properties.name)'));
      continue;
    }
    features.push({ type: 'Feature', properties: name === null ? {} : { name }, geometry: g.geometry });
  }
  return problems.length ? { ok: false, problems } : { ok: true, geojson: { type: 'FeatureCollection', features } };
}

/** Parse an uploaded file's bytes as JSON (UTF-8, a byte-order mark allowed); a problem naming the position when it is not JSON. */
export function parseLayerFile(bytes: Buffer | Uint8Array): { ok: true; value: unknown } | { ok: false; problems: LayerProblem[] } {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [problem(null, `不是有效的 JSON（${msg}）`, `is not valid JSON (${msg})`)] };
  }
}
