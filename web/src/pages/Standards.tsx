// 评估标准: the built-in standards packs and the district's local packs — indicators and thresholds, CV rule
// and limits, school rule, class and school sizes, unit costs, basis and versions. Admins create and edit
// local packs (each save is a new version).
import { useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Select, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, FundOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link, useSearchParams } from 'react-router-dom';
import { API } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { fmtTime, useCan, useLabels } from '../session.js';
import { formatNumber } from '../../../src/core/format.js';
import { useYear } from '../year.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult } from '../components/Problem.js';
import { usePackText, type Indicator, type StandardDetail, type StandardItem, type StandardPack } from './balance/shared.js';
import { PackForm } from './balance/PackForm.js';
import './balance/balance.css';

const LV = ['小学', '初中'] as const;

/** Which values a local pack overrides (from its saved input), to highlight them. */
function overridden(detail: StandardDetail) {
  // Indexed by plain strings below: the typed overrides seen as records.
  const o: {
    cvLimit?: Record<string, string | undefined>;
    thresholds?: Record<string, Record<string, string | undefined>>;
    schoolRule?: Record<string, unknown>;
    classSize?: { standard?: Record<string, number | undefined>; large?: number; huge?: number };
    schoolSize?: Record<string, number | undefined>;
    unitCosts?: Record<string, number>;
  } = detail.input?.overrides ?? {};
  return {
    cv: (l: string) => o.cvLimit?.[l] !== undefined,
    threshold: (k: string, l: string) => o.thresholds?.[k]?.[l] !== undefined,
    rule: (k: string) => o.schoolRule?.[k] !== undefined,
    classStd: (l: string) => o.classSize?.standard?.[l] !== undefined,
    large: () => o.classSize?.large !== undefined,
    huge: () => o.classSize?.huge !== undefined,
    size: (k: string) => o.schoolSize?.[k] !== undefined,
    cost: (k: string) => o.unitCosts?.[k] !== undefined,
  };
}

function Val({ changed, children }: { changed: boolean; children: React.ReactNode }) {
  const { t } = useI18n();
  return changed ? (
    <Tooltip title={t('standards.overridden')}>
      <span className="jh-overridden">{children}</span>
    </Tooltip>
  ) : (
    <>{children}</>
  );
}

function PackView({ detail, version, onVersion }: { detail: StandardDetail; version: number | null; onVersion: (v: number | null) => void }) {
  const { t } = useI18n();
  const L = useLabels();
  const text = usePackText(detail.pack);
  const p = detail.pack;
  const ov = overridden(detail);
  const perLevel = (f: (l: (typeof LV)[number]) => React.ReactNode) => (
    <Flex style={{ columnGap: 16, rowGap: 2 }} wrap>
      {LV.map((l) => (
        <span key={l}>
          <span className="jh-muted">{text.level(l)} </span>
          {f(l)}
        </span>
      ))}
    </Flex>
  );

  const columns: ColumnsType<Indicator> = [
    {
      title: t('balance.indicator'),
      key: 'name',
      width: 220,
      render: (_v, i) => (
        <div style={{ lineHeight: 1.35 }}>
          <div>{text.name(i.key)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {i.key}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('standards.unit'), key: 'unit', width: 96, render: (_v, i) => <span style={{ fontSize: 12 }}>{text.ratioUnit(i.key)}</span> },
    {
      title: t('standards.fields'),
      key: 'fields',
      width: 180,
      render: (_v, i) => <Typography.Text style={{ fontSize: 12 }}>{i.fields.map((f) => L.fieldLabel(f)).join(' + ')}</Typography.Text>,
    },
    ...(p.indicators.some((i) => i.threshold)
      ? LV.map((l) => ({
          title: `${t('balance.threshold')} · ${text.level(l)}`,
          key: l,
          width: 90,
          align: 'right' as const,
          render: (_v: unknown, i: Indicator) => (
            <span className="jh-num">
              <Val changed={ov.threshold(i.key, l)}>{i.threshold?.[l] ?? '—'}</Val>
            </span>
          ),
        }))
      : []),
    {
      title: t('standards.unitCost'),
      key: 'cost',
      width: 150,
      align: 'right',
      render: (_v, i) =>
        p.unitCosts?.[i.key] !== undefined ? (
          <span className="jh-num">
            <Val changed={ov.cost(i.key)}>{formatNumber(p.unitCosts[i.key], 0)}</Val> <span className="jh-unit">{t('balance.yuanPer', { unit: text.unit(i.key) })}</span>
          </span>
        ) : (
          <span className="jh-muted">—</span>
        ),
    },
  ];

  const items = [
    { key: 'id', label: t('standards.id'), children: <Typography.Text code>{p.id}</Typography.Text> },
    {
      key: 'ver',
      label: t('standards.version'),
      children:
        detail.versions.length > 1 ? (
          <Select
            size="small"
            value={version ?? 0}
            style={{ width: 110 }}
            onChange={(v: number) => onVersion(v === 0 ? null : v)}
            options={[
              { value: 0, label: `v${Math.max(...detail.versions.map((x) => x.version))} (${t('balance.latest')})` },
              ...[...detail.versions]
                .sort((a, b) => b.version - a.version)
                .slice(1)
                .map((x) => ({ value: x.version, label: `v${x.version}` })),
            ]}
            data-testid="standards-version"
          />
        ) : (
          `v${p.version}`
        ),
    },
    { key: 'basis', label: t('standards.basis'), span: 2, children: <Typography.Text style={{ fontSize: 13 }}>{p.basis}</Typography.Text> },
    ...(p.extends
      ? [
          {
            key: 'ext',
            label: t('standards.extends'),
            span: 2,
            children: `${p.extends.id} v${p.extends.version}`,
          },
        ]
      : []),
    {
      key: 'rule',
      label: t('standards.cvRule'),
      span: 2,
      children: p.cvRule === 'composite' ? t('standards.cvRuleComposite') : t('standards.cvRuleEach'),
    },
    {
      key: 'limit',
      label: p.cvRule === 'composite' ? t('standards.compositeLimit') : t('standards.cvLimit'),
      span: 2,
      children: perLevel((l) => (
        <b className="jh-num">
          <Val changed={ov.cv(l)}>≤ {p.cvLimit[l]}</Val>
        </b>
      )),
    },
    {
      key: 'school',
      label: t('standards.schoolRule'),
      span: 2,
      children: p.schoolRule ? (
        <span>
          {t('standards.ruleAtLeast')}{' '}
          <Val changed={ov.rule('minMet')}>
            <b>{p.schoolRule.minMet}</b>
          </Val>{' '}
          {t('standards.ruleOf', { k: p.indicators.length })}
          {t('standards.ruleRemainder')}{' '}
          <Val changed={ov.rule('remainderMinShare')}>
            <b>{Math.round(Number(p.schoolRule.remainderMinShare) * 100)}%</b>
          </Val>
          {t('standards.ruleRemainderEnd')}
          {p.schoolRule.remainderNote && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {p.schoolRule.remainderNote}
            </Typography.Text>
          )}
        </span>
      ) : (
        <span className="jh-muted">{t('standards.noSchoolRule')}</span>
      ),
    },
    { key: 'excl', label: t('standards.exclusions'), span: 2, children: t('standards.exclusionsText', { n: p.exclusions.teachingPointMinStudents }) },
    {
      key: 'class',
      label: t('standards.classSize'),
      span: 2,
      children: (
        <Flex style={{ columnGap: 16, rowGap: 2 }} wrap>
          {perLevel((l) => (
            <b className="jh-num">
              <Val changed={ov.classStd(l)}>≤ {p.classSize.standard[l]}</Val>
            </b>
          ))}
          <span>
            <span className="jh-muted">{t('balance.band.large')} </span>
            <Val changed={ov.large()}>≥ {p.classSize.large}</Val>
          </span>
          <span>
            <span className="jh-muted">{t('balance.band.huge')} </span>
            <Val changed={ov.huge()}>≥ {p.classSize.huge}</Val>
          </span>
        </Flex>
      ),
    },
    ...(p.guarantees
      ? [
          {
            key: 'size',
            label: t('standards.schoolSize'),
            span: 2,
            children: (
              <Flex style={{ columnGap: 16, rowGap: 2 }} wrap>
                <span>
                  <span className="jh-muted">{t('standards.schoolMax')} </span>
                  <Val changed={ov.size('max')}>≤ {p.guarantees.schoolSize.max}</Val>
                </span>
                <span>
                  <span className="jh-muted">{t('standards.schoolMaxTT')} </span>
                  <Val changed={ov.size('maxThroughTrain')}>≤ {p.guarantees.schoolSize.maxThroughTrain}</Val>
                </span>
                <span>
                  <span className="jh-muted">{t('standards.rooms')} </span>
                  {t('standards.roomsText', { n: p.guarantees.specialRooms.classesPerRoom })}
                </span>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" bordered column={2} items={items} styles={{ label: { width: 150, background: '#f8fafc' } }} data-testid="standards-detail" />
      <div>
        <Typography.Title level={5}>{t('standards.indicators', { n: p.indicators.length })}</Typography.Title>
        <Table size="small" rowKey="key" dataSource={p.indicators} columns={columns} pagination={false} scroll={{ x: 826 }} tableLayout="fixed" />
      </div>
      {!detail.builtIn && (
        <div>
          <Typography.Title level={5}>{t('standards.versions')}</Typography.Title>
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={[...detail.versions].sort((a, b) => b.version - a.version)}
            columns={[
              { title: t('standards.version'), dataIndex: 'version', render: (v: number) => <Tag color={v === p.version ? 'blue' : undefined}>v{v}</Tag> },
              { title: t('balance.savedBy'), dataIndex: 'createdBy', render: (v?: string) => v ?? '—' },
              { title: t('balance.savedAt'), dataIndex: 'createdAt', render: (v?: string) => fmtTime(v) },
              {
                title: t('common.actions'),
                key: 'a',
                render: (_v, r) => (
                  <Button type="link" size="small" disabled={r.version === p.version} onClick={() => onVersion(r.version)}>
                    {t('common.view')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      )}
    </Flex>
  );
}

export default function StandardsPage() {
  const { t, pick } = useI18n();
  const can = useCan();
  const { link } = useYear();
  /** Creating and editing local packs (the policy's 'standards.edit'). */
  const canEdit = can('standards.edit');
  const [params, setParams] = useSearchParams();
  const list = useCall(API.balance.listStandards, {});
  const standards = useMemo(() => list.data?.standards ?? [], [list.data]);
  const selected = params.get('id') || standards[0]?.id || null;
  const version = Number(params.get('version')) || null;
  const detail = useCall(API.balance.getStandard, selected ? { params: { id: selected }, query: version ? { version } : {} } : null, { silent: true });
  const [form, setForm] = useState<{ mode: 'create' | 'edit'; baseId?: string } | null>(null);
  const item = standards.find((s) => s.id === selected);

  const select = (id: string, v: number | null = null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('id', id);
        if (v) n.set('version', String(v));
        else n.delete('version');
        return n;
      },
      { replace: true },
    );

  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;

  const columns: ColumnsType<StandardItem> = [
    {
      title: t('standards.name'),
      key: 'name',
      render: (_v, s) => (
        <div style={{ lineHeight: 1.4 }}>
          <div style={{ fontWeight: s.id === selected ? 600 : undefined }}>{pick(s.name, s.nameEn)}</div>
          <Flex gap={4} wrap style={{ marginTop: 2 }}>
            <Tag color={s.builtIn ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>
              {s.builtIn ? t('standards.builtIn') : t('standards.local')}
            </Tag>
            <Tag style={{ marginInlineEnd: 0 }}>v{s.version}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 11 }}>
              {s.id}
            </Typography.Text>
          </Flex>
        </div>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('standards.title')}
        subtitle={t('standards.subtitle')}
        crumbs={[{ title: t('nav.balance'), to: link('/balance') }, { title: t('standards.title') }]}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create', baseId: item?.builtIn ? item.id : item?.extends?.id })} data-testid="standards-create">
              {t('standards.create')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={6}>
          <Card variant="borderless" title={t('standards.list')} styles={{ body: { padding: 0 } }}>
            <Table
              size="small"
              rowKey="id"
              showHeader={false}
              loading={list.loading && !list.data}
              dataSource={standards}
              columns={columns}
              pagination={false}
              className="jh-clickable-rows"
              rowClassName={(r) => (r.id === selected ? 'jh-row-selected' : '')}
              onRow={(r) => ({ onClick: () => select(r.id), 'data-testid': `standards-item-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
              data-testid="standards-list"
            />
          </Card>
        </Col>
        <Col xs={24} xl={18}>
          <Card
            variant="borderless"
            title={detail.data ? pick(detail.data.pack.name, detail.data.pack.nameEn) : item ? pick(item.name, item.nameEn) : t('standards.title')}
            extra={
              detail.data && (
                <Flex gap={8}>
                  <Link to={`${link('/balance')}&standard=${encodeURIComponent(detail.data.pack.id)}${version ? `&version=${version}` : ''}`}>
                    <Button icon={<FundOutlined />} data-testid="standards-use">
                      {t('standards.use')}
                    </Button>
                  </Link>
                  {canEdit && !detail.data.builtIn && (
                    <Button icon={<EditOutlined />} onClick={() => setForm({ mode: 'edit' })} data-testid="standards-edit">
                      {t('standards.edit')}
                    </Button>
                  )}
                  {canEdit && detail.data.builtIn && (
                    <Button icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create', baseId: detail.data!.pack.id })}>
                      {t('standards.deriveFrom')}
                    </Button>
                  )}
                </Flex>
              )
            }
          >
            {detail.error ? (
              <ErrorResult error={detail.error} onRetry={detail.reload} />
            ) : !selected ? (
              <Empty />
            ) : !detail.data ? (
              <Skeleton active paragraph={{ rows: 10 }} />
            ) : (
              <PackView detail={detail.data} version={version} onVersion={(v) => select(selected, v)} />
            )}
          </Card>
        </Col>
      </Row>
      {canEdit && (
        <PackForm
          open={!!form}
          mode={form?.mode ?? 'create'}
          baseId={form?.baseId}
          edit={form?.mode === 'edit' ? (detail.data ?? undefined) : undefined}
          standards={standards}
          onClose={() => setForm(null)}
          onSaved={(pack: StandardPack) => {
            setForm(null);
            list.reload();
            select(pack.id);
            detail.reload();
          }}
        />
      )}
    </div>
  );
}
