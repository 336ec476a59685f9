// 均衡评估: the district's evaluation of a year against a standards pack (built-in or local), with tabs for
// the overview, the school heat map (and a what-if drawer computed in the browser), gaps and the plan,
// class sizes, 政府保障, the trend over the years and the saved evaluations.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Result, Segmented, Select, Skeleton, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { API, call, download } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { useCan, yearLabel } from '../session.js';
import { useYear } from '../year.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult } from '../components/Problem.js';
import { DEFAULT_STANDARD, LEVELS, packQuery, usePackText, type BalanceLevel, type StandardItem } from './balance/shared.js';
import './balance/balance.css';
import { OverviewTab } from './balance/OverviewTab.js';
import { SchoolsTab } from './balance/SchoolsTab.js';
import { GapsTab } from './balance/GapsTab.js';
import { ClassSizeTab } from './balance/ClassSizeTab.js';
import { GuaranteesTab } from './balance/GuaranteesTab.js';
import { TrendTab } from './balance/TrendTab.js';
import { HistoryTab } from './balance/HistoryTab.js';

const TABS = ['overview', 'schools', 'gaps', 'classes', 'guarantees', 'trend', 'history'] as const;
type TabName = (typeof TABS)[number];
/** Tabs that show one level at a time (the level switch is shown for them). */
const LEVEL_TABS: TabName[] = ['overview', 'schools', 'gaps'];

/** The standard selector: built-in and local packs, and a local pack's version. */
export function StandardPicker({
  standards,
  standard,
  version,
  onChange,
}: {
  standards: StandardItem[];
  standard: string;
  version: number | null;
  onChange: (standard: string, version: number | null) => void;
}) {
  const { t, pick } = useI18n();
  const item = standards.find((s) => s.id === standard);
  const option = (s: StandardItem) => ({
    value: s.id,
    label: (
      <Tooltip title={pick(s.name, s.nameEn)} placement="left">
        <span>{pick(s.name, s.nameEn)}</span>
      </Tooltip>
    ),
    title: pick(s.name, s.nameEn),
  });
  const builtIn = standards.filter((s) => s.builtIn);
  const local = standards.filter((s) => !s.builtIn);
  return (
    <Space.Compact className="jh-balance-picker">
      <Select
        data-testid="balance-standard"
        className="jh-balance-pack"
        value={item ? standard : undefined}
        placeholder={standard}
        popupMatchSelectWidth={false}
        onChange={(v: string) => onChange(v, null)}
        options={[{ label: t('balance.builtInPacks'), options: builtIn.map(option) }, ...(local.length ? [{ label: t('balance.localPacks'), options: local.map(option) }] : [])]}
        labelRender={() => (item ? <span title={pick(item.name, item.nameEn)}>{pick(item.name, item.nameEn)}</span> : standard)}
      />
      <Select
        data-testid="balance-version"
        className="jh-balance-version"
        value={version ?? 0}
        disabled={!item || item.versions.length < 2}
        onChange={(v: number) => onChange(standard, v === 0 ? null : v)}
        options={[
          { value: 0, label: item ? `v${item.version}` : t('balance.latest') },
          ...(item && item.versions.length > 1
            ? [...item.versions]
                .reverse()
                .slice(1)
                .map((v) => ({ value: v, label: `v${v}` }))
            : []),
        ]}
      />
    </Space.Compact>
  );
}

/** How many names a collapsed list shows before "等 n 所 · 展开". */
const FIRST_NAMES = 3;

/**
 * A count and the schools it counts: the count and the first few names always readable (also at 390 px), the rest
 * behind an explicit 展开 / 收起 toggle — never a one-line ellipsis that hides the count.
 */
function SchoolList({ label, names, testId }: { label: string; names: string[]; testId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = open ? names : names.slice(0, FIRST_NAMES);
  const rest = names.length - shown.length;
  return (
    <div className="jh-school-list" data-testid={testId}>
      <b>{label}</b> <span data-testid={`${testId}-names`}>{shown.join('、')}</span>
      {rest > 0 && <span className="jh-muted"> {t('balance.andMore', { n: names.length })}</span>}
      {names.length > FIRST_NAMES && (
        <Button type="link" size="small" style={{ padding: '0 4px', height: 'auto' }} onClick={() => setOpen((o) => !o)} data-testid={`${testId}-toggle`} aria-expanded={open}>
          {open ? t('balance.less') : t('balance.more')}
        </Button>
      )}
    </div>
  );
}

export default function BalancePage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const { year, link } = useYear();
  const [params, setParams] = useSearchParams();
  const standard = params.get('standard') || DEFAULT_STANDARD;
  const version = Number(params.get('version')) || null;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabName) : 'overview';
  const [level, setLevel] = useState<BalanceLevel>('小学');
  const [historyTick, setHistoryTick] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const standards = useCall(API.balance.listStandards, {}, { silent: true });
  const q = packQuery(year, standard, version);
  const ev = useCall(API.balance.evaluation, { query: q }, { silent: true });
  const data = ev.data;
  const text = usePackText(data?.pack);
  const needNames = !!data && data.missing.length > 0;
  const schools = useCall(API.registry.listSchools, needNames ? { query: { year } } : null, { silent: true });
  const nameOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of schools.data?.schools ?? []) m.set(s.code, s.name);
    for (const i of data?.inputs ?? []) if (i.name && !m.has(i.code.replace(/-[PJ]$/, ''))) m.set(i.code.replace(/-[PJ]$/, ''), i.name.replace(/\((小学部|初中部)\)$/, ''));
    return (code: string) => m.get(code) ?? code;
  }, [schools.data, data]);

  const setParam = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );

  const packLevels = data?.pack.levels ?? ['小学', '初中'];
  const current = data?.levels[level];

  const doDownload = async (kind: 'xlsx' | 'pdf') => {
    setBusy(kind);
    try {
      if (kind === 'xlsx') await download(API.balance.exportXlsx, { query: { ...q, lang } }, `均衡评估-${year}.xlsx`);
      else await download(API.balance.districtReport, { query: q }, `均衡评估报告-${year}.pdf`);
    } catch {
      /* shown by the API client */
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    setSaving(true);
    try {
      await call(API.balance.saveEvaluation, { body: { year, standard, version: data?.version ?? version ?? undefined, note: note.trim() || null } });
      message.success(t('balance.saved'));
      setSaveOpen(false);
      setNote('');
      setHistoryTick((x) => x + 1);
      setParam({ tab: 'history' });
    } catch {
      /* shown by the API client */
    } finally {
      setSaving(false);
    }
  };

  const tabLabel = (name: TabName) => <span data-testid={`balance-tab-${name}`}>{t(`balance.tab.${name}`)}</span>;

  const levelBody = (render: (lv: BalanceLevel) => React.ReactNode) =>
    !data ? (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    ) : current ? (
      render(level)
    ) : (
      <Card variant="borderless">
        <Result status="info" title={t('balance.noLevel')} />
      </Card>
    );

  const needsData = (node: React.ReactNode) =>
    data ? (
      node
    ) : (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );

  return (
    <div>
      <PageHeader
        title={t('balance.title')}
        subtitle={t('balance.subtitle', { year: yearLabel(year, lang) })}
        tags={data ? <Tag color={data.pack.extends ? 'purple' : 'blue'}>{`${text.packName(data.pack)} · v${data.version}`}</Tag> : undefined}
        extra={
          <>
            <StandardPicker
              standards={standards.data?.standards ?? []}
              standard={standard}
              version={version}
              onChange={(s, v) => setParam({ standard: s === DEFAULT_STANDARD ? null : s, version: v === null ? null : String(v) })}
            />
            <Link to={link('/balance/standards')}>
              <Tooltip title={t('nav.standards')}>
                <Button icon={<SettingOutlined />} aria-label={t('nav.standards')} />
              </Tooltip>
            </Link>
            <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void doDownload('xlsx')} data-testid="balance-export">
              {t('balance.exportExcel')}
            </Button>
            <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void doDownload('pdf')} data-testid="balance-pdf">
              {t('balance.downloadPdf')}
            </Button>
            {can('balance.save') && (
              <Button type="primary" icon={<SaveOutlined />} disabled={!data} onClick={() => setSaveOpen(true)} data-testid="balance-save">
                {t('balance.saveEval')}
              </Button>
            )}
          </>
        }
      />
      {ev.error ? (
        <ErrorResult error={ev.error} onRetry={ev.reload} />
      ) : (
        <>
          {data && (data.missing.length > 0 || data.unapproved.length > 0) && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="balance-missing"
              title={
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  {data.missing.length > 0 && <SchoolList testId="balance-missing-list" label={t('balance.missingN', { n: data.missing.length })} names={data.missing.map(nameOf)} />}
                  {data.unapproved.length > 0 && <SchoolList testId="balance-unapproved" label={t('balance.unapprovedN', { n: data.unapproved.length })} names={data.unapproved.map(nameOf)} />}
                </Space>
              }
            />
          )}
          <Tabs
            className="jh-balance-tabs"
            activeKey={tab}
            onChange={(k) => setParam({ tab: k === 'overview' ? null : k })}
            tabBarExtraContent={
              LEVEL_TABS.includes(tab) ? (
                <Segmented
                  data-testid="balance-level"
                  value={level}
                  onChange={(v) => setLevel(v)}
                  options={LEVELS.filter((l) => packLevels.includes(l.key)).map((l) => ({ value: l.key, label: t(l.label) }))}
                />
              ) : undefined
            }
            items={[
              { key: 'overview', label: tabLabel('overview'), children: levelBody((lv) => <OverviewTab data={data!} level={lv} onLevel={setLevel} />) },
              {
                key: 'schools',
                label: tabLabel('schools'),
                children: levelBody((lv) => <SchoolsTab data={data!} level={lv} year={year} standard={standard} version={version} />),
              },
              { key: 'gaps', label: tabLabel('gaps'), children: levelBody((lv) => <GapsTab data={data!} level={lv} year={year} standard={standard} version={version} />) },
              { key: 'classes', label: tabLabel('classes'), children: <ClassSizeTab year={year} standard={standard} version={version} /> },
              { key: 'guarantees', label: tabLabel('guarantees'), children: needsData(data && <GuaranteesTab data={data} />) },
              { key: 'trend', label: tabLabel('trend'), children: <TrendTab standard={standard} version={version} pack={data?.pack ?? null} /> },
              {
                key: 'history',
                label: tabLabel('history'),
                children: (
                  <HistoryTab
                    tick={historyTick}
                    standards={standards.data?.standards ?? []}
                    onOpen={(e) => setParam({ standard: e.standardId === DEFAULT_STANDARD ? null : e.standardId, version: String(e.standardVersion), year: String(e.year), tab: null })}
                  />
                ),
              },
            ]}
          />
        </>
      )}
      <Modal
        open={saveOpen}
        title={t('balance.saveEval')}
        okText={t('common.save')}
        onOk={() => void save()}
        confirmLoading={saving}
        onCancel={() => setSaveOpen(false)}
        okButtonProps={{ 'data-testid': 'balance-save-ok' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('balance.saveHelp', { year: yearLabel(year, lang), pack: data ? `${text.packName(data.pack)} v${data.version}` : standard })}</Typography.Paragraph>
        <Input.TextArea data-testid="balance-save-note" value={note} maxLength={500} showCount rows={3} placeholder={t('balance.notePh')} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </div>
  );
}
