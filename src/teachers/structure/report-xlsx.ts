// The teacher structure as a workbook, with the figures the page shows (aggregates only, no teacher's row). Sheets:
// 说明 (year, the targets pack with its id, version and sources, the definitions and what is left out), 学校 (every
// school row the caller may see, then the district row), 差异系数, 梯队 and 无名册学校. Cells hold full-precision
// numbers; the number format (core/format.ts excelFormat) rounds them as the page does.
import ExcelJS from 'exceljs';
import { excelFormat, formatNumber } from '../../core/format.js';
import { districtTerm } from '../../core/district-term.js';
import { HEADER_FILL } from '../../core/xlsx/style.js';
import { LEVEL_EN, type SchoolLevel } from '../../registry/model.js';
import { ageBandLabel, cvLabel, CV_SECTIONS, STRUCTURE_FIGURES, tierLabel, titleLabel, type StructureCv, type StructureFigures, type StructureReport } from './contract.js';

const FMT = { count: excelFormat(STRUCTURE_FIGURES.count), share: excelFormat(STRUCTURE_FIGURES.share), per100: excelFormat(STRUCTURE_FIGURES.per100), cv: excelFormat(STRUCTURE_FIGURES.cv) };
type Kind = 'text' | keyof typeof FMT;
type Col = [header: string, kind: Kind, width: number];
type Cell = string | number | null;

export async function structureWorkbook(r: StructureReport, districtName: string, lang: 'zh' | 'en'): Promise<Buffer> {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const term = districtTerm(districtName);
  const pct = (v: number) => formatNumber(v, STRUCTURE_FIGURES.share);
  const yn = (b: boolean | null) => (b === null ? null : b ? t('达标', 'met') : t('未达标', 'not met'));
  const level = (l: string) => (zh ? l : (LEVEL_EN[l as SchoolLevel] ?? l));
  const tg = r.targets;
  const pack = t(`目标：${tg.nameZh}（${tg.id}，第 ${tg.version} 版）`, `Targets: ${tg.nameEn} (${tg.id}, version ${tg.version})`);
  const heading = (what: string, en: string) => t(`${districtName} ${r.year}–${r.year + 1} 学年教师队伍结构：${what}`, `${districtName}, teacher structure ${r.year}–${r.year + 1}: ${en}`);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng';
  const sheet = (name: string, title: string, head: Col[], rows: { cells: Cell[]; bold?: boolean }[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.addRow([pack]).font = { color: { argb: 'FF808080' } };
    ws.addRow([]);
    const h = ws.addRow(head.map((x) => x[0]));
    h.eachCell((c) => {
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    h.height = 36;
    for (const { cells, bold } of rows) {
      const row = ws.addRow(cells.map((v) => v ?? '—'));
      if (bold) row.font = { bold: true };
      head.forEach(([, kind], j) => {
        if (kind !== 'text' && typeof cells[j] === 'number') row.getCell(j + 1).numFmt = FMT[kind];
      });
    }
    head.forEach(([, , w], j) => (ws.getColumn(j + 1).width = w));
    ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 2 }];
  };

  // 说明
  const about = wb.addWorksheet(t('说明', 'About'));
  about.getColumn(1).width = 120;
  const d = r.district;
  const lines: [string, boolean?][] = [
    [heading('说明', 'about'), true],
    [pack],
    [
      t(
        `骨干教师占比目标 ≥ ${pct(tg.backboneShare)}（计 ${tg.backboneLevels.join('、')} 级骨干）：${tg.sources.backboneShare}`,
        `骨干 share ≥ ${pct(tg.backboneShare)} (levels ${tg.backboneLevels.join(', ')}): ${tg.sources.backboneShare}`,
      ),
    ],
    [t(`研究生学历占比目标 ≥ ${pct(tg.postgraduateShare)}：${tg.sources.postgraduateShare}`, `Postgraduate share ≥ ${pct(tg.postgraduateShare)}: ${tg.sources.postgraduateShare}`)],
    [t(`梯队目标：${tg.sources.tiers}`, `Tier targets: ${tg.sources.tiers}`)],
    [''],
    [
      t(
        '口径：按该学年教师名册，只计专任教师；年龄 = 学年起始年份 − 出生年份；中级及以上职称 = 一级、高级、正高级；骨干只计县级、市级、省级（校级不计）。',
        'Definitions: the roster of the school year, full-time (专任) teachers only; age = the year the school year starts − birth year; intermediate or higher = 一级, 高级, 正高级; 骨干 counts the county, city and provincial levels (school level not counted).',
      ),
    ],
    [
      t(
        '达标：人数 × 分母 ≥ 目标比例 × 专任教师数（整数比较，恰好 30% 即达标）；差额 = ⌈目标比例 × 专任教师数⌉ − 现有人数。',
        'Met: count ≥ target share × full-time teachers, compared in whole numbers (exactly 30 % meets it); short = ⌈target share × full-time teachers⌉ − count.',
      ),
    ],
    [
      t(
        '差异系数（学生加权，小学、初中分别计算，与均衡评估相同）：一贯制学校按名册学部拆分（小学部教师对 1–6 年级学生，初中部教师对 7–9 年级学生；未填学部的教师计入该校第一个学部），完全中学只计初中部，教学点计入小学，高中部及 10–12 年级不计。比例指标 X̄ = Σ Pᵢxᵢ / Σ Pᵢ，S = √(Σ Pᵢ(xᵢ − X̄)² / Σ Pᵢ)，CV = S / X̄；每百名学生指标按均衡评估公式 X̄ = Σ Nᵢ / Σ Pᵢ × 100。该学段在校生为 0 或未知的学校（学部）不计入差异系数，没有专任教师的不计入比例指标的差异系数。学校表的数字仍为全校。',
        'Student-weighted CV, for 小学 and 初中 apart (as the balance evaluation): a 一贯制 school is split by its roster’s sections (小学-section teachers with grades 1–6, 初中-section teachers with grades 7–9; rows without a section in the school’s first section), a 完全中学 counts with its 初中 part, a 教学点 with 小学; 高中 sections and grades 10–12 are left out. Shares X̄ = Σ Pᵢxᵢ / Σ Pᵢ, S = √(Σ Pᵢ(xᵢ − X̄)² / Σ Pᵢ), CV = S / X̄; per 100 students by the balance formula X̄ = Σ Nᵢ / Σ Pᵢ × 100. Schools (sections) with no (or unknown) students of the 学段 are left out of its CVs, those without full-time teachers out of the shares’ CVs. The school rows stay whole-school.',
      ),
    ],
    [
      t(
        `${term.zh}：有名册学校 ${d.schools} 所，专任教师 ${d.fullTime} 人；无名册学校 ${d.withoutRoster} 所（不计入任何数字）；在校生为 0 或未知 ${d.withoutStudents} 所；无专任教师 ${d.withoutFullTime} 所。`,
        `The ${term.en}: ${d.schools} schools with a roster, ${d.fullTime} full-time teachers; ${d.withoutRoster} schools without a roster (left out of every figure); ${d.withoutStudents} with no or unknown students; ${d.withoutFullTime} without full-time teachers.`,
      ),
    ],
    [t('本表只含汇总数，不含教师个人信息。', 'Aggregates only: no teacher’s personal data.')],
  ];
  for (const [text, bold] of lines) about.addRow([text]).font = bold ? { bold: true, size: 14 } : {};
  about.getColumn(1).alignment = { wrapText: true, vertical: 'top' };

  // 学校 (+ the district row)
  const F = (f: StructureFigures): Cell[] => [
    f.staff,
    f.fullTime,
    f.backbone.count,
    f.backbone.share,
    yn(f.backbone.met),
    f.backbone.short,
    f.postgraduate.count,
    f.postgraduate.share,
    yn(f.postgraduate.met),
    f.postgraduate.short,
    f.intermediate.count,
    f.intermediate.share,
    f.backbonePer100,
    f.intermediatePer100,
    ...f.ageBands.flatMap((a) => [a.count, a.share]),
    ...f.titles.map((x) => x.count),
    ...f.tiers.map((x) => x.count),
  ];
  const first = r.schools[0] ?? d;
  const head: Col[] = [
    [t('学校代码', 'Code'), 'text', 14],
    [t('学校', 'School'), 'text', 26],
    [t('学段', 'Level'), 'text', 12],
    [t('在校生', 'Students'), 'count', 10],
    [t('教职工（名册）', 'Staff (roster)'), 'count', 10],
    [t('专任教师', 'Full-time teachers'), 'count', 10],
    [t('骨干教师', '骨干'), 'count', 9],
    [t('骨干占比', '骨干 share'), 'share', 9],
    [t(`骨干 ≥ ${pct(tg.backboneShare)}`, `骨干 ≥ ${pct(tg.backboneShare)}`), 'text', 10],
    [t('骨干差额（人）', '骨干 short (teachers)'), 'count', 10],
    [t('研究生', 'Postgraduates'), 'count', 9],
    [t('研究生占比', 'Postgraduate share'), 'share', 10],
    [t(`研究生 ≥ ${pct(tg.postgraduateShare)}`, `Postgrad. ≥ ${pct(tg.postgraduateShare)}`), 'text', 10],
    [t('研究生差额（人）', 'Postgrad. short (teachers)'), 'count', 10],
    [t('中级及以上', 'Intermediate+'), 'count', 10],
    [t('中级及以上占比', 'Intermediate+ share'), 'share', 10],
    [t('每百名学生骨干教师', '骨干 per 100 students'), 'per100', 11],
    [t('每百名学生中级及以上', 'Intermediate+ per 100 students'), 'per100', 11],
    ...first.ageBands.flatMap((a): Col[] => [
      [ageBandLabel(a.band, lang), 'count', 9],
      [t(`${ageBandLabel(a.band, lang)}占比`, `${ageBandLabel(a.band, lang)} share`), 'share', 9],
    ]),
    ...first.titles.map((x): Col => [titleLabel(x.title, lang), 'count', 9]),
    ...first.tiers.map((x): Col => [tierLabel(x.tier, lang), 'count', 9]),
  ];
  sheet(t('学校', 'Schools'), heading('学校', 'schools'), head, [
    ...r.schools.map((s) => ({ cells: [s.code, s.name, level(s.level), s.students, ...F(s)] })),
    { cells: [null, t(`${term.zh}（${d.schools} 所有名册学校）`, `The ${term.en} (${d.schools} schools with a roster)`), null, d.students, ...F(d)], bold: true },
  ]);

  // 差异系数: one row per indicator, one group of columns per 学段 (小学, 初中)
  const secName = (s: (typeof CV_SECTIONS)[number]) => (zh ? s : s === '小学' ? 'Primary' : 'Junior');
  const cvKey = (c: Pick<StructureCv, 'indicator' | 'group'>) => `${c.indicator}|${c.group ?? ''}`;
  const cvRows = r.cvs.filter((c) => c.section === CV_SECTIONS[0]);
  const cvCells = (c: StructureCv | undefined): Cell[] => {
    if (!c) return [null, null, null, null, null];
    const v = (x: number) => (c.kind === 'share' ? formatNumber(x, STRUCTURE_FIGURES.share) : formatNumber(x, STRUCTURE_FIGURES.per100));
    return [c.n, c.students, c.n ? v(c.mean) : null, c.n ? v(c.sd) : null, c.cv];
  };
  sheet(
    t('差异系数', 'CVs'),
    heading('学生加权差异系数（分学段）', 'student-weighted coefficients of variation by level'),
    [
      [t('指标', 'Indicator'), 'text', 40],
      [t('计算方式', 'Kind'), 'text', 16],
      ...CV_SECTIONS.flatMap((s): Col[] => [
        [t(`${s}：学校数`, `${secName(s)}: schools`), 'count', 9],
        [t(`${s}：学生数`, `${secName(s)}: students`), 'count', 10],
        [t(`${s}：加权平均（X̄）`, `${secName(s)}: weighted mean (X̄)`), 'text', 14],
        [t(`${s}：标准差（S）`, `${secName(s)}: SD (S)`), 'text', 14],
        [t(`${s}：差异系数`, `${secName(s)}: CV`), 'cv', 10],
      ]),
    ],
    cvRows.map((c) => ({
      cells: [
        cvLabel(c, lang),
        c.kind === 'share' ? t('比例', 'share') : t('每百名学生', 'per 100 students'),
        ...CV_SECTIONS.flatMap((s) => cvCells(r.cvs.find((x) => x.section === s && cvKey(x) === cvKey(c)))),
      ],
    })),
  );

  // 梯队
  sheet(
    t('梯队', 'Tiers'),
    heading(`${term.zh}梯队对照目标`, `tiers of the ${term.en} against the targets`),
    [
      [t('梯队', 'Tier'), 'text', 18],
      [t('现有人数', 'Teachers'), 'count', 10],
      [t('目标人数', 'Target'), 'count', 10],
      [t('达标', 'Met'), 'text', 10],
      [t('差额（人）', 'Short (teachers)'), 'count', 12],
    ],
    r.tiers.map((x) => ({ cells: [tierLabel(x.tier, lang), x.count, x.target, yn(x.met), x.short] })),
  );

  // 无名册学校
  sheet(
    t('无名册学校', 'No roster'),
    heading('没有该学年教师名册的学校（不计入）', 'schools without a roster of the year (left out)'),
    [
      [t('学校代码', 'Code'), 'text', 14],
      [t('学校', 'School'), 'text', 30],
      [t('学段', 'Level'), 'text', 12],
    ],
    r.withoutRoster.map((s) => ({ cells: [s.code, s.name, level(s.level)] })),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}
