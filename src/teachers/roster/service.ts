// Teachers: roster (教师名册) — a school's teachers of a school year, kept by the school (or the bureau's personnel staff):
// imported whole from the school's sheet (all or nothing, persons matched by 身份证号 hash, 工号 or name and birth year),
// edited row by row, started from the year before with the year's moves (结转), exported. Writes are allowed while the
// school's statistics of the year are open (write-rule.ts) and each, in its transaction, recomputes the statistics'
// teacher figures from the roster (derive.ts → the registry). Every change is audited with its old and new values; the
// routes audit every read and export of rows.
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../core/http/errors.js';
import { recordAudit, type AuditEntry } from '../../core/audit/store.js';
import { registerAuditFields } from '../../core/audit/labels.js';
import { registerAuditNamer } from '../../core/audit/service.js';
import type { StatValues } from '../../registry/fields.js';
import { registrySchools, schoolNames } from '../../registry/lookup.js';
import type { School, SchoolLevel, StatStatus } from '../../registry/model.js';
import { invalidFile, type ImportProblem } from '../../wellbeing/import-problems.js';
import { districtIdKey, hashIdNumber } from '../id-hash.js';
import { SECTIONS, type RosterFileRow, type RosterTeacher } from '../model.js';
import { movesOfSchoolYear } from '../moves/store.js';
import type { TeachersDeps } from '../deps.js';
import { planCarryForward } from './carry-forward.js';
import type { CarryForwardWire, RosterImportWire, RosterListWire, RosterRowWire, RosterSchoolWire, RosterSchoolsWire, TeacherDetailWire } from './contract.js';
import { deriveBySection, deriveTeacherStats, rosterDifferences } from './derive.js';
import { formProblems, type RosterForm } from './form-check.js';
import { matchPersons, nameBirthKey, type MatchKind } from './person-match.js';
import { readRosterFile } from './read-file.js';
import { rosterTemplate, rosterWorkbook } from './roster-xlsx.js';
import { hasSections, sectionNeedsCheck, sectionsOfLevel } from './sections.js';
import * as store from './store.js';
import { rosterWriteRefusal } from './write-rule.js';

type User = Pick<Actor, 'districtId' | 'username' | 'can' | 'schools'>;

/** Audit entities: a school's roster of a year (import, 结转, reads, exports), one row of it, one teacher (reads). */
export const ROSTER_ENTITY = 'teacher-roster';
export const ROW_ENTITY = 'teacher-year';
export const TEACHER_ENTITY = 'teacher';
const rosterKey = (school: string, year: number) => `${school}/${year}`;
const rowKey = (school: string, year: number, teacherId: string) => `${school}/${year}/${teacherId}`;

/** What the log keeps of a changed name, sex or birth year (the values themselves never go there). */
export const PERSON_CHANGED = '已修改 / changed';
const changedWord = (v: unknown, lang: 'zh' | 'en') => (v == null ? null : lang === 'en' ? 'changed' : '已修改');
// The roster's fields in the audit log by their names (the values are the stored words; a person's name, sex and birth
// year only as changed — the log is read by users who may not see teachers' personal data).
const ROW_FIELDS: Record<string, { zh: string; en: string; value?: (v: unknown, lang: 'zh' | 'en') => string | null }> = {
  teacherId: { zh: '教师编号', en: 'teacher id' },
  name: { zh: '姓名', en: 'name', value: changedWord },
  sex: { zh: '性别', en: 'sex', value: changedWord },
  birthYear: { zh: '出生年份', en: 'birth year', value: changedWord },
  idNumber: { zh: '身份证号', en: 'ID number', value: (v, lang) => (v ? (lang === 'en' ? 'given (kept as a keyed hash)' : '已登记（仅存摘要）') : null) },
  section: { zh: '学部', en: 'section' },
  staffNo: { zh: '工号', en: 'staff number' },
  subjects: { zh: '任教学科', en: 'subjects' },
  post: { zh: '岗位', en: 'post' },
  qualification: { zh: '最高学历', en: 'qualification' },
  title: { zh: '职称', en: 'title' },
  certified: { zh: '教师资格证', en: 'certified' },
  backboneLevel: { zh: '骨干级别', en: '骨干 level' },
  backboneYear: { zh: '骨干认定年份', en: '骨干 year' },
  tier: { zh: '梯队', en: 'tier' },
  schoolSince: { zh: '本校任教起始年', en: 'at the school since' },
  employment: { zh: '用工形式', en: 'employment' },
};
const ROSTER_FIELDS: Record<string, { zh: string; en: string }> = {
  rows: { zh: '教职工人数', en: 'staff' },
  fullTime: { zh: '专任教师数', en: 'full-time teachers' },
  added: { zh: '新登记教师', en: 'new teachers' },
  removed: { zh: '移出名册', en: 'removed' },
  matched: { zh: '识别为已登记教师', en: 'matched to known teachers' },
  stayed: { zh: '留任', en: 'stayed' },
  left: { zh: '调出', en: 'left' },
  arrived: { zh: '调入', en: 'arrived' },
  skipped: { zh: '未结转', en: 'skipped' },
  from: { zh: '结转自学年', en: 'carried from the year' },
};
registerAuditFields((entity, field) => (entity === ROW_ENTITY ? (ROW_FIELDS[field] ?? null) : entity === ROSTER_ENTITY ? (ROSTER_FIELDS[field] ?? null) : null));
// Keys `school/year[/teacher]` named by the school's name and the school year (a teacher by id only: no names in the log).
registerAuditNamer(async (db, districtId, entity, keys) => {
  if (entity !== ROSTER_ENTITY && entity !== ROW_ENTITY) return new Map();
  const names = await schoolNames(db, districtId);
  return new Map(
    keys.flatMap((k): [string, string][] => {
      const [code, year, teacher] = k.split('/');
      const name = names.get(code);
      if (!name || !/^\d{4}$/.test(year ?? '')) return [];
      return [[k, `${name}（${year}–${Number(year) + 1}学年）${teacher ? ` ${teacher}` : ''}`]];
    }),
  );
});

/** A stored row as the wire shows it: with age and years at the school in that year. */
export function rowWire(e: store.RosterEntry, year = e.year): RosterRowWire {
  const { year: _y, ...t } = e;
  return { ...t, age: year - e.birthYear, yearsAtSchool: year - e.schoolSince };
}

/**
 * The audited values of a row: the teacher id and the post. No name, sex or birth year (personal data: the audit log is
 * read by admins and analysts without 'teachers.roster'); the 身份证号 only as given or not.
 */
const auditValues = (t: RosterTeacher) => ({
  teacherId: t.teacherId,
  section: t.section,
  staffNo: t.staffNo,
  subjects: t.subjects.join('、'),
  post: t.post,
  qualification: t.qualification,
  title: t.title,
  certified: t.certified,
  backboneLevel: t.backboneLevel,
  backboneYear: t.backboneYear,
  tier: t.tier,
  schoolSince: t.schoolSince,
  employment: t.employment,
});

/**
 * A teacher on another school's roster of the year (one teacher, one school a year): named with that school for a user
 * who sees every school; a user of one school (or a few) is not told which school holds the ID number or 工号, nor the id.
 */
const elsewhereMessage = (user: User, teacherId: string, schoolName: string, year: number) =>
  user.schools === 'all'
    ? `该教师（${teacherId}）已在${schoolName}的 ${year} 学年名册中；请先由该校移出或登记调动 / this teacher (${teacherId}) is on the ${year} roster of ${schoolName}: have that school remove them or record the move first`
    : `该教师已在其他学校的名册中；请先由该校移出或登记调动 / this teacher is on another school's roster: have that school remove them or record the move first`;

/** A school as a write refusal names it: by name where the user sees it, else 其他学校 / another school. */
const schoolAsSeen = (user: User, code: string, name: string) => (user.schools === 'all' || user.schools.includes(code) ? name : { zh: '其他学校', en: 'another school' });

/** A person's name, sex and birth year as a form or a file row gives them. */
type PersonFacts = Pick<RosterTeacher, 'teacherId' | 'name' | 'sex' | 'birthYear'>;

/** The audit entries of a person's changed name, sex and birth year: the field, and PERSON_CHANGED for the values. */
const personChanges = (before: Omit<PersonFacts, 'teacherId'>, now: Omit<PersonFacts, 'teacherId'>) =>
  (['name', 'sex', 'birthYear'] as const).filter((k) => before[k] !== now[k]).map((field) => ({ field, oldValue: null, newValue: PERSON_CHANGED }));

const fullTimeOf = (rows: readonly { post: string }[]) => rows.filter((r) => r.post === '专任').length;

export class RosterService {
  constructor(
    readonly db: Db,
    readonly deps: TeachersDeps,
  ) {}

  // ---------- reads ----------

  /** The schools of the caller's scope with their roster of the year: present, counts, the statistics and differences. */
  async schools(user: User, year: number): Promise<RosterSchoolsWire> {
    return { year, schools: await this.districtSummary(user.districtId, year, user.schools === 'all' ? undefined : user.schools) };
  }

  /**
   * Per school of the district (or of `codes`), for the other sub-areas and the overview: whether it has a roster of the
   * year, its rows and 专任 rows, its statistics' status and source, and the typed-in teacher figures that differ from
   * the roster's (rosterDifferences). No teacher's row leaves this method.
   */
  async districtSummary(districtId: string, year: number, codes?: readonly string[]): Promise<RosterSchoolWire[]> {
    const all = await this.deps.registry.districtSchools(districtId);
    const mine = codes ? all.filter((s) => codes.includes(s.code)) : all;
    const list = mine.map((s) => s.code);
    const [roster, records] = await Promise.all([store.rosterEntriesOfYear(this.db, districtId, year, list), this.deps.registry.teacherFigures(districtId, list, year)]);
    const bySchool = new Map<string, store.RosterEntry[]>();
    for (const r of roster) bySchool.set(r.schoolCode, [...(bySchool.get(r.schoolCode) ?? []), r]);
    const recordOf = new Map(records.map((r) => [r.schoolCode, r]));
    return mine.map((s) => {
      const rows = bySchool.get(s.code) ?? [];
      const rec = recordOf.get(s.code);
      return {
        code: s.code,
        name: s.name,
        level: s.level,
        hasRoster: rows.length > 0,
        rows: rows.length,
        fullTime: fullTimeOf(rows),
        status: rec?.status ?? null,
        fromRoster: rec?.teachersSource === 'roster',
        differences: rows.length > 0 && rec ? rosterDifferences(rec.typed, deriveTeacherStats(rows, s.level, year)) : [],
        sectionToCheck: rows.filter((r) => sectionNeedsCheck(s.level, r.section)).length,
      };
    });
  }

  /** A school's roster of a year, with what the caller may do with it. */
  async list(user: User, school: string, year: number): Promise<RosterListWire> {
    this.mayRead(user, school);
    const s = await this.schoolOf(user.districtId, school);
    const [rows, status, before] = await Promise.all([
      store.schoolRoster(this.db, user.districtId, school, year),
      this.statusOf(user.districtId, school, year),
      store.rosterTallies(this.db, user.districtId, year - 1),
    ]);
    const canEdit = user.can('teachers.edit', school);
    const lockedReason = canEdit ? rosterWriteRefusal(status, user.can('stats.review', school), s.name, year) : null;
    return {
      school: { code: s.code, name: s.name, level: s.level },
      year,
      sections: sectionsOfLevel(s.level),
      status: status ?? 'draft',
      writable: canEdit && lockedReason === null,
      lockedReason,
      previousYearRows: before.get(school)?.rows ?? 0,
      sectionToCheck: rows.filter((r) => sectionNeedsCheck(s.level, r.section)).length,
      bySection: hasSections(s.level) ? Object.fromEntries(deriveBySection(rows, s.level, year)) : null,
      rows: rows.map((r) => rowWire(r)),
    };
  }

  /** One teacher with their posts by year, at the schools of the caller's scope (404 when there are none). */
  async teacher(user: User, teacherId: string): Promise<TeacherDetailWire> {
    const d = user.districtId;
    const person = await store.personOf(this.db, d, teacherId);
    const posts = (await store.postsOfTeacher(this.db, d, teacherId)).filter((p) => user.can('teachers.roster', p.schoolCode));
    if (!person || posts.length === 0) throw notFound(`没有可查看的教师 ${teacherId} / no teacher ${teacherId} you may see`);
    const names = await this.schoolNames(d);
    return {
      teacherId,
      name: person.name,
      sex: person.sex,
      birthYear: person.birthYear,
      hasIdNumber: person.hasIdNumber,
      posts: posts.sort((a, b) => b.year - a.year).map((p) => ({ ...rowWire(p), year: p.year, schoolName: names.get(p.schoolCode) ?? p.schoolCode })),
    };
  }

  /** The fill-in template: of one school (its name and sections), or of the district (every section). */
  async template(user: User, school?: string): Promise<{ file: Buffer; name: string }> {
    if (!school) return { file: await rosterTemplate(null, [...SECTIONS]), name: '教师名册模板.xlsx' };
    this.mayEdit(user, school);
    const s = await this.schoolOf(user.districtId, school);
    return { file: await rosterTemplate(s.name, sectionsOfLevel(s.level)), name: `教师名册模板-${s.name}.xlsx` };
  }

  /** The roster of a year as .xlsx: one school, or every school of the caller's scope. */
  async exportFile(user: User, year: number, school?: string): Promise<{ file: Buffer; name: string; rows: number }> {
    const d = user.districtId;
    if (school) this.mayRead(user, school);
    const names = await this.schoolNames(d);
    if (school && !names.has(school)) throw notFound(`没有学校 ${school} / no school ${school}`);
    const rows = await store.rosterEntriesOfYear(this.db, d, year, school ? [school] : user.schools === 'all' ? undefined : user.schools);
    const file = await rosterWorkbook(
      rows.map((r) => ({ ...store.teacherOf(r), schoolName: names.get(r.schoolCode) ?? r.schoolCode })),
      year,
    );
    const what = school ? names.get(school)! : '全部学校';
    return { file, name: `教师名册-${what}-${year}-${year + 1}.xlsx`, rows: rows.length };
  }

  // ---------- writes ----------

  /** Replaces a school's roster of a year by a file (all or nothing) and recomputes the statistics' teacher figures. */
  async importFile(user: User, school: string, year: number, fileName: string, buf: Buffer): Promise<RosterImportWire> {
    this.mayEdit(user, school);
    const d = user.districtId;
    const all = await this.deps.registry.districtSchools(d);
    const s = all.find((x) => x.code === school);
    if (!s) throw notFound(`没有学校 ${school} / no school ${school}`);
    const read = await readRosterFile(buf, fileName, { year, ownSchool: school, schools: new Map(all.map((x) => [x.code, { level: x.level, name: x.name }])) });
    if ('problems' in read) throw invalidFile(fileName, read.problems, '教师名册');
    const key = await districtIdKey(this.db, d);
    return this.db.transaction(async (tx) => {
      await store.lockRoster(tx, d);
      await this.mustBeOpen(tx, user, s, year);
      const before = await store.schoolRoster(tx, d, school, year);
      const { teachers, kinds, newPersons, changedPersons } = await this.identify(tx, user, s, year, read.rows, key, fileName, all);
      const others = await this.otherRostersOfChanged(tx, user, changedPersons, { school, year }, all);
      await store.insertPersons(tx, d, newPersons, user.username);
      for (const p of changedPersons) await store.updatePerson(tx, d, p);
      await store.replaceSchoolRoster(tx, d, school, year, teachers, user.username);
      const kept = new Set(teachers.map((t) => t.teacherId));
      const removed = before.filter((b) => !kept.has(b.teacherId));
      await store.deleteOrphanPersons(
        tx,
        d,
        removed.map((r) => r.teacherId),
      );
      const figures = await this.recompute(tx, d, s, year, user.username);
      for (const o of others) await this.recompute(tx, d, o.school, o.year, user.username);
      const count = (k: MatchKind) => kinds.filter((x) => x === k).length;
      const out = {
        fileName,
        rows: teachers.length,
        fullTime: fullTimeOf(teachers),
        figures,
        matched: { idNumber: count('idNumber'), staffNo: count('staffNo'), nameBirth: count('nameBirth') },
        added: count('new'),
        removed: removed.length,
      };
      await recordAudit(tx, d, [
        {
          username: user.username,
          action: 'import',
          entity: ROSTER_ENTITY,
          entityKey: rosterKey(school, year),
          detail: fileName,
          rowCount: teachers.length,
          oldValue: { rows: before.length, fullTime: fullTimeOf(before) },
          newValue: { rows: out.rows, fullTime: out.fullTime, added: out.added, removed: out.removed, matched: out.rows - out.added },
        },
      ]);
      return out;
    });
  }

  /** Adds one teacher (a known person when the 身份证号 names one) to a school's roster of a year. */
  async addRow(user: User, school: string, year: number, form: RosterForm) {
    this.mayEdit(user, school);
    const d = user.districtId;
    const all = await this.deps.registry.districtSchools(d);
    const s = this.schoolIn(all, school);
    this.checkForm(form, s, year);
    const hash = form.idNumber?.trim() ? hashIdNumber(await districtIdKey(this.db, d), form.idNumber) : null;
    const names = new Map(all.map((x) => [x.code, x.name]));
    return this.db.transaction(async (tx) => {
      await store.lockRoster(tx, d);
      await this.mustBeOpen(tx, user, s, year);
      const roster = await store.schoolRoster(tx, d, school, year);
      const known = hash ? (await store.personsByIdHash(tx, d, [hash])).get(hash)?.teacherId : undefined;
      const at = known ? (await store.schoolsOfTeachers(tx, d, year, [known])).get(known) : undefined;
      if (known && at === school) throw conflict(`该教师（${known}）已在本校 ${year} 学年名册中，请修改其记录 / this teacher (${known}) is already on the school’s ${year} roster: edit that row`);
      if (known && at) throw conflict(elsewhereMessage(user, known, names.get(at) ?? at, year));
      this.checkStaffNo(roster, form.staffNo, null);
      let teacherId: string;
      let others: { school: School; year: number }[] = [];
      let changed: ReturnType<typeof personChanges> = [];
      if (known) {
        teacherId = known;
        const person = { teacherId, name: form.name, sex: form.sex, birthYear: form.birthYear };
        others = await this.otherRostersOfChanged(tx, user, [person], { school, year }, all);
        const stored = await store.personOf(tx, d, known);
        changed = stored ? personChanges(stored, person) : [];
        await store.updatePerson(tx, d, person);
      } else {
        [teacherId] = await store.nextTeacherIds(tx, d, 1);
        await store.insertPersons(tx, d, [{ teacherId, name: form.name, sex: form.sex, birthYear: form.birthYear, idHash: hash }], user.username);
      }
      const row = this.teacherOfForm(teacherId, school, form);
      await store.upsertRosterRow(tx, d, year, row, user.username);
      const figures = await this.recompute(tx, d, s, year, user.username);
      for (const o of others) await this.recompute(tx, d, o.school, o.year, user.username);
      const key = rowKey(school, year, teacherId);
      await recordAudit(tx, d, [
        {
          username: user.username,
          action: 'create',
          entity: ROW_ENTITY,
          entityKey: key,
          detail: known ? '已登记教师加入名册 / a known teacher added' : '新教师 / a new teacher',
          newValue: { ...auditValues(row), ...(hash ? { idNumber: true } : {}) },
        },
        ...changed.map((c) => ({ username: user.username, action: 'update', entity: ROW_ENTITY, entityKey: key, ...c })),
      ]);
      const entry = (await store.rosterEntry(tx, d, year, teacherId))!;
      return { row: rowWire(entry), rows: roster.length + 1, fullTime: fullTimeOf([...roster, row]), figures };
    });
  }

  /** Changes one teacher's row (and their name, sex, birth year and 身份证号 on the person). */
  async updateRow(user: User, school: string, year: number, teacherId: string, form: RosterForm) {
    this.mayEdit(user, school);
    const d = user.districtId;
    const all = await this.deps.registry.districtSchools(d);
    const s = this.schoolIn(all, school);
    this.checkForm(form, s, year);
    const hash = form.idNumber?.trim() ? hashIdNumber(await districtIdKey(this.db, d), form.idNumber) : null;
    return this.db.transaction(async (tx) => {
      await store.lockRoster(tx, d);
      await this.mustBeOpen(tx, user, s, year);
      const roster = await store.schoolRoster(tx, d, school, year);
      const before = roster.find((r) => r.teacherId === teacherId);
      if (!before) throw notFound(`本校 ${year} 学年名册中没有教师 ${teacherId} / no teacher ${teacherId} on the school’s ${year} roster`);
      this.checkStaffNo(roster, form.staffNo, teacherId);
      if (hash) {
        const owner = (await store.personsByIdHash(tx, d, [hash])).get(hash)?.teacherId;
        if (owner && owner !== teacherId) throw conflict(`该身份证号已登记为另一位教师（${owner}） / this ID number belongs to another teacher (${owner})`);
        const stored = (await store.idHashesOf(tx, d, [teacherId])).get(teacherId) ?? null;
        if (stored && stored !== hash) throw conflict('该教师已登记了另一个身份证号，不能更改 / this teacher has another ID number on record: it cannot change');
      }
      const person = { teacherId, name: form.name, sex: form.sex, birthYear: form.birthYear };
      const others = await this.otherRostersOfChanged(tx, user, [person], { school, year }, all);
      await store.updatePerson(tx, d, { ...person, idHash: hash });
      const row = this.teacherOfForm(teacherId, school, form);
      await store.upsertRosterRow(tx, d, year, row, user.username);
      const figures = await this.recompute(tx, d, s, year, user.username);
      for (const o of others) await this.recompute(tx, d, o.school, o.year, user.username);
      const old = auditValues(before) as Record<string, unknown>;
      const now = auditValues(row) as Record<string, unknown>;
      const changes: AuditEntry[] = [
        ...personChanges(before, person),
        ...Object.keys(now)
          .filter((k) => old[k] !== now[k])
          .map((field) => ({ field, oldValue: old[field], newValue: now[field] })),
      ].map((c) => ({ username: user.username, action: 'update', entity: ROW_ENTITY, entityKey: rowKey(school, year, teacherId), ...c }));
      if (hash && !before.hasIdNumber)
        changes.push({ username: user.username, action: 'update', entity: ROW_ENTITY, entityKey: rowKey(school, year, teacherId), field: 'idNumber', oldValue: false, newValue: true });
      await recordAudit(tx, d, changes);
      const entry = (await store.rosterEntry(tx, d, year, teacherId))!;
      const after = roster.map((r) => (r.teacherId === teacherId ? row : r));
      return { row: rowWire(entry), rows: after.length, fullTime: fullTimeOf(after), figures };
    });
  }

  /** Removes one teacher from a school's roster of a year. */
  async deleteRow(user: User, school: string, year: number, teacherId: string) {
    this.mayEdit(user, school);
    const d = user.districtId;
    const s = await this.schoolOf(d, school);
    return this.db.transaction(async (tx) => {
      await store.lockRoster(tx, d);
      await this.mustBeOpen(tx, user, s, year);
      const roster = await store.schoolRoster(tx, d, school, year);
      const before = roster.find((r) => r.teacherId === teacherId);
      if (!before) throw notFound(`本校 ${year} 学年名册中没有教师 ${teacherId} / no teacher ${teacherId} on the school’s ${year} roster`);
      await store.deleteRosterRow(tx, d, year, teacherId);
      await store.deleteOrphanPersons(tx, d, [teacherId]);
      const figures = await this.recompute(tx, d, s, year, user.username);
      await recordAudit(tx, d, [{ username: user.username, action: 'delete', entity: ROW_ENTITY, entityKey: rowKey(school, year, teacherId), oldValue: auditValues(before) }]);
      const after = roster.filter((r) => r.teacherId !== teacherId);
      return { rows: after.length, fullTime: fullTimeOf(after), figures };
    });
  }

  /** 结转: starts a school's roster of `year` from its roster of year − 1 and the moves that start in `year`. */
  async carryForward(user: User, school: string, year: number): Promise<CarryForwardWire> {
    this.mayEdit(user, school);
    const d = user.districtId;
    const all = await this.deps.registry.districtSchools(d);
    const s = all.find((x) => x.code === school);
    if (!s) throw notFound(`没有学校 ${school} / no school ${school}`);
    const names = new Map(all.map((x) => [x.code, x.name]));
    return this.db.transaction(async (tx) => {
      await store.lockRoster(tx, d);
      await this.mustBeOpen(tx, user, s, year);
      if ((await store.schoolRoster(tx, d, school, year)).length > 0)
        throw conflict(`${s.name} ${year}–${year + 1}学年已有教师名册，不能再结转；请导入或逐条修改 / ${s.name} already has a roster for ${year}–${year + 1}: import or edit it instead`);
      const previous = (await store.schoolRoster(tx, d, school, year - 1)).map(store.teacherOf);
      const moves = await movesOfSchoolYear(tx, d, year);
      const arriving = [...new Set(moves.filter((m) => m.toSchool === school).map((m) => m.teacherId))];
      const arrivalsBefore = new Map((await store.rosterEntriesOfYear(tx, d, year - 1)).filter((e) => arriving.includes(e.teacherId)).map((e) => [e.teacherId, store.teacherOf(e)]));
      const candidates = [...new Set([...previous.map((t) => t.teacherId), ...arriving])];
      const elsewhere = new Map([...(await store.schoolsOfTeachers(tx, d, year, candidates))].filter(([, code]) => code !== school));
      const plan = planCarryForward({ school, level: s.level, year, previous, moves, arrivalsBefore, levelOf: new Map(all.map((x) => [x.code, x.level])), elsewhere });
      if (plan.rows.length === 0 && previous.length === 0)
        throw conflict(
          `${s.name} ${year - 1}–${year}学年没有教师名册，也没有本学年调入的教师，无可结转 / ${s.name} has no roster for ${year - 1}–${year} and nobody arrives: nothing to carry forward`,
        );
      await store.replaceSchoolRoster(tx, d, school, year, plan.rows, user.username);
      const figures = await this.recompute(tx, d, s, year, user.username);
      await recordAudit(tx, d, [
        {
          username: user.username,
          action: 'carry-forward',
          entity: ROSTER_ENTITY,
          entityKey: rosterKey(school, year),
          detail: `由 ${year - 1} 学年结转 / carried forward from ${year - 1}`,
          rowCount: plan.rows.length,
          newValue: { from: year - 1, rows: plan.rows.length, stayed: plan.stayed, left: plan.left.length, arrived: plan.arrived.length, skipped: plan.skipped.length },
        },
      ]);
      const mover = (m: (typeof plan.left)[number]) => ({ ...m, schoolName: names.get(m.schoolCode) ?? m.schoolCode });
      return {
        year,
        rows: plan.rows.length,
        fullTime: fullTimeOf(plan.rows),
        figures,
        stayed: plan.stayed,
        left: plan.left.map(mover),
        arrived: plan.arrived.map(mover),
        skipped: plan.skipped,
      };
    });
  }

  /**
   * Recomputes a school's statistics' teacher figures of a year from its stored roster, in the caller's transaction
   * (the demo, and every roster write). Returns the figures (null: no 专任 rows, the figures are typed in again).
   */
  async syncStatistics(tx: Db, districtId: string, schoolCode: string, year: number, by = 'system'): Promise<StatValues | null> {
    // Read through the transaction: on PGlite a statement outside it would wait for its end.
    const s = (await registrySchools(tx, districtId)).find((x) => x.code === schoolCode);
    if (!s) throw notFound(`没有学校 ${schoolCode} / no school ${schoolCode}`);
    return this.recompute(tx, districtId, { code: s.code, level: s.level }, year, by);
  }

  // ---------- helpers ----------

  private async recompute(tx: Db, districtId: string, s: Pick<School, 'code' | 'level'>, year: number, by: string): Promise<StatValues | null> {
    const rows = await store.schoolRoster(tx, districtId, s.code, year);
    // 专任 rows decide: without any, the statistics' teacher figures go back to the typed-in ones.
    const values = rows.some((r) => r.post === '专任') ? deriveTeacherStats(rows, s.level, year) : null;
    await this.deps.registry.applyRosterTeacherCounts(tx, districtId, s.code, year, values, by);
    return values;
  }

  /** Who the file's rows are: known persons (by 身份证号, 工号, name and birth year) or new ones; conflicts refuse the file. */
  private async identify(tx: Db, user: User, s: School, year: number, rows: RosterFileRow[], key: string, fileName: string, all: School[]) {
    const d = user.districtId;
    const hashed = rows.map((r) => ({ ...r, idHash: r.idNumber ? hashIdNumber(key, r.idNumber) : null }));
    const [byHash, staffNow, staffBefore, now, before] = await Promise.all([
      store.personsByIdHash(
        tx,
        d,
        hashed.flatMap((r) => (r.idHash ? [r.idHash] : [])),
      ),
      store.personsByStaffNo(tx, d, s.code, year),
      store.personsByStaffNo(tx, d, s.code, year - 1),
      store.schoolRoster(tx, d, s.code, year),
      store.schoolRoster(tx, d, s.code, year - 1),
    ]);
    const byNameBirth = new Map<string, string[]>();
    for (const e of [...now, ...before]) {
      const k = nameBirthKey(e.name, e.birthYear);
      const ids = byNameBirth.get(k) ?? [];
      if (!ids.includes(e.teacherId)) byNameBirth.set(k, [...ids, e.teacherId]);
    }
    const candidates = [
      ...new Set([
        ...[...byHash.values()].map((p) => p.teacherId),
        ...[...staffNow.values(), ...staffBefore.values()].map((p) => p.teacherId),
        ...now.map((e) => e.teacherId),
        ...before.map((e) => e.teacherId),
      ]),
    ];
    const [hashOf, onRoster] = await Promise.all([store.idHashesOf(tx, d, candidates), store.schoolsOfTeachers(tx, d, year, candidates)]);
    const ids = (m: Map<string, { teacherId: string }>) => new Map([...m].map(([k, v]) => [k, v.teacherId]));
    const { matched, conflicts } = matchPersons(hashed, {
      byHash: ids(byHash),
      byStaffNo: [ids(staffNow), ids(staffBefore)],
      byNameBirth,
      hashOf,
      elsewhere: new Map([...onRoster].filter(([, code]) => code !== s.code)),
    });
    if (conflicts.length) {
      const names = new Map(all.map((x) => [x.code, x.name]));
      const problems: ImportProblem[] = conflicts.map((c) => ({
        row: c.row,
        column: '身份证号',
        message: elsewhereMessage(user, c.teacherId, names.get(c.schoolCode) ?? c.schoolCode, year),
      }));
      throw invalidFile(fileName, problems, '教师名册');
    }
    const fresh = await store.nextTeacherIds(tx, d, matched.filter((m) => m.kind === 'new').length);
    const newPersons: store.PersonInput[] = [];
    const changedPersons: store.PersonInput[] = [];
    const known = new Map([...now, ...before].map((e) => [e.teacherId, e]));
    const teachers: RosterTeacher[] = hashed.map((r, i) => {
      const m = matched[i];
      const teacherId = m.teacherId ?? fresh[newPersons.length];
      const person = { teacherId, name: r.name, sex: r.sex, birthYear: r.birthYear, idHash: r.idHash };
      if (!m.teacherId) newPersons.push(person);
      else {
        const k = known.get(teacherId);
        const hashNew = r.idHash !== null && hashOf.get(teacherId) !== r.idHash;
        if (!k || k.name !== r.name || k.sex !== r.sex || k.birthYear !== r.birthYear || hashNew) changedPersons.push(person);
      }
      const { row: _row, idNumber: _id, idHash: _hash, ...t } = r;
      return { ...t, teacherId, schoolCode: s.code };
    });
    return { teachers, kinds: matched.map((m) => m.kind), newPersons, changedPersons };
  }

  /**
   * A person's name, sex and birth year hold for every year. When the sex or the birth year of one of these persons
   * changes, each other (school, year) roster they are on changes too: every one must be open to this user (409 with the
   * write rule's message otherwise, the school unnamed where the user does not see it). Returns those rosters, for the
   * caller to recompute after its write in the same transaction.
   */
  private async otherRostersOfChanged(tx: Db, user: User, persons: readonly PersonFacts[], here: { school: string; year: number }, all: readonly School[]) {
    const d = user.districtId;
    const stored = await store.personsOf(
      tx,
      d,
      persons.map((p) => p.teacherId),
    );
    const changed = persons.filter((p) => {
      const was = stored.get(p.teacherId);
      return was !== undefined && (was.sex !== p.sex || was.birthYear !== p.birthYear);
    });
    const posts = await store.postsOfPersons(
      tx,
      d,
      changed.map((p) => p.teacherId),
    );
    const byCode = new Map(all.map((x) => [x.code, x]));
    const others = new Map<string, { school: School; year: number }>();
    for (const list of posts.values())
      for (const p of list) {
        const school = byCode.get(p.schoolCode);
        if (school && !(p.schoolCode === here.school && p.year === here.year)) others.set(rosterKey(p.schoolCode, p.year), { school, year: p.year });
      }
    for (const o of others.values()) {
      const refusal = rosterWriteRefusal(await this.statusOf(d, o.school.code, o.year, tx), user.can('stats.review', o.school.code), schoolAsSeen(user, o.school.code, o.school.name), o.year);
      if (refusal) throw new AppError(409, 'stats_locked', refusal);
    }
    return [...others.values()];
  }

  private teacherOfForm(teacherId: string, school: string, f: RosterForm): RosterTeacher {
    return {
      teacherId,
      name: f.name,
      sex: f.sex,
      birthYear: f.birthYear,
      schoolCode: school,
      section: f.section,
      staffNo: f.staffNo,
      subjects: f.subjects,
      post: f.post,
      qualification: f.qualification,
      title: f.title,
      certified: f.certified,
      backboneLevel: f.backboneLevel,
      backboneYear: f.backboneYear,
      tier: f.tier,
      schoolSince: f.schoolSince,
      employment: f.employment,
    };
  }

  private checkForm(form: RosterForm, s: School, year: number) {
    const sections = sectionsOfLevel(s.level);
    const f = sections.length === 1 ? { ...form, section: null } : form;
    const problems = formProblems(f, s.level, year);
    if (problems.length) throw badRequest(`请求数据有误 / invalid request: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, { problems });
    form.section = f.section;
  }

  private checkStaffNo(roster: readonly store.RosterEntry[], staffNo: string | null, self: string | null) {
    if (!staffNo) return;
    const other = roster.find((r) => r.staffNo === staffNo && r.teacherId !== self);
    if (other)
      throw badRequest(`工号 ${staffNo} 已由本校另一位教师（${other.teacherId}）使用 / staff number ${staffNo} is used by another teacher (${other.teacherId})`, {
        problems: [{ field: 'body.staffNo', reason: `工号 ${staffNo} 已被使用 / staff number ${staffNo} is taken` }],
      });
  }

  /** 409 when the school's statistics of the year are closed to roster changes (write-rule.ts). */
  private async mustBeOpen(tx: Db, user: User, s: School, year: number) {
    const refusal = rosterWriteRefusal(await this.statusOf(user.districtId, s.code, year, tx), user.can('stats.review', s.code), s.name, year);
    if (refusal) throw new AppError(409, 'stats_locked', refusal);
  }

  private async statusOf(districtId: string, code: string, year: number, tx?: Db): Promise<StatStatus | null> {
    return (await this.deps.registry.statsStatus(districtId, code, year, tx)) ?? null;
  }

  private mayRead(user: User, school: string) {
    if (!user.can('teachers.roster', school)) throw forbidden('教师个人信息仅限教育局人事专员和本校查看 / teachers’ personal data: the bureau’s personnel staff and the teacher’s own school only');
  }

  private mayEdit(user: User, school: string) {
    if (!user.can('teachers.edit', school)) throw forbidden('只有人事专员和本校可以修改教师名册 / only the personnel staff and the school change its roster');
  }

  private async schoolOf(districtId: string, code: string): Promise<School & { level: SchoolLevel }> {
    return this.schoolIn(await this.deps.registry.districtSchools(districtId), code);
  }

  private schoolIn(all: readonly School[], code: string): School & { level: SchoolLevel } {
    const s = all.find((x) => x.code === code);
    if (!s) throw notFound(`没有学校 ${code} / no school ${code}`);
    return s;
  }

  private async schoolNames(districtId: string) {
    return new Map((await this.deps.registry.districtSchools(districtId)).map((s) => [s.code, s.name]));
  }
}
