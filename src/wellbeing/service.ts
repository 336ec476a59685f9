// Student wellbeing: fitness results (体质健康测试). The import reads and checks the whole file first (every bad cell
// named; nothing written when there is one), scores every pupil with the national pack (fitness/annual-score.ts) and
// writes results and scores in one transaction, each row naming the pack id and version it was scored with. The
// report sums additive tallies per school, grade and sex (fitness/report.ts): computed from the pupil rows, or, for
// the schools of a year whose rows the retention purge removed, read from the stored tallies — so a purged year
// reports exactly as before. Small cells are withheld; pupil rows and their .xlsx go to callers with pupil-level
// rights only (the routes' policy), every read and export audited by the route. As a PupilRowsKind (kind 'fitness')
// the service tallies and deletes a year's rows for the retention purge.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Db } from '../core/db/index.js';
import { recordAudit } from '../core/audit/store.js';
import type { Actor, FileAnswer } from '../core/http/routes.js';
import { excelFormat, formatRunTime } from '../core/format.js';
import { HEADER_FILL, headerWidth } from '../core/xlsx/style.js';
import { schoolNames } from '../registry/lookup.js';
import { privacySettings } from '../exams/privacy.js';
import { annualScore, type Level } from './fitness/annual-score.js';
import { readFitnessFile } from './fitness/import-file.js';
import { loadFitnessPack, SEXES, type FitnessPack } from './fitness/pack.js';
import {
  cellsFromTallies,
  cellTallies,
  talliesOf,
  itemFigures,
  itemLevelsOf,
  schoolsBelowTarget,
  suppressFitnessCells,
  suppressItemFigures,
  type FitnessTally,
  type FitnessTallyRow,
  type ItemLevels,
} from './fitness/report.js';
import { loadFitnessTargets, loadLocalTargets, targetFor, type DistrictTarget, type FitnessTargets, type LocalTargets } from './fitness/targets.js';
import type { FitnessPupil, FitnessReport, FitnessTrendPoint } from './contract.js';
import { invalidFile } from './import-problems.js';
import type { PupilRowsKind, TallyRow } from './retention/kinds.js';
import { storedTallies, tallyYears } from './retention/store.js';
import * as store from './store.js';

type User = Pick<Actor, 'districtId' | 'username' | 'role' | 'schoolCode' | 'assignedSchools' | 'schools'>;

/** The pack's item levels (levels.item_level_labels: the 等级 column of the item tables), read from the pack file. */
function loadItemLevels(file = 'fitness-2014.json'): ItemLevels {
  const raw = JSON.parse(fs.readFileSync(new URL(`./standards/${file}`, import.meta.url), 'utf8')) as { levels?: { item_level_labels?: Record<string, number[]> } };
  return itemLevelsOf(raw.levels?.item_level_labels ?? {});
}

const trendPoint = (year: number, c: ReturnType<typeof cellsFromTallies>[number]): FitnessTrendPoint => ({
  year,
  tested: c.tested,
  scored: c.scored,
  passRate: c.passRate,
  goodRate: c.goodRate,
  excellentRate: c.excellentRate,
  meanTotal: c.meanTotal,
  meetsTarget: c.meetsTarget,
  suppressed: c.suppressed,
});

export class WellbeingService implements PupilRowsKind {
  readonly kind = 'fitness' as const;
  private readonly pack: FitnessPack;
  private readonly targets: FitnessTargets;
  private readonly localTargets: LocalTargets | null;
  private readonly itemLevels: ItemLevels;

  constructor(private readonly db: Db) {
    this.pack = loadFitnessPack();
    this.targets = loadFitnessTargets();
    this.localTargets = loadLocalTargets();
    this.itemLevels = loadItemLevels();
  }

  /** The district's 达标率 target: its own from the local file, else the default. */
  target(districtId: string): DistrictTarget {
    return targetFor(this.targets, this.localTargets, districtId);
  }

  async importFitness(user: User, year: number, fileName: string, buf: Buffer) {
    const names = await schoolNames(this.db, user.districtId);
    const { rows, problems } = await readFitnessFile(buf, fileName, this.pack, { schoolExists: (c) => names.has(c) });
    if (problems.length) throw invalidFile(fileName, problems, '成绩');
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

  /** School years with results (pupil rows or the stored tallies of a purged year), latest first. */
  async years(districtId: string): Promise<number[]> {
    const [rows, purged] = await Promise.all([store.fitnessYears(this.db, districtId), tallyYears(this.db, districtId, 'fitness')]);
    return [...new Set([...rows, ...purged])].sort((x, y) => y - x);
  }

  /**
   * A year's tallies per school, grade and sex: from the pupil rows, and for the schools without pupil rows from the
   * tallies stored when the year was purged. `withItems`: tally the items too (reads every pupil's score lines).
   */
  private async tallies(db: Db, districtId: string, year: number, withItems: boolean): Promise<{ rows: FitnessTallyRow[]; purgedSchools: string[] }> {
    const groups = await store.fitnessScoreGroups(db, districtId, year);
    const items = withItems ? { groups: await store.fitnessItemGroups(db, districtId, year), levels: this.itemLevels } : undefined;
    const rows = talliesOf(groups, items);
    const live = new Set(rows.map((r) => r.schoolCode));
    const kept = (await storedTallies<FitnessTally>(db, districtId, 'fitness', year)).filter((t) => !live.has(t.schoolCode));
    return { rows: [...rows, ...kept], purgedSchools: [...new Set(kept.map((t) => t.schoolCode))].sort() };
  }

  async report(user: User, year?: number, focus?: string): Promise<FitnessReport> {
    const years = await this.years(user.districtId);
    const shown = year ?? years[0] ?? null;
    const names = await schoolNames(this.db, user.districtId);
    const target = this.target(user.districtId);
    const min = privacySettings().minCellSize;
    const inScope = (school: string | null) => school === null || user.schools === 'all' || user.schools.includes(school);
    const nameOf = (school: string) => names.get(school) ?? null;

    const { rows, purgedSchools } = shown === null ? { rows: [], purgedSchools: [] } : await this.tallies(this.db, user.districtId, shown, true);
    const all = suppressFitnessCells(user, cellsFromTallies(rows, target.percent), min);
    const cells = all.filter((c) => inScope(c.school));

    // Per-item figures of the district or of one school, withheld where their cell is, or where few pupils took the item.
    const withheldCells = new Set(all.filter((c) => c.suppressed).map((c) => `${c.school}|${c.grade}|${c.sex}`));
    const focusSchool = focus && inScope(focus) ? focus : null;
    const figures = suppressItemFigures(user, itemFigures(cellTallies(rows), ['bmi', ...Object.keys(this.pack.items)]), min, (f) => withheldCells.has(`${f.school}|${f.grade}|${f.sex}`)).filter(
      (f) => f.school === focusSchool,
    );

    // The trend: every year's whole-district and whole-school cells, withheld as in that year's report.
    const district: FitnessTrendPoint[] = [];
    const bySchool = new Map<string, FitnessTrendPoint[]>();
    for (const y of [...years].sort((a, b) => a - b)) {
      const yearCells = y === shown ? all : suppressFitnessCells(user, cellsFromTallies((await this.tallies(this.db, user.districtId, y, false)).rows, target.percent), min);
      for (const c of yearCells) {
        if (c.grade !== null || !inScope(c.school)) continue;
        if (c.school === null) district.push(trendPoint(y, c));
        else bySchool.set(c.school, [...(bySchool.get(c.school) ?? []), trendPoint(y, c)]);
      }
    }

    const packs = new Map(rows.flatMap((r) => r.tally.packs).map((p) => [`${p.id}@${p.version}`, p]));
    return {
      year: shown,
      years,
      pack: { id: this.pack.id, version: this.pack.version, title: this.pack.title },
      scoredWith: [...packs.values()],
      target: { id: target.id, version: target.version, percent: target.percent, source: target.source, sourceEn: target.sourceEn, local: target.local },
      minCellSize: min,
      cells: cells.map((c) => ({ ...c, schoolName: c.school === null ? null : nameOf(c.school) })),
      purgedSchools: purgedSchools.filter(inScope),
      trend: { district, schools: [...bySchool].sort(([a], [b]) => a.localeCompare(b)).map(([school, points]) => ({ school, schoolName: nameOf(school), points })) },
      belowTarget: schoolsBelowTarget(cells, target.percent).map((b) => ({ ...b, schoolName: nameOf(b.school) })),
      items: { school: focusSchool, figures },
      itemOrder: ['bmi', ...Object.keys(this.pack.items)],
      itemNames: { bmi: 'BMI', ...Object.fromEntries(Object.entries(this.pack.items).map(([k, v]) => [k, v.name_zh])) },
      notFound: this.notFound(),
      unconfirmed: this.unconfirmed(),
    };
  }

  // ---- PupilRowsKind (retention) ----

  async pupilYears(districtId: string): Promise<number[]> {
    return store.fitnessYears(this.db, districtId);
  }

  /**
   * Within the purge's transaction: the year's tallies (with items) from its pupil rows — plus the tallies stored by an
   * earlier purge for schools without rows now, which the caller's write would otherwise replace — then the rows deleted.
   */
  async tallyAndDelete(tx: Db, districtId: string, year: number): Promise<{ tallies: TallyRow[]; deleted: number }> {
    const { rows } = await this.tallies(tx, districtId, year, true);
    const deleted = await store.deleteFitnessYear(tx, districtId, year);
    return { tallies: rows, deleted };
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

  /** How an item's results are written: unit, decimals (from the pack's thresholds: whole numbers or tenths), times as 3'50". */
  private itemFormat(item: string): { name: string; unit: string; decimals: number; time: boolean } {
    if (item === 'bmi') return { name: 'BMI', unit: 'kg/m²', decimals: 1, time: false };
    const def = this.pack.items[item];
    if (!def) return { name: item, unit: '', decimals: 1, time: false };
    const thresholds = Object.values(def.tables).flatMap((t) => (t.rows ?? []).map(([, v]) => v).filter((v): v is number => v !== null));
    return { name: def.name_zh, unit: def.unit, decimals: thresholds.every((v) => Number.isInteger(v)) ? 0 : 1, time: def.unit === 's' };
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
      items: r.items.map((i) => {
        const f = this.itemFormat(i.item);
        return { ...i, name: f.name, unit: f.unit, decimals: f.decimals, time: f.time };
      }),
      standard: r.standard,
      bonus: r.bonus,
      total: r.total,
      level: r.level as Level | null,
      openReason: r.openReason as FitnessPupil['openReason'],
      packId: r.packId,
      packVersion: r.packVersion,
    }));
  }

  /** One school's pupil rows of a year as .xlsx: results (times as 3'50"), points, 标准分, 附加分, 学年总分 and 等级. */
  async studentsXlsx(user: User, code: string, year: number): Promise<FileAnswer> {
    const pupils = await this.students(user, code, year);
    const name = (await schoolNames(this.db, user.districtId)).get(code) ?? code;
    const items = [...new Map(pupils.flatMap((p) => p.items.map((i) => [i.item, i] as const))).values()].map((i) => ({ item: i.item, ...this.itemFormat(i.item) }));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('体质健康明细', { views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }] });
    ws.getCell(1, 1).value = `${name}：学生体质健康测试明细（${year}–${year + 1}学年）`;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    ws.getCell(2, 1).value = `学生体质健康数据属敏感个人信息，请妥善保管，仅用于本校工作，不得外传。评分依据：${this.pack.title}；时间项目写作 分'秒"。`;
    ws.getCell(2, 1).font = { color: { argb: 'FF666666' }, size: 9 };
    type Col = { header: string; value: (p: FitnessPupil) => string | number | null; fmt?: string };
    const GRADE = ['', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级'];
    const cols: Col[] = [
      { header: '学籍号', value: (p) => p.studentId },
      { header: '年级', value: (p) => GRADE[p.grade] ?? String(p.grade) },
      { header: '性别', value: (p) => (p.sex === 'M' ? '男' : '女') },
      { header: '身高(cm)', value: (p) => p.heightCm, fmt: excelFormat(1) },
      { header: '体重(kg)', value: (p) => p.weightKg, fmt: excelFormat(1) },
      ...items.flatMap((it): Col[] => [
        {
          header: it.item === 'bmi' ? 'BMI' : it.time ? it.name : `${it.name}(${it.unit})`,
          value: (p) => {
            const v = p.items.find((x) => x.item === it.item)?.value ?? null;
            return v === null ? null : it.time ? formatRunTime(v) : v;
          },
          fmt: it.time ? undefined : excelFormat(it.decimals),
        },
        { header: `${it.name}得分`, value: (p) => p.items.find((x) => x.item === it.item)?.points ?? null, fmt: excelFormat(0) },
      ]),
      { header: '标准分', value: (p) => p.standard, fmt: excelFormat(2) },
      { header: '附加分', value: (p) => p.bonus, fmt: excelFormat(0) },
      { header: '学年总分', value: (p) => p.total, fmt: excelFormat(2) },
      { header: '等级', value: (p) => p.level ?? (p.openReason === 'table-not-found' ? '无评分表，未评分' : '缺项，未评分') },
      { header: '评分依据', value: (p) => `${p.packId} v${p.packVersion}` },
    ];
    const header = ws.getRow(3);
    cols.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      ws.getColumn(i + 1).width = Math.max(headerWidth(c.header), i === 0 ? 16 : 8);
      if (c.fmt) ws.getColumn(i + 1).numFmt = c.fmt;
    });
    for (const p of pupils) ws.addRow(cols.map((c) => c.value(p)));
    return { file: Buffer.from(await wb.xlsx.writeBuffer()), name: `${name}-体质健康明细-${year}-${year + 1}学年.xlsx`, rows: pupils.length };
  }
}
