// /planning/map — 学校布局图: the open schools of the header's school year at their coordinates, coloured by an
// indicator (students, classes, average class size, share over the standard size, balance standards met, distance to
// the nearest school of the level), sized by students; the consolidation candidates (教学点 and small schools) beside
// it with the nearest school that could take their pupils, drawn as lines; the schools without coordinates named; the
// district boundary and catchments the bureau uploads.
import { useMemo, useRef, useState } from 'react';
import { Alert, Card, Col, Descriptions, Flex, Grid, InputNumber, Row, Select, Statistic, Typography, Button } from 'antd';
import { API } from '../../client.js';
import { useCall, useDebounced } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { useCan } from '../../session.js';
import { useYear } from '../../year.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { formatNumber } from '../../../../src/core/format.js';
import { LOCATION_EN } from '../../../../src/registry/model.js';
import { SMALL_SCHOOL_DEFAULT, type MapIndicator, type MapIndicatorInfo, type MapSchool as MapSchoolRow } from '../../../../src/planning/map/contract.js';
import { SchoolMap, type MapLink, type MapSchool } from './SchoolMap.js';
import { CandidatesCard } from './map/CandidatesCard.js';
import { LayersCard } from './map/LayersCard.js';
import { levelName, useMapT } from './map/i18n.js';

export default function LayoutMapPage() {
  const t = useMapT();
  const { lang } = useI18n();
  const can = useCan();
  const { year } = useYear();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [indicator, setIndicator] = useState<MapIndicator>('students');
  const [thresholdInput, setThresholdInput] = useState<number>(SMALL_SCHOOL_DEFAULT);
  const threshold = useDebounced(thresholdInput, 400);
  const [selected, setSelected] = useState<string | null>(null);
  const report = useCall(API.map.report, { query: { year, indicator, threshold } });
  const layers = useCall(API.map.layers, {});
  // Keep showing the last answer while another indicator, threshold or year loads (no flicker of the map).
  const last = useRef<typeof report.data>(null);
  if (report.data) last.current = report.data;
  const data = report.data ?? last.current;

  const info = data?.indicators.find((i) => i.key === (data?.indicator ?? indicator));
  const pick = (w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);
  const valueName = info ? (pick(info.unit) ? t('indicatorNote', { name: pick(info.name), unit: pick(info.unit) }) : pick(info.name)) : undefined;
  const formatValue = useMemo(() => (info ? (v: number) => formatNumber(v, info.figure) : undefined), [info]);

  const schools = useMemo<MapSchool[]>(
    () =>
      (data?.schools ?? []).map((s) => ({
        code: s.code,
        name: s.name,
        level: s.level,
        lat: s.lat as number,
        lng: s.lng as number,
        value: s.value,
        size: s.students ?? undefined,
        label: s.candidate ? t('candidates') : undefined,
      })),
    [data, t],
  );
  const placed = useMemo(() => new Set(schools.map((s) => s.code)), [schools]);
  const links = useMemo<MapLink[]>(
    () =>
      (data?.candidates ?? [])
        .filter((c) => c.nearest && placed.has(c.code) && placed.has(c.nearest.code))
        .map((c) => ({ from: c.code, to: c.nearest!.code, kind: t('toNearest'), label: t('km', { km: formatNumber(c.nearest!.km, 1) }) })),
    [data, placed, t],
  );
  const all = useMemo(() => new Map([...(data?.schools ?? []), ...(data?.withoutCoordinates ?? [])].map((s) => [s.code, s])), [data]);
  const chosen = selected ? (all.get(selected) ?? null) : null;
  // The selected school and the nearest school that could take its pupils.
  const highlight = useMemo(() => (chosen ? [chosen.code, ...(chosen.nearest ? [chosen.nearest.code] : [])] : []), [chosen]);

  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            <Select<MapIndicator>
              value={data ? indicator : undefined}
              placeholder={t('indicator')}
              onChange={setIndicator}
              style={{ width: narrow ? 200 : 240 }}
              aria-label={t('indicator')}
              data-testid="map-indicator"
              options={(data?.indicators ?? []).map((i) => ({ value: i.key, label: `${t('indicator')}${t('colon')}${pick(i.name)}` }))}
            />
            <InputNumber
              addonBefore={t('threshold')}
              addonAfter={t('persons')}
              min={1}
              max={10_000}
              value={thresholdInput}
              onChange={(v) => v && setThresholdInput(v)}
              // The width is the number box's; the words before and after add theirs.
              style={{ width: 96 }}
              data-testid="map-threshold"
            />
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('schoolsOnMap')} value={formatNumber(data?.schools.length ?? null, 0)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('studentsTotal')} value={formatNumber(data?.totals.students ?? null, 0)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('candidates')} value={formatNumber(data?.candidates.length ?? null, 0)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('noCoords')} value={formatNumber(data?.withoutCoordinates.length ?? null, 0)} />
          </Card>
        </Col>
      </Row>
      {data &&
        (data.withoutCoordinates.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="map-without-coords"
            message={t('withoutCoords', { n: data.withoutCoordinates.length, names: data.withoutCoordinates.map((s) => s.name).join('、') })}
          />
        ) : null)}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small" styles={{ body: { padding: narrow ? 4 : 8 } }}>
            {data && data.totals.schools === 0 ? (
              <Typography.Text type="secondary">{t('noData')}</Typography.Text>
            ) : (
              <SchoolMap
                schools={schools}
                links={links}
                boundary={layers.data?.boundary?.geojson ?? null}
                catchments={layers.data?.catchments?.geojson ?? null}
                valueName={valueName}
                formatValue={formatValue}
                sizeName={t('colStudents')}
                highlight={highlight}
                onSelect={(c) => setSelected(c)}
                height={narrow ? 420 : 600}
                linkColors={{ [t('toNearest')]: '#dc2626' }}
                data-testid="layout-map"
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
              {t('zoomHint')}
            </Typography.Text>
          </Card>
          {chosen && data && <SchoolCard school={chosen} indicators={data.indicators} narrow={narrow} onClear={() => setSelected(null)} />}
        </Col>
        <Col xs={24} lg={8}>
          <CandidatesCard t={t} candidates={data?.candidates ?? []} threshold={data?.threshold ?? threshold} selected={selected} onSelect={setSelected} />
          {can('planning.manage') && <LayersCard t={t} layers={layers.data} onChange={layers.reload} />}
        </Col>
      </Row>
    </div>
  );
}

/** The selected school's figures under the map. */
function SchoolCard({ school, indicators, narrow, onClear }: { school: MapSchoolRow; indicators: MapIndicatorInfo[]; narrow: boolean; onClear: () => void }) {
  const t = useMapT();
  const { lang } = useI18n();
  const pick = (w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);
  const figure = (i: MapIndicatorInfo, v: number | null) => (v === null || i.figure.percent ? formatNumber(v, i.figure) : `${formatNumber(v, i.figure)} ${pick(i.unit)}`.trim());
  const nearest = school.nearest ? `${school.nearest.name}${t('comma')}${t('km', { km: formatNumber(school.nearest.km, 1) })}` : school.lat === null ? t('noCoords') : t('noNearest');
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="map-selected"
      title={
        <Flex gap={8} align="center" wrap>
          {school.name}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {levelName(lang, school.level)} · {lang === 'en' ? ((LOCATION_EN as Record<string, string>)[school.location] ?? school.location) : school.location}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Button size="small" type="link" onClick={onClear}>
          {t('clearSelection')}
        </Button>
      }
    >
      <Descriptions size="small" column={narrow ? 1 : 2}>
        {indicators.map((i) => (
          <Descriptions.Item key={i.key} label={pick(i.name)}>
            {i.key === 'nearestKm' ? nearest : figure(i, school[i.key])}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
