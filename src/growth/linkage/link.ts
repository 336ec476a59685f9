// Linking students across exams by 学籍号 (student id): a student is linked when the id appears exactly once in every
// exam; linkage rate of an exam = linked / distinct ids in that exam; overall rate = linked / ids in the union.
// Ids appearing twice in one exam are ambiguous: listed as duplicates and never linked.
import { IdIndex } from './id-index.js';
import { attribute, type MoverPolicy } from './movers.js';

export interface ExamRecord {
  id: string;
  school: string;
  class?: string;
  /** null = absent (缺考): the record exists but has no score; it is not linked. */
  score: number | null;
  /** Where the record came from (1-based file row), for messages. */
  row?: number;
  grade?: number;
}

export interface Exam {
  name: string;
  records: ExamRecord[];
}

export interface LinkedStudent {
  id: string;
  /** The school and class the student is counted at (see MoverPolicy). */
  school: string;
  class?: string;
  moved: boolean;
  /** records[k] is the student's record in exam k. */
  records: ExamRecord[];
}

export interface ExamLinkage {
  name: string;
  /** Distinct ids with a score. */
  students: number;
  linked: number;
  rate: number;
  /** Ids with a score here but missing (or without a score) in another exam. */
  unmatched: string[];
  /** Ids with a score on more than one record. */
  duplicates: string[];
  absent: number;
}

export interface Linkage {
  students: LinkedStudent[];
  exams: ExamLinkage[];
  /** Linked / distinct ids (with a score) in any exam. */
  rate: number;
  movers: number;
  /** Movers left out under policy 'exclude'. */
  excluded: number;
}

export interface LinkOptions {
  movers?: MoverPolicy;
}

export function linkExams(exams: Exam[], opts: LinkOptions = {}): Linkage {
  if (exams.length < 2) throw new RangeError('linking needs at least two exams');
  const ids = new IdIndex();
  const keys = exams.map((e) => e.records.map((r) => (hasScore(r) ? ids.key(r.id) : -1)));
  const at = exams.map((e, k) => firstRecords(keys[k], ids.size)); // record index per id, −1 absent, −2 duplicate
  const linked = new Uint8Array(ids.size);
  const students: LinkedStudent[] = [];
  let movers = 0;
  let excluded = 0;
  let union = 0;
  let linkedCount = 0;
  for (let id = 0; id < ids.size; id++) {
    let present = 0;
    for (const a of at) if (a[id] >= 0) present++;
    if (present > 0) union++;
    if (present < exams.length) continue;
    linked[id] = 1;
    linkedCount++;
    const records = exams.map((e, k) => e.records[at[k][id]]);
    const where = attribute(records, opts.movers ?? 'later');
    if (where.moved) movers++;
    if (!where.counted) {
      excluded++;
      continue;
    }
    students.push({ id: ids.ids[id], school: where.school, class: where.class, moved: where.moved, records });
  }
  return {
    students,
    exams: exams.map((e, k) => examSummary(e, at[k], keys[k], linked, linkedCount, ids)),
    rate: union ? linkedCount / union : 0,
    movers,
    excluded,
  };
}

const hasScore = (r: ExamRecord) => r.score !== null && !Number.isNaN(r.score);

/** For each id key, the index of its only scored record in the exam, −1 when it has none, −2 when it has several. */
function firstRecords(keys: number[], size: number): Int32Array {
  const at = new Int32Array(size).fill(-1);
  keys.forEach((id, j) => {
    if (id >= 0) at[id] = at[id] === -1 ? j : -2;
  });
  return at;
}

function examSummary(e: Exam, at: Int32Array, keys: number[], linked: Uint8Array, linkedCount: number, ids: IdIndex): ExamLinkage {
  let students = 0;
  const unmatched: string[] = [];
  const duplicates: string[] = [];
  for (let id = 0; id < at.length; id++) {
    if (at[id] >= 0) {
      students++;
      if (!linked[id]) unmatched.push(ids.ids[id]);
    } else if (at[id] === -2) duplicates.push(ids.ids[id]);
  }
  const absent = keys.reduce((n, k) => n + (k < 0 ? 1 : 0), 0);
  return { name: e.name, students, linked: linkedCount, rate: students ? linkedCount / students : 0, unmatched, duplicates, absent };
}
