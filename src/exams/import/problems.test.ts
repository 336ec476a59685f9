import { describe, expect, it } from 'vitest';
import { columnLetter, ProblemList } from './problems.js';

describe('problems', () => {
  it('Excel column letters', () => {
    expect([0, 1, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('keeps the first 50 and counts the rest', () => {
    const p = new ProblemList(50);
    for (let i = 0; i < 120; i++) p.add({ row: i + 2, col: 4, header: '语文', reason: 'x' });
    const lines = p.lines('a.csv');
    expect(lines.length).toBe(51);
    expect(lines[0]).toBe('a.csv: 第2行 E列 (语文): x');
    expect(lines[50]).toContain('70 more problems');
  });
});
