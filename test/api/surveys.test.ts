// Satisfaction surveys end to end through the API: a questionnaire from the parents' template (and a new version that
// leaves the pinned one unchanged) → a survey → its sampling plan → codes (the slips' PDF; codes drawn through the
// service where the test needs them in clear) → open → anonymous start and answer with a code → the same code
// refused → while open, results are counts only → closing reshuffles the responses (new ids, one transaction) → results
// with exact counts, recognition rates and Wilson intervals (scipy), the district stratified by the plan (python),
// small schools withheld; a bad answer names its question; oversized answers are refused; batches have at least 10
// codes and `used` is per school only; a voided code and a closed survey are refused; wrong codes are limited per
// address (IPv6 per /64); codes are stored as scrypt hashes; nothing of a code reaches the audit log.
import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, signIn, testApp } from '../helpers.js';
import { SurveyService } from '../../src/wellbeing/surveys/service.js';
import { canonicalCode, codeHash } from '../../src/wellbeing/surveys/codes.js';
import { TEMPLATES } from '../../src/wellbeing/surveys/data.js';
import type { Results } from '../../src/wellbeing/surveys/contract.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const parents = TEMPLATES.find((t) => t.id === 'parents')!;
const SCALE = parents.questions.filter((q) => q.type === 'scale');
/** The parents' template: 15 questions, 14 scale questions that all count, 1 background choice (stage). */
const COUNTED = SCALE.filter((q) => q.counts).length;

/** A response answering every scale question with `v` and the stage question with `stage`. */
const all = (v: string, stage = 'primary-lower') => Object.fromEntries(parents.questions.map((q) => [q.id, q.type === 'scale' ? v : stage]));

describe('satisfaction surveys', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let svc: SurveyService;
  let surveyId: number;
  const codes: Record<string, string[]> = {};
  const rowsOf = async <T>(query: SQL): Promise<T[]> => ((await t.database.db.execute(query)) as { rows: T[] }).rows;
  const pub = (url: string, payload: unknown, remoteAddress = '127.0.0.1') => t.app.inject({ method: 'POST', url, payload: payload as never, remoteAddress });

  beforeAll(async () => {
    t = await testApp();
    admin = await signIn(t.app, 'admin');
    svc = new SurveyService(t.database.db);
  });
  afterAll(async () => t?.close());

  it('templates and the recognition rule', async () => {
    const r = await admin.get('/api/surveys/templates');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.templates.map((x: { id: string }) => x.id)).toEqual(['parents', 'students', 'teachers']);
    expect(body.rule).toMatchObject({ id: 'social-recognition', version: 1, topOptions: 2, thresholdPercent: 85 });
  });

  it('a questionnaire from a template; a change is a new version, the old one kept', async () => {
    const r = await admin.post('/api/surveys/questionnaires', { key: 'parents-2024', template: 'parents' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ key: 'parents-2024', version: 1, template: 'parents@1', audience: 'parent', title: parents.title });
    expect(r.json().questions).toHaveLength(15);
    // the same key again: 409
    expect((await admin.post('/api/surveys/questionnaires', { key: 'parents-2024', template: 'parents' })).statusCode).toBe(409);
    // an invalid change names the problem (a counted choice question)
    const bad = await admin.put('/api/surveys/questionnaires/parents-2024', {
      title: 'x',
      audience: 'parent',
      questions: [
        {
          id: 'a',
          text: { zh: '甲' },
          type: 'choice',
          options: [
            { value: 'x', label: { zh: 'X' } },
            { value: 'y', label: { zh: 'Y' } },
          ],
          dimension: 'overall',
          counts: true,
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems.map((p: { field: string }) => p.field)).toContain('questions.0.counts');
    // a valid change: version 2 with one question fewer
    const v2 = await admin.put('/api/surveys/questionnaires/parents-2024', { title: '家长卷（修订）', audience: 'parent', questions: parents.questions.slice(0, 14) });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, title: '家长卷（修订）', template: 'parents@1' });
    const v1 = await admin.get('/api/surveys/questionnaires/parents-2024?version=1');
    expect(v1.json().questions).toHaveLength(15);
    const list = await admin.get('/api/surveys/questionnaires');
    expect(list.json().questionnaires[0]).toMatchObject({ key: 'parents-2024', latestVersion: 2 });
  });

  it('a survey pins version 1; the plan by hand', async () => {
    const r = await admin.post('/api/surveys', { year: 2024, title: '2024年家长满意度调查', questionnaireKey: 'parents-2024', questionnaireVersion: 1 });
    expect(r.statusCode, r.body).toBe(200);
    surveyId = r.json().id;
    expect(r.json()).toMatchObject({ status: 'draft', questionnaireVersion: 1, codesIssued: 0, responses: 0 });
    // an unknown version: 400
    expect((await admin.post('/api/surveys', { year: 2024, title: 'x', questionnaireKey: 'parents-2024', questionnaireVersion: 9 })).statusCode).toBe(400);

    const plan = await admin.put(`/api/surveys/${surveyId}/plan`, {
      confidencePercent: 95,
      marginPercent: 5,
      responseRatePercent: 100,
      schools: [
        { schoolCode: A, population: 400 },
        { schoolCode: B, population: 30 },
        { schoolCode: C, population: 60 },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const p = plan.json();
    expect(p.method).toMatchObject({ id: 'sampling-v1', version: 1 });
    // n₀ = 384.16; N = 400 → 197; N = 30: 384.16 / (1 + 383.16/30) = 27.89 → 28; N = 60: 384.16 / 7.386 = 52.01 → 53
    expect(p.schools.map((s: { sampleSize: number }) => s.sampleSize)).toEqual([197, 28, 53]);
    expect(p.district).toMatchObject({ population: 490, sampleSize: 278, codesToIssue: 278 });
    expect(p.schools.every((s: { populationSource: string }) => s.populationSource === 'typed')).toBe(true);
    // the defaults: the test district has no enrolments, so every population is 0
    const d = await admin.get(`/api/surveys/${surveyId}/plan/defaults`);
    expect(d.json()).toMatchObject({ confidencePercent: 95, marginPercent: 5, responseRatePercent: 100, populationYear: 2024 });
    expect(d.json().schools).toHaveLength(3);
  });

  it('codes: a batch has at least minCellSize (10) codes', async () => {
    const r = await admin.post(`/api/surveys/${surveyId}/codes`, { schools: [{ schoolCode: A, count: 9 }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().problems.map((p: { field: string }) => p.field)).toEqual(['body.schools.0.count']);
    await expect(svc.issueCodeBatches({ districtId: DISTRICT, username: 'admin' }, surveyId, [{ schoolCode: B, count: 1 }])).rejects.toMatchObject({ status: 400 });
    expect((await admin.get(`/api/surveys/${surveyId}/batches`)).json()).toMatchObject({ batches: [], schools: [], minBatch: 10 });
  });

  it('codes: the slips PDF (scrypt hashes stored, counts audited, never the code)', async () => {
    const r = await admin.post(`/api/surveys/${surveyId}/codes`, { schools: [{ schoolCode: A, count: 10 }] });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toContain('application/pdf');
    expect(r.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // codes in clear for the test: drawn through the service, as the route does before printing
    const issued = await svc.issueCodeBatches({ districtId: DISTRICT, username: 'admin' }, surveyId, [
      { schoolCode: A, count: 16 },
      { schoolCode: B, count: 10 },
      { schoolCode: C, count: 11 },
    ]);
    for (const b of issued.batches) codes[b.schoolCode] = b.codes;
    const batches = (await admin.get(`/api/surveys/${surveyId}/batches`)).json().batches;
    expect(batches.map((b: { batch: number; schoolCode: string; count: number }) => [b.batch, b.schoolCode, b.count])).toEqual([
      [1, A, 10],
      [2, A, 16],
      [3, B, 10],
      [4, C, 11],
    ]);
    for (const b of batches) expect(b).not.toHaveProperty('used');
    const stored = await rowsOf<{ code_hash: string; school_code: string }>(sql`select code_hash, school_code from survey_codes`);
    expect(stored).toHaveLength(47); // 10 + 16 + 10 + 11
    for (const row of stored) expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    // scrypt (codes.ts; its value checked against python in surveys-pure), not SHA-256: the clear codes' hashes are stored
    const hashes = new Set(stored.map((x) => x.code_hash));
    for (const c of codes[B]) expect(hashes.has(codeHash(canonicalCode(c)!))).toBe(true);
    const sha = (await import('node:crypto')).createHash('sha256').update(canonicalCode(codes[B][0])!).digest('hex');
    expect(hashes.has(sha)).toBe(false);
  });

  it('before the survey opens, a code is refused: 409 survey_not_open', async () => {
    const r = await pub('/api/public/surveys/start', { code: codes[A][0] });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('survey_not_open');
    expect((await admin.post(`/api/surveys/${surveyId}/status`, { status: 'open' })).json().status).toBe('open');
  });

  it('start with a code (no sign-in): the pinned questionnaire, school and district', async () => {
    const r = await pub('/api/public/surveys/start', { code: codes[A][0].toLowerCase() });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ surveyTitle: '2024年家长满意度调查', schoolName: '测试第一小学', districtName: '测试县', title: parents.title });
    expect(r.json().questions).toHaveLength(15); // version 1, not version 2's 14
    const bad = await pub('/api/public/surveys/start', { code: 'ZZZZZ-ZZZZZ' });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.code).toBe('code_unknown');
  });

  it('a bad answer names the question and spends nothing', async () => {
    const code = codes[A][0];
    const unknown = await pub('/api/public/surveys/answer', { code, answers: { ...all('satisfied'), quality: 'great' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('invalid_answers');
    expect(unknown.json().problems).toEqual([{ field: 'quality', reason: expect.stringContaining('great') }]);
    const { overall: _o, ...rest } = all('satisfied');
    const missing = await pub('/api/public/surveys/answer', { code, answers: rest });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().problems[0].field).toBe('overall');
    expect(missing.json().error.message).toContain('第 15 题（overall）');
  });

  it('oversized answers are refused early and their problems capped; nothing is spent', async () => {
    const code = codes[A][0];
    // 61 answers: more than any questionnaire's 60 questions (refused by the contract)
    const many = Object.fromEntries(Array.from({ length: 61 }, (_, i) => [`q${i}`, 'x']));
    const r1 = await pub('/api/public/surveys/answer', { code, answers: many });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.code).toBe('bad_request');
    expect(r1.json().problems).toEqual([{ field: 'body.answers', reason: expect.stringContaining('60') }]);
    // a value longer than an option value can be (31 > 30 characters), a key longer than a question id (41 > 40)
    expect((await pub('/api/public/surveys/answer', { code, answers: { ...all('satisfied'), overall: 'x'.repeat(31) } })).statusCode).toBe(400);
    expect((await pub('/api/public/surveys/answer', { code, answers: { ...all('satisfied'), ['k'.repeat(41)]: 'x' } })).statusCode).toBe(400);
    // 16 answers to 15 questions: one problem, not one per key
    const r2 = await pub('/api/public/surveys/answer', { code, answers: { ...all('satisfied'), extra: 'x' } });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().problems).toEqual([{ field: 'answers', reason: expect.stringContaining('16') }]);
    // 15 unknown ids: 15 "no such question" + 15 required unanswered = 30 problems, listed 20 (MAX_ANSWER_PROBLEMS)
    const unknown = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`zz${i}`, 'x']));
    const r3 = await pub('/api/public/surveys/answer', { code, answers: unknown });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().problems).toHaveLength(20);
    expect(r3.json().error.message).toContain('等 30 处');
    // A body over the public routes' 16 KB (16,384 bytes) is refused before it is parsed: 413.
    const big = await pub('/api/public/surveys/answer', { code, answers: { overall: 'x'.repeat(17_000) } });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'body_too_large']);
    expect((await pub('/api/public/surveys/start', { code })).statusCode).toBe(200); // still unspent
  });

  it('answers: once per code; the same code again is refused; two simultaneous submits — one wins', async () => {
    // School A: 12 responses — 6 very satisfied, 4 satisfied, 1 neutral, 1 dissatisfied (every scale question alike)
    const plan = [
      'very-satisfied',
      'very-satisfied',
      'very-satisfied',
      'very-satisfied',
      'very-satisfied',
      'very-satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'neutral',
      'dissatisfied',
    ];
    for (const [i, v] of plan.entries()) {
      const r = await pub('/api/public/surveys/answer', { code: codes[A][i], answers: all(v) });
      expect(r.statusCode, r.body).toBe(200);
    }
    const again = await pub('/api/public/surveys/answer', { code: codes[A][0], answers: all('satisfied') });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('code_used');
    expect((await pub('/api/public/surveys/start', { code: codes[A][0] })).json().error.code).toBe('code_used');
    // two at once with one unused code: exactly one 200, the other 409
    const [x, y] = await Promise.all([
      pub('/api/public/surveys/answer', { code: codes[A][12], answers: all('satisfied') }),
      pub('/api/public/surveys/answer', { code: codes[A][12], answers: all('satisfied') }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    // School B: 3 responses, all satisfied; school C: 11, all very satisfied (stage: junior)
    for (let i = 0; i < 3; i++) expect((await pub('/api/public/surveys/answer', { code: codes[B][i], answers: all('satisfied') })).statusCode).toBe(200);
    for (let i = 0; i < 11; i++) expect((await pub('/api/public/surveys/answer', { code: codes[C][i], answers: all('very-satisfied', 'junior') })).statusCode).toBe(200);
    // the responses carry no code
    const cols = await rowsOf<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name = 'survey_responses'`);
    expect(cols.map((c) => c.column_name).sort()).toEqual(['answers', 'id', 'school_code', 'submitted_on', 'survey_id']);
  });

  it('a voided batch: its unused code is refused (410), its answers stay; used and voided are shown per school only', async () => {
    const r = await admin.post(`/api/surveys/${surveyId}/batches/3/void`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().batch).toMatchObject({ batch: 3, schoolCode: B, count: 10 });
    expect(r.json().batch.voidedAt).not.toBeNull();
    expect(r.json().batch).not.toHaveProperty('used');
    expect(r.json().batch).not.toHaveProperty('voided');
    const v = await pub('/api/public/surveys/start', { code: codes[B][3] });
    expect(v.statusCode).toBe(410);
    expect(v.json().error.code).toBe('code_void');
    // per school: A 10 + 16 issued, 12 + 1 used; B 10 issued, 3 used, 10 − 3 = 7 voided; C 11 issued, 11 used
    const b = (await admin.get(`/api/surveys/${surveyId}/batches`)).json();
    expect(b.schools.map((x: { schoolCode: string; issued: number; used: number; voided: number }) => [x.schoolCode, x.issued, x.used, x.voided])).toEqual([
      [A, 26, 13, 0],
      [B, 10, 3, 7],
      [C, 11, 11, 0],
    ]);
  });

  it('while the survey is open, results are counts of codes and responses only', async () => {
    const r = await admin.get(`/api/surveys/${surveyId}/results`);
    expect(r.statusCode).toBe(200);
    const res: Results = r.json();
    expect(res.final).toBe(false);
    expect(res.units.map((u) => [u.school, u.codesIssued, u.responses])).toEqual([
      [null, 47, 27], // 26 + 10 + 11 codes
      [A, 26, 13],
      [B, 10, 3],
      [C, 11, 11],
    ]);
    for (const u of res.units) expect([u.overall, u.dimensions, u.questions]).toEqual([null, null, null]);
    const x = await admin.get(`/api/surveys/${surveyId}/results.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('概况')!.getRow(5).values).toContain('调查结束后公布'); // school A: 13 responses, yet no rate
  });

  it('closing rewrites the responses in one transaction: new ids, one xmin with the used codes', async () => {
    type Row = { id: number; school_code: string; answers: unknown; submitted_on: string; xmin: string };
    const before = await rowsOf<Row>(sql`select id, school_code, answers, submitted_on::text, xmin::text from survey_responses where survey_id = ${surveyId}`);
    expect(before).toHaveLength(27);
    expect(new Set(before.map((x) => x.xmin)).size).toBe(27); // one transaction per response while open
    expect((await admin.post(`/api/surveys/${surveyId}/status`, { status: 'closed' })).json().status).toBe('closed');
    const after = await rowsOf<Row>(sql`select id, school_code, answers, submitted_on::text, xmin::text from survey_responses where survey_id = ${surveyId}`);
    const key = (x: Row) => JSON.stringify([x.school_code, x.answers, x.submitted_on]);
    expect(after.map(key).sort()).toEqual(before.map(key).sort()); // the same responses …
    const oldMax = Math.max(...before.map((x) => x.id));
    expect(after.every((x) => x.id > oldMax)).toBe(true); // … under new ids
    const xmins = new Set(after.map((x) => x.xmin));
    expect(xmins.size).toBe(1);
    const used = await rowsOf<{ xmin: string }>(sql`select xmin::text from survey_codes where survey_id = ${surveyId} and used_at is not null`);
    expect(used).toHaveLength(27);
    expect(new Set(used.map((x) => x.xmin))).toEqual(xmins);
  });

  it('results: exact counts, rates, Wilson intervals, small schools withheld for everyone', async () => {
    const r = await admin.get(`/api/surveys/${surveyId}/results`);
    expect(r.statusCode, r.body.slice(0, 400)).toBe(200);
    const res: Results = r.json();
    const [d, a, b, c] = res.units;
    expect(res.units.map((u) => [u.school, u.responses, u.suppressed])).toEqual([
      [null, 27, false], // 13 (A: 12 + the simultaneous one) + 3 + 11
      [A, 13, false],
      [B, 3, true], // 3 < 10
      [C, 11, true], // withheld too: otherwise B = district − A − C
    ]);
    expect(res.final).toBe(true);
    // codes: A 10 + 16 = 26 issued; B 10 issued, 7 voided; C 11; district 47 issued, 7 voided
    expect([d.codesIssued, d.codesVoided, a.codesIssued, b.codesIssued, b.codesVoided, c.codesIssued]).toEqual([47, 7, 26, 10, 7, 11]);
    // response rates: A 13/26 = 50 %; B 3/(10 − 7) = 100 %; district 27/40
    expect(a.responseRate).toBe(50);
    expect(b.responseRate).toBe(100);
    expect(d.responseRate).toBeCloseTo((100 * 27) / 40, 10);
    // targets from the plan: A 197 (not met), district 278 (not met)
    expect([a.target, a.targetMet, d.target, d.targetMet]).toEqual([197, false, 278, false]);
    // A's margin: 1.96 × √(0.25/13 × 387/399) = 26.7685 % (python)
    expect(a.marginPercent).toBeCloseTo(26.768462923512242, 9);
    // A: 11 of 13 respondents recognise on all 14 counted questions: 154 / 182 = 11/13 = 84.6 % < 85 % (15400 < 15470)
    expect(a.overall).toMatchObject({ recognising: 11 * COUNTED, answered: 13 * COUNTED, respondents: 13, meetsGate: false });
    expect(a.overall!.rate).toBeCloseTo((100 * 11) / 13, 10);
    // Wilson at p̂ = 11/13, n = 13 (scipy binomtest(11, 13).proportion_ci(method='wilson')): 57.7654 – 95.6742
    expect(a.overall!.low).toBeCloseTo(57.76536898051747, 8);
    expect(a.overall!.high).toBeCloseTo(95.67418216419188, 8);
    // district, stratified by the plan (N: A 400, B 30, C 60): the counts stay the totals (25 of 27 recognise) but the
    // rate is Σ W_h p̂_h = (400·11/13 + 30·1 + 60·1) / 490 = 557/637 = 87.4411 % (python Fraction), not the pooled
    // 25/27 = 92.6 %; gate 55700 ≥ 85·637 = 54145 → met. Interval ± 1.96·√(W_A²·(11/13)(2/13)/13·387/399) (B and C
    // have p̂ = 1, variance 0): 71.6731 – 103.2 → capped at 100 (python).
    expect(res.estimator).toEqual({ method: 'stratified', leftOut: [] });
    expect(d.overall).toMatchObject({ recognising: 25 * COUNTED, answered: 27 * COUNTED, respondents: 27, meetsGate: true });
    expect(d.overall!.rate).toBeCloseTo((100 * 557) / 637, 10);
    expect(d.overall!.low).toBeCloseTo(71.67310351572328, 8);
    expect(d.overall!.high).toBe(100);
    // per question: A's overall question counts
    expect(a.questions!.find((q) => q.questionId === 'overall')).toEqual({
      questionId: 'overall',
      answered: 13,
      counts: { 'very-satisfied': 6, satisfied: 5, neutral: 1, dissatisfied: 1, 'very-dissatisfied': 0 },
    });
    expect(d.questions!.find((q) => q.questionId === 'stage')!.counts).toEqual({ 'primary-lower': 16, 'primary-upper': 0, junior: 11 });
    // dimensions: fairness has 3 counted questions in the template → A: 33 of 39
    const fairness = a.dimensions!.find((x) => x.dimension === 'fairness')!;
    expect(fairness.rate).toMatchObject({ recognising: 33, answered: 39, respondents: 13 });
    // withheld: no figures
    expect([b.overall, b.dimensions, b.questions, c.overall]).toEqual([null, null, null, null]);
    expect(res.minCellSize).toBe(10);
    expect(res.rule).toMatchObject({ id: 'social-recognition', version: 1 });
  });

  it('a clerk sees the district and the own school; an inspector the assigned one', async () => {
    const clerk = await signIn(t.app, 'clerkA');
    const units = (await clerk.get(`/api/surveys/${surveyId}/results`)).json().units;
    expect(units.map((u: { school: string | null }) => u.school)).toEqual([null, A]);
    const inspector = await signIn(t.app, 'inspector');
    const iu = (await inspector.get(`/api/surveys/${surveyId}/results`)).json().units;
    expect(iu.map((u: { school: string | null; suppressed: boolean }) => [u.school, u.suppressed])).toEqual([
      [null, false],
      [B, true],
    ]);
  });

  it('the .xlsx export withholds the same cells', async () => {
    const r = await admin.get(`/api/surveys/${surveyId}/results.xlsx`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const s = wb.getWorksheet('概况')!;
    const rows = [4, 5, 6, 7].map((i) => s.getRow(i).values as unknown[]);
    expect(rows.map((v) => v[1])).toEqual(['', A, B, C]);
    expect(rows[2][10]).toBe('不足 10 份，不公布');
    expect(rows[1][10]).toBeCloseTo((100 * 11) / 13, 10);
  });

  it('a closed survey refuses answers and stays closed', async () => {
    const r = await pub('/api/public/surveys/answer', { code: codes[A][15], answers: all('satisfied') });
    expect(r.statusCode).toBe(410);
    expect(r.json().error.code).toBe('survey_closed');
    expect((await admin.post(`/api/surveys/${surveyId}/status`, { status: 'open' })).statusCode).toBe(409);
    expect((await admin.put(`/api/surveys/${surveyId}/plan`, {})).statusCode).toBe(409);
    expect((await admin.post(`/api/surveys/${surveyId}/codes`, { schools: [{ schoolCode: A, count: 1 }] })).statusCode).toBe(409);
  });

  it('wrong codes are limited per address: 429 with Retry-After', async () => {
    const first20 = [];
    for (let i = 0; i < 20; i++) first20.push((await pub('/api/public/surveys/start', { code: 'ZZZZZ-ZZZZ2' }, '10.9.9.9')).statusCode);
    expect(new Set(first20)).toEqual(new Set([404])); // 20 wrong codes are answered …
    const r = await pub('/api/public/surveys/start', { code: 'ZZZZZ-ZZZZ3' }, '10.9.9.9');
    expect(r.statusCode).toBe(429); // … then the address waits
    expect(r.json().error.code).toBe('too_many_attempts');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not held up
    expect((await pub('/api/public/surveys/start', { code: 'ZZZZZ-ZZZZ3' }, '10.9.9.8')).statusCode).toBe(404);
  });

  it('IPv6: wrong codes count per /64, whatever address of it each try comes from', async () => {
    // 20 tries, each from another address of 2001:db8:7:9::/64 (one host can take any of them)
    for (let i = 0; i < 20; i++) expect((await pub('/api/public/surveys/start', { code: 'ZZZZZ-ZZZZ4' }, `2001:db8:7:9::${(i + 1).toString(16)}`)).statusCode).toBe(404);
    const r = await pub('/api/public/surveys/start', { code: 'ZZZZZ-ZZZZ4' }, '2001:db8:7:9:abcd:1234:5678:9abc');
    expect(r.statusCode).toBe(429);
    // the neighbouring /64 is another network
    expect((await pub('/api/public/surveys/start', { code: 'ZZZZZ-ZZZZ4' }, '2001:db8:7:a::1')).statusCode).toBe(404);
  });

  it('the audit log has the counts and never a code', async () => {
    const rows = await rowsOf<{ action: string; entity: string; entity_key: string; new_value: unknown; row_count: number | null }>(
      sql`select action, entity, entity_key, new_value, row_count from audit_log where entity like 'survey%' order by id`,
    );
    expect(rows.filter((r) => r.action === 'issue').map((r) => r.row_count)).toEqual([10, 16, 10, 11]);
    // the void names the batch and its size (10), not how many were still unused (7: that would be its used count)
    expect(rows.find((r) => r.action === 'void')).toMatchObject({ row_count: 10, new_value: { batch: 3 } });
    const text = JSON.stringify(rows);
    for (const c of Object.values(codes).flat()) {
      expect(text).not.toContain(c);
      expect(text).not.toContain(c.replace('-', ''));
    }
  });
});
