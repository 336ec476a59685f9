// Exams and their settings: create, change (re-analysing the stored scores when a cut line, a full mark or 后x%
// changes), delete; every change audited in the same transaction. The routes' policy ('exams.manage',
// 'exams.delete') admits only the bureau; these functions check the same capability of the permission table for
// callers that do not come through a route (the CLI, the demo).
import { DEFAULT_CUT_TEXT } from './defaults.js';
import type { Db } from '../core/db/index.js';
import { recordAudit, type AuditEntry } from '../core/audit/store.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { badRequest, conflict } from '../core/http/errors.js';
import { analyzeExam, TOTAL } from './analysis/analyze.js';
import { analysisOf, loadExam, need, type ExamInput, type ExamUpdate, type SubjectInput } from './common.js';
import { examColumns } from './import-scores.js';
import { EXAM_TYPES } from './schema.js';
import { privacySettings } from './privacy.js';
import * as store from './store.js';

export const itemRows = (subjects: SubjectInput[]) =>
  subjects.flatMap((s, position) => (s.items ?? []).map((it, itemNo) => ({ position, itemNo, label: it.label.trim(), fullMarks: String(it.fullMarks), objective: it.objective ?? false })));

const SHARE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

function checkCutLines(where: string, c: { excellent?: string | null; pass?: string | null; low?: string | null }, base?: { excellent: string; pass: string; low: string }): void {
  for (const k of ['excellent', 'pass', 'low'] as const) {
    const v = c[k];
    if (v !== undefined && v !== null && !SHARE.test(v)) throw badRequest(`${where}${k} = ${v}:应为满分的比例 0–1,如 "0.85" / a share of full marks from 0 to 1, e.g. "0.85"`);
  }
  const get = (k: 'excellent' | 'pass' | 'low') => Number(c[k] ?? base?.[k] ?? NaN);
  const [e, p, l] = [get('excellent'), get('pass'), get('low')];
  if (e === e && p === p && l === l && !(l <= p && p <= e)) throw badRequest(`${where}应有 低分线 ≤ 合格线 ≤ 优秀线 / cut lines must satisfy low ≤ pass ≤ excellent (${l}, ${p}, ${e})`);
}

function checkSubjects(subjects: SubjectInput[], exam: { excellent: string; pass: string; low: string }): void {
  if (!subjects.length) throw badRequest('至少需要一个科目 / an exam needs at least one subject');
  const seen = new Set<string>();
  for (const s of subjects) {
    const name = s.subject.trim();
    if (!name || name === TOTAL) throw badRequest(`科目名无效「${s.subject}」/ invalid subject name`);
    if (seen.has(name)) throw badRequest(`科目「${name}」重复 / subject ${name} appears twice`);
    seen.add(name);
    if (!(s.fullMarks > 0 && s.fullMarks <= 1000 && Number.isFinite(s.fullMarks))) throw badRequest(`科目「${name}」满分 ${s.fullMarks} 无效 / invalid full marks`);
    checkCutLines(`科目「${name}」`, s, exam);
    const labels = new Set<string>();
    for (const it of s.items ?? []) {
      const label = it.label.trim();
      if (!label || labels.has(label)) throw badRequest(`科目「${name}」的小题「${it.label}」为空或重复 / item label empty or repeated`);
      labels.add(label);
      if (!(it.fullMarks > 0 && it.fullMarks <= s.fullMarks)) throw badRequest(`科目「${name}」小题「${label}」满分 ${it.fullMarks} 无效 / invalid item full marks`);
    }
  }
}

/** A new exam with its subjects and items; answers its id. */
export async function createExam(db: Db, user: CurrentUser, input: ExamInput): Promise<number> {
  need(user, 'exams.manage');
  const exam = { excellent: input.excellent ?? DEFAULT_CUT_TEXT.excellent, pass: input.pass ?? DEFAULT_CUT_TEXT.pass, low: input.low ?? DEFAULT_CUT_TEXT.low };
  checkCutLines('', exam);
  checkSubjects(input.subjects, exam);
  if (!EXAM_TYPES.includes(input.type)) throw badRequest(`考试类型 ${input.type} 无效 / invalid exam type`);
  const name = input.name.trim();
  if (await store.findExamByName(db, user.districtId, name)) throw conflict(`考试「${name}」已存在 / an exam named ${name} exists`);
  return db.transaction(async (tx) => {
    const id = await store.insertExam(
      tx,
      user.districtId,
      {
        name,
        date: input.date ?? null,
        term: input.term ?? null,
        grade: input.grade,
        type: input.type,
        scope: input.scope ?? null,
        ...exam,
        bottomPercentile: String(input.bottomPercentile ?? 30),
        createdBy: user.username,
      },
      input.subjects.map((s, position) => ({ position, subject: s.subject.trim(), fullMarks: String(s.fullMarks), excellent: s.excellent ?? null, pass: s.pass ?? null, low: s.low ?? null })),
    );
    await store.replaceItems(tx, user.districtId, id, itemRows(input.subjects));
    await recordAudit(tx, user.districtId, [{ username: user.username, action: 'create', entity: 'exam', entityKey: String(id), newValue: { ...input, name }, detail: name }]);
    return id;
  });
}

/** Settings: name, date, …, cut lines of the exam and per subject, 后x%. Re-analyses the stored results. */
export async function updateExam(db: Db, user: CurrentUser, id: number, input: ExamUpdate, notImporting: (id: number) => void): Promise<void> {
  need(user, 'exams.manage');
  notImporting(id);
  const before = await loadExam(db, user, id);
  const exam = { excellent: input.excellent ?? before.excellent, pass: input.pass ?? before.pass, low: input.low ?? before.low };
  checkCutLines('', exam);
  if (input.type !== undefined && !EXAM_TYPES.includes(input.type)) throw badRequest(`考试类型 ${input.type} 无效 / invalid exam type`);
  const name = input.name?.trim();
  if (name && name !== before.name && (await store.findExamByName(db, user.districtId, name))) throw conflict(`考试「${name}」已存在 / an exam named ${name} exists`);
  const imported = before.status === 'ready';
  if (input.hideRanks !== undefined && !imported) throw conflict('导入成绩后才能设置是否公布名次 / ranks can be hidden once scores are imported');
  // Subjects: while nothing is imported the list may be redefined; afterwards only full marks and cut lines change.
  let redefine: SubjectInput[] | null = null;
  const subjectSets: { position: number; set: Partial<store.NewSubject>; before: store.SubjectRow }[] = [];
  if (input.subjects) {
    if (!imported) {
      checkSubjects(input.subjects, exam);
      redefine = input.subjects;
    } else {
      const maxima = await store.maxScores(db, user.districtId, id);
      for (const s of input.subjects) {
        const old = before.subjects.find((x) => x.subject === s.subject.trim());
        if (!old) throw conflict(`科目「${s.subject}」不在本次考试中；已导入成绩的考试不能增删科目 / unknown subject; subjects cannot be added or removed after an import`);
        if (s.items !== undefined) {
          const had = before.items.filter((it) => it.position === old.position).map((it) => `${it.label}=${Number(it.fullMarks)}:${it.objective}`);
          const now = s.items.map((it) => `${it.label.trim()}=${it.fullMarks}:${it.objective ?? false}`);
          if (had.join('|') !== now.join('|')) throw conflict(`已导入成绩的考试不能修改小题 / items cannot change after an import (${s.subject})`);
        }
        if (!(s.fullMarks > 0 && s.fullMarks <= 1000)) throw badRequest(`科目「${s.subject}」满分 ${s.fullMarks} 无效 / invalid full marks`);
        const top = maxima.get(old.position);
        if (top !== undefined && top > s.fullMarks) throw conflict(`科目「${s.subject}」已有 ${top} 分的成绩，满分不能低于它 / a stored score of ${top} is above the new full marks`);
        checkCutLines(`科目「${s.subject}」`, s, exam);
        const set: Partial<store.NewSubject> = { fullMarks: String(s.fullMarks) };
        for (const k of ['excellent', 'pass', 'low'] as const) if (s[k] !== undefined) set[k] = s[k] === null || s[k] === exam[k] ? null : s[k];
        subjectSets.push({ position: old.position, set, before: old });
      }
    }
  }
  for (const s of before.subjects) if (!redefine && !subjectSets.some((x) => x.position === s.position)) checkCutLines(`科目「${s.subject}」`, s, exam);
  const set: Partial<store.NewExam> = {};
  if (name !== undefined) set.name = name;
  for (const k of ['date', 'term', 'scope'] as const) if (input[k] !== undefined) set[k] = input[k] ?? null;
  if (input.grade !== undefined) set.grade = input.grade;
  if (input.type !== undefined) set.type = input.type;
  for (const k of ['excellent', 'pass', 'low'] as const) if (input[k] !== undefined) set[k] = input[k];
  if (input.bottomPercentile !== undefined) set.bottomPercentile = String(input.bottomPercentile);
  await db.transaction(async (tx) => {
    await store.updateExam(tx, user.districtId, id, set);
    if (redefine) {
      await store.deleteSubjects(tx, user.districtId, id);
      await store.insertSubjects(
        tx,
        user.districtId,
        id,
        redefine.map((s, position) => ({ position, subject: s.subject.trim(), fullMarks: String(s.fullMarks), excellent: s.excellent ?? null, pass: s.pass ?? null, low: s.low ?? null })),
      );
      await store.replaceItems(tx, user.districtId, id, itemRows(redefine));
    }
    for (const s of subjectSets) await store.updateSubject(tx, user.districtId, id, s.position, s.set);
    const entries: AuditEntry[] = [];
    const hideBefore = before.hideRanks ?? privacySettings().hideRanks;
    if (input.hideRanks !== undefined && input.hideRanks !== hideBefore) {
      await store.setHideRanks(tx, user.districtId, id, input.hideRanks);
      entries.push({ username: user.username, action: 'update', entity: 'exam', entityKey: String(id), field: 'hideRanks', oldValue: hideBefore, newValue: input.hideRanks, detail: before.name });
    }
    const old = before as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(set))
      if (String(old[k] ?? '') !== String(v ?? ''))
        entries.push({ username: user.username, action: 'update', entity: 'exam', entityKey: String(id), field: k, oldValue: old[k] ?? null, newValue: v ?? null, detail: before.name });
    if (redefine)
      entries.push({
        username: user.username,
        action: 'update',
        entity: 'exam',
        entityKey: String(id),
        field: 'subjects',
        oldValue: before.subjects.map((s) => s.subject),
        newValue: redefine,
        detail: before.name,
      });
    for (const s of subjectSets) {
      const b = s.before as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(s.set))
        if (String(b[k] ?? '') !== String(v ?? ''))
          entries.push({
            username: user.username,
            action: 'update',
            entity: 'exam',
            entityKey: String(id),
            field: `${s.before.subject}.${k}`,
            oldValue: b[k] ?? null,
            newValue: v ?? null,
            detail: before.name,
          });
    }
    await recordAudit(tx, user.districtId, entries);
    // Only the cut lines, full marks and 后x% change the report (ranks, Z and T do not depend on them).
    const ANALYSIS_FIELDS = /^(excellent|pass|low|bottom_percentile|bottomPercentile)$|\.(fullMarks|excellent|pass|low)$/;
    if (imported && entries.some((e) => ANALYSIS_FIELDS.test(e.field ?? ''))) {
      const after = (await store.getExam(tx, user.districtId, id))!;
      await reanalyse(tx, user.districtId, after);
    }
  });
}

/** The report again from the stored scores (settings changed): scores → typed arrays → analyzeExam → exam_reports. */
async function reanalyse(db: Db, districtId: string, exam: store.ExamWithSubjects): Promise<void> {
  const { subjects, settings } = analysisOf(exam);
  const loaded = await store.loadScoreColumns(db, districtId, exam.id, subjects.length);
  const schoolIndex = new Map<string, number>();
  const classIndex = new Map<string, number>();
  const classes: { school: number; name: string }[] = [];
  const school = new Int32Array(loaded.n);
  const klass = new Int32Array(loaded.n);
  for (let i = 0; i < loaded.n; i++) {
    const code = loaded.schoolOf[i];
    let g = schoolIndex.get(code);
    if (g === undefined) schoolIndex.set(code, (g = schoolIndex.size));
    school[i] = g;
    const key = `${g}\u0000${loaded.classOf[i]}`;
    let k = classIndex.get(key);
    if (k === undefined) classIndex.set(key, (k = classes.push({ school: g, name: loaded.classOf[i] }) - 1));
    klass[i] = k;
  }
  const columns = examColumns(loaded.studentIds, school, [...schoolIndex.keys()], klass, classes, loaded.scores, subjects);
  const analysis = analyzeExam(columns, settings);
  await store.saveReport(db, districtId, exam.id, analysis.report, { ...settings, subjects });
}

export async function removeExam(db: Db, user: CurrentUser, id: number, notImporting: (id: number) => void): Promise<void> {
  need(user, 'exams.delete');
  notImporting(id);
  const before = await loadExam(db, user, id);
  await db.transaction(async (tx) => {
    await store.deleteExam(tx, user.districtId, id);
    await recordAudit(tx, user.districtId, [
      {
        username: user.username,
        action: 'delete',
        entity: 'exam',
        entityKey: String(id),
        oldValue: { name: before.name, studentCount: before.studentCount, sourceFile: before.sourceFile },
        detail: before.name,
      },
    ]);
  });
}
