// Every school the caller may see with its structure in the year: students, full-time teachers, the 骨干 share with
// met / not met and the teachers short of 30 %, the postgraduate share against 5 %, 中级+ share, 骨干 per 100 students,
// the age bands and the title mix as stacked bars; sortable, searchable, the district row last. On a phone the
// secondary columns go and the table scrolls sideways.
import { useMemo, useState } from 'react';
import { Checkbox, Flex, Grid, Input, Table, Tooltip, Typography } from 'antd';
import { formatNumber } from '../../../../../src/core/format.js';
import { ageBandLabel, STRUCTURE_FIGURES, titleLabel, type StructureDistrict, type StructureSchool } from '../../../../../src/teachers/structure/contract.js';
import { useI18n } from '../../../i18n.js';
import { AGE_COLORS } from './Charts.js';
import { MetTag } from './Kpis.js';
import type { StructureT } from './i18n.js';

const TITLE_COLORS = ['#cbd5e1', '#a5b4fc', '#818cf8', '#4f46e5', '#312e81', '#111827'];
const pct = (v: number | null) => formatNumber(v, STRUCTURE_FIGURES.share);
const num = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

/** A 100 % bar of parts (count, share) with a tooltip listing them. */
function Stacked({ parts, colors, label, t }: { parts: { key: string; count: number; share: number | null }[]; colors: string[]; label: (k: string) => string; t: StructureT }) {
  if (parts.every((p) => p.share === null)) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip
      title={parts.map((p) => (
        <div key={p.key}>{t('bandTip', { label: label(p.key), n: p.count, p: pct(p.share) })}</div>
      ))}
    >
      <div
        style={{ display: 'flex', height: 12, width: '100%', minWidth: 90, borderRadius: 3, overflow: 'hidden', background: '#f1f5f9' }}
        role="img"
        aria-label={parts.map((p) => `${label(p.key)} ${pct(p.share)}`).join(', ')}
      >
        {parts.map((p, i) => (p.share ? <div key={p.key} style={{ width: `${p.share * 100}%`, background: colors[i] }} /> : null))}
      </div>
    </Tooltip>
  );
}

type Row = StructureSchool;

export function SchoolTable({ schools, district, districtLabel, t, level }: { schools: Row[]; district: StructureDistrict; districtLabel: string; t: StructureT; level: (l: string) => string }) {
  const { lang } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const [search, setSearch] = useState('');
  const [notMet, setNotMet] = useState(false);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return schools.filter((s) => (!q || s.name.toLowerCase().includes(q) || s.code.includes(q)) && (!notMet || s.backbone.met === false));
  }, [schools, search, notMet]);
  const right = 'right' as const;
  const age = (s: Pick<Row, 'ageBands'>) => (
    <Stacked parts={s.ageBands.map((a) => ({ key: a.band, count: a.count, share: a.share }))} colors={AGE_COLORS} label={(k) => ageBandLabel(k as Row['ageBands'][number]['band'], lang)} t={t} />
  );
  const titles = (s: Pick<Row, 'titles'>) => (
    <Stacked parts={s.titles.map((a) => ({ key: a.title, count: a.count, share: a.share }))} colors={TITLE_COLORS} label={(k) => titleLabel(k as Row['titles'][number]['title'], lang)} t={t} />
  );
  const target = (x: Row['backbone']) => (
    <Flex gap={4} wrap justify="flex-end" align="center">
      <span>{pct(x.share)}</span>
      <MetTag met={x.met} short={x.short} t={t} />
    </Flex>
  );

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={t('search')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} data-testid="structure-search" />
        <Checkbox checked={notMet} onChange={(e) => setNotMet(e.target.checked)} data-testid="structure-only-not-met">
          {t('onlyNotMet')}
        </Checkbox>
      </Flex>
      <Table<Row>
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: narrow ? 640 : 1180 }}
        data-testid="structure-school-table"
        columns={[
          {
            title: t('colSchool'),
            key: 'school',
            fixed: 'left' as const,
            width: narrow ? 120 : 200,
            sorter: (a, b) => a.code.localeCompare(b.code),
            render: (_: unknown, s) => (
              <div>
                <div>{s.name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {narrow ? s.code : `${s.code} · ${level(s.level)}`}
                </Typography.Text>
                {!s.inShareCv && (
                  <Tooltip title={t('notInCvHelp')}>
                    <Typography.Text type="warning" style={{ fontSize: 12, display: 'block' }}>
                      {s.fullTime === 0 ? t('noFullTime') : t('notInCv')}
                    </Typography.Text>
                  </Tooltip>
                )}
              </div>
            ),
          },
          ...(narrow
            ? []
            : [
                {
                  title: t('colStudents'),
                  key: 'students',
                  align: right,
                  width: 80,
                  sorter: (a: Row, b: Row) => num(a.students, b.students),
                  render: (_: unknown, s: Row) => formatNumber(s.students, 0),
                },
              ]),
          { title: t('colFullTime'), key: 'fullTime', align: right, width: 76, sorter: (a, b) => a.fullTime - b.fullTime, render: (_: unknown, s) => formatNumber(s.fullTime, 0) },
          {
            title: t('colBackbone'),
            key: 'backbone',
            align: right,
            width: narrow ? 120 : 150,
            sorter: (a, b) => num(a.backbone.share, b.backbone.share),
            render: (_: unknown, s) => target(s.backbone),
          },
          {
            title: t('colPostgraduate'),
            key: 'postgraduate',
            align: right,
            width: 150,
            sorter: (a, b) => num(a.postgraduate.share, b.postgraduate.share),
            render: (_: unknown, s) => target(s.postgraduate),
          },
          {
            title: t('colIntermediate'),
            key: 'intermediate',
            align: right,
            width: 90,
            sorter: (a, b) => num(a.intermediate.share, b.intermediate.share),
            render: (_: unknown, s) => pct(s.intermediate.share),
          },
          ...(narrow
            ? []
            : [
                {
                  title: t('colPer100'),
                  key: 'per100',
                  align: right,
                  width: 100,
                  sorter: (a: Row, b: Row) => num(a.backbonePer100, b.backbonePer100),
                  render: (_: unknown, s: Row) => formatNumber(s.backbonePer100, STRUCTURE_FIGURES.per100),
                },
              ]),
          { title: t('colAge'), key: 'age', width: 140, sorter: (a, b) => num(a.ageBands[3].share, b.ageBands[3].share), render: (_: unknown, s) => age(s) },
          { title: t('colTitles'), key: 'titles', width: 140, sorter: (a, b) => num(a.intermediate.share, b.intermediate.share), render: (_: unknown, s) => titles(s) },
        ]}
        summary={() => (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{districtLabel}</Table.Summary.Cell>
              {!narrow && (
                <Table.Summary.Cell index={1} align="right">
                  {formatNumber(district.students, 0)}
                </Table.Summary.Cell>
              )}
              <Table.Summary.Cell index={2} align="right">
                {formatNumber(district.fullTime, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {target(district.backbone)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {target(district.postgraduate)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {pct(district.intermediate.share)}
              </Table.Summary.Cell>
              {!narrow && (
                <Table.Summary.Cell index={6} align="right">
                  {formatNumber(district.backbonePer100, STRUCTURE_FIGURES.per100)}
                </Table.Summary.Cell>
              )}
              <Table.Summary.Cell index={7}>{age(district)}</Table.Summary.Cell>
              <Table.Summary.Cell index={8}>{titles(district)}</Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}
