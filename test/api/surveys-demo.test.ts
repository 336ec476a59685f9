// The demo survey on the demo county (registry only): one closed parents' survey of the latest demo year with a
// plan, codes and answers; district recognition about 90 %, two schools under 85 %, small returns withheld. Prints
// the load time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/core/db/index.js';
import { loadDemoDistrict } from '../../src/registry/demo-load.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from '../../src/registry/demo.js';
import { loadDemoSurveys } from '../../src/wellbeing/surveys/demo.js';
import { SurveyService } from '../../src/wellbeing/surveys/service.js';

let database: Database;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-surveys-'));
  database = await openDatabase({ dataDir: path.join(dir, 'data') });
  await database.migrate();
  await loadDemoDistrict(database.db);
}, 600_000);
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('loads one finished parents’ survey with realistic results', async () => {
  const year = Math.max(...DEMO_YEARS);
  const r = await loadDemoSurveys(database.db, DEMO_DISTRICT_ID, year);
  console.log('demo survey', r);
  const svc = new SurveyService(database.db);
  const res = await svc.results({ districtId: DEMO_DISTRICT_ID, username: 'demo-test', schools: 'all' }, r.surveyId);
  expect(res.survey).toMatchObject({ status: 'closed', year, hasPlan: true });
  const [d, ...schools] = res.units;
  console.log(
    'district',
    d.responses,
    d.codesIssued,
    res.plan?.schools.filter((s) => s.population < 80).map((s) => [s.schoolName, s.population, s.codesToIssue]),
    d.overall?.rate?.toFixed(1),
    schools.map((s) => [s.schoolName, s.responses, s.suppressed, s.overall?.rate?.toFixed(1)]),
  );
  // about 90 % in the district, gate met
  expect(d.overall!.rate!).toBeGreaterThan(87);
  expect(d.overall!.rate!).toBeLessThan(93);
  expect(d.overall!.meetsGate).toBe(true);
  // two schools below 85 %, shown
  expect(schools.filter((s) => !s.suppressed && s.overall?.meetsGate === false)).toHaveLength(2);
  // small returns withheld
  expect(schools.filter((s) => s.suppressed).length).toBeGreaterThanOrEqual(2);
  expect(schools.filter((s) => s.responses > 0 && s.responses < 10)).toHaveLength(2);
  // every response counted in the plan's schools; the responses equal the codes used
  expect(d.responses).toBe(r.responses);
  expect(res.plan?.method.id).toBe('sampling-v1');
  // the district rate is weighted by the plan; the one planned school that returned nothing is named as left out
  expect(res.estimator.method).toBe('stratified');
  expect(res.estimator.leftOut).toEqual(schools.filter((s) => s.responses === 0 && (s.target ?? 0) > 0).map((s) => s.school));
  expect(res.estimator.leftOut).toHaveLength(1);
}, 600_000);
