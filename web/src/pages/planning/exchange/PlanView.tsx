// One exchange plan: its KPIs (eligible; movers and 骨干 movers against what the rules require; D and the 差异系数
// before → after; the proven gap), what breaks a rule (red, rechecked after every edit), the schools left out, the
// moves (editable in a draft), pins and a new solve, and per school the arrivals, departures and 骨干 per 100 students
// before and after. A draft can be locked (confirmed; refused while a rule is broken) or deleted; a locked plan is
// read-only. A plan from the roster says so, and once locked that its moves are in the teachers' exchange history
// (已写入交流记录, linked to /teachers/moves). Every figure through the one formatter.
import { useState, type CSSProperties } from 'react';
import { Alert, App, Button, Card, Col, Flex, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, LockOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { API, call, download } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useCall } from '../../../hooks.js';
import { useI18n } from '../../../i18n.js';
import { DownloadButton } from '../../../components/DownloadButton.js';
import { ErrorResult, PageSpin } from '../../../components/Problem.js';
import { formatNumber, formatPercent } from '../../../../../src/core/format.js';
import { EXCHANGE_FIGURES, type ExchangePlanDetail, type ExchangeRulesWire } from '../../../../../src/planning/exchange/contract.js';
import { MovesCard } from './MovesCard.js';
import { PinsCard } from './PinsCard.js';
import { BackboneChart, SchoolsCard } from './SchoolsCard.js';
import type { ExchangeT } from './i18n.js';

export function PlanView({ t, id, onDeleted }: { t: ExchangeT; id: number; onDeleted: () => void }) {
  const { message, modal } = App.useApp();
  const { lang } = useI18n();
  const plan = useCall(API.exchange.get, { params: { id } });
  const [busy, setBusy] = useState(false);
  const [solveKey, setSolveKey] = useState(0);
  const data = plan.data;

  if (plan.error) return <ErrorResult error={plan.error} onRetry={plan.reload} />;
  if (!data) return <PageSpin />;
  const roster = data.source === 'roster';

  const run = async (what: () => Promise<ExchangePlanDetail>, done: (p: ExchangePlanDetail) => string) => {
    setBusy(true);
    try {
      const p = await what();
      plan.setData(p);
      message.success(done(p));
    } catch (e) {
      if (e instanceof ApiError) modal.error({ title: t('rules'), content: <div style={{ whiteSpace: 'pre-line' }}>{bilingual(e.message, lang)}</div> });
    } finally {
      setBusy(false);
    }
  };
  const saveMoves = (moves: { teacherId: string; to: string }[]) =>
    void run(
      () => call(API.exchange.editMoves, { params: { id }, body: { moves } }, { silent: true }),
      () => t('m.saved'),
    );
  const solve = (rules: ExchangeRulesWire) =>
    void run(
      () => call(API.exchange.solve, { params: { id }, body: { rules } }, { silent: true }),
      (p) => {
        setSolveKey((k) => k + 1);
        return t('resolved', { n: formatNumber(p.metrics.movers, 0) });
      },
    );
  const lock = () =>
    modal.confirm({
      title: t('lockTitle'),
      content: roster ? t('lockBodyRoster', { y: `${data.year + 1}-09-01` }) : t('lockBody'),
      okText: t('lock'),
      cancelText: t('cancel'),
      onOk: async () => {
        const r = await call(API.exchange.lock, { params: { id } });
        message.success(`${t('lockedOk')}${lang === 'en' ? ': ' : '：'}${bilingual(r.recordNote, lang)}`);
        plan.reload();
      },
    });
  const remove = () =>
    modal.confirm({
      title: t('removeTitle'),
      okText: t('remove'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        await call(API.exchange.remove, { params: { id } });
        message.success(t('removed'));
        onDeleted();
      },
    });

  const draft = data.status === 'draft';
  const broken = data.violations.length;
  // A rule's message names schools as "name（code）"; a plan checked before names were written has bare codes: named here
  // (a code already in （…） is left alone).
  const names = new Map(data.schools.map((x) => [x.schoolCode, x.schoolName]));
  const named = (text: string) => text.replace(/(?<!（)\b\d{6,}\b/g, (code) => (names.has(code) ? `${names.get(code)}（${code}）` : code));
  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }} data-testid="exchange-plan">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {data.name}
              </Typography.Title>
              <Tag color={draft ? 'blue' : 'green'} data-testid="exchange-status">
                {t(`status.${data.status}`)}
              </Tag>
              {data.edited && <Tag color="orange">{t('edited')}</Tag>}
              <Tag color={roster ? 'cyan' : 'default'} data-testid="exchange-source">
                {t(roster ? 'source.roster' : 'source.file')}
              </Tag>
              {roster && !draft && (
                <Tooltip title={t('recordedHelp', { y: `${data.year + 1}–${data.year + 2}` })}>
                  <Tag color="green" data-testid="exchange-recorded">
                    <Link to={`/teachers/moves?rules=${data.year + 1}`}>{t('recorded')}</Link>
                  </Tag>
                </Tooltip>
              )}
              {!roster && !draft && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('notRecorded')}
                </Typography.Text>
              )}
            </Flex>
            <Typography.Text type="secondary">
              {t('yearLabel', { y: data.year, y1: data.year + 1 })} · {data.fileName}
              {data.lockedAt && ` · ${t('lockedBy', { who: data.lockedBy ?? '', when: data.lockedAt.slice(0, 10) })}`}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap>
            <DownloadButton get={() => download(API.exchange.export, { params: { id }, query: { lang } }, `exchange-${id}.xlsx`)} data-testid="exchange-export">
              {t('export')}
            </DownloadButton>
            {draft && (
              <>
                <Tooltip title={broken ? t('lockBlocked') : undefined}>
                  <Button type="primary" icon={<LockOutlined />} disabled={broken > 0 || busy} onClick={lock} data-testid="exchange-lock">
                    {t('lock')}
                  </Button>
                </Tooltip>
                <Button danger icon={<DeleteOutlined />} disabled={busy} onClick={remove} data-testid="exchange-delete">
                  {t('remove')}
                </Button>
              </>
            )}
          </Flex>
        </Flex>
      </Card>
      <Kpis t={t} plan={data} />
      {broken > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('violations', { n: broken })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {data.violations.map((v, i) => (
                <li key={i}>
                  <Tag color="red">{t(`rule.${v.rule}`)}</Tag>
                  {named(bilingual(v.message, lang))}
                </li>
              ))}
            </ul>
          }
          data-testid="exchange-violations"
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('noViolations')} data-testid="exchange-violations" />
      )}
      {data.excluded.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('excluded', { n: data.excluded.length })}
          description={
            <>
              <div>{t('excludedBody')}</div>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {data.excluded.map((e) => (
                  <li key={e.schoolCode}>
                    {e.schoolName}（{t(`ex.${e.reason}`)}；{t('exTeachers', { n: e.teachers })}）
                  </li>
                ))}
              </ul>
            </>
          }
          data-testid="exchange-excluded"
        />
      )}
      <MovesCard t={t} plan={data} busy={busy} onSave={saveMoves} />
      {draft && <PinsCard key={solveKey} t={t} plan={data} busy={busy} onSolve={solve} />}
      <Card size="small" title={t('chart')} style={{ marginBottom: 12 }}>
        <BackboneChart t={t} plan={data} />
      </Card>
      <SchoolsCard t={t} plan={data} />
    </div>
  );
}

function Kpis({ t, plan }: { t: ExchangeT; plan: ExchangePlanDetail }) {
  const m = plan.metrics;
  const d = (v: number) => formatNumber(v, EXCHANGE_FIGURES.d);
  const cv = (v: number) => formatNumber(v, EXCHANGE_FIGURES.cv);
  const short = (have: number, need: number) => (have < need ? { color: '#cf1322' } : undefined);
  const items: { key: string; title: string; value: string; sub: string; style?: CSSProperties; help?: string }[] = [
    { key: 'eligible', title: t('k.eligible'), value: formatNumber(m.eligible, 0), sub: t('k.eligibleSub', { n: formatNumber(m.teachers, 0) }) },
    {
      key: 'movers',
      title: t('k.movers'),
      value: `${formatNumber(m.movers, 0)} / ${formatNumber(m.required, 0)}`,
      sub: `${t('r.rate')} ${formatPercent(plan.rules.rate, 0)}`,
      style: short(m.movers, m.required),
    },
    {
      key: 'backbone',
      title: t('k.backbone'),
      value: `${formatNumber(m.backboneMovers, 0)} / ${formatNumber(m.requiredBackbone, 0)}`,
      sub: `${t('r.backboneShare')} ${formatPercent(plan.rules.backboneShare, 0)}`,
      style: short(m.backboneMovers, m.requiredBackbone),
    },
    { key: 'd', title: t('k.d'), value: `${d(m.dBefore)} → ${d(m.dAfter)}`, sub: t('k.dSub'), help: t('k.dHelp') },
    { key: 'cv', title: t('k.cv'), value: `${cv(m.cvBefore)} → ${cv(m.cvAfter)}`, sub: `${t('c.district')} ${formatNumber(plan.per100District, EXCHANGE_FIGURES.per100)}` },
    {
      key: 'gap',
      title: t('k.gap'),
      value: formatPercent(plan.solve.mipGap, 2),
      sub: t('solveInfo', { status: t(`solve.${plan.solve.status}`), s: formatNumber(plan.solve.seconds, 1) }),
      style: plan.solve.status === 'time_limit' ? { color: '#d46b08' } : undefined,
      help: t('k.gapHelp'),
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {items.map((k) => (
        <Col xs={12} md={8} xl={4} key={k.key}>
          <Card size="small" style={{ height: '100%' }} data-testid={`exchange-kpi-${k.key}`}>
            <Statistic title={k.help ? <Tooltip title={k.help}>{k.title}</Tooltip> : k.title} value={k.value} valueStyle={{ fontSize: 20, ...k.style }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: k.sub }}>
              {k.sub}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
