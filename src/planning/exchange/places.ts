// Schools' places in kilometres for the exchange model (交流轮岗: no move longer than max_km): the registry keeps
// latitude and longitude in degrees; the model wants plane coordinates x, y in km, so that a move's length is the
// straight line √(Δx² + Δy²). Over a county (tens of km) the equirectangular projection about the district's mean
// latitude φ0 is exact to well under 0.1 %: x = R·(λ − λ0)·cos φ0, y = R·(φ − φ0) (Snyder, Map Projections — A
// Working Manual, USGS 1987, §12 "Equidistant Cylindrical"), R = 6371.0088 km, the IUGG mean Earth radius.

import { EARTH_RADIUS_KM, type LatLng } from '../geo.js';

export interface PlaneKm {
  xKm: number;
  yKm: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Every point projected about the points' mean latitude φ0 and mean longitude λ0 (the origin: distances do not
 * depend on it): x = R·(λ − λ0)·cos φ0 east, y = R·(φ − φ0) north, in km. No points: none.
 */
export function projectKm(points: readonly LatLng[]): PlaneKm[] {
  if (points.length === 0) return [];
  const phi0 = rad(points.reduce((s, p) => s + p.lat, 0) / points.length);
  const lambda0 = rad(points.reduce((s, p) => s + p.lng, 0) / points.length);
  const k = Math.cos(phi0);
  return points.map((p) => ({ xKm: EARTH_RADIUS_KM * (rad(p.lng) - lambda0) * k, yKm: EARTH_RADIUS_KM * (rad(p.lat) - phi0) }));
}

/** The straight-line length of a move between two projected places, in km. */
export const distanceKm = (a: PlaneKm, b: PlaneKm): number => Math.hypot(a.xKm - b.xKm, a.yKm - b.yKm);
