// Vision screening (视力筛查): the import reads and checks the whole file first (every bad cell named; nothing written
// when there is one), judges every pupil by the screening-myopia rule (classify.ts) and writes the rows in one
// transaction, each naming the rule id and version. The report is built from additive tallies per school, grade and
// sex (tally.ts): the pupil rows of a year, or the stored tallies of a year whose rows were purged (retention). Pupil
// rows go to callers with pupil-level rights only (the route's policy), every read audited by the route.
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import { districtName, schoolNames } from '../../registry/lookup.js';
import { privacySettings } from '../../exams/privacy.js';
import { invalidFile } from '../import-problems.js';
import type { PupilRowsKind, TallyRow } from '../retention/kinds.js';
import { storedTallies, tallyYears } from '../retention/store.js';
import type { VisionPupil, VisionReport } from './contract.js';
import { classifyPupil, type Basis } from './classify.js';
import { readVisionFile } from './import-file.js';
import { loadVisionRule, thresholdsOf, type VisionRule } from './rule.js';
import { visionReport } from './report.js';
import { emptyTally, type VisionTally } from './tally.js';
import { visionWorkbook } from './report-xlsx.js';
import * as store from './store.js';

type User = Pick<Actor, 'districtId' | 'username' | 'role' | 'schoolCode' | 'assignedSchools' | 'schools'>;

/** A stored 5-point record (4.9) as tenths (49). */
const tenths = (v: number | null) => (v === null ? null : Math.round(v * 10));

/** A stored tally as the report reads it: missing counts are 0 (a tally written by an older version). */
const asTally = (t: Partial<VisionTally>): VisionTally => ({ ...emptyTally(), ...t, rules: { ...(t.rules ?? {}) } });

export class VisionService implements PupilRowsKind {
  readonly kind = 'vision' as const;
  private readonly rule: VisionRule;

  constructor(private readonly db: Db) {
    this.rule = loadVisionRule();
  }

  async import(user: User, year: number, fileName: string, buf: Buffer) {
    const names = await schoolNames(this.db, user.districtId);
    const { rows, problems } = await readVisionFile(buf, fileName, { schoolExists: (c) => names.has(c), acuity: this.rule.acuity });
    if (problems.length) throw invalidFile(fileName, problems, '筛查记录');
    const th = thresholdsOf(this.rule);
    const judged = rows.map((r) => {
      const c = classifyPupil(th, { ucvaTenths: r.ucvaRight, seMilli: r.seRight }, { ucvaTenths: r.ucvaLeft, seMilli: r.seLeft });
      return {
        districtId: user.districtId,
        year,
        studentId: r.studentId,
        schoolCode: r.schoolCode,
        grade: r.grade,
        sex: r.sex,
        screenedOn: r.screenedOn,
        ucvaRight: r.ucvaRight === null ? null : r.ucvaRight / 10,
        ucvaLeft: r.ucvaLeft === null ? null : r.ucvaLeft / 10,
        seRight: r.seRight === null ? null : r.seRight / 1000,
        seLeft: r.seLeft === null ? null : r.seLeft / 1000,
        wearsGlasses: r.wearsGlasses,
        myopia: c.myopia,
        basis: c.basis,
        ruleId: this.rule.id,
        ruleVersion: this.rule.version,
        row: r.row,
        importedBy: user.username,
      } satisfies store.NewVisionRow;
    });
    const schools = [...new Set(rows.map((r) => r.schoolCode))].sort();
    await store.replaceVision(this.db, user.districtId, year, schools, judged, [
      {
        username: user.username,
        action: 'import',
        entity: 'vision-results',
        entityKey: `vision:${year}`,
        detail: fileName,
        rowCount: judged.length,
        newValue: { schools, rule: `${this.rule.id}@${this.rule.version}` },
      },
    ]);
    return {
      year,
      imported: judged.length,
      schools,
      withAcuity: judged.filter((j) => j.myopia !== null).length,
      myopes: judged.filter((j) => j.myopia === true).length,
      acuityOnly: judged.filter((j) => j.basis === 'acuity-only').length,
      rule: { id: this.rule.id, version: this.rule.version },
    };
  }

  /** The year's tallies from its pupil rows. */
  private talliesOf(db: Db, districtId: string, year: number): Promise<TallyRow<VisionTally>[]> {
    return store.visionTallies(db, districtId, year, thresholdsOf(this.rule).ucvaBelowTenths);
  }

  /** Every year with results (pupil rows or the stored tallies of a purged year), latest first, and which were purged. */
  private async years(districtId: string): Promise<{ years: number[]; purged: Set<number> }> {
    const withRows = await store.visionYears(this.db, districtId);
    const purged = new Set((await tallyYears(this.db, districtId, 'vision')).filter((y) => !withRows.includes(y)));
    return { years: [...new Set([...withRows, ...purged])].sort((a, b) => b - a), purged };
  }

  async report(user: User, year?: number): Promise<VisionReport> {
    const { years, purged } = await this.years(user.districtId);
    const shown = year ?? years[0] ?? null;
    const tallies = new Map<number, TallyRow<VisionTally>[]>();
    for (const y of years)
      tallies.set(
        y,
        purged.has(y)
          ? (await storedTallies<Partial<VisionTally>>(this.db, user.districtId, 'vision', y)).map((t) => ({ ...t, tally: asTally(t.tally) }))
          : await this.talliesOf(this.db, user.districtId, y),
      );
    return visionReport({
      rule: this.rule,
      year: shown,
      years,
      tallies,
      purged,
      user,
      minCellSize: privacySettings().minCellSize,
      names: await schoolNames(this.db, user.districtId),
    });
  }

  async workbook(user: User, year: number | undefined, lang: 'zh' | 'en') {
    const report = await this.report(user, year);
    const file = await visionWorkbook(report, (await districtName(this.db, user.districtId)) ?? '', lang);
    const name = lang === 'zh' ? `近视筛查报告-${report.year ?? ''}.xlsx` : `myopia-report-${report.year ?? ''}.xlsx`;
    return { file, name };
  }

  async students(user: User, code: string, year: number): Promise<VisionPupil[]> {
    const rows = await store.visionOfSchool(this.db, user.districtId, year, code);
    const below = thresholdsOf(this.rule).ucvaBelowTenths;
    return rows.map((r) => {
      const acuities = [tenths(r.ucvaRight), tenths(r.ucvaLeft)].filter((v): v is number => v !== null);
      return {
        studentId: r.studentId,
        grade: r.grade,
        sex: r.sex as 'M' | 'F',
        screenedOn: r.screenedOn,
        ucvaRight: r.ucvaRight,
        ucvaLeft: r.ucvaLeft,
        seRight: r.seRight,
        seLeft: r.seLeft,
        wearsGlasses: r.wearsGlasses,
        myopia: r.myopia,
        basis: r.basis as Basis | null,
        reduced: acuities.length ? acuities.some((v) => v < below) : null,
        ruleId: r.ruleId,
        ruleVersion: r.ruleVersion,
      };
    });
  }

  // --- PupilRowsKind (retention) ---

  async pupilYears(districtId: string): Promise<number[]> {
    return store.visionYears(this.db, districtId);
  }

  async tallyAndDelete(tx: Db, districtId: string, year: number): Promise<{ tallies: TallyRow[]; deleted: number }> {
    const tallies = await this.talliesOf(tx, districtId, year);
    const deleted = await store.deleteVisionYear(tx, districtId, year);
    return { tallies: tallies as unknown as TallyRow[], deleted };
  }
}
