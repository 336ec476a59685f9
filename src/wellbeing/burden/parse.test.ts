// How survey answers are read: homework in minutes, sleep in hours, both as whole minutes (arithmetic in the comments),
// the plausible ranges of limits.json at their edges, and the grades and dates of the import.
import { describe, expect, it } from 'vitest';
import { parseHomeworkMinutes, parseSleepMinutes } from './parse.js';
import { parseGrade, parseSurveyDate } from './import-file.js';

const HW = { min: 0, max: 600 };
const SL = { minHours: 3, maxHours: 14 };
const hw = (t: string) => {
  const p = parseHomeworkMinutes(t, HW);
  return 'minutes' in p ? p.minutes : 'error';
};
const sl = (t: string) => {
  const p = parseSleepMinutes(t, SL);
  return 'minutes' in p ? p.minutes : 'error';
};

describe('homework as whole minutes', () => {
  it('reads minutes, hours, hours and minutes', () => {
    expect(hw('75')).toBe(75);
    expect(hw('75分钟')).toBe(75);
    expect(hw('0')).toBe(0);
    expect(hw('1.5小时')).toBe(90); // 1.5 × 60
    expect(hw('1小时')).toBe(60);
    expect(hw('1个小时')).toBe(60);
    expect(hw('半小时')).toBe(30);
    expect(hw('1个半小时')).toBe(90); // 60 + 30
    expect(hw('1小时20分')).toBe(80); // 60 + 20
    expect(hw('1小时20分钟')).toBe(80);
    expect(hw('1:20')).toBe(80);
    expect(hw('1：20')).toBe(80); // full-width colon
    expect(hw('１：２０')).toBe(80); // full-width digits
    expect(hw(' 45 ')).toBe(45);
    expect(hw('1899-12-30T01:20:00.000Z')).toBe(80); // 1:20 typed into Excel as a time of day
  });

  it('rounds homework up to whole minutes, so a comparison with a whole-minute limit is the exact one', () => {
    // 1.55 h × 60 = 93 exactly (93.00000000000001 in floats must not become 94). 52.5 → 53; 52.4 → 53 (a started
    // minute counts); 60.3 min → 61: over a 60-minute limit, as 60.3 > 60 is (it became 60, "within", before).
    expect(hw('1.55小时')).toBe(93);
    expect(hw('52.5')).toBe(53);
    expect(hw('52.4')).toBe(53);
    expect(hw('60.3')).toBe(61);
    expect(hw('60')).toBe(60);
    expect(hw('1899-12-30T01:00:20.000Z')).toBe(61); // 1:00:20 typed into Excel: 60⅓ min → 61
  });

  it('refuses a bare number of 1–4 without a unit (minutes or hours?); 0 and 5 are minutes', () => {
    for (const x of ['1', '2', '1.5', '4.9', '３']) expect([x, hw(x)]).toEqual([x, 'error']);
    const p = parseHomeworkMinutes('2', HW);
    expect('error' in p && p.error).toContain('2小时');
    expect([hw('0'), hw('5'), hw('2小时'), hw('2分钟'), hw('4m')]).toEqual([0, 5, 120, 2, 4]);
  });

  it('keeps 0–600 minutes: 600 in, 601 out; nonsense refused', () => {
    expect(hw('600')).toBe(600);
    expect(hw('10小时')).toBe(600); // 10 × 60
    expect(hw('601')).toBe('error');
    expect(hw('-5')).toBe('error');
    expect(hw('很多')).toBe('error');
    expect(hw('1:75')).toBe('error'); // 75 is not a minute of an hour
    expect(hw('1小时60分')).toBe('error');
  });

  it('names the cell text and the range in the reason', () => {
    const p = parseHomeworkMinutes('601', HW);
    expect('error' in p && p.error).toContain('0–600');
    expect('error' in p && p.error).toContain('"601"');
  });
});

describe('sleep as whole minutes', () => {
  it('reads hours, hours and minutes', () => {
    expect(sl('9.5')).toBe(570); // 9.5 × 60
    expect(sl('9')).toBe(540);
    expect(sl('10')).toBe(600);
    expect(sl('9.5小时')).toBe(570);
    expect(sl('9小时30分')).toBe(570); // 540 + 30
    expect(sl('9:30')).toBe(570);
    expect(sl('9.3')).toBe(558); // 9.3 × 60 = 558
    expect(sl('8.99')).toBe(539); // 539.4 → 539
  });

  it('rounds sleep down, so a comparison with a whole-minute target is the exact one', () => {
    // 9.995 h × 60 = 599.7 min → 599: short of a 10-hour (600-minute) target, as 599.7 < 600 is (600, "meets", before).
    expect(sl('9.995')).toBe(599);
    expect(sl('9.99')).toBe(599); // 599.4
    expect(sl('10')).toBe(600);
    // The range on the exact value: 14.001 h = 840.06 min > 840 → refused (it became 840, in range, before).
    expect(sl('14.001')).toBe('error');
  });

  it('keeps 3–14 hours: 3 and 14 in, 2.9 and 14.1 out, minutes refused', () => {
    expect(sl('3')).toBe(180);
    expect(sl('14')).toBe(840);
    expect(sl('2.9')).toBe('error'); // 174 < 180
    expect(sl('14.1')).toBe('error'); // 846 > 840
    expect(sl('570')).toBe('error'); // minutes in the hours column
    expect(sl('九小时')).toBe('error');
  });
});

describe('grades and dates of the import', () => {
  it('grades 1–9 as digits or words', () => {
    expect([parseGrade('3'), parseGrade('3年级'), parseGrade('三年级'), parseGrade('初一'), parseGrade('九年级')]).toEqual([3, 3, 3, 7, 9]);
    expect([parseGrade('0'), parseGrade('10'), parseGrade('高一'), parseGrade('')]).toEqual([null, null, null, null]);
  });

  it('dates in the usual forms; no 2023-02-29', () => {
    expect(parseSurveyDate('2024-10-15')).toBe('2024-10-15');
    expect(parseSurveyDate('2024/9/5')).toBe('2024-09-05');
    expect(parseSurveyDate('2024年9月5日')).toBe('2024-09-05');
    expect(parseSurveyDate('2024-09-05T00:00:00.000Z')).toBe('2024-09-05');
    expect(parseSurveyDate('2024-02-29')).toBe('2024-02-29');
    expect(parseSurveyDate('2023-02-29')).toBeNull();
    expect(parseSurveyDate('昨天')).toBeNull();
  });
});
