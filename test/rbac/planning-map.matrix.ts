// RBAC rows of planning: map. Expectations written from the rules, by hand (not read from the policy):
//   - the map and its layers (school aggregates: students, classes, coordinates): the bureau (admin, analyst), the
//     inspectors (every school: planning is district-wide) and the viewer — not a school's clerk, not the health or the
//     personnel staff;
//   - uploading and removing a layer (district boundary, catchments): the bureau only.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { only, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const BOUNDARY = Buffer.from(
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [120, 30],
        [120.5, 30],
        [120.5, 30.5],
        [120, 30.5],
        [120, 30],
      ],
    ],
  }),
);
const readers = only('ok', 'admin', 'analyst', 'inspector', 'viewer');

/** Every reader sees the whole district: the three test schools have no coordinates, so all are listed apart (with any
 *  school an earlier matrix row added to the shared district). */
const wholeDistrict = (r: LightMyRequestResponse) => expect(r.json<{ withoutCoordinates: { code: string }[] }>().withoutCoordinates.map((s) => s.code)).toEqual(expect.arrayContaining([A, B, C]));

export function mapRows(): MatrixRow[] {
  return [
    {
      route: 'map.report',
      method: 'GET',
      url: '/api/planning/map?year=2024',
      expect: readers,
      scoped: { admin: wholeDistrict, analyst: wholeDistrict, inspector: wholeDistrict, viewer: wholeDistrict },
    },
    { route: 'map.putLayer', method: 'PUT', url: '/api/planning/map/layers/boundary', file: { name: 'boundary.geojson', content: BOUNDARY }, expect: only('ok', 'admin', 'analyst') },
    {
      route: 'map.layers',
      method: 'GET',
      url: '/api/planning/map/layers',
      expect: readers,
      scoped: { viewer: (r) => expect(r.json<{ boundary: { features: number } | null }>().boundary?.features).toBe(1) },
    },
    // The admin removes the layer; the analyst, allowed, then finds none (404).
    { route: 'map.deleteLayer', method: 'DELETE', url: '/api/planning/map/layers/boundary', expect: only('allowed', 'admin', 'analyst') },
  ];
}
