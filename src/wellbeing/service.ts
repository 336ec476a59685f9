// Student wellbeing: fitness results (体质健康测试). The import reads and checks the whole file first (every bad cell
// named; nothing written when there is one), scores every pupil with the national pack (fitness/annual-score.ts) and
// writes results and scores in one transaction, each row naming the pack id and version it was scored with. The
// report aggregates the stored scores (fitness/report.ts) and withholds small cells; pupil rows go to callers with
// pupil-level rights only (the route's policy), every read audited by the route.
import type { Db } from '../core/db/index.js';
import { recordAudit } from '../core/audit/store.js';
import { AppError } from '../core/http/errors.js';
import type { Actor } from '../core/http/routes.js';
import { schoolNames } from '../registry/lookup.js';
import { privacySettings } from '../exams/privacy.js';
import { annualScore, type Level } from './fitness/annual-score.js';
import { readFitnessFile, type FitnessProblem } from './fitness/import-file.js';
import { loadFitnessPack, SEXES, type FitnessPack } from './fitness/pack.js';
import { fitnessCells, suppressFitnessCells, type ScoredPupil } from './fitness/report.js';
import { loadFitnessTargets, type FitnessTargets } from './fitness/targets.js';
import type { FitnessPupil, FitnessReport } from './contract.js';
import * as store from './store.js';

type User = Pick<Actor, 'districtId' | 'username' | 'role' | 'schoolCode' | 'assignedSchools' | 'schools'>;

const invalidFile = (fileName: string, problems: FitnessProblem[]) => {
  const where = (p: FitnessProblem) => [fileName, p.row !== null ? `第 ${p.row} 行 / row ${p.row}` : '', p.column ? `列 ${p.column} / column ${p.column}` : ''].filter(Boolean).join('，');
  return new AppError(422, 'invalid_file', `${fileName}：${problems.length} 处问题，成绩未导入 / ${fileName}: ${problems.length} problems, nothing was imported`, {
    problems: problems.map((p) => ({ file: fileName, row: p.row, column: p.column, message: p.message, text: `${where(p)}：${p.message}` })),
  });
};

export class WellbeingService {
  private readonly pack: FitnessPack;
  private readonly targets: FitnessTargets;

  constructor(private readonly db: Db) {
    this.pack = loadFitnessPack();
    this.targets = loadFitnessTargets();
  }

  async importFitness(user: User, year: number, fileName: string, buf: Buffer) {
    const names = await schoolNames(this.db, user.districtId);
    const { rows, problems } = await readFitnessFile(buf, fileName, this.pack, { schoolExists: (c) => names.has(c) });
    if (problems.length) throw invalidFile(fileName, problems);
    const scored = rows.map((r) => {
      const s = annualScore(this.pack, r.grade, r.sex, { heightCm: r.heightCm, weightKg: r.weightKg, results: r.results });
      const openReason = s.total !== null ? null : s.items.some((i) => i.status === 'not-found') ? 'table-not-found' : 'missing-result';
      return {
        districtId: user.districtId,
        year,
        studentId: r.studentId,
        schoolCode: r.schoolCode,
        grade: r.grade,
        sex: r.sex,
        heightCm: r.heightCm,
        weightKg: r.weightKg,
        results: r.results,
        packId: this.pack.id,
        packVersion: this.pack.version,
        bmi: s.bmi,
        items: s.items.map((i) => ({ item: i.item, weight: i.weight, value: i.value, points: i.points, status: i.status })),
        standard: s.standard,
        bonus: s.bonus,
        total: s.total,
        level: s.level,
        openReason,
        row: r.row,
        importedBy: user.username,
      } satisfies store.NewFitnessRow;
    });
    const schools = [...new Set(rows.map((r) => r.schoolCode))].sort();
    await store.replaceFitness(this.db, user.districtId, year, schools, scored);
    await recordAudit(this.db, user.districtId, [
      { username: user.username, action: 'import', entity: 'fitness-results', entityKey: `fitness:${year}`, detail: fileName, rowCount: scored.length, newValue: { schools } },
    ]);
    return {
      year,
      imported: scored.length,
      schools,
      scored: scored.filter((s) => s.total !== null).length,
      tableNotFound: scored.filter((s) => s.openReason === 'table-not-found').length,
      missingResult: scored.filter((s) => s.openReason === 'missing-result').length,
      pack: { id: this.pack.id, version: this.pack.version },
    };
  }

  async report(user: User, year?: number): Promise<FitnessReport> {
    const years = await store.fitnessYears(this.db, user.districtId);
    const shown = year ?? years[0] ?? null;
    const rows = shown === null ? [] : await store.fitnessScores(this.db, user.districtId, shown);
    const names = await schoolNames(this.db, user.districtId);
    const pupils: ScoredPupil[] = rows.map((r) => ({
      schoolCode: r.schoolCode,
      grade: r.grade,
      sex: r.sex as 'M' | 'F',
      total: r.total,
      level: r.level as Level | null,
      openReason: r.openReason as ScoredPupil['openReason'],
    }));
    const min = privacySettings().minCellSize;
    const cells = suppressFitnessCells(user, fitnessCells(pupils, this.targets.passRate.percent), min).filter((c) => c.school === null || user.schools === 'all' || user.schools.includes(c.school));
    const packs = new Map(rows.map((r) => [`${r.packId}@${r.packVersion}`, { id: r.packId, version: r.packVersion }]));
    return {
      year: shown,
      years,
      pack: { id: this.pack.id, version: this.pack.version, title: this.pack.title },
      scoredWith: [...packs.values()],
      target: { id: this.targets.id, version: this.targets.version, ...this.targets.passRate },
      minCellSize: min,
      cells: cells.map((c) => ({ ...c, schoolName: c.school === null ? null : (names.get(c.school) ?? null) })),
      itemNames: Object.fromEntries(Object.entries(this.pack.items).map(([k, v]) => [k, v.name_zh])),
      notFound: this.notFound(),
      unconfirmed: this.unconfirmed(),
    };
  }

  /** Grade and sex with items the pack has no table for (their pupils get no total). */
  private notFound(): FitnessReport['notFound'] {
    const out: FitnessReport['notFound'] = [];
    for (const w of this.pack.weights)
      for (const grade of w.grades)
        for (const sex of SEXES) {
          const items = Object.keys(w[sex]).filter((item) => item !== 'bmi' && this.pack.items[item]?.tables[`${grade}-${sex}`]?.status === 'not-found');
          if (items.length) out.push({ grade, sex, items });
        }
    return out.sort((a, b) => a.grade - b.grade || a.sex.localeCompare(b.sex));
  }

  private unconfirmed(): FitnessReport['unconfirmed'] {
    const out: FitnessReport['unconfirmed'] = [];
    for (const [item, def] of Object.entries(this.pack.items))
      for (const [k, t] of Object.entries(def.tables)) {
        if (t.status !== 'single-source' && t.status !== 'partial') continue;
        const [g, sex] = k.split('-');
        out.push({ grade: Number(g), sex: sex as 'M' | 'F', item, status: t.status });
      }
    return out.sort((a, b) => a.grade - b.grade || a.sex.localeCompare(b.sex) || a.item.localeCompare(b.item));
  }

  async students(user: User, code: string, year: number): Promise<FitnessPupil[]> {
    const rows = await store.fitnessOfSchool(this.db, user.districtId, year, code);
    return rows.map((r) => ({
      studentId: r.studentId,
      grade: r.grade,
      sex: r.sex as 'M' | 'F',
      heightCm: r.heightCm,
      weightKg: r.weightKg,
      bmi: r.bmi,
      items: r.items.map((i) => ({ ...i, name: i.item === 'bmi' ? 'BMI' : (this.pack.items[i.item]?.name_zh ?? i.item) })),
      standard: r.standard,
      bonus: r.bonus,
      total: r.total,
      level: r.level as Level | null,
      openReason: r.openReason as FitnessPupil['openReason'],
      packId: r.packId,
      packVersion: r.packVersion,
    }));
  }
}
