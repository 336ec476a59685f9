// The moves list (named teachers: the personnel staff, a clerk the moves from or to the own school): filters by school
// year, school (from or to), kind and teacher; each row with its source (a locked exchange plan, or by hand); the
// personnel staff record a move in a drawer and delete those entered by hand.
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { API, call } from '../../../client.js';
import { useCall, useDebounced } from '../../../hooks.js';
import { useI18n } from '../../../i18n.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { MOVE_KIND_EN, MOVE_KINDS, type MoveKind } from '../../../../../src/teachers/model.js';
import type { TeacherMoveRow } from '../../../../../src/teachers/moves/contract.js';
import { MoveDrawer } from './MoveDrawer.js';
import type { MovesT } from './i18n.js';

const KIND_COLORS: Record<MoveKind, string> = { 交流轮岗: 'blue', 支教: 'gold', 调动: 'purple' };

export function MovesList({ t, year, years, schools, canManage }: { t: MovesT; year: number; years: number[]; schools: { code: string; name: string }[]; canManage: boolean }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const [listYear, setListYear] = useState<number | 'all'>(year);
  const [school, setSchool] = useState<string | undefined>();
  const [kind, setKind] = useState<MoveKind | undefined>();
  const [teacherIn, setTeacher] = useState('');
  const teacher = useDebounced(teacherIn.trim(), 400);
  const [adding, setAdding] = useState(false);
  const list = useCall(API.moves.list, { query: { year: listYear === 'all' ? undefined : listYear, school, kind, teacher: teacher || undefined } });
  const yl = (y: number) => t('yearLabel', { y, y1: y + 1 });
  const kindLabel = (k: MoveKind) => (lang === 'en' ? MOVE_KIND_EN[k] : k);

  const remove = async (id: number) => {
    await call(API.moves.remove, { params: { id } });
    message.success(t('removed'));
    list.reload();
  };

  const moves = list.data?.moves ?? [];
  return (
    <Card
      size="small"
      title={
        <span>
          {t('moves')}
          {list.data && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
              {t('count', { n: formatNumber(moves.length, 0) })}
            </Typography.Text>
          )}
        </span>
      }
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="moves-add">
            {t('add')}
          </Button>
        )
      }
      data-testid="moves-list"
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<number | 'all'>
          value={listYear}
          onChange={setListYear}
          style={{ flex: '1 1 140px', minWidth: 0 }}
          options={[{ value: 'all' as const, label: t('allYears') }, ...years.map((y) => ({ value: y, label: yl(y) }))]}
          data-testid="moves-filter-year"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('allSchools')}
          value={school}
          onChange={setSchool}
          style={{ flex: '2 1 200px', minWidth: 0 }}
          options={schools.map((s) => ({ value: s.code, label: s.name }))}
          data-testid="moves-filter-school"
        />
        <Select
          allowClear
          placeholder={t('allKinds')}
          value={kind}
          onChange={setKind}
          style={{ flex: '1 1 120px', minWidth: 0 }}
          options={MOVE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          data-testid="moves-filter-kind"
        />
        <Input.Search
          allowClear
          placeholder={t('searchTeacher')}
          value={teacherIn}
          onChange={(e) => setTeacher(e.target.value)}
          style={{ flex: '1 1 160px', minWidth: 0 }}
          data-testid="moves-filter-teacher"
        />
      </Flex>
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <Table<TeacherMoveRow>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={moves}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('empty') }}
          scroll={{ x: 860 }}
          columns={[
            {
              title: t('c.teacher'),
              key: 'teacher',
              fixed: 'left',
              width: 120,
              render: (_: unknown, m) => (
                <div>
                  <div>{m.teacherName ?? '—'}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.teacherId}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('c.fromTo'), key: 'fromTo', width: 240, render: (_: unknown, m) => `${m.fromName} → ${m.toName}` },
            { title: t('c.kind'), dataIndex: 'kind', width: 100, render: (k: MoveKind) => <Tag color={KIND_COLORS[k]}>{kindLabel(k)}</Tag> },
            { title: t('c.start'), dataIndex: 'startDate', width: 110 },
            { title: t('c.end'), dataIndex: 'endDate', width: 110, render: (v: string | null) => v ?? '—' },
            {
              title: t('c.source'),
              key: 'source',
              width: 130,
              render: (_: unknown, m) => (m.planId === null ? t('byHand') : <Link to={`/planning/exchange?plan=${m.planId}`}>{t('byPlan', { id: m.planId })}</Link>),
            },
            { title: t('c.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
            ...(canManage
              ? [
                  {
                    title: '',
                    key: 'actions',
                    width: 70,
                    render: (_: unknown, m: TeacherMoveRow) =>
                      m.planId === null ? (
                        <Popconfirm title={t('removeTitle')} okText={t('remove')} cancelText={t('f.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(m.id)}>
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('remove')} data-testid={`moves-remove-${m.id}`} />
                        </Popconfirm>
                      ) : (
                        <Tooltip title={t('planLocked')}>
                          <Button size="small" type="text" disabled icon={<DeleteOutlined />} aria-label={t('planLocked')} />
                        </Tooltip>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canManage && (
        <MoveDrawer
          t={t}
          open={adding}
          schools={schools}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
