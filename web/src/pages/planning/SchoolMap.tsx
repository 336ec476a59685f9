// The schools of a district on a map, drawn with ECharts and nothing online (no map tiles): the layout map page and
// the pairing page use it. With a district boundary or catchments (GeoJSON the bureau uploaded) the layers are
// registered as one ECharts map and the schools are a scatter on its `geo` component (zoom and pan); without them
// the schools sit on plain longitude / latitude axes whose ranges are set from the plot's size so that a kilometre
// is as long east–west as north–south (an equirectangular view at the district's latitude: 1° of longitude is
// cos φ of 1° of latitude). Colour follows `value` (a continuous visual map), the symbol's shape the level (学段),
// its area `size`; `links` are lines between schools (pairings, moves); `highlight` rings schools; a click selects.
import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { Empty } from 'antd';
import * as echarts from 'echarts/core';
import { LinesChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GeoComponent, LegendScrollComponent, VisualMapContinuousComponent } from 'echarts/components';
import { EChart, CHART_COLORS } from '../../components/EChart.js';
import { formatNumber } from '../../../../src/core/format.js';
import { useI18n } from '../../i18n.js';
import { extentOf, padBox, polygonsOf, undistortedRanges, type BBox, type GeoPolygonFeature } from './map/geo.js';
import { levelName, useMapT } from './map/i18n.js';

echarts.use([ScatterChart, LinesChart, GeoComponent, DataZoomComponent, LegendScrollComponent, VisualMapContinuousComponent]);

export interface MapSchool {
  code: string;
  name: string;
  level: string;
  lat: number;
  lng: number;
  value?: number | null;
  label?: string;
  size?: number;
}
export interface MapLink {
  from: string;
  to: string;
  kind?: string;
  label?: string;
}
export interface SchoolMapProps {
  schools: MapSchool[];
  links?: MapLink[];
  /** The district boundary: GeoJSON (FeatureCollection, Feature or (Multi)Polygon). */
  boundary?: unknown; // GeoJSON or null
  /** Catchments (学区): GeoJSON polygons, each with a `name` property (shown as a label). */
  catchments?: unknown; // GeoJSON or null
  /** What `value` is (the colour scale's title), e.g. "平均班额". */
  valueName?: string;
  onSelect?: (code: string) => void;
  /** Codes of schools to ring (e.g. the selected one, consolidation candidates). */
  highlight?: string[];
  height?: number;
  /** How a value is written in tooltips and on the scale (default: whole numbers as they are, else 1–2 decimals). */
  formatValue?: (v: number) => string;
  /** What `size` is, for the tooltip (e.g. "学生"); without it the size is not shown. */
  sizeName?: string;
  /** Colour of each link kind (default: the chart palette in order of appearance). */
  linkColors?: Record<string, string>;
  /** Link kinds drawn dashed (e.g. suggestions beside confirmed links). */
  linkDashed?: string[];
  'data-testid'?: string;
}

type AnyOption = Record<string, unknown>;

/** Levels in the legend's order, each with its symbol; other levels follow, as circles. */
const LEVEL_ORDER = ['小学', '九年一贯制', '初中', '完全中学', '十二年一贯制', '教学点'];
const LEVEL_SYMBOL: Record<string, string> = { 小学: 'circle', 九年一贯制: 'diamond', 初中: 'rect', 完全中学: 'roundRect', 十二年一贯制: 'pin', 教学点: 'triangle' };
/** Low → high (viridis, reversed so that low values are light): readable on the light map and for colour-blind eyes. */
const VALUE_COLORS = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'];
const NO_VALUE_COLOR = '#cbd5e1';
const HIGHLIGHT_COLOR = '#dc2626';
/** The plot area's margins in the axes view (pixels): the ranges are computed for what is left. */
const GRID = { left: 64, right: 16, top: 40, bottom: 84 };

const defaultFormat = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : Math.abs(v) < 10 ? 2 : 1);
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

let mapCounter = 0;

export function SchoolMap(props: SchoolMapProps): JSX.Element {
  const { schools, links, boundary, catchments, valueName, onSelect, highlight, height = 520, formatValue = defaultFormat, sizeName, linkColors, linkDashed } = props;
  const t = useMapT();
  const { lang } = useI18n();
  const wrap = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const mapName = useRef<string>('');
  if (!mapName.current) mapName.current = `junheng-school-map-${++mapCounter}`;
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  // The axes view needs the plot's width to keep the aspect: follow the container.
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The layers as one registered map: boundary features first (drawn below), catchments on top.
  const layers = useMemo(() => {
    const features: GeoPolygonFeature[] = [...polygonsOf(boundary, 'b:'), ...polygonsOf(catchments, 'c:')];
    if (!features.length) return null;
    echarts.registerMap(mapName.current, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
    return { features, catchmentNames: features.filter((f) => f.properties.name.startsWith('c:')).map((f) => f.properties.name) };
  }, [boundary, catchments]);

  const built = useMemo((): { option: AnyOption; view: { lng: [number, number]; lat: [number, number]; w: number; h: number } | null } | null => {
    if (!schools.length && !layers) return null;
    let view: { lng: [number, number]; lat: [number, number]; w: number; h: number } | null = null;
    const fmt = formatValue;
    const byCode = new Map(schools.map((s) => [s.code, s]));
    const values = schools.map((s) => s.value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const colourByValue = values.length > 0;
    let vMin = colourByValue ? Math.min(...values) : 0;
    let vMax = colourByValue ? Math.max(...values) : 1;
    if (vMax === vMin) {
      vMin -= 1;
      vMax += 1;
    }
    // A school without a value is drawn grey: its colour value lies below the scale (out of range).
    const noValue = vMin - (vMax - vMin) - 1;
    const sizes = schools.map((s) => s.size).filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
    const maxSize = sizes.length ? Math.max(...sizes) : 0;
    // Symbol area in proportion to size: diameter 7 px + 17 px × √(size / largest).
    const symbolSize = (s: MapSchool) => (maxSize > 0 ? 7 + 17 * Math.sqrt(Math.max(s.size ?? 0, 0) / maxSize) : 11);

    const levels = [...new Set(schools.map((s) => s.level))].sort((a, b) => {
      const ia = LEVEL_ORDER.indexOf(a);
      const ib = LEVEL_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    const onGeo = layers !== null;
    const coordSys = onGeo ? { coordinateSystem: 'geo', geoIndex: 0 } : { coordinateSystem: 'cartesian2d', xAxisIndex: 0, yAxisIndex: 0 };

    const series: AnyOption[] = [];
    levels.forEach((level, li) => {
      const rows = schools.filter((s) => s.level === level);
      series.push({
        type: 'scatter',
        name: levelName(lang, level),
        ...coordSys,
        symbol: LEVEL_SYMBOL[level] ?? 'circle',
        data: rows.map((s) => ({
          name: s.name,
          code: s.code,
          value: [s.lng, s.lat, typeof s.value === 'number' && Number.isFinite(s.value) ? s.value : noValue],
          symbolSize: symbolSize(s),
        })),
        // Without values the level's colour shows; with them the visual map colours the points (legend icons stay grey).
        itemStyle: { color: colourByValue ? '#64748b' : CHART_COLORS[li % CHART_COLORS.length], borderColor: '#1e293b', borderWidth: 0.6, opacity: 0.95 },
        emphasis: { scale: 1.4, itemStyle: { borderWidth: 1.5 } },
        z: 3,
      });
    });
    const levelSeries = series.map((_, i) => i);

    // Links, one series per kind (the legend toggles them).
    const kinds = [...new Set((links ?? []).map((l) => l.kind ?? ''))];
    kinds.forEach((kind, ki) => {
      const rows = (links ?? []).filter((l) => (l.kind ?? '') === kind && byCode.has(l.from) && byCode.has(l.to));
      const color = linkColors?.[kind] ?? CHART_COLORS[(ki + 4) % CHART_COLORS.length];
      series.push({
        type: 'lines',
        name: kind || t('links'),
        ...coordSys,
        polyline: false,
        data: rows.map((l) => {
          const a = byCode.get(l.from) as MapSchool;
          const b = byCode.get(l.to) as MapSchool;
          return {
            coords: [
              [a.lng, a.lat],
              [b.lng, b.lat],
            ],
            name: `${a.name} → ${b.name}${l.label ? `${t('colon')}${l.label}` : ''}`,
          };
        }),
        lineStyle: { color, width: 2, opacity: 0.75, curveness: 0.12, type: linkDashed?.includes(kind) ? 'dashed' : 'solid' },
        emphasis: { lineStyle: { width: 3.5, opacity: 1 } },
        tooltip: { formatter: (p: { name: string }) => escapeHtml(p.name) },
        z: 2,
      });
    });

    // Rings around the highlighted schools, with their names.
    const ringed = (highlight ?? []).map((c) => byCode.get(c)).filter((s): s is MapSchool => !!s);
    if (ringed.length) {
      series.push({
        type: 'scatter',
        name: '__highlight',
        ...coordSys,
        silent: true,
        symbol: 'circle',
        data: ringed.map((s) => ({ name: s.name, value: [s.lng, s.lat], symbolSize: symbolSize(s) + 10 })),
        itemStyle: { color: 'rgba(0,0,0,0)', borderColor: HIGHLIGHT_COLOR, borderWidth: 2.5 },
        label: { show: ringed.length <= 12, position: 'right', formatter: '{b}', color: '#7f1d1d', fontSize: 11, backgroundColor: 'rgba(255,255,255,0.8)', padding: [1, 3], borderRadius: 2 },
        labelLayout: { hideOverlap: true },
        z: 5,
      });
    }

    const tooltipOf = (p: { name?: string; data?: { code?: string } }) => {
      const s = p.data?.code ? byCode.get(p.data.code) : undefined;
      if (!s) return escapeHtml(p.name ?? '');
      const lines = [`<b>${escapeHtml(s.name)}</b>`, `${t('level')}${t('colon')}${escapeHtml(levelName(lang, s.level))}`];
      if (valueName) lines.push(`${escapeHtml(valueName)}${t('colon')}${typeof s.value === 'number' && Number.isFinite(s.value) ? fmt(s.value) : t('noValue')}`);
      if (sizeName && typeof s.size === 'number') lines.push(`${escapeHtml(sizeName)}${t('colon')}${formatNumber(s.size, 0)}`);
      if (s.label) lines.push(escapeHtml(s.label));
      return lines.join('<br/>');
    };

    const legendData = [...levels.map((l) => levelName(lang, l)), ...kinds.map((k) => k || t('links'))];
    const option: AnyOption = {
      animation: false,
      tooltip: { trigger: 'item', confine: true, formatter: tooltipOf },
      legend: { type: 'scroll', top: 6, left: 'center', data: legendData, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      series,
    };
    if (colourByValue) {
      option.visualMap = {
        type: 'continuous',
        seriesIndex: levelSeries,
        dimension: 2,
        min: vMin,
        max: vMax,
        calculable: true,
        orient: 'horizontal',
        left: 8,
        bottom: 4,
        itemWidth: 10,
        itemHeight: 140,
        // The handles show the range's ends; the title stands at the low end.
        text: ['', valueName ?? ''],
        textGap: 6,
        textStyle: { fontSize: 11, color: '#334155' },
        formatter: (v: number) => fmt(v),
        inRange: { color: VALUE_COLORS },
        outOfRange: { color: NO_VALUE_COLOR },
      };
    }

    if (onGeo) {
      const box = padBox(extentOf(layers.features, schools) as BBox, 0.03, 0.005);
      const midLat = (box[1] + box[3]) / 2;
      option.geo = {
        map: mapName.current,
        roam: true,
        scaleLimit: { min: 0.8, max: 30 },
        // 1° of longitude is cos φ of 1° of latitude on the ground: the map's aspect without distortion.
        aspectScale: Math.cos((midLat * Math.PI) / 180),
        boundingCoords: [
          [box[0], box[3]],
          [box[2], box[1]],
        ],
        top: 40,
        bottom: colourByValue ? 64 : 16,
        left: 8,
        right: 8,
        selectedMode: false,
        silent: false,
        tooltip: { show: false },
        itemStyle: { areaColor: '#f1f5f9', borderColor: '#64748b', borderWidth: 1.2 },
        emphasis: { disabled: true },
        label: {
          show: true,
          color: '#0f766e',
          fontSize: 11,
          formatter: (p: { name: string }) => (p.name.startsWith('c:') ? p.name.slice(2) : ''),
        },
        regions: layers.catchmentNames.map((name) => ({
          name,
          itemStyle: { areaColor: 'rgba(14,165,164,0.07)', borderColor: '#0ea5a4', borderWidth: 1, borderType: 'dashed' },
        })),
      };
    } else {
      const box = padBox(extentOf([], schools) as BBox, 0.06, 0.01);
      const plotW = Math.max(width - GRID.left - GRID.right, 50);
      const plotH = Math.max(height - GRID.top - GRID.bottom, 50);
      const r = undistortedRanges(box, plotW, plotH);
      view = { ...r, w: plotW, h: plotH };
      const deg = (v: number) => `${formatNumber(v, 2)}°`;
      option.grid = { ...GRID, containLabel: false };
      option.xAxis = {
        type: 'value',
        min: r.lng[0],
        max: r.lng[1],
        name: t('lng'),
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { formatter: deg, hideOverlap: true, fontSize: 10, showMinLabel: false, showMaxLabel: false },
        splitLine: { lineStyle: { color: '#eef0f4' } },
      };
      option.yAxis = {
        type: 'value',
        min: r.lat[0],
        max: r.lat[1],
        name: t('lat'),
        nameLocation: 'middle',
        nameGap: 48,
        axisLabel: { formatter: deg, hideOverlap: true, fontSize: 10, showMinLabel: false, showMaxLabel: false },
        splitLine: { lineStyle: { color: '#eef0f4' } },
      };
      // Zoom both axes together (the wheel over the plot), keeping the aspect; nothing is filtered out.
      option.dataZoom = [
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
      ];
    }
    return { option, view };
  }, [schools, links, layers, valueName, highlight, formatValue, sizeName, linkColors, linkDashed, width, height, lang, t]);

  const testId = props['data-testid'] ?? 'school-map';
  const option = built?.option ?? null;
  const view = built?.view ?? null;
  if (!option) {
    return (
      <div ref={wrap} data-testid={testId} style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Empty description={t('noSchools')} />
      </div>
    );
  }
  return (
    <div
      ref={wrap}
      style={{ width: '100%' }}
      // What is drawn, for a reader of the page (and the browser test): the view, and in the axes view its ranges and plot size.
      data-view={layers ? 'geo' : 'axes'}
      data-extent={view ? `${view.lng[0]},${view.lng[1]},${view.lat[0]},${view.lat[1]}` : undefined}
      data-plot={view ? `${view.w},${view.h}` : undefined}
    >
      {/* The axes view waits for the container's width so that its first drawing is already undistorted. */}
      {layers || width > 0 ? (
        <EChart
          option={option}
          height={height}
          data-testid={testId}
          onClick={(p) => {
            // A school's point carries its code; lines, rings and regions do not.
            const code = (p as unknown as { data?: { code?: unknown } }).data?.code;
            if (typeof code === 'string') selectRef.current?.(code);
          }}
        />
      ) : (
        <div style={{ height }} data-testid={testId} />
      )}
    </div>
  );
}

export default SchoolMap;
