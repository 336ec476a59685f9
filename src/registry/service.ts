// Registry services: the logic between thin routes (or the CLI) and the storage layer.
import { randomUUID } from 'node:crypto';
import type { Db } from '../core/db/index.js';
import { recordAudit, type AuditEntry } from '../core/audit/store.js';
import { canEditSchoolStats, canReadSchool, canReadSchoolStats, isBureau, schoolScope, type CurrentUser } from '../core/auth/roles.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../core/http/errors.js';
import { CONSISTENCY_RULES, GRADE_EN, GRADE_ZH, STAT_FIELDS, TOPICS } from './fields.js';
import { GRADES_OF_LEVEL, LOCATIONS, OWNERSHIPS, SCHOOL_CODE_PATTERN, SCHOOL_LEVELS, STAT_STATUSES, type School, type StatStatus } from './model.js';
import * as store from './store.js';
import type { ImportProblem, SchoolYearData, SchoolYearRecord } from './types.js';
import { validateSchoolYearData } from './validate.js';
import { diffSchoolYear } from './diff.js';
import { transition, type WorkflowAction } from './workflow.js';
import { buildStatsWorkbook, parseStatsWorkbook } from './excel.js';

export function meta() {
  return {
    fields: STAT_FIELDS,
    topics: TOPICS,
    grades: { zh: GRADE_ZH, en: GRADE_EN },
    levels: SCHOOL_LEVELS,
    ownerships: OWNERSHIPS,
    locations: LOCATIONS,
    statuses: STAT_STATUSES,
    gradesOfLevel: GRADES_OF_LEVEL,
    rules: CONSISTENCY_RULES.map((r) => ({ id: r.id, zh: r.zh, en: r.en })),
  };
}

const emptyRecord = (code: string, year: number): SchoolYearRecord => ({
  schoolCode: code,
  year,
  status: 'draft',
  reviewComment: null,
  values: Object.fromEntries(STAT_FIELDS.map((f) => [f.key, null])),
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
  constructor(private readonly db: Db) {}

  async currentYear(districtId: string): Promise<number> {
    const years = await store.listYears(this.db, districtId);
    return (years.find((y) => y.isCurrent) ?? years[0])?.year ?? new Date().getFullYear();
  }

  years(user: CurrentUser) {
    return store.listYears(this.db, user.districtId);
  }

  async overview(user: CurrentUser, year: number) {
    const f = await store.overviewFigures(this.db, user.districtId, year, schoolScope(user));
    const sum = (k: 'schools' | 'students' | 'classes') => f.byLevel.reduce((s, r) => s + r[k], 0);
    const order = ['≤45', '46–50', '51–55', '56–65', '≥66'];
    const statusCounts = Object.fromEntries(STAT_STATUSES.map((s) => [s, f.status.find((r) => r.status === s)?.n ?? 0]));
    return {
      districtId: user.districtId,
      districtName: user.districtName,
      year,
      schools: sum('schools'),
      students: sum('students'),
      classes: sum('classes'),
      teachers: f.trend.find((t) => t.year === year)?.teachers ?? 0,
      byLevel: f.byLevel,
      byLocation: f.byLocation,
      statusCounts,
      classSizeBands: order.map((band) => ({ band, classes: f.bands.find((b) => b.band === band)?.classes ?? 0 })),
      trend: f.trend,
      largestClasses: f.largest,
    };
  }

  listSchools(user: CurrentUser, year: number, filter: store.SchoolFilter) {
    return store.listSchoolRows(this.db, user.districtId, year, schoolScope(user), filter);
  }

  async school(user: CurrentUser, code: string): Promise<School> {
    if (!canReadSchool(user, code)) throw forbidden('无权查看该校 / you may not view this school');
    const s = await store.getSchool(this.db, user.districtId, code);
    if (!s) throw notFound(`学校 ${code} 不存在 / no school ${code}`);
    return s;
  }

  async saveSchool(user: CurrentUser, input: Omit<School, 'districtId'>, mode: 'create' | 'update'): Promise<School> {
    if (!isBureau(user)) throw forbidden('只有教育局可以维护学校名录 / only the bureau edits the registry');
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
    if (!canReadSchoolStats(user, code)) throw forbidden('无权查看该校数据 / you may not view this school’s data');
    const s = await store.getSchool(this.db, user.districtId, code);
    if (!s) throw notFound(`学校 ${code} 不存在 / no school ${code}`);
    return s;
  }

  /** Save a whole school-year record from the form or API. */
  async saveRecord(user: CurrentUser, code: string, year: number, data: SchoolYearData): Promise<SchoolYearRecord> {
    if (!canEditSchoolStats(user, code)) throw forbidden('无权修改该校数据 / you may not change this school’s data');
    const school = await this.readableStats(user, code);
    const problems = validateSchoolYearData(school.level, data);
    if (problems.length) throw new AppError(400, 'invalid', `数据有 ${problems.length} 处问题 / ${problems.length} problems in the data`, { problems });
    await this.db.transaction(async (tx) => {
      const [before] = await store.loadRecords(tx, user.districtId, [code], year);
      const status = checkTransition(user, code, before?.status ?? 'draft', 'edit');
      const changes = diffSchoolYear(before ?? null, data);
      if (!changes.length && before) return;
      await store.ensureYear(tx, user.districtId, year);
      await store.writeRecord(tx, user.districtId, code, year, normalise(data), { ...workflowOf(before), status, updatedBy: user.username });
      const batchId = randomUUID();
      await recordAudit(
        tx,
        user.districtId,
        changes.map((c) => ({ username: user.username, action: 'update', entity: 'stats', entityKey: `${code}/${year}`, field: c.field, oldValue: c.oldValue, newValue: c.newValue, batchId, detail: c.label })),
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
    if (!isBureau(user)) throw forbidden();
    const rows = await store.listSchoolRows(this.db, user.districtId, year, 'all', {});
    const records = await store.loadRecords(this.db, user.districtId, rows.filter((r) => r.status).map((r) => r.code), year);
    const byCode = new Map(records.map((r) => [r.schoolCode, r]));
    return rows
      .filter((r) => r.status && (!status || r.status === status))
      .map((r) => {
        const rec = byCode.get(r.code)!;
        return {
          schoolCode: r.code,
          schoolName: r.name,
          level: r.level,
          status: r.status,
          submittedBy: rec.submittedBy,
          submittedAt: rec.submittedAt,
          reviewComment: rec.reviewComment,
          students: r.students,
          problems: validateSchoolYearData(r.level, rec).length,
        };
      });
  }

  /** The statistics workbook: for a clerk their own school, for the bureau every open school. */
  async workbook(user: CurrentUser, year: number, onlySchool?: string, withData = true): Promise<Buffer> {
    const code = user.role === 'clerk' ? user.schoolCode! : onlySchool;
    if (code && !canReadSchoolStats(user, code)) throw forbidden();
    if (!code && !isBureau(user) && user.role !== 'inspector') throw forbidden();
    const scope = code ? [code] : schoolScope(user);
    const schools = (await store.allSchools(this.db, user.districtId, scope)).filter((s) => s.isOpen || code);
    const records = withData ? await store.loadRecords(this.db, user.districtId, schools.map((s) => s.code), year) : [];
    return buildStatsWorkbook({ year, schools, data: new Map(records.map((r) => [r.schoolCode, r])) });
  }

  /** Import a filled workbook: all or nothing; re-importing the same file changes nothing. */
  async importWorkbook(user: CurrentUser, year: number, fileName: string, buffer: Buffer) {
    if (!isBureau(user) && user.role !== 'clerk') throw forbidden('无权上传 / you may not upload');
    const schools = await store.allSchools(this.db, user.districtId);
    const known = new Map(schools.map((s) => [s.code, { name: s.name, level: s.level }]));
    const { data, problems, present } = await parseStatsWorkbook(buffer, { fileName, year, knownSchools: known });
    const fail = (list: ImportProblem[]) => new AppError(422, 'import_failed', `文件有 ${list.length} 处问题,未保存任何数据 / ${list.length} problems in the file; nothing was saved`, { problems: list });
    if (problems.length) throw fail(problems);
    // Problems that belong to a whole school rather than one cell.
    const schoolProblem = (reason: string, header = '学校标识码'): ImportProblem => ({ file: fileName, sheet: '', row: 0, column: '', header, reason });
    const denied: ImportProblem[] = [];
    for (const code of data.keys()) {
      if (!canEditSchoolStats(user, code)) denied.push(schoolProblem(`无权填报学校 ${code} 的数据 / you may not report for school ${code}`));
    }
    if (denied.length) throw fail(denied);
    const batchId = randomUUID();
    let changedFields = 0;
    let changedSchools = 0;
    await this.db.transaction(async (tx) => {
      const before = new Map((await store.loadRecords(tx, user.districtId, [...data.keys()], year)).map((r) => [r.schoolCode, r]));
      const later: ImportProblem[] = [];
      const writes: { code: string; merged: SchoolYearData; status: StatStatus; before?: SchoolYearRecord; changes: ReturnType<typeof diffSchoolYear> }[] = [];
      for (const [code, part] of data) {
        const old = before.get(code);
        const merged: SchoolYearData = {
          values: { ...(old?.values ?? {}), ...part.values },
          // A sheet replaces a school's grades or classes only where the file has rows for that school.
          enrolments: present.enrolments && part.enrolments.length ? part.enrolments : (old?.enrolments ?? []),
          classes: present.classes && part.classes.length ? part.classes : (old?.classes ?? []),
        };
        const changes = diffSchoolYear(old ?? null, merged);
        if (!changes.length) continue;
        const t = transition(user, code, old?.status ?? 'draft', 'edit');
        if (!('status' in t)) {
          later.push(schoolProblem(`学校 ${code}:${'forbidden' in t ? t.forbidden : t.conflict}`));
          continue;
        }
        for (const p of validateSchoolYearData(known.get(code)!.level, merged)) later.push(schoolProblem(`学校 ${code}:${p.reason}`, p.field));
        writes.push({ code, merged, status: t.status, before: old, changes });
      }
      if (later.length) throw fail(later);
      await store.ensureYear(tx, user.districtId, year);
      for (const { changes, ...w } of writes) {
        await store.writeRecord(tx, user.districtId, w.code, year, normalise(w.merged), { ...workflowOf(w.before), status: w.status, updatedBy: user.username });
        await recordAudit(
          tx,
          user.districtId,
          changes.map((c) => ({ username: user.username, action: 'import', entity: 'stats', entityKey: `${w.code}/${year}`, field: c.field, oldValue: c.oldValue, newValue: c.newValue, batchId, detail: `${c.label} ← ${fileName}` })),
        );
        changedFields += changes.length;
        changedSchools++;
      }
    });
    return { ok: true as const, schools: data.size, changedSchools, changedFields, unchanged: changedFields === 0 };
  }
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
