// The statistics' teacher figures follow from the roster (issue 13): applyRosterTeacherCounts puts the roster's counts
// in the teacher columns and keeps the typed-in ones aside; a form save or a workbook import keeps the roster's figures
// (teacher values given become the typed-in ones); an emptied roster brings the typed-in figures back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../core/db/index.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { auditLog } from '../core/schema.js';
import { DISTRICT, freshDatabase, SCHOOL_A, SCHOOL_B, SCHOOL_C } from '../../test/helpers.js';
import { ensureDistrict, insertSchool, setCurrentYear, teacherOverlay, writeRecord } from './store.js';
import { RegistryService } from './service.js';
import { buildStatsWorkbook } from './excel.js';
import { STAT_FIELDS, type StatValues } from './fields.js';

const YEAR = 2025;
const CODE = SCHOOL_C.code; // 初中
const clerk: CurrentUser = {
  districtId: DISTRICT,
  districtName: '测试县',
  username: 'clerkC',
  displayName: '填报员C',
  role: 'clerk',
  schoolCode: CODE,
  mustChangePassword: false,
  assignedSchools: [],
};

const facilities = { buildingAreaM2: 5000, teachingAuxAreaM2: 3000 };
// Typed in by the school: some teacher figures only.
const typed: StatValues = { teachersTotal: 10, teachersAboveDegree: 9, teachersPostgraduate: 1, teachersAgeUnder30: 4, teachersAge30to39: 3, teachersAge40to49: 2, teachersAge50plus: 1 };
// Counted from the roster (every teacher figure).
const roster: StatValues = {
  teachersTotal: 12,
  teachersAboveDegree: 9,
  teachersPostgraduate: 1,
  backboneCounty: 2,
  backboneCity: 0,
  backboneProvince: 0,
  peTeachers: 1,
  musicTeachers: 0,
  artTeachers: 0,
  seniorTitleTeachers: 5,
  certifiedTeachers: 12,
  teachersAgeUnder30: 5,
  teachersAge30to39: 3,
  teachersAge40to49: 2,
  teachersAge50plus: 2,
};
const teacherKeys = STAT_FIELDS.filter((f) => f.topic === 'teachers').map((f) => f.key);
const full = (v: StatValues) => Object.fromEntries(STAT_FIELDS.map((f) => [f.key, v[f.key] ?? null]));

let database: Database;
let registry: RegistryService;
beforeAll(async () => {
  database = await freshDatabase();
  await ensureDistrict(database.db, DISTRICT, '测试县');
  for (const s of [SCHOOL_A, SCHOOL_B, SCHOOL_C]) await insertSchool(database.db, s);
  await setCurrentYear(database.db, DISTRICT, YEAR);
  registry = new RegistryService(database.db);
});
afterAll(async () => database?.close());

const apply = (code: string, values: StatValues | null) => database.db.transaction((tx) => registry.applyRosterTeacherCounts(tx, DISTRICT, code, YEAR, values, 'personnel'));
const record = (code = CODE) => registry.record(clerk.schoolCode === code ? clerk : { ...clerk, role: 'admin', schoolCode: null }, code, YEAR);

// The differences of the typed figures above from the roster's, by hand, in the registry's order: total 10 ≠ 12; 县级骨干
// empty, roster 2; 体育 empty, 1; 中级职称 empty, 5; 持证 empty, 12; under 30 4 ≠ 5; 50+ 1 ≠ 2. (City / province / music /
// art: empty typed and 0 in the roster — no difference; above-degree 9, postgraduate 1, 30–39 3, 40–49 2 agree.)
const firstDifferences = [
  { key: 'teachersTotal', typed: 10, roster: 12 },
  { key: 'backboneCounty', typed: null, roster: 2 },
  { key: 'peTeachers', typed: null, roster: 1 },
  { key: 'seniorTitleTeachers', typed: null, roster: 5 },
  { key: 'certifiedTeachers', typed: null, roster: 12 },
  { key: 'teachersAgeUnder30', typed: 4, roster: 5 },
  { key: 'teachersAge50plus', typed: 1, roster: 2 },
];

describe('teacher figures from the roster', () => {
  it('a school with typed figures: the roster’s counts stand in, the differences are listed', async () => {
    await registry.saveRecord(clerk, CODE, YEAR, { values: { ...typed, ...facilities }, enrolments: [], classes: [] });
    expect((await record()).teachersSource).toBe('typed');
    await apply(CODE, roster);
    const r = await record();
    expect(r.teachersSource).toBe('roster');
    expect(r.values).toEqual(full({ ...roster, ...facilities }));
    expect(r.rosterDifferences).toEqual(firstDifferences);
    expect(await registry.statsStatus(DISTRICT, CODE, YEAR)).toBe('draft');
  });

  it('the form’s save keeps the roster’s figures and changes the rest', async () => {
    // As the web form sends it while the roster stands: no teacher keys.
    const r = await registry.saveRecord(clerk, CODE, YEAR, { values: { ...facilities, buildingAreaM2: 5100 }, enrolments: [], classes: [] });
    expect(r.values).toEqual(full({ ...roster, ...facilities, buildingAreaM2: 5100 }));
    expect(r.rosterDifferences).toEqual(firstDifferences);
    // The roster's figures sent back as they are (a client that sends the whole record): nothing typed changes.
    const same = await registry.saveRecord(clerk, CODE, YEAR, { values: { ...r.values }, enrolments: [], classes: [] });
    expect(same.rosterDifferences).toEqual(firstDifferences);
    expect(same.values).toEqual(r.values);
  });

  it('teacher figures sent become the typed-in ones; the columns keep the roster’s', async () => {
    const r = await registry.saveRecord(clerk, CODE, YEAR, {
      values: { ...facilities, buildingAreaM2: 5100, ...typed, teachersTotal: 11, teachersAgeUnder30: 5 }, // bands 5+3+2+1 = 11
      enrolments: [],
      classes: [],
    });
    expect(r.values).toEqual(full({ ...roster, ...facilities, buildingAreaM2: 5100 }));
    // Typed now: total 11 ≠ 12; under 30 5 = 5 (no longer a difference); the rest as before.
    expect(r.rosterDifferences).toEqual([
      { key: 'teachersTotal', typed: 11, roster: 12 },
      { key: 'backboneCounty', typed: null, roster: 2 },
      { key: 'peTeachers', typed: null, roster: 1 },
      { key: 'seniorTitleTeachers', typed: null, roster: 5 },
      { key: 'certifiedTeachers', typed: null, roster: 12 },
      { key: 'teachersAge50plus', typed: 1, roster: 2 },
    ]);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'stats'), eq(auditLog.field, 'teachersTotal')));
    expect(audit.map((a) => a.detail)).toEqual(['专任教师数', '专任教师数 ← 教师名册 / from the roster', '专任教师数（录入值）']);
  });

  it('the statistics workbook: its roster figures carried back change nothing; other teacher figures are typed-in', async () => {
    const school = { code: CODE, name: SCHOOL_C.name, level: SCHOOL_C.level };
    const exported = await registry.workbook(clerk, YEAR);
    expect(await registry.importWorkbook(clerk, YEAR, 'export.xlsx', exported)).toMatchObject({ unchanged: true });
    const before = await record();
    const file = await buildStatsWorkbook({
      year: YEAR,
      schools: [school],
      data: new Map([[CODE, { values: { ...before.values, teachersTotal: 13, teachersAgeUnder30: 6 }, enrolments: [], classes: [] }]]),
    });
    // Typed before → the file's: total 11 → 13, 县级骨干 − → 2, 市级 − → 0, 省级 − → 0, 体育 − → 1, 音乐 − → 0, 美术 − → 0,
    // 中级职称 − → 5, 持证 − → 12, under 30 5 → 6, 50+ 1 → 2: 11 changes; the columns none.
    expect(await registry.importWorkbook(clerk, YEAR, 'typed.xlsx', file)).toMatchObject({ changedSchools: 1, changedFields: 11 });
    const r = await record();
    expect(r.values).toEqual(before.values);
    // The file's teacher row (the roster's figures but total 13, under 30 6) is the typed-in one now: total 13 ≠ 12, under 30 6 ≠ 5.
    expect(r.rosterDifferences).toEqual([
      { key: 'teachersTotal', typed: 13, roster: 12 },
      { key: 'teachersAgeUnder30', typed: 6, roster: 5 },
    ]);
  });

  it('a workbook with a blank teachers block changes nothing of a roster school’s typed-in figures', async () => {
    const before = await record();
    const blank = Object.fromEntries(teacherKeys.map((k) => [k, null]));
    // The bureau's district workbook: school B filled its teacher figures (so the sheet counts), C's row is blank there.
    const file = await buildStatsWorkbook({
      year: YEAR,
      schools: [
        { code: SCHOOL_B.code, name: SCHOOL_B.name, level: SCHOOL_B.level },
        { code: CODE, name: SCHOOL_C.name, level: SCHOOL_C.level },
      ],
      data: new Map([
        [SCHOOL_B.code, { values: { ...typed }, enrolments: [], classes: [] }],
        [CODE, { values: { ...before.values, ...blank }, enrolments: [], classes: [] }],
      ]),
    });
    const admin: CurrentUser = { ...clerk, username: 'admin', role: 'admin', schoolCode: null };
    // Only B changes: its 7 typed teacher figures (total, above degree, postgraduate, the four age bands).
    expect(await registry.importWorkbook(admin, YEAR, 'blank.xlsx', file)).toMatchObject({ changedSchools: 1, changedFields: 7 });
    const r = await record();
    expect(r.values).toEqual(before.values);
    expect(r.rosterDifferences).toEqual(before.rosterDifferences);
  });

  it('a record written while the roster stands leaves the teacher columns alone', async () => {
    const before = await teacherOverlay(database.db, DISTRICT, CODE, YEAR);
    const cur = await record();
    // Teacher values that are neither the roster's nor typed: with the roster source they are not written.
    await writeRecord(database.db, DISTRICT, CODE, YEAR, { values: { ...cur.values, teachersTotal: 99, peTeachers: 42 }, enrolments: [], classes: [] }, { status: 'draft' }, undefined, true);
    expect(await teacherOverlay(database.db, DISTRICT, CODE, YEAR)).toEqual(before);
    expect((await record()).values).toEqual(cur.values);
  });

  it('a new roster count keeps the typed-in figures; an emptied roster brings them back', async () => {
    await apply(CODE, { ...roster, teachersTotal: 14, teachersAgeUnder30: 7 });
    const r = await record();
    expect(r.values.teachersTotal).toBe(14);
    expect(r.rosterDifferences).toEqual([
      { key: 'teachersTotal', typed: 13, roster: 14 },
      { key: 'teachersAgeUnder30', typed: 6, roster: 7 },
    ]);
    await apply(CODE, null);
    const back = await record();
    expect(back.teachersSource).toBe('typed');
    expect(back.rosterDifferences).toEqual([]);
    // The typed-in figures of the workbook import (the roster's of then but total 13, under 30 6), facilities untouched.
    expect(back.values).toEqual(full({ ...roster, teachersTotal: 13, teachersAgeUnder30: 6, ...facilities, buildingAreaM2: 5100 }));
    expect(await teacherOverlay(database.db, DISTRICT, CODE, YEAR)).toMatchObject({ teachersSource: null, typedTeachers: null });
    // Emptying again changes nothing.
    await apply(CODE, null);
    expect((await record()).values).toEqual(back.values);
  });

  it('a school without statistics: a draft row with the roster’s figures and nothing typed to compare', async () => {
    expect(await registry.statsStatus(DISTRICT, SCHOOL_A.code, YEAR)).toBeNull();
    await apply(SCHOOL_A.code, null); // no row, no roster: nothing happens
    expect(await registry.statsStatus(DISTRICT, SCHOOL_A.code, YEAR)).toBeNull();
    await apply(SCHOOL_A.code, roster);
    const r = await record(SCHOOL_A.code);
    expect(r).toMatchObject({ status: 'draft', teachersSource: 'roster', rosterDifferences: [] });
    expect(r.values).toEqual(full(roster));
    expect(await database.db.transaction((tx) => registry.statsStatus(DISTRICT, SCHOOL_A.code, YEAR, tx))).toBe('draft');
    const c = (await record()).values;
    const teacherPart = (v: StatValues) => Object.fromEntries(teacherKeys.map((k) => [k, v[k] ?? null]));
    expect(await registry.teacherFigures(DISTRICT, [SCHOOL_A.code, CODE], YEAR)).toEqual([
      { schoolCode: SCHOOL_A.code, status: 'draft', teachersSource: 'roster', typed: teacherPart({}), figures: roster },
      { schoolCode: CODE, status: 'draft', teachersSource: 'typed', typed: teacherPart(c), figures: teacherPart(c) },
    ]);
  });
});
