// Admissions: draws as a workflow (draft → list_published → drawn → result_published), the 公民同招 report and the
// public view of published draws. The methods are lottery.ts / assignment.ts; the database refuses any change to a
// published list or result (migration 0006's triggers), and this service says why before it gets that far.
import type { Db } from '../core/db/index.js';
import { recordAudit } from '../core/audit/store.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../core/http/errors.js';
import { exportRowsWorkbook } from '../core/xlsx/export-rows.js';
import type { Actor } from '../core/http/routes.js';
import { districtName, enrolmentOfGrade, registrySchools, schoolNames } from '../registry/lookup.js';
import type { ExamCohorts } from '../exams/cohorts.js';
import { quotaV1 } from './quota.js';
import { admitWithinQuotas, QUOTA_ADMISSION_METHOD, type SchoolAdmission } from './quota-admission.js';
import { assignListHash, assignV1, normalizeAssignApplicants, normalizeCapacities } from './assignment.js';
import type { Draw, DrawCreate, DrawDetail, PublicDraw, QuotaPlan, QuotaPlanCreate } from './contract.js';
import { normalizeId } from './identifiers.js';
import { readAssignApplicants, readLotteryApplicants } from './input-files.js';
import { lotteryListHash, lotteryV1, normalizeLotteryApplicants } from './lottery.js';
import { maskName } from './mask.js';
import { AdmissionsInputError, describeProblem, type InputProblem } from './problems.js';
import * as store from './store.js';
import { assignJson, lotteryJson, quotaJson } from './wire.js';

type User = Pick<Actor, 'districtId' | 'username' | 'can'>;

const invalidFile = (fileName: string, problems: InputProblem[]) =>
  new AppError(422, 'invalid_file', `${fileName}：${problems.length} 处问题，名单未导入 / ${problems.length} problems, nothing was imported`, {
    problems: problems.map((p) => ({ row: p.row ?? null, column: p.column ?? null, message: p.message, text: describeProblem(p) })),
  });

/** Levels whose schools send 初三 graduates to the 名额分配. */
const JUNIOR_LEVELS = new Set(['初中', '九年一贯制', '完全中学', '十二年一贯制']);

export class AdmissionsService {
  constructor(
    private readonly db: Db,
    private readonly exams: ExamCohorts,
  ) {}

  private async toDraw(d: store.DrawRow, names?: Map<string, string>, all?: store.DrawRow[]): Promise<Draw> {
    const n = names ?? (await schoolNames(this.db, d.districtId));
    const others = all ?? (await store.listDraws(this.db, d.districtId));
    return {
      code: d.code,
      name: d.name,
      year: d.year,
      method: d.method as Draw['method'],
      stage: d.stage as Draw['stage'],
      schoolCode: d.schoolCode,
      schoolName: d.schoolCode ? (n.get(d.schoolCode) ?? null) : null,
      seats: d.seats,
      catchment: d.catchment,
      capacities: d.capacities?.map((c) => ({ ...c, schoolName: n.get(c.schoolCode) ?? null })) ?? null,
      priorityRules: d.priorityRules,
      drawDate: d.drawDate,
      status: d.status as Draw['status'],
      applicants: d.applicants,
      listHash: d.listHash,
      listPublishedAt: d.listPublishedAt,
      entropy: d.entropy,
      seed: d.seed,
      drawnAt: d.drawnAt,
      resultPublishedAt: d.resultPublishedAt,
      corrects: d.corrects,
      correctedBy: others.filter((o) => o.corrects === d.code).map((o) => o.code),
    };
  }

  private async mustGet(districtId: string, code: string): Promise<store.DrawRow> {
    const d = await store.getDraw(this.db, districtId, code);
    if (!d) throw notFound(`派位 ${code} 不存在 / no draw ${code}`);
    return d;
  }

  async list(user: User, year?: number): Promise<Draw[]> {
    const rows = await store.listDraws(this.db, user.districtId);
    const names = await schoolNames(this.db, user.districtId);
    return Promise.all(rows.filter((d) => year === undefined || d.year === year).map((d) => this.toDraw(d, names, rows)));
  }

  async create(user: User, input: DrawCreate): Promise<Draw> {
    const code = normalizeId(input.code);
    if (await store.getDraw(this.db, user.districtId, code)) throw conflict(`派位编号 ${code} 已存在 / draw ${code} exists`);
    const names = await schoolNames(this.db, user.districtId);
    const lottery = input.method === 'junheng-lottery-v1';
    if (lottery && !names.has(input.schoolCode!)) throw badRequest(`学校 ${input.schoolCode} 不存在 / no school ${input.schoolCode}`);
    let capacities: { schoolCode: string; seats: number }[] | null = null;
    if (!lottery) {
      try {
        capacities = normalizeCapacities(input.capacities!).map(({ schoolCode, seats }) => ({ schoolCode, seats }));
      } catch (e) {
        if (e instanceof AdmissionsInputError) throw badRequest(e.problems.map((p) => p.message).join('；'));
        throw e;
      }
      const unknown = capacities.filter((c) => !names.has(c.schoolCode)).map((c) => c.schoolCode);
      if (unknown.length) throw badRequest(`学校 ${unknown.join('、')} 不存在 / no school ${unknown.join(', ')}`);
    }
    if (input.corrects) {
      const old = await store.getDraw(this.db, user.districtId, input.corrects);
      if (!old) throw badRequest(`被更正的派位 ${input.corrects} 不存在 / the corrected draw ${input.corrects} does not exist`);
      if (old.status === 'draft') throw badRequest(`派位 ${input.corrects} 尚未公示，直接修改即可 / draw ${input.corrects} is still a draft: change it instead`);
    }
    const row = await this.db.transaction(async (tx) => {
      const d = await store.insertDraw(tx, {
        districtId: user.districtId,
        code,
        name: input.name,
        year: input.year,
        method: input.method,
        stage: input.stage,
        schoolCode: lottery ? input.schoolCode! : null,
        seats: lottery ? input.seats! : null,
        catchment: lottery ? null : (input.catchment ?? null),
        capacities,
        priorityRules: input.priorityRules ?? null,
        drawDate: input.drawDate ?? null,
        corrects: input.corrects ?? null,
        createdBy: user.username,
      });
      await recordAudit(tx, user.districtId, [{ username: user.username, action: 'create', entity: 'admission-draw', entityKey: code, newValue: { ...input, code }, detail: input.name }]);
      return d;
    });
    return this.toDraw(row);
  }

  async remove(user: User, code: string): Promise<void> {
    const d = await this.mustGet(user.districtId, code);
    if (d.status !== 'draft') throw conflict(`派位 ${code} 已公示，不能删除；如需更正，请新建一个更正派位 / draw ${code} is published and cannot be deleted; create a correcting draw instead`);
    await store.deleteDraw(this.db, user.districtId, code);
    await recordAudit(this.db, user.districtId, [{ username: user.username, action: 'delete', entity: 'admission-draw', entityKey: code, detail: d.name }]);
  }

  /** Names as the caller may see them: in full with 'admissions.names', else masked. */
  async get(user: User, code: string): Promise<DrawDetail> {
    const d = await this.mustGet(user.districtId, code);
    const full = user.can('admissions.names');
    return { ...(await this.detail(d, full ? 'full' : 'masked')), namesShown: full ? 'full' : 'masked' };
  }

  private async detail(d: store.DrawRow, names: 'full' | 'masked'): Promise<Omit<DrawDetail, 'namesShown'>> {
    const rows = await store.applicantsOf(this.db, d.districtId, d.code);
    const result = d.result as Record<string, unknown> | null;
    const byId = new Map<string, { rank: number; admitted: boolean | null; placedAt: string | null }>();
    if (result && Array.isArray(result.results))
      for (const r of result.results as { applicant_id: string; rank: number; admitted: boolean }[]) byId.set(r.applicant_id, { rank: r.rank, admitted: r.admitted, placedAt: null });
    if (result && Array.isArray(result.assignments))
      for (const r of result.assignments as { applicant_id: string; rank: number; school_code: string | null }[])
        byId.set(r.applicant_id, { rank: r.rank, admitted: r.school_code !== null, placedAt: r.school_code });
    return {
      draw: await this.toDraw(d),
      applicants: rows.map((a) => ({
        applicantId: a.applicantId,
        priority: a.priority,
        choices: a.choices,
        name: names === 'full' ? a.name : maskName(a.name),
        row: a.row,
        rank: byId.get(a.applicantId)?.rank ?? null,
        admitted: byId.get(a.applicantId)?.admitted ?? null,
        placedAt: byId.get(a.applicantId)?.placedAt ?? null,
      })),
      result,
    };
  }

  /** Replaces a draft draw's applicants from a file: all or nothing, every bad row named. */
  async importApplicants(user: User, code: string, fileName: string, buf: Buffer): Promise<Draw> {
    const d = await this.mustGet(user.districtId, code);
    if (d.status !== 'draft') throw conflict(`派位 ${code} 的名单已公示，不能再更改 / the list of draw ${code} is published and frozen`);
    const problems: InputProblem[] = [];
    let rows: { applicantId: string; priority: number; choices: string[] | null; name: string | null; row: number }[];
    try {
      if (d.method === 'junheng-lottery-v1') {
        const read = await readLotteryApplicants(buf, fileName, { refuseIdCards: true });
        rows = normalizeLotteryApplicants(read).map((a, i) => ({ applicantId: a.applicantId, priority: a.priority, choices: null, name: read[i].name, row: a.row! }));
      } else {
        const read = await readAssignApplicants(buf, fileName, { refuseIdCards: true });
        rows = normalizeAssignApplicants(read, new Set(d.capacities!.map((c) => c.schoolCode))).map((a, i) => ({
          applicantId: a.applicantId,
          priority: 1,
          choices: a.choices,
          name: read[i].name,
          row: a.row!,
        }));
      }
    } catch (e) {
      if (e instanceof AdmissionsInputError) throw invalidFile(fileName, e.problems);
      if (e instanceof AppError) throw e;
      throw badRequest(`${fileName}：${(e as Error).message}`);
    }
    // 公民同招: whoever a private school's lottery of the same year admitted does not enter a public catchment's draw.
    if (d.stage === 'public') {
      const admitted = new Map<string, string>();
      for (const o of await store.drawsOfYear(this.db, user.districtId, d.year))
        if (o.stage === 'private' && o.result && o.code !== d.code)
          for (const r of (o.result as { results?: { applicant_id: string; admitted: boolean }[] }).results ?? []) if (r.admitted) admitted.set(r.applicant_id, o.name);
      for (const r of rows)
        if (admitted.has(r.applicantId))
          problems.push({
            row: r.row,
            column: 'applicant_id',
            message: `${r.applicantId} 已被民办学校派位录取（${admitted.get(r.applicantId)}），请从本名单中删除 / already admitted by a private school's lottery`,
          });
    }
    if (problems.length) throw invalidFile(fileName, problems);
    await store.replaceApplicants(this.db, user.districtId, code, rows);
    await recordAudit(this.db, user.districtId, [{ username: user.username, action: 'import', entity: 'admission-applicants', entityKey: code, detail: fileName, rowCount: rows.length }]);
    return this.toDraw(await this.mustGet(user.districtId, code));
  }

  /** 公示: list_hash computed and published; the list is frozen from now on. */
  async publishList(user: User, code: string): Promise<Draw> {
    const d = await this.mustGet(user.districtId, code);
    if (d.status !== 'draft') throw conflict(`派位 ${code} 的名单已经公示 / the list of draw ${code} is already published`);
    const rows = await store.applicantsOf(this.db, user.districtId, code);
    if (rows.length === 0) throw conflict(`派位 ${code} 还没有报名名单 / draw ${code} has no applicants yet`);
    const listHash = d.method === 'junheng-lottery-v1' ? await lotteryListHash(rows) : await assignListHash(rows.map((r) => ({ applicantId: r.applicantId, choices: r.choices ?? [] })));
    const row = await this.db.transaction(async (tx) => {
      const u = await store.updateDraw(tx, user.districtId, code, { status: 'list_published', listHash, listPublishedAt: new Date().toISOString() });
      await recordAudit(tx, user.districtId, [{ username: user.username, action: 'publish-list', entity: 'admission-draw', entityKey: code, newValue: { listHash, applicants: rows.length } }]);
      return u;
    });
    return this.toDraw(row);
  }

  /** Runs the draw with the entropy drawn on site — once: the database refuses a second seed or result. */
  async run(user: User, code: string, entropy: string[]): Promise<DrawDetail> {
    const d = await this.mustGet(user.districtId, code);
    if (d.status === 'draft') throw conflict(`派位 ${code} 的名单尚未公示：先公示，再派位 / publish the list of draw ${code} before the draw`);
    if (d.status !== 'list_published') throw conflict(`派位 ${code} 已经派过，不能重新派位 / draw ${code} has been drawn and cannot be drawn again`);
    const rows = await store.applicantsOf(this.db, user.districtId, code);
    let result: Record<string, unknown>;
    try {
      if (d.method === 'junheng-lottery-v1') result = lotteryJson(await lotteryV1(rows, { drawId: d.code, seats: d.seats!, entropy }));
      else
        result = assignJson(
          await assignV1(
            rows.map((r) => ({ applicantId: r.applicantId, choices: r.choices ?? [], row: r.row })),
            d.capacities!,
            { drawId: d.code, entropy },
          ),
        );
    } catch (e) {
      if (e instanceof AdmissionsInputError) throw badRequest(e.problems.map(describeProblem).join('；'));
      throw e;
    }
    if (result.list_hash !== d.listHash) throw new AppError(500, 'list_changed', '名单与公示时不一致，派位已停止 / the list differs from the published one; the draw was stopped');
    const row = await this.db.transaction(async (tx) => {
      const u = await store.updateDraw(tx, user.districtId, code, { status: 'drawn', entropy: result.entropy as string[], seed: result.seed as string, result, drawnAt: new Date().toISOString() });
      await recordAudit(tx, user.districtId, [{ username: user.username, action: 'draw', entity: 'admission-draw', entityKey: code, newValue: { entropy: result.entropy, seed: result.seed } }]);
      return u;
    });
    return { ...(await this.detail(row, user.can('admissions.names') ? 'full' : 'masked')), namesShown: user.can('admissions.names') ? 'full' : 'masked' };
  }

  async publishResult(user: User, code: string): Promise<Draw> {
    const d = await this.mustGet(user.districtId, code);
    if (d.status === 'result_published') throw conflict(`派位 ${code} 的结果已经公布 / the result of draw ${code} is already published`);
    if (d.status !== 'drawn') throw conflict(`派位 ${code} 尚未派位 / draw ${code} has not been drawn`);
    const row = await this.db.transaction(async (tx) => {
      const u = await store.updateDraw(tx, user.districtId, code, { status: 'result_published', resultPublishedAt: new Date().toISOString() });
      await recordAudit(tx, user.districtId, [{ username: user.username, action: 'publish-result', entity: 'admission-draw', entityKey: code }]);
      return u;
    });
    return this.toDraw(row);
  }

  /** 公民同招 per stage and school: applied, first choices, admitted, waiting; unplaced per public draw. */
  async stageReport(user: User, year: number) {
    const names = await schoolNames(this.db, user.districtId);
    const rows = [];
    const unplaced = [];
    for (const d of await store.drawsOfYear(this.db, user.districtId, year)) {
      const base = { stage: d.stage as Draw['stage'], drawCode: d.code, drawName: d.name, status: d.status as Draw['status'] };
      const result = d.result as { results?: { admitted: boolean }[]; assignments?: { school_code: string | null }[] } | null;
      if (d.method === 'junheng-lottery-v1') {
        const admitted = result?.results?.filter((r) => r.admitted).length ?? 0;
        rows.push({
          ...base,
          schoolCode: d.schoolCode!,
          schoolName: names.get(d.schoolCode!) ?? null,
          seats: d.seats!,
          applied: d.applicants,
          firstChoice: d.applicants,
          admitted,
          waiting: result ? d.applicants - admitted : 0,
        });
      } else {
        const apps = await store.applicantsOf(this.db, user.districtId, d.code);
        for (const c of d.capacities ?? [])
          rows.push({
            ...base,
            schoolCode: c.schoolCode,
            schoolName: names.get(c.schoolCode) ?? null,
            seats: c.seats,
            applied: apps.filter((a) => a.choices?.includes(c.schoolCode)).length,
            firstChoice: apps.filter((a) => a.choices?.[0] === c.schoolCode).length,
            admitted: result?.assignments?.filter((a) => a.school_code === c.schoolCode).length ?? 0,
            waiting: 0,
          });
        if (result?.assignments) unplaced.push({ drawCode: d.code, drawName: d.name, count: result.assignments.filter((a) => a.school_code === null).length });
      }
    }
    return { year, rows, unplaced };
  }

  // ---------- public (no sign-in): published draws only, names masked ----------

  async publicList(): Promise<
    { districtId: string; districtName: string; code: string; name: string; year: number; method: Draw['method']; stage: Draw['stage']; status: Draw['status']; applicants: number }[]
  > {
    const out = [];
    for (const districtId of await store.districtsWithDraws(this.db)) {
      const dn = (await districtName(this.db, districtId)) ?? districtId;
      for (const d of await store.listDraws(this.db, districtId, { published: true }))
        out.push({
          districtId,
          districtName: dn,
          code: d.code,
          name: d.name,
          year: d.year,
          method: d.method as Draw['method'],
          stage: d.stage as Draw['stage'],
          status: d.status as Draw['status'],
          applicants: d.applicants,
        });
    }
    return out;
  }

  async publicGet(districtId: string, code: string): Promise<PublicDraw> {
    const d = await store.getDraw(this.db, districtId, code);
    if (!d || d.status === 'draft') throw notFound(`没有已公示的派位 ${code} / no published draw ${code}`);
    const detail = await this.detail(d, 'masked');
    // Before the result is published the public sees the list and its hash (公示), not a result.
    const published = d.status === 'result_published';
    return {
      districtId,
      districtName: (await districtName(this.db, districtId)) ?? districtId,
      draw: published ? detail.draw : { ...detail.draw, entropy: null, seed: null },
      applicants: published ? detail.applicants : detail.applicants.map((a) => ({ ...a, rank: null, admitted: null, placedAt: null })),
      result: published ? detail.result : null,
    };
  }

  // ---------- 名额分配 ----------

  async quotaPlans(user: User): Promise<QuotaPlan[]> {
    const rows = await store.listQuotaPlans(this.db, user.districtId);
    const names = await schoolNames(this.db, user.districtId);
    return Promise.all(rows.map((r) => this.toPlan(user, r, names)));
  }

  async quotaPlan(user: User, id: number): Promise<QuotaPlan> {
    const r = await store.getQuotaPlan(this.db, user.districtId, id);
    if (!r) throw notFound(`名额分配方案 ${id} 不存在 / no quota allocation ${id}`);
    return this.toPlan(user, r, await schoolNames(this.db, user.districtId));
  }

  private async toPlan(user: User, r: store.QuotaPlanRow, names: Map<string, string>): Promise<QuotaPlan> {
    const alloc = r.allocation as ReturnType<typeof quotaJson>;
    const admission = r.admission as SchoolAdmission[] | null;
    const pupils = user.can('admissions.names');
    const exam = r.examId !== null ? await this.exams.get(user.districtId, r.examId) : null;
    return {
      id: r.id,
      year: r.year,
      highSchool: r.highSchool,
      version: r.version,
      places: r.places,
      minPerSchool: r.minPerSchool,
      ruralWeight: r.ruralWeight,
      ruralLocations: r.ruralLocations,
      examId: r.examId,
      examName: exam?.name ?? null,
      controlLine: r.controlLine === null ? null : Number(r.controlLine),
      tieSubjects: r.tieSubjects ?? [],
      method: alloc.method,
      admissionMethod: admission ? QUOTA_ADMISSION_METHOD : null,
      allocations: alloc.allocations.map((a) => ({
        schoolCode: a.school_code,
        schoolName: names.get(a.school_code) ?? null,
        graduates: a.graduates,
        rural: a.rural === 1,
        places: a.places,
        capped: a.capped,
      })),
      admission:
        admission?.map((a) => ({
          schoolCode: a.school,
          quota: a.quota,
          sat: a.sat,
          eligible: a.eligible,
          admitted: a.admitted,
          lowestAdmitted: a.lowestAdmitted,
          unfilled: a.unfilled,
          tiedBeyond: a.tiedBeyond,
          students: pupils ? a.students : [],
        })) ?? null,
      returned: admission ? admission.reduce((n, a) => n + a.unfilled, 0) : null,
      allocationJson: alloc,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
    };
  }

  /** A new version of a year's allocation for a high school: graduates from the registry, quota v1, and the admission when an exam is named. */
  async createQuotaPlan(user: User, input: QuotaPlanCreate): Promise<QuotaPlan> {
    const graduates = await enrolmentOfGrade(this.db, user.districtId, input.year, 9);
    const schools = (await registrySchools(this.db, user.districtId))
      .filter((s) => JUNIOR_LEVELS.has(s.level) && (graduates.get(s.code) ?? 0) > 0)
      .map((s) => ({ schoolCode: s.code, graduates: graduates.get(s.code)!, rural: input.ruralLocations.includes(s.location) }));
    if (schools.length === 0) throw badRequest(`${input.year} 学年没有登记九年级学生，无法分配名额 / no grade-9 students in the registry for ${input.year}`);
    let allocation;
    try {
      allocation = quotaJson(quotaV1(schools, { places: input.places, minPerSchool: input.minPerSchool, ruralWeight: input.ruralWeight }));
    } catch (e) {
      if (e instanceof AdmissionsInputError) throw badRequest(e.problems.map((p) => p.message).join('；'));
      throw e;
    }
    let admission: SchoolAdmission[] | null = null;
    if (input.examId) {
      if (input.controlLine === null || input.controlLine === undefined) throw badRequest('按中考成绩录取需填控制线 / the admission needs the control line');
      const exam = await this.exams.get(user.districtId, input.examId);
      if (!exam || !exam.ready) throw badRequest(`考试 ${input.examId} 不存在或尚未导入成绩 / exam ${input.examId} does not exist or has no scores`);
      const tieIdx = input.tieSubjects.map((name) => {
        const k = exam.subjects.indexOf(name);
        if (k < 0) throw badRequest(`考试“${exam.name}”没有科目 ${name} / the exam has no subject ${name}`);
        return k;
      });
      const cols = await this.exams.scoreColumns(user.districtId, exam);
      const score = (k: number, i: number) => (Number.isNaN(cols.scores[k][i]) ? null : cols.scores[k][i]);
      const candidates = cols.studentIds.map((studentId, i) => {
        let total: number | null = null;
        for (let k = 0; k < cols.scores.length; k++) {
          const v = score(k, i);
          if (v !== null) total = (total ?? 0) + v;
        }
        return { studentId, school: cols.schoolOf[i], total, tieScores: tieIdx.map((k) => score(k, i)) };
      });
      admission = admitWithinQuotas(candidates, new Map(allocation.allocations.map((a) => [a.school_code, a.places])), input.controlLine);
    }
    const row = await store.insertQuotaPlan(this.db, {
      districtId: user.districtId,
      year: input.year,
      highSchool: input.highSchool,
      places: input.places,
      minPerSchool: input.minPerSchool,
      ruralWeight: input.ruralWeight,
      ruralLocations: input.ruralLocations,
      schools,
      allocation,
      examId: input.examId ?? null,
      controlLine: input.controlLine === null || input.controlLine === undefined ? null : String(input.controlLine),
      tieSubjects: input.tieSubjects,
      admission,
      createdBy: user.username,
    });
    await recordAudit(this.db, user.districtId, [
      { username: user.username, action: 'create', entity: 'quota-allocation', entityKey: String(row.id), newValue: input, detail: `${input.highSchool} ${input.year} v${row.version}` },
    ]);
    return this.toPlan(user, row, await schoolNames(this.db, user.districtId));
  }

  /** The list (before the draw) or the result in rank order as .xlsx: what the bureau posts (公示), names masked unless full is asked by the bureau. */
  async listFile(user: User, code: string, names: 'masked' | 'full'): Promise<{ file: Buffer; name: string }> {
    if (names === 'full' && !user.can('admissions.names')) throw forbidden('只有教育局可以导出报名学生全名 / only the bureau exports applicants’ full names');
    const d = await this.mustGet(user.districtId, code);
    const detail = await this.detail(d, names);
    const lottery = d.method === 'junheng-lottery-v1';
    const schools = await schoolNames(this.db, user.districtId);
    const drawn = detail.result !== null;
    const rows = (drawn ? [...detail.applicants].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)) : detail.applicants).map((a) => ({
      rank: a.rank,
      id: a.applicantId,
      name: a.name ?? '',
      priority: lottery ? a.priority : (a.choices ?? []).map((c) => schools.get(c) ?? c).join(' › '),
      outcome: !drawn ? '' : lottery ? (a.admitted ? '录取' : '候补') : a.placedAt ? (schools.get(a.placedAt) ?? a.placedAt) : '未录取，统筹安排',
    }));
    const columns = [
      ...(drawn ? [{ header: '名次', key: 'rank', width: 8 }] : []),
      { header: '报名编号', key: 'id', width: 18 },
      { header: '姓名', key: 'name', width: 12 },
      { header: lottery ? '优先级' : '志愿', key: 'priority', width: lottery ? 8 : 40 },
      ...(drawn ? [{ header: '结果', key: 'outcome', width: 18 }] : []),
    ];
    const file = await exportRowsWorkbook(d.name, columns, rows);
    return { file, name: `${d.name}-${drawn ? '派位结果' : '报名名单'}.xlsx` };
  }
}
