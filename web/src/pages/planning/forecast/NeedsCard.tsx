// 新建/扩建需求: per catchment and level with a shortfall, the classes and seats a new or enlarged school must provide in
// the peak year, the schools short then, and the spare rooms of the catchment's other schools (not netted).
import { Card, List, Space, Tag, Typography } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import type { ForecastNeed } from '../../../../../src/planning/forecast/contract.js';
import type { ForecastT } from './i18n.js';

export function NeedsCard({ needs, t, township, level }: { needs: ForecastNeed[]; t: ForecastT; township: (s: string | null) => string; level: (s: string | null) => string }) {
  return (
    <Card size="small" title={t('needsTitle')} style={{ height: '100%' }} data-testid="forecast-needs">
      <List
        size="small"
        dataSource={needs}
        locale={{ emptyText: t('needsNone') }}
        renderItem={(n) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Tag color="blue">{township(n.township)}</Tag>
                <Tag>{level(n.level)}</Tag>
                <Typography.Text strong>{t('needLine', { y: n.peakYear, c: formatNumber(n.classes, 0), s: formatNumber(n.seats, 0) })}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('needSchools', { list: n.schools.map((s) => t('needSchool', { name: s.name, c: formatNumber(s.classes, 0) })).join(t('listSep')) })}
                {n.spareElsewhere > 0 && ` · ${t('needSpare', { n: formatNumber(n.spareElsewhere, 0) })}`}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('needsRule')}
      </Typography.Paragraph>
    </Card>
  );
}
