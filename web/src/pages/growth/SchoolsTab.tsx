// The school tabs of /growth: the value-added table with the error-bar chart, the quadrant scatter, and the plain
// gain model next to the value-added. Schools below the minimum n are greyed and show "n < 20" instead of numbers
// (the server sends no figures for them to a user without pupil-level rights for the school).
import { useState } from 'react';
import { Col, Flex, Grid, Row, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useI18n } from '../../i18n.js';
import { useGrowthT, type GrowthT } from './i18n.js';
import { errorBarOption, GrowthChart, LABEL_COLOR, gf, gfInterval, quadrantOption } from './charts.js';
import { byEffect, hasFigures, schoolShown, type Figures, type Label, type SchoolRow, type ShownSchool, type VaResponse } from './types.js';

export function LabelTag({ label, t }: { label: Label; t: GrowthT }) {
  const color = label === 'above' ? 'green' : label === 'below' ? 'red' : 'blue';
  return (
    <Tag color={color} variant="filled" style={{ marginInlineEnd: 0 }}>
      {t(`l.${label}`)}
    </Tag>
  );
}

export function Small({ n, minN, t }: { n: number; minN: number; t: GrowthT }) {
  return (
    <Tooltip title={t('c.smallHelp', { n: minN })}>
      <Typography.Text type="secondary">{t('c.small', { n: minN })}</Typography.Text>
      <span style={{ display: 'none' }}>{n}</span>
    </Tooltip>
  );
}

/** Columns shared by the school and class tables: n, value-added, SE, interval, verdict. */
export function effectColumns<T extends { n: number; suppressed: boolean } & { [K in keyof Figures]: Figures[K] | null }>(t: GrowthT, minN: number): ColumnsType<T> {
  const hidden = (r: T, node: (r: T & Figures) => React.ReactNode) => (hasFigures(r) ? node(r) : null);
  return [
    { title: t('c.n'), dataIndex: 'n', key: 'n', width: 72, align: 'right', sorter: (a, b) => a.n - b.n },
    {
      title: t('c.effect'),
      key: 'effect',
      width: 96,
      align: 'right',
      sorter: (a, b) => byEffect(b, a),
      render: (_, r) => (hasFigures(r) ? <span style={{ color: LABEL_COLOR[r.label], fontWeight: 600 }}>{gf('effect', r.effect)}</span> : <Small n={r.n} minN={minN} t={t} />),
    },
    { title: t('c.se'), key: 'se', width: 84, align: 'right', render: (_, r) => hidden(r, (x) => gf('se', x.se)) },
    { title: t('c.interval'), key: 'ci', width: 150, align: 'center', render: (_, r) => hidden(r, (x) => <span className="jh-num">{gfInterval(x.lower, x.upper)}</span>) },
    {
      title: t('c.label'),
      key: 'label',
      width: 96,
      align: 'center',
      filters: (['above', 'expected', 'below'] as const).map((l) => ({ text: t(`l.${l}`), value: l })),
      onFilter: (v, r) => !r.suppressed && r.label === v,
      render: (_, r) => hidden(r, (x) => <LabelTag label={x.label} t={t} />),
    },
  ];
}

export function SchoolsTab({ data, onOpen }: { data: VaResponse; onOpen: (code: string) => void }) {
  const t = useGrowthT();
  const screens = Grid.useBreakpoint();
  const { lang } = useI18n();
  const shown = data.schools.filter(schoolShown);
  const quad = (s: ShownSchool) => (lang === 'en' ? data.quadrants.labels[s.quadrant].en : data.quadrants.labels[s.quadrant].zh);
  const show = (r: SchoolRow, node: (r: ShownSchool) => React.ReactNode) => (schoolShown(r) ? node(r) : null);
  const sortBy = (f: (r: SchoolRow) => number | null) => (a: SchoolRow, b: SchoolRow) => (f(a) ?? -Infinity) - (f(b) ?? -Infinity);
  const columns: ColumnsType<SchoolRow> = [
    {
      title: t('c.school'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: 200,
      render: (v: string, r) => (
        <Flex vertical>
          <Typography.Link onClick={() => onOpen(r.school)}>{v}</Typography.Link>
          {r.moversIn > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('c.movers', { n: r.moversIn })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...effectColumns<SchoolRow>(t, data.minN),
    { title: t('c.quadrant'), key: 'quadrant', width: 130, render: (_, r) => show(r, quad) },
    { title: t('c.achievement'), key: 'ach', width: 96, align: 'right', sorter: sortBy((r) => r.achievement), render: (_, r) => show(r, (x) => gf('meanZ', x.achievement)) },
    { title: t('c.entryMean'), key: 'entry', width: 96, align: 'right', sorter: sortBy((r) => r.entryMean), render: (_, r) => show(r, (x) => gf('meanZ', x.entryMean)) },
    { title: t('c.gainMean'), key: 'gain', width: 90, align: 'right', sorter: sortBy((r) => r.gainMean), render: (_, r) => show(r, (x) => gf('effect', x.gainMean)) },
    {
      title: t('c.link'),
      key: 'link',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.linkRate - b.linkRate,
      render: (_, r) => (
        <Tooltip title={`${r.linked} / ${r.exitStudents}`}>
          <span style={r.linkRate < 0.9 ? { color: '#d97706' } : undefined}>{gf('rate', r.linkRate)}</span>
        </Tooltip>
      ),
    },
    ...(data.sgp.available
      ? [
          {
            title: t('c.sgp'),
            key: 'sgp',
            width: 96,
            align: 'right' as const,
            render: (_: unknown, r: SchoolRow) => show(r, (x) => (x.sgpMedian === null ? null : `${gf('sgp', x.sgpMedian)} ± ${gf('sgp', x.sgpMedianSE)}`)),
          },
        ]
      : []),
  ];
  const rows = [...data.schools].sort(byEffect);
  return (
    <Flex vertical gap={16}>
      {shown.length > 0 && (
        <div>
          <Flex justify="space-between" align="baseline" wrap gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('chart.errorBars')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('chart.errorBarsHelp')}
            </Typography.Text>
          </Flex>
          <GrowthChart
            testId="growth-errorbars"
            option={errorBarOption(shown, t, !screens.sm)}
            height={Math.max(160, shown.length * 26 + 60)}
            onClick={(p) => {
              const s = [...shown].sort((a, b) => a.effect - b.effect)[p.dataIndex];
              if (s) onOpen(s.school);
            }}
          />
        </div>
      )}
      <Table<SchoolRow>
        data-testid="growth-school-table"
        rowKey="school"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1200 }}
        rowClassName={(r) => (r.suppressed ? 'jh-growth-suppressed' : '')}
      />
    </Flex>
  );
}

export function QuadrantTab({ data, onOpen }: { data: VaResponse; onOpen: (code: string) => void }) {
  const t = useGrowthT();
  const screens = Grid.useBreakpoint();
  const { lang } = useI18n();
  const [axis, setAxis] = useState<'achievement' | 'entry'>('achievement');
  const labels = axis === 'entry' ? data.quadrants.entryLabels : data.quadrants.labels;
  const shown = data.schools.filter(schoolShown);
  const counts = new Map<string, ShownSchool[]>();
  for (const s of shown) {
    const k = axis === 'entry' ? s.entryQuadrant : s.quadrant;
    counts.set(k, [...(counts.get(k) ?? []), s]);
  }
  const order = ['low-achievement-high-growth', 'high-achievement-high-growth', 'low-achievement-low-growth', 'high-achievement-low-growth'] as const;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {axis === 'entry' ? t('chart.entryQuadrant') : t('chart.quadrant')}
        </Typography.Title>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('q.axis')}</Typography.Text>
          <Segmented
            data-testid="growth-quadrant-axis"
            value={axis}
            onChange={(v) => setAxis(v as 'achievement' | 'entry')}
            options={[
              { value: 'achievement', label: t('q.achievement') },
              { value: 'entry', label: t('q.entry') },
            ]}
          />
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('chart.quadrantHelp')}
      </Typography.Text>
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <GrowthChart
            testId="growth-quadrant"
            option={quadrantOption(shown, axis, labels, lang, t, !screens.sm)}
            height={520}
            onClick={(p) => {
              const s = shown[p.dataIndex];
              if (s) onOpen(s.school);
            }}
          />
        </Col>
        <Col xs={24} xl={7}>
          <Flex vertical gap={10}>
            {order.map((k) => (
              <div key={k} className="jh-growth-quadrant-list">
                <Typography.Text strong>{lang === 'en' ? labels[k].en : labels[k].zh}</Typography.Text>
                <Typography.Text type="secondary"> · {(counts.get(k) ?? []).length}</Typography.Text>
                <div>
                  {(counts.get(k) ?? []).map((s) => (
                    <Tag key={s.school} style={{ marginTop: 4, cursor: 'pointer' }} color={s.label === 'above' ? 'green' : s.label === 'below' ? 'red' : undefined} onClick={() => onOpen(s.school)}>
                      {s.name}
                    </Tag>
                  ))}
                </div>
              </div>
            ))}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

type GainRow = VaResponse['gain'][number] & { effect: number | null; label: Label | null };

export function GainTab({ data }: { data: VaResponse }) {
  const t = useGrowthT();
  const rows: GainRow[] = data.gain.map((g) => {
    const s = data.schools.find((x) => x.school === g.school);
    return { ...g, effect: s?.effect ?? null, label: s?.label ?? null };
  });
  const shown = (r: GainRow) => !r.suppressed && r.zGain !== null;
  const hide = (r: GainRow, node: () => React.ReactNode) => (shown(r) ? node() : null);
  const sortBy = (f: (r: GainRow) => number | null) => (a: GainRow, b: GainRow) => (f(a) ?? -Infinity) - (f(b) ?? -Infinity);
  const columns: ColumnsType<GainRow> = [
    { title: t('c.school'), dataIndex: 'name', key: 'name', width: 200, fixed: 'left' },
    { title: t('c.n'), dataIndex: 'n', key: 'n', width: 72, align: 'right' },
    {
      title: t('g.zGain'),
      key: 'zg',
      width: 90,
      align: 'right',
      sorter: sortBy((r) => r.zGain),
      render: (_, r) => (shown(r) ? gf('effect', r.zGain) : <Small n={r.n} minN={data.minN} t={t} />),
    },
    { title: 'SE', key: 'zgse', width: 80, align: 'right', render: (_, r) => hide(r, () => gf('se', r.zGainSE)) },
    { title: t('c.interval'), key: 'zgci', width: 150, align: 'center', render: (_, r) => hide(r, () => gfInterval(r.lower, r.upper)) },
    { title: t('g.rank'), key: 'rc', width: 130, align: 'right', sorter: sortBy((r) => r.rankChange), render: (_, r) => hide(r, () => gf('rankChange', r.rankChange)) },
    { title: 'SE', key: 'rcse', width: 80, align: 'right', render: (_, r) => hide(r, () => gf('rankSE', r.rankChangeSE)) },
    {
      title: t('g.va'),
      key: 'va',
      width: 100,
      align: 'right',
      sorter: sortBy((r) => r.effect),
      render: (_, r) => hide(r, () => <span style={{ color: r.label ? LABEL_COLOR[r.label] : undefined }}>{gf('effect', r.effect)}</span>),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('g.help')}</Typography.Text>
      <Table<GainRow>
        data-testid="growth-gain-table"
        rowKey="school"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(r) => (r.suppressed ? 'jh-growth-suppressed' : '')}
      />
    </Flex>
  );
}
