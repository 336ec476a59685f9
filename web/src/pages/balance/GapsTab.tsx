// 差距与方案: every school's gap to each standard in real units and its estimated cost, and the server's
// least-cost plan (API.balance.plan) with editable unit costs.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, InputNumber, Result, Row, Skeleton, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined, FileExcelOutlined, UndoOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router-dom';
import { bilingual } from '../../api.js';
import { API, download } from '../../client.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { useCall, useDebounced } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { formatPercent } from '../../../../src/core/format.js';
import { useYear } from '../../year.js';
import { baseCode, packQuery, RED, usePackText, type BalanceLevel, type Evaluation, type LevelPlan, type PlanAddition } from './shared.js';

interface GapRow {
  id: string;
  code: string;
  name: string;
  key: string;
  value: number | null;
  threshold: number;
  gap: number;
  share: number | null;
  cost: number | null;
}

/** `costs=key:yuan,…` for the unit costs that differ from the pack's. */
function costsParam(costs: Record<string, number>, base: Record<string, number> | undefined): string {
  return Object.entries(costs)
    .filter(([k, v]) => base?.[k] !== v)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');
}

function PlanView({ plan, data, level }: { plan: LevelPlan; data: Evaluation; level: BalanceLevel }) {
  const { t, lang } = useI18n();
  const { link } = useYear();
  const text = usePackText(data.pack);
  const nameOf = useMemo(() => {
    const m = new Map((data.levels[level]?.schools ?? []).map((s) => [s.schoolCode, s.schoolName ?? s.schoolCode]));
    return (code: string, n?: string) => n ?? m.get(code) ?? code;
  }, [data, level]);
  const before = plan.cvBefore ?? {};
  const after = plan.cvAfter ?? {};
  const floors = plan.floors ?? {};
  const anyFloor = Object.values(floors).some((f) => f !== null);
  const lv = data.levels[level];
  const limitOf = (key: string) => lv?.indicators.find((i) => i.key === key)?.limit ?? null;
  const totals = Object.entries(plan.totals ?? {})
    .filter(([, v]) => v.add > 0 || v.cost > 0)
    .map(([key, v]) => ({ key, ...v }));
  const reasonColor = { standard: 'blue', remainder: 'orange', cv: 'purple' } as const;

  const addColumns: ColumnsType<PlanAddition> = [
    {
      title: t('balance.school'),
      key: 'school',
      render: (_v, r) => <Link to={link(`/schools/${baseCode(r.schoolCode)}`)}>{nameOf(r.schoolCode, r.schoolName)}</Link>,
    },
    { title: t('balance.indicator'), dataIndex: 'key', render: (k: string) => <span title={text.name(k)}>{text.short(k)}</span> },
    { title: t('balance.add'), dataIndex: 'add', align: 'right', sorter: (a, b) => a.add - b.add, render: (v: number, r) => <span className="jh-num">{text.amountUnit(r.key, v)}</span> },
    {
      title: `${t('balance.cost')} (${t('balance.wan')})`,
      dataIndex: 'cost',
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.cost - b.cost,
      render: (v: number) => <span className="jh-num">{text.wan(v)}</span>,
    },
    {
      title: t('balance.reason'),
      dataIndex: 'reason',
      align: 'center',
      filters: (['standard', 'remainder', 'cv'] as const).map((r) => ({ text: t(`balance.reason.${r}`), value: r })),
      onFilter: (v, r) => r.reason === v,
      render: (r: PlanAddition['reason']) => <Tag color={reasonColor[r] ?? 'default'}>{t(`balance.reason.${r}`)}</Tag>,
    },
  ];

  const cvKeys = data.pack.indicators.map((i) => i.key).filter((k) => k in before || k in after);
  return (
    <Flex vertical gap={16} data-testid="balance-plan">
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card variant="borderless" className="jh-kpi">
            <Statistic title={t('balance.planTotal')} value={plan.totalCost / 10_000} precision={2} suffix={t('balance.wan')} data-testid="balance-plan-total" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card variant="borderless" className="jh-kpi">
            <Statistic title={t('balance.planItems')} value={plan.additions.length} suffix={t('balance.items')} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card variant="borderless" className="jh-kpi">
            <Statistic title={t('balance.planSchools')} value={new Set(plan.additions.map((a) => a.schoolCode)).size} suffix={t('common.unitSchools')} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card variant="borderless" className="jh-kpi">
            <div className="jh-level-stat-label">{t('balance.feasible')}</div>
            <div style={{ marginTop: 6 }}>
              {plan.feasible === false ? <Tag color="error">{t('balance.infeasible')}</Tag> : <Tag color="success">{t('balance.feasibleYes')}</Tag>}
              {plan.rounds !== undefined && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('balance.rounds', { n: plan.rounds })}
                </Typography.Text>
              )}
            </div>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('balance.planTotals')} className="jh-card-fill" styles={{ body: { paddingTop: 8 } }}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={totals}
              locale={{ emptyText: t('balance.nothingToAdd') }}
              columns={[
                { title: t('balance.indicator'), dataIndex: 'key', render: (k: string) => <span title={text.name(k)}>{text.short(k)}</span> },
                { title: t('balance.add'), dataIndex: 'add', align: 'right', render: (v: number, r) => <span className="jh-num">{text.amountUnit(r.key, v)}</span> },
                { title: `${t('balance.cost')} (${t('balance.wan')})`, dataIndex: 'cost', align: 'right', render: (v: number) => <span className="jh-num">{text.wan(v)}</span> },
              ]}
              summary={() =>
                totals.length ? (
                  <Table.Summary.Row style={{ background: '#fafbfd' }}>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <b>{t('common.total')}</b>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <b className="jh-num">{text.wan(plan.totalCost)}</b>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('balance.planCv')} className="jh-card-fill" styles={{ body: { paddingTop: 8 } }}>
            {cvKeys.length ? (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={cvKeys.map((key) => ({ key }))}
                columns={[
                  { title: t('balance.indicator'), dataIndex: 'key', render: (k: string) => <span title={text.name(k)}>{text.short(k)}</span> },
                  {
                    title: `${t('balance.before')} → ${t('balance.after')}`,
                    key: 'cv',
                    align: 'right',
                    render: (_v, r) => {
                      const lim = limitOf(r.key);
                      const a = after[r.key];
                      return (
                        <span className="jh-num" style={{ whiteSpace: 'nowrap' }}>
                          <span className="jh-muted">{text.cv(before[r.key])}</span> <ArrowRightOutlined className="jh-muted" style={{ fontSize: 10 }} />{' '}
                          <b style={{ color: lim !== null && a != null && a > lim ? RED : undefined }}>{text.cv(a)}</b>
                        </span>
                      );
                    },
                  },
                  { title: t('balance.limit'), key: 'lim', align: 'right', render: (_v, r) => <span className="jh-num">{text.limit(limitOf(r.key))}</span> },
                  ...(anyFloor
                    ? [
                        {
                          title: (
                            <Tooltip title={t('balance.floorHelp')}>
                              <span>{t('balance.floor')}</span>
                            </Tooltip>
                          ),
                          key: 'floor',
                          align: 'right' as const,
                          render: (_v: unknown, r: { key: string }) =>
                            floors[r.key] == null ? (
                              <span className="jh-muted">—</span>
                            ) : (
                              <span className="jh-num">
                                ≥ {text.value(r.key, floors[r.key])} <span className="jh-unit">{text.ratioUnit(r.key)}</span>
                              </span>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
      <Card variant="borderless" title={t('balance.planAdditions')} styles={{ body: { paddingTop: 8 } }}>
        <Table
          size="small"
          rowKey={(r) => `${r.schoolCode}:${r.key}`}
          dataSource={plan.additions}
          columns={addColumns}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
          data-testid="balance-plan-additions"
        />
      </Card>
      {(plan.leftAtRemainder.length > 0 || plan.skipped.length > 0) && (
        <Card variant="borderless" title={t('balance.leftAtRemainder')} styles={{ body: { paddingTop: 8 } }}>
          {plan.leftAtRemainder.length > 0 && (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('balance.leftAtRemainderHelp', {
                  share: data.pack.schoolRule ? `${Math.round(Number(data.pack.schoolRule.remainderMinShare) * 100)}%` : '85%',
                })}
              </Typography.Paragraph>
              <Flex wrap gap={6}>
                {plan.leftAtRemainder.map((r) => (
                  <Tag key={`${r.schoolCode}:${r.key}`} color="gold">
                    {nameOf(r.schoolCode)} · {text.short(r.key)}
                  </Tag>
                ))}
              </Flex>
            </>
          )}
          {plan.skipped.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title={t('balance.skipped')}
              description={plan.skipped.map((s) => `${nameOf(s.schoolCode)}：${bilingual(s.reason, lang)}`).join('；')}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}

export function GapsTab({ data, level, year, standard, version }: { data: Evaluation; level: BalanceLevel; year: number; standard: string; version: number | null }) {
  const { t, lang } = useI18n();
  const { link } = useYear();
  const text = usePackText(data.pack);
  const lv = data.levels[level]!;
  const baseCosts = data.pack.unitCosts;
  const [costs, setCosts] = useState<Record<string, number>>(() => ({ ...(baseCosts ?? {}) }));
  const debounced = useDebounced(costs, 600);
  const cp = costsParam(debounced, baseCosts);
  const plan = useCall(API.balance.plan, data.pack.schoolRule ? { query: { ...packQuery(year, standard, version), ...(cp ? { costs: cp } : {}) } } : null, { silent: true });
  const edited = costsParam(costs, baseCosts) !== '';

  const rows = useMemo<GapRow[]>(() => {
    const out: GapRow[] = [];
    for (const s of lv.schools) {
      if (s.excluded) continue;
      for (const ind of data.pack.indicators) {
        const g = s.gaps[ind.key];
        const thr = ind.threshold?.[level];
        if (!g || g <= 0 || !thr) continue;
        const v = s.values[ind.key];
        const c = costs[ind.key];
        out.push({
          id: `${s.schoolCode}:${ind.key}`,
          code: s.schoolCode,
          name: s.schoolName ?? s.schoolCode,
          key: ind.key,
          value: v,
          threshold: Number(thr),
          gap: g,
          share: v === null ? null : v / Number(thr),
          cost: c === undefined ? null : g * c,
        });
      }
    }
    return out;
  }, [lv, data.pack, level, costs]);
  const totalCost = rows.reduce((s, r) => s + (r.cost ?? 0), 0);
  const remainder = Number(data.pack.schoolRule?.remainderMinShare ?? 0);

  if (!data.pack.schoolRule)
    return (
      <Card variant="borderless">
        <Result status="info" title={t('balance.noSchoolRule')} subTitle={t('balance.noSchoolRuleHelp')} />
      </Card>
    );

  const columns: ColumnsType<GapRow> = [
    {
      title: t('balance.school'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (n: string, r) => <Link to={link(`/schools/${baseCode(r.code)}`)}>{n}</Link>,
    },
    {
      title: t('balance.indicator'),
      dataIndex: 'key',
      filters: data.pack.indicators.map((i) => ({ text: text.short(i.key), value: i.key })),
      onFilter: (v, r) => r.key === v,
      render: (k: string) => <span title={text.name(k)}>{text.short(k)}</span>,
    },
    {
      title: t('balance.current'),
      dataIndex: 'value',
      align: 'right',
      render: (v: number | null, r) => (
        <span className="jh-num">
          {text.value(r.key, v)} <span className="jh-unit">{text.ratioUnit(r.key)}</span>
        </span>
      ),
    },
    {
      title: t('balance.threshold'),
      dataIndex: 'threshold',
      align: 'right',
      render: (v: number, r) => (
        <span className="jh-num">
          {text.value(r.key, v)} <span className="jh-unit">{text.ratioUnit(r.key)}</span>
        </span>
      ),
    },
    {
      title: t('balance.ofStandard'),
      dataIndex: 'share',
      align: 'right',
      sorter: (a, b) => (a.share ?? 0) - (b.share ?? 0),
      render: (v: number | null) => (
        <span className="jh-num" style={{ color: v !== null && v < remainder ? RED : '#b45309' }}>
          {formatPercent(v)}
        </span>
      ),
    },
    {
      title: t('balance.gap'),
      dataIndex: 'gap',
      align: 'right',
      sorter: (a, b) => a.gap - b.gap,
      render: (v: number, r) => (
        <b className="jh-num" style={{ color: RED }} data-testid={`balance-gap-${r.code}-${r.key}`}>
          {text.amountUnit(r.key, v)}
        </b>
      ),
    },
    {
      title: `${t('balance.estCost')} (${t('balance.wan')})`,
      dataIndex: 'cost',
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => (a.cost ?? 0) - (b.cost ?? 0),
      render: (v: number | null) => <span className="jh-num">{text.wan(v)}</span>,
    },
  ];

  const planLevel = plan.data?.levels[level];

  return (
    <Flex vertical gap={16}>
      <Card
        variant="borderless"
        size="small"
        title={t('balance.unitCosts')}
        extra={
          <Flex gap={12} align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('balance.unitCostsHelp')}
            </Typography.Text>
            <Button size="small" icon={<UndoOutlined />} disabled={!edited} onClick={() => setCosts({ ...(baseCosts ?? {}) })}>
              {t('common.reset')}
            </Button>
          </Flex>
        }
      >
        <div className="jh-cost-grid">
          {data.pack.indicators.map((ind) => (
            <div key={ind.key} className="jh-cost-item">
              <Tooltip title={text.name(ind.key)}>
                <div className="jh-cost-label">{text.short(ind.key)}</div>
              </Tooltip>
              <InputNumber
                size="small"
                min={0}
                value={costs[ind.key] ?? null}
                onChange={(v) =>
                  setCosts((c) => {
                    const n = { ...c };
                    if (v === null || v === undefined) delete n[ind.key];
                    else n[ind.key] = Number(v);
                    return n;
                  })
                }
                formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : Number(v).toLocaleString('en-US'))}
                parser={(v) => Number((v ?? '').replace(/,/g, ''))}
                suffix={<span className="jh-unit">{t('balance.yuanPer', { unit: text.unit(ind.key) })}</span>}
                className={costs[ind.key] !== baseCosts?.[ind.key] ? 'jh-changed' : undefined}
                style={{ width: '100%' }}
                data-testid={`balance-cost-${ind.key}`}
              />
            </div>
          ))}
        </div>
      </Card>
      <Card
        variant="borderless"
        title={t('balance.gapList')}
        extra={
          <Flex gap={12} align="center" wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('balance.gapListSum', { n: rows.length, cost: text.wan(totalCost) })}
            </Typography.Text>
            <DownloadButton
              size="small"
              icon={<FileExcelOutlined />}
              data-testid="balance-gaps-export"
              get={() => download(API.balance.gapsXlsx, { query: { ...packQuery(year, standard, version), lang, level } }, `均衡评估差距-${year}-${level}.xlsx`)}
            >
              {t('balance.exportGaps')}
            </DownloadButton>
          </Flex>
        }
        styles={{ body: { paddingTop: 8 } }}
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={rows}
          columns={columns}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('balance.noGaps') }}
          data-testid="balance-gaps"
        />
      </Card>
      <div>
        <Typography.Title level={5} style={{ margin: '4px 0 12px' }}>
          {t('balance.plan')} · {text.level(level)}
          {plan.loading && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginLeft: 8 }}>
              {t('common.loading')}
            </Typography.Text>
          )}
        </Typography.Title>
        {plan.error ? (
          <Card variant="borderless">
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={plan.error.status === 404 ? t('balance.planUnavailable') : `${t('common.loadFailed')}: ${bilingual(plan.error.message, lang)}`}
              data-testid="balance-plan-unavailable"
            >
              {plan.error.status !== 404 && <Button onClick={plan.reload}>{t('common.retry')}</Button>}
            </Empty>
          </Card>
        ) : !plan.data ? (
          <Card variant="borderless">
            <Skeleton active />
          </Card>
        ) : planLevel ? (
          <PlanView plan={planLevel} data={data} level={level} />
        ) : (
          <Card variant="borderless">
            <Empty description={t('balance.noLevel')} />
          </Card>
        )}
      </div>
    </Flex>
  );
}
