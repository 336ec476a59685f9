// Pieces the vision page's parts share: figures through the one formatter, grade names, the withheld-cell mark.
import { Tag, Tooltip } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import { VISION_FIGURES, type VisionChangeWire } from '../../../../../src/wellbeing/vision/contract.js';
import type { VisionT } from './i18n.js';
import { gradeLabel } from '../grade-name.js';

export const rate = (v: number | null | undefined) => formatNumber(v, VISION_FIGURES.rate);
export const pp = (v: number | null | undefined) => formatNumber(v, VISION_FIGURES.pp);
export const count = (v: number | null | undefined) => formatNumber(v, VISION_FIGURES.count);

export const gradeName = (g: number, lang: 'zh' | 'en', t: VisionT) => gradeLabel(g, lang, (n) => t('grade', { g: n }));

/** A withheld cell: 人数过少, with the reason on hover. */
export function TooFew({ t, min }: { t: VisionT; min: number }) {
  return (
    <Tooltip title={t('tooFewTip', { n: min })}>
      <Tag style={{ marginInlineEnd: 0 }}>{t('tooFew')}</Tag>
    </Tooltip>
  );
}

export function MetTag({ t, met }: { t: VisionT; met: boolean | null }) {
  if (met === null) return <>{formatNumber(null, 0)}</>;
  return (
    <Tag color={met ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
      {t(met ? 'met' : 'notMet')}
    </Tag>
  );
}

/** Met / not met against the target, or “not judged” (with the reason on hover) when the two years were measured differently. */
export function ChangeMet({ t, change, maxPp }: { t: VisionT; change: VisionChangeWire | null | undefined; maxPp: number }) {
  if (change?.notComparable)
    return (
      <Tooltip title={t(change.notComparable === 'rule-version' ? 'notComparableRule' : 'notComparableShare', { pp: maxPp, from: change.from, to: change.to })}>
        <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="vision-not-comparable">
          {t('notComparable')}
        </Tag>
      </Tooltip>
    );
  return <MetTag t={t} met={change?.meetsTarget ?? null} />;
}
