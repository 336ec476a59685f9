// The myopia rate per school year: the district's line, the path of the yearly target from the first year (down
// 0.5 points a year), and up to three schools to compare. Withheld years are gaps.
import { useMemo, useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { EChart, type EChartOption } from '../../../components/EChart.js';
import { yearLabel } from '../../../session.js';
import type { VisionReport } from '../../../../../src/wellbeing/vision/contract.js';
import type { VisionT } from './i18n.js';
import { pp, rate } from './shared.js';

export function TrendChart({ t, lang, report, districtLabel }: { t: VisionT; lang: 'zh' | 'en'; report: VisionReport; districtLabel: string }) {
  const [schools, setSchools] = useState<string[]>([]);
  const years = useMemo(() => [...report.years].sort((a, b) => a - b), [report.years]);
  const district = report.trend.find((s) => s.school === null);
  const option = useMemo<EChartOption>(() => {
    const pointsOf = (s: VisionReport['trend'][number] | undefined) => years.map((y) => s?.points.find((p) => p.year === y)?.myopiaRate ?? null);
    const first = district?.points.find((p) => p.myopiaRate !== null);
    const step = report.targets.yearlyChangePp / 100;
    const path = first ? years.map((y) => (y < first.year ? null : first.myopiaRate! + step * (y - first.year))) : [];
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => rate(v as number | null) },
      xAxis: { type: 'category', data: years.map((y) => yearLabel(y, lang)), boundaryGap: false, axisTick: { show: false } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => rate(v).replace('.0%', '%') }, splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
      series: [
        { type: 'line', name: districtLabel, data: pointsOf(district), symbolSize: 8, lineStyle: { width: 3 }, label: { show: true, formatter: (p: { value: unknown }) => rate(p.value as number) } },
        ...(path.length > 1
          ? [
              {
                type: 'line' as const,
                name: t('trendPath', { pp: pp(-report.targets.yearlyChangePp).replace('+', '') }),
                data: path,
                symbol: 'none',
                lineStyle: { type: 'dashed' as const, color: '#ef4444' },
                itemStyle: { color: '#ef4444' },
              },
            ]
          : []),
        ...schools.map((code) => {
          const s = report.trend.find((x) => x.school === code);
          return { type: 'line' as const, name: s?.schoolName ?? code, data: pointsOf(s), symbolSize: 6, lineStyle: { width: 1.5 } };
        }),
      ],
    };
  }, [years, district, report, schools, t, lang, districtLabel]);
  const choices = report.trend.filter((s) => s.school !== null).map((s) => ({ value: s.school!, label: s.schoolName ?? s.school! }));
  return (
    <div>
      <EChart option={option} height={280} data-testid="vision-trend" />
      {choices.length > 0 && (
        <Space wrap style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('trendSchools')}</Typography.Text>
          <Select mode="multiple" maxCount={3} allowClear value={schools} onChange={setSchools} options={choices} style={{ minWidth: 220, maxWidth: '100%' }} optionFilterProp="label" />
        </Space>
      )}
    </div>
  );
}
