// The demo county's map: a district boundary drawn around its schools (outline.ts: the rounded convex hull of the
// mainland schools with a 4 km margin, and each island school's own 2 km island unless it touches the mainland), so
// that the layout map has an outline. The year is not used: the outline covers every school, open or not. Deterministic.
import type { Db } from '../../core/db/index.js';
import { districtName, schoolSites } from '../../registry/lookup.js';
import type { PlanningDeps } from '../deps.js';
import { validateLayer } from './geojson.js';
import { outlineOf } from './outline.js';
import * as store from './store.js';

export const DEMO_MARGIN_KM = 4;
export const DEMO_ISLAND_KM = 2;

export async function loadDemoMap(db: Db, _deps: PlanningDeps, districtId: string, _year: number): Promise<void> {
  const sites = (await schoolSites(db, districtId)).filter((s) => s.lat !== null && s.lng !== null);
  const outline = outlineOf(
    sites.map((s) => ({ lat: s.lat as number, lng: s.lng as number, island: s.isIsland })),
    DEMO_MARGIN_KM,
    DEMO_ISLAND_KM,
  );
  if (!outline) return;
  const name = (await districtName(db, districtId)) ?? districtId;
  const checked = validateLayer('boundary', { type: 'Feature', properties: { name }, geometry: outline });
  if (!checked.ok) throw new Error(`demo boundary: ${checked.problems.map((p) => p.en).join('; ')}`);
  await store.upsertLayer(db, districtId, 'boundary', `${name}边界（演示：由学校坐标生成）`, checked.geojson, 'demo');
}
