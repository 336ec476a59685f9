// The HTTP contract of planning: the school layout map (学校布局图). The map's data (open schools at their coordinates
// with their students, classes, class sizes, balance standards met and the distance to the nearest school of their
// level; the chosen indicator's value; the consolidation candidates: 教学点 and small schools), and the map layers the
// bureau uploads (district boundary, catchments: GeoJSON, validated, audited).
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, Ok, YearParam } from '../../core/http/contract.js';
import { DEFAULT_STANDARD } from '../../balance/pack-schema.js';

const tags = ['planning'];
const read = { capability: 'planning.read' as const };
const manage = { capability: 'planning.manage' as const };

/** The largest layer file accepted (bytes): a county's boundary and catchments at survey detail fit well within it. */
export const LAYER_MAX_BYTES = 5 * 1024 * 1024;
/** Default size under which a school is a consolidation candidate (学生少于 50 人, as the 2017 assessment's 教学点 rule). */
export const SMALL_SCHOOL_DEFAULT = 50;

/** The indicators a school can be coloured by. */
export const MAP_INDICATORS = ['students', 'classes', 'avgClassSize', 'overStandardShare', 'balanceMet', 'nearestKm'] as const;
export type MapIndicator = (typeof MAP_INDICATORS)[number];

/** How each indicator is written (src/core/format.ts formatNumber). */
export const MAP_FIGURES: Record<MapIndicator, { decimals: number; percent?: boolean }> = {
  students: { decimals: 0 },
  classes: { decimals: 0 },
  avgClassSize: { decimals: 1 },
  overStandardShare: { decimals: 1, percent: true },
  balanceMet: { decimals: 0 },
  nearestKm: { decimals: 1 },
};

export const MapQuery = z.object({
  /** School year (default: the district's current year). */
  year: YearParam.optional(),
  indicator: z.enum(MAP_INDICATORS).default('students'),
  /** A school of fewer students than this is a consolidation candidate (教学点 are always). */
  threshold: z.coerce.number().int().min(1).max(10_000).default(SMALL_SCHOOL_DEFAULT),
  /** The standards pack whose class-size standards and per-school standards the indicators use. */
  standard: z.string().min(1).max(64).default(DEFAULT_STANDARD),
  version: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type MapQuery = z.output<typeof MapQuery>;

const Words = z.object({ zh: z.string(), en: z.string() });

export const MapIndicatorInfo = z.object({
  key: z.enum(MAP_INDICATORS),
  name: Words,
  unit: Words,
  figure: z.object({ decimals: z.number(), percent: z.boolean().optional() }),
  /** What the value is out of (balanceMet: the pack's number of indicators); null otherwise. */
  outOf: z.number().nullable(),
  /** How it is computed, one line. */
  note: Words,
});
export type MapIndicatorInfo = z.infer<typeof MapIndicatorInfo>;

const NearestSchema = z.object({ code: z.string(), name: z.string(), km: z.number() }).nullable();

export const MapSchoolSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  location: z.string(),
  isIsland: z.boolean(),
  /** null: not recorded (such a school is listed under withoutCoordinates and not drawn). */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** Σ enrolments of the year; null when the school reported none. */
  students: z.number().nullable(),
  /** Classes of the year; null when none reported. */
  classes: z.number().nullable(),
  /** students / classes; null without both. */
  avgClassSize: z.number().nullable(),
  /** Classes above the standard size of their grade ÷ classes; null without classes. */
  overStandardShare: z.number().nullable(),
  /** Per-school standards met (of the pack's indicators; a 一贯制 school: its weaker section); null without figures. */
  balanceMet: z.number().nullable(),
  /** The nearest other open school that teaches all of this school's grades (null without coordinates or none). */
  nearest: NearestSchema,
  /** The chosen indicator's value. */
  value: z.number().nullable(),
  /** A consolidation candidate: a 教学点, or fewer students than the threshold. */
  candidate: z.boolean(),
});
export type MapSchool = z.infer<typeof MapSchoolSchema>;

export const MapReport = z.object({
  year: z.number(),
  indicator: z.enum(MAP_INDICATORS),
  threshold: z.number(),
  standard: z.object({ id: z.string(), version: z.number(), name: z.string() }),
  indicators: z.array(MapIndicatorInfo),
  /** Open schools with coordinates, in code order. */
  schools: z.array(MapSchoolSchema),
  /** Open schools without coordinates (not drawn), in code order. */
  withoutCoordinates: z.array(MapSchoolSchema),
  /** Candidates (with or without coordinates): the fewest students first (no figures last), then by code. */
  candidates: z.array(MapSchoolSchema),
  totals: z.object({ schools: z.number(), students: z.number() }),
});
export type MapReport = z.infer<typeof MapReport>;

export const LayerKindParam = z.object({ kind: z.enum(['boundary', 'catchments']) });

export const MapLayerSchema = z.object({
  kind: z.enum(['boundary', 'catchments']),
  /** The uploaded file's name (or the demo's description). */
  name: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  features: z.number(),
  /** A FeatureCollection of (Multi)Polygon features, each with at most a `name` property. */
  geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
});
export type MapLayer = z.infer<typeof MapLayerSchema>;

export const MapLayers = z.object({ boundary: MapLayerSchema.nullable(), catchments: MapLayerSchema.nullable() });
export type MapLayers = z.infer<typeof MapLayers>;

export const mapApi = {
  report: endpoint({
    method: 'GET',
    path: '/api/planning/map',
    summary: '学校布局图：各校坐标与指标、撤并候选 / School layout map: schools with their indicators, consolidation candidates',
    tags,
    policy: read,
    query: MapQuery,
    response: MapReport,
  }),
  layers: endpoint({
    method: 'GET',
    path: '/api/planning/map/layers',
    summary: '地图图层（区县边界、学区）/ Map layers (district boundary, catchments)',
    tags,
    policy: read,
    response: MapLayers,
  }),
  putLayer: endpoint({
    method: 'PUT',
    path: '/api/planning/map/layers/:kind',
    summary: '上传地图图层（GeoJSON）/ Upload a map layer (GeoJSON)',
    tags,
    policy: manage,
    params: LayerKindParam,
    upload: true,
    bodyLimit: LAYER_MAX_BYTES + 64 * 1024,
    response: z.object({ layer: MapLayerSchema }),
  }),
  deleteLayer: endpoint({
    method: 'DELETE',
    path: '/api/planning/map/layers/:kind',
    summary: '删除地图图层 / Remove a map layer',
    tags,
    policy: manage,
    params: LayerKindParam,
    response: Ok,
  }),
};
