import { describe, expect, it } from 'vitest';
import { classSizeReport } from './class-size.js';
import { loadStandard } from './standards.js';

const pack = loadStandard('national-2017-quality');
const c = (grade: number, size: number, classNo = 1, schoolCode = 'S') => ({ schoolCode, grade, classNo, size });

describe('classSizeReport', () => {
  it('holds each class to its grade standard; at the standard meets it; bands 56–65 and ≥66', () => {
    const r = classSizeReport(pack, [c(1, 45), c(1, 46, 2), c(7, 50), c(7, 51, 2), c(3, 55), c(8, 56), c(9, 65), c(2, 66), c(6, 70)]);
    // over: 46 (g1), 51 (g7), 55 (g3), 56, 65, 66, 70 → 7; large: 56, 65 → 2; huge: 66, 70 → 2
    expect([r.classes, r.overStandard, r.large, r.huge, r.maxSize]).toEqual([9, 7, 2, 2, 70]);
    expect(r.list.map((x) => x.size)).toEqual([70, 66, 65, 56, 55, 51, 46]);
    expect(r.list.find((x) => x.size === 51)!.standard).toBe(50);
    expect(r.list.find((x) => x.size === 46)!.band).toBe('over');
  });
  it('no classes', () => {
    expect(classSizeReport(pack, [])).toEqual({ classes: 0, overStandard: 0, large: 0, huge: 0, maxSize: null, list: [] });
  });
});
