// The moves of a plan. In a draft each change is saved at once — a new destination, a move removed, a move added for
// an eligible teacher — and the server rechecks every rule, so the violations above update after each edit. A move
// that breaks a rule is marked red; destinations show their distance. Locked plans are read-only.
import { useMemo, useState } from 'react';
import { Button, Card, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formatNumber } from '../../../../../src/core/format.js';
import { EXCHANGE_FIGURES, type ExchangeMoveWire, type ExchangePlanDetail } from '../../../../../src/planning/exchange/contract.js';
import type { ExchangeT } from './i18n.js';

type Move = { teacherId: string; to: string };

export function MovesCard({ t, plan, busy, onSave }: { t: ExchangeT; plan: ExchangePlanDetail; busy: boolean; onSave: (moves: Move[]) => void }) {
  const editable = plan.status === 'draft';
  const schools = plan.schools;
  const place = useMemo(() => new Map(schools.map((s) => [s.schoolCode, s])), [schools]);
  const km = (a: string, b: string) => {
    const x = place.get(a);
    const y = place.get(b);
    return x && y ? Math.hypot(x.xKm - y.xKm, x.yKm - y.yKm) : null;
  };
  const broken = useMemo(() => new Set(plan.violations.flatMap((v) => (v.teacherId ? [v.teacherId] : []))), [plan.violations]);
  const current: Move[] = plan.moves.map((m) => ({ teacherId: m.teacherId, to: m.to }));
  const destinations = (from: string) =>
    schools
      .filter((s) => s.schoolCode !== from)
      .map((s) => {
        const d = km(from, s.schoolCode);
        const far = d !== null && d > plan.rules.maxKm;
        return { value: s.schoolCode, label: `${s.schoolName}（${formatNumber(d, EXCHANGE_FIGURES.km)} km）`, far, d: d ?? Infinity };
      })
      .sort((a, b) => a.d - b.d);

  const [addTeacher, setAddTeacher] = useState<string | null>(null);
  const [addTo, setAddTo] = useState<string | null>(null);
  const moving = new Set(plan.moves.map((m) => m.teacherId));
  const schoolName = (code: string) => place.get(code)?.schoolName ?? code;
  const candidates = plan.teachers.filter((x) => x.included && x.eligible && !moving.has(x.teacherId));
  const addFrom = plan.teachers.find((x) => x.teacherId === addTeacher)?.schoolCode ?? null;

  const columns = [
    { title: t('m.teacher'), dataIndex: 'teacherId', width: 110 },
    { title: t('m.subject'), dataIndex: 'subject', width: 110 },
    { title: t('m.backbone'), dataIndex: 'backbone', width: 70, render: (b: boolean) => (b ? <Tag color="gold">{t('yes')}</Tag> : <Typography.Text type="secondary">{t('no')}</Typography.Text>) },
    { title: t('m.from'), dataIndex: 'fromName', ellipsis: true },
    {
      title: t('m.to'),
      key: 'to',
      render: (m: ExchangeMoveWire) =>
        editable ? (
          <Select
            size="small"
            value={m.to}
            disabled={busy}
            style={{ width: '100%', minWidth: 180 }}
            popupMatchSelectWidth={false}
            options={destinations(m.from).map((o) => ({ value: o.value, label: <span style={o.far ? { color: '#cf1322' } : undefined}>{o.label}</span> }))}
            onChange={(to: string) => onSave(current.map((x) => (x.teacherId === m.teacherId ? { ...x, to } : x)))}
            data-testid={`move-to-${m.teacherId}`}
          />
        ) : (
          m.toName
        ),
    },
    {
      title: t('m.km'),
      dataIndex: 'km',
      width: 90,
      align: 'right' as const,
      render: (v: number) => <span style={v > plan.rules.maxKm ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatNumber(v, EXCHANGE_FIGURES.km)}</span>,
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'remove',
            width: 56,
            render: (m: ExchangeMoveWire) => (
              <Tooltip title={t('m.remove')}>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={busy}
                  aria-label={t('m.remove')}
                  onClick={() => onSave(current.filter((x) => x.teacherId !== m.teacherId))}
                  data-testid={`move-remove-${m.teacherId}`}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card size="small" title={t('moves', { n: formatNumber(plan.moves.length, 0) })} style={{ marginBottom: 12 }} data-testid="exchange-moves">
      {editable && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            showSearch
            allowClear
            placeholder={t('m.addTeacher')}
            value={addTeacher}
            onChange={(v: string | undefined) => (setAddTeacher(v ?? null), setAddTo(null))}
            style={{ flex: '2 1 280px', minWidth: 0 }}
            optionFilterProp="search"
            options={candidates.map((x) => ({
              value: x.teacherId,
              search: `${x.teacherId} ${schoolName(x.schoolCode)} ${x.subject}`,
              label: t('teacherOption', { id: x.teacherId, school: schoolName(x.schoolCode), subject: x.subject, b: x.backbone ? t('bMark') : '', y: x.yearsAtSchool, age: x.age }),
            }))}
            data-testid="move-add-teacher"
          />
          <Select
            showSearch
            placeholder={t('m.addTo')}
            value={addTo}
            onChange={setAddTo}
            disabled={!addFrom}
            style={{ flex: '1 1 200px', minWidth: 0 }}
            optionFilterProp="search"
            options={addFrom ? destinations(addFrom).map((o) => ({ value: o.value, search: o.label, label: <span style={o.far ? { color: '#cf1322' } : undefined}>{o.label}</span> })) : []}
            data-testid="move-add-to"
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!addTeacher || !addTo || busy}
            onClick={() => {
              onSave([...current, { teacherId: addTeacher!, to: addTo! }]);
              setAddTeacher(null);
              setAddTo(null);
            }}
            data-testid="move-add"
          >
            {t('m.add')}
          </Button>
        </Flex>
      )}
      <Table
        rowKey="teacherId"
        size="small"
        loading={busy}
        dataSource={plan.moves}
        columns={columns}
        pagination={plan.moves.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        rowClassName={(m: ExchangeMoveWire) => (broken.has(m.teacherId) ? 'jh-row-broken' : '')}
        onRow={(m: ExchangeMoveWire) => (broken.has(m.teacherId) ? { style: { background: '#fff1f0' } } : {})}
        scroll={{ x: 760 }}
      />
    </Card>
  );
}
