// The seat forecast as a workbook, with the figures the page shows. Sheets: 说明 (method, parameters, backtest, the
// rules of classes, classrooms and needs), 全县 (actual years and forecast years with the band), 学段 and 片区 (the same
// per school level and per township), 学校 (every school-year: students and band, classes, classrooms, shortfalls,
// flags, backtest), 年级 (every school-year-grade), 新建扩建需求 (per catchment and level) and 回测 (per school and step).
// Cells hold full-precision numbers; the number format (core/format.ts excelFormat) rounds them as the page does.
import ExcelJS from 'exceljs';
import { excelFormat, formatPercent } from '../../core/format.js';
import { districtTerm } from '../../core/district-term.js';
import { HEADER_FILL } from '../../core/xlsx/style.js';
import { LEVEL_EN, LOCATION_EN, type Location, type SchoolLevel } from '../../registry/model.js';
import { FORECAST_FIGURES, type ForecastAggregate, type ForecastReport } from './contract.js';

const GREY = { argb: 'FF808080' };
const FMT = { students: excelFormat(FORECAST_FIGURES.students), count: excelFormat(FORECAST_FIGURES.count), rate: excelFormat(FORECAST_FIGURES.rate), ratio: excelFormat(FORECAST_FIGURES.ratio) };
type Kind = 'text' | keyof typeof FMT;
type Col = [header: string, kind: Kind, width: number];
type Cell = string | number | null;

export async function forecastWorkbook(r: ForecastReport, districtName: string, lang: 'zh' | 'en'): Promise<Buffer> {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const term = districtTerm(districtName);
  const yn = (b: boolean | null) => (b === null ? null : b ? t('是', 'yes') : t('否', 'no'));
  const level = (l: string | null) => (l === null ? t('（未知）', '(unknown)') : zh ? l : (LEVEL_EN[l as SchoolLevel] ?? l));
  const location = (l: string | null) => (l === null ? null : zh ? l : (LOCATION_EN[l as Location] ?? l));
  const township = (s: string | null) => s ?? t('（未填写乡镇）', '(no township recorded)');
  const large = (v: 'large' | 'huge' | null) => (v === 'huge' ? t('超大班额', 'very large classes') : v === 'large' ? t('大班额', 'large classes') : null);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Junheng';
  const base = r.baseYear;
  const title = (what: string, en: string) => t(`${districtName} 学位预测：${what}`, `${districtName}, seat forecast: ${en}`);
  const paramsLine = t(
    `方法 ${r.method}（均衡 ${r.version}）；基准年 ${base ?? '—'}；预测 ${r.params.horizon} 年，比例窗口 ${r.params.window} 年；入学年级：${r.params.entry === 'births' ? '出生人口 × 入学比例' : '窗口平均'}；班额标准 小学 ${r.params.classSize.primary} 人、初中 ${r.params.classSize.junior} 人（${r.params.standard.name}）`,
    `Method ${r.method} (Junheng ${r.version}); base year ${base ?? '—'}; ${r.params.horizon} years ahead, ratio window ${r.params.window} years; entry grade: ${r.params.entry === 'births' ? 'births × entry ratio' : 'window mean'}; class sizes primary ${r.params.classSize.primary}, junior ${r.params.classSize.junior} (${r.params.standard.nameEn})`,
  );

  const sheet = (name: string, heading: string, head: Col[], rows: Cell[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([heading]).font = { bold: true, size: 14 };
    ws.addRow([paramsLine]).font = { color: GREY };
    ws.addRow([]);
    const h = ws.addRow(head.map((x) => x[0]));
    h.eachCell((c) => {
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    h.height = 36;
    for (const values of rows) {
      const row = ws.addRow(values.map((v) => v ?? '—'));
      head.forEach(([, kind], j) => {
        if (kind !== 'text' && typeof values[j] === 'number') row.getCell(j + 1).numFmt = FMT[kind];
      });
    }
    head.forEach(([, , w], j) => (ws.getColumn(j + 1).width = w));
    ws.views = [{ state: 'frozen', ySplit: 4 }];
    return ws;
  };

  // 说明
  const about = wb.addWorksheet(t('说明', 'About'));
  about.getColumn(1).width = 120;
  const bt = r.backtest;
  const lines: [string, boolean?][] = [
    [title('说明', 'about'), true],
    [paramsLine],
    [
      t(
        `数据来源：${r.source === 'file' ? `上传文件 ${r.fileName ?? ''}` : '学校名录中的在校生数'}`,
        `Data: ${r.source === 'file' ? `uploaded file ${r.fileName ?? ''}` : 'the registry’s enrolments'}`,
      ),
    ],
    ...(r.source === 'registry'
      ? [
          [
            t(
              '只预测义务教育 1–9 年级（本方法为义务教育阶段而定）：完全中学、十二年一贯制学校的高中年级（10–12 年级）不在预测之内，完全中学的入学年级为七年级。',
              'Only the compulsory grades 1–9 are forecast (the method is published for compulsory education): the senior grades (10–12) of 完全中学 and 十二年一贯制 schools are left out, and a 完全中学’s entry grade is 7.',
            ),
          ] as [string],
        ]
      : []),
    [''],
    [t('方法', 'Method'), true],
    [
      t(
        '年级升级比例法（队列存活）：各校各年级的升级比例取窗口内 本年该年级人数 ÷ 上年低一年级人数 的平均；本校没有时用全县比例，再没有时取 1。入学年级取窗口内的平均人数（或出生人口 × 入学比例），加上新建住宅带来的适龄儿童。',
        'Grade-progression ratios (cohort survival): each grade’s ratio is the mean over the window of this year’s grade ÷ last year’s grade below, the district’s where the school has none, else 1. The entry grade is the window mean (or births × the entry ratio), plus the children of new housing.',
      ),
    ],
    [
      t(
        `所需班数 = 各年级 ⌈学生数 ÷ 班额标准⌉ 之和；教室缺口 = 所需班数 − 普通教室数（不为负）；学位缺口 = 教室缺口 × 标准班额。教室数未填写时以基准年实际班数代替（已标明）。保持现有教室时至少一个班达到 ${r.params.classSize.large} 人即标为大班额风险，达到 ${r.params.classSize.huge} 人为超大班额风险。`,
        `Classes needed = Σ over grades of ⌈students ÷ class-size standard⌉; classroom shortfall = classes − classrooms (not below 0); seat shortfall = classroom shortfall × the standard class size. Where the classrooms are not recorded, the base year’s classes stand in (marked). Keeping the rooms as they are forces a class of ${r.params.classSize.large}+ (large) or ${r.params.classSize.huge}+ (very large) where flagged.`,
      ),
    ],
    [
      t(
        '新建/扩建需求：每个片区（乡镇）和学段，取预测期内各校教室缺口之和最大的一年，给出需新增的班数与学位；同片区其他学校的富余教室单列，不抵减。',
        'New or enlarged schools: per catchment (township) and level, the forecast year in which the schools’ shortfalls add up to the most, with the classes and seats to add; spare rooms in the catchment’s other schools are listed beside it, not netted.',
      ),
    ],
    [''],
    [t('回测', 'Backtest'), true],
    bt.available
      ? [
          t(
            `留出最近 ${bt.holdout} 年（以 ${bt.baseYear} 年为基准预测）：平均绝对百分比误差（MAPE）${formatPercent(bt.mape)}，“与上年相同”的简单预测 ${formatPercent(bt.naiveMape)}。不确定区间覆盖回测中 ${Math.round(r.params.coverage * 100)}% 的学校误差。`,
            `Holding out the last ${bt.holdout} years (forecast from ${bt.baseYear}): MAPE ${formatPercent(bt.mape)}, against ${formatPercent(bt.naiveMape)} for the naive "same as last year". The band covers ${Math.round(r.params.coverage * 100)}% of the schools’ backtest errors.`,
          ),
        ]
      : [t(`无法回测：${half(bt.reason, 'zh')}`, `No backtest: ${half(bt.reason, 'en')}`)],
  ];
  lines.forEach(([text, bold], i) => {
    if (bold) about.addRow([text]).font = { bold: true, size: i === 0 ? 14 : 12 };
    else about.addRow([text]);
  });
  about.getColumn(1).alignment = { wrapText: true, vertical: 'top' };

  const aggHead = (first: Col[]): Col[] => [
    ...first,
    [t('年份', 'Year'), 'text', 8],
    [t('类型', 'Kind'), 'text', 8],
    [t('在校生', 'Students'), 'students', 11],
    [t('区间下限', 'Band low'), 'students', 11],
    [t('区间上限', 'Band high'), 'students', 11],
    [t('所需班数', 'Classes needed'), 'count', 10],
    [t('普通教室', 'Classrooms'), 'count', 10],
    [t('教室缺口', 'Classroom shortfall'), 'count', 10],
    [t('学位缺口', 'Seat shortfall'), 'count', 10],
    [t('超容量学校', 'Schools over capacity'), 'count', 10],
    [t('大班额风险学校', 'Schools forced into large classes'), 'count', 12],
  ];
  const aggRows = (a: ForecastAggregate, first: Cell[]): Cell[][] => [
    ...a.history.map((h) => [...first, h.year, t('实际', 'actual'), h.students, null, null, null, null, null, null, null, null]),
    ...a.forecast.map((f) => [
      ...first,
      f.year,
      t('预测', 'forecast'),
      f.students,
      f.band?.low ?? null,
      f.band?.high ?? null,
      f.classes,
      f.classrooms,
      f.shortfall,
      f.seatShortfall,
      f.overCapacity,
      f.largeClass,
    ]),
  ];
  const of = (kind: ForecastAggregate['kind']) => r.aggregates.filter((a) => a.kind === kind);
  sheet(
    t(term.zh, zh ? term.zh : `Whole ${term.en}`),
    title(term.zh, `whole ${term.en}`),
    aggHead([]),
    of('district').flatMap((a) => aggRows(a, [])),
  );
  sheet(
    t('学段', 'Levels'),
    title('各学段', 'per school level'),
    aggHead([
      [t('学段', 'Level'), 'text', 14],
      [t('学校数', 'Schools'), 'count', 8],
    ]),
    of('level').flatMap((a) => aggRows(a, [level(a.key), a.schools])),
  );
  sheet(
    t('片区', 'Catchments'),
    title('各片区（乡镇）', 'per catchment (township)'),
    aggHead([
      [t('乡镇', 'Township'), 'text', 16],
      [t('学校数', 'Schools'), 'count', 8],
    ]),
    of('catchment').flatMap((a) => aggRows(a, [township(a.key), a.schools])),
  );

  const stockSource = (s: ForecastReport['schools'][number]) =>
    s.classroomsSource === 'recorded'
      ? t('已填写', 'recorded')
      : s.classroomsSource === 'base-year-classes'
        ? t('未填写，以基准年班数代替', 'not recorded: base year’s classes')
        : t('未知', 'unknown');
  sheet(
    t('学校', 'Schools'),
    title('各校', 'per school'),
    [
      [t('学校代码', 'Code'), 'text', 13],
      [t('学校', 'School'), 'text', 26],
      [t('学段', 'Level'), 'text', 12],
      [t('城乡', 'Location'), 'text', 8],
      [t('乡镇', 'Township'), 'text', 12],
      [t('普通教室', 'Classrooms'), 'count', 9],
      [t('教室数来源', 'Classrooms from'), 'text', 18],
      [t(`${base ?? ''} 年实际在校生`, `Students ${base ?? ''} (actual)`), 'students', 12],
      [t('年份', 'Year'), 'text', 8],
      [t('预测在校生', 'Forecast students'), 'students', 11],
      [t('区间下限', 'Band low'), 'students', 10],
      [t('区间上限', 'Band high'), 'students', 10],
      [t('所需班数', 'Classes needed'), 'count', 9],
      [t('教室缺口', 'Classroom shortfall'), 'count', 9],
      [t('学位缺口', 'Seat shortfall'), 'count', 9],
      [t('超容量', 'Over capacity'), 'text', 8],
      [t('大班额风险', 'Forced large classes'), 'text', 10],
      [t('回测 MAPE', 'Backtest MAPE'), 'rate', 10],
      [t('简单预测 MAPE', 'Naive MAPE'), 'rate', 10],
    ],
    r.schools.flatMap((s) => {
      const now = s.history.find((h) => h.year === base)?.students ?? null;
      return s.forecast.map((f) => [
        s.code,
        s.name,
        level(s.level),
        location(s.location),
        s.township,
        s.classrooms,
        stockSource(s),
        now,
        f.year,
        f.students,
        f.band?.low ?? null,
        f.band?.high ?? null,
        f.classes,
        f.shortfall,
        f.seatShortfall,
        yn(f.overCapacity),
        large(f.largeClass),
        s.backtest?.mape ?? null,
        s.backtest?.naiveMape ?? null,
      ]);
    }),
  );
  sheet(
    t('年级', 'Grades'),
    title('各校各年级', 'per school and grade'),
    [
      [t('学校代码', 'Code'), 'text', 13],
      [t('学校', 'School'), 'text', 26],
      [t('年份', 'Year'), 'text', 8],
      [t('年级', 'Grade'), 'text', 6],
      [t('类型', 'Kind'), 'text', 8],
      [t('在校生', 'Students'), 'students', 10],
      [t('班数', 'Classes'), 'count', 8],
      [t('升级比例', 'Progression ratio'), 'ratio', 10],
    ],
    r.schools.flatMap((s) => {
      const ratio = new Map(s.ratios.map((x) => [x.grade, x.ratio]));
      return [
        ...s.baseGrades.map((g): Cell[] => [s.code, s.name, base, g.grade, t('实际', 'actual'), g.students, g.classes, null]),
        ...s.forecast.flatMap((f) => f.grades.map((g): Cell[] => [s.code, s.name, f.year, g.grade, t('预测', 'forecast'), g.students, g.classes, ratio.get(g.grade) ?? null])),
      ];
    }),
  );
  sheet(
    t('新建扩建需求', 'New places'),
    title('新建/扩建需求（各片区、各学段）', 'what new or enlarged schools must provide (per catchment and level)'),
    [
      [t('乡镇', 'Township'), 'text', 16],
      [t('学段', 'Level'), 'text', 12],
      [t('缺口最大年份', 'Peak year'), 'text', 10],
      [t('需新增班数', 'Classes to add'), 'count', 10],
      [t('需新增学位', 'Seats to add'), 'count', 10],
      [t('同片区其他学校富余教室', 'Spare rooms elsewhere in the catchment'), 'count', 14],
      [t('缺口学校', 'Schools short'), 'text', 60],
    ],
    r.needs.map((n) => [
      township(n.township),
      level(n.level),
      n.peakYear,
      n.classes,
      n.seats,
      n.spareElsewhere,
      n.schools.map((s) => t(`${s.name}（${s.classes} 个班，${s.seats} 个学位）`, `${s.name} (${s.classes} classes, ${s.seats} seats)`)).join(t('；', '; ')),
    ]),
  );
  sheet(
    t('回测', 'Backtest'),
    bt.available ? title(`回测（留出 ${bt.holdout} 年，基准 ${bt.baseYear} 年）`, `backtest (holding out ${bt.holdout} years from ${bt.baseYear})`) : title('回测', 'backtest'),
    [
      [t('学校代码', 'Code'), 'text', 13],
      [t('学校', 'School'), 'text', 26],
      [t('预测 MAPE', 'Forecast MAPE'), 'rate', 12],
      [t('“与上年相同” MAPE', 'Naive MAPE'), 'rate', 14],
    ],
    [
      [t(term.zh, `Whole ${term.en}`), null, bt.mape, bt.naiveMape],
      ...bt.steps.map((s): Cell[] => [t(`第 ${s.step} 年（${s.year}，${s.n} 所）`, `Step ${s.step} (${s.year}, ${s.n} schools)`), null, s.mape, s.naiveMape]),
      ...r.schools.map((s): Cell[] => [s.code, s.name, s.backtest?.mape ?? null, s.backtest?.naiveMape ?? null]),
    ],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One half of a "中文 / English" message. */
function half(text: string | null, lang: 'zh' | 'en'): string {
  if (!text) return '';
  const i = text.indexOf(' / ');
  if (i < 0) return text;
  return lang === 'en' ? text.slice(i + 3) : text.slice(0, i);
}
