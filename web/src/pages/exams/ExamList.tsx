// /exams — the exams of the district: list, create (bureau), settings, import and delete (admin).
import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, FileSearchOutlined, PlusOutlined, SearchOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { API, call } from '../../client.js';
import { useI18n } from '../../i18n.js';
import { fmt, fmtTime, useCan, useLabels } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { useExamT } from './i18n.js';
import { ExamFormModal } from './ExamForm.js';
import { ExamImportDrawer } from './ExamImport.js';
import { ExamTypeTag, typeLabel, useExam } from './shared.js';
import { EXAM_TYPES, type Exam } from './types.js';
import './exams.css';

export default function ExamListPage() {
  const t = useExamT();
  const { t: tt, lang } = useI18n();
  const L = useLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const can = useCan();
  const manage = can('exams.manage');
  const mayDelete = can('exams.delete');
  const { exams: all, loaded, error, loading, reload } = useExam();
  const [editing, setEditing] = useState<Exam | 'new' | null>(null);
  const [importing, setImporting] = useState<Exam | null>(null);
  const [q, setQ] = useState('');
  const [type, setType] = useState<string>('all');

  const exams = useMemo(() => {
    const list = all;
    const qq = q.trim().toLowerCase();
    return list.filter((e) => (type === 'all' || e.type === type) && (!qq || e.name.toLowerCase().includes(qq)));
  }, [all, q, type]);
  const types = useMemo(() => EXAM_TYPES.filter((x) => all.some((e) => e.type === x)), [all]);

  if (error) return <ErrorResult error={error} onRetry={reload} />;

  const del = async (e: Exam) => {
    await call(API.exams.remove, { params: { id: e.id } });
    message.success(t('deleted'));
    reload();
  };

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="exams-create">
              {t('create')}
            </Button>
          )
        }
      />
      <Card
        variant="borderless"
        title={t('list')}
        extra={
          <Flex gap={8} wrap align="center">
            {types.length > 1 && (
              <Segmented
                size="small"
                value={type}
                onChange={(v) => setType(String(v))}
                options={[{ value: 'all', label: tt('common.all') }, ...types.map((x) => ({ value: x, label: typeLabel(x, lang) }))]}
              />
            )}
            <Input allowClear size="small" prefix={<SearchOutlined />} placeholder={t('searchPh')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />
          </Flex>
        }
        styles={{ body: { paddingTop: 8 } }}
      >
        <Table<Exam>
          size="middle"
          rowKey="id"
          loading={loading && !loaded}
          dataSource={exams}
          data-testid="exams-table"
          locale={{ emptyText: t('empty') }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('count', { n }) }}
          scroll={{ x: 1300 }}
          onRow={(e) => ({ 'data-testid': `exam-row-${e.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('col.name'),
              dataIndex: 'name',
              width: 300,
              render: (name: string, e) => (
                <Space orientation="vertical" size={0}>
                  {e.studentCount > 0 ? (
                    <Link to={`/exams/${e.id}`}>
                      <Typography.Text strong style={{ color: 'inherit' }}>
                        {name}
                      </Typography.Text>
                    </Link>
                  ) : (
                    <Typography.Text strong>{name}</Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[e.term, e.scope].filter(Boolean).join(' · ') || '—'}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('col.date'), dataIndex: 'date', width: 110, render: (d: string | null) => d ?? '—', sorter: (a, b) => (a.date ?? '').localeCompare(b.date ?? '') },
            { title: t('col.grade'), dataIndex: 'grade', width: 90, render: (g: number) => L.grade(g) },
            { title: t('col.type'), dataIndex: 'type', width: 100, render: (x: string) => <ExamTypeTag type={x} /> },
            {
              title: t('col.subjects'),
              dataIndex: 'subjects',
              width: 300,
              render: (subs: Exam['subjects']) => (
                <Tooltip title={subs.map((s) => `${s.subject} ${fmt(s.fullMarks, Number.isInteger(s.fullMarks) ? 0 : 1)}`).join('、')}>
                  <span className="jh-exam-subject-list">
                    {subs.map((s) => (
                      <span key={s.subject}>
                        {s.subject}
                        <span className="jh-muted">{fmt(s.fullMarks, Number.isInteger(s.fullMarks) ? 0 : 1)}</span>
                      </span>
                    ))}
                  </span>
                </Tooltip>
              ),
            },
            {
              title: t('col.students'),
              dataIndex: 'studentCount',
              width: 100,
              align: 'right',
              render: (n: number) => (n ? <span className="jh-num">{fmt(n, 0, lang)}</span> : <span className="jh-muted">—</span>),
              sorter: (a, b) => a.studentCount - b.studentCount,
            },
            {
              title: t('col.imported'),
              dataIndex: 'importedAt',
              width: 150,
              render: (at: string | null) => (at ? <span className="jh-num">{fmtTime(at)}</span> : <Tag>{t('status.empty')}</Tag>),
            },
            {
              title: tt('common.actions'),
              key: 'actions',
              width: manage ? 250 : 90,
              fixed: 'right',
              render: (_, e) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" icon={<FileSearchOutlined />} disabled={!e.studentCount} onClick={() => navigate(`/exams/${e.id}`)} data-testid={`exam-open-${e.id}`}>
                    {t('report')}
                  </Button>
                  {manage && (
                    <Button type="link" size="small" icon={<CloudUploadOutlined />} onClick={() => setImporting(e)} data-testid={`exam-import-${e.id}`}>
                      {e.studentCount ? t('reimport') : t('import')}
                    </Button>
                  )}
                  {manage && (
                    <Button type="link" size="small" icon={<SettingOutlined />} onClick={() => setEditing(e)}>
                      {t('settings')}
                    </Button>
                  )}
                  {mayDelete && (
                    <Popconfirm title={t('deleteConfirm', { name: e.name })} okButtonProps={{ danger: true }} okText={t('delete')} onConfirm={() => del(e)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('delete')} />
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ExamFormModal
        open={editing !== null}
        exam={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(saved, id) => {
          const wasNew = editing === 'new';
          setEditing(null);
          reload();
          // A new exam goes straight to the import.
          if (wasNew && id) {
            if (saved) setImporting(saved);
            else void call(API.exams.get, { params: { id } }).then((r) => setImporting(r.exam));
          }
        }}
      />
      <ExamImportDrawer
        exam={importing}
        onClose={() => {
          setImporting(null);
          reload();
        }}
        onImported={reload}
      />
    </div>
  );
}
