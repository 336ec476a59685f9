// /wellbeing/vision — 视力与近视: a school year's vision screening (筛查性近视, WS/T 663—2020) — the district's myopia rate,
// its change against the year before (target: down ≥ 0.5 points a year), how many results rest on acuity alone, the
// trend, each school's rate and change, the levels against the 2030 targets, grade × sex; the bureau and its health
// staff import the records here; pupil rows where the caller may read them. Every figure goes through the one number
// formatter; withheld cells (small cells) show as 人数过少.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { API, download, upload } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan, useMe, yearLabel } from '../../session.js';
import { useI18n } from '../../i18n.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ErrorResult } from '../../components/Problem.js';
import { districtTerm } from '../../../../src/core/district-term.js';
import type { VisionCellWire, VisionReport } from '../../../../src/wellbeing/vision/contract.js';
import { useVisionT, type VisionT } from './vision/i18n.js';
import { ChangeMet, count, gradeName as gradeNameOf, MetTag, pp, rate, TooFew } from './vision/shared.js';
import { TrendChart } from './vision/TrendChart.js';
import { PupilsModal } from './vision/PupilsModal.js';
import { ImportCard } from './ImportCard.js';
import { YearPicker } from './YearPicker.js';

type Level = '小学' | '初中';

export default function VisionPage() {
  const t = useVisionT();
  const { lang } = useI18n();
  const me = useMe();
  const can = useCan();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [pupilsOf, setPupilsOf] = useState<{ code: string; name: string } | null>(null);
  const report = useCall(API.vision.report, { query: { year } });
  const data = report.data;
  const term = districtTerm(me.districtName);
  const districtLabel = lang === 'en' ? `whole ${term.en}` : term.zh;
  const gradeName = (g: number) => gradeNameOf(g, lang, t);
  const levelName = (l: Level) => t(l === '小学' ? 'levelPrimary' : 'levelJunior');

  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  const years = data?.years ?? [];
  const shownYear = data?.year ?? null;

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          years.length > 0 && (
            <>
              <YearPicker label={t('year')} years={years} value={shownYear} onChange={setYear} format={(y) => yearLabel(y, lang)} testId="vision-year" />
              <DownloadButton get={() => download(API.vision.export, { query: { year: shownYear ?? undefined, lang } }, `vision-${shownYear}.xlsx`)} data-testid="vision-export">
                {t('export')}
              </DownloadButton>
            </>
          )
        }
      />
      {can('wellbeing.manage') && (
        <ImportCard
          key={shownYear ?? 'none'}
          t={t}
          testId="vision"
          defaultYear={shownYear}
          send={async (y, f) => {
            const res = await upload(API.vision.import, { query: { year: y } }, f, f.name, { silent: true });
            return t('imported', { n: count(res.imported), m: count(res.myopes), a: count(res.acuityOnly) });
          }}
          onDone={(y) => (setYear(y), report.reload())}
        />
      )}
      {!data ? (
        <Card loading />
      ) : shownYear === null ? (
        <Card>
          <Empty description={t('noData')} />
        </Card>
      ) : (
        <Body t={t} lang={lang} data={data} districtLabel={districtLabel} gradeName={gradeName} levelName={levelName} canPupils={(s) => can('wellbeing.pupils', s)} onPupils={setPupilsOf} />
      )}
      {pupilsOf && shownYear !== null && <PupilsModal t={t} school={pupilsOf} year={shownYear} yearText={yearLabel(shownYear, lang)} gradeName={gradeName} onClose={() => setPupilsOf(null)} />}
    </div>
  );
}

interface BodyProps {
  t: VisionT;
  lang: 'zh' | 'en';
  data: VisionReport;
  districtLabel: string;
  gradeName: (g: number) => string;
  levelName: (l: Level) => string;
  canPupils: (school: string) => boolean;
  onPupils: (s: { code: string; name: string }) => void;
}

function Body({ t, lang, data, districtLabel, gradeName, levelName, canPupils, onPupils }: BodyProps) {
  const min = data.minCellSize;
  const district = data.cells.find((c) => c.school === null && c.grade === null && c.sex === null);
  const change = data.changes.find((c) => c.school === null) ?? null;
  const since = data.sinceFirst.find((c) => c.school === null) ?? null;
  const target = Math.abs(data.targets.yearlyChangePp);
  const rule = data.rule;
  return (
    <>
      {data.fromTallies && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('fromTallies')} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="vision-kpi-rate">
            <Statistic title={t('kpiRate', { term: districtLabel })} value={district?.suppressed ? t('tooFew') : rate(district?.myopiaRate)} />
            <Typography.Text type="secondary">{t('kpiRateNote', { n: count(district?.withAcuity), m: count(district?.myopes) })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="vision-kpi-change">
            <Statistic
              title={t('kpiChange')}
              value={change === null ? '—' : change.suppressed ? t('tooFew') : pp(change.changePp)}
              suffix={change && !change.suppressed ? <span style={{ fontSize: 14 }}>{t('kpiChangeUnit')}</span> : undefined}
              valueStyle={{ color: change?.meetsTarget === true ? '#16a34a' : change?.meetsTarget === false ? '#dc2626' : undefined }}
            />
            <Space size={6} wrap>
              <Typography.Text type="secondary">{change === null ? t('kpiChangeNone') : t('kpiChangeTarget', { pp: target })}</Typography.Text>
              {change && <ChangeMet t={t} change={change} maxPp={data.targets.comparableAcuityOnlyPp} />}
            </Space>
            {since && (
              <div data-testid="vision-kpi-since-first">
                <Space size={6} wrap>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('kpiSinceFirst', { year: since.from, v: since.suppressed ? t('tooFew') : pp(since.changePp), pp: Math.abs(since.targetPp) })}
                  </Typography.Text>
                  {!since.suppressed && <ChangeMet t={t} change={since} maxPp={data.targets.comparableAcuityOnlyPp} />}
                </Space>
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="vision-kpi-acuity-only">
            <Statistic title={t('kpiAcuityOnly')} value={count(district?.acuityOnly)} valueStyle={{ color: district?.acuityOnly ? '#d97706' : undefined }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {district?.acuityOnly ? t('kpiAcuityOnlyNote') : t('kpiAcuityOnlyNone')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="vision-kpi-reduced">
            <Statistic title={t('kpiReduced')} value={district?.suppressed ? t('tooFew') : rate(district?.reducedRate)} />
            <Typography.Text type="secondary">{t('kpiReducedNote')}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('trendTitle')}>
            <TrendChart t={t} lang={lang} report={data} districtLabel={districtLabel} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('levelsTitle')} style={{ marginBottom: 12 }} data-testid="vision-levels">
            <Space direction="vertical" size={6} style={{ width: '100%' }}>
              {data.levels
                .filter((l) => l.school === null)
                .map((l) => (
                  <Space key={l.level} wrap size={6}>
                    <Typography.Text>{t('levelTarget', { level: levelName(l.level), rate: l.suppressed ? t('tooFew') : rate(l.myopiaRate), p: l.targetPercent })}</Typography.Text>
                    <MetTag t={t} met={l.meetsTarget} />
                  </Space>
                ))}
              {data.targets.unconfirmed.map((u) => (
                <Typography.Text key={`${u.level}${u.percent}`} type="secondary" style={{ fontSize: 12 }}>
                  {t('unconfirmedTarget', { p: u.percent })}
                </Typography.Text>
              ))}
            </Space>
          </Card>
          <Card size="small" title={t('furthestTitle')} data-testid="vision-furthest">
            {data.furthestAbove.length === 0 ? (
              <Typography.Text type="secondary">{t('furthestNone')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={data.furthestAbove.slice(0, 5)}
                renderItem={(c) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Space wrap size={4}>
                      <Typography.Text>{c.schoolName ?? c.school}</Typography.Text>
                      <Tag>{levelName(c.level)}</Tag>
                    </Space>
                    <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>
                      {rate(c.myopiaRate)} · {t('furthestItem', { pp: pp(c.abovePp).replace('+', '') })}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <SchoolTable t={t} data={data} min={min} districtLabel={districtLabel} levelName={levelName} canPupils={canPupils} onPupils={onPupils} />
      <GradeTable t={t} data={data} min={min} districtLabel={districtLabel} gradeName={gradeName} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('ruleNote', {
          title: lang === 'en' ? rule.titleEn : rule.title,
          v: rule.version,
          u: rule.ucvaBelow.toFixed(1),
          op: rule.seInclusive ? '≤' : '<',
          se: rule.seAtMost.toFixed(2).replace('-', '−'),
        })}
        {rule.seInclusiveUnconfirmed && ` ${t('ruleUnconfirmed')}`}
      </Typography.Paragraph>
    </>
  );
}

type SchoolRow = VisionCellWire & { key: string; label: string };

function SchoolTable({ t, data, min, districtLabel, levelName, canPupils, onPupils }: Pick<BodyProps, 't' | 'data' | 'districtLabel' | 'levelName' | 'canPupils' | 'onPupils'> & { min: number }) {
  const rows: SchoolRow[] = useMemo(
    () => data.cells.filter((c) => c.grade === null && c.sex === null).map((c) => ({ ...c, key: c.school ?? '*', label: c.school === null ? districtLabel : (c.schoolName ?? c.school) })),
    [data, districtLabel],
  );
  const changeOf = (school: string | null) => data.changes.find((c) => c.school === school);
  const sinceOf = (school: string | null) => data.sinceFirst.find((c) => c.school === school);
  const first = data.sinceFirst[0]?.from ?? null;
  const withheld = <T,>(r: SchoolRow, v: T) => (r.suppressed ? <TooFew t={t} min={min} /> : v);
  return (
    <Card size="small" title={t('schoolsTitle')} style={{ marginBottom: 12 }}>
      <Table<SchoolRow>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        data-testid="vision-schools"
        columns={[
          { title: t('colSchool'), dataIndex: 'label', key: 'label', width: 150, render: (v: string, r) => (r.school === null ? <strong>{v}</strong> : v) },
          { title: t('colRate'), key: 'rate', align: 'right' as const, render: (_: unknown, r) => withheld(r, rate(r.myopiaRate)) },
          {
            title: t('colChange'),
            key: 'ch',
            align: 'right' as const,
            render: (_: unknown, r) => {
              const c = changeOf(r.school);
              return !c ? '—' : c.suppressed ? <TooFew t={t} min={min} /> : pp(c.changePp);
            },
          },
          { title: t('colChangeMet'), key: 'met', render: (_: unknown, r) => <ChangeMet t={t} change={changeOf(r.school)} maxPp={data.targets.comparableAcuityOnlyPp} /> },
          ...(first === null
            ? []
            : [
                {
                  title: t('colSinceFirst', { year: first }),
                  key: 'since',
                  align: 'right' as const,
                  render: (_: unknown, r: SchoolRow) => {
                    const c = sinceOf(r.school);
                    return !c ? '—' : c.suppressed ? <TooFew t={t} min={min} /> : pp(c.changePp);
                  },
                },
                {
                  title: t('colSinceFirstMet', { year: first }),
                  key: 'sinceMet',
                  render: (_: unknown, r: SchoolRow) => <ChangeMet t={t} change={sinceOf(r.school)} maxPp={data.targets.comparableAcuityOnlyPp} />,
                },
              ]),
          {
            title: t('colLevels'),
            key: 'lv',
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {data.levels
                  .filter((l) => l.school === r.school)
                  .map((l) =>
                    l.suppressed ? (
                      <Tag key={l.level}>
                        {levelName(l.level)} {t('tooFew')}
                      </Tag>
                    ) : (
                      <Tag key={l.level} color={l.meetsTarget ? 'green' : 'red'}>
                        {levelName(l.level)} ≤ {l.targetPercent}%
                      </Tag>
                    ),
                  )}
              </Space>
            ),
          },
          {
            title: t('colAcuityOnly'),
            key: 'ao',
            align: 'right' as const,
            render: (_: unknown, r) =>
              r.acuityOnly > 0 ? (
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {count(r.acuityOnly)}
                </Tag>
              ) : (
                count(0)
              ),
          },
          { title: t('colReduced'), key: 'red', align: 'right' as const, render: (_: unknown, r) => withheld(r, rate(r.reducedRate)) },
          { title: t('colScreened'), key: 'n', align: 'right' as const, render: (_: unknown, r) => count(r.screened) },
          {
            title: '',
            key: 'pupils',
            render: (_: unknown, r) =>
              r.school !== null && canPupils(r.school) ? (
                <Button size="small" onClick={() => onPupils({ code: r.school!, name: r.label })} data-testid={`vision-pupils-${r.school}`}>
                  {t('pupils')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function GradeTable({ t, data, min, districtLabel, gradeName }: Pick<BodyProps, 't' | 'data' | 'districtLabel' | 'gradeName'> & { min: number }) {
  const [scope, setScope] = useState<string>('*');
  const school = scope === '*' ? null : scope;
  const owners = data.cells.filter((c) => c.grade === null && c.sex === null);
  const grades = data.cells.filter((c) => c.school === school && c.grade !== null && c.sex === null);
  const cellOf = (g: number, sex: 'M' | 'F' | null) => data.cells.find((c) => c.school === school && c.grade === g && c.sex === sex);
  const show = (c: VisionCellWire | undefined) => (!c ? '—' : c.suppressed ? <TooFew t={t} min={min} /> : rate(c.myopiaRate));
  return (
    <Card
      size="small"
      title={t('gradesTitle')}
      extra={
        <Select
          value={scope}
          onChange={setScope}
          style={{ width: 200, maxWidth: '50vw' }}
          options={owners.map((c) => ({ value: c.school ?? '*', label: c.school === null ? districtLabel : (c.schoolName ?? c.school) }))}
          optionFilterProp="label"
          showSearch
          data-testid="vision-grades-scope"
        />
      }
    >
      <Table<VisionCellWire>
        rowKey={(c) => String(c.grade)}
        size="small"
        dataSource={grades}
        pagination={false}
        scroll={{ x: 560 }}
        data-testid="vision-grades"
        columns={[
          { title: t('colGrade'), key: 'g', render: (_: unknown, c) => gradeName(c.grade!) },
          { title: t('colAll'), key: 'all', align: 'right' as const, render: (_: unknown, c) => show(c) },
          { title: t('colBoys'), key: 'm', align: 'right' as const, render: (_: unknown, c) => show(cellOf(c.grade!, 'M')) },
          { title: t('colGirls'), key: 'f', align: 'right' as const, render: (_: unknown, c) => show(cellOf(c.grade!, 'F')) },
          {
            title: t('colTarget'),
            key: 't',
            render: (_: unknown, c) => (
              <Space size={4}>
                <Typography.Text type="secondary">≤ {c.targetPercent}%</Typography.Text>
                {!c.suppressed && <MetTag t={t} met={c.meetsTarget} />}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
