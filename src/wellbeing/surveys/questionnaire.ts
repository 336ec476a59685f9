// Questionnaires as data: checking a questionnaire's questions (beyond what the zod schema says) and checking one
// response's answers against the pinned questions. Every problem names the question (number and id) so that the
// builder and the answer page can point at it.
import type { z } from 'zod';
import { DEFAULT_SCALE, type Question, type QuestionSchema, type RecognitionRule } from './contract.js';

export interface Problem {
  /** Where: `questions.2.options` (builder) or the question id (answers). */
  field: string;
  reason: string;
}

const SCALE_MIN = 3;
const SCALE_MAX = 7;
const CHOICE_MIN = 2;
const CHOICE_MAX = 10;

const label = (i: number, id: string) => `第 ${i + 1} 题（${id}）`;
const labelEn = (i: number, id: string) => `question ${i + 1} (${id})`;

/**
 * The questions with their options filled in (a scale without options gets DEFAULT_SCALE), and every problem:
 * duplicate ids, too few or too many options, duplicate option values, a counted question that is not a scale, a
 * counted background question, a counted scale with no more options than the rule's top options (every answer would
 * then recognise), no counted question at all.
 */
export function normaliseQuestions(input: readonly z.output<typeof QuestionSchema>[], rule: Pick<RecognitionRule, 'topOptions'>): { questions: Question[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const questions: Question[] = input.map((q, i) => {
    const at = `questions.${i}`;
    const L = label(i, q.id);
    const E = labelEn(i, q.id);
    if (seen.has(q.id)) problems.push({ field: `${at}.id`, reason: `${L}：题目编号重复 / ${E}: duplicate question id` });
    seen.add(q.id);
    const options = q.options ?? (q.type === 'scale' ? DEFAULT_SCALE.map((o) => ({ value: o.value, label: { ...o.label } })) : []);
    const [min, max] = q.type === 'scale' ? [SCALE_MIN, SCALE_MAX] : [CHOICE_MIN, CHOICE_MAX];
    if (options.length < min || options.length > max)
      problems.push({
        field: `${at}.options`,
        reason:
          q.type === 'scale'
            ? `${L}：量表题需 ${min}–${max} 个选项（从最好到最差排列） / ${E}: a scale needs ${min}–${max} options, best first`
            : `${L}：单选题需 ${min}–${max} 个选项 / ${E}: a choice needs ${min}–${max} options`,
      });
    const values = new Set<string>();
    options.forEach((o, k) => {
      if (values.has(o.value)) problems.push({ field: `${at}.options.${k}.value`, reason: `${L}：选项值“${o.value}”重复 / ${E}: duplicate option value "${o.value}"` });
      values.add(o.value);
    });
    if (q.counts && q.type !== 'scale') problems.push({ field: `${at}.counts`, reason: `${L}：只有量表题可以计入社会认可度 / ${E}: only scale questions count toward recognition` });
    if (q.counts && q.dimension === 'background') problems.push({ field: `${at}.counts`, reason: `${L}：“基本情况”题不计入社会认可度 / ${E}: background questions do not count toward recognition` });
    if (q.counts && q.type === 'scale' && options.length <= rule.topOptions)
      problems.push({
        field: `${at}.options`,
        reason: `${L}：计入认可度的量表题选项须多于 ${rule.topOptions} 个 / ${E}: a counted scale needs more than ${rule.topOptions} options`,
      });
    return { ...q, options };
  });
  if (!questions.some((q) => q.counts)) problems.push({ field: 'questions', reason: '至少要有一道计入社会认可度的题目 / at least one question must count toward recognition' });
  return { questions, problems };
}

/**
 * The problems of one response: an answer to a question that does not exist, a value that is not one of the
 * question's options, a required question left unanswered. Empty when the response is valid.
 */
export function answerProblems(questions: readonly Question[], answers: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(questions.map((q, i) => [q.id, { q, i }]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) problems.push({ field: id, reason: `问卷中没有题目“${id}” / there is no question "${id}"` });
  questions.forEach((q, i) => {
    const v = Object.prototype.hasOwnProperty.call(answers, q.id) ? answers[q.id] : undefined;
    if (v === undefined || v === '') {
      if (q.required) problems.push({ field: q.id, reason: `${label(i, q.id)}：必答题未作答 / ${labelEn(i, q.id)}: required, not answered` });
      return;
    }
    if (!q.options.some((o) => o.value === v)) problems.push({ field: q.id, reason: `${label(i, q.id)}：选项“${v}”不存在 / ${labelEn(i, q.id)}: "${v}" is not one of its options` });
  });
  return problems;
}

/** The answers as stored: only the questions' own values, blanks of optional questions left out. */
export function cleanAnswers(questions: readonly Question[], answers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of questions) {
    const v = Object.prototype.hasOwnProperty.call(answers, q.id) ? answers[q.id] : undefined;
    if (v !== undefined && v !== '') out[q.id] = v;
  }
  return out;
}
