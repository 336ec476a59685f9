// The rules of an exchange plan as form fields with their help texts: the rate and the 骨干 share in per cent (sent as
// fractions, 10 % → 0.1), the years at the school, the age limit, the longest move and the solver's time limit.
import type { ReactNode } from 'react';
import { Col, Form, InputNumber, Row } from 'antd';
import type { ExchangeRulesWire } from '../../../../../src/planning/exchange/contract.js';
import type { ExchangeT } from './i18n.js';

export type RuleValues = Omit<ExchangeRulesWire, 'pins'>;

/** A percentage typed by the user as the fraction the server reads, without binary noise (14.3 → 0.143). */
const fraction = (pct: number) => Number((pct / 100).toPrecision(12));
const percent = (f: number) => Number((f * 100).toPrecision(12));

export function RulesFields({ t, value, onChange, disabled }: { t: ExchangeT; value: RuleValues; onChange: (v: RuleValues) => void; disabled?: boolean }) {
  const set = <K extends keyof RuleValues>(k: K, v: RuleValues[K] | null) => {
    if (v !== null && v !== undefined) onChange({ ...value, [k]: v });
  };
  const field = (label: string, help: string, input: ReactNode) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item label={label} extra={help} style={{ marginBottom: 12 }}>
        {input}
      </Form.Item>
    </Col>
  );
  return (
    <Form layout="vertical" disabled={disabled} component="div">
      <Row gutter={16}>
        {field(
          t('r.rate'),
          t('r.rateHelp'),
          <InputNumber
            min={0}
            max={100}
            step={1}
            suffix="%"
            value={percent(value.rate)}
            onChange={(v) => set('rate', v === null ? null : fraction(v))}
            style={{ width: '100%' }}
            data-testid="rule-rate"
          />,
        )}
        {field(
          t('r.backboneShare'),
          t('r.backboneShareHelp'),
          <InputNumber
            min={0}
            max={100}
            step={1}
            suffix="%"
            value={percent(value.backboneShare)}
            onChange={(v) => set('backboneShare', v === null ? null : fraction(v))}
            style={{ width: '100%' }}
            data-testid="rule-backbone"
          />,
        )}
        {field(
          t('r.minYears'),
          t('r.minYearsHelp'),
          <InputNumber min={0} max={60} precision={0} value={value.minYears} onChange={(v) => set('minYears', v)} style={{ width: '100%' }} data-testid="rule-min-years" />,
        )}
        {field(
          t('r.maxAge'),
          t('r.maxAgeHelp'),
          <InputNumber min={18} max={80} precision={0} value={value.maxAge} onChange={(v) => set('maxAge', v)} style={{ width: '100%' }} data-testid="rule-max-age" />,
        )}
        {field(
          t('r.maxKm'),
          t('r.maxKmHelp'),
          <InputNumber min={0.1} max={2000} step={1} suffix="km" value={value.maxKm} onChange={(v) => set('maxKm', v)} style={{ width: '100%' }} data-testid="rule-max-km" />,
        )}
        {field(
          t('r.timeLimit'),
          t('r.timeLimitHelp'),
          <InputNumber min={1} max={600} precision={0} value={value.timeLimitSeconds} onChange={(v) => set('timeLimitSeconds', v)} style={{ width: '100%' }} data-testid="rule-time-limit" />,
        )}
      </Row>
    </Form>
  );
}
