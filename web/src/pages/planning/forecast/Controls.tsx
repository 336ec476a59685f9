// The forecast's parameters: years ahead (1–10), the ratio window (1–5), the years the backtest holds out (1–3), the
// entry grade's source (the window mean, or births where the district has a births table) and, for those who read the
// balance evaluation, the standards pack whose class sizes (班额) turn students into classes (the national one, or a
// local pack of the district).
import { Flex, Segmented, Select, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { DEFAULT_STANDARD } from '../../../../../src/balance/pack-schema.js';
import type { StandardListItem } from '../../../../../src/balance/contract.js';
import { FORECAST_LIMITS } from '../../../../../src/planning/forecast/contract.js';
import { useI18n } from '../../../i18n.js';
import type { ForecastT } from './i18n.js';

export interface ForecastParams {
  horizon: number;
  window: number;
  holdout: number;
  entry: 'mean' | 'births';
  /** The standards pack (its latest version). */
  standard: string;
}
export const DEFAULT_PARAMS: ForecastParams = { horizon: 5, window: 3, holdout: 1, entry: 'mean', standard: DEFAULT_STANDARD };

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

export function Controls({
  value,
  onChange,
  birthsAvailable,
  standards,
  t,
}: {
  value: ForecastParams;
  onChange: (p: ForecastParams) => void;
  birthsAvailable: boolean;
  /** The packs the user may choose from (none: the national pack is used). */
  standards: StandardListItem[];
  t: ForecastT;
}) {
  const { pick } = useI18n();
  const years = (n: number) => range(n).map((v) => ({ value: v, label: t('years', { n: v }) }));
  const field = (label: string, key: 'horizon' | 'window' | 'holdout', max: number) => (
    <Flex align="center" gap={6}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Select size="middle" value={value[key]} onChange={(v: number) => onChange({ ...value, [key]: v })} options={years(max)} style={{ width: 86 }} data-testid={`forecast-${key}`} />
    </Flex>
  );
  return (
    <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }} data-testid="forecast-controls">
      {field(t('horizon'), 'horizon', FORECAST_LIMITS.horizon)}
      {field(t('window'), 'window', FORECAST_LIMITS.window)}
      {field(t('holdout'), 'holdout', FORECAST_LIMITS.holdout)}
      <Flex align="center" gap={6}>
        <Typography.Text type="secondary">{t('entry')}</Typography.Text>
        <Segmented
          value={value.entry}
          onChange={(v) => onChange({ ...value, entry: v as ForecastParams['entry'] })}
          options={[
            { value: 'mean', label: t('entryMean') },
            {
              value: 'births',
              disabled: !birthsAvailable,
              label: birthsAvailable ? (
                t('entryBirths')
              ) : (
                <Tooltip title={t('entryBirthsNone')}>
                  <span>{t('entryBirths')}</span>
                </Tooltip>
              ),
            },
          ]}
          data-testid="forecast-entry"
        />
      </Flex>
      {standards.length > 1 && (
        <Flex align="center" gap={6}>
          <Typography.Text type="secondary">{t('standard')}</Typography.Text>
          <Select
            value={value.standard}
            onChange={(v: string) => onChange({ ...value, standard: v })}
            options={standards.map((p) => ({ value: p.id, label: pick(p.name, p.nameEn) }))}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="forecast-standard"
          />
        </Flex>
      )}
      <Tooltip title={t('controlsHelp')}>
        <InfoCircleOutlined style={{ color: 'var(--jh-text-2)' }} />
      </Tooltip>
    </Flex>
  );
}
