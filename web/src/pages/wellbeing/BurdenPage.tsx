// /wellbeing/burden — 作业与睡眠 (双减): a school year's written homework and sleep against the national limits (kept as
// data with their sources): the share of pupils over the homework limit and short of sleep, the means per grade
// against the limit, the distribution, the trend, the schools furthest over, and every school and grade (small cells
// withheld). The bureau imports surveys here; pupil rows open for those who may read them (audited).
import { useCallback, useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, List, Row as GridRow, Statistic, Typography } from 'antd';
import { API, download } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan, useMe } from '../../session.js';
import { useI18n } from '../../i18n.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ErrorResult } from '../../components/Problem.js';
import { formatNumber, formatPercent } from '../../../../src/core/format.js';
import { districtTerm } from '../../../../src/core/district-term.js';
import type { BurdenCellWire, BurdenReport } from '../../../../src/wellbeing/burden/contract.js';
import { useBurdenT, type BurdenT } from './burden/i18n.js';
import { DistributionChart, GradeChart, TrendChart } from './burden/Charts.js';
import { ImportCard } from './burden/ImportCard.js';
import { PupilsModal } from './burden/PupilsModal.js';
import { SchoolTable, treeOf } from './burden/SchoolTable.js';
import { YearPicker } from './YearPicker.js';
import { gradeLabel } from './grade-name.js';

/** The scope the KPIs and charts show: the district when it is not withheld, else the caller's one school, else the district (withheld). */
function scopeOf(data: BurdenReport | null | undefined): string | null {
  const cells = data?.cells ?? [];
  const district = cells.find((c) => c.school === null && c.grade === null);
  if (district && !district.suppressed) return null;
  const schools = [...new Set(cells.filter((c) => c.school !== null).map((c) => c.school))];
  return schools.length === 1 ? schools[0] : null;
}

export default function BurdenPage() {
  const t = useBurdenT();
  const { lang } = useI18n();
  const me = useMe();
  const can = useCan();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [pupilsOf, setPupilsOf] = useState<{ code: string; name: string } | null>(null);
  const report = useCall(API.burden.report, { query: { year } });
  const data = report.data;
  const term = districtTerm(me.districtName);
  const districtLabel = lang === 'en' ? `The ${term.en}` : term.zh;
  const gradeName = useCallback((g: number) => gradeLabel(g, lang, (n) => t('grade', { g: n })), [lang, t]);
  const rows = useMemo(() => (data ? treeOf(data.cells, districtLabel, gradeName, t) : []), [data, districtLabel, gradeName, t]);
  const scope = scopeOf(data);
  const scopeCells = useMemo(() => (data?.cells ?? []).filter((c) => c.school === scope), [data, scope]);
  const top = scopeCells.find((c) => c.grade === null && c.sex === null);
  const scopeName = scope === null ? districtLabel : (top?.schoolName ?? scope);
  const trend = useMemo(() => (data?.trend ?? []).filter((p) => p.school === scope), [data, scope]);

  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  const years = data?.years ?? [];
  const min = data?.minCellSize ?? 10;
  const sourceTitle = (key: string) => {
    const s = data?.limits.sources.find((x) => x.key === key);
    return s ? (lang === 'en' ? s.titleEn : s.title) : key;
  };

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          years.length > 0 && (
            <>
              <YearPicker label={t('year')} years={years} value={data?.year} onChange={setYear} format={(y) => t('yearLabel', { y, y1: y + 1 })} testId="burden-year" />
              <DownloadButton get={() => download(API.burden.reportXlsx, { query: { year: data?.year ?? undefined } }, `burden-${data?.year ?? ''}.xlsx`)} data-testid="burden-export">
                {t('export')}
              </DownloadButton>
            </>
          )
        }
      />
      {can('wellbeing.manage') && <ImportCard key={data?.year ?? 'none'} t={t} defaultYear={data?.year ?? null} onDone={(y) => (setYear(y), report.reload())} />}
      {data?.fromTallies && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('fromTallies')} data-testid="burden-from-tallies" />}
      {data && data.year === null ? (
        <Card>
          <Empty description={t('noData')} />
        </Card>
      ) : (
        <>
          <Kpis t={t} cell={top} scopeName={scopeName} min={min} />
          <GridRow gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('chartHomework')} extra={<Typography.Text type="secondary">{scopeName}</Typography.Text>}>
                <GradeChart kind="homework" cells={scopeCells} t={t} gradeName={gradeName} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('chartSleep')} extra={<Typography.Text type="secondary">{scopeName}</Typography.Text>}>
                <GradeChart kind="sleep" cells={scopeCells} t={t} gradeName={gradeName} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('distTitle')} extra={<Typography.Text type="secondary">{scopeName}</Typography.Text>}>
                <GridRow gutter={[12, 12]}>
                  <Col xs={24} md={12}>
                    {top?.homeworkSuppressed ? (
                      <Typography.Text type="secondary">{t('withheld', { n: min })}</Typography.Text>
                    ) : (
                      <DistributionChart kind="homework" cell={top} labels={data?.limits.homeworkBands ?? []} t={t} />
                    )}
                  </Col>
                  <Col xs={24} md={12}>
                    {top?.sleepSuppressed ? (
                      <Typography.Text type="secondary">{t('withheld', { n: min })}</Typography.Text>
                    ) : (
                      <DistributionChart kind="sleep" cell={top} labels={data?.limits.sleepBands ?? []} t={t} />
                    )}
                  </Col>
                </GridRow>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('worstTitle')} data-testid="burden-worst">
                <List
                  size="small"
                  dataSource={data?.worst ?? []}
                  locale={{ emptyText: t('worstNone') }}
                  renderItem={(c: BurdenCellWire, i) => (
                    <List.Item>
                      <Typography.Text ellipsis style={{ maxWidth: '65%' }}>
                        {i + 1}. {c.schoolName ?? c.school}
                      </Typography.Text>
                      <Typography.Text strong>{formatPercent(c.overShare)}</Typography.Text>
                    </List.Item>
                  )}
                />
                {trend.length > 1 && (
                  <>
                    <Typography.Text type="secondary">{t('trendTitle')}</Typography.Text>
                    <TrendChart points={trend} t={t} />
                  </>
                )}
              </Card>
            </Col>
          </GridRow>
          <Card size="small" title={t('tableTitle')} style={{ marginBottom: 12 }}>
            <SchoolTable
              rows={rows}
              t={t}
              min={min}
              loading={report.loading}
              canPupils={(s) => data?.year != null && can('wellbeing.pupils', s)}
              onPupils={(r) => setPupilsOf({ code: r.school!, name: r.label })}
            />
          </Card>
          {data && <Limits data={data} t={t} sourceTitle={sourceTitle} lang={lang} />}
        </>
      )}
      {pupilsOf && data?.year != null && <PupilsModal t={t} school={pupilsOf} year={data.year} gradeName={gradeName} onClose={() => setPupilsOf(null)} />}
    </div>
  );
}

function Kpis({ t, cell, scopeName, min }: { t: BurdenT; cell: BurdenCellWire | undefined; scopeName: string; min: number }) {
  const wh = cell?.homeworkSuppressed ?? false;
  const ws = cell?.sleepSuppressed ?? false;
  const items: { key: string; title: string; value: string; sub: string }[] = [
    { key: 'over', title: t('kpiOver'), value: wh ? formatPercent(null) : formatPercent(cell?.overShare ?? null), sub: t('kpiOf', { n: formatNumber(cell?.homeworkAnswered ?? 0, 0) }) },
    { key: 'short', title: t('kpiShort'), value: ws ? formatPercent(null) : formatPercent(cell?.sleepShortShare ?? null), sub: t('kpiOf', { n: formatNumber(cell?.sleepAnswered ?? 0, 0) }) },
    {
      key: 'meanHw',
      title: t('kpiMeanHw'),
      value: `${formatNumber(wh ? null : (cell?.meanHomework ?? null), 1)} ${t('minutes')}`,
      sub: wh ? t('withheld', { n: min }) : t('kpiScope', { scope: scopeName }),
    },
    {
      key: 'meanSleep',
      title: t('kpiMeanSleep'),
      value: `${formatNumber(ws ? null : (cell?.meanSleep ?? null), 2)} ${t('hours')}`,
      sub: ws ? t('withheld', { n: min }) : t('kpiScope', { scope: scopeName }),
    },
  ];
  return (
    <GridRow gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {items.map((k) => (
        <Col xs={12} lg={6} key={k.key}>
          <Card size="small" data-testid={`burden-kpi-${k.key}`}>
            <Statistic title={k.title} value={k.value} valueStyle={{ fontSize: 22 }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {k.sub}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </GridRow>
  );
}

function Limits({ data, t, sourceTitle, lang }: { data: BurdenReport; t: BurdenT; sourceTitle: (key: string) => string; lang: string }) {
  const rules = [...data.limits.homework, ...data.limits.sleep];
  const sources = [...new Set(rules.map((r) => r.source))];
  return (
    <Card size="small" title={t('limitsTitle')} data-testid="burden-limits">
      <ul style={{ paddingLeft: 18, margin: 0 }}>
        {rules.map((r, i) => (
          <li key={i}>
            <Typography.Text>
              {lang === 'en' ? `Grades ${r.grades[0]}–${r.grades[r.grades.length - 1]}: ${r.rule_en}` : `${r.grades[0]}–${r.grades[r.grades.length - 1]} 年级：${r.rule_zh}`}
            </Typography.Text>
          </li>
        ))}
      </ul>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('limitsExact')} {t('limitsPack', { id: data.limits.id, v: data.limits.version })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('limitsSources')}：
        {sources.map((s, i) => {
          const src = data.limits.sources.find((x) => x.key === s);
          return (
            <span key={s}>
              {i > 0 && (lang === 'en' ? '; ' : '；')}
              {src?.official ? (
                <a href={src.official} target="_blank" rel="noreferrer">
                  {sourceTitle(s)}
                </a>
              ) : (
                sourceTitle(s)
              )}
              {src?.issued ? (lang === 'en' ? ` (${src.issued})` : `（${src.issued}）`) : ''}
            </span>
          );
        })}
      </Typography.Paragraph>
    </Card>
  );
}
