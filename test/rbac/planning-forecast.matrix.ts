// RBAC rows of planning: forecast. Expectations written from the rules, by hand (not read from the policy):
//   - the report, the report of an uploaded file, its workbook and the inputs (school aggregates, no pupil rows): the
//     bureau (admin, analyst), inspectors (every school: planning is the district's) and viewers (aggregates) — not
//     school clerks, not the health or the personnel staff;
//   - changing the inputs (townships and classrooms, the births table, housing projects): the bureau only.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { only, type MatrixRow } from './matrix.js';

const A = '2133000001';
const B = '2133000002';
const ENROLMENTS = Buffer.from(`school_code,year,grade,students\n${A},2023,1,40\n${A},2024,1,42\n${B},2023,1,10\n${B},2024,1,12\n`);
const BIRTHS = Buffer.from('乡镇,年份,出生数\n城关镇,2018,50\n');
const READERS = ['admin', 'analyst', 'inspector', 'viewer'] as const;

/** Every reader sees every school of the file: planning has no per-school scope. */
const bothSchools = (r: LightMyRequestResponse) => expect(r.json<{ schools: { code: string }[] }>().schools.map((s) => s.code)).toEqual([A, B]);

export function forecastRows(): MatrixRow[] {
  return [
    { route: 'forecast.report', method: 'GET', url: '/api/planning/forecast', expect: only('ok', ...READERS) },
    {
      route: 'forecast.fromFile',
      method: 'POST',
      url: '/api/planning/forecast/file?horizon=2',
      file: { name: 'enrolments.csv', content: ENROLMENTS },
      expect: only('ok', ...READERS),
      scoped: { inspector: bothSchools, viewer: bothSchools },
    },
    { route: 'forecast.export', method: 'GET', url: '/api/planning/forecast.xlsx', expect: only('ok', ...READERS) },
    { route: 'forecast.inputs', method: 'GET', url: '/api/planning/forecast/inputs', expect: only('ok', ...READERS) },
    {
      route: 'forecast.saveSchools',
      method: 'PUT',
      url: '/api/planning/forecast/inputs/schools',
      body: { schools: [{ schoolCode: A, township: '城关镇', classrooms: 12 }] },
      expect: only('ok', 'admin', 'analyst'),
    },
    { route: 'forecast.births', method: 'POST', url: '/api/planning/forecast/births', file: { name: 'births.csv', content: BIRTHS }, expect: only('ok', 'admin', 'analyst') },
    {
      route: 'forecast.addHousing',
      method: 'POST',
      url: '/api/planning/forecast/housing',
      body: { schoolCode: A, name: '新城小区', units: 100, childrenPerUnit: 0.05, moveInYear: 2027 },
      expect: only('ok', 'admin', 'analyst'),
    },
    // The admin deletes the project the admin added (id 1); the analyst then finds it gone (404) — allowed either way.
    { route: 'forecast.deleteHousing', method: 'DELETE', url: '/api/planning/forecast/housing/1', expect: only('allowed', 'admin', 'analyst') },
  ];
}
