import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseWide, wideText, WideInputError } from './wide.js';

const problems = (text: string) => {
  try {
    parseWide(text);
  } catch (e) {
    if (e instanceof WideInputError) return e.message;
    throw e;
  }
  return '';
};

describe('WIDE input', () => {
  it('reads ID, GRADE_<year>, SS_<year> (quoted header, empty and NA cells are missing), plain or gzipped', () => {
    const text = '"ID","GRADE_2024","GRADE_2025","SS_2024","SS_2025"\n7,3,4,500,NA\n8,,4,,512\n';
    for (const t of [text, wideText(gzipSync(text)), wideText(Buffer.from(text))]) {
      const d = parseWide(t);
      expect(d.years).toEqual([2024, 2025]);
      expect(d.ids).toEqual(['7', '8']);
      expect([...d.score[0]]).toEqual([500, NaN]);
      expect([...d.score[1]]).toEqual([NaN, 512]);
      expect([...d.grade[1]]).toEqual([4, 4]);
    }
  });

  it('names the line and column of a bad number, a missing column, a duplicate ID and a score without a grade', () => {
    expect(problems('ID,GRADE_2024,SS_2024,GRADE_2025,SS_2025\n1,3,abc,4,500\n2,3,500,,510\n1,3,1,4,1\n')).toMatch(
      /line 2, SS_2024: .*not a number: "abc"[\s\S]*line 3, GRADE_2025: .*a score without a grade[\s\S]*line 4, ID: .*duplicate ID 1 \(also line 2\)/,
    );
    expect(problems('ID,GRADE_2024,SS_2024,GRADE_2025\n1,3,4,4\n')).toContain('missing column SS_2025');
    expect(problems('GRADE_2024,SS_2024,GRADE_2025,SS_2025\n3,4,4,5\n')).toContain('missing column ID');
  });
});
