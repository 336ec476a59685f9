import { describe, expect, it } from 'vitest';
import { guaranteesOfSchool } from './guarantees.js';
import { loadStandard } from './standards.js';

const pack = loadStandard('national-2017-quality');
const classes = (grade: number, sizes: number[]) => sizes.map((size, i) => ({ grade, classNo: i + 1, size }));

describe('政府保障: school size, special rooms, class sizes', () => {
  it('a 九年一贯制 school of 2,500 meets its 2500 limit exactly; 25 classes need ⌈25/12⌉ = 3 rooms of each kind', () => {
    const g = guaranteesOfSchool(
      pack,
      { code: 'x', name: 'X', level: '九年一贯制' },
      {
        values: { musicRooms: 3, artRooms: 2 },
        enrolments: [
          { grade: 1, students: 1500 },
          { grade: 7, students: 1000 },
          { grade: 10, students: 400 },
        ],
        classes: [...classes(1, Array(15).fill(45)), ...classes(7, [...Array(9).fill(50), 51]), ...classes(10, [60])],
      },
    )!;
    expect(g.students).toBe(2500); // grades 10–12 do not count
    expect(g.maxStudents).toBe(2500);
    expect(g.sizePass).toBe(true);
    expect(g.classes).toBe(25);
    expect(g.roomsRequired).toBe(3);
    expect(g.roomsPass).toBe(false); // 2 art rooms < 3
    expect(g.classesOverStandard).toBe(1); // the grade-7 class of 51 > 50; 45 in grade 1 meets 45
    expect(g.pass).toBe(false);
  });
  it('a 小学 of 2,001 exceeds 2000; 12 classes need 1 room; unknown rooms give pass = null', () => {
    const g = guaranteesOfSchool(
      pack,
      { code: 'y', name: 'Y', level: '小学' },
      { values: { musicRooms: 1, artRooms: null }, enrolments: [{ grade: 3, students: 2001 }], classes: classes(3, Array(12).fill(40)) },
    )!;
    expect(g.sizePass).toBe(false);
    expect(g.roomsRequired).toBe(1);
    expect(g.roomsPass).toBeNull();
    expect(g.pass).toBeNull();
  });
  it('an empty school needs no rooms; a pack without guarantees gives null', () => {
    const g = guaranteesOfSchool(pack, { code: 'z', name: 'Z', level: '初中' }, { values: { musicRooms: 0, artRooms: 0 }, enrolments: [], classes: [] })!;
    expect(g.roomsRequired).toBe(0);
    expect(g.pass).toBe(true);
    expect(guaranteesOfSchool(loadStandard('national-2012-basic'), { code: 'z', name: 'Z', level: '初中' }, { values: {}, enrolments: [], classes: [] })).toBeNull();
  });
});
