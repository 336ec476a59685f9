// Registry services: the logic between thin routes (or the CLI) and the storage layer.
import { randomUUID } from 'node:crypto';
import type { Db } from '../core/db/index.js';
import { recordAudit, type AuditEntry } from '../core/audit/store.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { allows, schoolsOf, scopeOf, type Capability } from '../core/auth/policy.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../core/http/errors.js';
import { CONSISTENCY_RULES, FIELD_BY_KEY, GRADE_EN, GRADE_ZH, STAT_FIELDS, TOPICS, type StatValues } from './fields.js';
import { GRADES_OF_LEVEL, LEVEL_EN, LOCATION_EN, LOCATIONS, OWNERSHIP_EN, OWNERSHIPS, SCHOOL_CODE_PATTERN, SCHOOL_LEVELS, STAT_STATUSES, STATUS_ZH, type School, type StatStatus } from './model.js';
import * as store from './store.js';
import { JobService } from '../core/jobs/service.js';
import { importSlots } from '../core/jobs/limit.js';
import type { ImportProblem, SchoolYearData, SchoolYearRecord } from './types.js';
import { validateSchoolYearData } from './validate.js';
import { diffSchoolYear, type FieldChange } from './diff.js';
import { transition, type WorkflowAction } from './workflow.js';
import { buildStatsWorkbook, parseStatsWorkbook } from './excel.js';
import type { MetaSchema } from './contract.js';
import type { z } from 'zod';
import { DEFAULT_STANDARD, loadStandard } from '../balance/standards.js';
import { CLASS_BANDS, classBand, classSizeCounts, standardOfGrade, type ClassSizeThresholds } from './class-bands.js';
import { buildReviewWorkbook, buildSchoolListWorkbook } from './list-xlsx.js';
import { registerAuditFields } from '../core/audit/labels.js';
import { registerAuditNamer } from '../core/audit/service.js';
import { registryAuditFields } from './audit-labels.js';

// The audit log names the registry's fields (专任教师数 …) and its entities (a school's name for its code).
registerAuditFields(registryAuditFields);
registerAuditNamer(async (db, districtId, entity, keys) => {
  if (entity !== 'school' && entity !== 'stats') return new Map();
  const codes = [...new Set(keys.map((k) => k.split('/')[0]))];
  const names = new Map((await store.allSchools(db, districtId, codes)).map((s) => [s.code, s.name]));
  return new Map(
    keys.flatMap((k): [string, string][] => {
      const [code, year] = k.split('/');
      const name = names.get(code);
      if (!name) return [];
      return [[k, year && /^\d{4}$/.test(year) ? `${name}（${year}–${Number(year) + 1}学年）` : name]];
    }),
  );
});

/** The standards pack whose class-size thresholds (班额) the registry's counts use: the balance pack in use. */
export interface ClassSizePack {
  id: string;
  version: number;
  name: string;
  classSize: ClassSizeThresholds & { note?: string };
}
/** The default pack's thresholds (a route may resolve another pack, built-in or local, through the balance service). */
export const defaultClassSizePack = (): ClassSizePack => loadStandard(DEFAULT_STANDARD);
const thresholdsOf = (p: ClassSizePack) => ({
  standardId: p.id,
  standardVersion: p.version,
  standardName: p.name,
  standard: { 小学: p.classSize.standard['小学'], 初中: p.classSize.standard['初中'] },
  large: p.classSize.large,
  huge: p.classSize.huge,
  ...(p.classSize.note ? { note: p.classSize.note } : {}),
});

const STATUS_EN: Record<StatStatus, string> = { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', returned: 'Returned' };
const choices = <T extends string>(values: readonly T[], zh: (v: T) => string, en: Record<T, string>) => values.map((value) => ({ value, zh: zh(value), en: en[value] }));

/** The statistics, vocabularies and rules the forms are built from (GET /api/meta). */
export function meta(): z.input<typeof MetaSchema> {
  return {
    fields: STAT_FIELDS.map(({ column: _column, helpZh, ...f }) => ({ ...f, ...(helpZh ? { helpZh } : {}) })),
    topics: Object.entries(TOPICS).map(([key, v]) => ({ key: key as keyof typeof TOPICS, zh: v.zh, en: v.en })),
    grades: { zh: GRADE_ZH, en: GRADE_EN },
    levels: choices(SCHOOL_LEVELS, (v) => v, LEVEL_EN),
    ownerships: choices(OWNERSHIPS, (v) => v, OWNERSHIP_EN),
    locations: choices(LOCATIONS, (v) => v, LOCATION_EN),
    statuses: choices(STAT_STATUSES, (v) => STATUS_ZH[v], STATUS_EN),
    gradesOfLevel: GRADES_OF_LEVEL,
    rules: CONSISTENCY_RULES.map((r) => ({ id: r.id, zh: r.zh, en: r.en })),
    classSize: thresholdsOf(defaultClassSizePack()),
  };
}

/** The schools in which a user holds a capability: 'all' or codes (none when they do not hold it). */
function schoolsFor(user: CurrentUser, cap: Capability): 'all' | string[] {
  const scope = scopeOf(user.role, cap);
  return scope ? schoolsOf(user, scope) : [];
}

const emptyRecord = (code: string, year: number): SchoolYearRecord => ({
  schoolCode: code,
  year,
  status: 'draft',
  reviewComment: null,
  values: Object.fromEntries(STAT_FIELDS.map((f) => [f.key, null])),
  teachersSource: 'typed',
  rosterDifferences: [],
  enrolments: [],
  classes: [],
  updatedBy: null,
  updatedAt: null,
  submittedBy: null,
  submittedAt: null,
  reviewedBy: null,
  reviewedAt: null,
});

function checkTransition(user: CurrentUser, code: string, status: StatStatus, action: WorkflowAction): StatStatus {
  const t = transition(user, code, status, action);
  if ('forbidden' in t) throw forbidden(t.forbidden);
  if ('conflict' in t) throw conflict(t.conflict);
  return t.status;
}

export class RegistryService {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobService = new JobService(db),
  ) {}

  async currentYear(districtId: string): Promise<number> {
    const years = await store.listYears(this.db, districtId);
    return (years.find((y) => y.isCurrent) ?? years[0])?.year ?? new Date().getFullYear();
  }

  // District-wide reads for other capabilities' services (the balance evaluation): no user scope here;
  // the calling route's policy has decided who may see the result.
  /** The district's name, or null when it is unknown. */
  async districtName(districtId: string): Promise<string | null> {
    return (await store.getDistrict(this.db, districtId))?.name ?? null;
  }
  /** Every school of the district (open or closed), by code. */
  districtSchools(districtId: string): Promise<School[]> {
    return store.allSchools(this.db, districtId);
  }
  /** The yearly records of the given schools: of one year, or of every year. */
  districtRecords(districtId: string, codes: string[], year?: number): Promise<SchoolYearRecord[]> {
    return store.loadRecords(this.db, districtId, codes, year);
  }
  /** The district's school years (newest first). */
  districtYears(districtId: string): Promise<{ year: number; isCurrent: boolean }[]> {
    return store.listYears(this.db, districtId);
  }

  years(user: CurrentUser) {
    return store.listYears(this.db, user.districtId);
  }

  async overview(user: CurrentUser, year: number, pack: ClassSizePack = defaultClassSizePack()) {
    const scope = schoolsFor(user, 'schools.read');
    const f = await store.overviewFigures(this.db, user.districtId, year, scope);
    const sum = (k: 'schools' | 'students' | 'classes') => f.byLevel.reduce((s, r) => s + r[k], 0);
    const statusCounts = Object.fromEntries(STAT_STATUSES.map((s) => [s, f.status.find((r) => r.status === s)?.n ?? 0])) as Record<StatStatus, number>;
    // 班额: every class of the schools in scope against the pack's thresholds — the counts of the balance page's 班额 tab.
    const t = pack.classSize;
    const classes = (await store.classRows(this.db, user.districtId, year, scope)).map((c) => ({ ...c, standard: standardOfGrade(t, c.grade), band: classBand(t, c.grade, c.size) }));
    const counts = classSizeCounts(t, classes);
    const section = (name: '小学' | '初中') => {
      const list = classes.filter((c) => c.grade <= 6 === (name === '小学'));
      return { section: name, standard: t.standard[name], ...classSizeCounts(t, list) };
    };
    // The largest classes name their schools: per-school figures, only of the schools whose statistics the user reads.
    const largest = [...classes.filter((c) => allows(user, 'stats.read', c.schoolCode))]
      .sort((a, b) => b.size - a.size || a.schoolCode.localeCompare(b.schoolCode) || a.grade - b.grade || a.classNo - b.classNo)
      .slice(0, 10);
    return {
      districtId: user.districtId,
      districtName: user.districtName,
      year,
      schools: sum('schools'),
      students: sum('students'),
      classes: sum('classes'),
      teachers: f.trend.find((x) => x.year === year)?.teachers ?? 0,
      byLevel: f.byLevel,
      byLocation: f.byLocation,
      statusCounts,
      classSize: {
        thresholds: thresholdsOf(pack),
        ...counts,
        bands: CLASS_BANDS.map((band) => ({ band, classes: classes.filter((c) => c.band === band).length })),
        bySection: [section('小学'), section('初中')],
      },
      trend: f.trend,
      largestClasses: largest,
    };
  }

  /**
   * The school list of a year. Every user of the list sees the schools' registry facts (name, level, 城乡, address …)
   * and the totals of the listed schools; a school's own figures (students, classes, 班额, teachers, state of the
   * figures) only where the user reads that school's statistics — so a viewer sees no per-school figure, as on the
   * school's page. `status` narrows the list to the figures' state (none: nothing reported), for users who see it.
   */
  async listSchools(user: CurrentUser, year: number, filter: store.SchoolFilter & { status?: StatStatus | 'none' }, pack: ClassSizePack = defaultClassSizePack()) {
    const { status, ...f } = filter;
    const scope = schoolsFor(user, 'schools.read');
    const perSchoolFigures = allows(user, 'stats.read');
    const rows = await store.listSchoolRows(this.db, user.districtId, year, scope, f);
    const t = pack.classSize;
    const bySchool = new Map<string, { grade: number; size: number }[]>();
    for (const c of await store.classRows(this.db, user.districtId, year, scope)) {
      const list = bySchool.get(c.schoolCode);
      if (list) list.push(c);
      else bySchool.set(c.schoolCode, [c]);
    }
    const rank = (c: { grade: number; size: number }) => CLASS_BANDS.indexOf(classBand(t, c.grade, c.size));
    const full = rows
      .filter((r) => !status || !perSchoolFigures || (status === 'none' ? !r.status : r.status === status))
      .map((r) => {
        const cls = bySchool.get(r.code);
        const counts = cls ? classSizeCounts(t, cls) : null;
        // The largest class; among classes of that size, the one furthest above its grade's standard.
        const max = cls?.reduce<{ grade: number; size: number } | null>((m, c) => (!m || c.size > m.size || (c.size === m.size && rank(c) > rank(m)) ? c : m), null);
        return {
          ...r,
          maxClassBand: max ? classBand(t, max.grade, max.size) : null,
          overStandardClasses: counts?.overStandard ?? null,
          largeClasses: counts?.large ?? null,
          hugeClasses: counts?.huge ?? null,
        };
      });
    const total = (k: 'students' | 'classes' | 'teachers' | 'overStandardClasses' | 'largeClasses' | 'hugeClasses') => full.reduce((s, r) => s + (r[k] ?? 0), 0);
    const totals = {
      schools: full.length,
      students: total('students'),
      classes: total('classes'),
      teachers: total('teachers'),
      overStandardClasses: total('overStandardClasses'),
      largeClasses: total('largeClasses'),
      hugeClasses: total('hugeClasses'),
    };
    const hidden = { students: null, classes: null, maxClassSize: null, maxClassBand: null, overStandardClasses: null, largeClasses: null, hugeClasses: null, teachers: null, status: null };
    const schools = full.map((r) => (allows(user, 'stats.read', r.code) ? r : { ...r, ...hidden }));
    return { schools, totals, perSchoolFigures, classSize: thresholdsOf(pack) };
  }

  /** The school list as the user sees it (listSchools), as .xlsx. */
  async schoolListFile(user: CurrentUser, year: number, filter: store.SchoolFilter & { status?: StatStatus | 'none' }, pack?: ClassSizePack): Promise<{ file: Buffer; name: string }> {
    const list = await this.listSchools(user, year, filter, pack);
    const file = await buildSchoolListWorkbook({ year, districtName: user.districtName, ...list });
    return { file, name: `学校名录-${user.districtName}-${year}学年.xlsx` };
  }

  async school(user: CurrentUser, code: string): Promise<School> {
    if (!allows(user, 'schools.read', code)) throw forbidden('无权查看该校 / you may not view this school');
    const s = await store.getSchool(this.db, user.districtId, code);
    if (!s) throw notFound(`学校 ${code} 不存在 / no school ${code}`);
    return s;
  }

  async saveSchool(user: CurrentUser, input: Omit<School, 'districtId'>, mode: 'create' | 'update'): Promise<School> {
    if (!allows(user, 'schools.edit')) throw forbidden('只有教育局可以维护学校名录 / only the bureau edits the registry');
    if (!SCHOOL_CODE_PATTERN.test(input.code)) throw badRequest('学校标识码应为 10 位数字 / the school code must have 10 digits');
    const s: School = { ...input, districtId: user.districtId };
    const before = await store.getSchool(this.db, user.districtId, input.code);
    if (mode === 'create' && before) throw conflict(`学校标识码 ${input.code} 已存在 / school ${input.code} exists`);
    if (mode === 'update' && !before) throw notFound(`学校 ${input.code} 不存在 / no school ${input.code}`);
    await this.db.transaction(async (tx) => {
      if (mode === 'create') await store.insertSchool(tx, s);
      else await store.updateSchool(tx, s);
      const entries: AuditEntry[] = (Object.keys(s) as (keyof School)[])
        .filter((k) => k !== 'districtId' && (!before || before[k] !== s[k]))
        .map((k) => ({ username: user.username, action: mode, entity: 'school', entityKey: s.code, field: k, oldValue: before ? before[k] : null, newValue: s[k] }));
      await recordAudit(tx, user.districtId, entries);
    });
    return s;
  }

  async records(user: CurrentUser, code: string) {
    await this.readableStats(user, code);
    return store.loadRecords(this.db, user.districtId, [code]);
  }

  async record(user: CurrentUser, code: string, year: number): Promise<SchoolYearRecord> {
    await this.readableStats(user, code);
    const [r] = await store.loadRecords(this.db, user.districtId, [code], year);
    return r ?? emptyRecord(code, year);
  }

  private async readableStats(user: CurrentUser, code: string) {
    if (!allows(user, 'stats.read', code)) throw forbidden('无权查看该校数据 / you may not view this school’s data');
    const s = await store.getSchool(this.db, user.districtId, code);
    if (!s) throw notFound(`学校 ${code} 不存在 / no school ${code}`);
    return s;
  }

  /** Save a whole school-year record from the form or API. */
  async saveRecord(user: CurrentUser, code: string, year: number, data: SchoolYearData): Promise<SchoolYearRecord> {
    if (!allows(user, 'stats.edit', code)) throw forbidden('无权修改该校数据 / you may not change this school’s data');
    const school = await this.readableStats(user, code);
    const problems = validateSchoolYearData(school.level, data);
    if (problems.length) throw new AppError(400, 'invalid', problemsMessage(problems), { problems });
    await this.db.transaction(async (tx) => {
      // The row locked before its teacher source is read: a roster recompute of this school year waits (or went first).
      await store.lockStatsRows(tx, user.districtId, [code], year);
      const [before] = await store.loadRecords(tx, user.districtId, [code], year);
      const status = checkTransition(user, code, before?.status ?? 'draft', 'edit');
      // A school whose teacher figures follow from its roster keeps them; the ones sent go to the typed-in figures.
      const kept = before?.teachersSource === 'roster' ? keepRosterFigures(await store.teacherOverlay(tx, user.districtId, code, year), data, data.values) : { data, typedChanges: [] };
      const changes = [...diffSchoolYear(before ?? null, kept.data), ...kept.typedChanges];
      if (!changes.length && before) return;
      await store.ensureYear(tx, user.districtId, year);
      const fromRoster = before?.teachersSource === 'roster';
      await store.writeRecord(tx, user.districtId, code, year, normalise(kept.data), { ...workflowOf(before), status, updatedBy: user.username }, kept.typed, fromRoster);
      const batchId = randomUUID();
      await recordAudit(
        tx,
        user.districtId,
        changes.map((c) => ({
          username: user.username,
          action: 'update',
          entity: 'stats',
          entityKey: `${code}/${year}`,
          field: c.field,
          oldValue: c.oldValue,
          newValue: c.newValue,
          batchId,
          detail: c.label,
        })),
      );
    });
    return this.record(user, code, year);
  }

  async act(user: CurrentUser, code: string, year: number, action: Exclude<WorkflowAction, 'edit'>, comment?: string): Promise<SchoolYearRecord> {
    await this.readableStats(user, code);
    if (action === 'return' && !comment?.trim()) throw badRequest('退回时请填写意见 / a return needs a comment');
    await this.db.transaction(async (tx) => {
      const [before] = await store.loadRecords(tx, user.districtId, [code], year);
      if (!before) throw conflict('该年度尚无数据 / no data for this year yet');
      const status = checkTransition(user, code, before.status, action);
      const now = new Date().toISOString();
      const meta: Partial<store.RecordMeta> =
        action === 'submit'
          ? { status, submittedBy: user.username, submittedAt: now }
          : action === 'reopen'
            ? { status, reviewedBy: user.username, reviewedAt: now, reviewComment: comment?.trim() || null }
            : { status, reviewedBy: user.username, reviewedAt: now, reviewComment: action === 'return' ? comment!.trim() : null };
      await store.updateWorkflow(tx, user.districtId, code, year, meta);
      await recordAudit(tx, user.districtId, [
        { username: user.username, action, entity: 'stats', entityKey: `${code}/${year}`, field: 'status', oldValue: before.status, newValue: status, detail: comment?.trim() || null },
      ]);
    });
    return this.record(user, code, year);
  }

  async reviewQueue(user: CurrentUser, year: number, status: StatStatus | undefined) {
    if (!allows(user, 'stats.review')) throw forbidden('只有教育局可以审核 / only the bureau reviews');
    const rows = await store.listSchoolRows(this.db, user.districtId, year, schoolsFor(user, 'stats.review'), {});
    const records = await store.loadRecords(
      this.db,
      user.districtId,
      rows.filter((r) => r.status).map((r) => r.code),
      year,
    );
    const byCode = new Map(records.map((r) => [r.schoolCode, r]));
    return rows.flatMap((r) => {
      const rec = byCode.get(r.code);
      if (!rec || (status && rec.status !== status)) return [];
      return [
        {
          schoolCode: r.code,
          schoolName: r.name,
          level: r.level,
          status: rec.status,
          submittedBy: rec.submittedBy,
          submittedAt: rec.submittedAt,
          reviewComment: rec.reviewComment,
          students: r.students,
          problems: validateSchoolYearData(r.level, rec).length,
        },
      ];
    });
  }

  /** The review queue (reviewQueue) as .xlsx. */
  async reviewFile(user: CurrentUser, year: number, status: StatStatus | undefined): Promise<{ file: Buffer; name: string }> {
    const items = await this.reviewQueue(user, year, status);
    const file = await buildReviewWorkbook({ year, districtName: user.districtName, status: status ?? null, items });
    return { file, name: `审核队列-${user.districtName}-${year}学年${status ? `-${STATUS_ZH[status]}` : ''}.xlsx` };
  }

  /**
   * The statistics workbook over the schools in which the user reads figures: every open school of
   * the district for the bureau, the assigned ones for an inspector, and always the own school for a
   * clerk (whatever school is asked for). `onlySchool` narrows it to one school of that scope.
   */
  async workbook(user: CurrentUser, year: number, onlySchool?: string, withData = true): Promise<Buffer> {
    return (await this.statsWorkbook(user, year, onlySchool, withData)).buffer;
  }

  /** The fill-in template (prefilled with the stored figures) as a file to send. */
  async templateFile(user: CurrentUser, year: number, onlySchool?: string): Promise<{ file: Buffer; name: string }> {
    const { buffer, school } = await this.statsWorkbook(user, year, onlySchool, true);
    return { file: buffer, name: `统计填报模板-${school ?? user.districtName}-${year}学年.xlsx` };
  }

  /** The figures of a year over the schools in scope, as a file to send. */
  async exportFile(user: CurrentUser, year: number): Promise<{ file: Buffer; name: string }> {
    return { file: await this.workbook(user, year), name: `学校统计-${user.districtName}-${year}学年.xlsx` };
  }

  private async statsWorkbook(user: CurrentUser, year: number, onlySchool: string | undefined, withData: boolean) {
    const scope = scopeOf(user.role, 'stats.read');
    if (!scope) throw forbidden('无权查看学校统计数据 / you may not view schools’ figures');
    const inScope = schoolsOf(user, scope);
    // A user who reads one school's figures only (a clerk) always gets that school.
    const code = scope === 'own' ? inScope[0] : onlySchool;
    if (scope === 'own' && !code) throw forbidden('账号未关联学校 / the account has no school');
    if (code && !allows(user, 'stats.read', code)) throw forbidden('无权查看该校数据 / you may not view this school’s data');
    const schools = (await store.allSchools(this.db, user.districtId, code ? [code] : inScope)).filter((s) => s.isOpen || code);
    if (code && !schools.length) throw notFound(`学校 ${code} 不存在 / no school ${code}`);
    const records = withData
      ? await store.loadRecords(
          this.db,
          user.districtId,
          schools.map((s) => s.code),
          year,
        )
      : [];
    return { buffer: await buildStatsWorkbook({ year, schools, data: new Map(records.map((r) => [r.schoolCode, r])) }), school: code ?? null };
  }

  /**
   * The teacher figures of the given schools' statistics of a year, for the roster's comparison: their state, their
   * source, and the typed-in figures (kept aside while the roster's stand; else the columns). Schools without
   * statistics that year are left out.
   */
  async teacherFigures(
    districtId: string,
    codes: string[],
    year: number,
    tx: Db = this.db,
  ): Promise<{ schoolCode: string; status: StatStatus; teachersSource: 'roster' | 'typed'; typed: StatValues; figures: StatValues }[]> {
    return (await store.teacherOverlays(tx, districtId, codes, year)).map((o) => ({
      schoolCode: o.schoolCode,
      status: o.status,
      teachersSource: o.teachersSource ?? 'typed',
      typed: o.teachersSource === 'roster' ? (o.typedTeachers ?? {}) : o.teacherValues,
      figures: o.teacherValues,
    }));
  }

  /** The workflow state of a school year's statistics (null: none yet — counts as a draft), inside a transaction when given. */
  statsStatus(districtId: string, code: string, year: number, tx: Db = this.db): Promise<StatStatus | null> {
    return store.statsStatus(tx, districtId, code, year);
  }

  /**
   * The teacher figures of a school year follow from its roster (src/teachers/roster), inside the caller's
   * transaction; the caller has checked the statistics' state. `values` (the roster's counts): the first time, the
   * typed-in teacher figures are kept aside (typed_teachers) to flag differences, then the columns take the roster's
   * and the source becomes 'roster' (a new statistics row is a draft). `values` null (the roster emptied): the typed-in
   * figures come back and the source is cleared. Each changed figure is in the audit log.
   */
  async applyRosterTeacherCounts(tx: Db, districtId: string, schoolCode: string, year: number, values: StatValues | null, by: string): Promise<void> {
    // Locked before it is read: a statistics save of this school year waits (or went first).
    await store.lockStatsRows(tx, districtId, [schoolCode], year);
    const cur = await store.teacherOverlay(tx, districtId, schoolCode, year);
    const nulls = Object.fromEntries(TEACHER_KEYS.map((k) => [k, null]));
    let next: StatValues;
    if (values === null) {
      if (cur?.teachersSource !== 'roster') return;
      next = { ...nulls, ...cur.typedTeachers };
      await store.writeTeacherOverlay(tx, districtId, schoolCode, year, { values: next, teachersSource: null, typedTeachers: null, updatedBy: by });
    } else {
      next = Object.fromEntries(TEACHER_KEYS.map((k) => [k, values[k] ?? null]));
      const typed = cur?.teachersSource === 'roster' ? (cur.typedTeachers ?? nulls) : (cur?.teacherValues ?? nulls);
      await store.ensureYear(tx, districtId, year);
      await store.writeTeacherOverlay(tx, districtId, schoolCode, year, { values: next, teachersSource: 'roster', typedTeachers: typed, updatedBy: by });
    }
    const old = cur?.teacherValues ?? nulls;
    const batchId = randomUUID();
    await recordAudit(
      tx,
      districtId,
      TEACHER_KEYS.filter((k) => (old[k] ?? null) !== next[k]).map((k) => ({
        username: by,
        action: 'update',
        entity: 'stats',
        entityKey: `${schoolCode}/${year}`,
        field: k,
        oldValue: old[k] ?? null,
        newValue: next[k],
        batchId,
        detail: values === null ? `${FIELD_BY_KEY.get(k)!.zh} ← 录入值（教师名册已清空） / typed-in figure (roster emptied)` : `${FIELD_BY_KEY.get(k)!.zh} ← 教师名册 / from the roster`,
      })),
    );
  }

  /** Import a filled workbook: all or nothing; re-importing the same file changes nothing. */
  /** Recorded as a job (core/jobs: running → done | failed), so that a crash mid-import leaves a trace. */
  async importWorkbook(user: CurrentUser, year: number, fileName: string, buffer: Buffer) {
    // One import per user and two in all at a time (core/jobs/limit.ts): 429 otherwise.
    return importSlots.run(user, () => this.jobs.track(user, 'registry-import', { year, fileName }, () => this.importWorkbookNow(user, year, fileName, buffer)));
  }

  private async importWorkbookNow(user: CurrentUser, year: number, fileName: string, buffer: Buffer) {
    if (!allows(user, 'stats.edit')) throw forbidden('无权上传 / you may not upload');
    const schools = await store.allSchools(this.db, user.districtId);
    const known = new Map(schools.map((s) => [s.code, { name: s.name, level: s.level }]));
    const { data, problems, present, firstRow } = await parseStatsWorkbook(buffer, { fileName, year, knownSchools: known });
    const fail = (list: ImportProblem[]) =>
      new AppError(422, 'import_failed', `文件有 ${list.length} 处问题，未保存任何数据 / ${list.length} problems in the file; nothing was saved`, { problems: list });
    if (problems.length) throw fail(problems);
    // Problems of a whole school rather than one cell: named by the school (code and name) and where its rows start.
    const schoolProblem = (code: string, reason: string, header = '学校标识码'): ImportProblem => {
      const at = firstRow.get(code);
      return { file: fileName, sheet: at?.sheet ?? '', row: at?.row ?? 0, column: at ? 'A' : '', header, reason: `学校 ${code}（${known.get(code)?.name ?? ''}）：${reason}` };
    };
    const denied: ImportProblem[] = [];
    for (const code of data.keys()) {
      if (!allows(user, 'stats.edit', code)) denied.push(schoolProblem(code, `无权填报该校数据 / you may not report for school ${code}`));
    }
    if (denied.length) throw fail(denied);
    const batchId = randomUUID();
    let changedFields = 0;
    let changedSchools = 0;
    await this.db.transaction(async (tx) => {
      // The rows locked before their teacher source is read (as saveRecord).
      await store.lockStatsRows(tx, user.districtId, [...data.keys()], year);
      const before = new Map((await store.loadRecords(tx, user.districtId, [...data.keys()], year)).map((r) => [r.schoolCode, r]));
      const later: ImportProblem[] = [];
      const writes: { code: string; merged: SchoolYearData; typed?: StatValues; status: StatStatus; before?: SchoolYearRecord; changes: ReturnType<typeof diffSchoolYear> }[] = [];
      for (const [code, part] of data) {
        const old = before.get(code);
        const read: SchoolYearData = {
          values: { ...(old?.values ?? {}), ...part.values },
          // A sheet replaces a school's grades or classes only where the file has rows for that school.
          enrolments: present.enrolments && part.enrolments.length ? part.enrolments : (old?.enrolments ?? []),
          classes: present.classes && part.classes.length ? part.classes : (old?.classes ?? []),
        };
        // A school whose teacher figures follow from its roster keeps them; the file's go to the typed-in figures.
        const kept = old?.teachersSource === 'roster' ? keepRosterFigures(await store.teacherOverlay(tx, user.districtId, code, year), read, part.values) : { data: read, typedChanges: [] };
        const merged = kept.data;
        const changes = [...diffSchoolYear(old ?? null, merged), ...kept.typedChanges];
        if (!changes.length) continue;
        const t = transition(user, code, old?.status ?? 'draft', 'edit');
        if (!('status' in t)) {
          later.push(schoolProblem(code, 'forbidden' in t ? t.forbidden : t.conflict));
          continue;
        }
        for (const p of validateSchoolYearData(known.get(code)!.level, merged)) later.push(schoolProblem(code, p.reason, problemHeader(p.field)));
        writes.push({ code, merged, typed: 'typed' in kept ? kept.typed : undefined, status: t.status, before: old, changes });
      }
      if (later.length) throw fail(later);
      await store.ensureYear(tx, user.districtId, year);
      for (const { changes, ...w } of writes) {
        const fromRoster = w.before?.teachersSource === 'roster';
        await store.writeRecord(tx, user.districtId, w.code, year, normalise(w.merged), { ...workflowOf(w.before), status: w.status, updatedBy: user.username }, w.typed, fromRoster);
        await recordAudit(
          tx,
          user.districtId,
          changes.map((c) => ({
            username: user.username,
            action: 'import',
            entity: 'stats',
            entityKey: `${w.code}/${year}`,
            field: c.field,
            oldValue: c.oldValue,
            newValue: c.newValue,
            batchId,
            detail: `${c.label} ← ${fileName}`,
          })),
        );
        changedFields += changes.length;
        changedSchools++;
      }
    });
    return { ok: true as const, schools: data.size, changedSchools, changedFields, unchanged: changedFields === 0 };
  }
}

/** The teacher figures the statistics keep (fields.ts topic 'teachers'). */
const TEACHER_KEYS = STAT_FIELDS.filter((f) => f.topic === 'teachers').map((f) => f.key);

/**
 * While a school's teacher figures follow from its roster (teachers_source 'roster'), a save or an import keeps them:
 * the record to store has the roster's teacher figures, and the teacher figures given (keys present in `given`) become
 * the typed-in ones (`typed`; undefined: unchanged) — except when they are exactly the roster's figures, as a
 * prefilled template or an export carries them back, or all empty: those say nothing typed. `typedChanges` are for the
 * audit log.
 */
function keepRosterFigures(overlay: store.TeacherOverlay | null, data: SchoolYearData, given: StatValues): { data: SchoolYearData; typed?: StatValues; typedChanges: FieldChange[] } {
  if (overlay?.teachersSource !== 'roster') return { data, typedChanges: [] };
  const roster = overlay.teacherValues;
  const values = { ...data.values, ...roster };
  // A blank teachers block (every teacher figure empty, as an uploaded sheet without them gives) says nothing typed.
  const givenKeys = TEACHER_KEYS.every((k) => given[k] == null) ? [] : TEACHER_KEYS.filter((k) => k in given);
  if (!givenKeys.length || givenKeys.every((k) => (given[k] ?? null) === (roster[k] ?? null))) return { data: { ...data, values }, typedChanges: [] };
  const before = overlay.typedTeachers ?? {};
  const typed: StatValues = Object.fromEntries(TEACHER_KEYS.map((k) => [k, givenKeys.includes(k) ? (given[k] ?? null) : (before[k] ?? null)]));
  const typedChanges = TEACHER_KEYS.filter((k) => (before[k] ?? null) !== typed[k]).map((k) => ({
    field: k,
    label: `${FIELD_BY_KEY.get(k)!.zh}（录入值）`,
    oldValue: before[k] ?? null,
    newValue: typed[k],
  }));
  return { data: { ...data, values }, typed, typedChanges };
}

function workflowOf(r: SchoolYearRecord | undefined): Omit<store.RecordMeta, 'status'> {
  if (!r) return {};
  const { reviewComment, submittedBy, submittedAt, reviewedBy, reviewedAt } = r;
  return { reviewComment, submittedBy, submittedAt, reviewedBy, reviewedAt };
}

const normalise = (d: SchoolYearData): SchoolYearData => ({
  values: Object.fromEntries(STAT_FIELDS.map((f) => [f.key, d.values[f.key] ?? null])),
  enrolments: [...d.enrolments].sort((a, b) => a.grade - b.grade),
  classes: [...d.classes].sort((a, b) => a.grade - b.grade || a.classNo - b.classNo),
});

/** A record's problems in one message, each naming its field: "数据有 2 处问题：专任教师数不能为负数；… / 2 problems: …". */
export function problemsMessage(problems: readonly { field: string; reason: string }[]): string {
  const zh = problems.map((p) => p.reason.split(' / ')[0]);
  const en = problems.map((p) => p.reason.split(' / ')[1] ?? p.reason);
  return `数据有 ${problems.length} 处问题：${zh.join('；')} / ${problems.length} problem${problems.length === 1 ? '' : 's'} in the data: ${en.join('; ')}`;
}

/** The column header a record problem belongs to: a statistic's name, a grade's students, a class. */
function problemHeader(field: string): string {
  const f = FIELD_BY_KEY.get(field);
  if (f) return f.zh;
  const m = /^(enrolments|classes)\.(\d+)(?:\.(\d+))?$/.exec(field);
  if (m) return m[1] === 'enrolments' ? `${GRADE_ZH[Number(m[2])] ?? m[2]}学生数` : `${GRADE_ZH[Number(m[2])] ?? m[2]}${m[3]}班人数`;
  return CONSISTENCY_RULES.find((r) => r.id === field)?.zh ?? field;
}
