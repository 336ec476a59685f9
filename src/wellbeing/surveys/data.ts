// The surveys' data files, read once and checked: the ready templates (templates/*.json), the recognition rule
// (recognition.json) and the sampling method (sampling.json). Data, not code: a new template or a changed rule is a
// new file version, and every result names the id and version it used.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AUDIENCES, DEFAULT_SCALE, QuestionSchema, Text2, type RecognitionRule, type Template } from './contract.js';
import { normaliseQuestions } from './questionnaire.js';

const read = (rel: string): unknown => JSON.parse(fs.readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8'));

const RuleFile = z.object({
  id: z.literal('social-recognition'),
  version: z.number().int().min(1),
  title: z.string(),
  topOptions: z.number().int().min(1),
  thresholdPercent: z.number().int().min(1).max(100),
  source: z.string(),
  sourceEn: z.string(),
});

const SamplingFile = z.object({
  id: z.literal('sampling-v1'),
  version: z.number().int().min(1),
  title: z.string(),
  method: z.string(),
  source: z.string(),
  z: z.record(z.string(), z.number().positive()),
  zSource: z.string(),
  p: z.number().gt(0).lt(1),
  defaults: z.object({ confidencePercent: z.number(), marginPercent: z.number(), responseRatePercent: z.number() }),
  populationNote: z.string(),
});

const TemplateFile = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  title: z.string().min(1),
  titleEn: z.string(),
  audience: z.enum(AUDIENCES),
  intro: Text2.optional(),
  questions: z.array(QuestionSchema).min(1),
});

export const TEMPLATE_IDS = ['parents', 'students', 'teachers'] as const;

function loadRule(): RecognitionRule & { title: string } {
  const r = RuleFile.parse(read('./recognition.json'));
  if (r.topOptions >= DEFAULT_SCALE.length) throw new Error('recognition.json: topOptions must leave options that do not recognise');
  return r;
}

function loadTemplate(id: string): Template {
  const t = TemplateFile.parse(read(`./templates/${id}.json`));
  if (t.id !== id) throw new Error(`templates/${id}.json: id ${t.id}`);
  const { questions, problems } = normaliseQuestions(t.questions, RULE);
  if (problems.length) throw new Error(`templates/${id}.json: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`);
  return { id: t.id, version: t.version, title: t.title, titleEn: t.titleEn, audience: t.audience, intro: t.intro ?? null, questions };
}

export const RULE = loadRule();
export const SAMPLING = SamplingFile.parse(read('./sampling.json'));
export const TEMPLATES: Template[] = TEMPLATE_IDS.map(loadTemplate);
export const templateOf = (id: string): Template | null => TEMPLATES.find((t) => t.id === id) ?? null;
