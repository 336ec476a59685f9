// A school's or class's students: entry vs exit scores with the district's regression line (the expected exit for
// each entry) and the school's own line, the table, and a student's growth card.
import { useMemo, useState } from 'react';
import { Card, Col, Descriptions, Drawer, Empty, Flex, Row, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan } from '../../session.js';
import { ErrorResult } from '../../components/Problem.js';
import { useGrowthT, type GrowthT } from './i18n.js';
import { GrowthChart, gf, gfInterval, studentScatterOption } from './charts.js';
import { SchoolSelect, useSchoolChoice } from './ClassesTab.js';
import { LabelTag } from './SchoolsTab.js';
import type { PairQuery, StudentRow, StudentsResponse, VaResponse } from './types.js';

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function StudentCard({ s, data, t, onClose }: { s: StudentRow | null; data: StudentsResponse | null; t: GrowthT; onClose: () => void }) {
  return (
    <Drawer open={!!s} onClose={onClose} width={440} title={t('st.card')} destroyOnHidden>
      {s && data && (
        <Flex vertical gap={16} data-testid="growth-student-card">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {s.name ?? s.studentId}
            </Typography.Title>
            <Typography.Text type="secondary">
              {s.studentId} · {data.schoolName} {s.class}
            </Typography.Text>
            {s.moved && (
              <div>
                <Tag color="orange">{t('st.movedFrom', { school: s.entrySchoolName ?? '' })}</Tag>
              </div>
            )}
          </div>
          <Row gutter={12}>
            <Col span={12}>
              <Statistic title={t('st.scoreNow')} value={s.post} />
            </Col>
            <Col span={12}>
              <Statistic title={t('st.scoreExpected')} value={gf('score', s.expected)} />
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('st.cardHelp')}
          </Typography.Text>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('st.pre')}>{s.pre}</Descriptions.Item>
            <Descriptions.Item label={t('st.zEntry')}>{gf('z', s.preZ)}</Descriptions.Item>
            <Descriptions.Item label={t('st.zExit')}>{gf('z', s.postZ)}</Descriptions.Item>
            <Descriptions.Item label={t('st.gain')}>{gf('z', s.zGain)}</Descriptions.Item>
            <Descriptions.Item label={t('st.residual')}>
              <span style={{ color: s.residualZ >= 0 ? '#16a34a' : '#dc2626' }}>{gf('z', s.residualZ)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('st.prePR')}>{gf('pr', s.prePR)}</Descriptions.Item>
            <Descriptions.Item label={t('st.postPR')}>{gf('pr', s.postPR)}</Descriptions.Item>
            <Descriptions.Item label={t('st.rank')}>{gf('rankChange', s.rankChange)}</Descriptions.Item>
            <Descriptions.Item label={t('st.sgp')}>{s.sgp ?? <Typography.Text type="secondary">{t('st.sgpNone')}</Typography.Text>}</Descriptions.Item>
          </Descriptions>
          <GrowthChart
            height={220}
            option={{
              grid: { left: 48, right: 16, top: 28, bottom: 28 },
              legend: { top: 0 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: [t('st.pre'), t('st.post')] },
              yAxis: { type: 'value', name: 'z', splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
              series: [
                {
                  type: 'line',
                  name: s.name ?? s.studentId,
                  data: [s.preZ, s.postZ],
                  symbolSize: 9,
                  lineStyle: { width: 2.5 },
                  label: { show: true, formatter: (p: { value: number }) => gf('z', p.value) },
                },
                {
                  type: 'line',
                  name: t('st.expected'),
                  data: [s.preZ, s.expectedZ],
                  symbolSize: 7,
                  lineStyle: { type: 'dashed' },
                  label: { show: true, position: 'bottom', formatter: (p: { dataIndex: number; value: number }) => (p.dataIndex ? gf('z', p.value) : '') },
                },
              ],
            }}
          />
        </Flex>
      )}
    </Drawer>
  );
}

export function StudentsTab({
  data,
  query,
  school,
  klass,
  onSchool,
  onClass,
}: {
  data: VaResponse;
  query: PairQuery;
  school: string | null;
  klass: string | null;
  onSchool: (c: string) => void;
  onClass: (c: string | null) => void;
}) {
  const t = useGrowthT();
  const can = useCan();
  // Only the schools whose students the user may see (an inspector: the assigned ones).
  const mine = (code: string) => can('students.read', code);
  const code = useSchoolChoice(data, school, mine);
  const classes = data.classes.filter((c) => c.school === code).sort((a, b) => a.class.localeCompare(b.class, 'zh-CN', { numeric: true }));
  const res = useCall(API.growth.students, code ? { query: { ...query, school: code, class: klass ?? undefined } } : null, { silent: true });
  const [open, setOpen] = useState<string | null>(null);
  const body = res.data;
  const selected = body?.students.find((s) => s.studentId === open) ?? null;
  const shift = body?.classEffect ?? body?.schoolEffect;
  const option = useMemo(
    () =>
      body && body.students.length
        ? studentScatterOption(
            body.students,
            body.line.points,
            shift && !shift.suppressed ? shift.effect * body.scales.exit.sd : null,
            t,
            open,
            body.classEffect ? t('chart.classLine') : t('chart.schoolLine'),
          )
        : null,
    [body, shift, t, open],
  );
  const columns: ColumnsType<StudentRow> = [
    { title: t('st.id'), dataIndex: 'studentId', key: 'id', width: 170, fixed: 'left', render: (v: string) => <Typography.Link onClick={() => setOpen(v)}>{v}</Typography.Link> },
    ...(body?.namesShown ? [{ title: t('st.name'), dataIndex: 'name', key: 'name', width: 90 }] : []),
    {
      title: t('c.class'),
      dataIndex: 'class',
      key: 'class',
      width: 90,
      render: (v: string, r) =>
        r.moved ? (
          <Flex gap={4}>
            {v}
            <Tag color="orange">{t('st.moved')}</Tag>
          </Flex>
        ) : (
          v
        ),
    },
    { title: t('st.pre'), dataIndex: 'pre', key: 'pre', width: 72, align: 'right', sorter: (a, b) => a.pre - b.pre },
    { title: t('st.post'), dataIndex: 'post', key: 'post', width: 72, align: 'right', sorter: (a, b) => a.post - b.post },
    { title: t('st.expected'), key: 'exp', width: 80, align: 'right', render: (_, r) => gf('score', r.expected) },
    {
      title: t('st.residual'),
      key: 'res',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.residualZ - b.residualZ,
      defaultSortOrder: 'descend',
      render: (_, r) => <span style={{ color: r.residualZ >= 0 ? '#16a34a' : '#dc2626' }}>{gf('z', r.residualZ)}</span>,
    },
    { title: t('st.gain'), key: 'gain', width: 80, align: 'right', sorter: (a, b) => a.zGain - b.zGain, render: (_, r) => gf('z', r.zGain) },
    { title: t('st.rank'), key: 'rc', width: 110, align: 'right', sorter: (a, b) => a.rankChange - b.rankChange, render: (_, r) => gf('rankChange', r.rankChange) },
    ...(body?.sgp.available ? [{ title: t('st.sgp'), dataIndex: 'sgp', key: 'sgp', width: 64, align: 'right' as const, sorter: (a: StudentRow, b: StudentRow) => (a.sgp ?? 0) - (b.sgp ?? 0) }] : []),
  ];
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12} wrap>
        <SchoolSelect data={data} value={code} onChange={onSchool} only={mine} testId="growth-student-school" />
        <Select
          data-testid="growth-student-class"
          value={klass ?? ''}
          style={{ width: 160 }}
          onChange={(v: string) => onClass(v || null)}
          options={[{ value: '', label: t('st.pickClass') }, ...classes.map((c) => ({ value: c.class, label: `${c.class} (${c.n})` }))]}
        />
        {body && <Typography.Text type="secondary">{t('st.count', { n: body.students.length })}</Typography.Text>}
        {body && !body.namesShown && <Tag>{t('st.namesHidden')}</Tag>}
      </Flex>
      {body && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {body.sgp.available ? t('sgp.note') : t('st.sgpNone')}
        </Typography.Text>
      )}
      {res.error && <ErrorResult error={res.error} onRetry={res.reload} />}
      {!body && !res.error && <Skeleton active paragraph={{ rows: 8 }} />}
      {body && !body.students.length && <Empty />}
      {body && option && (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card size="small" variant="outlined" title={t('chart.scatter')}>
              <GrowthChart
                testId="growth-student-scatter"
                option={option}
                height={400}
                onClick={(p) => {
                  const s = body.students[p.dataIndex];
                  if (p.seriesName === t('chart.scatter') && s) setOpen(s.studentId);
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" variant="outlined" title={body.class ?? body.schoolName} data-testid="growth-group-summary">
              {shift ? (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('c.n')}>{shift.n}</Descriptions.Item>
                  <Descriptions.Item label={t('c.effect')}>
                    {shift.suppressed ? t('c.smallHelp', { n: data.minN }) : `${gf('effect', shift.effect)} ${t('st.points', { x: gf('points', shift.effect * body.scales.exit.sd) })}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('c.se')}>{gf('se', shift.se)}</Descriptions.Item>
                  {!shift.suppressed && <Descriptions.Item label={t('c.interval')}>{gfInterval(shift.lower, shift.upper)}</Descriptions.Item>}
                  {!shift.suppressed && (
                    <Descriptions.Item label={t('c.label')}>
                      <LabelTag label={shift.label} t={t} />
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('c.gainMean')}>{gf('effect', mean(body.students.map((s) => s.zGain)))}</Descriptions.Item>
                  <Descriptions.Item label={t('c.rankChange')}>{gf('rankChange', mean(body.students.map((s) => s.rankChange)))}</Descriptions.Item>
                  {body.sgp.available && <Descriptions.Item label={t('c.sgp')}>{gf('sgp', median(body.students.flatMap((s) => (s.sgp === null ? [] : [s.sgp]))))}</Descriptions.Item>}
                </Descriptions>
              ) : (
                <Empty />
              )}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                {t('st.cardHelp')}
              </Typography.Paragraph>
            </Card>
          </Col>
          <Col span={24} style={{ marginTop: 16 }}>
            <Table<StudentRow>
              data-testid="growth-student-table"
              rowKey="studentId"
              size="small"
              columns={columns}
              dataSource={body.students}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 900 }}
              onRow={(r) => ({ onClick: () => setOpen(r.studentId), style: { cursor: 'pointer' } })}
            />
          </Col>
        </Row>
      )}
      <StudentCard s={selected} data={body} t={t} onClose={() => setOpen(null)} />
    </Flex>
  );
}
