import { describe, expect, it } from 'vitest';
import { evaluateDistrict } from './evaluate.js';
import { loadStandard } from './standards.js';
import { fromSavedResult, toCliJson } from './wire-keys.js';

const pack = loadStandard('national-2017-quality');
const numerators = Object.fromEntries(pack.indicators.map((i) => [i.key, 10]));
const result = evaluateDistrict(pack, [
  { code: 'S1', name: '一小', level: '小学', students: 500, numerators },
  { code: 'P1', level: '小学', students: 30, isTeachingPoint: true, numerators },
]);

describe('toCliJson: the CLI keeps its snake_case school keys', () => {
  it('renames schoolCode / schoolName only, in place, and leaves every other key and value alone', () => {
    const out = toCliJson(result) as { levels: Record<string, { schools: Record<string, unknown>[] }> };
    const [s1, p1] = out.levels['小学'].schools;
    expect(Object.keys(s1)).toEqual(['school_code', 'school_name', 'students', 'excluded', 'values', 'met', 'pass', 'gaps']);
    expect(Object.keys(p1)).toEqual(['school_code', 'students', 'excluded', 'excludedReason', 'values', 'met', 'pass', 'gaps']);
    expect([s1.school_code, s1.school_name, p1.school_code]).toEqual(['S1', '一小', 'P1']);
    // Everything but the two keys is the evaluator's answer, untouched (numbers exact, indicator keys snake_case as before).
    const back = JSON.parse(JSON.stringify(out).replaceAll('"school_code"', '"schoolCode"').replaceAll('"school_name"', '"schoolName"'));
    expect(back).toEqual(JSON.parse(JSON.stringify(result)));
    expect(JSON.stringify(out)).not.toMatch(/schoolCode|schoolName/);
    expect(result.levels['小学'].schools[0].schoolCode).toBe('S1'); // the input is not changed
  });
});

describe('fromSavedResult: evaluations saved before the camelCase wire', () => {
  it('reads the old snake_case school keys as camelCase', () => {
    const old = {
      year: 2024,
      levels: { 小学: { schools: [{ school_code: 'S1', school_name: '一小', gaps: { rooms: 1 } }] } },
      guarantees: [{ school_code: 'S1', school_name: '一小', rooms: { music_rooms: 2 } }],
    };
    expect(fromSavedResult(old)).toEqual({
      year: 2024,
      levels: { 小学: { schools: [{ schoolCode: 'S1', schoolName: '一小', gaps: { rooms: 1 } }] } },
      guarantees: [{ schoolCode: 'S1', schoolName: '一小', rooms: { music_rooms: 2 } }],
    });
    expect(fromSavedResult(JSON.parse(JSON.stringify(result)))).toEqual(JSON.parse(JSON.stringify(result))); // new rows unchanged
  });
});
