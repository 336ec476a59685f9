// What the map component needs of a GeoJSON layer to draw it with ECharts: the polygons as one FeatureCollection with
// a name on every feature (ECharts names a region by its `name` property), and the extent of polygons and points.
// Lenient by design — the server validated the layer on upload (src/planning/map/geojson.ts); anything that is not
// a polygon is skipped here rather than breaking the page.

export interface GeoPolygonFeature {
  type: 'Feature';
  properties: { name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}
export interface GeoPolygons {
  type: 'FeatureCollection';
  features: GeoPolygonFeature[];
}

/** A bounding box [minLng, minLat, maxLng, maxLat]; null when empty. */
export type BBox = [number, number, number, number];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asFeatures(input: unknown): { geometry: Record<string, unknown>; name: unknown }[] {
  if (!isObj(input)) return [];
  if (input.type === 'FeatureCollection' && Array.isArray(input.features)) return input.features.flatMap((f) => asFeatures(f));
  if (input.type === 'Feature' && isObj(input.geometry)) return [{ geometry: input.geometry, name: isObj(input.properties) ? input.properties.name : undefined }];
  if (input.type === 'Polygon' || input.type === 'MultiPolygon') return [{ geometry: input, name: undefined }];
  return [];
}

/**
 * The polygons of a layer as a FeatureCollection whose features are named `${prefix}${name}` (or `${prefix}#i` when
 * unnamed), so that two layers merged into one registered map keep apart.
 */
export function polygonsOf(input: unknown, prefix: string): GeoPolygonFeature[] {
  return asFeatures(input)
    .filter((f) => (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') && Array.isArray(f.geometry.coordinates))
    .map((f, i) => ({
      type: 'Feature' as const,
      properties: { name: `${prefix}${typeof f.name === 'string' || typeof f.name === 'number' ? String(f.name) : `#${i + 1}`}` },
      geometry: { type: f.geometry.type as 'Polygon' | 'MultiPolygon', coordinates: f.geometry.coordinates },
    }));
}

/** Grow a bounding box by the positions of a polygon's (or multipolygon's) coordinates. */
function extendByCoords(box: BBox | null, coords: unknown): BBox | null {
  if (!Array.isArray(coords)) return box;
  if (coords.length >= 2 && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    const [lng, lat] = coords as number[];
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return box;
    return box ? [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)] : [lng, lat, lng, lat];
  }
  let b = box;
  for (const c of coords) b = extendByCoords(b, c);
  return b;
}

/** The extent of some polygon features and some points (lng, lat). */
export function extentOf(features: GeoPolygonFeature[], points: { lng: number; lat: number }[]): BBox | null {
  let box: BBox | null = null;
  for (const f of features) box = extendByCoords(box, f.geometry.coordinates);
  for (const p of points) box = extendByCoords(box, [p.lng, p.lat]);
  return box;
}

/** A box grown by a share of its size on every side (at least `min` degrees), so that points at its edge are not cut. */
export function padBox(box: BBox, share: number, min: number): BBox {
  const dx = Math.max((box[2] - box[0]) * share, min);
  const dy = Math.max((box[3] - box[1]) * share, min);
  return [box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy];
}

/**
 * Axis ranges that show a box without distortion in a plot area of width × height pixels: one degree of longitude
 * is cos(latitude) of a degree of latitude on the ground (equirectangular projection at the box's middle latitude),
 * so the shorter side of the box is widened until km per pixel is the same on both axes.
 */
export function undistortedRanges(box: BBox, width: number, height: number): { lng: [number, number]; lat: [number, number] } {
  const midLat = (box[1] + box[3]) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const w = Math.max(width, 1);
  const h = Math.max(height, 1);
  // Ground extent in "latitude degrees": x = Δlng·cos φ, y = Δlat.
  const gx = Math.max((box[2] - box[0]) * k, 1e-6);
  const gy = Math.max(box[3] - box[1], 1e-6);
  let sx = gx;
  let sy = gy;
  if (gx / gy > w / h) sy = (gx * h) / w;
  else sx = (gy * w) / h;
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  return { lng: [cx - sx / k / 2, cx + sx / k / 2], lat: [cy - sy / 2, cy + sy / 2] };
}
