// Satisfaction surveys (满意度调查, 社会认可度): questionnaires as versioned data (a change saves a new version; a version
// a survey pins never changes), surveys (draft → open → closed, final), sampling plans (sampling.ts), one-time access
// codes (codes.ts: only slow scrypt hashes stored, the codes printed once as slips, batches of at least the small-cell
// size, used counts per school only), anonymous answering without sign-in (the code in the request body; the response
// keeps school and day, never the code; closing the survey reshuffles the responses, store.closeSurvey) and results
// (results.ts): counts while open; once closed, recognition rates, Wilson intervals, the district stratified by the
// plan, small cells withheld for everyone.
import ExcelJS from 'exceljs';
import type { Db } from '../../core/db/index.js';
import { recordAudit } from '../../core/audit/store.js';
import { formatLocalTime } from '../../core/audit/local-time.js';
import { LoginRateLimiter } from '../../core/auth/rate-limit.js';
import { AppError, badRequest, conflict, notFound } from '../../core/http/errors.js';
import type { Actor, FileAnswer } from '../../core/http/routes.js';
import { renderPdf } from '../../core/pdf.js';
import { excelFormat } from '../../core/format.js';
import { HEADER_FILL, headerWidth } from '../../core/xlsx/style.js';
import { districtName, enrolmentOfGrade, registrySchools, schoolNames } from '../../registry/lookup.js';
import { privacySettings } from '../../exams/privacy.js';
import {
  DIMENSION_NAMES,
  DIMENSIONS,
  QuestionnaireBody,
  QuestionSchema,
  type Audience,
  type Batch,
  type Plan,
  type PlanInput,
  type PublicQuestionnaire,
  type Question,
  type Questionnaire,
  type Results,
  type SchoolCodes,
  type Survey,
  type Template,
} from './contract.js';
import { rateKey } from './address.js';
import { canonicalCode, codeHashAsync, codeHashes, newCodes } from './codes.js';
import { RULE, SAMPLING, TEMPLATES, templateOf } from './data.js';
import { answerProblems, cleanAnswers, normaliseQuestions, type Problem } from './questionnaire.js';
import { addResponse, emptyTally, type UnitTally } from './recognition.js';
import { computeResults, type SchoolInput } from './results.js';
import { computePlan, populationGrades } from './sampling.js';
import { slipsHtml } from './slips.js';
import * as store from './store.js';
import type { z } from 'zod';

type User = Pick<Actor, 'districtId' | 'username'>;

/** At most this many codes in one request: each code's scrypt hash takes about 50 ms of a core, so 2000 take about a
 *  minute before their 200-page slips PDF (10 a page). A larger school is issued in several requests. */
export const MAX_CODES_PER_REQUEST = 2000;

/** At most this many problems are listed for one response (a response has at most MAX_QUESTIONS answers anyway). */
export const MAX_ANSWER_PROBLEMS = 20;

/** What the `questions` jsonb column holds: the questions and the questionnaire's other texts. */
interface StoredDoc {
  format: 'questionnaire-v1';
  titleEn: string;
  intro: { zh: string; en: string } | null;
  questions: Question[];
}

function docOf(row: store.QuestionnaireRow): StoredDoc {
  const raw = row.questions as Partial<StoredDoc> | Question[];
  if (Array.isArray(raw)) return { format: 'questionnaire-v1', titleEn: '', intro: null, questions: raw };
  return { format: 'questionnaire-v1', titleEn: raw.titleEn ?? '', intro: raw.intro ?? null, questions: raw.questions ?? [] };
}

function questionnaireOf(row: store.QuestionnaireRow): Questionnaire {
  const d = docOf(row);
  return {
    key: row.key,
    version: row.version,
    title: row.title,
    titleEn: d.titleEn,
    audience: row.audience as Audience,
    intro: d.intro,
    template: row.template,
    questions: d.questions,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

const invalidQuestionnaire = (problems: Problem[]) =>
  new AppError(400, 'invalid_questionnaire', `问卷有误：${problems.map((p) => p.reason).join('；')} / the questionnaire has ${problems.length} problem(s)`, { problems });

const invalidAnswers = (all: Problem[]) => {
  const problems = all.slice(0, MAX_ANSWER_PROBLEMS);
  const more = all.length > problems.length ? `等 ${all.length} 处` : '';
  return new AppError(400, 'invalid_answers', `答卷有误，请检查：${problems.map((p) => p.reason).join('；')}${more} / please check the answers`, { problems });
};

const codeUnknown = () => new AppError(404, 'code_unknown', '调查码无效，请核对码条上的 10 位调查码 / this access code is not valid: check the 10 characters on the slip');
const codeUsed = () => new AppError(409, 'code_used', '该调查码已使用，每个调查码只能提交一次 / this access code has already been used: each code answers once');
const codeVoid = () => new AppError(410, 'code_void', '该调查码已作废 / this access code has been withdrawn');
const surveyClosed = () => new AppError(410, 'survey_closed', '调查已结束，感谢您的关注 / this survey has ended');
const surveyNotOpen = () => new AppError(409, 'survey_not_open', '调查尚未开始，请在开始后再作答 / this survey has not started yet');

const STATUS_ZH: Record<string, string> = { draft: '草稿', open: '进行中', closed: '已结束' };

/** What a questionnaire is made of, checked: the normalised questions or a 400 naming every problem. */
function checkQuestionnaire(questions: z.output<typeof QuestionSchema>[]): Question[] {
  const { questions: qs, problems } = normaliseQuestions(questions, RULE);
  if (problems.length) throw invalidQuestionnaire(problems);
  return qs;
}

export class SurveyService {
  /**
   * Wrong access codes per client address (public routes): after 20 wrong codes from one address, each further try
   * waits 30 s, then 1, 2, 4 … min (at most 15); counters are forgotten an hour (the address) to a day after the last
   * wrong code. A right code does not clear them (else one valid slip would reset a guesser's count).
   */
  readonly attempts = new LoginRateLimiter({ free: 20, freePerAddress: 20, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 });

  constructor(private readonly db: Db) {}

  // ---------- questionnaires ----------

  templates() {
    return {
      templates: TEMPLATES,
      rule: { id: RULE.id, version: RULE.version, topOptions: RULE.topOptions, thresholdPercent: RULE.thresholdPercent, source: RULE.source, sourceEn: RULE.sourceEn },
      dimensions: DIMENSIONS.map((d) => ({ dimension: d, ...DIMENSION_NAMES[d] })),
    };
  }

  async questionnaires(user: User) {
    const rows = await store.questionnaireRows(this.db, user.districtId);
    const pins = await store.pinnedVersions(this.db, user.districtId);
    const byKey = new Map<string, store.QuestionnaireRow[]>();
    for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    return {
      questionnaires: [...byKey.entries()].map(([key, versions]) => {
        const latest = versions[versions.length - 1];
        const q = questionnaireOf(latest);
        return {
          key,
          title: q.title,
          titleEn: q.titleEn,
          audience: q.audience,
          template: q.template,
          latestVersion: latest.version,
          questionCount: q.questions.length,
          versions: versions.map((v) => ({
            version: v.version,
            createdBy: v.createdBy,
            createdAt: v.createdAt,
            questionCount: docOf(v).questions.length,
            pinnedBy: pins.filter((p) => p.key === key && p.version === v.version).map((p) => p.id),
          })),
        };
      }),
    };
  }

  async questionnaire(user: User, key: string, version?: number): Promise<Questionnaire> {
    const row = await store.questionnaireVersion(this.db, user.districtId, key, version);
    if (!row) throw notFound(version ? `问卷 ${key} 没有第 ${version} 版 / questionnaire ${key} has no version ${version}` : `没有问卷 ${key} / no questionnaire ${key}`);
    return questionnaireOf(row);
  }

  async createQuestionnaire(
    user: User,
    body: { key: string; template?: string; title?: string; titleEn?: string; audience?: Audience; intro?: { zh: string; en: string }; questions?: z.output<typeof QuestionSchema>[] },
  ): Promise<Questionnaire> {
    let t: Template | null = null;
    if (body.template) {
      t = templateOf(body.template);
      if (!t) throw badRequest(`没有模板“${body.template}” / no template "${body.template}"`, { problems: [{ field: 'body.template', reason: '模板不存在 / no such template' }] });
    }
    const title = body.title ?? t?.title;
    const audience = body.audience ?? t?.audience;
    const problems: Problem[] = [];
    if (!title) problems.push({ field: 'body.title', reason: '请填写问卷标题 / a title is required' });
    if (!audience) problems.push({ field: 'body.audience', reason: '请选择调查对象 / choose the audience' });
    if (!body.questions && !t) problems.push({ field: 'body.questions', reason: '空白问卷需至少一道题 / a blank questionnaire needs questions' });
    if (problems.length) throw invalidQuestionnaire(problems);
    const questions = checkQuestionnaire(body.questions ?? t!.questions);
    return this.save(
      user,
      { key: body.key, title: title!, titleEn: body.titleEn ?? t?.titleEn ?? '', audience: audience!, intro: body.intro ?? t?.intro ?? null, template: t ? `${t.id}@${t.version}` : null, questions },
      true,
    );
  }

  async updateQuestionnaire(user: User, key: string, body: z.output<typeof QuestionnaireBody>): Promise<Questionnaire> {
    const prev = await this.questionnaire(user, key);
    const questions = checkQuestionnaire(body.questions);
    return this.save(user, { key, title: body.title, titleEn: body.titleEn, audience: body.audience, intro: body.intro ?? null, template: prev.template, questions }, false);
  }

  private async save(
    user: User,
    q: { key: string; title: string; titleEn: string; audience: Audience; intro: { zh: string; en: string } | null; template: string | null; questions: Question[] },
    isNew: boolean,
  ): Promise<Questionnaire> {
    const doc: StoredDoc = { format: 'questionnaire-v1', titleEn: q.titleEn, intro: q.intro, questions: q.questions };
    let row: store.QuestionnaireRow | null;
    try {
      row = await store.addQuestionnaireVersion(
        this.db,
        { districtId: user.districtId, key: q.key, title: q.title, audience: q.audience, template: q.template, questions: doc, createdBy: user.username },
        isNew,
      );
    } catch {
      throw conflict('问卷刚被他人修改，请刷新后重试 / the questionnaire was just changed by someone else: reload and try again');
    }
    if (!row) throw isNew ? conflict(`问卷编号 ${q.key} 已存在 / questionnaire key ${q.key} exists already`) : notFound(`没有问卷 ${q.key} / no questionnaire ${q.key}`);
    await recordAudit(this.db, user.districtId, [
      {
        username: user.username,
        action: isNew ? 'create' : 'update',
        entity: 'survey-questionnaire',
        entityKey: `${q.key}@${row.version}`,
        newValue: { title: q.title, audience: q.audience, template: q.template, questions: q.questions.length },
      },
    ]);
    return questionnaireOf(row);
  }

  // ---------- surveys ----------

  private async surveysOut(districtId: string, rows: store.SurveyRow[]): Promise<Survey[]> {
    const ids = rows.map((r) => r.id);
    const [codes, responses, qs] = await Promise.all([store.codeCounts(this.db, ids), store.responseCounts(this.db, ids), store.questionnaireRows(this.db, districtId)]);
    return rows.map((r) => {
      const q = qs.find((x) => x.key === r.questionnaireKey && x.version === r.questionnaireVersion);
      const c = codes.filter((x) => x.surveyId === r.id);
      return {
        id: r.id,
        year: r.year,
        title: r.title,
        questionnaireKey: r.questionnaireKey,
        questionnaireVersion: r.questionnaireVersion,
        questionnaireTitle: q?.title ?? r.questionnaireKey,
        audience: (q?.audience ?? 'parent') as Audience,
        status: r.status as Survey['status'],
        hasPlan: r.plan !== null,
        target: r.plan ? (r.plan as Plan).district.sampleSize : null,
        codesIssued: c.reduce((a, x) => a + x.issued, 0),
        codesVoided: c.reduce((a, x) => a + x.voided, 0),
        responses: responses.filter((x) => x.surveyId === r.id).reduce((a, x) => a + x.responses, 0),
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        openedAt: r.openedAt,
        closedAt: r.closedAt,
      };
    });
  }

  async list(user: User, year?: number) {
    const [rows, years] = await Promise.all([store.surveyRows(this.db, user.districtId, year), store.surveyYears(this.db, user.districtId)]);
    return { surveys: await this.surveysOut(user.districtId, rows), years };
  }

  private async row(user: User, id: number): Promise<store.SurveyRow> {
    const r = await store.surveyRow(this.db, user.districtId, id);
    if (!r) throw notFound(`没有调查 ${id} / no survey ${id}`);
    return r;
  }

  async survey(user: User, id: number): Promise<Survey> {
    return (await this.surveysOut(user.districtId, [await this.row(user, id)]))[0];
  }

  async get(user: User, id: number) {
    const r = await this.row(user, id);
    const [survey] = await this.surveysOut(user.districtId, [r]);
    return { survey, questionnaire: await this.questionnaire(user, r.questionnaireKey, r.questionnaireVersion), plan: (r.plan as Plan | null) ?? null };
  }

  private async pinnable(user: User, key: string, version?: number): Promise<Questionnaire> {
    const row = await store.questionnaireVersion(this.db, user.districtId, key, version);
    if (!row)
      throw badRequest(version ? `问卷 ${key} 没有第 ${version} 版 / questionnaire ${key} has no version ${version}` : `没有问卷 ${key} / no questionnaire ${key}`, {
        problems: [{ field: 'body.questionnaireKey', reason: '问卷不存在 / no such questionnaire' }],
      });
    return questionnaireOf(row);
  }

  async create(user: User, body: { year: number; title: string; questionnaireKey: string; questionnaireVersion?: number }): Promise<Survey> {
    const q = await this.pinnable(user, body.questionnaireKey, body.questionnaireVersion);
    const row = await store.insertSurvey(this.db, {
      districtId: user.districtId,
      year: body.year,
      title: body.title,
      questionnaireKey: q.key,
      questionnaireVersion: q.version,
      createdBy: user.username,
    });
    await recordAudit(this.db, user.districtId, [
      { username: user.username, action: 'create', entity: 'survey', entityKey: `survey:${row.id}`, newValue: { year: row.year, title: row.title, questionnaire: `${q.key}@${q.version}` } },
    ]);
    return this.survey(user, row.id);
  }

  async update(user: User, id: number, body: { year?: number; title?: string; questionnaireKey?: string; questionnaireVersion?: number }): Promise<Survey> {
    const r = await this.row(user, id);
    if (r.status !== 'draft') throw conflict('只能修改草稿状态的调查 / only a draft survey can be changed');
    const set: Partial<store.SurveyRow> = {};
    if (body.year !== undefined) set.year = body.year;
    if (body.title !== undefined) set.title = body.title;
    if (body.questionnaireKey !== undefined || body.questionnaireVersion !== undefined) {
      const key = body.questionnaireKey ?? r.questionnaireKey;
      const q = await this.pinnable(user, key, body.questionnaireVersion);
      if (q.key !== r.questionnaireKey || q.version !== r.questionnaireVersion) {
        const batches = await store.batchRows(this.db, id);
        if (batches.length) throw conflict('已发放调查码，不能更换问卷 / codes are issued: the questionnaire cannot change');
        set.questionnaireKey = q.key;
        set.questionnaireVersion = q.version;
      }
    }
    const row = await store.updateSurveyIf(this.db, user.districtId, id, ['draft'], set);
    if (!row) throw conflict('调查状态已变化，请刷新 / the survey changed meanwhile: reload');
    await recordAudit(this.db, user.districtId, [{ username: user.username, action: 'update', entity: 'survey', entityKey: `survey:${id}`, newValue: set }]);
    return this.survey(user, id);
  }

  async remove(user: User, id: number): Promise<{ ok: true }> {
    const r = await this.row(user, id);
    if (!(await store.deleteDraftSurvey(this.db, user.districtId, id)))
      throw conflict(r.status !== 'draft' ? '只能删除草稿状态的调查 / only a draft survey can be deleted' : '已发放调查码的调查不能删除 / a survey with issued codes cannot be deleted');
    await recordAudit(this.db, user.districtId, [{ username: user.username, action: 'delete', entity: 'survey', entityKey: `survey:${id}`, newValue: { title: r.title } }]);
    return { ok: true };
  }

  async setStatus(user: User, id: number, status: 'open' | 'closed'): Promise<Survey> {
    const r = await this.row(user, id);
    const from = status === 'open' ? 'draft' : 'open';
    if (r.status !== from)
      throw conflict(
        status === 'open'
          ? `只有草稿状态的调查可以开始（当前：${STATUS_ZH[r.status]}） / only a draft survey can be opened (now: ${r.status})`
          : `只有进行中的调查可以结束（当前：${STATUS_ZH[r.status]}） / only an open survey can be closed (now: ${r.status})`,
      );
    const at = new Date().toISOString();
    const row = status === 'open' ? await store.updateSurveyIf(this.db, user.districtId, id, [from], { status, openedAt: at }) : await store.closeSurvey(this.db, user.districtId, id, at);
    if (!row) throw conflict('调查状态已变化，请刷新 / the survey changed meanwhile: reload');
    await recordAudit(this.db, user.districtId, [
      { username: user.username, action: status === 'open' ? 'open' : 'close', entity: 'survey', entityKey: `survey:${id}`, oldValue: from, newValue: status },
    ]);
    return this.survey(user, id);
  }

  // ---------- sampling ----------

  /** Each school's default population: registry enrolments of the survey year in the audience's grades. */
  private async defaultPopulations(districtId: string, year: number, audience: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const g of populationGrades(audience)) for (const [code, n] of await enrolmentOfGrade(this.db, districtId, year, g)) out.set(code, (out.get(code) ?? 0) + n);
    return out;
  }

  async planDefaults(user: User, id: number) {
    const r = await this.row(user, id);
    const q = await this.questionnaire(user, r.questionnaireKey, r.questionnaireVersion);
    const pops = await this.defaultPopulations(user.districtId, r.year, q.audience);
    const schools = await registrySchools(this.db, user.districtId);
    return {
      ...SAMPLING.defaults,
      populationYear: r.year,
      schools: schools.map((s) => ({ schoolCode: s.code, schoolName: s.name, population: pops.get(s.code) ?? 0 })),
    };
  }

  async computePlan(user: User, id: number, input: z.output<typeof PlanInput>): Promise<Plan> {
    const r = await this.row(user, id);
    const q = await this.questionnaire(user, r.questionnaireKey, r.questionnaireVersion);
    const pops = await this.defaultPopulations(user.districtId, r.year, q.audience);
    const names = await schoolNames(this.db, user.districtId);
    const chosen = input.schools ?? [...names.keys()].map((schoolCode) => ({ schoolCode, population: null }));
    const unknown = chosen.filter((s) => !names.has(s.schoolCode));
    if (unknown.length)
      throw badRequest(`学校代码不存在：${unknown.map((s) => s.schoolCode).join('、')} / unknown schools`, {
        problems: unknown.map((s) => ({ field: `body.schools.${chosen.indexOf(s)}.schoolCode`, reason: '学校不存在 / no such school' })),
      });
    const dup = chosen.filter((s, i) => chosen.findIndex((x) => x.schoolCode === s.schoolCode) !== i);
    if (dup.length) throw badRequest(`学校重复：${dup.map((s) => s.schoolCode).join('、')} / schools listed twice`);
    return computePlan({
      confidencePercent: input.confidencePercent,
      marginPercent: input.marginPercent,
      responseRatePercent: input.responseRatePercent,
      populationYear: r.year,
      schools: chosen.map((s) => ({
        schoolCode: s.schoolCode,
        schoolName: names.get(s.schoolCode) ?? null,
        population: s.population ?? pops.get(s.schoolCode) ?? 0,
        populationSource: s.population === null || s.population === undefined ? 'registry' : 'typed',
      })),
    });
  }

  async savePlan(user: User, id: number, input: z.output<typeof PlanInput>): Promise<Plan> {
    const plan = await this.computePlan(user, id, input);
    const row = await store.updateSurveyIf(this.db, user.districtId, id, ['draft', 'open'], { plan });
    if (!row) throw conflict('调查已结束，抽样方案不能再改 / the survey is closed: its plan is final');
    await recordAudit(this.db, user.districtId, [
      {
        username: user.username,
        action: 'update',
        entity: 'survey-plan',
        entityKey: `survey:${id}`,
        newValue: {
          method: `${plan.method.id}@${plan.method.version}`,
          confidencePercent: plan.confidencePercent,
          marginPercent: plan.marginPercent,
          responseRatePercent: plan.responseRatePercent,
          sampleSize: plan.district.sampleSize,
          codesToIssue: plan.district.codesToIssue,
        },
      },
    ]);
    return plan;
  }

  // ---------- codes ----------

  async batches(user: User, id: number): Promise<{ batches: Batch[]; schools: SchoolCodes[]; minBatch: number }> {
    await this.row(user, id);
    const [names, rows, counts] = await Promise.all([schoolNames(this.db, user.districtId), store.batchRows(this.db, id), store.codeCounts(this.db, [id])]);
    return {
      batches: rows.map((b) => ({ ...b, schoolName: names.get(b.schoolCode) ?? null })),
      schools: counts
        .sort((a, b) => a.schoolCode.localeCompare(b.schoolCode))
        .map((c) => ({ schoolCode: c.schoolCode, schoolName: names.get(c.schoolCode) ?? null, issued: c.issued, used: c.used, voided: c.voided })),
      minBatch: privacySettings().minCellSize,
    };
  }

  /**
   * Draws the codes and stores their hashes, one batch per school (audited: counts only). Answers the codes in clear:
   * the caller prints them (issueCodes) and forgets them.
   */
  async issueCodeBatches(user: User, id: number, schools: { schoolCode: string; count: number }[]) {
    const r = await this.row(user, id);
    if (r.status === 'closed') throw conflict('调查已结束，不能再发放调查码 / the survey is closed: no more codes');
    const names = await schoolNames(this.db, user.districtId);
    const minBatch = privacySettings().minCellSize;
    const problems: Problem[] = [];
    schools.forEach((s, i) => {
      // A batch smaller than a publishable cell could go to a few named people: their school's response count would
      // then show whether they answered.
      if (s.count < minBatch)
        problems.push({ field: `body.schools.${i}.count`, reason: `每批至少 ${minBatch} 个调查码（本批 ${s.count} 个） / a batch has at least ${minBatch} codes (asked ${s.count})` });
      if (!names.has(s.schoolCode)) problems.push({ field: `body.schools.${i}.schoolCode`, reason: `学校 ${s.schoolCode} 不存在 / no school ${s.schoolCode}` });
      if (schools.findIndex((x) => x.schoolCode === s.schoolCode) !== i) problems.push({ field: `body.schools.${i}.schoolCode`, reason: `学校 ${s.schoolCode} 重复 / ${s.schoolCode} listed twice` });
    });
    if (problems.length) throw badRequest(`请求数据有误：${problems.map((p) => p.reason).join('；')} / invalid request`, { problems });
    const total = schools.reduce((a, s) => a + s.count, 0);
    if (total > MAX_CODES_PER_REQUEST)
      throw badRequest(`一次最多生成 ${MAX_CODES_PER_REQUEST} 个调查码（本次 ${total} 个），请分几次生成 / at most ${MAX_CODES_PER_REQUEST} codes at a time (asked ${total})`);
    const codes = newCodes(total);
    let k = 0;
    const perSchool = schools.map((s) => ({ schoolCode: s.schoolCode, schoolName: names.get(s.schoolCode) ?? s.schoolCode, codes: codes.slice(k, (k += s.count)), batch: 0 }));
    // A hash that exists already (another survey's code: odds about 1 in 10¹¹) fails the insert: nothing is stored
    // and the request is refused; trying again draws new codes.
    const hashes = await codeHashes(codes.map((c) => canonicalCode(c)!));
    let numbers: number[];
    try {
      let h = 0;
      numbers = await store.insertCodeBatches(
        this.db,
        id,
        perSchool.map((s) => ({ schoolCode: s.schoolCode, hashes: hashes.slice(h, (h += s.codes.length)) })),
      );
    } catch {
      throw conflict('生成调查码时冲突，请重试 / the codes collided: try again');
    }
    perSchool.forEach((s, i) => (s.batch = numbers[i]));
    await recordAudit(
      this.db,
      user.districtId,
      perSchool.map((s) => ({
        username: user.username,
        action: 'issue',
        entity: 'survey-codes',
        entityKey: `survey:${id}/school:${s.schoolCode}/batch:${s.batch}`,
        rowCount: s.codes.length,
        newValue: { count: s.codes.length },
      })),
    );
    return { survey: r, total, batches: perSchool };
  }

  /** Issues the codes and answers the slips' PDF: the only place the codes appear. */
  async issueCodes(user: User, id: number, schools: { schoolCode: string; count: number }[], origin: string): Promise<FileAnswer> {
    const { survey, total, batches } = await this.issueCodeBatches(user, id, schools);
    const html = await slipsHtml({ surveyTitle: survey.title, districtName: (await districtName(this.db, user.districtId)) ?? '', origin, batches });
    const file = await renderPdf(html, { timeoutMs: 180_000 }, { districtId: user.districtId, username: user.username });
    const first = batches[0].batch;
    const last = batches[batches.length - 1].batch;
    return { file, name: `调查码-${survey.id}-第${first === last ? first : `${first}-${last}`}批.pdf`, rows: total };
  }

  async voidBatch(user: User, id: number, batch: number): Promise<{ batch: Batch }> {
    await this.row(user, id);
    const [before] = await store.batchRows(this.db, id, batch);
    if (!before) throw notFound(`调查 ${id} 没有第 ${batch} 批调查码 / survey ${id} has no batch ${batch}`);
    await store.voidBatch(this.db, id, batch);
    // The audit row names the batch and its size, not how many codes were still unused (that is the batch's used count).
    await recordAudit(this.db, user.districtId, [
      { username: user.username, action: 'void', entity: 'survey-codes', entityKey: `survey:${id}/school:${before.schoolCode}/batch:${batch}`, rowCount: before.count, newValue: { batch } },
    ]);
    const [after] = await store.batchRows(this.db, id, batch);
    const names = await schoolNames(this.db, user.districtId);
    return { batch: { ...after, schoolName: names.get(after.schoolCode) ?? null } };
  }

  // ---------- public answering ----------

  private throttle(ip: string) {
    const wait = this.attempts.retryAfter('survey-code', rateKey(ip));
    if (wait > 0) throw new AppError(429, 'too_many_attempts', `输入错误的调查码次数过多，请 ${wait} 秒后再试 / too many wrong access codes: try again in ${wait} s`, { retryAfter: wait });
  }

  /** The code's row when it exists (a wrong code counts against the address). */
  private async lookUp(code: string, ip: string) {
    this.throttle(ip);
    const canonical = canonicalCode(code);
    const hash = canonical ? await codeHashAsync(canonical) : null;
    const row = hash ? await store.codeByHash(this.db, hash) : null;
    if (!row || !hash) {
      this.attempts.fail('survey-code', rateKey(ip));
      throw codeUnknown();
    }
    return { row, hash };
  }

  private static usable(row: NonNullable<Awaited<ReturnType<typeof store.codeByHash>>>) {
    if (row.usedAt) throw codeUsed();
    if (row.voidedAt) throw codeVoid();
    if (row.status === 'closed') throw surveyClosed();
    if (row.status !== 'open') throw surveyNotOpen();
  }

  private async pinned(row: NonNullable<Awaited<ReturnType<typeof store.codeByHash>>>): Promise<Questionnaire> {
    const q = await store.questionnaireVersion(this.db, row.districtId, row.questionnaireKey, row.questionnaireVersion);
    if (!q) throw new Error(`survey ${row.surveyId}: questionnaire ${row.questionnaireKey}@${row.questionnaireVersion} missing`);
    return questionnaireOf(q);
  }

  async publicStart(code: string, ip: string): Promise<PublicQuestionnaire> {
    const { row } = await this.lookUp(code, ip);
    SurveyService.usable(row);
    const q = await this.pinned(row);
    const names = await schoolNames(this.db, row.districtId);
    return {
      surveyTitle: row.title,
      year: row.year,
      districtName: (await districtName(this.db, row.districtId)) ?? '',
      schoolName: names.get(row.schoolCode) ?? '',
      title: q.title,
      titleEn: q.titleEn,
      audience: q.audience,
      intro: q.intro,
      questions: q.questions,
    };
  }

  async publicAnswer(code: string, answers: Record<string, string>, ip: string): Promise<{ ok: true }> {
    const { row, hash } = await this.lookUp(code, ip);
    SurveyService.usable(row);
    const q = await this.pinned(row);
    // More answers than questions: one problem, not one per stray key.
    const keys = Object.keys(answers).length;
    if (keys > q.questions.length)
      throw invalidAnswers([{ field: 'answers', reason: `答案数量（${keys}）多于题目数量（${q.questions.length}） / ${keys} answers for ${q.questions.length} questions` }]);
    const problems = answerProblems(q.questions, answers);
    if (problems.length) throw invalidAnswers(problems);
    const day = formatLocalTime(new Date()).slice(0, 10);
    const ok = await store.spendCodeAndRespond(this.db, hash, { surveyId: row.surveyId, schoolCode: row.schoolCode, answers: cleanAnswers(q.questions, answers), day });
    if (!ok) {
      // Someone else spent it meanwhile (a double submit), or it was voided or the survey closed: say which.
      const now = await store.codeByHash(this.db, hash);
      if (now) SurveyService.usable(now);
      throw codeUsed();
    }
    return { ok: true };
  }

  // ---------- results ----------

  async results(actor: Pick<Actor, 'districtId' | 'username' | 'schools'>, id: number): Promise<Results> {
    const { survey, questionnaire, plan } = await this.get(actor, id);
    const [codes, rows, names] = await Promise.all([store.codeCounts(this.db, [id]), store.responseRows(this.db, id), schoolNames(this.db, actor.districtId)]);
    const tallies = new Map<string, UnitTally>();
    const tallyOf = (school: string) => {
      let t = tallies.get(school);
      if (!t) tallies.set(school, (t = emptyTally(questionnaire.questions)));
      return t;
    };
    for (const r of rows) addResponse(tallyOf(r.schoolCode), questionnaire.questions, cleanAnswers(questionnaire.questions, r.answers as Record<string, string>), RULE);
    const codesOf = new Map(codes.map((c) => [c.schoolCode, c]));
    const schools = new Set<string>([...codes.map((c) => c.schoolCode), ...tallies.keys(), ...(plan?.schools.filter((s) => s.population > 0).map((s) => s.schoolCode) ?? [])]);
    const inputs: SchoolInput[] = [...schools].map((code) => ({
      schoolCode: code,
      schoolName: names.get(code) ?? null,
      issued: codesOf.get(code)?.issued ?? 0,
      voided: codesOf.get(code)?.voided ?? 0,
      tally: tallyOf(code),
    }));
    const minCellSize = privacySettings().minCellSize;
    const final = survey.status === 'closed';
    const { units, estimator } = computeResults({ questions: questionnaire.questions, rule: RULE, minCellSize, plan, schools: inputs, visible: actor.schools, final });
    return {
      survey,
      final,
      estimator,
      questionnaire,
      rule: this.templates().rule,
      minCellSize,
      interval: { method: 'wilson', confidencePercent: 95 },
      plan,
      units,
    };
  }

  async resultsXlsx(actor: Pick<Actor, 'districtId' | 'username' | 'schools'>, id: number): Promise<FileAnswer> {
    const res = await this.results(actor, id);
    return { file: await resultsWorkbook(res), name: `满意度调查结果-${res.survey.year}-${res.survey.id}.xlsx` };
  }
}

const PCT = excelFormat({ decimals: 1 });

/** The results as a workbook: 概况 (units), 各维度 (recognition per dimension), 各题 (option counts). Percent cells hold percent points. */
export async function resultsWorkbook(res: Results): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const q = res.questionnaire;
  const unitName = (u: Results['units'][number]) => (u.school === null ? '全县（区）' : (u.schoolName ?? u.school));
  const small = `不足 ${res.minCellSize} 份，不公布`;
  const pending = '调查结束后公布';
  const withheld = res.final ? small : pending;
  const hidden = (u: Results['units'][number]) => u.suppressed || !res.final;
  const estimator =
    res.estimator.method === 'stratified'
      ? `全县（区）认可率按抽样方案各校总体人数分层加权${res.estimator.leftOut.length ? `（未计入：${res.estimator.leftOut.join('、')}）` : ''}`
      : '全县（区）认可率为各校答案合计（无抽样方案）';
  const sheet = (name: string, headers: { h: string; fmt?: string }[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.addRow([`${res.survey.title}（${res.survey.year}）`]).font = { bold: true, size: 13 };
    ws.addRow([
      `问卷：${q.title} 第 ${q.version} 版；认可度规则 ${res.rule.id} 第 ${res.rule.version} 版：前 ${res.rule.topOptions} 项为认可，标准 ≥ ${res.rule.thresholdPercent}%；区间：95% Wilson；${estimator}；少于 ${res.minCellSize} 份答卷的学校不公布明细${res.final ? '' : '；调查进行中，只公布发放与回收数，结果在调查结束后公布'}。`,
    ]);
    const hr = ws.addRow(headers.map((x) => x.h));
    hr.eachCell((c) => {
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.alignment = { wrapText: true, vertical: 'middle' };
    });
    headers.forEach((x, i) => {
      ws.getColumn(i + 1).width = headerWidth(x.h);
      if (x.fmt) ws.getColumn(i + 1).numFmt = x.fmt;
    });
    return ws;
  };
  const s1 = sheet('概况', [
    { h: '学校代码' },
    { h: '学校' },
    { h: '发放调查码' },
    { h: '作废' },
    { h: '回收答卷' },
    { h: '回收率(%)', fmt: PCT },
    { h: '目标样本量' },
    { h: '样本达标' },
    { h: '误差(百分点)', fmt: excelFormat({ decimals: 2 }) },
    { h: '认可率(%)', fmt: PCT },
    { h: '95%区间下限(%)', fmt: PCT },
    { h: '95%区间上限(%)', fmt: PCT },
    { h: `达到${res.rule.thresholdPercent}%` },
  ]);
  const yes = (b: boolean | null) => (b === null ? '' : b ? '是' : '否');
  for (const u of res.units)
    s1.addRow([
      u.school ?? '',
      unitName(u),
      u.codesIssued,
      u.codesVoided,
      u.responses,
      u.responseRate,
      u.target,
      yes(u.targetMet),
      u.marginPercent,
      ...(hidden(u) ? [u.suppressed ? small : withheld, null, null, ''] : [u.overall?.rate ?? null, u.overall?.low ?? null, u.overall?.high ?? null, yes(u.overall?.meetsGate ?? null)]),
    ]);
  const s2 = sheet('各维度', [
    { h: '学校' },
    { h: '维度' },
    { h: '认可答案' },
    { h: '作答' },
    { h: '作答人数' },
    { h: '认可率(%)', fmt: PCT },
    { h: '95%区间下限(%)', fmt: PCT },
    { h: '95%区间上限(%)', fmt: PCT },
    { h: `达到${res.rule.thresholdPercent}%` },
  ]);
  for (const u of res.units) {
    if (hidden(u)) {
      s2.addRow([unitName(u), u.suppressed ? small : withheld]);
      continue;
    }
    for (const d of u.dimensions ?? [])
      s2.addRow([unitName(u), DIMENSION_NAMES[d.dimension].zh, d.rate.recognising, d.rate.answered, d.rate.respondents, d.rate.rate, d.rate.low, d.rate.high, yes(d.rate.meetsGate)]);
  }
  const s3 = sheet('各题', [{ h: '学校' }, { h: '题号' }, { h: '题目' }, { h: '选项' }, { h: '人数' }, { h: '占作答(%)', fmt: PCT }]);
  for (const u of res.units) {
    if (hidden(u)) {
      s3.addRow([unitName(u), u.suppressed ? small : withheld]);
      continue;
    }
    for (const [i, x] of q.questions.entries()) {
      const cell = u.questions?.find((c) => c.questionId === x.id);
      for (const o of x.options) {
        const n = cell?.counts[o.value] ?? 0;
        s3.addRow([unitName(u), i + 1, x.text.zh, o.label.zh, n, cell?.answered ? (100 * n) / cell.answered : null]);
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
