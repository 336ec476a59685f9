import { describe, expect, it } from 'vitest';
import { excelFormat, formatNumber, formatP, formatPercent, roundTo, wholeShortfall } from './format.js';
import { districtTerm } from './district-term.js';

describe('formatNumber', () => {
  it('rounds half away from zero on the displayed decimal, as Excel does', () => {
    // Excel: =TEXT(1.005,"0.00") → 1.01; =TEXT(2.675,"0.00") → 2.68; =TEXT(-0.125,"0.00") → -0.13 (JS toFixed gives 1.00, 2.67, -0.13)
    expect(formatNumber(1.005, 2)).toBe('1.01');
    expect(formatNumber(2.675, 2)).toBe('2.68');
    expect(formatNumber(-0.125, 2)).toBe('−0.13');
    expect(roundTo(0.5, 0)).toBe(1);
    expect(roundTo(-0.5, 0)).toBe(-1);
  });
  it('leaves no float artefacts and groups thousands', () => {
    expect(formatNumber(107.20000000000002, 2)).toBe('107.20');
    expect(formatNumber(0.1 + 0.2, { decimals: 4 })).toBe('0.3000');
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(1234567.891, { decimals: 0, grouping: false })).toBe('1234568');
  });
  it('writes missing values as a dash and a rounded zero without a sign', () => {
    expect(formatNumber(null, 2)).toBe('—');
    expect(formatNumber(Number.NaN, 2)).toBe('—');
    expect(formatNumber(-0.0004, 3)).toBe('0.000');
    expect(formatNumber(0.0004, { decimals: 3, signed: true })).toBe('0.000');
    expect(formatNumber(0.123, { decimals: 3, signed: true })).toBe('+0.123');
    expect(formatNumber(-3, 0)).toBe('−3');
  });
  it('writes shares as percentages', () => {
    expect(formatPercent(0.2753)).toBe('27.5%');
    expect(formatPercent(198 / 720)).toBe('27.5%');
    expect(formatPercent(0.386)).toBe('38.6%');
    expect(formatPercent(1)).toBe('100.0%');
  });
  it('gives Excel number formats for the same styles', () => {
    expect(excelFormat(2)).toBe('#,##0.00');
    expect(excelFormat(0)).toBe('#,##0');
    expect(excelFormat({ decimals: 1, percent: true })).toBe('#,##0.0%');
    expect(excelFormat({ decimals: 4, grouping: false })).toBe('0.0000');
    expect(excelFormat({ decimals: 3, signed: true })).toBe('+#,##0.000;-#,##0.000;#,##0.000');
  });
  it('writes p-values as reports do', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.001)).toBe('p = 0.001');
    expect(formatP(0.04249)).toBe('p = 0.042');
  });
  it('counts a shortfall in whole teachers or rooms', () => {
    expect(wholeShortfall(4.46)).toBe(5);
    expect(wholeShortfall(0.07 * 100)).toBe(7);
    expect(wholeShortfall(-2)).toBe(0);
    expect(wholeShortfall(0)).toBe(0);
  });
});

describe('districtTerm', () => {
  it('takes the word from the district name', () => {
    expect(districtTerm('舟山市定海区').zh).toBe('全区');
    expect(districtTerm('江苏省兴化市').zh).toBe('全市');
    expect(districtTerm('某某县（演示）').zh).toBe('全县');
    expect(districtTerm('互助土族自治县').zh).toBe('全县');
    expect(districtTerm('鄂托克旗').zh).toBe('全旗');
    expect(districtTerm('Demo').zh).toBe('全区');
    expect(districtTerm('某某县').en).toBe('county');
  });
});

describe('formatRunTime', () => {
  it('writes run times as results sheets do', async () => {
    const { formatRunTime } = await import('./format.js');
    expect([230, 225.5, 61, 60, 59.96, 9.5, 8, null].map(formatRunTime)).toEqual([`3'50"`, `3'45.5"`, `1'01"`, `1'00"`, `1'00"`, '9.5"', '8"', '—']);
  });
});
