// Distances between schools from their coordinates, one definition for every planning page (the map's nearest school,
// pairing's distance limit, the exchange's plane coordinates): a sphere of the IUGG mean Earth radius. Pure.

/** The IUGG mean radius of the Earth R1 = (2a + b) / 3, in km (Moritz, Geodetic Reference System 1980). */
export const EARTH_RADIUS_KM = 6371.0088;

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * Great-circle distance in km: haversine, d = 2R·asin √(sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)) (Sinnott 1984,
 * "Virtues of the Haversine", Sky & Telescope 68:159). It ignores roads and water: between islands it is shorter than
 * any journey.
 */
export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
