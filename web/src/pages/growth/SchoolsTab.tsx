// The school tabs of /growth: the value-added table with the error-bar chart, the quadrant scatter, and the plain
// gain model next to the value-added. Schools below the minimum n are greyed and show "n < 20" instead of numbers.
import { useState } from 'react';
import { Col, Flex, Row, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useI18n } from '../../i18n.js';
import { useGrowthT, type GrowthT } from './i18n.js';
import { errorBarOption, GrowthChart, LABEL_COLOR, num, quadrantOption } from './charts.js';
import type { Label, SchoolRow, VaResponse } from './types.js';

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
export function effectColumns<T extends { n: number; effect: number; se: number; lower: number; upper: number; label: Label; suppressed: boolean }>(t: GrowthT, minN: number): ColumnsType<T> {
  const hidden = (r: T, node: React.ReactNode) => (r.suppressed ? null : node);
  return [
    { title: t('c.n'), dataIndex: 'n', key: 'n', width: 72, align: 'right', sorter: (a, b) => a.n - b.n },
    {
      title: t('c.effect'),
      key: 'effect',
      width: 96,
      align: 'right',
      sorter: (a, b) => Number(a.suppressed) - Number(b.suppressed) || a.effect - b.effect,
      render: (_, r) => (r.suppressed ? <Small n={r.n} minN={minN} t={t} /> : <span style={{ color: LABEL_COLOR[r.label], fontWeight: 600 }}>{num(r.effect, 3, true)}</span>),
    },
    { title: t('c.se'), key: 'se', width: 84, align: 'right', render: (_, r) => num(r.se) },
    { title: t('c.interval'), key: 'ci', width: 150, align: 'center', render: (_, r) => hidden(r, <span className="jh-num">{`${num(r.lower)} ~ ${num(r.upper)}`}</span>) },
    {
      title: t('c.label'),
      key: 'label',
      width: 96,
      align: 'center',
      filters: (['above', 'expected', 'below'] as const).map((l) => ({ text: t(`l.${l}`), value: l })),
      onFilter: (v, r) => !r.suppressed && r.label === v,
      render: (_, r) => hidden(r, <LabelTag label={r.label} t={t} />),
    },
  ];
}

export function SchoolsTab({ data, onOpen }: { data: VaResponse; onOpen: (code: string) => void }) {
  const t = useGrowthT();
  const { lang } = useI18n();
  const shown = data.schools.filter((s) => !s.suppressed);
  const quad = (s: SchoolRow) => (lang === 'en' ? data.quadrants.labels[s.quadrant].en : data.quadrants.labels[s.quadrant].zh);
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
    { title: t('c.quadrant'), key: 'quadrant', width: 130, render: (_, r) => (r.suppressed ? null : quad(r)) },
    { title: t('c.achievement'), key: 'ach', width: 96, align: 'right', sorter: (a, b) => a.achievement - b.achievement, render: (_, r) => (r.suppressed ? null : num(r.achievement, 2, true)) },
    { title: t('c.entryMean'), key: 'entry', width: 96, align: 'right', sorter: (a, b) => a.entryMean - b.entryMean, render: (_, r) => (r.suppressed ? null : num(r.entryMean, 2, true)) },
    { title: t('c.gainMean'), key: 'gain', width: 90, align: 'right', sorter: (a, b) => a.gainMean - b.gainMean, render: (_, r) => (r.suppressed ? null : num(r.gainMean, 2, true)) },
    {
      title: t('c.link'),
      key: 'link',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.linkRate - b.linkRate,
      render: (_, r) => (
        <Tooltip title={`${r.linked} / ${r.exitStudents}`}>
          <span style={r.linkRate < 0.9 ? { color: '#d97706' } : undefined}>{`${(r.linkRate * 100).toFixed(1)}%`}</span>
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
            render: (_: unknown, r: SchoolRow) => (r.suppressed || r.sgpMedian === null ? null : `${num(r.sgpMedian, 1)} ± ${num(r.sgpMedianSE, 1)}`),
          },
        ]
      : []),
  ];
  const rows = [...data.schools].sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || b.effect - a.effect);
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
            option={errorBarOption(shown, t)}
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
  const { lang } = useI18n();
  const [axis, setAxis] = useState<'achievement' | 'entry'>('achievement');
  const labels = axis === 'entry' ? data.quadrants.entryLabels : data.quadrants.labels;
  const shown = data.schools.filter((s) => !s.suppressed);
  const counts = new Map<string, SchoolRow[]>();
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
            option={quadrantOption(data.schools, axis, labels, lang, t)}
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

type GainRow = VaResponse['gain'][number] & { effect: number; label: Label };

export function GainTab({ data }: { data: VaResponse }) {
  const t = useGrowthT();
  const rows: GainRow[] = data.gain.map((g) => {
    const s = data.schools.find((x) => x.school === g.school)!;
    return { ...g, effect: s.effect, label: s.label };
  });
  const hide = (r: GainRow, node: React.ReactNode) => (r.suppressed ? <Small n={r.n} minN={data.minN} t={t} /> : node);
  const columns: ColumnsType<GainRow> = [
    { title: t('c.school'), dataIndex: 'name', key: 'name', width: 200, fixed: 'left' },
    { title: t('c.n'), dataIndex: 'n', key: 'n', width: 72, align: 'right' },
    { title: t('g.zGain'), key: 'zg', width: 90, align: 'right', sorter: (a, b) => a.zGain - b.zGain, render: (_, r) => hide(r, num(r.zGain, 3, true)) },
    { title: 'SE', key: 'zgse', width: 80, align: 'right', render: (_, r) => num(r.zGainSE) },
    { title: t('c.interval'), key: 'zgci', width: 150, align: 'center', render: (_, r) => (r.suppressed ? null : `${num(r.lower)} ~ ${num(r.upper)}`) },
    { title: t('g.rank'), key: 'rc', width: 130, align: 'right', sorter: (a, b) => a.rankChange - b.rankChange, render: (_, r) => (r.suppressed ? null : num(r.rankChange, 2, true)) },
    { title: 'SE', key: 'rcse', width: 80, align: 'right', render: (_, r) => num(r.rankChangeSE, 2) },
    {
      title: t('g.va'),
      key: 'va',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.effect - b.effect,
      render: (_, r) => (r.suppressed ? null : <span style={{ color: LABEL_COLOR[r.label] }}>{num(r.effect, 3, true)}</span>),
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
