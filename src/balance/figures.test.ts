import { describe, expect, it } from 'vitest';
import { CV_NUMFMT, formatCv, formatGap, formatGapUnit, formatValue, formatValueUnit, gapNumFmt, gapUnit, valueNumFmt, valueUnit } from './figures.js';
import { loadStandard } from './standards.js';

const q = loadStandard('national-2017-quality');
const b = loadStandard('national-2012-basic');
const ind = (pack: typeof q, key: string) => pack.indicators.find((i) => i.key === key)!;

describe('figures: units and decimals of every balance figure', () => {
  it('value units as the standards define the indicators (教督〔2017〕6号, 教督〔2012〕3号), gap units of the resource', () => {
    // 2017: 每百名学生拥有… → per 100 students; 生均… → per student.
    expect(q.indicators.map((i) => valueUnit(i))).toEqual(['人/百生', '人/百生', '人/百生', 'm²/生', 'm²/生', '元/生', '间/百生']);
    expect(q.indicators.map((i) => gapUnit(i))).toEqual(['人', '人', '人', 'm²', 'm²', '元', '间']);
    // 2012: 每百名学生拥有计算机台数, 生均图书册数, 师生比 and the per-student teacher ratios.
    expect(b.indicators.map((i) => valueUnit(i))).toEqual(['m²/生', 'm²/生', '元/生', '台/百生', '册/生', '人/生', '人/生', '人/生']);
    expect(valueUnit(ind(q, 'pe_art_per100'), 'en')).toBe('teachers/100 students');
    expect(valueUnit(ind(b, 'books_per_student'), 'en')).toBe('volumes/student');
    // A pack without the value units (a local pack saved before they existed): derived from the resource unit and the scale.
    expect(valueUnit({ unitZh: '间', unitEn: 'rooms', scale: 100, count: true })).toBe('间/百生');
    expect(valueUnit({ unitZh: 'm²', unitEn: 'm²', scale: 1, count: false }, 'en')).toBe('m²/student');
  });

  it('decimals: two for the values, four for teachers per student, three for CVs; no float artefacts', () => {
    expect(formatValue(ind(q, 'teaching_area_per_student'), 107.20000000000002)).toBe('107.20');
    expect(formatValue(ind(q, 'equipment_per_student'), 3201.699999)).toBe('3,201.70');
    expect(formatValue(ind(b, 'teachers_per_student'), 10 / 170)).toBe('0.0588'); // 1 : 17
    expect(formatValueUnit(ind(q, 'pe_art_per100'), 0.9)).toBe('0.90 人/百生');
    expect(formatCv(0.2034999)).toBe('0.203');
    expect(formatCv(null)).toBe('—');
    expect([valueNumFmt(ind(q, 'pe_art_per100')), valueNumFmt(ind(b, 'teachers_per_student')), CV_NUMFMT]).toEqual(['#,##0.00', '#,##0.0000', '0.000']);
  });

  it('gaps: whole teachers and rooms (a saved fraction covered, 4.46 → 5), hundredths of m² and yuan', () => {
    const pe = ind(q, 'pe_art_per100');
    expect(formatGapUnit(pe, 5)).toBe('5 人');
    expect(formatGap(pe, 4.46)).toBe('5');
    expect(formatGap(pe, 0)).toBe('0');
    expect(formatGapUnit(ind(q, 'teaching_area_per_student'), 107.20000000000002)).toBe('107.20 m²');
    expect(formatGapUnit(ind(q, 'equipment_per_student'), 100000)).toBe('100,000.00 元');
    expect(formatGap(pe, null)).toBe('—');
    expect([gapNumFmt(pe), gapNumFmt(ind(q, 'sports_area_per_student'))]).toEqual(['#,##0', '#,##0.00']);
  });
});
