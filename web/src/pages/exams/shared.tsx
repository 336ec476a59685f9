// Helpers of the exam pages: number formats, school names, the extra ECharts types (box plot, heat map, radar),
// exam-type labels and the subject presets of the create form.
import { useMemo, type CSSProperties } from 'react';
import { Tag, Tooltip } from 'antd';
import * as echarts from 'echarts/core';
import { BoxplotChart, HeatmapChart, RadarChart, ScatterChart } from 'echarts/charts';
import { MarkAreaComponent, RadarComponent, VisualMapComponent, DataZoomComponent } from 'echarts/components';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { formatNumber } from '../../../../src/core/format.js';
import { withheldText } from '../../../../src/exams/figures.js';
import { EChart } from '../../components/EChart.js';
import type { Exam, ExamSubject, Mark } from './types.js';
import { TOTAL } from './types.js';
import type { ExamT } from './i18n.js';

// The shared EChart component registers bar, line and pie; the exam pages also draw box plots, heat maps and radars.
echarts.use([BoxplotChart, HeatmapChart, RadarChart, ScatterChart, MarkAreaComponent, RadarComponent, VisualMapComponent, DataZoomComponent]);

/** Options of the charts registered above are not in EChartOption's union: plain objects, checked by ECharts. */
export type AnyChartOption = Record<string, unknown>;

export function ExamChart({
  option,
  height,
  testId,
  onClick,
}: {
  option: AnyChartOption;
  height?: number;
  testId?: string;
  onClick?: (p: { dataIndex: number; name: string; seriesName?: string; value: unknown }) => void;
}) {
  return <EChart option={option} height={height} data-testid={testId} onClick={onClick} />;
}

export const AXIS_SPLIT = { lineStyle: { type: 'dashed', color: '#eef0f4' } } as const;
export const RED = '#dc2626';
export const GREEN = '#16a34a';
export const BLUE = '#1d4ed8';

// Every figure through the one formatter (src/core/format.ts), in the styles of src/exams/figures.ts: the page shows
// what the PDF and the workbook show.
export { figure, formatP, withheldText } from '../../../../src/exams/figures.js';
/** 0.853 → "85.3%". */
export function pct(x: number | null | undefined, digits = 1): string {
  return formatNumber(x, { decimals: digits, percent: true });
}
/** Signed share: +3.2% / −1.5%. */
export function signedPct(x: number | null | undefined, digits = 1): string {
  return formatNumber(x, { decimals: digits, percent: true, signed: true });
}
export function num(x: number | null | undefined, digits = 1): string {
  return formatNumber(x, { decimals: digits });
}
/** +1.5 / −1.5 / 0.0 (a value that rounds to zero has no sign). */
export function signed(x: number | null | undefined, digits = 1): string {
  return formatNumber(x, { decimals: digits, signed: true });
}
/** A head count: 1,234. */
export const count = (x: number | null | undefined): string => formatNumber(x, { decimals: 0 });
/** Colour of a signed value: green up, red down (none for what shows as zero). */
export function signColor(x: number | null | undefined, digits = 3): CSSProperties | undefined {
  if (x === null || x === undefined || Number.isNaN(x) || Number(Math.abs(x).toFixed(digits)) === 0) return undefined;
  return { color: x > 0 ? GREEN : RED };
}
export const round = (x: number | null | undefined, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(d)));

/** Sort helper for nullable numbers: nulls last in both directions is not possible with antd; nulls count as −∞. */
export const byNum = (a: number | null | undefined, b: number | null | undefined) => (a ?? -Infinity) - (b ?? -Infinity);

/** Full marks of a column (a subject or 总分). */
export function fullOf(exam: Exam, subject: string): number {
  if (subject === TOTAL) return exam.subjects.reduce((s, x) => s + x.fullMarks, 0);
  return exam.subjects.find((s) => s.subject === subject)?.fullMarks ?? 0;
}

/** Cut lines of a subject as in effect (the server sends the subject's own or else the exam's), as shares. */
export function cutsOf(s: ExamSubject) {
  return { excellent: Number(s.excellent), pass: Number(s.pass), low: Number(s.low) };
}

/** Registry schools: code → name (the server scopes the list: a clerk gets the own school). */
export function useSchoolNames() {
  const { data } = useCall(API.registry.listSchools, {}, { silent: true });
  return useMemo(() => {
    const m = new Map<string, NonNullable<typeof data>['schools'][number]>();
    for (const s of data?.schools ?? []) m.set(s.code, s);
    return {
      ready: !!data,
      name: (code: string) => m.get(code)?.name ?? code,
      level: (code: string) => m.get(code)?.level ?? null,
      location: (code: string) => m.get(code)?.location ?? null,
    };
  }, [data]);
}

export function typeLabel(type: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return type === 'other' ? '其他' : type;
  return { 期中: 'Midterm', 期末: 'Final', 学业水平: 'Proficiency', 中考: 'Zhongkao', 联考: 'Joint exam', other: 'Other' }[type] ?? type;
}
export const TYPE_COLORS: Record<string, string> = { 期中: 'blue', 期末: 'geekblue', 学业水平: 'cyan', 中考: 'volcano', 联考: 'purple', other: 'default' };

export function ExamTypeTag({ type }: { type: string }) {
  const { lang } = useI18n();
  return <Tag color={TYPE_COLORS[type] ?? 'default'}>{typeLabel(type, lang)}</Tag>;
}

/** A score cell: the score, or the mark (缺考 / 作弊 / 免考) as a small tag. */
export function ScoreCell({ score, mark, t, lowCut }: { score: number | null; mark: Mark; t: ExamT; lowCut?: number }) {
  if (mark === 'absent')
    return (
      <Tag color="default" style={{ marginInlineEnd: 0 }}>
        {t('r.absent')}
      </Tag>
    );
  if (mark === 'voided')
    return (
      <Tag color="error" style={{ marginInlineEnd: 0 }}>
        {t('r.voided')}
      </Tag>
    );
  if (mark === 'exempt')
    return (
      <Tag color="warning" style={{ marginInlineEnd: 0 }}>
        {t('r.exempt')}
      </Tag>
    );
  if (score === null) return <span className="jh-muted">—</span>;
  const low = lowCut !== undefined && score < lowCut;
  return <span className={low ? 'jh-exam-low' : undefined}>{num(score, 1)}</span>;
}

/** A withheld small cell (fewer students than the published minimum): says so instead of its figures. */
export function Withheld({ min }: { min?: number }) {
  const { lang } = useI18n();
  return (
    <Tooltip
      title={
        lang === 'zh'
          ? '人数过少，为保护学生隐私不公布该单元格的成绩（人数下限为本地设置）。'
          : 'Too few students: the figures are not published, to protect the students (the minimum is a local setting).'
      }
    >
      <span className="jh-muted" data-testid="exam-withheld">
        {withheldText(min, lang)}
      </span>
    </Tooltip>
  );
}

/** A rate against a reference (the district): the value with a small ▲/▼ difference. */
export function RateVs({ value, base: reference, inverse = false }: { value: number | null | undefined; base: number | null | undefined; inverse?: boolean }) {
  if (value === null || value === undefined) return <span className="jh-muted">—</span>;
  if (reference === null || reference === undefined) return <span>{pct(value)}</span>;
  const d = value - reference;
  const good = inverse ? d < 0 : d > 0;
  return (
    <Tooltip title={`${pct(reference)}`}>
      <span>
        {pct(value)}
        {Math.abs(d) >= 0.0005 && (
          <span className="jh-exam-delta" style={{ color: good ? GREEN : RED }}>
            {d > 0 ? '▲' : '▼'}
            {formatNumber(Math.abs(d), { decimals: 1, percent: true }).replace('%', '')}
          </span>
        )}
      </span>
    </Tooltip>
  );
}

export interface SubjectPreset {
  key: 'preset.zhongkao' | 'preset.junior7' | 'preset.junior' | 'preset.primary';
  subjects: [string, number][];
}
export const PRESETS: SubjectPreset[] = [
  {
    key: 'preset.zhongkao',
    subjects: [
      ['语文', 120],
      ['数学', 120],
      ['英语', 120],
      ['物理', 100],
      ['化学', 100],
      ['道德与法治', 100],
      ['历史', 100],
      ['地理', 100],
      ['生物', 100],
    ],
  },
  {
    key: 'preset.junior7',
    subjects: [
      ['语文', 120],
      ['数学', 120],
      ['英语', 120],
      ['道德与法治', 100],
      ['历史', 100],
      ['地理', 100],
      ['生物', 100],
    ],
  },
  {
    key: 'preset.junior',
    subjects: [
      ['语文', 120],
      ['数学', 120],
      ['英语', 120],
    ],
  },
  {
    key: 'preset.primary',
    subjects: [
      ['语文', 100],
      ['数学', 100],
      ['英语', 100],
    ],
  },
];

/** Competition ranks (ties share) of values, higher first; null stays unranked. */
export function competitionRanks(values: (number | null)[]): (number | null)[] {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => b - a);
  return values.map((v) => (v === null ? null : sorted.indexOf(v) + 1));
}

/** Every exam of the district, and the one with `id` if given. */
export function useExam(id?: string) {
  const list = useCall(API.exams.list, {}, { silent: true });
  const exams = useMemo(() => list.data?.exams ?? [], [list.data]);
  const exam = id === undefined ? null : (exams.find((e) => String(e.id) === id) ?? null);
  return { exam, exams, loaded: !!list.data, loading: list.loading, error: list.error, reload: list.reload };
}
