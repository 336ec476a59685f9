// /wellbeing — 学生健康: the fitness results of a school year (体质健康测试) — 达标率 / 优良率 / 优秀率 / mean total per
// district, school, grade and sex against the target (the district's own or the default), the trend over years, the
// schools furthest below the target, per-item figures, the distribution of totals, which grades the standard's tables
// could not score, and which tables rest on one source; the bureau imports the results here. Pupil rows (and their
// .xlsx) only for holders of 'wellbeing.pupils' for the school. Every figure goes through the one number formatter
// (src/core/format.ts); withheld cells (small cells) show as such.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Modal, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { API, download, upload } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan, useMe } from '../../session.js';
import { useI18n } from '../../i18n.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { formatNumber, formatPercent, formatRunTime } from '../../../../src/core/format.js';
import { districtTerm } from '../../../../src/core/district-term.js';
import type { FitnessCellWire, FitnessReport } from '../../../../src/wellbeing/contract.js';
import { useWbT, type WbT } from './i18n.js';
import { BelowTargetPanel, DistributionPanel, ItemsPanel, TrendPanel } from './fitness/panels.js';
import { ImportCard } from './ImportCard.js';
import { YearPicker } from './YearPicker.js';
import { gradeLabel } from './grade-name.js';

type Row = FitnessCellWire & { key: string; label: string; children?: Row[] };

export default function FitnessPage() {
  const t = useWbT();
  const { lang } = useI18n();
  const me = useMe();
  const can = useCan();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [focus, setFocus] = useState<string | undefined>(undefined);
  const [pupilsOf, setPupilsOf] = useState<{ code: string; name: string } | null>(null);
  const report = useCall(API.wellbeing.fitnessReport, { query: { year, school: focus } });
  const data = report.data;
  const term = districtTerm(me.districtName);
  const districtLabel = lang === 'en' ? term.en : term.zh;
  const gradeName = (g: number) => gradeLabel(g, lang, (n) => t('grade', { g: n }));
  const sexName = (s: 'M' | 'F') => t(s === 'M' ? 'sexM' : 'sexF');
  const rows = useMemo(() => (data ? treeOf(data, districtLabel, gradeName, t) : []), [data, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const grades = useMemo(() => new Set((data?.cells ?? []).map((c) => c.grade).filter((g): g is number => g !== null)), [data]);

  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  const years = data?.years ?? [];
  const itemList = (items: string[]) => items.map((i) => data?.itemNames[i] ?? i).join('、');
  const notFound = (data?.notFound ?? []).filter((n) => grades.size === 0 || grades.has(n.grade));
  const unconfirmed = (data?.unconfirmed ?? []).filter((u) => grades.size === 0 || grades.has(u.grade));
  const byGradeSex = <T extends { grade: number; sex: 'M' | 'F' }>(list: T[], items: (x: T[]) => string) => {
    const groups = new Map<string, T[]>();
    for (const x of list) groups.set(`${x.grade}-${x.sex}`, [...(groups.get(`${x.grade}-${x.sex}`) ?? []), x]);
    return [...groups.values()].map((g) => `${gradeName(g[0].grade)}${sexName(g[0].sex)}（${items(g)}）`).join('；');
  };

  return (
    <div data-testid="wellbeing-page">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={years.length > 0 && <YearPicker label={t('year')} years={years} value={data?.year} onChange={setYear} format={(y) => t('yearLabel', { y, y1: y + 1 })} testId="wellbeing-year" />}
      />
      {can('wellbeing.manage') && (
        <ImportCard
          key={data?.year ?? 'none'}
          t={t}
          testId="wellbeing"
          defaultYear={data?.year ?? null}
          send={async (y, f) => {
            const res = await upload(API.wellbeing.fitnessImport, { query: { year: y } }, f, f.name, { silent: true });
            return t('imported', { n: formatNumber(res.imported, 0), s: formatNumber(res.scored, 0) });
          }}
          onDone={(y) => (setYear(y), report.reload())}
        />
      )}
      {data && notFound.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('notFoundTitle')}
          description={t('notFoundText', { list: byGradeSex(notFound, (g) => itemList(g.flatMap((x) => x.items))) })}
          data-testid="wellbeing-not-found"
        />
      )}
      {data && unconfirmed.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('unconfirmedTitle')}
          description={t('unconfirmedText', { list: byGradeSex(unconfirmed, (g) => itemList(g.map((x) => x.item))) })}
          data-testid="wellbeing-unconfirmed"
        />
      )}
      {data && data.purgedSchools.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            data.cells.filter((x) => x.school !== null && x.grade === null).every((x) => data.purgedSchools.includes(x.school!))
              ? t('purgedAll')
              : t('purgedNote', { list: data.purgedSchools.map((c) => data.cells.find((x) => x.school === c)?.schoolName ?? c).join('、') })
          }
          data-testid="wellbeing-purged"
        />
      )}
      <Card>
        {data && (
          <Space direction="vertical" size={2} style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="wellbeing-target">
              {t('target', { p: formatPercent(data.target.percent / 100, 0), source: lang === 'en' ? data.target.sourceEn : data.target.source })}{' '}
              <Tag color={data.target.local ? 'blue' : 'default'}>{t(data.target.local ? 'targetLocal' : 'targetDefault')}</Tag>
            </Typography.Text>
            <Typography.Text type="secondary">{t('packNote', { title: data.pack.title, v: data.pack.version })}</Typography.Text>
          </Space>
        )}
        {data && data.year === null ? (
          <Empty description={t('noData')} />
        ) : (
          <Tabs
            data-testid="wellbeing-tabs"
            items={[
              {
                key: 'cells',
                label: t('tabCells'),
                children: (
                  <Table<Row>
                    rowKey="key"
                    size="middle"
                    loading={report.loading}
                    dataSource={rows}
                    pagination={false}
                    scroll={{ x: 1000 }}
                    data-testid="wellbeing-table"
                    columns={[
                      ...columns(t, data?.minCellSize ?? 10),
                      {
                        title: '',
                        key: 'pupils',
                        render: (_: unknown, r: Row) =>
                          r.school !== null && r.grade === null && data?.year != null && can('wellbeing.pupils', r.school) ? (
                            <Button size="small" onClick={() => setPupilsOf({ code: r.school!, name: r.label })} data-testid={`wellbeing-pupils-${r.school}`}>
                              {t('pupils')}
                            </Button>
                          ) : null,
                      },
                    ]}
                  />
                ),
              },
              ...(data
                ? [
                    { key: 'trend', label: t('tabTrend'), children: <TrendPanel data={data} t={t} districtLabel={districtLabel} /> },
                    { key: 'below', label: t('tabBelow'), children: <BelowTargetPanel data={data} t={t} /> },
                    {
                      key: 'items',
                      label: t('tabItems'),
                      children: <ItemsPanel data={data} t={t} districtLabel={districtLabel} gradeName={gradeName} onScope={setFocus} loading={report.loading} />,
                    },
                    { key: 'dist', label: t('tabDist'), children: <DistributionPanel data={data} t={t} districtLabel={districtLabel} /> },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {pupilsOf && data?.year != null && <PupilsModal t={t} school={pupilsOf} year={data.year} gradeName={gradeName} onClose={() => setPupilsOf(null)} />}
    </div>
  );
}

function PupilsModal({ t, school, year, gradeName, onClose }: { t: WbT; school: { code: string; name: string }; year: number; gradeName: (g: number) => string; onClose: () => void }) {
  const r = useCall(API.wellbeing.fitnessStudents, { params: { code: school.code }, query: { year } });
  type Pupil = NonNullable<typeof r.data>['students'][number];
  // Every item any pupil of the school takes (grades take different items), in the order first met.
  const items = [...new Map((r.data?.students ?? []).flatMap((p) => p.items.map((i) => [i.item, { item: i.item, name: i.name, decimals: i.decimals, time: i.time }] as const))).values()];
  return (
    <Modal open width={1200} footer={null} onCancel={onClose} title={t('pupilsTitle', { school: school.name, y: year, y1: year + 1 })}>
      <Space wrap style={{ marginBottom: 8 }} align="center">
        <Typography.Text type="secondary">{t('pupilsNote')}</Typography.Text>
        <DownloadButton
          size="small"
          get={() => download(API.wellbeing.fitnessStudentsXlsx, { params: { code: school.code }, query: { year } }, `fitness-${school.code}-${year}.xlsx`)}
          data-testid="wellbeing-pupils-export"
        >
          {t('exportPupils')}
        </DownloadButton>
      </Space>
      {r.error ? (
        <ErrorResult error={r.error} onRetry={r.reload} />
      ) : (
        <Table<Pupil>
          rowKey="studentId"
          size="small"
          loading={r.loading}
          dataSource={r.data?.students ?? []}
          pagination={{ pageSize: 50 }}
          scroll={{ x: 1100 }}
          data-testid="wellbeing-pupils"
          columns={[
            { title: t('colId'), dataIndex: 'studentId', fixed: 'left' as const, width: 150 },
            { title: t('colGrade'), key: 'g', render: (_: unknown, p: Pupil) => gradeName(p.grade) },
            { title: t('colSex'), key: 's', render: (_: unknown, p: Pupil) => t(p.sex === 'M' ? 'boys' : 'girls') },
            ...items.map((it) => ({
              title: it.name,
              key: it.item,
              align: 'right' as const,
              render: (_: unknown, p: Pupil) => {
                const x = p.items.find((i) => i.item === it.item);
                if (!x) return formatNumber(null, 0);
                return <span style={{ whiteSpace: 'nowrap' }}>{`${it.time ? formatRunTime(x.value) : formatNumber(x.value, it.decimals)} / ${formatNumber(x.points, 0)}`}</span>;
              },
            })),
            { title: t('colStandard'), key: 'std', align: 'right' as const, render: (_: unknown, p: Pupil) => formatNumber(p.standard, 2) },
            { title: t('colBonus'), key: 'bonus', align: 'right' as const, render: (_: unknown, p: Pupil) => formatNumber(p.bonus, 0) },
            { title: t('colTotal'), key: 'total', align: 'right' as const, render: (_: unknown, p: Pupil) => formatNumber(p.total, 2) },
            {
              title: t('colLevel'),
              key: 'level',
              render: (_: unknown, p: Pupil) => p.level ?? (p.openReason === 'table-not-found' ? <Tag color="orange">{t('openTable')}</Tag> : <Tag>{t('openMissingOne')}</Tag>),
            },
          ]}
        />
      )}
    </Modal>
  );
}

function treeOf(data: FitnessReport, districtLabel: string, gradeName: (g: number) => string, t: WbT): Row[] {
  const cells = data.cells;
  const sub = (school: string | null): Row[] =>
    cells
      .filter((c) => c.school === school && c.grade !== null && c.sex === null)
      .map((g) => ({
        ...g,
        key: `${school ?? '*'}|${g.grade}`,
        label: gradeName(g.grade!),
        children: cells
          .filter((c) => c.school === school && c.grade === g.grade && c.sex !== null)
          .map((s) => ({ ...s, key: `${school ?? '*'}|${g.grade}|${s.sex}`, label: t(s.sex === 'M' ? 'boys' : 'girls') })),
      }));
  return cells.filter((c) => c.grade === null).map((c) => ({ ...c, key: c.school ?? '*', label: c.school === null ? districtLabel : (c.schoolName ?? c.school), children: sub(c.school) }));
}

function columns(t: WbT, min: number) {
  const rate = (k: 'passRate' | 'goodRate' | 'excellentRate') => (_: unknown, r: Row) =>
    r.suppressed ? (
      <Tooltip title={t('suppressed', { n: min })}>
        <Typography.Text type="secondary">{formatPercent(null)}</Typography.Text>
      </Tooltip>
    ) : (
      formatPercent(r[k])
    );
  return [
    { title: t('colSchool'), dataIndex: 'label', key: 'label', width: 220 },
    { title: t('colTested'), key: 'tested', align: 'right' as const, render: (_: unknown, r: Row) => formatNumber(r.tested, 0) },
    { title: t('colScored'), key: 'scored', align: 'right' as const, render: (_: unknown, r: Row) => formatNumber(r.scored, 0) },
    {
      title: t('colOpen'),
      key: 'open',
      render: (_: unknown, r: Row) => (
        <Space size={4} wrap>
          {r.tableNotFound > 0 && <Tag color="orange">{t('openNotFound', { n: formatNumber(r.tableNotFound, 0) })}</Tag>}
          {r.missingResult > 0 && <Tag>{t('openMissing', { n: formatNumber(r.missingResult, 0) })}</Tag>}
        </Space>
      ),
    },
    { title: t('colPass'), key: 'pass', align: 'right' as const, render: rate('passRate') },
    { title: t('colGood'), key: 'good', align: 'right' as const, render: rate('goodRate') },
    { title: t('colExcellent'), key: 'exc', align: 'right' as const, render: rate('excellentRate') },
    { title: t('colMean'), key: 'mean', align: 'right' as const, render: (_: unknown, r: Row) => (r.suppressed ? formatNumber(null, 1) : formatNumber(r.meanTotal, 1)) },
    {
      title: t('colTarget'),
      key: 'target',
      render: (_: unknown, r: Row) =>
        r.suppressed ? (
          <Tag>{t('suppressed', { n: min })}</Tag>
        ) : r.meetsTarget === null ? (
          formatNumber(null, 0)
        ) : (
          <Tag color={r.meetsTarget ? 'green' : 'red'}>{t(r.meetsTarget ? 'met' : 'notMet')}</Tag>
        ),
    },
  ];
}
