import { describe, expect, it } from 'vitest';
import { CELL_ABSENT, CELL_BLANK, CELL_EXEMPT, CELL_SLOW, CELL_VOIDED, scoreFromBytes, scoreFromText } from './score-cell.js';

const fast = (s: string) => {
  const b = Buffer.from(s);
  return scoreFromBytes(b, 0, b.length);
};

describe('score cells', () => {
  it('reads whole and half points, with spaces around', () => {
    expect([fast('87'), fast('87.5'), fast(' 0.5\t'), fast('120'), fast('0'), fast('87.'), fast('.5')]).toEqual([87, 87.5, 0.5, 120, 0, 87, 0.5]);
  });
  it('reads full-width digits and the full-width point', () => {
    expect([fast('８７．５'), fast('１２０'), fast('9０.５')]).toEqual([87.5, 120, 90.5]);
  });
  it('decimal scores are correctly rounded, like strtod', () => {
    for (const s of ['87.3', '0.1', '99.99', '12.345678']) expect(fast(s)).toBe(Number(s));
  });
  it('marks and blanks', () => {
    expect([fast(''), fast('  '), fast('缺考'), fast('作弊'), fast('免考'), fast(' 缺考 ')]).toEqual([CELL_BLANK, CELL_BLANK, CELL_ABSENT, CELL_VOIDED, CELL_EXEMPT, CELL_ABSENT]);
  });
  it('hands anything else to the text parser', () => {
    for (const s of ['-5', '+5', '1e2', 'abc', '8 7', '1.2.3', '缺席', '１／２', '1234567890123456']) expect(fast(s)).toBe(CELL_SLOW);
  });
  it('the text parser: NFKC, marks, signs, garbage', () => {
    expect(scoreFromText('\u3000８７．５\u3000')).toEqual({ kind: 'score', value: 87.5 });
    expect(scoreFromText('+5')).toEqual({ kind: 'score', value: 5 });
    expect(scoreFromText('-0')).toEqual({ kind: 'score', value: 0 });
    expect(scoreFromText('-3.5')).toEqual({ kind: 'negative', value: -3.5 });
    expect(scoreFromText('作弊')).toEqual({ kind: 'voided' });
    expect(scoreFromText('　')).toEqual({ kind: 'blank' });
    for (const s of ['1e2', 'abc', '8 7', '1.2.3', '缺席', '.']) expect(scoreFromText(s)).toEqual({ kind: 'invalid' });
  });
});
