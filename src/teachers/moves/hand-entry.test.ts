// The checks of a move entered by hand (hand-entry.ts), each named by its field.
import { describe, expect, it } from 'vitest';
import { handMoveProblems, isIsoDate, type HandMove, type HandMoveFacts } from './hand-entry.js';

const schools = new Map([
  ['A', '第一小学'],
  ['B', '第二小学'],
]);
// The teacher was at A in the 2024 roster and at B in 2025; a move starting 2025-09-01 belongs to school year 2025.
const facts: HandMoveFacts = {
  teacherName: '张三',
  rosterSchools: [
    { year: 2024, schoolCode: 'A' },
    { year: 2025, schoolCode: 'B' },
  ],
  schools,
};
const ok: HandMove = { teacherId: 'T000001', fromSchool: 'A', toSchool: 'B', kind: '交流轮岗', startDate: '2025-09-01', endDate: '2028-08-31', note: null };
const fields = (m: Partial<HandMove>, f: Partial<HandMoveFacts> = {}) => handMoveProblems({ ...ok, ...m }, { ...facts, ...f }).map((p) => p.field);

describe('handMoveProblems', () => {
  it('accepts a move from the school of the roster of the year before or of the move’s year', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ fromSchool: 'B', toSchool: 'A' })).toEqual([]);
    expect(fields({ endDate: null })).toEqual([]);
    expect(fields({ endDate: '2025-09-01' })).toEqual([]);
  });

  it('names each problem by its field', () => {
    expect(fields({}, { teacherName: null })).toEqual(['teacherId']);
    expect(fields({ toSchool: 'A' })).toEqual(['toSchool']);
    expect(fields({ toSchool: 'Z' })).toEqual(['toSchool']);
    expect(fields({ fromSchool: 'Z', toSchool: 'A' })).toEqual(['fromSchool', 'fromSchool']);
    expect(fields({ startDate: '2025-02-30' })).toEqual(['startDate']);
    expect(fields({ endDate: '2025-13-01' })).toEqual(['endDate']);
    expect(fields({ endDate: '2025-08-31' })).toEqual(['endDate']);
  });

  it('checks the school left against the rosters of Y − 1 and Y only', () => {
    // A move in school year 2027 (start 2027-09-01): rosters 2026 and 2027 — the teacher has neither.
    const p = handMoveProblems({ ...ok, startDate: '2027-09-01', endDate: null }, facts);
    expect(p.map((x) => x.field)).toEqual(['fromSchool']);
    expect(p[0].reason).toMatch(/2026–2027 或 2027–2028 学年.* \/ .*neither the 2026–2027 nor the 2027–2028 roster/);
    // School year 2024 (start 2025-03-01): rosters 2023 and 2024 — at A in 2024; from B is refused, naming A.
    const q = handMoveProblems({ ...ok, fromSchool: 'B', toSchool: 'A', startDate: '2025-03-01', endDate: null }, facts);
    expect(q.map((x) => x.field)).toEqual(['fromSchool']);
    expect(q[0].reason).toContain('2024–2025：第一小学（A）');
  });

  it('reads dates strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-9-01')).toBe(false);
  });
});
