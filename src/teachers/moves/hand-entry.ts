// The checks of a move entered by hand (交流、支教、调动 recorded by the personnel staff), each problem named by its
// field in 中文 / English: the teacher exists; the move starts from the teacher's school in the roster of the year
// before the move's school year Y or of Y itself (Y = schoolYearOf(start)); it goes elsewhere; both schools are in
// the registry; the dates are real dates and the end is not before the start. Pure.
import { schoolYearOf, type MoveKind } from '../model.js';

export interface HandMove {
  teacherId: string;
  fromSchool: string;
  toSchool: string;
  kind: MoveKind;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string | null;
  note: string | null;
}

/** What the checks need to know: the teacher's name if they exist, their school in the rosters of Y−1 and Y, the registry. */
export interface HandMoveFacts {
  teacherName: string | null;
  rosterSchools: readonly { year: number; schoolCode: string }[];
  /** Code → name of every school of the registry. */
  schools: ReadonlyMap<string, string>;
}

export interface MoveProblem {
  field: 'teacherId' | 'fromSchool' | 'toSchool' | 'startDate' | 'endDate';
  reason: string;
}

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function handMoveProblems(m: HandMove, facts: HandMoveFacts): MoveProblem[] {
  const out: MoveProblem[] = [];
  const named = (code: string) => (facts.schools.has(code) ? `${facts.schools.get(code)}（${code}）` : code);
  if (facts.teacherName === null) out.push({ field: 'teacherId', reason: `教师 ${m.teacherId} 不在教师名册中 / teacher ${m.teacherId} is not in the roster` });
  for (const [field, code] of [
    ['fromSchool', m.fromSchool],
    ['toSchool', m.toSchool],
  ] as const)
    if (!facts.schools.has(code)) out.push({ field, reason: `学校代码 ${code} 不在本县（区）学校名录中 / school code ${code} is not in the registry` });
  if (m.fromSchool === m.toSchool) out.push({ field: 'toSchool', reason: `调入学校与调出学校相同（${named(m.toSchool)}） / the move goes to the school it comes from (${named(m.toSchool)})` });
  const startOk = isIsoDate(m.startDate);
  if (!startOk) out.push({ field: 'startDate', reason: `开始日期 ${m.startDate} 不是有效日期（YYYY-MM-DD） / start date ${m.startDate} is not a valid date (YYYY-MM-DD)` });
  if (m.endDate !== null) {
    if (!isIsoDate(m.endDate)) out.push({ field: 'endDate', reason: `结束日期 ${m.endDate} 不是有效日期（YYYY-MM-DD） / end date ${m.endDate} is not a valid date (YYYY-MM-DD)` });
    else if (startOk && m.endDate < m.startDate)
      out.push({ field: 'endDate', reason: `结束日期 ${m.endDate} 早于开始日期 ${m.startDate} / end date ${m.endDate} is before the start date ${m.startDate}` });
  }
  if (facts.teacherName !== null && startOk) {
    const y = schoolYearOf(m.startDate);
    const at = facts.rosterSchools.filter((r) => r.year === y - 1 || r.year === y);
    const label = (year: number) => `${year}–${year + 1}`;
    if (at.length === 0)
      out.push({
        field: 'fromSchool',
        reason: `教师 ${m.teacherId} 不在 ${label(y - 1)} 或 ${label(y)} 学年的教师名册中，无法核对调出学校 / teacher ${m.teacherId} is in neither the ${label(y - 1)} nor the ${label(y)} roster: the school left cannot be checked`,
      });
    else if (!at.some((r) => r.schoolCode === m.fromSchool))
      out.push({
        field: 'fromSchool',
        reason: `调出学校应为教师 ${m.teacherId} 在名册中的学校（${at.map((r) => `${label(r.year)}：${named(r.schoolCode)}`).join('，')}），而不是 ${named(m.fromSchool)} / the move must start from teacher ${m.teacherId}’s school in the roster (${at.map((r) => `${label(r.year)}: ${named(r.schoolCode)}`).join(', ')}), not ${named(m.fromSchool)}`,
      });
  }
  return out;
}
