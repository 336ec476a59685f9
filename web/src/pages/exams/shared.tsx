// Helpers of the exam pages: number formats, school names, the extra ECharts types (box plot, heat map, radar),
// exam-type labels and the subject presets of the create form.
import { useMemo, type CSSProperties } from 'react';
import { Tag, Tooltip } from 'antd';
import * as echarts from 'echarts/core';
import { BoxplotChart, HeatmapChart, RadarChart, ScatterChart } from 'echarts/charts';
import { MarkAreaComponent, RadarComponent, VisualMapComponent, DataZoomComponent } from 'echarts/components';
import { useApi } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { fmt } from '../../session.js';
import { EChart, type EChartOption } from '../../components/EChart.js';
import type { SchoolRow } from '../../types.js';
import type { Exam, ExamSubject, StudentRow, CompareRow } from './types.js';
import { TOTAL } from './types.js';
import type { ExamT } from './i18n.js';

// The shared EChart component registers bar, line and pie; the exam pages also draw box plots, heat maps and radars.
echarts.use([BoxplotChart, HeatmapChart, RadarChart, ScatterChart, MarkAreaComponent, RadarComponent, VisualMapComponent, DataZoomComponent]);

/** Options of the charts registered above are not in EChartOption's union: plain objects, checked by ECharts. */
export type AnyChartOption = Record<string, unknown>;

export function ExamChart({ option, height, testId, onClick }: { option: AnyChartOption; height?: number; testId?: string; onClick?: (p: { dataIndex: number; name: string; seriesName?: string; value: unknown }) => void }) {
  return <EChart option={option as unknown as EChartOption} height={height} data-testid={testId} onClick={onClick} />;
}

export const AXIS_SPLIT = { lineStyle: { type: 'dashed', color: '#eef0f4' } } as const;
export const RED = '#dc2626';
export const GREEN = '#16a34a';
export const BLUE = '#1d4ed8';

/** 0.853 → "85.3%". */
export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}
/** Signed share: +3.2% / −1.5%. */
export function signedPct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return `${signed(x * 100, digits)}%`;
}
export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return x.toFixed(digits);
}
/** +1.5 / −1.5 / 0.0 (a value that rounds to zero has no sign). */
export function signed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  const s = Math.abs(x).toFixed(digits);
  if (Number(s) === 0) return s;
  return x > 0 ? `+${s}` : `−${s}`;
}
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

/** Effective cut lines of a subject (shares). */
export function cutsOf(exam: Exam, s: ExamSubject) {
  return { excellent: s.excellent ?? exam.excellent, pass: s.pass ?? exam.pass, low: s.low ?? exam.low };
}

/** The server sends the shares as decimal strings ("0.85"): numbers here. */
export function normExam(raw: Record<string, unknown>): Exam {
  const e = raw as unknown as Exam & Record<string, unknown>;
  const share = (v: unknown, fallback: number) => (v === null || v === undefined || v === '' ? fallback : Number(v));
  const excellent = share(e.excellent, 0.85);
  const pass = share(e.pass, 0.6);
  const low = share(e.low, 0.4);
  return {
    ...e,
    id: Number(e.id),
    excellent,
    pass,
    low,
    bottomPercentile: share(e.bottomPercentile, 30),
    studentCount: Number(e.studentCount ?? 0),
    subjects: ((e.subjects ?? []) as unknown as Record<string, unknown>[]).map((s) => ({
      subject: String(s.subject),
      fullMarks: Number(s.fullMarks),
      excellent: share(s.excellent, excellent),
      pass: share(s.pass, pass),
      low: share(s.low, low),
      custom: s.custom === undefined ? s.excellent != null || s.pass != null || s.low != null : !!s.custom,
    })),
  };
}

/** Registry schools: code → name (the server scopes the list: a clerk gets the own school). */
export function useSchoolNames() {
  const { data } = useApi<{ schools: SchoolRow[] }>('/api/schools', { silent: true });
  return useMemo(() => {
    const m = new Map<string, SchoolRow>();
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
export function ScoreCell({ score, mark, t, lowCut }: { score: number | null; mark: number; t: ExamT; lowCut?: number }) {
  if (mark === 1) return <Tag color="default" style={{ marginInlineEnd: 0 }}>{t('r.absent')}</Tag>;
  if (mark === 2) return <Tag color="error" style={{ marginInlineEnd: 0 }}>{t('r.voided')}</Tag>;
  if (mark === 3) return <Tag color="warning" style={{ marginInlineEnd: 0 }}>{t('r.exempt')}</Tag>;
  if (score === null) return <span className="jh-muted">—</span>;
  const low = lowCut !== undefined && score < lowCut;
  return <span className={low ? 'jh-exam-low' : undefined}>{fmt(score, 1)}</span>;
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
            {(Math.abs(d) * 100).toFixed(1)}
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
  { key: 'preset.zhongkao', subjects: [['语文', 120], ['数学', 120], ['英语', 120], ['物理', 100], ['化学', 100], ['道德与法治', 100], ['历史', 100], ['地理', 100], ['生物', 100]] },
  { key: 'preset.junior7', subjects: [['语文', 120], ['数学', 120], ['英语', 120], ['道德与法治', 100], ['历史', 100], ['地理', 100], ['生物', 100]] },
  { key: 'preset.junior', subjects: [['语文', 120], ['数学', 120], ['英语', 120]] },
  { key: 'preset.primary', subjects: [['语文', 100], ['数学', 100], ['英语', 100]] },
];

// ---------- normalising the server's rows ----------

const numOrNull = (v: unknown): number | null => (v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v));
const arr = (v: unknown): (number | null)[] => (Array.isArray(v) ? v.map(numOrNull) : []);
const pick = (o: Record<string, unknown>, ...keys: string[]) => {
  for (const k of keys) if (o[k] !== undefined) return o[k];
  return undefined;
};

/** A mark as the server names it ('absent', 'voided', 'exempt', null) or codes it (0–3) → 0–3. */
export function markCode(m: unknown): number {
  if (m === null || m === undefined || m === '') return 0;
  if (typeof m === 'number') return m;
  return { absent: 1, '缺考': 1, voided: 2, '作弊': 2, exempt: 3, '免考': 3 }[String(m)] ?? (Number(m) || 0);
}

/** A student row, camelCase or snake_case, with per-subject values either as arrays or as {subject: value} maps. */
export function normStudent(raw: Record<string, unknown>, subjects: string[]): StudentRow {
  const perSubject = (v: unknown): (number | null)[] => {
    if (Array.isArray(v)) return arr(v);
    if (v && typeof v === 'object') return subjects.map((s) => numOrNull((v as Record<string, unknown>)[s]));
    return subjects.map(() => null);
  };
  const ranks = (pick(raw, 'ranks') ?? {}) as Record<string, unknown>;
  const marksRaw = pick(raw, 'marks');
  const marks = Array.isArray(marksRaw)
    ? marksRaw.map(markCode)
    : marksRaw && typeof marksRaw === 'object'
      ? subjects.map((s) => markCode((marksRaw as Record<string, unknown>)[s]))
      : subjects.map(() => 0);
  return {
    studentId: String(pick(raw, 'studentId', 'student_id', 'id') ?? ''),
    name: (pick(raw, 'name') as string | null | undefined) ?? null,
    gender: (pick(raw, 'gender') as string | null | undefined) ?? null,
    school: String(pick(raw, 'school', 'schoolCode', 'school_code') ?? ''),
    class: String(pick(raw, 'class', 'className', 'class_name') ?? ''),
    scores: perSubject(pick(raw, 'scores')),
    marks,
    total: numOrNull(pick(raw, 'total')),
    rankDistrict: numOrNull(pick(raw, 'rankDistrict', 'rank_district') ?? ranks.district),
    rankSchool: numOrNull(pick(raw, 'rankSchool', 'rank_school') ?? ranks.school),
    rankClass: numOrNull(pick(raw, 'rankClass', 'rank_class') ?? ranks.class),
    z: numOrNull(pick(raw, 'z', 'zTotal', 'z_total')),
    t: numOrNull(pick(raw, 't', 'tTotal', 't_total')),
    subjectRankDistrict: perSubject(pick(raw, 'subjectRankDistrict', 'subject_rank_district')),
    subjectRankSchool: perSubject(pick(raw, 'subjectRankSchool', 'subject_rank_school')),
    subjectRankClass: perSubject(pick(raw, 'subjectRankClass', 'subject_rank_class')),
    subjectT: perSubject(pick(raw, 'subjectT', 'subject_t')),
  };
}

export function normCompare(raw: Record<string, unknown>): CompareRow {
  return {
    school: String(pick(raw, 'school', 'schoolCode', 'school_code') ?? ''),
    n: Number(pick(raw, 'n', 'linked') ?? 0),
    rankChange: numOrNull(pick(raw, 'rankChange', 'rank_change')),
    percentileChange: numOrNull(pick(raw, 'percentileChange', 'percentile_change')),
    rankBefore: numOrNull(pick(raw, 'rankBefore', 'earlierRank', 'rank_before')),
    rankAfter: numOrNull(pick(raw, 'rankAfter', 'laterRank', 'rank', 'rank_after')),
  };
}

/** Competition ranks (ties share) of values, higher first; null stays unranked. */
export function competitionRanks(values: (number | null)[]): (number | null)[] {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => b - a);
  return values.map((v) => (v === null ? null : sorted.indexOf(v) + 1));
}

/** Every exam of the district (normalised), and the one with `id` if given. */
export function useExam(id?: string) {
  const list = useApi<{ exams: Record<string, unknown>[] }>('/api/exams', { silent: true });
  const exams = useMemo(() => (list.data?.exams ?? []).map(normExam), [list.data]);
  const exam = id === undefined ? null : (exams.find((e) => String(e.id) === id) ?? null);
  return { exam, exams, loaded: !!list.data, loading: list.loading, error: list.error, reload: list.reload };
}
