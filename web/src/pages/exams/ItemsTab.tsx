// 小题分析 of an exam (the items route, one subject at a time): per item 难度 P, 区分度 D and item–total r with their quality
// bands coloured; for the paper α / KR-20 / split-half (Spearman–Brown) / SEM. Shown only when a subject has items.
import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Segmented, Select, Skeleton, Statistic, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useExamT, type ExamT } from './i18n.js';
import { num } from './shared.js';
import type { Exam, ItemsAnswer } from './types.js';

type ItemRow = ItemsAnswer['analysis']['items'][number];
type DiscriminationBand = NonNullable<ItemRow['discriminationBand']>;
type DifficultyBand = NonNullable<ItemRow['difficultyBand']>;

const D_COLOR: Record<DiscriminationBand, string> = { very_good: 'success', good: 'processing', passable: 'warning', poor: 'error' };
const P_COLOR: Record<DifficultyBand, string> = { too_hard: 'error', hard: 'warning', suitable: 'success', easy: 'warning', too_easy: 'error' };

/** The bands of D (0.40 / 0.30 / 0.20) applied to the item–total r, as in standards.md §4.4. */
const rBand = (r: number | null): DiscriminationBand | null => {
  if (r === null) return null;
  const x = Math.round(r * 1e9) / 1e9;
  return x >= 0.4 ? 'very_good' : x >= 0.3 ? 'good' : x >= 0.2 ? 'passable' : 'poor';
};

function BandTag({ value, band, color, t }: { value: number | null; band: string | null; color?: string; t: ExamT }) {
  if (value === null) return <span className="jh-muted">—</span>;
  return (
    <Tooltip title={band ? t(`i.band.${band}` as Parameters<ExamT>[0]) : undefined}>
      <Tag color={color} style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }}>
        {num(value, 2)}
      </Tag>
    </Tooltip>
  );
}

export function ItemsSection({ exam }: { exam: Exam }) {
  const t = useExamT();
  const subjects = useMemo(() => exam.subjects.filter((s) => s.items.length > 0).map((s) => s.subject), [exam]);
  const [subject, setSubject] = useState<string | null>(null);
  useEffect(() => {
    if (subjects?.length && (subject === null || !subjects.includes(subject))) setSubject(subjects[0]);
  }, [subjects, subject]);
  const items = useCall(API.exams.items, subject ? { params: { id: exam.id }, query: { subject } } : null, { silent: true });

  if (!subjects?.length) return null;
  const a = items.data?.subject === subject ? items.data.analysis : null;
  const rel = a?.paper.reliability;

  const columns: ColumnsType<ItemRow> = [
    { title: t('i.item'), dataIndex: 'name', key: 'name', width: 80, fixed: 'left' },
    { title: t('i.type'), key: 'type', width: 70, align: 'center', render: (_, r) => (r.objective ? t('i.objective') : t('i.subjective')) },
    { title: t('r.fullMarks'), dataIndex: 'full', key: 'full', width: 60, align: 'right' },
    { title: t('r.n'), dataIndex: 'n', key: 'n', width: 70, align: 'right' },
    {
      title: <Tooltip title={t('i.pHelp')}>{t('i.p')}</Tooltip>,
      key: 'p',
      width: 90,
      align: 'center',
      sorter: (x, y) => (x.difficulty ?? -1) - (y.difficulty ?? -1),
      render: (_, r) => <BandTag value={r.difficulty} band={r.difficultyBand} color={r.difficultyBand ? P_COLOR[r.difficultyBand] : undefined} t={t} />,
    },
    {
      title: <Tooltip title={t('i.dHelp')}>{t('i.d')}</Tooltip>,
      key: 'd',
      width: 90,
      align: 'center',
      sorter: (x, y) => (x.discrimination ?? -1) - (y.discrimination ?? -1),
      render: (_, r) => <BandTag value={r.discrimination} band={r.discriminationBand} color={r.discriminationBand ? D_COLOR[r.discriminationBand] : undefined} t={t} />,
    },
    {
      title: <Tooltip title={t('i.rHelp')}>{t('i.r')}</Tooltip>,
      key: 'r',
      width: 90,
      align: 'center',
      sorter: (x, y) => (x.itemTotal ?? -1) - (y.itemTotal ?? -1),
      render: (_, r) => {
        const b = rBand(r.itemTotal);
        return <BandTag value={r.itemTotal} band={b} color={b ? D_COLOR[b] : undefined} t={t} />;
      },
    },
    { title: t('i.rest'), key: 'rest', width: 90, align: 'right', render: (_, r) => num(r.itemRest, 2) },
  ];

  const stat = (title: string, value: number | null, digits = 3, color?: string) => (
    <Col xs={12} md={8} xl={4}>
      <Statistic title={title} value={value === null ? '—' : value.toFixed(digits)} formatter={(v) => <span style={color ? { color } : undefined}>{v}</span>} />
    </Col>
  );

  return (
    <Card
      variant="borderless"
      title={t('i.title')}
      data-testid="exam-items"
      extra={
        subjects.length > 6 ? (
          <Select size="small" value={subject ?? undefined} onChange={setSubject} options={subjects.map((s) => ({ value: s, label: s }))} style={{ width: 130 }} />
        ) : (
          <Segmented size="small" value={subject ?? undefined} onChange={(v) => setSubject(String(v))} options={subjects} />
        )
      }
    >
      {items.loading && !a ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : !a || !rel ? (
        <Empty description={t('i.none')} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {stat(t('i.alpha'), rel.alpha, 3, a.paper.alphaAcceptable === null ? undefined : a.paper.alphaAcceptable ? '#16a34a' : '#dc2626')}
            {stat('KR-20', rel.kr20)}
            {stat(t('i.split'), rel.spearmanBrown)}
            {stat('SEM', rel.sem, 2)}
            {stat(t('i.paperP'), a.paper.difficulty)}
            {stat(t('i.paperD'), a.paper.discrimination)}
          </Row>
          <div className="jh-muted" style={{ marginBottom: 8 }}>
            {t('i.foot', { n: rel.n, k: rel.k, g: a.groups.n, share: Math.round(a.groups.share * 100) })}
          </div>
          <Table<ItemRow> size="small" rowKey="name" columns={columns} dataSource={a.items} pagination={false} scroll={{ x: 700 }} />
        </>
      )}
    </Card>
  );
}
