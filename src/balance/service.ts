// Balance service: resolves standards packs (built-in files or a district's local versions), evaluates a
// year of registry data, the trend over the years, the 政府保障 items, and saves evaluations.
import type { Db } from '../core/db/index.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { recordAudit } from '../core/audit/store.js';
import { badRequest, conflict, forbidden, notFound } from '../core/http/errors.js';
import { renderPdf, type PdfOwner } from '../core/pdf.js';
import type { RegistryService } from '../registry/service.js';
import type { School } from '../registry/model.js';
import type { SchoolYearRecord } from '../registry/types.js';
import { evaluateDistrict, type BalanceSchoolInput } from './evaluate.js';
import { balanceInputs } from './from-registry.js';
import { classSizeReport } from './class-size.js';
import { guaranteesOfSchool, type SchoolGuarantees } from './guarantees.js';
import { BUILT_IN_STANDARDS, DEFAULT_STANDARD, isBuiltIn, loadStandard, resolveLocalPack, type BalanceLevel, type LocalPackInput, type StandardPack } from './standards.js';
import * as store from './store.js';
import { planLevel, type LevelPlan } from './plan.js';
import type { ClassSizes, Evaluation, EvaluationSummary, Plan, SavedEvaluation, StandardDetail, StandardListItem, Trend } from './contract.js';
import { balanceWorkbook, type BalanceEvaluation, type ReportLang } from './report-xlsx.js';
import { fromSavedResult } from './wire-keys.js';
import { districtReportHtml, districtReportTitle, schoolParts, schoolReportHtml, schoolReportTitle } from './report-html.js';
import { gapWorkbook } from './report-xlsx.js';
import type { WhatIfEdit } from './contract.js';
import { limitEvaluation, type SchoolScope } from './scope.js';

export { DEFAULT_STANDARD };

/** Which pack and year a read names (the route's query after defaults). */
export interface PackChoice {
  year?: number;
  standard: string;
  version?: number;
}

export class BalanceService {
  constructor(
    private readonly db: Db,
    private readonly registry: RegistryService,
  ) {}

  async listStandards(districtId: string): Promise<StandardListItem[]> {
    const builtIn = BUILT_IN_STANDARDS.map((id) => {
      const p = loadStandard(id);
      return { id, version: p.version, name: p.name, nameEn: p.nameEn, builtIn: true, versions: [p.version] };
    });
    const byId = new Map<string, store.StoredPack[]>();
    for (const p of await store.listLocalPacks(this.db, districtId)) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
    const local = [...byId.values()].map((vs) => {
      const last = vs[vs.length - 1];
      return {
        id: last.id,
        version: last.version,
        name: last.name,
        nameEn: last.resolved.nameEn,
        builtIn: false,
        extends: last.resolved.extends,
        versions: vs.map((v) => v.version),
        createdBy: last.createdBy,
        createdAt: last.createdAt,
      };
    });
    return [...builtIn, ...local];
  }

  /** The pack as evaluated: a built-in file, or a local pack's saved (resolved) version — the latest unless one is named. */
  async resolve(districtId: string, id: string, version?: number): Promise<{ pack: StandardPack; stored: store.StoredPack | null }> {
    if (isBuiltIn(id)) {
      const pack = loadStandard(id);
      if (version !== undefined && version !== pack.version) throw notFound(`标准 ${id} 没有第 ${version} 版 / ${id} has no version ${version}`);
      return { pack, stored: null };
    }
    const stored = await store.getLocalPack(this.db, districtId, id, version);
    if (!stored) throw notFound(`未知的评估标准 ${id}${version ? ` v${version}` : ''} / unknown standard`);
    return { pack: stored.resolved, stored };
  }

  async standard(districtId: string, id: string, version?: number): Promise<StandardDetail> {
    const { pack, stored } = await this.resolve(districtId, id, version);
    const versions = stored
      ? (await store.listLocalPacks(this.db, districtId)).filter((p) => p.id === id).map((p) => ({ version: p.version, createdBy: p.createdBy, createdAt: p.createdAt }))
      : [{ version: pack.version }];
    return { pack, builtIn: !stored, input: stored?.input, versions };
  }

  /** Create a local pack (version 1) or, with `expectExisting`, save its next version. Audited. */
  async saveLocal(user: CurrentUser, input: LocalPackInput, mode: 'create' | 'update'): Promise<StandardPack> {
    if (isBuiltIn(input.id)) throw conflict(`${input.id} 是内置标准，不能修改；请另存为本地标准 / built-in packs cannot be changed; save a local copy`);
    if (!isBuiltIn(input.extends)) throw badRequest(`本地标准只能继承内置标准 / a local pack extends a built-in pack (${BUILT_IN_STANDARDS.join(', ')})`);
    return this.db.transaction(async (tx) => {
      const last = await store.getLocalPack(tx, user.districtId, input.id);
      if (mode === 'create' && last) throw conflict(`标准 ${input.id} 已存在 / ${input.id} already exists`);
      if (mode === 'update' && !last) throw notFound(`未知的评估标准 ${input.id} / unknown standard`);
      let resolved: StandardPack;
      try {
        resolved = resolveLocalPack(input, (last?.version ?? 0) + 1, loadStandard(input.extends));
      } catch (e) {
        throw badRequest(`标准内容有误 / invalid pack: ${(e as Error).message}`);
      }
      await store.insertLocalPack(tx, user.districtId, input, resolved, user.username);
      await recordAudit(tx, user.districtId, [
        {
          username: user.username,
          action: mode,
          entity: 'standard_pack',
          entityKey: `${input.id}@${resolved.version}`,
          field: 'overrides',
          oldValue: last?.input.overrides ?? null,
          newValue: input.overrides,
          detail: `extends ${resolved.extends!.id} v${resolved.extends!.version}`,
        },
      ]);
      return resolved;
    });
  }

  /** The year a read names, or the district's current one. */
  yearOf(districtId: string, year: number | undefined): Promise<number> {
    return year === undefined ? this.registry.currentYear(districtId) : Promise.resolve(year);
  }

  private async openSchools(districtId: string): Promise<School[]> {
    return (await this.registry.districtSchools(districtId)).filter((x) => x.isOpen);
  }

  /** The open schools and their records of one year. */
  private async yearRecords(districtId: string, year: number) {
    const schools = await this.openSchools(districtId);
    const records = await this.registry.districtRecords(
      districtId,
      schools.map((x) => x.code),
      year,
    );
    return { schools, records, byCode: new Map(records.map((r) => [r.schoolCode, r])) };
  }

  /** The evaluator's inputs of the schools that reported (一贯制 schools split, see from-registry.ts). */
  private static inputsOf(pack: StandardPack, schools: School[], recordOf: (code: string) => SchoolYearRecord | undefined): BalanceSchoolInput[] {
    const inputs: BalanceSchoolInput[] = [];
    for (const sc of schools) {
      const r = recordOf(sc.code);
      if (r) inputs.push(...balanceInputs(pack, sc, r));
    }
    return inputs;
  }

  /**
   * Evaluate one year: the levels' results, the evaluator's inputs (for what-if in the browser) and the 政府保障 items.
   * With `edits` (a what-if), those schools' students and numerators replace the registry's before evaluating.
   */
  async evaluate(districtId: string, year: number, standardId = DEFAULT_STANDARD, version?: number, edits?: readonly WhatIfEdit[]) {
    const { pack } = await this.resolve(districtId, standardId, version);
    const { schools, records, byCode } = await this.yearRecords(districtId, year);
    const inputs = BalanceService.inputsOf(pack, schools, (code) => byCode.get(code));
    for (const e of edits ?? []) {
      const k = inputs.findIndex((i) => i.code === e.code && i.level === e.level);
      if (k < 0) throw badRequest(`模拟数据中的学校 ${e.code}（${e.level}）在 ${year} 学年没有评估数据 / school ${e.code} (${e.level}) has no figures in ${year}`);
      const unknown = Object.keys(e.numerators).filter((key) => !pack.indicators.some((i) => i.key === key));
      if (unknown.length) throw badRequest(`模拟数据中有标准 ${pack.id} 没有的指标：${unknown.join('、')} / unknown indicators: ${unknown.join(', ')}`);
      inputs[k] = { ...inputs[k], students: e.students, numerators: { ...inputs[k].numerators, ...e.numerators } };
    }
    const guarantees: SchoolGuarantees[] = [];
    for (const sc of schools) {
      const r = byCode.get(sc.code);
      const g = r && guaranteesOfSchool(pack, sc, r);
      if (g) guarantees.push(g);
    }
    return {
      year,
      ...evaluateDistrict(pack, inputs),
      name: pack.name,
      pack,
      inputs,
      guarantees,
      missing: schools.filter((x) => !byCode.has(x.code)).map((x) => x.code),
      /** Schools whose figures this year are not yet approved by the bureau: the result may still change. */
      unapproved: records.filter((r) => r.status !== 'approved').map((r) => r.schoolCode),
    } satisfies Evaluation;
  }

  /**
   * The least-cost plan (plan.ts) for each level of a year: additions per school that bring every school to the
   * per-school rule and every CV under its limit. Needs per-school standards and the "each" CV rule (2017 form).
   */
  async plan(districtId: string, year: number, standardId = DEFAULT_STANDARD, version?: number, unitCosts?: Record<string, number>): Promise<Plan> {
    const { pack } = await this.resolve(districtId, standardId, version);
    if (pack.cvRule !== 'each' || !pack.schoolRule || pack.indicators.some((i) => !i.threshold))
      throw badRequest(`标准 ${pack.id} 没有逐校达标标准，无法测算补短方案 / ${pack.id} sets no per-school standards, so there is nothing to plan`);
    const costs = { ...pack.unitCosts, ...unitCosts };
    const missingCost = pack.indicators.filter((i) => costs[i.key] === undefined).map((i) => i.key);
    if (missingCost.length) throw badRequest(`缺少单位成本 / unit cost missing for ${missingCost.join(', ')}`);
    const { schools, byCode } = await this.yearRecords(districtId, year);
    const inputs = BalanceService.inputsOf(pack, schools, (code) => byCode.get(code));
    const levels: Partial<Record<BalanceLevel, LevelPlan>> = {};
    for (const lv of pack.levels) if (inputs.some((i) => i.level === lv)) levels[lv] = planLevel(pack, lv, inputs, costs);
    return { year, standard: pack.id, version: pack.version, unitCosts: costs, levels };
  }

  /** 班额: this year's counts and list, and every year's counts (trend), by the pack's class-size standard. */
  async classSizes(districtId: string, year: number, standardId = DEFAULT_STANDARD, version?: number): Promise<ClassSizes> {
    const { pack } = await this.resolve(districtId, standardId, version);
    const schools = await this.registry.districtSchools(districtId);
    const names = new Map(schools.map((x) => [x.code, x.name]));
    const records = await this.registry.districtRecords(
      districtId,
      schools.map((x) => x.code),
    );
    const reportOf = (y: number) =>
      classSizeReport(
        pack,
        records.filter((r) => r.year === y).flatMap((r) => r.classes.map((c) => ({ ...c, schoolCode: r.schoolCode, schoolName: names.get(r.schoolCode) }))),
      );
    const years = (await this.registry.districtYears(districtId)).map((y) => y.year).sort((a, b) => a - b);
    const reports = new Map(years.map((y) => [y, reportOf(y)]));
    const { list, ...counts } = reports.get(year) ?? reportOf(year);
    const trend = years.map((y) => {
      const { list: _l, ...c } = reports.get(y)!;
      return { year: y, ...c };
    });
    return { year, standard: pack.classSize, ...counts, list, trend };
  }

  /** Every year's CVs and pass/fail, for the trend chart. */
  async trend(districtId: string, standardId = DEFAULT_STANDARD, version?: number): Promise<Trend> {
    const { pack } = await this.resolve(districtId, standardId, version);
    const schools = await this.openSchools(districtId);
    const all = await this.registry.districtRecords(
      districtId,
      schools.map((x) => x.code),
    );
    const years = (await this.registry.districtYears(districtId)).map((y) => y.year).sort((a, b) => a - b);
    const byKey = new Map(all.map((r) => [`${r.schoolCode}:${r.year}`, r]));
    return {
      standard: pack.id,
      version: pack.version,
      years: years.map((year) => {
        const ev = evaluateDistrict(
          pack,
          BalanceService.inputsOf(pack, schools, (code) => byKey.get(`${code}:${year}`)),
        );
        const levels = Object.fromEntries(
          Object.entries(ev.levels).map(([lv, l]) => [
            lv,
            {
              pass: l.pass,
              composite: l.composite,
              counted: l.counted,
              schoolsPassing: l.schoolsPassing,
              indicators: l.indicators.map((i) => ({ key: i.key, cv: i.cv, limit: i.limit, pass: i.pass, mean: i.mean })),
              totalGaps: l.totalGaps,
            },
          ]),
        );
        return { year, levels };
      }),
    };
  }

  async saveEvaluation(user: CurrentUser, year: number, standardId: string, version: number | undefined, note: string | null): Promise<EvaluationSummary> {
    const result = await this.evaluate(user.districtId, year, standardId, version);
    if (result.inputs.length === 0) throw badRequest(`${year} 学年没有学校数据，无法保存评估 / no school figures for ${year}`);
    return this.db.transaction(async (tx) => {
      const saved = await store.insertEvaluation(tx, user.districtId, { year, standardId: result.pack.id, standardVersion: result.pack.version, note, result, user: user.username });
      await recordAudit(tx, user.districtId, [
        { username: user.username, action: 'create', entity: 'balance_evaluation', entityKey: String(saved.id), detail: `${year} ${result.pack.id} v${result.pack.version}` },
      ]);
      return saved;
    });
  }

  listEvaluations(districtId: string): Promise<EvaluationSummary[]> {
    return store.listEvaluations(this.db, districtId);
  }

  async evaluation(districtId: string, id: number): Promise<SavedEvaluation> {
    const r = await store.getEvaluation(this.db, districtId, id);
    if (!r) throw notFound(`评估 ${id} 不存在 / no saved evaluation ${id}`);
    return {
      id: r.id,
      year: r.year,
      standardId: r.standardId,
      standardVersion: r.standardVersion,
      note: r.note,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      result: fromSavedResult<Evaluation>(r.result),
    };
  }

  // ---------- downloads: the inspectors' workbook and the PDF reports ----------

  private async reportContext(districtId: string, q: PackChoice, scope: SchoolScope = 'all', edits?: readonly WhatIfEdit[]) {
    const year = await this.yearOf(districtId, q.year);
    const ev = limitEvaluation<BalanceEvaluation>(await this.evaluate(districtId, year, q.standard, q.version, edits), scope);
    const schoolNames = new Map((await this.registry.districtSchools(districtId)).map((x) => [x.code, x.name]));
    const districtName = (await this.registry.districtName(districtId)) ?? districtId;
    return { ev, districtName, schoolNames };
  }

  /** The evaluation as the inspectors' workbook (.xlsx). */
  async workbook(districtId: string, q: PackChoice & { lang: ReportLang }, scope: SchoolScope = 'all'): Promise<{ file: Buffer; name: string }> {
    const { ev, districtName } = await this.reportContext(districtId, q, scope);
    return { file: await balanceWorkbook(ev, districtName, q.lang), name: `均衡评估-${ev.year}-${ev.pack.id}.xlsx` };
  }

  /** The district report (PDF). */
  async districtReport(districtId: string, q: PackChoice, owner?: PdfOwner, scope: SchoolScope = 'all'): Promise<{ file: Buffer; name: string }> {
    const { ev, districtName, schoolNames } = await this.reportContext(districtId, q, scope);
    const html = districtReportHtml(ev, { districtName, schoolNames, ...(ev.scopedTo ? { scopedTo: ev.scopedTo } : {}) });
    const pdf = await renderPdf(html, { headerTitle: districtReportTitle(ev, districtName) }, owner);
    return { file: pdf, name: `均衡评估报告-${ev.year}-${ev.pack.id}.pdf` };
  }

  /** The district report of a what-if (edited figures), marked 模拟 in the page header and on every page. */
  async whatIfReport(districtId: string, q: PackChoice & { edits: WhatIfEdit[] }, owner?: PdfOwner, scope: SchoolScope = 'all'): Promise<{ file: Buffer; name: string }> {
    const outside = scope === 'all' ? [] : q.edits.filter((e) => !scope.includes(e.code.replace(/-[PJ]$/, '')));
    if (outside.length) throw forbidden(`只能模拟您负责的学校 / you may simulate only your schools: ${outside.map((e) => e.code).join(', ')}`);
    const { ev, districtName, schoolNames } = await this.reportContext(districtId, q, scope, q.edits);
    const simulated = { schools: q.edits.map((e) => e.code) };
    const html = districtReportHtml(ev, { districtName, schoolNames, simulated, ...(ev.scopedTo ? { scopedTo: ev.scopedTo } : {}) });
    const pdf = await renderPdf(html, { headerTitle: `【模拟测算，非正式结果】${districtReportTitle(ev, districtName)}` }, owner);
    return { file: pdf, name: `均衡评估模拟-${ev.year}-${ev.pack.id}.pdf` };
  }

  /** The gap tables (差距表) of one level or all, as on the page's 差距 tab. */
  async gapsWorkbook(districtId: string, q: PackChoice & { lang: ReportLang; level?: BalanceLevel }, scope: SchoolScope = 'all'): Promise<{ file: Buffer; name: string }> {
    const { ev, districtName } = await this.reportContext(districtId, q, scope);
    return { file: await gapWorkbook(ev, districtName, q.lang, q.level), name: `均衡评估差距-${ev.year}${q.level ? `-${q.level}` : ''}.xlsx` };
  }

  /** One school's report (PDF); 404 when the school has no evaluated part that year. */
  async schoolReport(districtId: string, code: string, q: PackChoice, owner?: PdfOwner): Promise<{ file: Buffer; name: string }> {
    const { ev, districtName, schoolNames } = await this.reportContext(districtId, q);
    if (schoolParts(ev, code).length === 0) throw notFound(`学校 ${code} 在 ${ev.year} 学年没有评估结果 / school ${code} has no evaluated figures in ${ev.year}`);
    const name = schoolNames.get(code) ?? code;
    const html = schoolReportHtml(ev, code, { districtName, schoolNames })!;
    const pdf = await renderPdf(html, { headerTitle: `${districtName} · ${schoolReportTitle(ev, name)}` }, owner);
    return { file: pdf, name: `均衡评估-${name}-${ev.year}.pdf` };
  }
}
