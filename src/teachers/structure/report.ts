// The structure report of a school year (pure): every school with a roster (its counts over 专任 teachers and their
// figures, whole-school), the district (Σ of those schools), the 差异系数 across them per 学段 (小学, 初中: a 一贯制
// school split by its rows' sections, cv-sections.ts), the 梯队 against its targets, the open schools
// without a roster (listed, left out of every figure), and the targets pack that judged it. Who sees which school rows
// is the service's business; the district figures always cover every school with a roster.
import type { TeacherTargets } from '../targets.js';
import type { StructureReport, StructureSchool, StructureTargets } from './contract.js';
import { structureCounts, sumCounts, type CountedRow, type StructureCounts } from './counts.js';
import { structureFigures } from './figures.js';
import { cvUnits, type SectionStudents } from './cv-sections.js';
import { structureCvs } from './structure-cvs.js';
import { tierTargets } from './tier-targets.js';

export interface ReportSchool {
  code: string;
  name: string;
  level: string;
  isOpen: boolean;
  /** Students of the year; null when the school has no statistics of the year. */
  students: number | null;
  /** The same by section (grades 1–6, 7–9, 10–12); null when unknown. */
  sectionStudents: SectionStudents | null;
  /** The school's roster rows of the year; empty = no roster. */
  roster: readonly CountedRow[];
}

export interface ReportInput {
  year: number;
  years: number[];
  targets: TeacherTargets;
  schools: readonly ReportSchool[];
}

export function targetsOf(t: TeacherTargets & { nameZh?: string; nameEn?: string }): StructureTargets {
  return {
    id: t.id,
    version: t.version,
    nameZh: t.nameZh ?? t.id,
    nameEn: t.nameEn ?? t.id,
    backboneShare: t.backboneShare.min,
    backboneLevels: [...t.backboneShare.levels],
    postgraduateShare: t.postgraduateShare.min,
    sources: { backboneShare: t.sources.backboneShare ?? '', postgraduateShare: t.sources.postgraduateShare ?? '', tiers: t.sources.tiers ?? '' },
  };
}

export function structureReport(input: ReportInput): StructureReport {
  const { year, targets } = input;
  const withRoster = input.schools.filter((s) => s.roster.length > 0);
  const counted = withRoster.map((s) => ({
    school: s,
    counts: structureCounts(s.roster, year, targets),
    units: cvUnits(s.level, s.roster, s.sectionStudents).map((u) => ({ section: u.section, students: u.students, counts: structureCounts(u.rows, year, targets) })),
  }));
  const schools: StructureSchool[] = counted.map(({ school: s, counts, units }) => ({
    code: s.code,
    name: s.name,
    level: s.level,
    students: s.students,
    cvSections: units.filter((u) => (u.students ?? 0) > 0).map((u) => u.section),
    inShareCv: units.some((u) => (u.students ?? 0) > 0 && u.counts.fullTime > 0),
    inPer100Cv: units.some((u) => (u.students ?? 0) > 0),
    ...structureFigures(counts, s.students, targets),
  }));
  const total: StructureCounts = sumCounts(counted.map((c) => c.counts));
  const students = withRoster.reduce((p, s) => p + (s.students ?? 0), 0);
  const districtFigures = structureFigures(total, students, targets);
  return {
    year,
    years: input.years,
    targets: targetsOf(targets),
    district: {
      ...districtFigures,
      students,
      schools: withRoster.length,
      withoutRoster: input.schools.filter((s) => s.isOpen && s.roster.length === 0).length,
      withoutStudents: schools.filter((s) => !s.inPer100Cv).length,
      withoutFullTime: schools.filter((s) => s.fullTime === 0).length,
      backboneMet: schools.filter((s) => s.backbone.met === true).length,
      postgraduateMet: schools.filter((s) => s.postgraduate.met === true).length,
    },
    schools,
    withoutRoster: input.schools.filter((s) => s.isOpen && s.roster.length === 0).map((s) => ({ code: s.code, name: s.name, level: s.level })),
    cvs: structureCvs(counted.flatMap((c) => c.units)),
    tiers: tierTargets(total.tiers, targets),
  };
}
