// The limits pack (limits.json) against the two documents it cites, read by hand: 双减意见 (2021-07) — grades 1–2 no
// written homework, 3–6 ≤ 60 min, 7–9 ≤ 90 min; 教基厅函〔2021〕11号 — 小学 10 h, 初中 9 h. Exactly at a limit meets
// it; the band edges are the limits, so "within" is exactly a union of bands.
import { describe, expect, it } from 'vitest';
import { bandsAlignWithLimits, homeworkBand, sleepBand } from './bands.js';
import { limitsFor, loadBurdenLimits, overHomeworkLimit, shortOfSleep, type BurdenLimits } from './limits.js';

const pack = loadBurdenLimits();

describe('the limits pack', () => {
  it('is id double-reduction, version 1, with a source for every value', () => {
    expect([pack.id, pack.version]).toEqual(['double-reduction', 1]);
    for (const rule of [...pack.homework.limits, ...pack.sleep.targets]) expect(pack.sources[rule.source]?.clause).toBeTruthy();
    expect(pack.sources['double-reduction-2021'].official).toContain('gov.cn');
    expect(pack.sources['sleep-2021'].title).toContain('教基厅函〔2021〕11号');
  });

  it('gives each grade its limits in minutes', () => {
    const got = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((g) => {
      const l = limitsFor(pack, g);
      return [l.homeworkMaxMinutes, l.sleepMinMinutes];
    });
    // Homework 0 / 60 / 90 minutes; sleep 10 h = 600 min in grades 1–6, 9 h = 540 min in 7–9.
    expect(got).toEqual([
      [0, 600],
      [0, 600],
      [60, 600],
      [60, 600],
      [60, 600],
      [60, 600],
      [90, 540],
      [90, 540],
      [90, 540],
    ]);
  });

  it('a value exactly at the limit meets it; one minute beyond does not', () => {
    const g4 = limitsFor(pack, 4);
    const g1 = limitsFor(pack, 1);
    const g8 = limitsFor(pack, 8);
    expect([overHomeworkLimit(60, g4), overHomeworkLimit(61, g4)]).toEqual([false, true]);
    expect([overHomeworkLimit(0, g1), overHomeworkLimit(1, g1)]).toEqual([false, true]); // any written homework in grades 1–2
    expect([overHomeworkLimit(90, g8), overHomeworkLimit(91, g8)]).toEqual([false, true]);
    expect([shortOfSleep(600, g4), shortOfSleep(599, g4)]).toEqual([false, true]); // 10 h meets, 9 h 59 min does not
    expect([shortOfSleep(540, g8), shortOfSleep(539, g8)]).toEqual([false, true]);
  });
});

describe('bands', () => {
  it('put the edges where the limits are', () => {
    expect(bandsAlignWithLimits(pack)).toEqual([]);
    // Homework: 0 | 1–30 | 31–60 | 61–90 | 91–120 | > 120.
    expect([0, 1, 30, 31, 60, 61, 90, 91, 120, 121, 600].map((m) => homeworkBand(pack, m))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Sleep: < 8 h (< 480) | 8–9 h (480–539) | 9–10 h (540–599) | ≥ 10 h (≥ 600).
    expect([180, 479, 480, 539, 540, 599, 600, 840].map((m) => sleepBand(pack, m))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('so that "within" is a union of bands for every grade, minute by minute', () => {
    for (let g = 1; g <= 9; g++) {
      const l = limitsFor(pack, g);
      const lastWithin = homeworkBand(pack, l.homeworkMaxMinutes);
      for (let m = 0; m <= 600; m++) expect(overHomeworkLimit(m, l), `grade ${g}, ${m} min`).toBe(homeworkBand(pack, m) > lastWithin);
      const firstMeeting = sleepBand(pack, l.sleepMinMinutes);
      for (let m = 180; m <= 840; m++) expect(shortOfSleep(m, l), `grade ${g}, sleep ${m} min`).toBe(sleepBand(pack, m) < firstMeeting);
    }
  });

  it('a limit inside a band is reported', () => {
    const bent: BurdenLimits = { ...pack, homework: { ...pack.homework, limits: [{ ...pack.homework.limits[1], maxMinutes: 45 }] } };
    expect(bandsAlignWithLimits(bent)).toEqual(["homework limit 45 min is not a band's upper edge"]);
  });
});
