// The demo county's boundary (loadDemoMap): a valid MultiPolygon that holds every school's coordinates — the mainland
// in one polygon, each offshore island school in one of its own — at least the margin away from its edge, and the same
// on every load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/db/index.js';
import { DEMO_DISTRICT_ID } from '../../registry/demo.js';
import { loadDemoDistrict } from '../../registry/demo-load.js';
import { schoolSites } from '../../registry/lookup.js';
import { freshDatabase } from '../../../test/helpers.js';
import { buildApp } from '../../server.js';
import { haversineKm } from '../geo.js';
import { validateLayer, type Position } from './geojson.js';
import { DEMO_ISLAND_KM, DEMO_MARGIN_KM, loadDemoMap } from './demo.js';
import { listLayers } from './store.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  database = await freshDatabase();
  await loadDemoDistrict(database.db);
  app = await buildApp(database);
  await loadDemoMap(database.db, app.services.map.deps, DEMO_DISTRICT_ID, 2024);
}, 600_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Ray casting (even–odd rule) over a ring of [lng, lat]. */
function inRing(p: { lng: number; lat: number }, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
/** The least great-circle distance from a point to a ring's vertices (a bound above the distance to its edge). */
const nearestVertexKm = (p: { lng: number; lat: number }, ring: Position[]) => Math.min(...ring.map(([lng, lat]) => haversineKm(p, { lng, lat })));

describe('demo boundary', () => {
  it('holds every school, islands apart, with the margin', async () => {
    const layers = await listLayers(database.db, DEMO_DISTRICT_ID);
    expect(layers.map((l) => [l.kind, l.uploadedBy])).toEqual([['boundary', 'demo']]);
    const fc = layers[0].geojson;
    expect(validateLayer('boundary', fc).ok).toBe(true);
    expect(fc.features).toHaveLength(1);
    const geom = fc.features[0].geometry;
    expect(geom.type).toBe('MultiPolygon');
    const polygons = geom.type === 'MultiPolygon' ? geom.coordinates : [geom.coordinates];
    const sites = (await schoolSites(database.db, DEMO_DISTRICT_ID)).filter((s) => s.lat !== null && s.lng !== null) as { name: string; isIsland: boolean; lat: number; lng: number }[];
    expect(sites.length).toBeGreaterThan(30);
    const islands = sites.filter((s) => s.isIsland);
    expect(islands.length).toBeGreaterThan(0);
    for (const s of sites) {
      const holders = polygons.map((p, i) => (inRing(s, p[0]) ? i : -1)).filter((i) => i >= 0);
      expect(holders, s.name).toHaveLength(1);
      // The mainland polygon is the first; a school in it is at least the margin from its vertices (within the
      // 24-gon's chord: cos 7.5° × 4 km = 3.97 km); an island school at least cos(11.25°) × 2 km = 1.96 km from its own.
      const min = holders[0] === 0 ? DEMO_MARGIN_KM * Math.cos(Math.PI / 24) : DEMO_ISLAND_KM * Math.cos(Math.PI / 16);
      expect(nearestVertexKm(s, polygons[holders[0]][0]), s.name).toBeGreaterThanOrEqual(min - 0.01);
    }
    // The demo's offshore islands lie off the mainland: at least one island polygon besides the mainland.
    expect(polygons.length).toBeGreaterThan(1);
    const mainland = sites.filter((s) => !s.isIsland);
    expect(mainland.every((s) => inRing(s, polygons[0][0]))).toBe(true);
  });

  it('is the same on every load', async () => {
    const before = (await listLayers(database.db, DEMO_DISTRICT_ID))[0].geojson;
    await loadDemoMap(database.db, app.services.map.deps, DEMO_DISTRICT_ID, 2024);
    const after = await listLayers(database.db, DEMO_DISTRICT_ID);
    expect(after).toHaveLength(1);
    expect(after[0].geojson).toEqual(before);
  });
});
