// The demo county's satisfaction survey: one finished (closed) parents' survey of the given school year, from the
// parents' template, with a sampling plan (95 %, ±5 %, an expected response rate of 80 %, populations from the
// registry's enrolments), codes issued per the plan (hashes only; nobody holds the codes) and answers for most
// schools at realistic rates (about 65–95 % of the codes returned). Recognition is about 90 % in the district, two
// schools fall below 85 % and two small returns (fewer than 10 responses) show the withholding; one school returned
// nothing. Every generated response passes the same check as a respondent's answers (questionnaire.ts) before it is
// stored. Deterministic answers (mulberry32 of the school); the codes themselves are random and thrown away.
import type { Db } from '../../core/db/index.js';
import { hashString, mulberry32 } from '../../registry/demo.js';
import { enrolmentOfGrade, registrySchools } from '../../registry/lookup.js';
import type { Question } from './contract.js';
import { randomBytes } from 'node:crypto';
import { RULE, templateOf } from './data.js';
import { answerProblems, cleanAnswers, normaliseQuestions } from './questionnaire.js';
import { computePlan, populationGrades } from './sampling.js';
import * as store from './store.js';

/** How much more (or less) often a dimension is answered 满意 or better than the school's general level. */
const DIMENSION_SHIFT: Record<string, number> = {
  overall: 0.02,
  fairness: -0.01,
  quality: 0.01,
  burden: -0.05,
  teachers: 0.03,
  safety: 0.03,
  conditions: 0,
  health: -0.01,
  communication: 0.01,
  management: 0,
};

/** One respondent's answers: a personal disposition around the school's level, then one draw per question. */
function respond(questions: readonly Question[], level: number, rnd: () => number): Record<string, string> {
  const person = (rnd() - 0.5) * 0.24;
  const out: Record<string, string> = {};
  for (const q of questions) {
    if (q.type === 'choice') {
      out[q.id] = q.options[Math.floor(rnd() * q.options.length)].value;
      continue;
    }
    const p = Math.min(0.995, Math.max(0.3, level + person + (DIMENSION_SHIFT[q.dimension] ?? 0)));
    const [vs, s, n, d, vd] = q.options.map((o) => o.value);
    const u = rnd();
    if (rnd() < p) out[q.id] = u < 0.55 ? vs : s;
    else out[q.id] = u < 0.66 ? n : u < 0.93 ? d : vd;
  }
  return out;
}

export async function loadDemoSurveys(db: Db, districtId: string, year: number): Promise<{ surveyId: number; schools: number; codes: number; responses: number; ms: number }> {
  const t0 = performance.now();
  const template = templateOf('parents')!;
  const { questions } = normaliseQuestions(template.questions, RULE);
  const key = `parents-${year}`;
  await store.addQuestionnaireVersion(
    db,
    {
      districtId,
      key,
      title: template.title,
      audience: template.audience,
      template: `${template.id}@${template.version}`,
      questions: { format: 'questionnaire-v1', titleEn: template.titleEn, intro: template.intro, questions },
      createdBy: 'demo',
    },
    true,
  );
  const opened = `${year}-11-04T01:00:00.000Z`;
  const closed = `${year}-11-22T09:00:00.000Z`;
  const survey = await store.insertSurvey(db, {
    districtId,
    year,
    title: `${year}年义务教育家长满意度调查（社会认可度）`,
    questionnaireKey: key,
    questionnaireVersion: 1,
    status: 'closed',
    createdBy: 'demo',
    openedAt: opened,
    closedAt: closed,
  });

  const schools = await registrySchools(db, districtId);
  const pops = new Map<string, number>();
  for (const g of populationGrades('parent')) for (const [code, n] of await enrolmentOfGrade(db, districtId, year, g)) pops.set(code, (pops.get(code) ?? 0) + n);
  const plan = computePlan(
    {
      confidencePercent: 95,
      marginPercent: 5,
      responseRatePercent: 80,
      populationYear: year,
      schools: schools.map((s) => ({ schoolCode: s.code, schoolName: s.name, population: pops.get(s.code) ?? 0, populationSource: 'registry' as const })),
    },
    new Date(opened),
  );
  await store.updateSurveyIf(db, districtId, survey.id, ['closed'], { plan });

  // The schools' parts: the two smallest return a handful (withheld), the third smallest nothing, two others (by a
  // stable hash) are below 85 %.
  const planned = plan.schools.filter((s) => s.codesToIssue > 0);
  const order = [...planned].sort((a, b) => hashString(`${a.schoolCode}|survey`) - hashString(`${b.schoolCode}|survey`));
  const bySize = [...planned].sort((a, b) => a.population - b.population);
  const small = new Set(bySize.slice(0, 2).map((s) => s.schoolCode)); // a handful of returns: withheld
  const none = bySize[2]?.schoolCode; // returned nothing
  const low = order
    .filter((s) => !small.has(s.schoolCode) && s.schoolCode !== none)
    .slice(0, 2)
    .map((s) => s.schoolCode); // below 85 %

  // The codes' hashes: nobody holds these codes, and the hash of a code nobody knows is indistinguishable from random
  // bytes — so 32 random bytes stand for each (hashing thousands of codes with scrypt would take minutes). As many of
  // a school's are marked used as it returned.
  const hashes = new Map(planned.map((s) => [s.schoolCode, Array.from({ length: s.codesToIssue }, () => randomBytes(32).toString('hex'))]));
  await store.insertCodeBatches(
    db,
    survey.id,
    planned.map((s) => ({ schoolCode: s.schoolCode, hashes: hashes.get(s.schoolCode)! })),
  );

  const spent: { hash: string; day: string }[] = [];
  const responses: { schoolCode: string; answers: Record<string, string>; day: string }[] = [];
  for (const s of planned) {
    const rnd = mulberry32(hashString(`${s.schoolCode}|${year}|survey`));
    const returned = s.schoolCode === none ? 0 : small.has(s.schoolCode) ? 4 + Math.floor(rnd() * 5) : Math.round(s.codesToIssue * (0.65 + 0.3 * rnd()));
    const level = low.includes(s.schoolCode) ? 0.74 + 0.04 * rnd() : 0.875 + 0.07 * rnd();
    const codes = hashes.get(s.schoolCode) ?? [];
    for (let i = 0; i < Math.min(returned, codes.length); i++) {
      const answers = respond(questions, level, rnd);
      const problems = answerProblems(questions, answers);
      if (problems.length) throw new Error(`demo survey: ${problems.map((p) => p.reason).join('; ')}`);
      const day = `${year}-11-${String(4 + Math.floor(rnd() * 18)).padStart(2, '0')}`;
      spent.push({ hash: codes[i], day });
      responses.push({ schoolCode: s.schoolCode, answers: cleanAnswers(questions, answers), day });
    }
  }
  await store.bulkSpendAndRespond(db, survey.id, spent, responses);
  return { surveyId: survey.id, schools: planned.length, codes: plan.district.codesToIssue, responses: responses.length, ms: Math.round(performance.now() - t0) };
}
