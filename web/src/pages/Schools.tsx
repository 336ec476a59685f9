import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { API, download } from '../client.js';
import { useCall, useDebounced } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { fmt, useCan, useLabels, useMe, yearLabel } from '../session.js';
import { districtTerm } from '../../../src/core/district-term.js';
import { useYear } from '../year.js';
import { PageHeader } from '../components/PageHeader.js';
import { DownloadButton } from '../components/DownloadButton.js';
import { ErrorResult } from '../components/Problem.js';
import { StatusTag } from '../components/StatusTag.js';
import { SchoolFormModal } from '../components/SchoolFormModal.js';
import type { SchoolRow, StatStatus } from '../types.js';
import { BAND_COLORS, sizeClass, useClassSize } from '../util.js';

const byNum = (k: keyof SchoolRow) => (a: SchoolRow, b: SchoolRow) => ((a[k] as number | null) ?? -1) - ((b[k] as number | null) ?? -1);

export default function SchoolsPage() {
  const { t, lang } = useI18n();
  const L = useLabels();
  const can = useCan();
  const { year, link } = useYear();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const me = useMe();
  const term = districtTerm(me.districtName).zh;
  const level = params.get('level') ?? '';
  const location = params.get('location') ?? '';
  const ownership = params.get('ownership') ?? '';
  const statusFilter = params.get('status') ?? '';
  const [q, setQ] = useState(params.get('q') ?? '');
  const dq = useDebounced(q.trim(), 300);

  const setParam = (k: string, v: string | undefined) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: true },
    );

  const query = {
    year,
    level: (level || undefined) as SchoolRow['level'] | undefined,
    location: (location || undefined) as SchoolRow['location'] | undefined,
    ownership: (ownership || undefined) as SchoolRow['ownership'] | undefined,
    q: dq || undefined,
  };
  const { data, loading, error, reload } = useCall(API.registry.listSchools, { query }, { silent: true });
  // A viewer sees every school's registry facts and the totals, no school's own figures (the server's rule).
  const figures = data?.perSchoolFigures ?? true;
  const cs = useClassSize(data?.classSize);
  const rows = useMemo(() => {
    const all = data?.schools ?? [];
    if (!statusFilter || !figures) return all;
    return all.filter((r) => (statusFilter === 'none' ? !r.status : r.status === statusFilter));
  }, [data, statusFilter, figures]);
  /** The totals of the rows shown: the server's (every user may see them), or the sum of the rows a status filter keeps. */
  const totals = useMemo(() => {
    if (!data) return null;
    if (!statusFilter || !figures) return data.totals;
    const add = (k: 'students' | 'classes' | 'teachers' | 'overStandardClasses' | 'largeClasses' | 'hugeClasses') => rows.reduce((a, r) => a + (r[k] ?? 0), 0);
    return {
      schools: rows.length,
      students: add('students'),
      classes: add('classes'),
      teachers: add('teachers'),
      overStandardClasses: add('overStandardClasses'),
      largeClasses: add('largeClasses'),
      hugeClasses: add('hugeClasses'),
    };
  }, [data, rows, statusFilter, figures]);
  const th = cs.thresholds;
  const bandsHelp = t('schools.bandsHelp', { pack: data?.classSize.standardName ?? '', p: th.standard['小学'], j: th.standard['初中'], large: th.large, largeTo: th.huge - 1, huge: th.huge });
  // A school's page shows its figures: worth opening for whoever reads them.
  const canOpen = (code: string) => can('stats.read', code);
  const filtered = !!(level || location || ownership || dq || statusFilter);

  const facts: ColumnsType<SchoolRow> = [
    { title: t('schools.code'), dataIndex: 'code', width: 130, sorter: (a, b) => a.code.localeCompare(b.code), render: (v: string) => <span className="jh-num jh-muted">{v}</span> },
    {
      title: t('schools.name'),
      dataIndex: 'name',
      width: 260,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (v: string, r) => (
        <Space size={6} wrap>
          {canOpen(r.code) ? (
            <Link to={link(`/schools/${r.code}`)} onClick={(e) => e.stopPropagation()}>
              {v}
            </Link>
          ) : (
            <span>{v}</span>
          )}
          {r.isBoarding && (
            <Tag variant="filled" color="cyan">
              {t('school.field.isBoarding')}
            </Tag>
          )}
          {r.isOpen === false && <Tag>{t('schools.closed')}</Tag>}
        </Space>
      ),
    },
    { title: t('schools.level'), dataIndex: 'level', width: 120, render: (v: string) => L.level(v) },
    { title: t('schools.location'), dataIndex: 'location', width: 90, render: (v: string) => L.location(v) },
    { title: t('schools.ownership'), dataIndex: 'ownership', width: 90, render: (v: string) => L.ownership(v) },
  ];
  const perSchool: ColumnsType<SchoolRow> = [
    { title: t('schools.students'), dataIndex: 'students', width: 100, align: 'right', sorter: byNum('students'), render: (v: number | null) => fmt(v, 0, lang) },
    { title: t('schools.classes'), dataIndex: 'classes', width: 90, align: 'right', sorter: byNum('classes'), render: (v: number | null) => fmt(v, 0, lang) },
    { title: t('schools.teachers'), dataIndex: 'teachers', width: 100, align: 'right', sorter: byNum('teachers'), render: (v: number | null) => fmt(v, 0, lang) },
    {
      title: t('schools.maxClass'),
      dataIndex: 'maxClassSize',
      width: 110,
      align: 'right',
      sorter: byNum('maxClassSize'),
      render: (v: number | null, r) =>
        v == null ? (
          '—'
        ) : (
          <Tooltip title={r.maxClassBand ? cs.label(r.maxClassBand) : undefined}>
            <span className={sizeClass(r.maxClassBand)} data-size={v} data-band={r.maxClassBand ?? undefined}>
              {fmt(v, 0, lang)}
            </span>
          </Tooltip>
        ),
    },
    {
      title: t('schools.overStandard'),
      dataIndex: 'overStandardClasses',
      width: 124,
      align: 'right',
      sorter: byNum('overStandardClasses'),
      render: (v: number | null, r) =>
        v == null ? (
          '—'
        ) : (
          <Tooltip title={t('schools.overStandardOf', { n: v, large: r.largeClasses ?? 0, huge: r.hugeClasses ?? 0 })}>
            <span className={(r.largeClasses ?? 0) + (r.hugeClasses ?? 0) > 0 ? 'jh-size-huge' : v > 0 ? 'jh-size-large' : undefined} data-over={v}>
              {fmt(v, 0, lang)}
            </span>
          </Tooltip>
        ),
    },
    { title: t('schools.status'), dataIndex: 'status', width: 110, render: (s: StatStatus | null) => <StatusTag status={s} /> },
  ];
  const columns: ColumnsType<SchoolRow> = figures
    ? [...facts, ...perSchool]
    : [...facts, { title: t('school.field.address'), dataIndex: 'address', width: 260, render: (v: string | null) => v ?? '—' }];

  if (error) return <ErrorResult error={error} onRetry={reload} />;

  return (
    <div>
      <PageHeader
        title={t('schools.title')}
        subtitle={t('schools.subtitle', { year: yearLabel(year, lang), term })}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
            <DownloadButton
              data-testid="schools-export"
              get={() => {
                const status = figures && statusFilter ? (statusFilter as StatStatus | 'none') : undefined;
                return download(API.registry.exportSchools, { query: { ...query, status } }, `schools-${year}.xlsx`);
              }}
            >
              {t('schools.export')}
            </DownloadButton>
            {can('schools.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-school">
                {t('schools.new')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input
            allowClear
            prefix={<SearchOutlined className="jh-muted" />}
            placeholder={t('schools.searchPh')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setParam('q', e.target.value.trim() || undefined);
            }}
            style={{ width: 240 }}
            data-testid="school-search"
          />
          <Select allowClear placeholder={t('schools.level')} value={level || undefined} onChange={(v) => setParam('level', v)} options={L.options(L.levels)} style={{ width: 150 }} />
          <Select allowClear placeholder={t('schools.location')} value={location || undefined} onChange={(v) => setParam('location', v)} options={L.options(L.locations)} style={{ width: 120 }} />
          <Select allowClear placeholder={t('schools.ownership')} value={ownership || undefined} onChange={(v) => setParam('ownership', v)} options={L.options(L.ownerships)} style={{ width: 120 }} />
          {figures && (
            <Select
              allowClear
              placeholder={t('schools.status')}
              value={statusFilter || undefined}
              onChange={(v) => setParam('status', v)}
              style={{ width: 130 }}
              options={[...(['draft', 'submitted', 'approved', 'returned'] as StatStatus[]).map((s) => ({ value: s, label: L.status(s) })), { value: 'none', label: L.status(null) }]}
            />
          )}
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setQ('');
                setParams(new URLSearchParams({ year: String(year) }), { replace: true });
              }}
            >
              {t('common.reset')}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          {figures && (
            <Space size={16} wrap className="jh-muted" style={{ fontSize: 12 }}>
              {(['over', 'large', 'huge'] as const).map((b) => (
                <span key={b}>
                  <span className="jh-legend-dot" style={{ background: BAND_COLORS[b] }} />
                  {cs.label(b)}
                </span>
              ))}
            </Space>
          )}
        </Flex>
        {data && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }} data-testid="schools-help">
            {figures ? bandsHelp : t('schools.viewerRule', { term })}
          </Typography.Paragraph>
        )}
        {data && !figures && totals && (
          <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="schools-totals">
            <Tag variant="filled" color="blue">
              {t('schools.totalOf', { term })}
            </Tag>
            <Tag variant="filled">
              {t('common.students')} {fmt(totals.students, 0, lang)}
            </Tag>
            <Tag variant="filled">
              {t('common.classes')} {fmt(totals.classes, 0, lang)}
            </Tag>
            <Tag variant="filled">
              {t('common.teachers')} {fmt(totals.teachers, 0, lang)}
            </Tag>
            <Tooltip title={t('schools.overStandardOf', { n: totals.overStandardClasses, large: totals.largeClasses, huge: totals.hugeClasses })}>
              <Tag variant="filled" color="orange">
                {t('schools.overStandard')} {fmt(totals.overStandardClasses, 0, lang)}
              </Tag>
            </Tooltip>
          </Flex>
        )}
        <div data-testid="school-table">
          <Table<SchoolRow>
            rowKey="code"
            size="middle"
            className={can('stats.read') ? 'jh-clickable-rows' : undefined}
            loading={loading}
            columns={columns}
            dataSource={rows}
            scroll={{ x: figures ? 1100 : 900 }}
            locale={{ emptyText: loading ? ' ' : <Empty description={filtered ? t('schools.empty') : t('common.noData')} /> }}
            onRow={(r) =>
              ({
                onClick: () => {
                  if (canOpen(r.code)) void navigate(link(`/schools/${r.code}`));
                },
                'data-code': r.code,
              }) as React.HTMLAttributes<HTMLElement>
            }
            pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => t('schools.count', { n }) }}
            summary={() =>
              totals && rows.length > 0 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row style={{ background: '#fafbfd' }}>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <Typography.Text strong data-testid="schools-total">
                        {figures ? t('common.total') : t('schools.totalOf', { term })} · {t('schools.count', { n: totals.schools })}
                      </Typography.Text>
                    </Table.Summary.Cell>
                    {figures ? (
                      <>
                        <Table.Summary.Cell index={2} colSpan={3} />
                        <Table.Summary.Cell index={5} align="right">
                          <b>{fmt(totals.students, 0, lang)}</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={6} align="right">
                          <b>{fmt(totals.classes, 0, lang)}</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={7} align="right">
                          <b>{fmt(totals.teachers, 0, lang)}</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={8} />
                        <Table.Summary.Cell index={9} align="right">
                          <Tooltip title={t('schools.overStandardOf', { n: totals.overStandardClasses, large: totals.largeClasses, huge: totals.hugeClasses })}>
                            <b>{fmt(totals.overStandardClasses, 0, lang)}</b>
                          </Tooltip>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={10} />
                      </>
                    ) : (
                      <Table.Summary.Cell index={2} colSpan={4}>
                        <Typography.Text>
                          {t('common.students')} <b>{fmt(totals.students, 0, lang)}</b> · {t('common.classes')} <b>{fmt(totals.classes, 0, lang)}</b> · {t('common.teachers')}{' '}
                          <b>{fmt(totals.teachers, 0, lang)}</b> · {t('schools.overStandard')} <b>{fmt(totals.overStandardClasses, 0, lang)}</b>
                        </Typography.Text>
                      </Table.Summary.Cell>
                    )}
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        </div>
      </Card>
      <SchoolFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(s) => {
          setCreating(false);
          reload();
          void navigate(link(`/schools/${s.code}`));
        }}
      />
    </div>
  );
}
