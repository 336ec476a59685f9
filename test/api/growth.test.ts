// Growth (增值评价) through the HTTP API: two small exams imported through the exam API (growth-fixture.ts), then
// the linkage counts, the value-added of schools and classes, the plain gain model and achievement against R's lme4,
// suppression below minN, permissions and the name rule, students, targets, the workbook and the PDF.
//
// Reference numbers: R 4 with lme4 1.1.31 on the same two CSV files (written to .tmp/growth-fixture/ by beforeAll),
// z with the population SD over every scored student of each exam, linked = a score in both, school = exit school:
//
//   library(lme4)
//   rd <- function(f) read.csv(f, colClasses = "character", encoding = "UTF-8", check.names = FALSE)
//   a <- rd(".tmp/growth-fixture/entry.csv"); b <- rd(".tmp/growth-fixture/exit.csv")
//   z <- function(x) { x <- suppressWarnings(as.numeric(x)); m <- mean(x, na.rm = TRUE); (x - m) / sqrt(mean((x - m)^2, na.rm = TRUE)) }
//   pr <- function(x, v) { v <- v[!is.na(v)]; 100 * (sum(v < x) + 0.5 * sum(v == x)) / length(v) }
//   a$v <- suppressWarnings(as.numeric(a[["数学"]])); b$v <- suppressWarnings(as.numeric(b[["数学"]]))
//   # 总分: a$v <- as.numeric(a[["语文"]]) + suppressWarnings(as.numeric(a[["数学"]])), likewise b
//   a$z <- z(a$v); b$z <- z(b$v)
//   d <- merge(a[!is.na(a$v), c("学籍号", "学校代码", "v", "z")], b[!is.na(b$v), c("学籍号", "学校代码", "班级", "v", "z")],
//              by = "学籍号", suffixes = c(".pre", ".post"))
//   d$school <- d[["学校代码.post"]]; d$cls <- paste(d$school, d[["班级"]])
//   m <- lmer(z.post ~ z.pre + (1 | school), data = d, REML = TRUE)
//   fixef(m); sqrt(diag(as.matrix(vcov(m)))); as.data.frame(VarCorr(m))$vcov
//   re <- ranef(m, condVar = TRUE); re$school[, 1]; sqrt(attr(re$school, "postVar")[1, 1, ])
//   mc <- lmer(z.post ~ z.pre + (1 | cls), data = d, REML = TRUE); ranef(mc, condVar = TRUE)   # classes
//   d$gain <- d$z.post - d$z.pre; d$rc <- sapply(d$v.post, pr, v = b$v) - sapply(d$v.pre, pr, v = a$v)
//   aggregate(cbind(gain, rc, z.post) ~ school, data = d, FUN = mean)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { closePdfRenderer } from '../../src/core/pdf.js';
import { csvOf, ENTRY_NAME, EXIT_NAME, growthFixture, SUBJECTS } from './growth-fixture.js';

const A = '2133000001';
const B = '2133000002';
const C = '2133000003';
const hasChromium = fs.existsSync('/usr/bin/chromium');

// lme4 1.1.31, 数学 (see above).
const R_MATH = {
  beta: [-0.0518591027873045, 0.7529661614567797],
  betaSE: [0.1579709653055942, 0.0728568353295169],
  tau2: 0.0569799711681589,
  sigma2: 0.365023413345489,
  reml: 133.973972633453,
  schools: {
    [A]: { n: 30, effect: 0.20702417167955436, se: 0.100131993222023, gain: 0.205830736830058, rc: 5.85648148148148, exitZ: 0.1796888545233 },
    [B]: { n: 27, effect: -0.20823020619308116, se: 0.104531459436531, gain: -0.303582979783534, rc: -8.35905349794239, exitZ: -0.327515688937608 },
    [C]: { n: 12, effect: 0.00120603451352749, se: 0.1408246368565, gain: -0.102764147020047, rc: -1.79398148148148, exitZ: 0.110789257739389 },
  },
  classes: [
    [A, '八(1)班', 0.1875571960550963, 0.127954684711591],
    [A, '八(2)班', 0.0818724737065896, 0.127954684711591],
    [B, '八(1)班', -0.2408455919740206, 0.103289597527419],
    [C, '八(1)班', -0.0285840777876656, 0.137470778083067],
  ] as const,
};
// lme4 1.1.31, 总分 = 语文 + 数学.
const R_TOTAL = {
  beta: [-0.0548891122930025, 0.8718351764325637],
  tau2: 0.0225619852669827,
  sigma2: 0.188470543908561,
  schools: {
    [A]: { effect: 0.12850487646540798, se: 0.0701002378908764 },
    [B]: { effect: -0.12373505363171314, se: 0.0730139436744543 },
    [C]: { effect: -0.00476982283369468, se: 0.096228266893357 },
  },
};

let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let bureau: Client;
let entryId: number;
let exitId: number;

function upload(c: Client, url: string, buf: Buffer, name: string) {
  const boundary = '----jhgrowth' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.raw('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

async function importExam(name: string, date: string, grade: number, csv: Buffer): Promise<number> {
  const r = await bureau.post('/api/exams', { name, date, term: '第二学期', grade, type: '期末', scope: '全县', subjects: SUBJECTS });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().exam.id as number;
  const imp = await upload(bureau, `/api/exams/${id}/import?wait=1`, csv, `${name}.csv`);
  expect(imp.statusCode, imp.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await testApp();
  bureau = await signIn(t.app, 'analyst');
  const f = growthFixture();
  const dir = path.resolve('.tmp/growth-fixture');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'entry.csv'), csvOf(f.entry));
  fs.writeFileSync(path.join(dir, 'exit.csv'), csvOf(f.exit));
  entryId = await importExam(ENTRY_NAME, '2024-06-27', 7, csvOf(f.entry));
  exitId = await importExam(EXIT_NAME, '2025-06-26', 8, csvOf(f.exit));
});
afterAll(async () => {
  await closePdfRenderer();
  await t.close();
});

const va = (c: Client, subject: string, extra = '') => c.get(`/api/growth/value-added?from=${entryId}&to=${exitId}&subject=${encodeURIComponent(subject)}${extra}`);
const near = (got: number, want: number, tol = 1e-6) => expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThan(tol);

describe('growth API', () => {
  it('lists the exams and the pairs that share students', async () => {
    const r = await bureau.get('/api/growth/exams');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.exams.map((e: { name: string; schoolYear: number }) => [e.name, e.schoolYear])).toEqual([
      [ENTRY_NAME, 2023],
      [EXIT_NAME, 2024],
    ]);
    // 70 pupils sit both (G0010 included: a row without a 数学 score still carries the 学籍号).
    expect(body.pairs).toEqual([{ from: entryId, to: exitId, shared: 70, subjects: ['语文', '数学', '总分'] }]);
  });

  it('links by 学籍号 and counts the unmatched, the absent and the movers', async () => {
    const r = (await va(bureau, '数学')).json();
    // Entry: 72 scored; G0010 (缺考 in the exit 数学), G0901 and G0902 are unmatched. Exit: 72 scored of 73 rows;
    // G0951–G0953 unmatched. Overall: 69 linked of 75 distinct ids with a score.
    expect(r.linkage.entry).toMatchObject({ students: 72, linked: 69, unmatched: 3, duplicates: 0, absent: 0 });
    expect(r.linkage.exit).toMatchObject({ students: 72, linked: 69, unmatched: 3, duplicates: 0, absent: 1 });
    expect(r.linkage).toMatchObject({ linked: 69, movers: 1, moverPolicy: 'later' });
    near(r.linkage.rate, 69 / 75, 1e-12);
    const a = r.schools.find((s: { school: string }) => s.school === A);
    const b = r.schools.find((s: { school: string }) => s.school === B);
    // The mover G0005 counts at B (the later school); A's exit has 31 scored (its 30 + G0951), 30 linked.
    expect([a.n, a.exitStudents, a.linked, a.moversIn]).toEqual([30, 31, 30, 0]);
    expect([b.n, b.moversIn]).toEqual([27, 1]);
  });

  it('agrees with lme4 on 数学: β, τ², σ², school effects, SEs, classes; and with R on gains and achievement', async () => {
    const r = (await va(bureau, '数学')).json();
    expect(r.model).toMatchObject({ method: 'REML', n: 69, groups: 3, boundary: false });
    near(r.model.beta.intercept, R_MATH.beta[0]);
    near(r.model.beta.pre, R_MATH.beta[1]);
    near(r.model.betaSE.intercept, R_MATH.betaSE[0]);
    near(r.model.betaSE.pre, R_MATH.betaSE[1]);
    near(r.model.tau2, R_MATH.tau2);
    near(r.model.sigma2, R_MATH.sigma2);
    near(r.model.remlCriterion, R_MATH.reml, 1e-5);
    expect(r.schools).toHaveLength(3);
    for (const s of r.schools) {
      const want = R_MATH.schools[s.school as keyof typeof R_MATH.schools];
      expect(s.n).toBe(want.n);
      near(s.effect, want.effect);
      near(s.se, want.se);
      near(s.lower, want.effect - 1.959963984540054 * want.se);
      near(s.upper, want.effect + 1.959963984540054 * want.se);
      near(s.gainMean, want.gain, 1e-12);
      near(s.rankChange, want.rc, 1e-10);
      near(s.achievement, want.exitZ, 1e-12);
    }
    // A's interval lies above 0, B's below, C's straddles it.
    expect(r.schools.map((s: { school: string; label: string }) => [s.school, s.label])).toEqual([
      [A, 'above'],
      [B, 'below'],
      [C, 'expected'],
    ]);
    expect(r.schools.map((s: { school: string; quadrant: string }) => s.quadrant)).toEqual(['high-achievement-high-growth', 'low-achievement-low-growth', 'high-achievement-high-growth']);
    expect(r.quadrants.cuts).toEqual({ achievement: 0, growth: 0 });
    expect(r.classes).toHaveLength(4);
    for (const [school, klass, effect, se] of R_MATH.classes) {
      const c = r.classes.find((x: { school: string; class: string }) => x.school === school && x.class === klass);
      near(c.effect, effect);
      near(c.se, se);
    }
    // The plain gain model is listed for comparison, with the same numbers as the school rows.
    expect(r.gain.map((g: { school: string }) => g.school)).toEqual([A, B, C]);
    near(r.gain[0].zGain, R_MATH.schools[A].gain, 1e-12);
  });

  it('agrees with lme4 on 总分 (students with both subjects)', async () => {
    const r = (await va(bureau, '总分')).json();
    expect(r.subject).toBe('总分');
    expect(r.linkage.linked).toBe(69);
    near(r.model.beta.intercept, R_TOTAL.beta[0]);
    near(r.model.beta.pre, R_TOTAL.beta[1]);
    near(r.model.tau2, R_TOTAL.tau2);
    near(r.model.sigma2, R_TOTAL.sigma2);
    for (const s of r.schools) {
      const want = R_TOTAL.schools[s.school as keyof typeof R_TOTAL.schools];
      near(s.effect, want.effect);
      near(s.se, want.se);
    }
  });

  it('flags groups below minN as suppressed (default 20), keeping n and the numbers in the JSON', async () => {
    const r = (await va(bureau, '数学')).json();
    expect(r.minN).toBe(20);
    expect(r.schools.map((s: { suppressed: boolean }) => s.suppressed)).toEqual([false, false, true]);
    expect(r.classes.filter((c: { suppressed: boolean }) => c.suppressed).map((c: { school: string; class: string }) => [c.school, c.class])).toEqual([
      [A, '八(1)班'],
      [A, '八(2)班'],
      [C, '八(1)班'],
    ]);
    expect(r.district).toMatchObject({ schools: 3, above: 1, expected: 0, below: 1, suppressed: 1 });
    const low = (await va(bureau, '数学', '&minN=10')).json();
    expect(low.schools.every((s: { suppressed: boolean }) => !s.suppressed)).toBe(true);
    expect(low.district).toMatchObject({ above: 1, expected: 1, below: 1, suppressed: 0 });
  });

  it('rejects bad pairs and subjects', async () => {
    expect((await bureau.get(`/api/growth/value-added?from=${entryId}&to=${entryId}`)).statusCode).toBe(400);
    expect((await bureau.get(`/api/growth/value-added?from=${exitId}&to=${entryId}`)).statusCode).toBe(400);
    expect((await bureau.get(`/api/growth/value-added?from=${entryId}&to=${exitId}&subject=物理`)).statusCode).toBe(400);
    expect((await bureau.get(`/api/growth/value-added?from=${entryId}&to=999`)).statusCode).toBe(404);
    expect((await bureau.get(`/api/growth/value-added?from=x&to=${exitId}`)).statusCode).toBe(400);
  });

  it('lists a school’s students with scores, z, gains, the district line and names for the bureau', async () => {
    const r = await bureau.get(`/api/growth/students?from=${entryId}&to=${exitId}&subject=${encodeURIComponent('数学')}&school=${B}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.namesShown).toBe(true);
    expect(body.students).toHaveLength(27);
    const mover = body.students.find((s: { studentId: string }) => s.studentId === 'G0005');
    expect(mover).toMatchObject({ name: '学生5', moved: true, entrySchool: A, class: '八(1)班' });
    for (const s of body.students) {
      near(s.zGain, s.postZ - s.preZ, 2e-4);
      near(s.expectedZ, R_MATH.beta[0] + R_MATH.beta[1] * s.preZ, 1e-3);
      near(s.residualZ, s.postZ - s.expectedZ, 2e-4);
      if (body.sgp.available) {
        expect(s.sgp).toBeGreaterThanOrEqual(1);
        expect(s.sgp).toBeLessThanOrEqual(99);
      }
    }
    // The line in points passes through the expected score of each student.
    const { intercept, slope } = body.line.points;
    for (const s of body.students) near(intercept + slope * s.pre, s.expected, 0.01);
    expect(body.sgp.order).toBe(1);
    expect(body.schoolEffect).toMatchObject({ n: 27, label: 'below', suppressed: false });
    const klass = (await bureau.get(`/api/growth/students?from=${entryId}&to=${exitId}&subject=${encodeURIComponent('数学')}&school=${A}&class=${encodeURIComponent('八(2)班')}`)).json();
    expect(klass.students.map((s: { studentId: string }) => s.studentId)).toContain('G0006');
    expect(klass.classEffect).toMatchObject({ suppressed: true });
    expect((await bureau.get(`/api/growth/students?from=${entryId}&to=${exitId}`)).statusCode).toBe(400);
  });

  it('permissions: clerks see their own school, inspectors all aggregates, names only for the bureau and the own school', async () => {
    const clerk = await signIn(t.app, 'clerkA');
    const r = (await va(clerk, '数学')).json();
    expect(r.scope).toBe('own');
    expect(r.schools.map((s: { school: string }) => s.school)).toEqual([A]);
    expect(new Set(r.classes.map((c: { school: string }) => c.school))).toEqual(new Set([A]));
    expect(r.gain.map((g: { school: string }) => g.school)).toEqual([A]);
    expect(r.model.n).toBe(69); // the district model and aggregates are the same for everyone
    expect(r.district.schools).toBe(3);
    const own = await clerk.get(`/api/growth/students?from=${entryId}&to=${exitId}&subject=总分`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ school: A, namesShown: true });
    expect(own.json().students[0].name).toMatch(/^学生/);
    expect((await clerk.get(`/api/growth/students?from=${entryId}&to=${exitId}&school=${B}`)).statusCode).toBe(403);
    expect((await clerk.get(`/api/growth/export.xlsx?from=${entryId}&to=${exitId}`)).statusCode).toBe(200);

    const inspector = await signIn(t.app, 'inspector'); // assigned to B
    expect((await va(inspector, '数学')).json().schools).toHaveLength(3);
    const bStudents = (await inspector.get(`/api/growth/students?from=${entryId}&to=${exitId}&school=${B}`)).json();
    expect(bStudents.namesShown).toBe(false);
    expect(bStudents.students.every((s: { name: string | null }) => s.name === null)).toBe(true);
    expect((await inspector.get(`/api/growth/students?from=${entryId}&to=${exitId}&school=${A}`)).statusCode).toBe(403);

    const viewer = await signIn(t.app, 'viewer');
    expect((await va(viewer, '数学')).json().schools).toHaveLength(3);
    expect((await viewer.get(`/api/growth/students?from=${entryId}&to=${exitId}&school=${A}`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/growth/value-added?from=${entryId}&to=${exitId}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/growth/exams' })).statusCode).toBe(401);
  });

  it('targets: the mean of the previous two years (one year here: partial), achievement and value-added', async () => {
    const r = (await bureau.get('/api/growth/targets')).json();
    expect(r.rule.zh).toContain('前两个学年');
    const g8 = r.series.find((s: { kind: string; grade: number }) => s.kind === 'achievement' && s.grade === 8);
    expect(g8).toMatchObject({ type: '期末', targetYear: 2025 });
    const meanZ = g8.metrics.find((m: { metric: string }) => m.metric === 'meanZ').schools;
    expect(meanZ.map((s: { school: string; partial: boolean; years: number[] }) => [s.school, s.partial, s.years])).toEqual([
      [A, true, [2024]],
      [B, true, [2024]],
      [C, true, [2024]],
    ]);
    const vaSeries = r.series.find((s: { kind: string }) => s.kind === 'valueAdded');
    expect(vaSeries).toMatchObject({ grade: 8, targetYear: 2025 });
    const effect = vaSeries.metrics[0].schools.find((s: { school: string }) => s.school === A);
    near(effect.target, R_TOTAL.schools[A].effect);
    const clerk = await signIn(t.app, 'clerkA');
    const mine = (await clerk.get('/api/growth/targets')).json();
    expect(mine.series.flatMap((s: { metrics: { schools: { school: string }[] }[] }) => s.metrics.flatMap((m) => m.schools.map((x) => x.school)))).toSatisfy(
      (xs: string[]) => xs.length > 0 && xs.every((x) => x === A),
    );
    expect((await clerk.get(`/api/growth/targets?school=${B}`)).statusCode).toBe(403);
  });

  it('exports the workbook: school and class value-added with intervals, suppressed rows with n only', async () => {
    const r = await bureau.get(`/api/growth/export.xlsx?from=${entryId}&to=${exitId}&subject=${encodeURIComponent('数学')}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('增值评价');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '学校增值', '班级增值', '增量对比']);
    const ws = wb.getWorksheet('学校增值')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((x) => x[0] === '学校代码');
    expect(rows[header].slice(0, 8)).toEqual(['学校代码', '学校', '人数 n', '增值', '标准误 SE', '95%下限', '95%上限', '评价']);
    const a = rows.find((x) => x[0] === A)!;
    expect(a[2]).toBe(30);
    near(a[3] as number, R_MATH.schools[A].effect);
    near(a[4] as number, R_MATH.schools[A].se);
    expect(a[7]).toBe('高于预期');
    const c = rows.find((x) => x[0] === C)!;
    expect(c[2]).toBe(12);
    expect(String(c[3])).toContain('n < 20');
    // A clerk's workbook has only the own school.
    const clerk = await signIn(t.app, 'clerkA');
    const own = new ExcelJS.Workbook();
    await own.xlsx.load((await clerk.get(`/api/growth/export.xlsx?from=${entryId}&to=${exitId}`)).rawPayload as unknown as ArrayBuffer);
    const codes: unknown[] = [];
    own.getWorksheet('学校增值')!.eachRow((row) => codes.push(row.getCell(1).value));
    expect(codes.filter((x) => typeof x === 'string' && /^\d{10}$/.test(x))).toEqual([A]);
  });

  it('answers with the contract’s schemas, and the scope comes from the policy: an inspector’s one school by default', async () => {
    const { growthApi } = await import('../../src/growth/contract.js');
    const r = (await va(bureau, '数学')).json();
    expect(growthApi.valueAdded.response.safeParse(r).success).toBe(true);
    const inspector = await signIn(t.app, 'inspector'); // assigned to B only
    const own = await inspector.get(`/api/growth/students?from=${entryId}&to=${exitId}&subject=${encodeURIComponent('数学')}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(growthApi.students.response.safeParse(own.json()).success).toBe(true);
    expect(own.json()).toMatchObject({ school: B, namesShown: false });
    expect(own.json().students).toHaveLength(27);
    // The bureau has every school in scope: it must name one.
    const none = await bureau.get(`/api/growth/students?from=${entryId}&to=${exitId}`);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('school');
  });

  it('reads exam data only through the exams capability (src/exams/cohorts.ts), never the exam tables', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.ts')) files.push(path.join(d, e.name));
      }
    };
    walk(path.resolve('src/growth'));
    expect(files.length).toBeGreaterThan(10);
    const offending = files.filter((f) => /from\s+'[./]*\/?exams\/(schema|store)(\.js)?'/.test(fs.readFileSync(f, 'utf8')));
    expect(offending).toEqual([]);
    expect(fs.readFileSync(path.resolve('src/growth/service.ts'), 'utf8')).toContain("from '../exams/cohorts.js'");
  });

  it.skipIf(!hasChromium)('renders the PDF report with the chart and the school table', async () => {
    const r = await bureau.get(`/api/growth/report.pdf?from=${entryId}&to=${exitId}&subject=${encodeURIComponent('数学')}`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jh-growth-pdf-')), 'r.pdf');
    fs.writeFileSync(file, r.rawPayload);
    let text: string;
    try {
      text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    } catch {
      return; // no pdftotext: the PDF header check above has to do
    }
    expect(text).toContain('各校增值及 95% 区间');
    expect(text).toContain('测试第一小学');
    expect(text).toContain('高于预期');
    expect(text).toContain('n < 20');
  });
});
