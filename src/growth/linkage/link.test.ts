import { describe, expect, it } from 'vitest';
import { linkExams, type Exam } from './link.js';

const entry: Exam = {
  name: '七上入口',
  records: [
    { id: 'G1', school: 'A', class: '1', score: 80 },
    { id: 'G2', school: 'A', class: '1', score: 70 },
    { id: 'G3', school: 'B', class: '1', score: 60 },
    { id: 'G4', school: 'B', class: '2', score: null }, // 缺考
    { id: 'G5', school: 'B', class: '2', score: 50 },
    { id: 'G6', school: 'B', class: '2', score: 55 },
    { id: 'G6', school: 'B', class: '2', score: 56 }, // duplicate id: ambiguous
  ],
};
const exit: Exam = {
  name: '九下出口',
  records: [
    { id: 'G1', school: 'A', class: '3', score: 85 },
    { id: 'G2', school: 'B', class: '1', score: 75 }, // moved A → B
    { id: 'G3', school: 'B', class: '1', score: 58 },
    { id: 'G4', school: 'B', class: '2', score: 66 },
    { id: 'G6', school: 'B', class: '2', score: 60 },
    { id: 'G7', school: 'A', class: '3', score: 90 }, // arrived later
  ],
};

describe('linkExams', () => {
  it('links by id, with rates, unmatched, duplicates and absences', () => {
    const l = linkExams([entry, exit]);
    expect(l.students.map((s) => s.id).sort()).toEqual(['G1', 'G2', 'G3']);
    const [a, b] = l.exams;
    expect([a.students, a.linked, a.absent, a.duplicates, a.unmatched.sort()]).toEqual([4, 3, 1, ['G6'], ['G5']]);
    expect(a.rate).toBe(0.75);
    expect([b.students, b.unmatched.sort()]).toEqual([6, ['G4', 'G6', 'G7']]);
    expect(b.rate).toBe(0.5);
    expect(l.rate).toBe(3 / 7); // scored ids in either exam: G1 … G7
  });

  it('movers are counted at the later school by default, the earlier one on request, or left out', () => {
    const later = linkExams([entry, exit]);
    const g2 = later.students.find((s) => s.id === 'G2')!;
    expect([g2.school, g2.class, g2.moved, later.movers]).toEqual(['B', '1', true, 1]);
    const earlier = linkExams([entry, exit], { movers: 'earlier' }).students.find((s) => s.id === 'G2')!;
    expect([earlier.school, earlier.class]).toEqual(['A', '1']);
    const ex = linkExams([entry, exit], { movers: 'exclude' });
    expect([ex.students.length, ex.excluded, ex.exams[0].linked]).toEqual([2, 1, 3]);
  });

  it('three exams: linked only when present in all', () => {
    const mid: Exam = {
      name: '八下',
      records: [
        { id: 'G1', school: 'A', score: 1 },
        { id: 'G3', school: 'C', score: 1 },
      ],
    };
    const l = linkExams([entry, mid, exit]);
    expect(l.students.map((s) => [s.id, s.school, s.moved])).toEqual([
      ['G1', 'A', false],
      ['G3', 'B', true],
    ]);
    expect(() => linkExams([entry])).toThrow(RangeError);
  });
});
