// The teacher figures per 学部 of a multi-section school (issue 13 item 2): 专任, 高于规定学历, 骨干 (县级+: 县 + 市 + 省),
// 体育艺术 (体育 + 音乐 + 美术 by main subject) and 中级及以上职称, over each section's 专任 rows (the roster list's bySection).
import { Table } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import type { RosterListWire } from '../../../../../src/teachers/roster/contract.js';
import type { Section } from '../../../../../src/teachers/model.js';
import type { RosterT, ValueLabels } from './i18n.js';

type Figures = Record<string, number>;
const sum = (f: Figures, keys: readonly string[]) => keys.reduce((s, k) => s + (f[k] ?? 0), 0);

export function SectionTable({ t, v, bySection }: { t: RosterT; v: ValueLabels; bySection: NonNullable<RosterListWire['bySection']> }) {
  const rows = (Object.entries(bySection) as [Section, Figures][]).map(([section, f]) => ({
    section,
    fullTime: f.teachersTotal ?? 0,
    aboveDegree: f.teachersAboveDegree ?? 0,
    backbone: sum(f, ['backboneCounty', 'backboneCity', 'backboneProvince']),
    peArt: sum(f, ['peTeachers', 'musicTeachers', 'artTeachers']),
    intermediate: f.seniorTitleTeachers ?? 0,
  }));
  const n = (x: number) => formatNumber(x, 0);
  const num = (title: string, key: Exclude<keyof (typeof rows)[number], 'section'>) => ({ title, dataIndex: key, key, align: 'right' as const, render: (x: number) => n(x) });
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="section"
      dataSource={rows}
      data-testid="roster-by-section"
      columns={[
        { title: t('colSection'), dataIndex: 'section', key: 'section', render: (s: Section) => v.section(s) },
        num(t('fullTime'), 'fullTime'),
        num(t('colAboveDegree'), 'aboveDegree'),
        num(t('colBackbone'), 'backbone'),
        num(t('colPeArt'), 'peArt'),
        num(t('colIntermediate'), 'intermediate'),
      ]}
    />
  );
}
