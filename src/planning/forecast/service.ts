// Planning: seat forecast (学位预测) — the service behind the routes. It reads the registry's enrolments, classes and
// schools (registry/lookup.ts), the class-size standards of the chosen balance pack (deps.balance.resolve: a built-in
// pack or the district's local one) and the bureau's own inputs (store.ts), and hands them to the pure report
// (report.ts). The forecast is computed in TypeScript over the registry's rows rather than in SQL: a district has a few
// thousand enrolment rows (schools × grades × years), and forecast v1 is sequential per cohort (each year's grade
// comes from the year before), which a loop over typed arrays does in milliseconds (2,000 schools × 10 years well
// under a second) while a recursive query would be slower and harder to check against the method.
import type { Db } from '../../core/db/index.js';
import type { CurrentUser } from '../../core/auth/roles.js';
import { AppError, badRequest, notFound } from '../../core/http/errors.js';
import { registerAuditFields } from '../../core/audit/labels.js';
import { registerAuditNamer } from '../../core/audit/service.js';
import type { AuditEntry } from '../../core/audit/store.js';
import { VERSION } from '../../core/version.js';
import { classCounts, districtName, enrolmentRecords, schoolNames, schoolSites } from '../../registry/lookup.js';
import type { PlanningDeps } from '../deps.js';
import type { ForecastInputs, ForecastQuery, ForecastReport, HousingRow } from './contract.js';
import { forecastReport, type ReportInput, type SchoolFacts } from './report.js';
import { ForecastFileError, readBirthsFile, readEnrolmentFile, type FileProblem } from './read-files.js';
import type { EnrolmentRecord } from './forecast-v1.js';
import { forecastWorkbook } from './report-xlsx.js';
import * as store from './store.js';

type User = Pick<CurrentUser, 'districtId' | 'username'>;

/** Audit entities of the forecast's inputs (their labels live in core/audit/labels.ts). */
export const FORECAST_AUDIT = { schoolInputs: 'planning-school-inputs', births: 'planning-births', housing: 'planning-housing' } as const;

const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  township: { zh: '所属乡镇', en: 'township' },
  classrooms: { zh: '普通教室数', en: 'classrooms' },
  schoolCode: { zh: '所属学校', en: 'school' },
  units: { zh: '户数', en: 'units' },
  childrenPerUnit: { zh: '每户入学适龄儿童数', en: 'children per unit' },
  moveInYear: { zh: '入住年份', en: 'move-in year' },
  townships: { zh: '乡镇', en: 'townships' },
  from: { zh: '起始年份', en: 'from' },
  to: { zh: '截止年份', en: 'to' },
  rows: { zh: '行数', en: 'rows' },
};
const ENTITIES = new Set<string>(Object.values(FORECAST_AUDIT));
registerAuditFields((entity, field) => (ENTITIES.has(entity) ? (FIELD_LABELS[field] ?? null) : null));
// A school's inputs are keyed by its code: the audit log shows the school's name beside it.
registerAuditNamer(async (db, districtId, entity, keys) => {
  if (entity !== FORECAST_AUDIT.schoolInputs) return new Map();
  const names = await schoolNames(db, districtId);
  return new Map(keys.filter((k) => names.has(k)).map((k) => [k, names.get(k)!]));
});

/** A township as stored: trimmed, NFC (as the births file's keys), empty = not recorded. */
const township = (s: string | null): string | null => {
  const t = s?.trim().normalize('NFC') ?? '';
  return t === '' ? null : t;
};

/** 422 invalid_file naming every problem (the format of the other imports: file, row, column, message, text). */
function refusedFile(fileName: string, problems: FileProblem[], zh: string, en: string): AppError {
  const where = (p: FileProblem) => [fileName, p.row !== null ? `第 ${p.row} 行 / row ${p.row}` : '', p.column ? `列 ${p.column} / column ${p.column}` : ''].filter(Boolean).join('，');
  return new AppError(422, 'invalid_file', `${fileName}：${problems.length} 处问题，${zh} / ${fileName}: ${problems.length} problems, ${en}`, {
    problems: problems.map((p) => ({ file: fileName, row: p.row, column: p.column, message: p.reason, text: `${where(p)}：${p.reason}` })),
  });
}

/** Forecast v1 is published for compulsory education (义务教育, grades 1–9): the registry's grades 10–12 of a 完全中学 or
 * 十二年一贯制 school are left out, so a 完全中学's entry grade is 7 (docs/methods/planning-forecast.md). */
export const COMPULSORY_LAST_GRADE = 9;
const compulsoryGrades = (records: EnrolmentRecord[]): EnrolmentRecord[] => records.filter((r) => r.grade <= COMPULSORY_LAST_GRADE);

export class ForecastService {
  constructor(
    readonly db: Db,
    readonly deps: PlanningDeps,
  ) {}

  /** The report over the registry's enrolments. */
  report(user: User, q: ForecastQuery): Promise<ForecastReport> {
    return this.build(user.districtId, q, null);
  }

  /** The same report over an uploaded enrolment file (not stored); bad cells → 422 naming each. */
  async fromFile(user: User, q: ForecastQuery, fileName: string, buf: Buffer): Promise<ForecastReport> {
    let records: EnrolmentRecord[];
    try {
      records = await readEnrolmentFile(fileName, buf);
    } catch (e) {
      if (e instanceof ForecastFileError) throw refusedFile(fileName, e.problems, '未作预测', 'nothing was forecast');
      throw e;
    }
    return this.build(user.districtId, q, { fileName, records });
  }

  async workbook(user: User, q: ForecastQuery & { lang: 'zh' | 'en' }): Promise<{ file: Buffer; name: string }> {
    const r = await this.report(user, q);
    const name = (await districtName(this.db, user.districtId)) ?? user.districtId;
    return { file: await forecastWorkbook(r, name, q.lang), name: `学位预测-${r.baseYear ?? ''}-${q.horizon}年.xlsx` };
  }

  private async build(districtId: string, q: ForecastQuery, file: { fileName: string; records: EnrolmentRecord[] } | null): Promise<ForecastReport> {
    const [{ pack }, sites, records, classes, inputs, births, housing] = await Promise.all([
      this.deps.balance.resolve(districtId, q.standard, q.version),
      schoolSites(this.db, districtId),
      file ? Promise.resolve(file.records) : enrolmentRecords(this.db, districtId).then(compulsoryGrades),
      classCounts(this.db, districtId),
      store.schoolInputs(this.db, districtId),
      store.births(this.db, districtId),
      store.housing(this.db, districtId),
    ]);
    if (q.entry === 'births' && births.length === 0) throw badRequest('尚未上传各乡镇出生人口表，不能按出生人口预测入学 / no births table has been uploaded: the entry grade cannot come from births');
    const input: ReportInput = {
      source: file ? 'file' : 'registry',
      fileName: file?.fileName ?? null,
      version: VERSION,
      records,
      schools: new Map<string, SchoolFacts>(sites.map((s) => [s.code, { name: s.name, level: s.level, location: s.location }])),
      townships: new Map(inputs.map((i) => [i.schoolCode, i.township])),
      classrooms: new Map(inputs.map((i) => [i.schoolCode, i.classrooms])),
      classCounts: classes,
      births: births.map((b) => ({ key: b.township, year: b.year, births: b.births })),
      housing: housing.map((h) => ({ id: h.id, schoolCode: h.schoolCode, name: h.name, units: h.units, childrenPerUnit: h.childrenPerUnit, moveInYear: h.moveInYear })),
      params: { horizon: q.horizon, window: q.window, holdout: q.holdout, entry: q.entry },
      pack: { id: pack.id, version: pack.version, name: pack.name, nameEn: pack.nameEn, classSize: pack.classSize },
    };
    try {
      return forecastReport(input);
    } catch (e) {
      // forecast v1 refuses records it cannot use (a file's school with grades past 12 …): say why, as a bad request.
      if (file && e instanceof Error && !(e instanceof AppError)) throw badRequest(e.message);
      throw e;
    }
  }

  async inputs(user: User): Promise<ForecastInputs> {
    const d = user.districtId;
    const [sites, inputs, classes, births, housing] = await Promise.all([
      schoolSites(this.db, d),
      store.schoolInputs(this.db, d),
      classCounts(this.db, d),
      store.births(this.db, d),
      store.housing(this.db, d),
    ]);
    const byCode = new Map(inputs.map((i) => [i.schoolCode, i]));
    // The latest year's classes of each school (what stands in for an unrecorded stock).
    const latest = new Map<string, { year: number; classes: number }>();
    for (const c of classes) {
      const l = latest.get(c.schoolCode);
      if (!l || c.year > l.year) latest.set(c.schoolCode, { year: c.year, classes: c.classes });
      else if (c.year === l.year) l.classes += c.classes;
    }
    return {
      schools: sites.map((s) => {
        const i = byCode.get(s.code);
        return {
          code: s.code,
          name: s.name,
          level: s.level,
          location: s.location,
          isOpen: s.isOpen,
          township: i?.township ?? null,
          classrooms: i?.classrooms ?? null,
          latestClasses: latest.get(s.code)?.classes ?? null,
          updatedBy: i?.updatedBy ?? null,
          updatedAt: i?.updatedAt ?? null,
        };
      }),
      births,
      housing: housing.map(housingWire),
    };
  }

  /** Saves the listed schools' township and classrooms; one audit row per changed field; unknown codes refused. */
  async saveSchools(user: User, rows: { schoolCode: string; township: string | null; classrooms: number | null }[]): Promise<ForecastInputs> {
    const names = await schoolNames(this.db, user.districtId);
    const unknown = [...new Set(rows.map((r) => r.schoolCode).filter((c) => !names.has(c)))];
    if (unknown.length)
      throw badRequest(`没有这些学校：${unknown.join('、')} / no such schools: ${unknown.join(', ')}`, {
        problems: unknown.map((c) => ({ field: 'schools', reason: `没有学校 ${c} / no school ${c}` })),
      });
    const seen = new Set<string>();
    const dup = rows.filter((r) => (seen.has(r.schoolCode) ? true : (seen.add(r.schoolCode), false))).map((r) => r.schoolCode);
    if (dup.length) throw badRequest(`学校重复列出：${dup.join('、')} / schools listed twice: ${dup.join(', ')}`);
    const before = new Map((await store.schoolInputs(this.db, user.districtId)).map((i) => [i.schoolCode, i]));
    const changed: store.SchoolInputChange[] = [];
    const audit: AuditEntry[] = [];
    for (const r of rows) {
      const next = { schoolCode: r.schoolCode, township: township(r.township), classrooms: r.classrooms };
      const old = before.get(r.schoolCode);
      const diffs = (['township', 'classrooms'] as const).filter((f) => (old?.[f] ?? null) !== next[f]);
      if (!diffs.length) continue;
      changed.push(next);
      for (const f of diffs)
        audit.push({ username: user.username, action: 'update', entity: FORECAST_AUDIT.schoolInputs, entityKey: r.schoolCode, field: f, oldValue: old?.[f] ?? null, newValue: next[f] });
    }
    if (changed.length) await store.saveSchoolInputs(this.db, user.districtId, user.username, changed, audit);
    return this.inputs(user);
  }

  /** Replaces the births table by the file's rows (township, year, births), in one transaction with its audit row. */
  async uploadBirths(user: User, fileName: string, buf: Buffer) {
    let rows;
    try {
      rows = await readBirthsFile(fileName, buf, 'township');
    } catch (e) {
      if (e instanceof ForecastFileError) throw refusedFile(fileName, e.problems, '出生人口未导入', 'nothing was imported');
      throw e;
    }
    const births = rows.map((r) => ({ township: r.key, year: r.year, births: r.births }));
    const townships = [...new Set(births.map((b) => b.township))].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
    const years = { from: Math.min(...births.map((b) => b.year)), to: Math.max(...births.map((b) => b.year)) };
    const replaced = await store.replaceBirths(this.db, user.districtId, births, (n) => [
      {
        username: user.username,
        action: 'import',
        entity: FORECAST_AUDIT.births,
        entityKey: 'births',
        detail: fileName,
        rowCount: births.length,
        oldValue: n ? { rows: n } : null,
        newValue: { townships, ...years },
      },
    ]);
    const known = new Set((await store.schoolInputs(this.db, user.districtId)).map((i) => i.township).filter((t): t is string => t !== null));
    return { rows: births.length, replaced, townships, years, unmatched: townships.filter((t) => !known.has(t)) };
  }

  async addHousing(user: User, h: { schoolCode: string; name: string; units: number; childrenPerUnit: number; moveInYear: number }): Promise<HousingRow> {
    const names = await schoolNames(this.db, user.districtId);
    if (!names.has(h.schoolCode)) throw badRequest(`没有学校 ${h.schoolCode} / no school ${h.schoolCode}`);
    const value = { schoolCode: h.schoolCode, name: h.name.trim(), units: h.units, childrenPerUnit: h.childrenPerUnit, moveInYear: h.moveInYear };
    const row = await store.insertHousing(this.db, user.districtId, user.username, value, (id) => [
      { username: user.username, action: 'create', entity: FORECAST_AUDIT.housing, entityKey: String(id), newValue: value, detail: value.name },
    ]);
    return housingWire(row);
  }

  async deleteHousing(user: User, id: number): Promise<{ ok: true }> {
    const old = await store.deleteHousing(this.db, user.districtId, id, (o) => [
      {
        username: user.username,
        action: 'delete',
        entity: FORECAST_AUDIT.housing,
        entityKey: String(id),
        oldValue: { schoolCode: o.schoolCode, name: o.name, units: o.units, childrenPerUnit: o.childrenPerUnit, moveInYear: o.moveInYear },
        detail: o.name,
      },
    ]);
    if (!old) throw notFound(`没有编号为 ${id} 的住宅项目 / no housing project ${id}`);
    return { ok: true };
  }
}

const housingWire = (h: store.HousingRowDb): HousingRow => ({
  id: h.id,
  schoolCode: h.schoolCode,
  name: h.name,
  units: h.units,
  childrenPerUnit: h.childrenPerUnit,
  moveInYear: h.moveInYear,
  createdBy: h.createdBy,
  createdAt: h.createdAt,
});
