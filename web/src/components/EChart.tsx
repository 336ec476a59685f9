// A thin React wrapper around ECharts: only the charts and components the app uses are registered
// (tree-shaken echarts/core), the chart follows its container's size and is disposed on unmount.
import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TitleComponentOption | TooltipComponentOption
>;

/** Colours shared by all charts (primary first). */
export const CHART_COLORS = ['#1d4ed8', '#0ea5a4', '#f59e0b', '#8b5cf6', '#ef4444', '#64748b', '#22c55e', '#ec4899'];
export const CHART_FONT = "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', Roboto, sans-serif";

export interface EChartProps {
  option: EChartOption;
  height?: number | string;
  style?: CSSProperties;
  className?: string;
  /** Called with the data index when a bar, point or slice is clicked. */
  onClick?: (params: { dataIndex: number; name: string; seriesName?: string; value: unknown }) => void;
  'data-testid'?: string;
}

export function EChart({ option, height = 320, style, className, onClick, ...rest }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => clickRef.current?.(p as unknown as Parameters<NonNullable<EChartProps['onClick']>>[0]));
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    // The container also changes size when the side menu collapses.
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => resize()) : null;
    ro?.observe(el);
    return () => {
      window.removeEventListener('resize', resize);
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        color: CHART_COLORS,
        textStyle: { fontFamily: CHART_FONT },
        animationDuration: 500,
        ...option,
      },
      { notMerge: true },
    );
  }, [option]);

  return <div ref={ref} className={className} style={{ width: '100%', height, ...style }} data-testid={rest['data-testid']} />;
}

export default EChart;
