// Classes and classrooms of a school-year (capacity.ts), worked out by hand against the national pack's numbers
// (小学 45, 初中 50, 大班额 from 56, 超大班额 from 66).
import { describe, expect, it } from 'vitest';
import { capacityOf } from './capacity.js';

const T = { standard: { 小学: 45, 初中: 50 }, large: 56, huge: 66 };

describe('capacity of a school-year', () => {
  it('counts classes per grade by its level’s standard and the shortfall against the rooms', () => {
    // Grade 1: ⌈100/45⌉ = 3; grade 6: 45/45 = exactly 1 class; grade 7: ⌈101/50⌉ = 3.
    const c = capacityOf(
      [
        { grade: 1, students: 100 },
        { grade: 6, students: 45 },
        { grade: 7, students: 101 },
      ],
      5,
      T,
    );
    expect(c.grades.map((g) => g.classes)).toEqual([3, 1, 3]);
    expect(c.classes).toBe(7);
    // S = 3 × 45 + 1 × 45 + 3 × 50 = 330; shortfall 7 − 5 = 2; seats 2 × 330 / 7 = 94.28… → 95.
    expect(c.standardSeats).toBe(330);
    expect([c.shortfall, c.seatShortfall, c.spare, c.overCapacity]).toEqual([2, 95, 0, true]);
    // 246 students in 5 rooms: 246 ≤ 55 × 5 = 275, no class of 56 is forced.
    expect(c.largeClass).toBeNull();
  });

  it('treats a forecast a hair above a multiple of the standard as that multiple (float noise), not one more class', () => {
    const c = capacityOf([{ grade: 2, students: 90.00000000001 }], 2, T);
    expect([c.classes, c.shortfall, c.overCapacity]).toEqual([2, 0, false]);
    expect(capacityOf([{ grade: 2, students: 90.001 }], 2, T).classes).toBe(3);
  });

  it('flags 大班额 and 超大班额 that keeping the rooms would force (pigeonhole, integers)', () => {
    // 4 rooms: 220 = 55 × 4 fits in classes of 55; 221 forces a class of 56; 260 = 65 × 4 still no 66; 261 does.
    const at = (n: number) => capacityOf([{ grade: 3, students: n }], 4, T).largeClass;
    expect([at(220), at(220.4), at(221), at(260), at(261)]).toEqual([null, null, 'large', 'large', 'huge']);
    // Rooms enough: no flag at all (4 rooms hold 180 at the standard).
    expect(capacityOf([{ grade: 3, students: 180 }], 4, T)).toMatchObject({ classes: 4, shortfall: 0, seatShortfall: 0, overCapacity: false, largeClass: null });
  });

  it('leaves shortfalls and flags unknown without a stock, and handles zero students and zero rooms', () => {
    expect(capacityOf([{ grade: 1, students: 50 }], null, T)).toMatchObject({ classes: 2, shortfall: null, seatShortfall: null, spare: null, overCapacity: null, largeClass: null });
    expect(capacityOf([{ grade: 1, students: 0 }], 3, T)).toMatchObject({ classes: 0, shortfall: 0, seatShortfall: 0, spare: 3, overCapacity: false, largeClass: null });
    expect(capacityOf([], 0, T)).toMatchObject({ students: 0, classes: 0, shortfall: 0, overCapacity: false, largeClass: null });
    // No rooms at all for 10 pupils: one class short, 45 seats, and any class would be beyond every limit.
    expect(capacityOf([{ grade: 1, students: 10 }], 0, T)).toMatchObject({ classes: 1, shortfall: 1, seatShortfall: 45, overCapacity: true, largeClass: 'huge' });
  });
});
