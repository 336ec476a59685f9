// The roster of a school year as a table with filters (name, 工号 or id; 学部; post; title; 骨干; employment): name
// (opens the teacher), sex, age, 学部 (schools of several sections), subjects, post, 学历, 职称, 骨干 with its year, 梯队,
// years at the school, employment; edit and delete while the roster may change.
import { useMemo, useState } from 'react';
import { Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { formatNumber } from '../../../../../src/core/format.js';
import { EMPLOYMENTS, POSTS, TITLES, type Section } from '../../../../../src/teachers/model.js';
import type { RosterRowWire } from '../../../../../src/teachers/roster/contract.js';
import type { RosterT, ValueLabels } from './i18n.js';

type BackboneFilter = 'all' | 'counted' | 'any';
const COUNTED = ['县', '市', '省'];

export function RosterTable({
  t,
  v,
  rows,
  sections,
  writable,
  loading,
  onOpen,
  onEdit,
  onDelete,
}: {
  t: RosterT;
  v: ValueLabels;
  rows: RosterRowWire[];
  sections: Section[];
  writable: boolean;
  loading: boolean;
  onOpen: (teacherId: string) => void;
  onEdit: (row: RosterRowWire) => void;
  onDelete: (row: RosterRowWire) => Promise<void>;
}) {
  const [q, setQ] = useState('');
  const [section, setSection] = useState<Section | null>(null);
  const [post, setPost] = useState<string | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [backbone, setBackbone] = useState<BackboneFilter>('all');
  const [employment, setEmployment] = useState<string | null>(null);
  const multi = sections.length > 1;

  const shown = useMemo(() => {
    const text = q.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (!text || r.name.toLowerCase().includes(text) || (r.staffNo ?? '').toLowerCase().includes(text) || r.teacherId.toLowerCase().includes(text)) &&
        (!section || r.section === section) &&
        (!post || r.post === post) &&
        (!title || r.title === title) &&
        (backbone === 'all' || (backbone === 'any' ? r.backboneLevel !== null : COUNTED.includes(r.backboneLevel ?? ''))) &&
        (!employment || r.employment === employment),
    );
  }, [rows, q, section, post, title, backbone, employment]);

  const n = (x: number) => formatNumber(x, { decimals: 0 });
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} data-testid="roster-search" />
        {multi && (
          <Select
            allowClear
            placeholder={t('allSections')}
            value={section}
            onChange={(x?: Section) => setSection(x ?? null)}
            options={sections.map((s) => ({ value: s, label: v.section(s) }))}
            style={{ width: 140 }}
          />
        )}
        <Select allowClear placeholder={t('allPosts')} value={post} onChange={(x?: string) => setPost(x ?? null)} options={POSTS.map((p) => ({ value: p, label: v.post(p) }))} style={{ width: 150 }} />
        <Select
          allowClear
          placeholder={t('allTitles')}
          value={title}
          onChange={(x?: string) => setTitle(x ?? null)}
          options={TITLES.map((p) => ({ value: p, label: v.title(p) }))}
          style={{ width: 150 }}
        />
        <Select<BackboneFilter>
          value={backbone}
          onChange={setBackbone}
          options={[
            { value: 'all', label: t('allBackbone') },
            { value: 'counted', label: t('backboneOnly') },
            { value: 'any', label: t('anyBackbone') },
          ]}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('allEmployment')}
          value={employment}
          onChange={(x?: string) => setEmployment(x ?? null)}
          options={EMPLOYMENTS.map((p) => ({ value: p, label: v.employment(p) }))}
          style={{ width: 160 }}
        />
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          {t('shown', { n: n(shown.length), total: n(rows.length) })}
        </Typography.Text>
      </Flex>
      <Table<RosterRowWire>
        rowKey="teacherId"
        size="small"
        loading={loading}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('empty') }}
        data-testid="roster-table"
        columns={[
          {
            title: t('c.name'),
            dataIndex: 'name',
            fixed: 'left',
            width: 110,
            render: (name: string, r) => (
              <Typography.Link onClick={() => onOpen(r.teacherId)} data-testid={`roster-open-${r.teacherId}`}>
                {name}
              </Typography.Link>
            ),
          },
          { title: t('c.sex'), dataIndex: 'sex', width: 60, render: v.sex },
          { title: t('c.age'), dataIndex: 'age', width: 60, align: 'right', sorter: (a, b) => a.age - b.age, render: n },
          ...(multi ? [{ title: t('c.section'), dataIndex: 'section', width: 80, render: v.section }] : []),
          { title: t('c.subjects'), dataIndex: 'subjects', width: 150, render: (s: string[]) => s.join('、') },
          { title: t('c.post'), dataIndex: 'post', width: 90, render: v.post },
          { title: t('c.qualification'), dataIndex: 'qualification', width: 100, render: v.qualification },
          { title: t('c.title'), dataIndex: 'title', width: 90, render: v.title },
          {
            title: t('c.backbone'),
            key: 'backbone',
            width: 110,
            render: (_: unknown, r) => (r.backboneLevel ? <Tag color={COUNTED.includes(r.backboneLevel) ? 'blue' : 'default'}>{`${v.backbone(r.backboneLevel)} ${r.backboneYear ?? ''}`}</Tag> : '—'),
          },
          { title: t('c.tier'), dataIndex: 'tier', width: 90, render: (x: RosterRowWire['tier']) => (x ? v.tier(x) : '—') },
          { title: t('c.years'), dataIndex: 'yearsAtSchool', width: 90, align: 'right', sorter: (a, b) => a.yearsAtSchool - b.yearsAtSchool, render: n },
          { title: t('c.employment'), dataIndex: 'employment', width: 90, render: v.employment },
          ...(writable
            ? [
                {
                  title: t('c.actions'),
                  key: 'actions',
                  width: 96,
                  fixed: 'right' as const,
                  render: (_: unknown, r: RosterRowWire) => (
                    <Space size={4}>
                      <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('edit')} onClick={() => onEdit(r)} data-testid={`roster-edit-${r.teacherId}`} />
                      <Popconfirm title={t('deleteConfirm', { name: r.name })} onConfirm={() => onDelete(r)}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('delete')} data-testid={`roster-delete-${r.teacherId}`} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
