// Planning map storage: the only place that knows the planning_map_layers table's SQL.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/index.js';
import { planningMapLayers } from '../schema.js';
import type { LayerCollection, LayerKind } from './geojson.js';

export interface LayerRow {
  kind: LayerKind;
  name: string;
  geojson: LayerCollection;
  uploadedBy: string;
  uploadedAt: string;
}

export async function listLayers(db: Db, districtId: string): Promise<LayerRow[]> {
  const rows = await db.select().from(planningMapLayers).where(eq(planningMapLayers.districtId, districtId)).orderBy(asc(planningMapLayers.kind));
  return rows.map((r) => ({ kind: r.kind as LayerKind, name: r.name, geojson: r.geojson as LayerCollection, uploadedBy: r.uploadedBy, uploadedAt: r.uploadedAt }));
}

/** The district's layer of a kind, or null. */
export async function getLayer(db: Db, districtId: string, kind: LayerKind): Promise<LayerRow | null> {
  const [r] = await db
    .select()
    .from(planningMapLayers)
    .where(and(eq(planningMapLayers.districtId, districtId), eq(planningMapLayers.kind, kind)));
  return r ? { kind, name: r.name, geojson: r.geojson as LayerCollection, uploadedBy: r.uploadedBy, uploadedAt: r.uploadedAt } : null;
}

/** Insert or replace the district's layer of a kind. */
export async function upsertLayer(db: Db, districtId: string, kind: LayerKind, name: string, geojson: LayerCollection, uploadedBy: string): Promise<void> {
  const uploadedAt = new Date().toISOString();
  await db
    .insert(planningMapLayers)
    .values({ districtId, kind, name, geojson, uploadedBy, uploadedAt })
    .onConflictDoUpdate({ target: [planningMapLayers.districtId, planningMapLayers.kind], set: { name, geojson, uploadedBy, uploadedAt } });
}

/** Delete the district's layer of a kind; true when there was one. */
export async function deleteLayer(db: Db, districtId: string, kind: LayerKind): Promise<boolean> {
  const gone = await db
    .delete(planningMapLayers)
    .where(and(eq(planningMapLayers.districtId, districtId), eq(planningMapLayers.kind, kind)))
    .returning({ kind: planningMapLayers.kind });
  return gone.length > 0;
}
