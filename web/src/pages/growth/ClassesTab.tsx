// Class value-added of one school (drill-down from the school table): the error-bar chart of its classes and the
// table; a class opens its students. Class effects are relative to the district's line, so they include what the
// school adds: compare classes within the school.
import { Alert, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useGrowthT } from './i18n.js';
import { errorBarOption, GrowthChart, num } from './charts.js';
import { effectColumns } from './SchoolsTab.js';
import type { ClassRow, VaResponse } from './types.js';

/** A school of the value-added answer; `only` narrows the choice (e.g. to the schools whose students the user may see). */
export function SchoolSelect({ data, value, onChange, testId, only }: { data: VaResponse; value: string | null; onChange: (code: string) => void; testId?: string; only?: (code: string) => boolean }) {
  const t = useGrowthT();
  return (
    <Select
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('cl.pickSchool')}
      value={value ?? undefined}
      style={{ width: 260 }}
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
  return [...list].sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || b.effect - a.effect)[0]?.school ?? null;
}

export function ClassesTab({ data, school, onSchool, onClass }: { data: VaResponse; school: string | null; onSchool: (code: string) => void; onClass: (klass: string) => void }) {
  const t = useGrowthT();
  const code = useSchoolChoice(data, school);
  const sch = data.schools.find((s) => s.school === code);
  const classes = data.classes.filter((c) => c.school === code).sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || b.effect - a.effect);
  const shown = classes.filter((c) => !c.suppressed).map((c) => ({ ...c, name: c.class }));
  const columns: ColumnsType<ClassRow> = [
    { title: t('c.class'), dataIndex: 'class', key: 'class', width: 120, fixed: 'left', render: (v: string) => <Typography.Link onClick={() => onClass(v)}>{v}</Typography.Link> },
    ...effectColumns<ClassRow>(t, data.minN),
    { title: t('c.achievement'), key: 'ach', width: 96, align: 'right', render: (_, r) => (r.suppressed ? null : num(r.achievement, 2, true)) },
    { title: t('c.entryMean'), key: 'entry', width: 96, align: 'right', render: (_, r) => (r.suppressed ? null : num(r.entryMean, 2, true)) },
    { title: t('c.gainMean'), key: 'gain', width: 90, align: 'right', render: (_, r) => (r.suppressed ? null : num(r.gainMean, 2, true)) },
    { title: t('c.rankChange'), key: 'rc', width: 96, align: 'right', render: (_, r) => (r.suppressed ? null : num(r.rankChange, 1, true)) },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12} wrap>
        <SchoolSelect data={data} value={code} onChange={onSchool} testId="growth-class-school" />
        {sch && (
          <Typography.Text type="secondary">{sch.suppressed ? t('c.smallHelp', { n: data.minN }) : `${t('c.effect')} ${num(sch.effect, 3, true)} (SE ${num(sch.se)}) · n = ${sch.n}`}</Typography.Text>
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
            option={errorBarOption(shown, t)}
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
