// Where a student who changed school between exams is counted: 'later' (default; the school that taught the
// student last, i.e. at the exit exam), 'earlier' (the entry school), or 'exclude' (movers left out of the models).
import type { ExamRecord } from './link.js';

export type MoverPolicy = 'later' | 'earlier' | 'exclude';

export interface Attribution {
  school: string;
  class?: string;
  moved: boolean;
  counted: boolean;
}

/** A mover is a student whose school differs between any two of their records (a class change alone is not a move). */
export function attribute(records: ExamRecord[], policy: MoverPolicy): Attribution {
  const moved = records.some((r) => r.school !== records[0].school);
  const at = policy === 'earlier' ? records[0] : records[records.length - 1];
  return { school: at.school, class: at.class, moved, counted: !(moved && policy === 'exclude') };
}
