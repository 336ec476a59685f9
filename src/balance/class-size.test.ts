import { describe, expect, it } from 'vitest';
import { classBandLabel, classifyClass, classSizeDefinitions, classSizeReport } from './class-size.js';
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

describe('classifyClass (the one class-size vocabulary)', () => {
  const national = pack.classSize; // 小学 45, 初中 50, 大班额 56–65, 超大班额 ≥ 66 (国发〔2016〕40号, 教督〔2017〕6号)
  it('holds a class to its grade: 45 / 46 in grade 1, 50 / 51 in grade 7', () => {
    expect(classifyClass(45, 1, national)).toEqual({ standard: 45, overStandard: false, large: false, huge: false, band: 'ok' });
    expect(classifyClass(46, 1, national)).toMatchObject({ overStandard: true, band: 'over' });
    expect(classifyClass(50, 7, national)).toMatchObject({ standard: 50, overStandard: false, band: 'ok' });
    expect(classifyClass(51, 7, national)).toMatchObject({ overStandard: true, band: 'over' });
  });
  it('大班额 is 56–65 and 超大班额 66 or more, both over the standard', () => {
    expect([55, 56, 65, 66].map((n) => classifyClass(n, 3, national).band)).toEqual(['over', 'large', 'large', 'huge']);
    expect(classifyClass(66, 8, national)).toMatchObject({ overStandard: true, large: false, huge: true });
  });
  it("a local pack's thresholds: 小学 40, 大班额 from 50, 超大班额 from 60", () => {
    const local = { standard: { 小学: 40, 初中: 45 }, large: 50, huge: 60 };
    expect([40, 41, 50, 59, 60].map((n) => classifyClass(n, 2, local).band)).toEqual(['ok', 'over', 'large', 'large', 'huge']);
    expect(classSizeDefinitions(local)).toEqual({ overStandard: '超标准班额（小学 > 40 人，初中 > 45 人）', large: '大班额（50～59 人）', huge: '超大班额（≥ 60 人）' });
  });
  it('labels', () => {
    expect((['ok', 'over', 'large', 'huge'] as const).map((b) => classBandLabel(b))).toEqual(['', '超标准班额', '大班额', '超大班额']);
  });
});
