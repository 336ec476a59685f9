// Every student-weighted 差异系数 of the structure, one row per indicator (the shares over full-time teachers — 骨干,
// 研究生, 中级+, each age band, each title — and the per-100-students ratios) and one column group per 学段 (小学,
// 初中: computed apart, 一贯制 schools split by section), each with the schools counted, the weighted mean, the SD and
// the CV.
import { Table } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import { cvLabel, CV_SECTIONS, STRUCTURE_FIGURES, type CvSection, type StructureCv } from '../../../../../src/teachers/structure/contract.js';
import { useI18n } from '../../../i18n.js';
import type { StructureT } from './i18n.js';

type CvRow = { key: string; label: string; bySection: Partial<Record<CvSection, StructureCv>> };

export function CvTable({ cvs, t }: { cvs: StructureCv[]; t: StructureT }) {
  const { lang } = useI18n();
  const right = 'right' as const;
  const v = (c: StructureCv | undefined, x: (c: StructureCv) => number) =>
    !c || c.n === 0 ? formatNumber(null, 0) : formatNumber(x(c), c.kind === 'share' ? STRUCTURE_FIGURES.share : STRUCTURE_FIGURES.per100);
  const rows: CvRow[] = [];
  for (const c of cvs) {
    const key = `${c.indicator}|${c.group ?? ''}`;
    let r = rows.find((x) => x.key === key);
    if (!r) rows.push((r = { key, label: cvLabel(c, lang), bySection: {} }));
    r.bySection[c.section] = c;
  }
  const group = (s: CvSection) => ({
    title: t(s === '小学' ? 'secPrimary' : 'secJunior'),
    key: s,
    children: [
      { title: t('colSchools'), key: `${s}-n`, align: right, width: 64, render: (_: unknown, r: CvRow) => formatNumber(r.bySection[s]?.n ?? 0, 0) },
      { title: t('colMean'), key: `${s}-mean`, align: right, width: 84, render: (_: unknown, r: CvRow) => v(r.bySection[s], (c) => c.mean) },
      { title: t('colSd'), key: `${s}-sd`, align: right, width: 74, render: (_: unknown, r: CvRow) => v(r.bySection[s], (c) => c.sd) },
      {
        title: t('colCv'),
        key: `${s}-cv`,
        align: right,
        width: 74,
        sorter: (a: CvRow, b: CvRow) => (a.bySection[s]?.cv ?? -1) - (b.bySection[s]?.cv ?? -1),
        render: (_: unknown, r: CvRow) => <span data-testid={`structure-cv-${s}-${r.key}`}>{formatNumber(r.bySection[s]?.cv ?? null, STRUCTURE_FIGURES.cv)}</span>,
      },
    ],
  });
  return (
    <Table<CvRow>
      size="small"
      bordered
      rowKey="key"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="structure-cv-table"
      columns={[{ title: t('colIndicator'), key: 'indicator', fixed: 'left', width: 200, render: (_: unknown, r: CvRow) => r.label }, ...CV_SECTIONS.map(group)]}
    />
  );
}
