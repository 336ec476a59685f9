// What-if: edit one school's numerators and students and see at once, computed in the browser with the
// server's own evaluator, the school's compliance and every CV of its level before → after. Nothing is saved.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Flex, InputNumber, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined, FilePdfOutlined, RiseOutlined, UndoOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { evaluateDistrict, requiredNumerator } from '../../../../src/balance/evaluate.js';
import { API, download } from '../../client.js';
import { formatNumber } from '../../../../src/core/format.js';
import { useI18n } from '../../i18n.js';
import { AMBER, baseCode, cellState, GREEN, packQuery, PassTag, RED, usePackText, type BalanceLevel, type BalanceSchoolInput, type Evaluation, type Indicator } from './shared.js';

interface Edit {
  students: number;
  numerators: Record<string, number | null>;
}

const STATE_COLOR = { met: 'success', near: 'warning', below: 'error', none: 'default' } as const;

function Delta({ before, after, digits = 3, lowerIsBetter = false }: { before: number | null | undefined; after: number | null | undefined; digits?: number; lowerIsBetter?: boolean }) {
  if (before == null || after == null) return null;
  const d = after - before;
  if (Math.abs(d) < 10 ** -(digits + 1)) return null;
  const good = lowerIsBetter ? d < 0 : d > 0;
  return (
    <span style={{ color: good ? GREEN : RED, fontSize: 12, marginLeft: 4 }}>
      {d > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
      {formatNumber(Math.abs(d), digits)}
    </span>
  );
}

function Cmp({ b, a }: { b: React.ReactNode; a: React.ReactNode }) {
  return (
    <Flex align="center" gap={6} style={{ fontSize: 18, fontWeight: 600 }} wrap>
      <span style={{ opacity: 0.5 }}>{b}</span>
      <ArrowRightOutlined style={{ fontSize: 12, color: '#94a3b8' }} />
      <span>{a}</span>
    </Flex>
  );
}

export function WhatIfDrawer({
  code,
  data,
  level,
  year,
  standard,
  version,
  onClose,
}: {
  code: string | null;
  data: Evaluation;
  level: BalanceLevel;
  year: number;
  standard: string;
  version: number | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const text = usePackText(data.pack);
  const pack = data.pack;
  const original = useMemo(() => (code ? data.inputs.find((i) => i.code === code && i.level === level) : undefined), [code, data, level]);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [pdfBusy, setPdfBusy] = useState(false);

  const reset = () => original && setEdit({ students: original.students, numerators: { ...original.numerators } });
  useEffect(() => {
    if (original) setEdit({ students: original.students, numerators: { ...original.numerators } });
    else setEdit(null);
  }, [original]);

  const before = useMemo(() => evaluateDistrict(pack, data.inputs).levels[level], [pack, data.inputs, level]);
  const modified = useMemo<BalanceSchoolInput[]>(
    () => (original && edit ? data.inputs.map((i) => (i === original ? { ...original, students: edit.students, numerators: edit.numerators } : i)) : data.inputs),
    [original, edit, data.inputs],
  );
  const after = useMemo(() => evaluateDistrict(pack, modified).levels[level], [pack, modified, level]);
  const sBefore = before?.schools.find((s) => s.schoolCode === code);
  const sAfter = after?.schools.find((s) => s.schoolCode === code);
  const changed = !!original && !!edit && (edit.students !== original.students || pack.indicators.some((i) => edit.numerators[i.key] !== original.numerators[i.key]));
  const perSchool = !!pack.schoolRule;

  const setNum = (key: string, v: number | null) => setEdit((e) => (e ? { ...e, numerators: { ...e.numerators, [key]: v } } : e));

  // Unchanged: the school's own report. Edited: the district report of the what-if (the server evaluates the edited
  // figures and marks every page 模拟), never the official figures under the what-if's name.
  const pdf = async () => {
    if (!code) return;
    setPdfBusy(true);
    try {
      if (changed && original && edit)
        await download(
          API.balance.whatIfReport,
          { query: { ...packQuery(year, standard, version), edits: JSON.stringify([{ code: original.code, level: original.level, students: edit.students, numerators: edit.numerators }]) } },
          `均衡评估模拟-${year}.pdf`,
        );
      else await download(API.balance.schoolReport, { params: { code: baseCode(code) }, query: packQuery(year, standard, version) }, `${sBefore?.schoolName ?? code}-均衡评估.pdf`);
    } catch {
      /* shown by the API client */
    } finally {
      setPdfBusy(false);
    }
  };

  const indRows = pack.indicators;
  const indColumns: ColumnsType<Indicator> = [
    {
      title: t('balance.indicator'),
      key: 'name',
      width: 170,
      render: (_v, ind) => (
        <Tooltip title={text.name(ind.key)}>
          <div style={{ lineHeight: 1.3 }}>
            <div style={{ fontSize: 13 }}>{text.short(ind.key)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 11 }}>
              {text.ratioUnit(ind.key)}
            </Typography.Text>
          </div>
        </Tooltip>
      ),
    },
    {
      title: t('balance.numerator'),
      key: 'num',
      width: 190,
      render: (_v, ind) => {
        const v = edit?.numerators[ind.key] ?? null;
        const was = original?.numerators[ind.key] ?? null;
        const threshold = ind.threshold?.[level];
        const need = threshold && edit && edit.students > 0 ? requiredNumerator(ind, threshold, edit.students) : null;
        return (
          <div>
            <InputNumber
              size="small"
              min={0}
              step={ind.count ? 1 : 10}
              precision={ind.count ? 0 : undefined}
              value={v}
              onChange={(x) => setNum(ind.key, x === null || x === undefined ? null : Number(x))}
              suffix={<span className="jh-unit">{text.unit(ind.key)}</span>}
              style={{ width: 150 }}
              data-testid={`balance-whatif-input-${ind.key}`}
            />
            <div style={{ fontSize: 11, lineHeight: 1.6 }}>
              {v !== was && (
                <Typography.Text type="secondary" style={{ fontSize: 11, marginRight: 8 }}>
                  {t('balance.was', { v: text.amount(ind.key, was) })}
                </Typography.Text>
              )}
              {need !== null && v !== null && v < need && (
                <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 11 }} icon={<RiseOutlined />} onClick={() => setNum(ind.key, need)}>
                  {t('balance.fillTo', { v: text.amount(ind.key, need) })}
                </Button>
              )}
            </div>
          </div>
        );
      },
    },
    {
      title: t('balance.value'),
      key: 'value',
      align: 'right',
      render: (_v, ind) => {
        const b = sBefore?.values[ind.key];
        const a = sAfter?.values[ind.key];
        return (
          <span className="jh-num" style={{ whiteSpace: 'nowrap' }}>
            {b !== a && (
              <>
                <span className="jh-muted">{text.value(ind.key, b)}</span> <ArrowRightOutlined className="jh-muted" style={{ fontSize: 10 }} />{' '}
              </>
            )}
            <b>{text.value(ind.key, a)}</b>
          </span>
        );
      },
    },
    ...(perSchool
      ? ([
          { title: t('balance.threshold'), key: 'thr', align: 'right', render: (_v, ind) => <span className="jh-num">{ind.threshold?.[level] ?? '—'}</span> },
          {
            title: t('balance.compliance'),
            key: 'state',
            align: 'center',
            width: 150,
            render: (_v, ind) => {
              const sb = sBefore ? cellState(pack, level, ind.key, sBefore.values[ind.key], sBefore.gaps[ind.key]) : 'none';
              const sa = sAfter ? cellState(pack, level, ind.key, sAfter.values[ind.key], sAfter.gaps[ind.key]) : 'none';
              const label = (s: typeof sa) => t(`balance.state.${s}`);
              const gap = sAfter?.gaps[ind.key];
              return (
                <Flex vertical align="center" gap={2}>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {sb !== sa && (
                      <>
                        <Tag color={STATE_COLOR[sb]} style={{ marginInlineEnd: 2, opacity: 0.6 }}>
                          {label(sb)}
                        </Tag>
                        <ArrowRightOutlined className="jh-muted" style={{ fontSize: 10, marginRight: 4 }} />
                      </>
                    )}
                    <Tag color={STATE_COLOR[sa]} style={{ marginInlineEnd: 0 }} data-testid={`balance-whatif-met-${ind.key}`}>
                      {label(sa)}
                    </Tag>
                  </span>
                  {gap ? (
                    <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                      {t('balance.gap')} {text.amountUnit(ind.key, gap)}
                    </Typography.Text>
                  ) : null}
                </Flex>
              );
            },
          },
        ] as ColumnsType<Indicator>)
      : []),
  ];

  const cvRows = (after?.indicators ?? []).map((a, i) => ({ key: a.key, before: before?.indicators[i], after: a }));
  type CvRow = (typeof cvRows)[number];
  const cvColumns: ColumnsType<CvRow> = [
    { title: t('balance.indicator'), key: 'name', render: (_v, r) => <span title={text.name(r.key)}>{text.short(r.key)}</span> },
    { title: t('balance.before'), key: 'b', align: 'right', render: (_v, r) => <span className="jh-num jh-muted">{text.cv(r.before?.cv)}</span> },
    {
      title: t('balance.after'),
      key: 'a',
      align: 'right',
      render: (_v, r) => (
        <span className="jh-num" style={{ whiteSpace: 'nowrap' }}>
          <b style={{ color: r.after.pass === false ? RED : undefined }} data-testid={`balance-whatif-cv-${r.key}`}>
            {text.cv(r.after.cv)}
          </b>
          <Delta before={r.before?.cv} after={r.after.cv} lowerIsBetter />
        </span>
      ),
    },
    ...(pack.cvRule === 'composite'
      ? []
      : ([
          { title: t('balance.limit'), key: 'l', align: 'right', render: (_v, r) => <span className="jh-num">{text.limit(r.after.limit)}</span> },
          { title: t('balance.result'), key: 'p', align: 'center', render: (_v, r) => <PassTag pass={r.after.pass} /> },
        ] as ColumnsType<CvRow>)),
  ];

  return (
    <Drawer
      open={!!code && !!original}
      onClose={onClose}
      size={820}
      title={
        <Flex align="center" gap={8} wrap>
          <span>{t('balance.whatIf')}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {sBefore?.schoolName ?? code}
          </Typography.Text>
          <Tag>{text.level(level)}</Tag>
          {changed && <Tag color="orange">{t('balance.modified')}</Tag>}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Button icon={<UndoOutlined />} onClick={reset} disabled={!changed} data-testid="balance-whatif-reset">
            {t('common.reset')}
          </Button>
          <Button icon={<FilePdfOutlined />} loading={pdfBusy} onClick={() => void pdf()} data-testid="balance-whatif-pdf" danger={changed}>
            {changed ? t('balance.whatIfPdf') : t('balance.schoolPdf')}
          </Button>
        </Flex>
      }
      styles={{ body: { paddingTop: 12 } }}
    >
      {original && edit && before && after && (
        <div data-testid="balance-whatif">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('balance.whatIfHelp')} />
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col span={8}>
              <Card size="small" variant="outlined" className="jh-whatif-stat">
                <div className="jh-level-stat-label">{t('common.students')}</div>
                <InputNumber
                  min={1}
                  precision={0}
                  value={edit.students}
                  onChange={(x) => x && setEdit((e) => (e ? { ...e, students: Number(x) } : e))}
                  style={{ width: '100%' }}
                  data-testid="balance-whatif-input-students"
                />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" variant="outlined" className="jh-whatif-stat">
                <div className="jh-level-stat-label">{perSchool ? t('balance.schoolResult') : t('balance.school')}</div>
                {perSchool ? (
                  <Cmp
                    b={`${sBefore?.met ?? '—'}/${pack.indicators.length}`}
                    a={
                      <Flex align="center" gap={6}>
                        <span style={{ color: sAfter?.pass ? GREEN : RED }}>{`${sAfter?.met ?? '—'}/${pack.indicators.length}`}</span>
                        <PassTag pass={sAfter?.pass} testId="balance-whatif-school-pass" />
                      </Flex>
                    }
                  />
                ) : (
                  <Typography.Text type="secondary">{t('balance.noSchoolRule')}</Typography.Text>
                )}
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" variant="outlined" className="jh-whatif-stat">
                <div className="jh-level-stat-label">{t('balance.levelResult', { level: text.level(level) })}</div>
                <Cmp b={<PassTag pass={before.pass} />} a={<PassTag pass={after.pass} testId="balance-whatif-level-pass" />} />
              </Card>
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 4 }}>
            {t('balance.schoolIndicators')}
          </Typography.Title>
          <Table size="small" rowKey="key" dataSource={indRows} columns={indColumns} pagination={false} scroll={{ x: 'max-content' }} />
          <Flex justify="space-between" align="baseline" style={{ marginTop: 16 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('balance.levelCvs', { level: text.level(level) })}
            </Typography.Title>
            {after.composite && (
              <span>
                {t('balance.composite')} <span className="jh-muted">{text.cv(before.composite?.cv)}</span> <ArrowRightOutlined className="jh-muted" style={{ fontSize: 10 }} />{' '}
                <b style={{ color: after.composite.pass ? undefined : RED }} data-testid="balance-whatif-cv-composite">
                  {text.cv(after.composite.cv)}
                </b>{' '}
                / {text.limit(after.composite.limit)}
              </span>
            )}
          </Flex>
          <Table size="small" rowKey="key" dataSource={cvRows} columns={cvColumns} pagination={false} style={{ marginTop: 8 }} />
          {perSchool && pack.schoolRule && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
              <span style={{ color: AMBER }}>■</span>{' '}
              {t('balance.ruleNote', { min: pack.schoolRule.minMet, k: pack.indicators.length, share: `${Math.round(Number(pack.schoolRule.remainderMinShare) * 100)}%` })}
            </Typography.Paragraph>
          )}
        </div>
      )}
    </Drawer>
  );
}
