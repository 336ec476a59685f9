// What the pairing page's parts share: the figures written through the one formatter, a strength component with its
// raw figure, z-score or the reason it is missing, and the tags of types, roles and exclusions.
import { Space, Tag, Tooltip, Typography } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import { LOCATION_EN, type Location } from '../../../../../src/registry/model.js';
import { PAIRING_FIGURES, PAIRING_TYPE_EN, type ComponentScore, type PairingType, type StrengthComponent, type StrengthRow } from '../../../../../src/planning/pairing/contract.js';
import type { PairingKey, PairingT } from './i18n.js';

export const z = (v: number | null | undefined) => formatNumber(v, PAIRING_FIGURES.z);
export const gap = (v: number | null | undefined) => formatNumber(v, PAIRING_FIGURES.gap);
export const km = (v: number | null | undefined) => formatNumber(v, PAIRING_FIGURES.km);
export const pct = (v: number | null | undefined) => formatNumber(v, PAIRING_FIGURES.target);

/** The raw figure of a component, as the school has it. */
export function rawText(t: PairingT, k: StrengthComponent, raw: number | null): string {
  if (raw === null) return '';
  if (k === 'compliance') return t('complianceRaw', { v: formatNumber(raw, PAIRING_FIGURES.share) });
  if (k === 'exam') return t('examRaw', { v: formatNumber(raw, PAIRING_FIGURES.score) });
  return t('vaRaw', { v: formatNumber(raw, PAIRING_FIGURES.effect) });
}

/** One component: its z-score with the raw figure, or why it has none. */
export function ComponentCell({ t, k, c }: { t: PairingT; k: StrengthComponent; c: ComponentScore }) {
  if (c.z === null)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`missing-${c.missing ?? 'no-data'}` as PairingKey)}
        {c.raw !== null && `（${rawText(t, k, c.raw)}）`}
      </Typography.Text>
    );
  return (
    <Space size={4} wrap>
      <span>{z(c.z)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {rawText(t, k, c.raw)}
      </Typography.Text>
    </Space>
  );
}

export const COMPONENT_KEYS: readonly StrengthComponent[] = ['compliance', 'exam', 'valueAdded'];

export function LocationTag({ location, lang }: { location: string; lang: 'zh' | 'en' }) {
  const color = location === '乡村' ? 'green' : location === '镇区' ? 'blue' : 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {lang === 'en' ? (LOCATION_EN[location as Location] ?? location) : location}
    </Tag>
  );
}

export function TypeTag({ type, close, t, lang }: { type: PairingType; close: boolean; t: PairingT; lang: 'zh' | 'en' }) {
  return (
    <Tooltip title={close ? t('close') : undefined}>
      <Tag color={type === '融合型' ? 'purple' : type === '共建型' ? 'geekblue' : 'default'} style={{ marginInlineEnd: 0 }}>
        {lang === 'en' ? PAIRING_TYPE_EN[type] : type}
      </Tag>
    </Tooltip>
  );
}

export function RoleTag({ row, t }: { row: StrengthRow; t: PairingT }) {
  if (row.excluded) return <Tag style={{ marginInlineEnd: 0 }}>{t(`excluded-${row.excluded}` as PairingKey)}</Tag>;
  if (row.role === 'lead')
    return (
      <Tag color="gold" style={{ marginInlineEnd: 0 }}>
        {t('roleLead')}
      </Tag>
    );
  if (row.role === 'member')
    return (
      <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
        {t('roleMember')}
      </Tag>
    );
  return <Typography.Text type="secondary">{t('roleMiddle')}</Typography.Text>;
}
