import { describe, expect, it } from 'vitest';
import { parseFullMarks } from './full-marks.js';

describe('--full', () => {
  it('reads subjects and full marks in order, ASCII or full-width separators', () => {
    expect(parseFullMarks('语文=120,数学=120, 道德与法治 = 100')).toEqual({ subjects: ['语文', '数学', '道德与法治'], full: [120, 120, 100] });
    expect(parseFullMarks('语文＝１５０，英语:100')).toEqual({ subjects: ['语文', '英语'], full: [150, 100] });
  });
  it('rejects bad specs', () => {
    for (const s of ['', '语文', '语文=0', '语文=abc', '语文=100,语文=120', '总分=300']) expect(parseFullMarks(s)).toHaveProperty('error');
  });
});
