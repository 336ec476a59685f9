// The registry's class-size bands against the balance page's report (src/balance/class-size.ts): the overview, the
// school list, the school page and the forms must count exactly what the balance page counts.
import { describe, expect, it } from 'vitest';
import { classBand, classBandLabel, classSizeCounts, type ClassSizeThresholds } from './class-bands.js';
import { classSizeReport } from '../balance/class-size.js';
import { loadStandard } from '../balance/standards.js';
import { mulberry32 } from './demo.js';

const NATIONAL: ClassSizeThresholds = { standard: { 小学: 45, 初中: 50 }, large: 56, huge: 66 };

describe('class-size bands', () => {
  it('hold a class to its own grade’s standard; a class exactly at the standard meets it', () => {
    // By hand from 国发〔2016〕40号 and the 2017 办法: 小学 45, 初中 50, 大班额 56–65, 超大班额 ≥ 66.
    expect(classBand(NATIONAL, 3, 45)).toBe('within');
    expect(classBand(NATIONAL, 3, 46)).toBe('over');
    expect(classBand(NATIONAL, 7, 48)).toBe('within'); // a 九年一贯制 school's grade-7 class of 48: held to 50
    expect(classBand(NATIONAL, 7, 50)).toBe('within');
    expect(classBand(NATIONAL, 7, 51)).toBe('over');
    expect(classBand(NATIONAL, 2, 55)).toBe('over');
    expect(classBand(NATIONAL, 2, 56)).toBe('large');
    expect(classBand(NATIONAL, 9, 65)).toBe('large');
    expect(classBand(NATIONAL, 9, 66)).toBe('huge');
  });

  it('a class of 大班额 size is 大班额 even within a (local) standard above it, as the balance page counts it', () => {
    const local = { standard: { 小学: 45, 初中: 60 }, large: 56, huge: 66 };
    expect(classBand(local, 8, 55)).toBe('within');
    expect(classBand(local, 8, 58)).toBe('large');
    expect(classSizeCounts(local, [{ grade: 8, size: 58 }])).toMatchObject({ overStandard: 0, large: 1, huge: 0 });
  });

  it('no classes: all zero, no largest size', () => {
    expect(classSizeCounts(NATIONAL, [])).toEqual({ classes: 0, overStandard: 0, large: 0, huge: 0, maxSize: null });
  });

  it('count what the balance report counts, for the built-in packs and a local one', () => {
    const rnd = mulberry32(7);
    const classes = Array.from({ length: 2000 }, (_, i) => ({ schoolCode: String(i % 17), grade: 1 + Math.floor(rnd() * 9), classNo: i, size: 20 + Math.floor(rnd() * 55) }));
    const packs = [loadStandard('national-2017-quality'), loadStandard('national-2012-basic')];
    const local = { ...packs[0], classSize: { standard: { 小学: 40, 初中: 48 }, large: 55, huge: 70 } };
    const lenient = { ...packs[0], classSize: { standard: { 小学: 45, 初中: 60 }, large: 56, huge: 66 } };
    for (const pack of [...packs, local, lenient]) {
      const { list: _list, ...report } = classSizeReport(pack, classes);
      expect(classSizeCounts(pack.classSize, classes)).toEqual(report);
    }
  });

  it('labels name the thresholds, with Chinese punctuation', () => {
    expect(classBandLabel(NATIONAL, 'over', 'zh')).toBe('超标准班额（小学 > 45 人，初中 > 50 人）');
    expect(classBandLabel(NATIONAL, 'large', 'zh')).toBe('大班额（56～65 人）');
    expect(classBandLabel(NATIONAL, 'huge', 'zh')).toBe('超大班额（≥ 66 人）');
  });
});
