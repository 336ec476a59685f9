// /teachers/training — 教师培训学时: for a calendar year, the share of each school's full-time teachers meeting 96 hours
// that year and 360 over five years (table with the district row, bar chart against the 100 % target), the teachers
// below the target (holders of 'teachers.roster'), the courses (edited by holders of 'teachers.manage') and the entry of
// attendance by file or form (holders of 'teachers.edit'). The roster and target pack used are named.
import { useState } from 'react';
import { Card, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { holds, useCan, useMe } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorResult } from '../../components/Problem.js';
import { useI18n } from '../../i18n.js';
import { districtTerm } from '../../../../src/core/district-term.js';
import { useTrainingT } from './training/i18n.js';
import { SummaryTab } from './training/SummaryTab.js';
import { BelowTab } from './training/BelowTab.js';
import { CoursesTab } from './training/CoursesTab.js';
import { EntryTab } from './training/EntryTab.js';

export default function TrainingPage() {
  const t = useTrainingT();
  const { lang } = useI18n();
  const me = useMe();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState<number | undefined>(undefined);
  const summary = useCall(API.training.summary, { query: year === undefined ? {} : { year } }, { silent: true });
  const s = summary.data;
  const shown = s?.year ?? year;
  const options = [...new Set([...(s?.years ?? []), ...(shown !== undefined ? [shown] : []), new Date().getFullYear()])].sort((a, b) => b - a);
  const term = districtTerm(me.districtName);
  const termWord = lang === 'en' ? term.en : term.zh;
  const schools = (s?.schools ?? []).map((x) => ({ code: x.schoolCode, name: x.schoolName }));
  const tab = params.get('tab') ?? 'summary';
  const setTab = (k: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('tab', k);
      return n;
    });

  const yearSelect = (
    <Space size={6}>
      <Typography.Text type="secondary">{t('year')}</Typography.Text>
      <Select
        value={shown}
        onChange={(y: number) => setYear(y)}
        options={options.map((y) => ({ value: y, label: t('yearLabel', { y }) }))}
        style={{ width: 110 }}
        aria-label={t('year')}
        data-testid="training-year"
      />
    </Space>
  );

  const items = [
    { key: 'summary', label: t('tabSummary'), children: s && <SummaryTab s={s} t={t} termWord={termWord} scoped={!holds(me, 'teachers.read', ['all', 'aggregates'])} /> },
    ...(can('teachers.roster') && s ? [{ key: 'below', label: t('tabBelow'), children: <BelowTab t={t} year={s.year} schools={schools} onChanged={summary.reload} /> }] : []),
    { key: 'courses', label: t('tabCourses'), children: <CoursesTab t={t} manage={can('teachers.manage')} rows={can('teachers.roster')} years={options} onChanged={summary.reload} /> },
    ...(can('teachers.edit') ? [{ key: 'entry', label: t('tabEntry'), children: <EntryTab t={t} schools={schools} onChanged={summary.reload} /> }] : []),
  ];

  return (
    <div data-testid="training-page">
      <PageHeader title={t('title')} subtitle={t('subtitle')} extra={yearSelect} />
      {summary.error ? (
        <ErrorResult error={summary.error} onRetry={summary.reload} />
      ) : !s ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Card>
          <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'summary'} onChange={setTab} items={items} destroyOnHidden data-testid="training-tabs" />
        </Card>
      )}
    </div>
  );
}
