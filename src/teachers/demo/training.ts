// The demo county's training (继续教育): 16 courses over the last five calendar years (校本 to 国家级, realistic titles and
// providers, 12–90 hours), and the hours each teacher was credited. Most teachers meet the targets (96 h in a calendar
// year, 360 h over five — src/teachers/targets.ts) but not all: each school has its own share of teachers short of
// hours (4–28 %); a "chronic" part of them falls short every year (so also over five years), the others only this
// year; teachers who started less than five years ago have fewer years to count. Pure and seeded.
import { TEACHER_TARGETS } from '../targets.js';
import type { CourseLevel, RosterTeacher } from '../model.js';
import { CAREER_START_AGE } from './roster.js';
import { rngOf } from './rng.js';

export interface DemoCourse {
  /** The course's place in the list (the loader maps it to the stored id). */
  key: number;
  title: string;
  provider: string;
  level: CourseLevel;
  hours: number;
  startDate: string;
  endDate: string;
}

export interface DemoAttendance {
  courseKey: number;
  teacherId: string;
  hours: number;
}

const COUNTY = '青溪县教师发展中心';
/** The courses of the calendar year `year − back`, the first of each year being that year's 校本研修 (every school). */
const PLAN: { back: number; title: string; provider: string; level: CourseLevel; hours: number; from: string; to: string }[][] = [
  [
    { back: 4, title: '校本研修', provider: '各学校（县教师发展中心认定）', level: '校本', hours: 40, from: '02-17', to: '12-31' },
    { back: 4, title: '线上教学能力提升专题培训', provider: COUNTY, level: '县级', hours: 24, from: '03-02', to: '03-20' },
    { back: 4, title: '信息技术应用能力提升工程2.0整校推进', provider: '省中小学教师培训中心', level: '省级', hours: 50, from: '09-14', to: '12-18' },
  ],
  [
    { back: 3, title: '校本研修', provider: '各学校（县教师发展中心认定）', level: '校本', hours: 40, from: '02-22', to: '12-31' },
    { back: 3, title: '新时代师德师风建设专题培训', provider: '青溪县教育局', level: '县级', hours: 24, from: '07-12', to: '07-16' },
    { back: 3, title: '学科教学能力提升研修', provider: '市教育学院', level: '市级', hours: 60, from: '10-11', to: '11-26' },
  ],
  [
    { back: 2, title: '校本研修', provider: '各学校（县教师发展中心认定）', level: '校本', hours: 40, from: '02-14', to: '12-31' },
    { back: 2, title: '义务教育课程方案和课程标准（2022年版）全员培训', provider: COUNTY, level: '县级', hours: 48, from: '07-11', to: '07-22' },
    { back: 2, title: '教学评一致性课堂实践', provider: '市教育学院', level: '市级', hours: 32, from: '10-17', to: '11-18' },
  ],
  [
    { back: 1, title: '校本研修', provider: '各学校（县教师发展中心认定）', level: '校本', hours: 40, from: '02-13', to: '12-31' },
    { back: 1, title: '大单元教学与作业设计', provider: COUNTY, level: '县级', hours: 48, from: '07-10', to: '07-21' },
    { back: 1, title: '国家中小学智慧教育平台暑期教师研修', provider: '教育部教师工作司', level: '国家级', hours: 12, from: '07-01', to: '08-31' },
  ],
  [
    { back: 0, title: '校本研修', provider: '各学校（县教师发展中心认定）', level: '校本', hours: 40, from: '02-19', to: '12-31' },
    { back: 0, title: '跨学科主题学习与项目化教学', provider: COUNTY, level: '县级', hours: 48, from: '07-08', to: '07-19' },
    { back: 0, title: '人工智能赋能教育教学', provider: '教育部教师工作司', level: '国家级', hours: 20, from: '07-01', to: '08-31' },
    { back: 0, title: '乡村教师素养提升培训', provider: '省教育厅', level: '省级', hours: 90, from: '10-14', to: '12-06' },
  ],
];

/** The courses of the five calendar years up to `year`, oldest first; keys 0, 1, 2 … */
export function demoCourses(year: number): DemoCourse[] {
  return PLAN.flat().map((c, key) => {
    const y = year - c.back;
    return { key, title: c.level === '校本' ? `${y}年度${c.title}` : c.title, provider: c.provider, level: c.level, hours: c.hours, startDate: `${y}-${c.from}`, endDate: `${y}-${c.to}` };
  });
}

/** A school's share of teachers short of hours this year: 4–28 %, its own. */
export function shortShareOf(schoolCode: string): number {
  return 0.04 + 0.24 * rngOf('training-share', schoolCode).next();
}

/**
 * Attendance of the 专任 and 行政 rows (a teacher's career begins at the age of CAREER_START_AGE; no hours before).
 * A year "met" adds courses (校本 first, the others in a random order) until a seeded goal of 96–136 h; a year "short"
 * is 校本 with part of its hours and at most one more course, staying under 96 h; a chronic teacher's years are all short
 * and under 360 / 5 = 72 h.
 */
export function demoAttendance(rows: readonly RosterTeacher[], courses: readonly DemoCourse[], year: number): DemoAttendance[] {
  const { yearHours, windowHours, windowYears } = TEACHER_TARGETS.training;
  const out: DemoAttendance[] = [];
  for (const t of rows) {
    if (t.post === '工勤') continue;
    const rng = rngOf('training', t.teacherId, year);
    const share = shortShareOf(t.schoolCode);
    const chronic = rng.chance(share * 0.45);
    const shortNow = chronic || rng.chance(share * 0.6);
    const start = t.birthYear + CAREER_START_AGE[t.qualification];
    for (let y = year - windowYears + 1; y <= year; y++) {
      if (y < start) continue;
      const ofYear = courses.filter((c) => c.startDate.startsWith(`${y}-`));
      const [school, ...rest] = ofYear;
      const short = chronic || (y === year ? shortNow : rng.chance(0.08));
      if (short) {
        // Under the yearly hours (and, for the chronic, under the five-year hours spread over five years).
        const cap = chronic ? Math.floor(windowHours / windowYears) - 1 : yearHours - 1;
        const own = Math.min(school.hours, rng.int(16, 36));
        out.push({ courseKey: school.key, teacherId: t.teacherId, hours: own });
        const extra = rest.filter((c) => own + c.hours <= cap);
        if (extra.length > 0 && rng.chance(0.5)) {
          const c = rng.pick(extra);
          out.push({ courseKey: c.key, teacherId: t.teacherId, hours: c.hours });
        }
        continue;
      }
      const goal = yearHours + rng.int(0, 40);
      let sum = school.hours;
      out.push({ courseKey: school.key, teacherId: t.teacherId, hours: school.hours });
      for (const c of rng.shuffle([...rest])) {
        if (sum >= goal) break;
        out.push({ courseKey: c.key, teacherId: t.teacherId, hours: c.hours });
        sum += c.hours;
      }
    }
  }
  return out;
}
