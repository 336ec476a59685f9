// Class value-added of one school (drill-down from the school table): the error-bar chart of its classes and the
// table; a class opens its students. Class effects are relative to the district's line, so they include what the
// school adds: compare classes within the school.
import { Alert, Flex, Grid, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useGrowthT } from './i18n.js';
import { errorBarOption, GrowthChart, gf } from './charts.js';
import { effectColumns } from './SchoolsTab.js';
import { byEffect, hasFigures, type ClassRow, type Figures, type VaResponse } from './types.js';

/** A school of the value-added answer; `only` narrows the choice (e.g. to the schools whose students the user may see). */
export function SchoolSelect({ data, value, onChange, testId, only }: { data: VaResponse; value: string | null; onChange: (code: string) => void; testId?: string; only?: (code: string) => boolean }) {
  const t = useGrowthT();
  return (
    <Select
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('cl.pickSchool')}
      value={value ?? undefined}
      style={{ width: 260, maxWidth: '100%' }}
      onChange={onChange}
      options={data.schools
        .filter((s) => !only || only(s.school))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
        .map((s) => ({ value: s.school, label: s.name }))}
    />
  );
}

/** The school shown: the one chosen, else (a clerk) the own, else the first in the table — among the schools `only` allows. */
export function useSchoolChoice(data: VaResponse, school: string | null, only?: (code: string) => boolean): string | null {
  const list = data.schools.filter((s) => !only || only(s.school));
  if (school && list.some((s) => s.school === school)) return school;
  return [...list].sort(byEffect)[0]?.school ?? null;
}

export function ClassesTab({ data, school, onSchool, onClass }: { data: VaResponse; school: string | null; onSchool: (code: string) => void; onClass: (klass: string) => void }) {
  const t = useGrowthT();
  const screens = Grid.useBreakpoint();
  const code = useSchoolChoice(data, school);
  const sch = data.schools.find((s) => s.school === code);
  const classes = data.classes.filter((c) => c.school === code).sort(byEffect);
  const shown = classes.filter(hasFigures).map((c) => ({ ...c, name: c.class }));
  const show = (r: ClassRow, node: (r: ClassRow & Figures) => React.ReactNode) => (hasFigures(r) ? node(r) : null);
  const columns: ColumnsType<ClassRow> = [
    { title: t('c.class'), dataIndex: 'class', key: 'class', width: 120, fixed: 'left', render: (v: string) => <Typography.Link onClick={() => onClass(v)}>{v}</Typography.Link> },
    ...effectColumns<ClassRow>(t, data.minN),
    { title: t('c.achievement'), key: 'ach', width: 96, align: 'right', render: (_, r) => show(r, (x) => gf('meanZ', x.achievement)) },
    { title: t('c.entryMean'), key: 'entry', width: 96, align: 'right', render: (_, r) => show(r, (x) => gf('meanZ', x.entryMean)) },
    { title: t('c.gainMean'), key: 'gain', width: 90, align: 'right', render: (_, r) => show(r, (x) => gf('effect', x.gainMean)) },
    { title: t('c.rankChange'), key: 'rc', width: 96, align: 'right', render: (_, r) => show(r, (x) => gf('rankChange', x.rankChange)) },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12} wrap>
        <SchoolSelect data={data} value={code} onChange={onSchool} testId="growth-class-school" />
        {sch && (
          <Typography.Text type="secondary">
            {hasFigures(sch) ? `${t('c.effect')} ${gf('effect', sch.effect)} · SE ${gf('se', sch.se)} · n = ${gf('count', sch.n)}` : t('c.smallHelp', { n: data.minN })}
          </Typography.Text>
        )}
      </Flex>
      <Alert type="info" showIcon message={t('cl.help')} />
      {shown.length > 0 && (
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cl.chart', { school: sch?.name ?? '' })}
          </Typography.Title>
          <GrowthChart
            testId="growth-class-errorbars"
            option={errorBarOption(shown, t, !screens.sm)}
            height={Math.max(140, shown.length * 28 + 60)}
            onClick={(p) => {
              const c = [...shown].sort((a, b) => a.effect - b.effect)[p.dataIndex];
              if (c) onClass(c.class);
            }}
          />
        </div>
      )}
      <Table<ClassRow>
        data-testid="growth-class-table"
        rowKey={(r) => `${r.school}|${r.class}`}
        size="small"
        columns={columns}
        dataSource={classes}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(r) => (r.suppressed ? 'jh-growth-suppressed' : '')}
      />
    </Flex>
  );
}
