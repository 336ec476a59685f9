// An outline drawn around points on the map (the demo county's boundary, from its schools): the convex hull of
// circles around the mainland points (a rounded hull: the Minkowski sum of the hull and a disc, to within the circle's
// polygon), and a circle of its own around each island point that does not touch it — a MultiPolygon. Worked in
// kilometres on a local equirectangular plane (x = Δlng·cos φ₀·k, y = Δlat·k, k = πR/180), which at a county's size
// is within a fraction of a per cent of the ground. Deterministic; pure.
import { EARTH_RADIUS_KM } from '../geo.js';
import type { MultiPolygonGeometry, Position } from './geojson.js';

type XY = [number, number];

/** Andrew's monotone chain convex hull, counter-clockwise, without the closing point (Andrew 1979). */
export function convexHull(points: readonly XY[]): XY[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: XY[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: XY[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The vertices of a regular `n`-gon of radius r around a point (the first at angle 0, counter-clockwise). */
export function circleAround(c: XY, r: number, n = 24): XY[] {
  return Array.from({ length: n }, (_, i) => [c[0] + r * Math.cos((2 * Math.PI * i) / n), c[1] + r * Math.sin((2 * Math.PI * i) / n)] as XY);
}

/** Distance from a point to a convex polygon (0 inside), in the plane. */
export function distanceToPolygon(q: XY, poly: readonly XY[]): number {
  if (poly.length === 0) return Infinity;
  let inside = poly.length >= 3;
  let best = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const abx = b[0] - a[0];
    const aby = b[1] - a[1];
    const len2 = abx * abx + aby * aby;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((q[0] - a[0]) * abx + (q[1] - a[1]) * aby) / len2));
    best = Math.min(best, Math.hypot(q[0] - (a[0] + t * abx), q[1] - (a[1] + t * aby)));
    // Counter-clockwise: inside is left of every edge.
    if (abx * (q[1] - a[1]) - aby * (q[0] - a[0]) < 0) inside = false;
  }
  return inside ? 0 : best;
}

export interface OutlinePoint {
  lat: number;
  lng: number;
  island: boolean;
}

/**
 * A MultiPolygon around the points: the rounded hull of the mainland points (margin km), then a circle (islandKm)
 * around each island point whose circle stays clear of it (else the island joins the hull). Null without points.
 * Coordinates rounded to 5 decimals (about 1 m); rings closed and counter-clockwise (RFC 7946).
 */
export function outlineOf(points: readonly OutlinePoint[], marginKm: number, islandKm: number): MultiPolygonGeometry | null {
  if (points.length === 0) return null;
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const lng0 = points.reduce((s, p) => s + p.lng, 0) / points.length;
  const k = (Math.PI * EARTH_RADIUS_KM) / 180; // km per degree of latitude
  const cos0 = Math.cos((lat0 * Math.PI) / 180);
  const toXY = (p: { lat: number; lng: number }): XY => [(p.lng - lng0) * cos0 * k, (p.lat - lat0) * k];
  const toLngLat = (q: XY): Position => [Math.round((lng0 + q[0] / (cos0 * k)) * 1e5) / 1e5, Math.round((lat0 + q[1] / k) * 1e5) / 1e5];
  const ring = (xy: XY[]): Position[] => {
    const r = xy.map(toLngLat);
    return [...r, r[0]];
  };

  let mainland = points.filter((p) => !p.island).map(toXY);
  let islands = points.filter((p) => p.island).map(toXY);
  if (mainland.length === 0) {
    mainland = islands;
    islands = [];
  }
  // Islands whose circle would touch the mainland's outline join it; repeat until none does (the hull grows).
  let hull = convexHull(mainland.flatMap((q) => circleAround(q, marginKm)));
  for (let changed = true; changed;) {
    changed = false;
    const near = islands.filter((q) => distanceToPolygon(q, hull) <= islandKm);
    if (near.length) {
      mainland = [...mainland, ...near];
      islands = islands.filter((q) => !near.includes(q));
      hull = convexHull(mainland.flatMap((q) => circleAround(q, marginKm)));
      changed = true;
    }
  }
  // Island circles that overlap each other are merged into one hull too (sorted for a deterministic order).
  const groups: XY[][] = [];
  for (const q of [...islands].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const g = groups.find((gr) => gr.some((o) => Math.hypot(o[0] - q[0], o[1] - q[1]) <= 2 * islandKm));
    if (g) g.push(q);
    else groups.push([q]);
  }
  const polygons: Position[][][] = [[ring(hull)], ...groups.map((g) => [ring(convexHull(g.flatMap((q) => circleAround(q, islandKm, 16))))])];
  return { type: 'MultiPolygon', coordinates: polygons };
}
