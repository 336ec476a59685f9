// Every school of a forecast in the year shown: base-year actual, forecast with its band, change, classes needed
// against the classroom stock (marked when the base year's classes stand in), shortfall, flags (over capacity,
// 大班额 / 超大班额 forced by the rooms) and the school's backtest error. Sortable; a row opens its grades: the
// progression ratio with its source, the base year, and students and classes of every forecast year.
import { useMemo, useState } from 'react';
import { Checkbox, Flex, Grid, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import { FORECAST_FIGURES, type ForecastReport, type ForecastSchool } from '../../../../../src/planning/forecast/contract.js';
import type { ForecastT } from './i18n.js';

type YearOf = ForecastSchool['forecast'][number];

export function SchoolTable({
  r,
  year,
  t,
  level,
  township,
  gradeName,
}: {
  r: ForecastReport;
  year: number;
  t: ForecastT;
  level: (s: string | null) => string;
  township: (s: string | null) => string;
  gradeName: (g: number) => string;
}) {
  const narrow = !Grid.useBreakpoint().md;
  const [search, setSearch] = useState('');
  const [flagged, setFlagged] = useState(false);
  const base = r.baseYear!;
  const at = (s: ForecastSchool): YearOf => s.forecast.find((f) => f.year === year)!;
  const now = (s: ForecastSchool) => s.history.find((h) => h.year === base)?.students ?? null;
  const change = (s: ForecastSchool) => {
    const b = now(s);
    return b ? (at(s).students - b) / b : null;
  };
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return r.schools.filter((s) => (!q || s.name.toLowerCase().includes(q) || s.code.includes(q)) && (!flagged || s.forecast.some((f) => (f.shortfall ?? 0) > 0 || f.largeClass)));
  }, [r.schools, search, flagged]);
  const num = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);
  const right = 'right' as const;
  const large = r.params.classSize;

  const flags = (f: YearOf) => (
    <Flex gap={2} wrap>
      {f.overCapacity && (
        <Tooltip title={t('flagOverHelp')}>
          <Tag color="red">{t('flagOver')}</Tag>
        </Tooltip>
      )}
      {f.largeClass && (
        <Tooltip title={t('flagLargeHelp', { n: f.largeClass === 'huge' ? large.huge : large.large })}>
          <Tag color={f.largeClass === 'huge' ? 'magenta' : 'orange'}>{t(f.largeClass === 'huge' ? 'flagHuge' : 'flagLarge')}</Tag>
        </Tooltip>
      )}
    </Flex>
  );

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={t('search')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} data-testid="forecast-search" />
        <Checkbox checked={flagged} onChange={(e) => setFlagged(e.target.checked)} data-testid="forecast-only-flagged">
          {t('onlyFlagged')}
        </Checkbox>
      </Flex>
      <Table<ForecastSchool>
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: narrow ? 760 : 1100 }}
        data-testid="forecast-school-table"
        expandable={{ expandedRowRender: (s) => <Grades s={s} r={r} t={t} gradeName={gradeName} /> }}
        columns={[
          {
            title: t('colSchool'),
            key: 'school',
            fixed: 'left' as const,
            width: narrow ? 130 : 210,
            sorter: (a, b) => a.code.localeCompare(b.code),
            render: (_: unknown, s) => (
              <div>
                <div>{s.name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.code}
                </Typography.Text>
              </div>
            ),
          },
          ...(narrow
            ? []
            : [
                { title: t('colLevel'), key: 'level', width: 90, render: (_: unknown, s: ForecastSchool) => level(s.level) },
                { title: t('colTownship'), key: 'township', width: 90, render: (_: unknown, s: ForecastSchool) => township(s.township) },
              ]),
          { title: t('colBase', { y: base }), key: 'base', align: right, width: 92, sorter: (a, b) => num(now(a), now(b)), render: (_: unknown, s) => formatNumber(now(s), 0) },
          {
            title: t('colForecast', { y: year }),
            key: 'forecast',
            align: right,
            width: 92,
            sorter: (a, b) => at(a).students - at(b).students,
            render: (_: unknown, s) => {
              const f = at(s);
              return f.band ? (
                <Tooltip title={t('bandTip', { low: formatNumber(f.band.low, 0), high: formatNumber(f.band.high, 0) })}>
                  <span style={{ borderBottom: '1px dotted' }}>{formatNumber(f.students, 0)}</span>
                </Tooltip>
              ) : (
                formatNumber(f.students, 0)
              );
            },
          },
          { title: t('colChange'), key: 'change', align: right, width: 92, sorter: (a, b) => num(change(a), change(b)), render: (_: unknown, s) => formatNumber(change(s), FORECAST_FIGURES.change) },
          { title: t('colClasses'), key: 'classes', align: right, width: 92, sorter: (a, b) => at(a).classes - at(b).classes, render: (_: unknown, s) => formatNumber(at(s).classes, 0) },
          {
            title: t('colRooms'),
            key: 'rooms',
            align: right,
            width: 92,
            sorter: (a, b) => num(a.classrooms, b.classrooms),
            render: (_: unknown, s) =>
              s.classroomsSource === 'recorded' ? (
                formatNumber(s.classrooms, 0)
              ) : s.classroomsSource === 'base-year-classes' ? (
                <Tooltip title={t('roomsFromClassesHelp', { y: base })}>
                  <span>
                    {formatNumber(s.classrooms, 0)} <Tag style={{ marginInlineEnd: 0 }}>{t('roomsFromClasses')}</Tag>
                  </span>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{t('roomsUnknown')}</Typography.Text>
              ),
          },
          {
            title: t('colShortfall'),
            key: 'shortfall',
            align: right,
            width: 92,
            sorter: (a, b) => num(at(a).shortfall, at(b).shortfall),
            render: (_: unknown, s) => {
              const v = at(s).shortfall;
              return <Typography.Text type={v ? 'danger' : undefined}>{formatNumber(v, 0)}</Typography.Text>;
            },
          },
          { title: t('colFlags'), key: 'flags', width: 150, render: (_: unknown, s) => flags(at(s)) },
          {
            title: t('colMape'),
            key: 'mape',
            align: right,
            width: 92,
            sorter: (a, b) => num(a.backtest?.mape ?? null, b.backtest?.mape ?? null),
            render: (_: unknown, s) =>
              s.backtest && s.backtest.mape !== null ? (
                <Tooltip title={t('mapeTip', { m: formatPercent(s.backtest.mape), n: formatPercent(s.backtest.naiveMape) })}>
                  <span style={{ borderBottom: '1px dotted' }}>{formatPercent(s.backtest.mape)}</span>
                </Tooltip>
              ) : (
                formatPercent(null)
              ),
          },
        ]}
      />
    </>
  );
}

interface GradeRow {
  key: string;
  label: string;
  ratio: ForecastSchool['ratios'][number] | null;
  base: { students: number; classes: number | null } | null;
  years: { students: number; classes: number }[];
  total?: boolean;
}

/** One school's grades: ratio and source, base year, each forecast year; the entry source per year above. */
function Grades({ s, r, t, gradeName }: { s: ForecastSchool; r: ForecastReport; t: ForecastT; gradeName: (g: number) => string }) {
  const grades = [...new Set([...s.baseGrades.map((g) => g.grade), ...s.forecast.flatMap((f) => f.grades.map((g) => g.grade))])].sort((a, b) => a - b);
  const rows: GradeRow[] = grades.map((g) => {
    const b = s.baseGrades.find((x) => x.grade === g);
    return {
      key: String(g),
      label: gradeName(g),
      ratio: s.ratios.find((x) => x.grade === g) ?? null,
      base: b ? { students: b.students, classes: b.classes } : null,
      years: s.forecast.map((f) => {
        const c = f.grades.find((x) => x.grade === g);
        return { students: c?.students ?? 0, classes: c?.classes ?? 0 };
      }),
    };
  });
  const baseClasses = s.baseGrades.every((g) => g.classes !== null) && s.baseGrades.length ? s.baseGrades.reduce((a, g) => a + (g.classes ?? 0), 0) : null;
  rows.push({
    key: 'total',
    label: t('totalRow'),
    ratio: null,
    base: { students: s.baseGrades.reduce((a, g) => a + g.students, 0), classes: baseClasses },
    years: s.forecast.map((f) => ({ students: f.students, classes: f.classes })),
    total: true,
  });
  const sourceWord = { school: t('ratioSchool'), district: t('ratioDistrict'), default: t('ratioDefault') };
  const cell = (v: { students: number; classes: number | null } | null) =>
    v ? t('studentsClasses', { n: formatNumber(v.students, 0), c: v.classes === null ? formatNumber(null, 0) : formatNumber(v.classes, 0) }) : formatNumber(null, 0);
  return (
    <div data-testid={`forecast-grades-${s.code}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('entryRow')}：
        {s.forecast
          .map((f) => `${f.year} ${t(f.entry.source === 'births' ? 'entryBirthsShort' : 'entryMeanShort')}${f.entry.housing ? ` ${t('housingShort', { n: formatNumber(f.entry.housing, 0) })}` : ''}`)
          .join(t('listSep'))}
      </Typography.Text>
      <Table<GradeRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 200 + 110 * (s.forecast.length + 2) }}
        style={{ marginTop: 6 }}
        onRow={(g) => (g.total ? { style: { fontWeight: 600 } } : {})}
        columns={[
          { title: t('gradeCol'), dataIndex: 'label', key: 'label', fixed: 'left' as const, width: 80 },
          {
            title: t('ratioCol'),
            key: 'ratio',
            width: 130,
            render: (_: unknown, g) => (g.ratio ? t('ratioWith', { r: formatNumber(g.ratio.ratio, FORECAST_FIGURES.ratio), s: sourceWord[g.ratio.source] }) : ''),
          },
          { title: `${r.baseYear} ${t('historyRow')}`, key: 'base', align: 'right' as const, render: (_: unknown, g) => cell(g.base) },
          ...s.forecast.map((f, i) => ({
            title: String(f.year),
            key: String(f.year),
            align: 'right' as const,
            render: (_: unknown, g: GradeRow) => cell(g.years[i]),
          })),
        ]}
      />
    </div>
  );
}
