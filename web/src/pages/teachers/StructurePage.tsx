// /teachers — 教师队伍结构 (the 教师队伍 landing page): for a school year that has a roster, the district's key figures
// (full-time teachers, 骨干 share against 30 %, postgraduate share against 5 %, the student-weighted 差异系数), the age
// bands and the 骨干 share by school as charts, every school the user may see with its structure, the 梯队 against its
// targets, every 差异系数, the schools without a roster, the targets pack and its sources; the workbook.
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Space, Typography } from 'antd';
import { API, download } from '../../client.js';
import { useCall } from '../../hooks.js';
import { holds, useLabels, useMe, yearLabel } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ErrorResult } from '../../components/Problem.js';
import { useI18n } from '../../i18n.js';
import { useYear } from '../../year.js';
import { districtTerm } from '../../../../src/core/district-term.js';
import { formatNumber } from '../../../../src/core/format.js';
import { STRUCTURE_FIGURES, type StructureReport } from '../../../../src/teachers/structure/contract.js';
import { AgeChart, BackboneChart } from './structure/Charts.js';
import { CvTable } from './structure/CvTable.js';
import { Kpis } from './structure/Kpis.js';
import { SchoolTable } from './structure/SchoolTable.js';
import { TierTable } from './structure/TierTable.js';
import { useStructureT, type StructureT } from './structure/i18n.js';

export default function StructurePage() {
  const t = useStructureT();
  const { lang } = useI18n();
  const me = useMe();
  // The year is the app's (the header's, kept in the URL): choosing one here chooses it there too.
  const { year, setYear } = useYear();
  const years = useCall(API.structure.years, {}, { silent: true });
  const report = useCall(API.structure.report, { query: { year } }, { silent: true });
  const r = report.data;
  const newest = years.data?.years[0];
  const options = [...new Set([...(years.data?.years ?? []), year])].sort((a, b) => b - a);

  const yearSelect = (
    <Space size={6}>
      <Typography.Text type="secondary">{t('year')}</Typography.Text>
      <Select
        value={year}
        onChange={(y: number) => setYear(y)}
        options={options.map((y) => ({ value: y, label: yearLabel(y, lang) }))}
        style={{ width: 150 }}
        loading={!years.data}
        aria-label={t('year')}
        data-testid="structure-year"
      />
    </Space>
  );

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            {yearSelect}
            {r && r.district.schools > 0 && (
              <DownloadButton get={() => download(API.structure.export, { query: { year: r.year, lang } }, `教师队伍结构-${r.year}.xlsx`)} data-testid="structure-export">
                {t('export')}
              </DownloadButton>
            )}
          </>
        }
      />
      {report.error ? (
        <ErrorResult error={report.error} onRetry={report.reload} />
      ) : !r ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : r.district.schools === 0 ? (
        <Card>
          <Empty description={r.years.length ? t('noRosterYear', { y: yearLabel(r.year, lang) }) : t('noRosterYears')} data-testid="structure-empty">
            {newest !== undefined && newest !== year && (
              <Button type="primary" onClick={() => setYear(newest)} data-testid="structure-newest">
                {t('showNewest', { y: yearLabel(newest, lang) })}
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        <StructureView r={r} t={t} scoped={!holds(me, 'teachers.read', ['all', 'aggregates'])} districtName={me.districtName} />
      )}
    </div>
  );
}

function StructureView({ r, t, scoped, districtName }: { r: StructureReport; t: StructureT; scoped: boolean; districtName: string }) {
  const { lang, pick } = useI18n();
  const labels = useLabels();
  const term = districtTerm(districtName);
  const termWord = lang === 'en' ? term.en : term.zh;
  const d = r.district;
  const others = d.withoutRoster - r.withoutRoster.length;
  const y = yearLabel(r.year, lang);
  const share = (v: number) => formatNumber(v, STRUCTURE_FIGURES.share);
  return (
    <div>
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }} size={8}>
        {r.withoutRoster.length > 0 && (
          <Alert type="warning" showIcon message={t('withoutRoster', { y, names: r.withoutRoster.map((s) => s.name).join(t('listSep')) })} data-testid="structure-without-roster" />
        )}
        {others > 0 && <Alert type="info" showIcon message={t('withoutRosterCount', { term: termWord, n: others })} />}
        {scoped && <Alert type="info" showIcon message={t('scopeNote', { term: termWord })} />}
      </Space>
      <Kpis r={r} t={t} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('chartAge')}>
            <AgeChart schools={r.schools} t={t} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('chartBackbone')}>
            <BackboneChart schools={r.schools} target={r.targets.backboneShare} t={t} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('schoolsTitle')} style={{ marginBottom: 12 }}>
        <SchoolTable schools={r.schools} district={d} districtLabel={t('districtRow', { term: termWord })} t={t} level={labels.level} />
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('tiersTitle')} style={{ height: '100%' }}>
            <TierTable tiers={r.tiers} t={t} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {t('tiersNote', { term: termWord, src: r.targets.sources.tiers })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('cvTitle')} style={{ height: '100%' }}>
            <CvTable cvs={r.cvs} t={t} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {t('cvNote', { a: d.withoutStudents, b: d.withoutFullTime })}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('sourcesTitle')}>
        <Flex vertical gap={4} style={{ fontSize: 12 }} data-testid="structure-sources">
          <Typography.Text type="secondary">{t('pack', { name: pick(r.targets.nameZh, r.targets.nameEn), id: r.targets.id, v: r.targets.version })}</Typography.Text>
          <Typography.Text type="secondary">
            {t('kpiBackbone')} ≥ {share(r.targets.backboneShare)}（{r.targets.backboneLevels.join(t('listSep'))}）：{r.targets.sources.backboneShare}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('kpiPostgraduate')} ≥ {share(r.targets.postgraduateShare)}：{r.targets.sources.postgraduateShare}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('tiersTitle')}：{r.targets.sources.tiers}
          </Typography.Text>
        </Flex>
      </Card>
    </div>
  );
}
