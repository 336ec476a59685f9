// Teacher-exchange plans (交流轮岗方案): the bureau's workflow around the optimiser. A plan is made from the teachers'
// roster of its year (the exchange candidates of teachers/moves) or from an uploaded teacher file, with the registry's
// schools of its year (plan-schools.ts), solved (solve.ts: the MIP in a worker
// thread, bounded by the rules' time limit, its status and proven gap stored as HiGHS reports them) and kept as a
// draft; the bureau edits the moves (each edit rechecked by check.ts against every rule, the violations stored with
// the figures), re-solves with changed rules or pins, locks it (refused while a rule is broken; a plan from the roster
// records its moves in the teachers' exchange history in the lock's transaction, one from a file records nothing) or
// deletes the draft. Every change is written with its audit row in one transaction; reads and exports are audited by the routes.
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import { AppError, badRequest, conflict, notFound } from '../../core/http/errors.js';
import type { AuditEntry } from '../../core/audit/store.js';
import { registerAuditFields } from '../../core/audit/labels.js';
import { registerAuditNamer } from '../../core/audit/service.js';
import { formatPercent } from '../../core/format.js';
import { enrolmentRecords, schoolSites } from '../../registry/lookup.js';
import type { PlanningDeps } from '../deps.js';
import { checkMoves, schoolNamesOf } from './check.js';
import { MAX_EXCHANGE_TEACHERS, type ExchangeLockAnswer, type ExchangePlanDetail, type ExchangePlanSummary, type ExchangeRulesWire, type ExchangeSource } from './contract.js';
import { ExchangeInfeasible, ExchangeNoPlan, type ExchangeRules, type ExchangeSchool, type ExchangeSolution, type ExchangeTeacher } from './model.js';
import { planDetail, planSummary } from './plan-view.js';
import { planSchools, studentsOfYear } from './plan-schools.js';
import { exchangeWorkbook, teacherTemplate } from './plan-xlsx.js';
import { ExchangeInputError, readTeachersFile, type ExchangeInputProblem } from './read-files.js';
import { solveExchange } from './solve.js';
import * as store from './store.js';

type User = Pick<Actor, 'districtId' | 'username'>;

export interface NewExchangePlan {
  name: string;
  year: number;
  rules: ExchangeRules;
}

const entityKey = (id: number) => `exchange-plan:${id}`;
const ENTITY = 'exchange-plan';

// The plan's fields in the audit log by their names; shares as per cents, the solver's status in words.
const share = (v: unknown) => (typeof v === 'number' ? formatPercent(v, 0) : null);
const STATUS_WORDS: Record<string, [string, string]> = {
  optimal: ['已证明最优', 'proven optimal'],
  gap_reached: ['在间隙上限内', 'within the gap limit'],
  time_limit: ['达到时限', 'time limit reached'],
};
const AUDIT_FIELDS: Record<string, { zh: string; en: string; value?: (v: unknown, lang: 'zh' | 'en') => string | null }> = {
  rules: { zh: '规则', en: 'rules' },
  rate: { zh: '交流比例', en: 'rate', value: share },
  backboneShare: { zh: '骨干比例', en: '骨干 share', value: share },
  minYears: { zh: '本校任教满（年）', en: 'years at the school' },
  maxAge: { zh: '年龄低于', en: 'age below' },
  maxKm: { zh: '最远距离（km）', en: 'longest move (km)' },
  pins: { zh: '指定', en: 'pins' },
  mipGap: { zh: '间隙', en: 'gap', value: (v) => (typeof v === 'number' ? formatPercent(v, 2) : null) },
  timeLimitSeconds: { zh: '求解时限（秒）', en: 'time limit (s)' },
  movers: { zh: '交流人数', en: 'movers' },
  violations: { zh: '违规', en: 'broken rules' },
  status: { zh: '求解状态', en: 'solver status', value: (v, lang) => (typeof v === 'string' && STATUS_WORDS[v] ? STATUS_WORDS[v][lang === 'en' ? 1 : 0] : null) },
  dAfter: { zh: '交流后 D', en: 'D after' },
  cvAfter: { zh: '交流后差异系数', en: 'CV after' },
};
registerAuditFields((entity, field) => (entity === ENTITY ? (AUDIT_FIELDS[field] ?? null) : null));
// An audit row's key `exchange-plan:ID` named by the plan's name (deleted plans stay unnamed).
registerAuditNamer(async (db, districtId, entity, keys) => {
  if (entity !== ENTITY) return new Map();
  const names = new Map((await store.planNames(db, districtId)).map((p) => [entityKey(p.id), p.name]));
  return new Map(keys.flatMap((k): [string, string][] => (names.has(k) ? [[k, names.get(k)!]] : [])));
});

/** The rules without the pins, for an audit row (the pins are counted). */
const rulesForAudit = (r: ExchangeRules) => ({
  rate: r.rate,
  backboneShare: r.backboneShare,
  minYears: r.minYears,
  maxAge: r.maxAge,
  maxKm: r.maxKm,
  pins: r.pins.length,
  mipGap: r.mipGap,
  timeLimitSeconds: r.timeLimitSeconds,
});

/** Where a stored plan's teachers came from (plans made before the roster existed: a file). */
const sourceOf = (p: store.ExchangePlan): ExchangeSource => ((p.params as Partial<SourcedParams>).source === 'roster' ? 'roster' : 'file');
type SourcedParams = store.StoredParams & { source: ExchangeSource };
const summaryOf = (p: store.ExchangePlan): ExchangePlanSummary => ({ ...planSummary(p), source: sourceOf(p) });
const detailOf = (p: store.ExchangePlan): ExchangePlanDetail => ({ ...planDetail(p), source: sourceOf(p) });

/** The file name a roster plan shows where an uploaded plan shows its file's. */
const rosterName = (year: number) => `教师名册 ${year}–${year + 1} 学年 / roster ${year}–${year + 1}`;

/** The shown problems of a refused file: at most this many (a file of thousands of bad rows answers with the first). */
const MAX_PROBLEMS = 500;

/** 422 invalid_file naming every problem (file, row, column, reason), as the other imports answer; nothing is stored. */
function invalidTeacherFile(fileName: string, problems: Omit<ExchangeInputProblem, 'file'>[]): AppError {
  const where = (p: Omit<ExchangeInputProblem, 'file'>) =>
    [fileName, p.row !== undefined ? `第 ${p.row} 行 / row ${p.row}` : '', p.column ? `列 ${p.column} / column ${p.column}` : ''].filter(Boolean).join('，');
  return new AppError(422, 'invalid_file', `${fileName}：${problems.length} 处问题，未新建方案 / ${fileName}: ${problems.length} problems, no plan was made`, {
    problems: problems.slice(0, MAX_PROBLEMS).map((p) => ({ file: fileName, row: p.row ?? null, column: p.column ?? null, message: p.message, text: `${where(p)}：${p.message}` })),
  });
}

/** 422 naming the rule that makes a plan impossible (ExchangeInfeasible) or the solver's want of time (ExchangeNoPlan). */
function solveError(e: unknown): never {
  if (e instanceof ExchangeInfeasible) throw new AppError(422, 'infeasible', e.message, { rule: e.rule });
  if (e instanceof ExchangeNoPlan) throw new AppError(422, 'no_plan', e.message);
  throw e;
}

export class ExchangeService {
  constructor(
    readonly db: Db,
    readonly deps: PlanningDeps,
  ) {}

  async list(user: User): Promise<{ plans: ExchangePlanSummary[] }> {
    return { plans: (await store.listPlans(this.db, user.districtId)).map(summaryOf) };
  }

  async get(user: User, id: number): Promise<ExchangePlanDetail> {
    return detailOf(await this.mustGet(user, id));
  }

  /**
   * A new plan from the teachers' roster of the plan's year: the 专任 teachers of the public, open schools (the
   * exchange candidates of teachers/moves). Once locked, its moves are recorded in the exchange history.
   */
  async createFromRoster(user: User, input: NewExchangePlan): Promise<ExchangePlanDetail> {
    const teachers = await this.deps.moves.exchangeCandidates(user.districtId, input.year);
    if (teachers.length === 0)
      throw new AppError(
        422,
        'no_roster',
        `${input.year}–${input.year + 1} 学年的教师名册中没有公办在办学校的专任教师，无法从名册编制方案；请先导入名册，或上传教师名单 / the ${input.year}–${input.year + 1} roster holds no 专任 teachers of public, open schools: import the roster first, or upload a teacher file`,
      );
    return this.createFromTeachers(user, input, rosterName(input.year), teachers, 'roster');
  }

  /** A new plan from an uploaded teacher file (every bad cell named, nothing stored). */
  async create(user: User, input: NewExchangePlan, fileName: string, buf: Buffer): Promise<ExchangePlanDetail> {
    const rows = await readTeachersFile(buf, fileName).catch((e: unknown) => {
      if (e instanceof ExchangeInputError) throw invalidTeacherFile(fileName, e.problems);
      // The table reader's own refusals (not an .xlsx, a record too long …) are about the file, in 中文 / English.
      if (e instanceof Error && !(e instanceof AppError) && / \/ /.test(e.message)) throw invalidTeacherFile(fileName, [{ message: e.message }]);
      throw e;
    });
    return this.createFromTeachers(user, input, fileName, rows);
  }

  /**
   * A new plan from teacher rows (the upload, with their file rows; or the demo's): every teacher's school must be in
   * the registry; solved; stored as a draft.
   */
  async createFromTeachers(user: User, input: NewExchangePlan, fileName: string, rows: (ExchangeTeacher & { row?: number })[], source: ExchangeSource = 'file'): Promise<ExchangePlanDetail> {
    if (rows.length === 0) throw invalidTeacherFile(fileName, [{ message: `${fileName} 没有数据行 / ${fileName} has no data rows` }]);
    if (rows.length > MAX_EXCHANGE_TEACHERS)
      throw invalidTeacherFile(fileName, [{ message: `教师超过 ${MAX_EXCHANGE_TEACHERS} 人，请分片编制方案 / more than ${MAX_EXCHANGE_TEACHERS} teachers: make plans for parts of the district` }]);
    const sites = await schoolSites(this.db, user.districtId);
    const known = new Set(sites.map((s) => s.code));
    const unknown = rows.filter((t) => !known.has(t.schoolCode));
    if (unknown.length)
      throw invalidTeacherFile(
        fileName,
        unknown.map((t) => ({ row: t.row, column: 'school_code', message: `学校代码 ${t.schoolCode} 不在本县（区）学校名录中 / school code ${t.schoolCode} is not in the registry` })),
      );
    const teachers: ExchangeTeacher[] = rows.map((t) => ({ teacherId: t.teacherId, schoolCode: t.schoolCode, subject: t.subject, backbone: t.backbone, yearsAtSchool: t.yearsAtSchool, age: t.age }));
    const students = studentsOfYear(await enrolmentRecords(this.db, user.districtId), input.year);
    const schools = planSchools(sites, students, new Set(teachers.map((t) => t.schoolCode)));
    if (schools.included.length === 0)
      throw new AppError(
        422,
        'no_schools',
        `文件中教师所在的学校都没有位置（经纬度）或 ${input.year} 学年的在校生数，无法编制方案 / none of the file’s schools has both a place (latitude and longitude) and students in ${input.year}: no plan can be made`,
      );
    const inPlan = new Set(schools.included.map((s) => s.schoolCode));
    const planTeachers = teachers.filter((t) => inPlan.has(t.schoolCode));
    this.checkPins(input.rules, planTeachers, schools.included);
    const solution = await solveExchange(planTeachers, schools.included, input.rules).catch(solveError);
    const checked = checkMoves(planTeachers, schools.included, input.rules, solution.moves, schoolNamesOf(schools.included));
    const params: SourcedParams = { method: solution.method, fileName, rules: input.rules, solve: this.solveRecord(user, solution), edited: false, source };
    const plan = await store.insertPlan(
      this.db,
      user.districtId,
      {
        name: input.name,
        year: input.year,
        params,
        teachers,
        schools,
        moves: checked.moves,
        metrics: { ...checked.metrics, violations: checked.violations },
        createdBy: user.username,
      },
      (id) => [
        {
          username: user.username,
          action: 'create',
          entity: ENTITY,
          entityKey: entityKey(id),
          detail: `${input.name}（${fileName}）`,
          rowCount: teachers.length,
          newValue: { name: input.name, year: input.year, source, rules: rulesForAudit(input.rules), movers: checked.metrics.movers, status: solution.status, mipGap: solution.mipGap },
        },
      ],
    );
    return detailOf(plan);
  }

  /** Replaces a draft's moves; every rule is rechecked and the violations are stored with the figures. */
  async editMoves(user: User, id: number, moves: { teacherId: string; to: string }[]): Promise<ExchangePlanDetail> {
    const p = await this.mustDraft(user, id);
    const { teachers, schools } = this.planInput(p);
    const byId = new Map(teachers.map((t) => [t.teacherId, t]));
    const codes = new Set(schools.map((s) => s.schoolCode));
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const m of moves) {
      const t = byId.get(m.teacherId);
      if (!t) bad.push(`教师 ${m.teacherId} 不在本方案的教师中 / teacher ${m.teacherId} is not among the plan’s teachers`);
      else if (!codes.has(m.to)) bad.push(`学校 ${m.to} 不在本方案中 / school ${m.to} is not in the plan`);
      else if (m.to === t.schoolCode) bad.push(`教师 ${m.teacherId} 不能调往本校 / teacher ${m.teacherId} cannot move to their own school`);
      else if (seen.has(m.teacherId)) bad.push(`教师 ${m.teacherId} 出现两次 / teacher ${m.teacherId} appears twice`);
      seen.add(m.teacherId);
    }
    if (bad.length) throw badRequest(`调动名单有误 / the moves are not valid: ${bad.slice(0, 10).join('; ')}`, { problems: bad.map((reason) => ({ field: 'body.moves', reason })) });
    const checked = checkMoves(teachers, schools, p.params.rules, moves, schoolNamesOf(schools));
    const updated = await store.updateDraft(
      this.db,
      user.districtId,
      id,
      { params: { ...p.params, edited: true }, moves: checked.moves, metrics: { ...checked.metrics, violations: checked.violations }, updatedBy: user.username },
      [
        {
          username: user.username,
          action: 'update',
          entity: ENTITY,
          entityKey: entityKey(id),
          detail: '修改调动名单 / moves edited',
          oldValue: { movers: p.metrics.movers, violations: p.metrics.violations.length },
          newValue: { movers: checked.metrics.movers, violations: checked.violations.length },
        },
      ],
    );
    if (!updated) throw this.notDraft(id);
    return detailOf(updated);
  }

  /** Solves a draft again under changed rules or pins; the optimiser's moves replace the current ones. */
  async solve(user: User, id: number, rules: ExchangeRulesWire): Promise<ExchangePlanDetail> {
    const p = await this.mustDraft(user, id);
    const { teachers, schools } = this.planInput(p);
    this.checkPins(rules, teachers, schools);
    const solution = await solveExchange(teachers, schools, rules).catch(solveError);
    const checked = checkMoves(teachers, schools, rules, solution.moves, schoolNamesOf(schools));
    const updated = await store.updateDraft(
      this.db,
      user.districtId,
      id,
      {
        params: { ...p.params, method: solution.method, rules, solve: this.solveRecord(user, solution), edited: false },
        moves: checked.moves,
        metrics: { ...checked.metrics, violations: checked.violations },
        updatedBy: user.username,
      },
      [
        {
          username: user.username,
          action: 'update',
          entity: ENTITY,
          entityKey: entityKey(id),
          detail: '按规则重新求解 / re-solved under the rules',
          oldValue: { rules: rulesForAudit(p.params.rules), movers: p.metrics.movers },
          newValue: { rules: rulesForAudit(rules), movers: checked.metrics.movers, status: solution.status, mipGap: solution.mipGap },
        },
      ],
    );
    if (!updated) throw this.notDraft(id);
    return detailOf(updated);
  }

  /**
   * Locks a draft: refused while any rule is broken. A plan from the roster records its moves in the teachers' exchange
   * history (交流轮岗 from 1 September of the year after the plan's year) in the same transaction: both or neither.
   */
  async lock(user: User, id: number): Promise<ExchangeLockAnswer> {
    const p = await this.mustDraft(user, id);
    const n = p.metrics.violations.length;
    if (n > 0) throw conflict(`方案仍有 ${n} 处违反规则，不能锁定；请先修改调动名单或重新求解 / the plan still breaks a rule in ${n} places and cannot be locked; edit the moves or re-solve first`);
    const audit: AuditEntry[] = [
      {
        username: user.username,
        action: 'lock',
        entity: ENTITY,
        entityKey: entityKey(id),
        detail: p.name,
        rowCount: p.moves.length,
        newValue: { movers: p.metrics.movers, dAfter: p.metrics.dAfter, cvAfter: p.metrics.cvAfter },
      },
    ];
    const done = await this.db.transaction(async (tx) => {
      const locked = await store.lockDraft(tx, user.districtId, id, user.username, audit);
      if (!locked) return null;
      const moves = locked.moves.map((m) => ({ teacherId: m.teacherId, from: m.from, to: m.to }));
      const recorded = sourceOf(locked) === 'roster' ? await this.deps.moves.recordPlanMoves(tx, user.districtId, id, locked.year, moves, user.username) : null;
      return { locked, recorded };
    });
    if (!done) throw this.notDraft(id);
    const { locked, recorded } = done;
    const from = `${locked.year + 1}-09-01`;
    const recordNote =
      recorded === null
        ? '方案来自上传的教师名单，未写入教师交流记录 / the plan was made from an uploaded file: nothing was recorded in the exchange history'
        : `已写入交流记录：${recorded} 条交流轮岗（${from} 起） / recorded in the moves: ${recorded} rotations from ${from}`;
    return { ...summaryOf(locked), recordedMoves: recorded, recordNote };
  }

  async remove(user: User, id: number): Promise<{ ok: true }> {
    const p = await this.mustDraft(user, id);
    const gone = await store.deleteDraft(this.db, user.districtId, id, [
      { username: user.username, action: 'delete', entity: ENTITY, entityKey: entityKey(id), detail: p.name, rowCount: p.teachers.length },
    ]);
    if (!gone) throw this.notDraft(id);
    return { ok: true };
  }

  /** The plan as .xlsx: moves, summary, schools, schools × subjects. */
  async workbook(user: User, id: number, lang: 'zh' | 'en'): Promise<{ file: Buffer; name: string; rows: number }> {
    const d = detailOf(await this.mustGet(user, id));
    const district = (await this.deps.registry.districtName(user.districtId)) ?? '';
    const file = await exchangeWorkbook(d, district, lang);
    const state = d.status === 'locked' ? (lang === 'en' ? 'locked' : '已锁定') : lang === 'en' ? 'draft' : '草案';
    return { file, name: `${lang === 'en' ? 'teacher-exchange' : '教师交流轮岗方案'}-${d.year}-${d.id}-${state}.xlsx`, rows: d.moves.length };
  }

  /** The teacher file template with the district's school codes. */
  async template(user: User): Promise<{ file: Buffer; name: string }> {
    const sites = await schoolSites(this.db, user.districtId);
    return { file: await teacherTemplate(sites.filter((s) => s.isOpen).map((s) => ({ code: s.code, name: s.name }))), name: '教师交流轮岗-教师名单模板.xlsx' };
  }

  // ---------------------------------------------------------------------------------------------

  private solveRecord(user: User, s: ExchangeSolution): store.StoredSolve {
    return {
      method: s.method,
      status: s.status,
      mipGap: s.mipGap,
      seconds: s.seconds,
      dAfter: s.dAfter,
      cvAfter: s.cvAfter,
      movers: s.movers,
      solvedBy: user.username,
      solvedAt: new Date().toISOString(),
    };
  }

  /** The teachers and schools the moves are chosen among (teachers at schools left out stay where they are). */
  private planInput(p: store.ExchangePlan): { teachers: ExchangeTeacher[]; schools: ExchangeSchool[] } {
    const inPlan = new Set(p.schools.included.map((s) => s.schoolCode));
    return { teachers: p.teachers.filter((t) => inPlan.has(t.schoolCode)), schools: p.schools.included };
  }

  /** Pins must name a teacher of the plan (at a school in it) and a school in it: else 400, before any solving. */
  private checkPins(rules: ExchangeRules, teachers: readonly ExchangeTeacher[], schools: readonly ExchangeSchool[]) {
    const ids = new Set(teachers.map((t) => t.teacherId));
    const codes = new Set(schools.map((s) => s.schoolCode));
    const bad = rules.pins.flatMap((p) => [
      ...(ids.has(p.teacherId) ? [] : [`指定的教师 ${p.teacherId} 不在本方案的教师中 / pinned teacher ${p.teacherId} is not among the plan’s teachers`]),
      ...(p.schoolCode === undefined || codes.has(p.schoolCode) ? [] : [`指定中的学校 ${p.schoolCode} 不在本方案中 / pinned school ${p.schoolCode} is not in the plan`]),
    ]);
    if (bad.length) throw badRequest(`指定有误 / the pins are not valid: ${bad.slice(0, 10).join('; ')}`, { problems: bad.map((reason) => ({ field: 'body.rules.pins', reason })) });
  }

  private async mustGet(user: User, id: number): Promise<store.ExchangePlan> {
    const p = await store.getPlan(this.db, user.districtId, id);
    if (!p) throw notFound(`交流轮岗方案 ${id} 不存在 / no exchange plan ${id}`);
    return p;
  }

  private async mustDraft(user: User, id: number): Promise<store.ExchangePlan> {
    const p = await this.mustGet(user, id);
    if (p.status !== 'draft') throw this.notDraft(id);
    return p;
  }

  private notDraft(id: number) {
    return conflict(`方案 ${id} 已锁定，只读；如需调整，请新建方案 / plan ${id} is locked and read-only; make a new plan to change it`);
  }
}
