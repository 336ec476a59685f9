// Scoring by the 2014 fitness standard on pupils worked out by hand from the pack's tables (the rows quoted in each
// comment are the pack's, which src/wellbeing/standards/fitness-2014.test.ts checks against their sources).
import { describe, expect, it } from 'vitest';
import { annualScore, graduationScore, levelOf } from './annual-score.js';
import { bmiBand, bmiOf } from './bmi.js';
import { scoreItem } from './item-score.js';
import { loadFitnessPack } from './pack.js';

const pack = loadFitnessPack();

describe('single items', () => {
  it('takes the highest row reached: ≥ for counts and lengths, ≤ for times; 0 below the lowest row', () => {
    // 3-M 肺活量: 1540 → 76, 1460 → 74. 1500 reaches 1460 only.
    expect(scoreItem(pack, 'lung_capacity', 3, 'M', 1500)).toEqual({ points: 74, status: 'verified' });
    expect(scoreItem(pack, 'lung_capacity', 3, 'M', 1540)).toEqual({ points: 76, status: 'verified' }); // exactly at a row
    expect(scoreItem(pack, 'lung_capacity', 3, 'M', 599)).toEqual({ points: 0, status: 'verified' }); // below 600 (10 points)
    // 3-M 50米: 9.7 → 78, 9.9 → 76: a time of 9.9 s meets 9.9, 9.8 s meets 9.9 but not 9.7.
    expect(scoreItem(pack, 'run_50m', 3, 'M', 9.9).points).toBe(76);
    expect(scoreItem(pack, 'run_50m', 3, 'M', 9.8).points).toBe(76);
    expect(scoreItem(pack, 'run_50m', 3, 'M', 0.1 + 9.6).points).toBe(78); // 9.700000000000001 still meets 9.7
    // 3-M 坐位体前屈 can be negative: −0.8 → 60, −0.9 → 50 (−1.6 is the 50 row).
    expect(scoreItem(pack, 'sit_and_reach', 3, 'M', -0.8).points).toBe(60);
    expect(scoreItem(pack, 'sit_and_reach', 3, 'M', -0.9).points).toBe(50);
  });

  it('skips the rows the pull-up table leaves empty', () => {
    // 8-M 引体向上: 10 → 80, (78 empty), 9 → 76; 0 reps: the 10-point row is empty and 1 rep is 20 → 0.
    expect(scoreItem(pack, 'pull_up', 8, 'M', 9).points).toBe(76);
    expect(scoreItem(pack, 'pull_up', 8, 'M', 0).points).toBe(0);
  });

  it('says when the pack has no table (not found, or the item is not for that sex)', () => {
    // Every table of the pack is found now: a copy with one table marked not-found stands for a pack that lacks one.
    const lacking = structuredClone(pack);
    lacking.items.lung_capacity.tables['7-M'] = { ...lacking.items.lung_capacity.tables['7-M'], status: 'not-found', rows: null };
    expect(scoreItem(lacking, 'lung_capacity', 7, 'M', 3000)).toEqual({ points: null, status: 'not-found' });
    expect(scoreItem(pack, 'pull_up', 8, 'F', 3)).toEqual({ points: null, status: 'not-applicable' });
  });
});

describe('BMI', () => {
  it('is kg / m² read to 0.1, half up', () => {
    expect(bmiOf(30, 135)).toBe(16.5); // 30 / 1.8225 = 16.46
    expect(bmiOf(89.8, 200)).toBe(22.5); // 22.45 exactly (the float is 22.4499…)
    expect(bmiOf(89.8, 200, 'floor')).toBe(22.4);
    expect(bmiOf(0, 150)).toBeNull();
  });
  it('scores by band: 3-M normal 13.9–19.4 → 100, ≤ 13.8 → 80, 19.5–22.1 → 80, ≥ 22.2 → 60', () => {
    expect(bmiBand(pack, 3, 'M', 19.4)).toEqual({ band: 'normal', points: 100 });
    expect(bmiBand(pack, 3, 'M', 13.8)).toEqual({ band: 'underweight', points: 80 });
    expect(bmiBand(pack, 3, 'M', 19.5)).toEqual({ band: 'overweight', points: 80 });
    expect(bmiBand(pack, 3, 'M', 22.2)).toEqual({ band: 'obese', points: 60 });
  });
});

describe('学年总分', () => {
  it('a grade-3 boy: weighted items plus the rope bonus', () => {
    // BMI 16.5 → 100 (×15); 肺活量 1500 → 74 (×15); 50米 9.9 → 76 (×20); 坐位体前屈 0.3 → 62 (×20);
    // 跳绳 136 ≥ 126 → 100 (×20), bonus (136 − 126) / 2 = 5; 仰卧起坐 16 → 60 (×10).
    // 标准分 = (1500 + 1110 + 1520 + 1240 + 2000 + 600) / 100 = 79.70; 总分 = 84.70 → 良好.
    const s = annualScore(pack, 3, 'M', { heightCm: 135, weightKg: 30, results: { lung_capacity: 1500, run_50m: 9.9, sit_and_reach: 0.3, rope_1min: 136, sit_up_1min: 16 } });
    expect([s.standard, s.bonus, s.total, s.level]).toEqual([79.7, 5, 84.7, '良好']);
  });

  it('a grade-8 boy: pull-up and 1000 m bonuses', () => {
    // BMI 60 / 1.7² = 20.76 → 20.8, normal 15.7–22.5 → 100; 肺活量 3200 → 80; 50米 7.5 → 100; 坐位体前屈 11.6 → 80;
    // 立定跳远 240 → 100; 引体向上 16 ≥ 14 → 100, +2 reps → bonus 2; 1000米 222 s ≤ 230 → 100, 8 s faster → bonus 2.
    // 标准分 = (1500 + 1200 + 2000 + 800 + 1000 + 1000 + 2000) / 100 = 95.0; 总分 99.0 → 优秀.
    const s = annualScore(pack, 8, 'M', { heightCm: 170, weightKg: 60, results: { lung_capacity: 3200, run_50m: 7.5, sit_and_reach: 11.6, standing_long_jump: 240, pull_up: 16, run_1000m: 222 } });
    expect([s.standard, s.bonus, s.total, s.level]).toEqual([95, 4, 99, '优秀']);
  });

  it('leaves the total open when an item is missing or its table was not found', () => {
    const missing = annualScore(pack, 3, 'M', { heightCm: 135, weightKg: 30, results: { lung_capacity: 1500 } });
    expect([missing.standard, missing.total, missing.level]).toEqual([null, null, null]);
    const lacking = structuredClone(pack);
    lacking.items.lung_capacity.tables['7-M'] = { ...lacking.items.lung_capacity.tables['7-M'], status: 'not-found', rows: null };
    const g7 = annualScore(lacking, 7, 'M', { heightCm: 160, weightKg: 50, results: { lung_capacity: 3000, run_50m: 8, sit_and_reach: 10, standing_long_jump: 200, pull_up: 5, run_1000m: 260 } });
    expect(g7.total).toBeNull();
    expect(g7.items.find((i) => i.item === 'lung_capacity')!.status).toBe('not-found');
  });

  it('does not apply a disputed bonus rule unless asked, and caps the bonus at 20', () => {
    // 8-F 仰卧起坐: the bonus increments are disputed between sources → withheld by default.
    const base = { heightCm: 160, weightKg: 50, results: { lung_capacity: 3000, run_50m: 8, sit_and_reach: 20, standing_long_jump: 200, sit_up_1min: 80, run_800m: 200 } };
    const s = annualScore(pack, 8, 'F', base);
    expect(s.bonusWithheld).toEqual(['sit_up_1min']);
    const withDisputed = annualScore(pack, 8, 'F', base, { applyDisputedBonus: true });
    expect(withDisputed.bonus).toBeGreaterThan(s.bonus);
    expect(withDisputed.bonus).toBeLessThanOrEqual(20);
  });

  it('levels: a total exactly at a line meets it', () => {
    expect(levelOf(pack, 90)).toBe('优秀');
    expect(levelOf(pack, 89.95)).toBe('良好');
    expect(levelOf(pack, 60)).toBe('及格');
    expect(levelOf(pack, 59.99)).toBe('不及格');
  });
});

describe('毕业成绩', () => {
  it('is half the graduating year and half the mean of the other years', () => {
    // 0.5 × 70 + 0.5 × (85 + 80) / 2 = 35 + 41.25 = 76.25
    expect(graduationScore(70, [85, 80])).toBe(76.25);
    expect(graduationScore(70, [])).toBe(70);
  });
});

describe('the import file', () => {
  it('reads the items under their English keys too, the ones with an x in the name included', async () => {
    const { readFitnessFile } = await import('./import-file.js');
    const csv = 'student_id,school_code,grade,sex,height_cm,weight_kg,lung_capacity,run_50m,sit_and_reach,rope_1min,sit_up_1min,shuttle_50x8\nS1,2133000001,5,M,140,35,2000,9.0,5.0,120,40,1\'40"\n';
    const { rows, problems } = await readFitnessFile(Buffer.from(csv), 'e.csv', pack, { schoolExists: () => true });
    expect(problems).toEqual([]);
    // 1'40" = 100 s.
    expect(rows[0].results.shuttle_50x8).toBe(100);
  });
});
