// Homework and sleep (课业负担与睡眠, 双减). The import reads and checks the whole file first (every bad cell named;
// nothing written when there is one) and replaces the year's records of the file's schools in one transaction. Every
// report is computed from additive tallies per (school, grade, sex): from the pupil rows of the year, and for a year
// (or the schools of a year) whose rows were purged by the retention setting, from the tallies kept then
// (storedTallies) — so BurdenService is one of the PupilRowsKind of ../retention. Small cells are withheld; pupil
// rows go to callers with pupil-level rights only (the route's policy), every read audited by the route.
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import { schoolNames } from '../../registry/lookup.js';
import { privacySettings } from '../../exams/privacy.js';
import { invalidFile } from '../import-problems.js';
import type { PupilRowsKind, TallyRow } from '../retention/kinds.js';
import { storedTallies, tallyYears } from '../retention/store.js';
import { burdenCells, suppressBurdenCells, type BurdenCell } from './cells.js';
import type { BurdenCellWire, BurdenPupil, BurdenReport, BurdenSource, BurdenTrendPoint } from './contract.js';
import { readBurdenFile } from './import-file.js';
import { limitsFor, loadBurdenLimits, overHomeworkLimit, shortOfSleep, type BurdenLimits } from './limits.js';
import { worstSchools } from './ranking.js';
import { sleepMinutesOf, tallyRecords, type BurdenRecordIn, type BurdenTally } from './tally.js';
import * as store from './store.js';

type User = Pick<Actor, 'districtId' | 'username' | 'role' | 'schoolCode' | 'assignedSchools' | 'schools'>;

/** How many schools the report lists as furthest over the limit. */
const WORST = 5;

const recordIn = (r: { schoolCode: string; grade: number; sex: string | null; homeworkMinutes: number | null; sleepHours: number | null; source: string }): BurdenRecordIn => ({
  schoolCode: r.schoolCode,
  grade: r.grade,
  sex: r.sex === 'M' || r.sex === 'F' ? r.sex : null,
  homeworkMinutes: r.homeworkMinutes,
  sleepHours: r.sleepHours,
  source: r.source === 'diary' ? 'diary' : 'survey',
});

export class BurdenService implements PupilRowsKind {
  readonly kind = 'burden' as const;
  private readonly pack: BurdenLimits;

  constructor(private readonly db: Db) {
    this.pack = loadBurdenLimits();
  }

  async importFile(user: User, year: number, source: BurdenSource, fileName: string, buf: Buffer) {
    const names = await schoolNames(this.db, user.districtId);
    const { rows, problems } = await readBurdenFile(buf, fileName, this.pack, { schoolExists: (c) => names.has(c) });
    if (problems.length) throw invalidFile(fileName, problems, '记录');
    const records: store.NewBurdenRecord[] = rows.map((r) => ({
      districtId: user.districtId,
      year,
      schoolCode: r.schoolCode,
      recordId: r.recordId,
      grade: r.grade,
      sex: r.sex,
      homeworkMinutes: r.homeworkMinutes,
      sleepHours: r.sleepMinutes === null ? null : r.sleepMinutes / 60,
      source,
      surveyedOn: r.surveyedOn,
      row: r.row,
      importedBy: user.username,
    }));
    const schools = [...new Set(rows.map((r) => r.schoolCode))].sort();
    const { replaced, clashes } = await store.replaceBurden(this.db, user.districtId, year, source, schools, records, (n) => [
      { username: user.username, action: 'import', entity: 'burden-records', entityKey: `burden:${year}`, detail: fileName, rowCount: records.length, newValue: { schools, source, replaced: n } },
    ]);
    if (clashes.length) {
      const rowOf = new Map(rows.map((r) => [`${r.schoolCode}|${r.recordId}`, r.row]));
      const [otherZh, otherEn] = source === 'diary' ? ['问卷调查', 'survey'] : ['作业日志', 'diary'];
      throw invalidFile(
        fileName,
        clashes.map((c) => ({
          row: rowOf.get(`${c.schoolCode}|${c.recordId}`) ?? null,
          column: '学籍号',
          message: `${c.recordId} 在学校 ${c.schoolCode} 本学年已有${otherZh}记录（每个编号每校每学年一条），请核对编号 / ${c.recordId} already has a ${otherEn} record at school ${c.schoolCode} this year (one record per id, school and year): check the id`,
        })),
        '记录',
      );
    }
    return {
      year,
      source,
      imported: records.length,
      replaced,
      schools,
      homeworkAnswered: rows.filter((r) => r.homeworkMinutes !== null).length,
      sleepAnswered: rows.filter((r) => r.sleepMinutes !== null).length,
      limits: { id: this.pack.id, version: this.pack.version },
    };
  }

  /** School years with pupil rows or stored tallies, latest first. */
  async years(districtId: string): Promise<number[]> {
    const [rows, kept] = await Promise.all([store.burdenYears(this.db, districtId), tallyYears(this.db, districtId, 'burden')]);
    return [...new Set([...rows, ...kept])].sort((a, b) => b - a);
  }

  /** The year's tallies: from its pupil rows, and for schools without rows, from the tallies kept when rows were purged. */
  async tallies(districtId: string, year: number, db: Db = this.db): Promise<{ tallies: TallyRow<BurdenTally>[]; fromTallies: boolean }> {
    const fromRows = tallyRecords(this.pack, (await store.burdenFigures(db, districtId, year)).map(recordIn));
    const withRows = new Set(fromRows.map((t) => t.schoolCode));
    const kept = (await storedTallies<BurdenTally>(db, districtId, 'burden', year)).filter((t) => !withRows.has(t.schoolCode));
    return { tallies: [...fromRows, ...kept], fromTallies: kept.length > 0 };
  }

  /** The report cells of a year for this caller: small cells withheld, other schools left out. */
  private async visibleCells(user: User, year: number, names: Map<string, string>) {
    const { tallies, fromTallies } = await this.tallies(user.districtId, year);
    const min = privacySettings().minCellSize;
    const cells = suppressBurdenCells(user, burdenCells(this.pack, tallies), min).filter((c) => c.school === null || user.schools === 'all' || user.schools.includes(c.school));
    const wire = (c: BurdenCell): BurdenCellWire => ({ ...c, schoolName: c.school === null ? null : (names.get(c.school) ?? null) });
    const packs = new Map(tallies.map((t) => [`${t.tally.limits.id}@${t.tally.limits.version}`, t.tally.limits]));
    return { cells: cells.map(wire), worst: worstSchools(cells, WORST).map(wire), fromTallies, computedWith: [...packs.values()] };
  }

  async report(user: User, year?: number): Promise<BurdenReport> {
    const years = await this.years(user.districtId);
    const shown = year ?? years[0] ?? null;
    const names = await schoolNames(this.db, user.districtId);
    const now = shown === null ? null : await this.visibleCells(user, shown, names);
    const trend: BurdenTrendPoint[] = [];
    for (const y of [...years].sort((a, b) => a - b)) {
      const { cells } = y === shown && now ? now : await this.visibleCells(user, y, names);
      for (const c of cells.filter((x) => x.grade === null && x.sex === null))
        trend.push({
          year: y,
          school: c.school,
          schoolName: c.schoolName,
          records: c.records,
          homeworkAnswered: c.homeworkAnswered,
          sleepAnswered: c.sleepAnswered,
          overShare: c.overShare,
          sleepShortShare: c.sleepShortShare,
          meanHomework: c.meanHomework,
          meanSleep: c.meanSleep,
          homeworkSuppressed: c.homeworkSuppressed,
          sleepSuppressed: c.sleepSuppressed,
          suppressed: c.suppressed,
        });
    }
    const p = this.pack;
    return {
      year: shown,
      years,
      limits: {
        id: p.id,
        version: p.version,
        title: p.title,
        titleEn: p.titleEn,
        homework: p.homework.limits.map((l) => ({ grades: l.grades, maxMinutes: l.maxMinutes, rule_zh: l.rule_zh, rule_en: l.rule_en, source: l.source })),
        sleep: p.sleep.targets.map((l) => ({ grades: l.grades, minHours: l.minHours, rule_zh: l.rule_zh, rule_en: l.rule_en, source: l.source })),
        homeworkBands: p.homework.bands.map((b) => b.label),
        sleepBands: p.sleep.bands.map((b) => b.label),
        sources: Object.entries(p.sources).map(([key, s]) => ({ key, title: s.title, titleEn: s.titleEn, issued: s.issued, official: s.official, copies: s.copies })),
      },
      computedWith: now?.computedWith ?? [],
      fromTallies: now?.fromTallies ?? false,
      minCellSize: privacySettings().minCellSize,
      cells: now?.cells ?? [],
      trend,
      worst: now?.worst ?? [],
    };
  }

  async pupils(user: User, code: string, year: number): Promise<BurdenPupil[]> {
    const rows = await store.burdenOfSchool(this.db, user.districtId, year, code);
    return rows.map((r) => {
      const lim = limitsFor(this.pack, r.grade);
      const sleep = r.sleepHours === null ? null : sleepMinutesOf(r.sleepHours);
      return {
        recordId: r.recordId,
        grade: r.grade,
        sex: r.sex === 'M' || r.sex === 'F' ? r.sex : null,
        homeworkMinutes: r.homeworkMinutes,
        homeworkLimit: lim.homeworkMaxMinutes,
        overLimit: r.homeworkMinutes === null ? null : overHomeworkLimit(Math.round(r.homeworkMinutes), lim),
        sleepHours: sleep === null ? null : sleep / 60,
        sleepTarget: lim.sleepMinMinutes / 60,
        shortOfSleep: sleep === null ? null : shortOfSleep(sleep, lim),
        source: r.source === 'diary' ? 'diary' : 'survey',
        surveyedOn: r.surveyedOn,
      };
    });
  }

  get limits() {
    return { id: this.pack.id, version: this.pack.version };
  }

  // ---- PupilRowsKind (retention) ----

  pupilYears(districtId: string): Promise<number[]> {
    return store.burdenYears(this.db, districtId);
  }

  /** The year's tallies (those kept from an earlier purge of other schools included: the caller replaces the year's), then its rows deleted. */
  async tallyAndDelete(tx: Db, districtId: string, year: number): Promise<{ tallies: TallyRow[]; deleted: number }> {
    const { tallies } = await this.tallies(districtId, year, tx);
    const deleted = await store.deleteBurdenYear(tx, districtId, year);
    return { tallies, deleted };
  }
}
