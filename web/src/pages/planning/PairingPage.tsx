// /planning/pairing — 结对帮扶（教共体）: method junheng-pairing-v1 (docs/methods/planning-pairing.md). The share of
// open schools in close pairings (融合型, 共建型) against the target, the map of the level group's schools coloured
// by strength with the confirmed pairings (solid) and the suggested ones (dashed), the parameters of the suggestion
// (distance, members per lead, urban–rural bonus) and where its figures come from, the suggested pairs with their
// strengths, components and complementarity (the bureau confirms them with a type and a note), the confirmed list
// (the bureau removes one) and every school's strength. The school year is the header's.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Grid, InputNumber, Row, Segmented, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { API } from '../../client.js';
import { useCall, useDebounced } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { useCan } from '../../session.js';
import { useYear } from '../../year.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { formatNumber } from '../../../../src/core/format.js';
import { PAIRING_DEFAULTS, PAIRING_FIGURES, type PairingGroup, type Pairings, type StrengthRow, type SuggestedPair, type Suggestions } from '../../../../src/planning/pairing/contract.js';
import { SchoolMap, type MapLink, type MapSchool } from './SchoolMap.js';
import { usePairingT, type PairingKey, type PairingT } from './pairing/i18n.js';
import { pct } from './pairing/shared.js';
import { SuggestionTable } from './pairing/SuggestionTable.js';
import { ConfirmedCard } from './pairing/ConfirmedCard.js';
import { ConfirmModal } from './pairing/ConfirmModal.js';
import { StrengthTable } from './pairing/StrengthTable.js';

const LINK_CONFIRMED = '#15803d';
const LINK_SUGGESTED = '#d97706';

export default function PairingPage() {
  const t = usePairingT();
  const { lang } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const { year } = useYear();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const canManage = can('planning.manage');
  const [group, setGroup] = useState<PairingGroup>('primary');
  const [maxKmIn, setMaxKm] = useState<number>(PAIRING_DEFAULTS.maxKm);
  const [maxPartnersIn, setMaxPartners] = useState<number>(PAIRING_DEFAULTS.maxPartners);
  const [ruralBonusIn, setRuralBonus] = useState<number>(PAIRING_DEFAULTS.ruralBonus);
  const params = useDebounced({ maxKm: maxKmIn, maxPartners: maxPartnersIn, ruralBonus: ruralBonusIn }, 400);
  const [selected, setSelected] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<SuggestedPair | null>(null);

  const suggestions = useCall(API.pairing.suggestions, { query: { year, ...params } });
  const pairings = useCall(API.pairing.pairings, { query: { year } });
  const layers = useCall(API.map.layers, {}, { silent: true });
  const s = suggestions.data;
  const p = pairings.data;

  const schoolOf = useMemo(() => {
    const m = new Map((s?.schools ?? []).map((r) => [`${r.code}|${r.group}`, r]));
    return (code: string, g: string) => m.get(`${code}|${g}`);
  }, [s]);
  const groupRows = useMemo(() => (s?.schools ?? []).filter((r) => r.group === group), [s, group]);
  const groupPairs = useMemo(() => (s?.pairs ?? []).filter((x) => x.group === group), [s, group]);
  const shownPairs = useMemo(() => (selected ? groupPairs.filter((x) => x.leadCode === selected || x.memberCode === selected) : groupPairs), [groupPairs, selected]);

  const mapSchools = useMemo<MapSchool[]>(() => {
    const roleText = (r: StrengthRow) => (r.excluded ? t(`excluded-${r.excluded}` as PairingKey) : r.role === 'lead' ? t('roleLead') : r.role === 'member' ? t('roleMember') : t('roleMiddle'));
    return groupRows
      .filter((r) => r.lat !== null && r.lng !== null)
      .map((r) => ({ code: r.code, name: r.name, level: r.level, lat: r.lat as number, lng: r.lng as number, value: r.strength, label: roleText(r) }));
  }, [groupRows, t]);
  const links = useMemo<MapLink[]>(
    () => [
      ...(p?.pairings ?? []).map((x) => ({ from: x.leadCode, to: x.memberCode, kind: t('linkConfirmed'), label: x.type })),
      ...groupPairs.map((x) => ({ from: x.leadCode, to: x.memberCode, kind: t('linkSuggested'), label: `${t('colComplementarity')} ${formatNumber(x.complementarity, PAIRING_FIGURES.gap)}` })),
    ],
    [p, groupPairs, t],
  );
  const dashed = useMemo(() => [t('linkSuggested')], [t]);
  const linkColors = useMemo(() => ({ [t('linkConfirmed')]: LINK_CONFIRMED, [t('linkSuggested')]: LINK_SUGGESTED }), [t]);
  const highlight = useMemo(() => (selected ? [selected] : []), [selected]);
  const formatValue = useMemo(() => (v: number) => formatNumber(v, PAIRING_FIGURES.z), []);
  const noCoords = groupRows.filter((r) => r.lat === null || r.lng === null);
  const selectedName = selected ? (groupRows.find((r) => r.code === selected)?.name ?? selected) : null;

  if (suggestions.error && !s) return <ErrorResult error={suggestions.error} onRetry={suggestions.reload} />;
  if (pairings.error && !p) return <ErrorResult error={pairings.error} onRetry={pairings.reload} />;

  const reloadAll = () => {
    suggestions.reload();
    pairings.reload();
  };

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Segmented<PairingGroup>
            value={group}
            onChange={(g) => (setGroup(g), setSelected(null))}
            options={[
              { value: 'primary', label: t('groupPrimary') },
              { value: 'junior', label: t('groupJunior') },
            ]}
            data-testid="pairing-group"
          />
        }
      />
      <Kpis t={t} lang={lang} pairings={p} suggestions={s} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={t('mapTitle')}
            styles={{ body: { padding: narrow ? 4 : 8 } }}
            extra={
              selectedName && (
                <Space size={4}>
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {t('selected', { name: selectedName })}
                  </Tag>
                  <Button size="small" type="link" onClick={() => setSelected(null)}>
                    {t('clear')}
                  </Button>
                </Space>
              )
            }
          >
            <SchoolMap
              schools={mapSchools}
              links={links}
              boundary={layers.data?.boundary?.geojson ?? null}
              catchments={layers.data?.catchments?.geojson ?? null}
              valueName={t('mapValue')}
              formatValue={formatValue}
              highlight={highlight}
              onSelect={(c) => setSelected((x) => (x === c ? null : c))}
              linkColors={linkColors}
              linkDashed={dashed}
              height={narrow ? 400 : 540}
              data-testid="pairing-map"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
              {t('mapHelp')}
            </Typography.Text>
            {noCoords.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                data-testid="pairing-no-coords"
                message={t('noCoordinates', { n: noCoords.length, names: noCoords.map((r) => r.name).join(lang === 'en' ? ', ' : '、') })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('paramsTitle')} style={{ marginBottom: 12 }} data-testid="pairing-params">
            <Flex vertical gap={8}>
              <InputNumber
                addonBefore={t('maxKm')}
                addonAfter={t('km')}
                min={1}
                max={500}
                step={1}
                value={maxKmIn}
                onChange={(v) => v && setMaxKm(v)}
                data-testid="pairing-max-km"
                style={{ width: '100%' }}
              />
              <InputNumber
                addonBefore={t('maxPartners')}
                addonAfter={t('schoolsUnit')}
                min={1}
                max={20}
                step={1}
                precision={0}
                value={maxPartnersIn}
                onChange={(v) => v && setMaxPartners(v)}
                data-testid="pairing-max-partners"
                style={{ width: '100%' }}
              />
              <Tooltip title={t('ruralBonusHelp')}>
                <InputNumber
                  addonBefore={t('ruralBonus')}
                  min={0}
                  max={10}
                  step={0.1}
                  value={ruralBonusIn}
                  onChange={(v) => v !== null && setRuralBonus(v)}
                  data-testid="pairing-rural-bonus"
                  style={{ width: '100%' }}
                />
              </Tooltip>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ruralBonusHelp')}
              </Typography.Text>
              <div>
                <Button size="small" onClick={() => (setMaxKm(PAIRING_DEFAULTS.maxKm), setMaxPartners(PAIRING_DEFAULTS.maxPartners), setRuralBonus(PAIRING_DEFAULTS.ruralBonus))}>
                  {t('reset')}
                </Button>
              </div>
            </Flex>
            {s && <Sources t={t} s={s} />}
          </Card>
          <ConfirmedCard t={t} lang={lang} year={year} pairings={p?.pairings ?? []} canManage={canManage} selected={selected} onChanged={reloadAll} loading={pairings.loading} />
        </Col>
      </Row>
      <div style={{ marginBottom: 12 }}>
        <SuggestionTable t={t} lang={lang} pairs={shownPairs} schoolOf={schoolOf} canManage={canManage} onConfirm={setConfirming} loading={suggestions.loading} />
      </div>
      <StrengthTable t={t} lang={lang} rows={groupRows} selected={selected} onSelect={setSelected} />
      {confirming && (
        <ConfirmModal
          t={t}
          lang={lang}
          year={year}
          pair={confirming}
          onClose={() => setConfirming(null)}
          onDone={(x) => {
            setConfirming(null);
            message.success(t('confirmed', { lead: x.leadName, member: x.memberName }));
            reloadAll();
          }}
        />
      )}
    </div>
  );
}

function Kpis({ t, lang, pairings, suggestions }: { t: PairingT; lang: 'zh' | 'en'; pairings: Pairings | null; suggestions: Suggestions | null }) {
  const share = pairings?.share;
  const target = pairings?.target;
  const solver = suggestions?.solver;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="pairing-kpi-close" loading={!pairings}>
          <Statistic title={t('kpiClose')} value={pct(share?.shareClose)} valueStyle={{ color: share?.meetsTarget === true ? '#16a34a' : share?.meetsTarget === false ? '#dc2626' : undefined }} />
          {share && target && (
            <Flex vertical gap={2}>
              <Typography.Text type="secondary">{t('kpiCloseNote', { n: formatNumber(share.inClose, 0), m: formatNumber(share.schools, 0) })}</Typography.Text>
              <Space size={6} wrap>
                <Tooltip title={`${t('targetSource')}：${lang === 'en' ? target.sourceEn : target.source}。${lang === 'en' ? target.readingEn : target.reading}`}>
                  <Typography.Text type="secondary" style={{ fontSize: 12, borderBottom: '1px dotted #94a3b8', cursor: 'help' }}>
                    {t('kpiTarget', { share: formatNumber(target.share, { decimals: 0, percent: true }), year: target.byYear })}
                  </Typography.Text>
                </Tooltip>
                {share.meetsTarget !== null && <Tag color={share.meetsTarget ? 'green' : 'red'}>{share.meetsTarget ? t('met') : t('notMet')}</Tag>}
                {share.schoolsShort > 0 && <Typography.Text style={{ fontSize: 12 }}>{t('short', { n: formatNumber(share.schoolsShort, 0) })}</Typography.Text>}
              </Space>
            </Flex>
          )}
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="pairing-kpi-any" loading={!pairings}>
          <Statistic title={t('kpiAny')} value={pct(share?.shareAny)} />
          {share && <Typography.Text type="secondary">{t('kpiAnyNote', { n: formatNumber(share.inPairings, 0), m: formatNumber(share.schools, 0) })}</Typography.Text>}
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="pairing-kpi-pairings" loading={!pairings}>
          <Statistic title={t('kpiPairings')} value={formatNumber(share?.pairings ?? null, 0)} />
          {share && <Typography.Text type="secondary">{t('kpiPairingsNote', { n: formatNumber(share.closePairings, 0), share: pct(share.closePairingShare) })}</Typography.Text>}
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="pairing-kpi-suggested" loading={!suggestions}>
          <Statistic title={t('kpiSuggested')} value={formatNumber(suggestions?.pairs.length ?? null, 0)} />
          {suggestions && (
            <Typography.Text type="secondary">
              {solver
                ? t('kpiSuggestedNote', {
                    n: formatNumber(suggestions.candidates, 0),
                    status: solver.status === 'Optimal' ? (lang === 'en' ? 'optimal' : '最优') : solver.status,
                    gap: formatNumber(solver.mipGap ?? 0, PAIRING_FIGURES.gapPercent),
                  })
                : t('kpiSuggestedNone')}
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function Sources({ t, s }: { t: PairingT; s: Suggestions }) {
  const groups: [PairingGroup, PairingKey][] = [
    ['primary', 'groupPrimary'],
    ['junior', 'groupJunior'],
  ];
  const lines: string[] = [
    t('method', { method: s.method, v: s.weights.version, c: s.weights.compliance, e: s.weights.exam, va: s.weights.valueAdded }),
    t('sourceBalance', { standard: s.sources.balance.standard, v: s.sources.balance.version }),
  ];
  for (const [g, key] of groups) {
    const e = s.sources.exams[g];
    lines.push(e ? t('sourceExam', { group: t(key), name: e.name }) : t('sourceExamNone', { group: t(key) }));
    const v = s.sources.valueAdded[g];
    lines.push(!v ? t('sourceVaNone', { group: t(key) }) : v.error ? t('sourceVaError', { group: t(key), error: v.error }) : t('sourceVa', { group: t(key), from: v.fromName, to: v.toName }));
  }
  return (
    <div style={{ marginTop: 12 }} data-testid="pairing-sources">
      <Typography.Text strong style={{ fontSize: 12 }}>
        {t('sources')}
      </Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, fontSize: 12, color: '#64748b' }}>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
