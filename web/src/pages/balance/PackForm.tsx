// Create or edit a district's local standards pack: the overridable values, pre-filled from the built-in base
// (or the pack's latest version); only values that differ from the base are sent as overrides.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Divider, Drawer, Flex, Input, InputNumber, Row, Select, Table, Tag, Typography } from 'antd';
import { API, call } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { PackOverrides } from '../../../../src/balance/pack-schema.js';
import { usePackText, type BalanceLevel, type StandardDetail, type StandardItem, type StandardPack } from './shared.js';

type ByLevel<T> = Record<BalanceLevel, T>;
interface Values {
  cvLimit: ByLevel<string | null>;
  thresholds: Record<string, ByLevel<string | null>>;
  minMet: number | null;
  remainderMinShare: string | null;
  classStd: ByLevel<number | null>;
  large: number | null;
  huge: number | null;
  schoolMax: number | null;
  schoolMaxTT: number | null;
  unitCosts: Record<string, number | null>;
}
const LV: BalanceLevel[] = ['小学', '初中'];
const LV_CODE: Record<BalanceLevel, string> = { 小学: 'primary', 初中: 'junior' };

function valuesOf(p: StandardPack): Values {
  return {
    cvLimit: { 小学: p.cvLimit['小学'], 初中: p.cvLimit['初中'] },
    thresholds: Object.fromEntries(p.indicators.filter((i) => i.threshold).map((i) => [i.key, { 小学: i.threshold!['小学'], 初中: i.threshold!['初中'] }])),
    minMet: p.schoolRule?.minMet ?? null,
    remainderMinShare: p.schoolRule?.remainderMinShare ?? null,
    classStd: { 小学: p.classSize.standard['小学'], 初中: p.classSize.standard['初中'] },
    large: p.classSize.large,
    huge: p.classSize.huge,
    schoolMax: p.guarantees?.schoolSize.max ?? null,
    schoolMaxTT: p.guarantees?.schoolSize.maxThroughTrain ?? null,
    unitCosts: Object.fromEntries(p.indicators.map((i) => [i.key, p.unitCosts?.[i.key] ?? null])),
  };
}

const decEq = (a: string | null | undefined, b: string | null | undefined) => (a == null || a === '' ? b == null : b != null && Number(a) === Number(b));
/** "0.30" stays "0.30"; "1." or ".5" are normalised so that the server's decimal pattern accepts them. */
const dec = (s: string) => {
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) return s;
  return /^\d+(\.\d+)?$/.test(s) ? s : String(n);
};

/** The overrides of `v` against the base pack: only what differs. */
export function overridesOf(v: Values, base: StandardPack): PackOverrides {
  const b = valuesOf(base);
  const o: PackOverrides = {};
  const cv: Partial<ByLevel<string>> = {};
  for (const l of LV) if (v.cvLimit[l] != null && !decEq(v.cvLimit[l], b.cvLimit[l])) cv[l] = dec(v.cvLimit[l]);
  if (Object.keys(cv).length) o.cvLimit = cv;
  const th: Record<string, Partial<ByLevel<string>>> = {};
  for (const [k, byLv] of Object.entries(v.thresholds)) {
    for (const l of LV) {
      const x = byLv[l];
      if (x != null && x !== '' && !decEq(x, b.thresholds[k]?.[l])) (th[k] ??= {})[l] = dec(x);
    }
  }
  if (Object.keys(th).length) o.thresholds = th;
  if (base.schoolRule) {
    const sr: NonNullable<PackOverrides['schoolRule']> = {};
    if (v.minMet != null && v.minMet !== b.minMet) sr.minMet = v.minMet;
    if (v.remainderMinShare != null && !decEq(v.remainderMinShare, b.remainderMinShare)) sr.remainderMinShare = dec(v.remainderMinShare);
    if (Object.keys(sr).length) o.schoolRule = sr;
  }
  const cs: NonNullable<PackOverrides['classSize']> = {};
  const std: Partial<ByLevel<number>> = {};
  for (const l of LV) if (v.classStd[l] != null && v.classStd[l] !== b.classStd[l]) std[l] = v.classStd[l]!;
  if (Object.keys(std).length) cs.standard = std;
  if (v.large != null && v.large !== b.large) cs.large = v.large;
  if (v.huge != null && v.huge !== b.huge) cs.huge = v.huge;
  if (Object.keys(cs).length) o.classSize = cs;
  if (base.guarantees) {
    const ss: NonNullable<PackOverrides['schoolSize']> = {};
    if (v.schoolMax != null && v.schoolMax !== b.schoolMax) ss.max = v.schoolMax;
    if (v.schoolMaxTT != null && v.schoolMaxTT !== b.schoolMaxTT) ss.maxThroughTrain = v.schoolMaxTT;
    if (Object.keys(ss).length) o.schoolSize = ss;
  }
  const uc: Record<string, number> = {};
  for (const [k, x] of Object.entries(v.unitCosts)) if (x != null && x !== b.unitCosts[k]) uc[k] = x;
  if (Object.keys(uc).length) o.unitCosts = uc;
  return o;
}

/** An input's step that keeps the base value's decimals: "4.2" → 0.1, "1" → 1, "2000" → 100. */
const stepOf = (base: string | null | undefined) => {
  const d = (base ?? '').split('.')[1]?.length ?? 0;
  if (d > 0) return 10 ** -d;
  return Number(base) >= 100 ? 100 : 1;
};

/** How many values an overrides object sets (its leaves). */
const leaves = (o: unknown): number => (o && typeof o === 'object' ? Object.values(o).reduce<number>((n, v) => n + leaves(v), 0) : 1);

function Field({ label, children, hint }: { label: React.ReactNode; children: React.ReactNode; hint?: React.ReactNode }) {
  return (
    <div className="jh-pack-field">
      <div className="jh-pack-label">{label}</div>
      <div>{children}</div>
      {hint && <div className="jh-pack-hint">{hint}</div>}
    </div>
  );
}

export interface PackFormProps {
  open: boolean;
  /** Create a new local pack from `baseId`, or edit the local pack `edit` (saves its next version). */
  mode: 'create' | 'edit';
  baseId?: string;
  edit?: StandardDetail;
  standards: StandardItem[];
  onClose: () => void;
  onSaved: (pack: StandardPack) => void;
}

export function PackForm({ open, mode, baseId, edit, standards, onClose, onSaved }: PackFormProps) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const builtIns = standards.filter((s) => s.builtIn);
  const [base, setBase] = useState<string>(edit?.pack.extends?.id ?? baseId ?? 'national-2017-quality');
  const baseDetail = useCall(API.balance.getStandard, open ? { params: { id: base } } : null, { silent: true });
  const basePack = baseDetail.data?.pack ?? null;
  const text = usePackText(basePack);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [basis, setBasis] = useState('');
  const [vals, setVals] = useState<Values | null>(null);
  const [allCv, setAllCv] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    if (!open) return;
    setBase(edit?.pack.extends?.id ?? baseId ?? 'national-2017-quality');
    setId(edit?.pack.id ?? '');
    setName(edit?.input?.name ?? edit?.pack.name ?? '');
    setNameEn(edit?.input?.nameEn ?? '');
    setBasis(edit?.input?.basis ?? '');
    setTried(false);
    setAllCv(null);
    setVals(null);
  }, [open, edit, baseId]);

  // Pre-fill from the pack being edited, or from the chosen base.
  useEffect(() => {
    if (!open || !basePack || basePack.id !== base) return;
    setVals(valuesOf(mode === 'edit' && edit ? edit.pack : basePack));
  }, [open, basePack, base, mode, edit]);

  const bv = useMemo(() => (basePack ? valuesOf(basePack) : null), [basePack]);
  const overrides = useMemo(() => (vals && basePack ? overridesOf(vals, basePack) : {}), [vals, basePack]);
  const nChanged = leaves(overrides);
  const idOk = /^[a-z0-9][a-z0-9-]{1,62}$/.test(id);
  const nameOk = name.trim().length > 0;

  const set = (f: (v: Values) => Values) => setVals((v) => (v ? f(v) : v));
  const cls = (changed: boolean) => (changed ? 'jh-changed' : undefined);

  const submit = async () => {
    setTried(true);
    if (!vals || !basePack || !idOk || !nameOk) return;
    setSaving(true);
    try {
      const body = { name: name.trim(), nameEn: nameEn.trim(), basis: basis.trim(), extends: base, overrides };
      const r = mode === 'create' ? await call(API.balance.createStandard, { body: { id, ...body } }) : await call(API.balance.updateStandard, { params: { id }, body });
      message.success(mode === 'create' ? t('standards.created') : t('standards.savedVersion', { v: r.pack.version }));
      onSaved(r.pack);
    } catch {
      /* shown by the API client */
    } finally {
      setSaving(false);
    }
  };

  const decInput = (value: string | null, baseValue: string | null | undefined, onChange: (v: string | null) => void, testId?: string, step = 0.01) => (
    <InputNumber<string>
      stringMode
      size="small"
      min="0"
      step={step}
      value={value}
      onChange={(x) => onChange(x === null || x === undefined || x === '' ? null : String(x))}
      className={cls(!decEq(value, baseValue))}
      style={{ width: 110 }}
      data-testid={testId}
    />
  );
  const intInput = (value: number | null, baseValue: number | null | undefined, onChange: (v: number | null) => void, testId?: string, width = 110) => (
    <InputNumber
      size="small"
      min={0}
      precision={0}
      value={value}
      onChange={(x) => onChange(x === null || x === undefined ? null : Number(x))}
      className={cls(value !== baseValue)}
      style={{ width }}
      data-testid={testId}
    />
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={860}
      title={mode === 'create' ? t('standards.createTitle') : t('standards.editTitle', { id })}
      extra={
        <Flex gap={8} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('standards.nChanged', { n: nChanged })}
          </Typography.Text>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} disabled={!vals} data-testid="standards-submit">
            {mode === 'create' ? t('common.create') : t('standards.saveVersion')}
          </Button>
        </Flex>
      }
    >
      <div data-testid="standards-form">
        <Row gutter={[16, 8]}>
          <Col span={12}>
            <Field label={t('standards.base')} hint={t('standards.baseHint')}>
              <Select
                value={base}
                disabled={mode === 'edit'}
                onChange={(v: string) => setBase(v)}
                style={{ width: '100%' }}
                options={builtIns.map((s) => ({ value: s.id, label: pick(s.name, s.nameEn) }))}
                data-testid="standards-base"
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field label={t('standards.id')} hint={t('standards.idHint')}>
              <Input
                value={id}
                disabled={mode === 'edit'}
                onChange={(e) => setId(e.target.value.trim())}
                placeholder="dinghai-2025"
                status={tried && !idOk ? 'error' : undefined}
                data-testid="standards-id"
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field label={t('standards.name')}>
              <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('standards.namePh')} status={tried && !nameOk ? 'error' : undefined} data-testid="standards-name" />
            </Field>
          </Col>
          <Col span={12}>
            <Field label={t('standards.nameEn')}>
              <Input value={nameEn} onChange={(e) => setNameEn(e.target.value)} placeholder="Dinghai 2025 targets" data-testid="standards-name-en" />
            </Field>
          </Col>
          <Col span={24}>
            <Field label={t('standards.basis')}>
              <Input.TextArea value={basis} onChange={(e) => setBasis(e.target.value)} rows={2} maxLength={2000} placeholder={t('standards.basisPh')} />
            </Field>
          </Col>
        </Row>
        {!vals || !bv || !basePack ? (
          <Alert type="info" title={t('common.loading')} style={{ marginTop: 12 }} />
        ) : (
          <>
            <Alert type="info" showIcon style={{ margin: '8px 0 4px' }} title={t('standards.formHelp')} />
            <Divider titlePlacement="start" plain>
              <b>{basePack.cvRule === 'composite' ? t('standards.compositeLimit') : t('standards.cvLimit')}</b>
            </Divider>
            <Flex gap={24} wrap align="flex-start">
              {LV.map((l) => (
                <Field key={l} label={text.level(l)} hint={t('standards.baseValue', { v: bv.cvLimit[l] ?? '—' })}>
                  {decInput(vals.cvLimit[l], bv.cvLimit[l], (x) => set((v) => ({ ...v, cvLimit: { ...v.cvLimit, [l]: x } })), `standards-cv-${LV_CODE[l]}`)}
                </Field>
              ))}
              <Field label={t('standards.setBoth')}>
                <Flex gap={6}>
                  <InputNumber<string> stringMode size="small" min="0" step={0.01} value={allCv} onChange={(x) => setAllCv(x ? String(x) : null)} style={{ width: 90 }} placeholder="0.30" />
                  <Button size="small" disabled={!allCv} onClick={() => allCv && set((v) => ({ ...v, cvLimit: { 小学: allCv, 初中: allCv } }))}>
                    {t('standards.apply')}
                  </Button>
                </Flex>
              </Field>
            </Flex>

            {Object.keys(vals.thresholds).length > 0 && (
              <>
                <Divider titlePlacement="start" plain>
                  <b>{t('standards.thresholds')}</b>
                </Divider>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={basePack.indicators.filter((i) => i.threshold)}
                  columns={[
                    {
                      title: t('balance.indicator'),
                      key: 'n',
                      render: (_v, i) => (
                        <div style={{ lineHeight: 1.3 }}>
                          <div>{text.short(i.key)}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                            {text.ratioUnit(i.key)}
                          </Typography.Text>
                        </div>
                      ),
                    },
                    ...LV.map((l) => ({
                      title: text.level(l),
                      key: l,
                      render: (_v: unknown, i: StandardPack['indicators'][number]) => (
                        <Flex align="center" gap={6}>
                          {decInput(
                            vals.thresholds[i.key]?.[l] ?? null,
                            bv.thresholds[i.key]?.[l],
                            (x) => set((v) => ({ ...v, thresholds: { ...v.thresholds, [i.key]: { ...v.thresholds[i.key], [l]: x } } })),
                            `standards-threshold-${i.key}-${LV_CODE[l]}`,
                            stepOf(bv.thresholds[i.key]?.[l]),
                          )}
                          {!decEq(vals.thresholds[i.key]?.[l], bv.thresholds[i.key]?.[l]) && (
                            <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                              {t('standards.baseValue', { v: bv.thresholds[i.key]?.[l] ?? '—' })}
                            </Typography.Text>
                          )}
                        </Flex>
                      ),
                    })),
                    {
                      title: t('standards.unitCost'),
                      key: 'c',
                      render: (_v, i) => (
                        <Flex align="center" gap={4}>
                          {intInput(vals.unitCosts[i.key] ?? null, bv.unitCosts[i.key], (x) => set((v) => ({ ...v, unitCosts: { ...v.unitCosts, [i.key]: x } })), `standards-cost-${i.key}`, 120)}
                          <Typography.Text type="secondary" style={{ fontSize: 11, whiteSpace: 'nowrap' }}>
                            {t('balance.yuanPer', { unit: text.unit(i.key) })}
                          </Typography.Text>
                        </Flex>
                      ),
                    },
                  ]}
                />
              </>
            )}

            {basePack.schoolRule && (
              <>
                <Divider titlePlacement="start" plain>
                  <b>{t('standards.schoolRule')}</b>
                </Divider>
                <Flex gap={24} wrap>
                  <Field label={t('standards.minMet', { k: basePack.indicators.length })} hint={t('standards.baseValue', { v: bv.minMet ?? '—' })}>
                    {intInput(vals.minMet, bv.minMet, (x) => set((v) => ({ ...v, minMet: x })), 'standards-min-met')}
                  </Field>
                  <Field label={t('standards.remainderShare')} hint={t('standards.baseValue', { v: bv.remainderMinShare ?? '—' })}>
                    {decInput(vals.remainderMinShare, bv.remainderMinShare, (x) => set((v) => ({ ...v, remainderMinShare: x })), 'standards-remainder')}
                  </Field>
                </Flex>
              </>
            )}

            <Divider titlePlacement="start" plain>
              <b>{t('standards.classSize')}</b>
            </Divider>
            <Flex gap={24} wrap>
              {LV.map((l) => (
                <Field key={l} label={t('standards.classStd', { level: text.level(l) })} hint={t('standards.baseValue', { v: bv.classStd[l] ?? '—' })}>
                  {intInput(vals.classStd[l], bv.classStd[l], (x) => set((v) => ({ ...v, classStd: { ...v.classStd, [l]: x } })), `standards-class-${LV_CODE[l]}`)}
                </Field>
              ))}
              <Field label={t('standards.large')} hint={t('standards.baseValue', { v: bv.large ?? '—' })}>
                {intInput(vals.large, bv.large, (x) => set((v) => ({ ...v, large: x })))}
              </Field>
              <Field label={t('standards.huge')} hint={t('standards.baseValue', { v: bv.huge ?? '—' })}>
                {intInput(vals.huge, bv.huge, (x) => set((v) => ({ ...v, huge: x })))}
              </Field>
            </Flex>

            {basePack.guarantees && (
              <>
                <Divider titlePlacement="start" plain>
                  <b>{t('standards.schoolSize')}</b>
                </Divider>
                <Flex gap={24} wrap>
                  <Field label={t('standards.schoolMax')} hint={t('standards.baseValue', { v: bv.schoolMax ?? '—' })}>
                    {intInput(vals.schoolMax, bv.schoolMax, (x) => set((v) => ({ ...v, schoolMax: x })), undefined, 120)}
                  </Field>
                  <Field label={t('standards.schoolMaxTT')} hint={t('standards.baseValue', { v: bv.schoolMaxTT ?? '—' })}>
                    {intInput(vals.schoolMaxTT, bv.schoolMaxTT, (x) => set((v) => ({ ...v, schoolMaxTT: x })), undefined, 120)}
                  </Field>
                </Flex>
              </>
            )}

            {Object.keys(vals.thresholds).length === 0 && (
              <>
                <Divider titlePlacement="start" plain>
                  <b>{t('standards.unitCosts')}</b>
                </Divider>
                <Flex gap={16} wrap>
                  {basePack.indicators.map((i) => (
                    <Field key={i.key} label={text.short(i.key)}>
                      {intInput(vals.unitCosts[i.key] ?? null, bv.unitCosts[i.key], (x) => set((v) => ({ ...v, unitCosts: { ...v.unitCosts, [i.key]: x } })), `standards-cost-${i.key}`, 120)}
                    </Field>
                  ))}
                </Flex>
              </>
            )}

            <Divider titlePlacement="start" plain>
              <b>{t('standards.overridesPreview')}</b>
            </Divider>
            {Object.keys(overrides).length === 0 ? (
              <Typography.Text type="secondary">{t('standards.noOverrides')}</Typography.Text>
            ) : (
              <Flex wrap gap={6} data-testid="standards-overrides">
                {Object.entries(overrides).flatMap(([k, v]) =>
                  Object.entries(v as Record<string, unknown>).map(([k2, v2]) => (
                    <Tag key={`${k}.${k2}`} color="purple">
                      {k}.{k2} = {typeof v2 === 'object' ? JSON.stringify(v2) : String(v2)}
                    </Tag>
                  )),
                )}
              </Flex>
            )}
          </>
        )}
      </div>
    </Drawer>
  );
}
