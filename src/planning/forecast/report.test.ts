// The report builder (report.ts) on plain data: closed schools keep their past in the aggregates' history, the needs
// take the peak year per catchment and level, a school without its registry facts is still forecast, and a district
// of 2,000 schools is reported for 10 years well within a second or two.
import { describe, expect, it } from 'vitest';
import { forecastReport, type ReportInput } from './report.js';
import type { EnrolmentRecord } from './forecast-v1.js';

const PACK = { id: 'national-2017-quality', version: 1, name: '优质均衡', nameEn: 'Quality', classSize: { standard: { 小学: 45, 初中: 50 }, large: 56, huge: 66 } };
const input = (records: EnrolmentRecord[], extra: Partial<ReportInput> = {}): ReportInput => ({
  source: 'registry',
  fileName: null,
  version: 'test',
  records,
  schools: new Map(),
  townships: new Map(),
  classrooms: new Map(),
  classCounts: [],
  births: [],
  housing: [],
  params: { horizon: 3, window: 3, holdout: 1, entry: 'mean' },
  pack: PACK,
  ...extra,
});
const rec = (schoolCode: string, year: number, grade: number, students: number): EnrolmentRecord => ({ schoolCode, year, grade, students });

describe('forecast report', () => {
  it('keeps a closed school’s past in the history and finds the peak year of a shortfall', () => {
    // P (小学, 镇A): grades 1 and 2 of 45 every year: 2 classes a year, 2 rooms → fits.
    // Q (小学, 镇A): 2022 g1 40 g2 30; 2023 g1 60 g2 40; 2024 g1 80 g2 60; 3 rooms.
    // Z closed in 2024 (records 2022–2023 only): no forecast, its 30 students in the history of 2022 and 2023.
    const records = [
      ...[2022, 2023, 2024].flatMap((y) => [rec('P', y, 1, 45), rec('P', y, 2, 45)]),
      rec('Q', 2022, 1, 40),
      rec('Q', 2022, 2, 30),
      rec('Q', 2023, 1, 60),
      rec('Q', 2023, 2, 40),
      rec('Q', 2024, 1, 80),
      rec('Q', 2024, 2, 60),
      rec('Z', 2022, 1, 30),
      rec('Z', 2023, 1, 30),
    ];
    const facts = { level: '小学', location: '乡村' };
    const r = forecastReport(
      input(records, {
        schools: new Map([
          ['P', { name: '甲', ...facts }],
          ['Q', { name: '乙', ...facts }],
          ['Z', { name: '丙', ...facts }],
        ]),
        townships: new Map([
          ['P', '镇A'],
          ['Q', '镇A'],
          ['Z', '镇A'],
        ]),
        classrooms: new Map([
          ['P', 2],
          ['Q', 3],
        ]),
      }),
    );
    expect(r.schools.map((s) => s.code)).toEqual(['P', 'Q']);
    expect(r.closedSchools).toEqual([{ code: 'Z', name: '丙' }]);
    const d = r.aggregates.find((a) => a.kind === 'district')!;
    // 2022: 90 + 70 + 30; 2023: 90 + 100 + 30; 2024: 90 + 140.
    expect(d.history.map((h) => h.students)).toEqual([190, 220, 230]);
    expect(r.aggregates.find((a) => a.kind === 'catchment')!.history.map((h) => h.students)).toEqual([190, 220, 230]);
    const q = r.schools[1];
    // Q's GPR(2) = (40/40 + 60/60)/2 = 1 (2023: 40 ÷ 2022's g1 40; 2024: 60 ÷ 2023's g1 60); entry mean (40 + 60 + 80)/3 = 60.
    // 2025: 60 + 80 × 1 = 140 → ⌈60/45⌉ + ⌈80/45⌉ = 2 + 2 = 4 classes, 1 short of 3 rooms, 45 seats;
    // 2026: 60 + 60 = 120 → 4 classes, 1 short; 2027 the same. Equal shortfalls every year: the peak is the first.
    expect(q.ratios).toEqual([{ grade: 2, ratio: 1, source: 'school' }]);
    expect(q.forecast.map((f) => [f.students, f.classes, f.shortfall, f.seatShortfall])).toEqual([
      [140, 4, 1, 45],
      [120, 4, 1, 45],
      [120, 4, 1, 45],
    ]);
    expect(r.needs).toEqual([
      {
        township: '镇A',
        level: '小学',
        peakYear: 2025,
        classes: 1,
        seats: 45,
        spareElsewhere: 0,
        schools: [{ code: 'Q', name: '乙', classes: 1, seats: 45 }],
        byYear: [
          { year: 2025, classes: 1, seats: 45 },
          { year: 2026, classes: 1, seats: 45 },
          { year: 2027, classes: 1, seats: 45 },
        ],
      },
    ]);
  });

  it('takes the later year when a shortfall grows, and shows a spare room elsewhere', () => {
    // G: 2022 g1 135; 2023 g1 45 g2 135; 2024 g1 45 g2 45. GPR(2) = (135/135 + 45/45)/2 = 1; entry mean (135+45+45)/3 = 75.
    //   2025: g1 75 (2 classes) + g2 45 (1) = 3 classes = its 3 rooms; 2026: g1 75 (2) + g2 75 (2) = 4 → 1 short.
    // H: one grade of 10, 3 rooms: 1 class, 2 spare.
    const records = [rec('G', 2022, 1, 135), rec('G', 2023, 1, 45), rec('G', 2023, 2, 135), rec('G', 2024, 1, 45), rec('G', 2024, 2, 45), ...[2022, 2023, 2024].map((y) => rec('H', y, 1, 10))];
    const r = forecastReport(
      input(records, {
        params: { horizon: 2, window: 3, holdout: 1, entry: 'mean' },
        townships: new Map([
          ['G', 'T'],
          ['H', 'T'],
        ]),
        classrooms: new Map([
          ['G', 3],
          ['H', 3],
        ]),
      }),
    );
    // Without registry facts: the code stands for the name, the level is unknown.
    expect(r.schools[0]).toMatchObject({ code: 'G', name: 'G', level: null, inRegistry: false });
    expect(r.schools[0].forecast.map((f) => [f.classes, f.shortfall])).toEqual([
      [3, 0],
      [4, 1],
    ]);
    expect(r.needs.map((n) => [n.township, n.level, n.peakYear, n.classes, n.seats, n.spareElsewhere])).toEqual([['T', null, 2026, 1, 45, 2]]);
  });

  it('reports 2,000 schools × 9 grades for 10 years with the backtest well within two seconds', () => {
    // CPU time of this process (not wall time, which another job on a shared machine stretches).
    const records: EnrolmentRecord[] = [];
    const classrooms = new Map<string, number>();
    const townships = new Map<string, string>();
    for (let s = 0; s < 2000; s++) {
      const code = `S${String(s).padStart(5, '0')}`;
      classrooms.set(code, 18 + (s % 7));
      townships.set(code, `镇${s % 40}`);
      for (let y = 2020; y <= 2024; y++) for (let g = 1; g <= 9; g++) records.push(rec(code, y, g, 40 + ((s * 7 + y * 3 + g * 11) % 25)));
    }
    const started = process.cpuUsage();
    const r = forecastReport(input(records, { classrooms, townships, params: { horizon: 10, window: 3, holdout: 3, entry: 'mean' } }));
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    expect(r.schools).toHaveLength(2000);
    expect(r.schools[0].forecast).toHaveLength(10);
    expect(r.backtest.available).toBe(true);
    expect(r.aggregates.filter((a) => a.kind === 'catchment')).toHaveLength(40);
    expect(ms).toBeLessThan(2000);
  });
});
