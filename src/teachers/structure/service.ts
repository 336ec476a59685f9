// Teachers: structure and pipeline — the service behind the routes. It reads the roster of a school year (the roster's
// store, rosterOfYear), the district's schools and their students of that year (the registry's service) and hands them
// to the pure report (report.ts). The counts are made in TypeScript over the year's rows: a district has a few thousand
// teachers, and the same pure functions are what the tests check by hand. Aggregates only: no teacher's row leaves.
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import type { SchoolYearRecord } from '../../registry/types.js';
import type { TeachersDeps } from '../deps.js';
import { rosterOfYear } from '../roster/store.js';
import { TEACHER_TARGETS } from '../targets.js';
import type { RosterTeacher } from '../model.js';
import type { StructureReport } from './contract.js';
import { studentsBySection } from './cv-sections.js';
import { structureReport, type ReportSchool } from './report.js';
import { structureWorkbook } from './report-xlsx.js';
import { rosterYears } from './store.js';

type Reader = Pick<Actor, 'districtId' | 'schools'>;

/** 在校生 of a school's record: Σ of its grades' enrolments. */
const studentsOf = (r: SchoolYearRecord | undefined): number | null => (r ? r.enrolments.reduce((s, e) => s + e.students, 0) : null);

export class StructureService {
  constructor(
    readonly db: Db,
    readonly deps: TeachersDeps,
  ) {}

  async years(user: Pick<Actor, 'districtId'>): Promise<{ years: number[]; currentYear: number }> {
    const [years, currentYear] = await Promise.all([rosterYears(this.db, user.districtId), this.deps.registry.currentYear(user.districtId)]);
    return { years, currentYear };
  }

  /** The year asked for; else the current year when it has a roster, else the newest roster, else the current year. */
  private async yearOf(districtId: string, year: number | undefined): Promise<{ year: number; years: number[] }> {
    const { years, currentYear } = await this.years({ districtId });
    if (year !== undefined) return { year, years };
    return { year: years.includes(currentYear) ? currentYear : (years[0] ?? currentYear), years };
  }

  /** The report of a year: the district over every school with a roster; the school rows the caller may see. */
  async report(user: Reader, q: { year?: number }): Promise<StructureReport> {
    const d = user.districtId;
    const { year, years } = await this.yearOf(d, q.year);
    const [schools, roster] = await Promise.all([this.deps.registry.districtSchools(d), rosterOfYear(this.db, d, year)]);
    const records = await this.deps.registry.districtRecords(
      d,
      schools.map((s) => s.code),
      year,
    );
    const recordOf = new Map(records.map((r) => [r.schoolCode, r]));
    const bySchool = new Map<string, RosterTeacher[]>();
    for (const t of roster) {
      const list = bySchool.get(t.schoolCode);
      if (list) list.push(t);
      else bySchool.set(t.schoolCode, [t]);
    }
    const known = new Set(schools.map((s) => s.code));
    const input: ReportSchool[] = [
      ...schools.map((s) => {
        const rec = recordOf.get(s.code);
        return {
          code: s.code,
          name: s.name,
          level: s.level,
          isOpen: s.isOpen,
          students: studentsOf(rec),
          sectionStudents: rec ? studentsBySection(rec.enrolments) : null,
          roster: bySchool.get(s.code) ?? [],
        };
      }),
      // A roster row naming a school the registry no longer has still counts, under its code (in no 差异系数).
      ...[...bySchool.keys()].filter((c) => !known.has(c)).map((c) => ({ code: c, name: c, level: '', isOpen: false, students: null, sectionStudents: null, roster: bySchool.get(c)! })),
    ];
    const r = structureReport({ year, years, targets: TEACHER_TARGETS, schools: input });
    const sees = (code: string) => user.schools === 'all' || user.schools.includes(code);
    return { ...r, schools: r.schools.filter((s) => sees(s.code)), withoutRoster: r.withoutRoster.filter((s) => sees(s.code)) };
  }

  async workbook(user: Reader, q: { year?: number; lang: 'zh' | 'en' }): Promise<{ file: Buffer; name: string }> {
    const r = await this.report(user, q);
    const name = (await this.deps.registry.districtName(user.districtId)) ?? user.districtId;
    return { file: await structureWorkbook(r, name, q.lang), name: `${q.lang === 'zh' ? '教师队伍结构' : 'teacher-structure'}-${r.year}.xlsx` };
  }
}
