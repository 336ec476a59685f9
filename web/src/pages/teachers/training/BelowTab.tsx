// 未达标教师 (holders of 'teachers.roster'): the full-time teachers below the year's or the five years' target with their
// hours and what is missing, filtered by school and target; its .xlsx; a teacher's name opens their hours. Every view
// and export is audited by the server.
import { useState } from 'react';
import { Alert, Flex, Radio, Select, Table, Typography } from 'antd';
import { API, download } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { DownloadButton } from '../../../components/DownloadButton.js';
import { ErrorResult } from '../../../components/Problem.js';
import { useI18n } from '../../../i18n.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { TRAINING_FIGURES, type BelowTeacherWire } from '../../../../../src/teachers/training/contract.js';
import { TeacherDrawer } from './TeacherDrawer.js';
import type { TrainingT } from './i18n.js';

type Target = 'any' | 'year' | 'window';
const h1 = (v: number) => formatNumber(v, TRAINING_FIGURES.hours);

export function BelowTab({ t, year, schools, onChanged }: { t: TrainingT; year: number; schools: { code: string; name: string }[]; onChanged: () => void }) {
  const { lang } = useI18n();
  const [school, setSchool] = useState<string | undefined>(schools.length === 1 ? schools[0].code : undefined);
  const [target, setTarget] = useState<Target>('any');
  const [open, setOpen] = useState<string | null>(null);
  const list = useCall(API.training.below, { query: { year, target, ...(school ? { school } : {}) } });
  const d = list.data;
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  const danger = (short: number, v: string) => (short > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v);
  return (
    <div data-testid="training-below">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('belowNote')} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          value={school ?? ''}
          onChange={(v: string) => setSchool(v || undefined)}
          options={[...(schools.length > 1 ? [{ value: '', label: t('allSchools') }] : []), ...schools.map((s) => ({ value: s.code, label: s.name }))]}
          style={{ minWidth: 200, maxWidth: '100%' }}
          aria-label={t('colSchool')}
          data-testid="training-below-school"
        />
        <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as Target)} optionType="button" data-testid="training-below-target">
          <Radio.Button value="any">{t('targetAny')}</Radio.Button>
          <Radio.Button value="year">{t('targetYear')}</Radio.Button>
          <Radio.Button value="window">{t('targetWindow')}</Radio.Button>
        </Radio.Group>
        <DownloadButton
          get={() => download(API.training.belowExport, { query: { year, target, lang, ...(school ? { school } : {}) } }, `training-below-${year}.xlsx`)}
          data-testid="training-below-export"
        >
          {t('export')}
        </DownloadButton>
        {d && <Typography.Text type="secondary">{t('belowCount', { n: formatNumber(d.rows.length, 0) })}</Typography.Text>}
      </Flex>
      <Table<BelowTeacherWire>
        rowKey="teacherId"
        size="middle"
        loading={list.loading}
        dataSource={d?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('belowEmpty') }}
        data-testid="training-below-table"
        columns={[
          {
            title: t('colName'),
            key: 'name',
            fixed: 'left',
            width: 110,
            render: (_: unknown, r: BelowTeacherWire) => (
              <Typography.Link onClick={() => setOpen(r.teacherId)} data-testid={`training-teacher-${r.teacherId}`}>
                {r.name}
              </Typography.Link>
            ),
          },
          { title: t('colSchool'), dataIndex: 'schoolName', width: 180 },
          { title: t('colTeacher'), dataIndex: 'teacherId', width: 100 },
          { title: t('colStaffNo'), dataIndex: 'staffNo', width: 80, render: (v: string | null) => v ?? '' },
          { title: t('colYearHours', { y: year }), dataIndex: 'yearHours', align: 'right', render: h1 },
          { title: t('colYearShort'), key: 'ys', align: 'right', render: (_: unknown, r: BelowTeacherWire) => danger(r.yearShort, h1(r.yearShort)) },
          { title: t('colWindowHours', { from: d?.windowFrom ?? year - 4, y: year }), dataIndex: 'windowHours', align: 'right', render: h1 },
          { title: t('colWindowShort'), key: 'ws', align: 'right', render: (_: unknown, r: BelowTeacherWire) => danger(r.windowShort, h1(r.windowShort)) },
        ]}
      />
      {open && (
        <TeacherDrawer
          t={t}
          teacherId={open}
          year={year}
          onClose={() => setOpen(null)}
          onChanged={() => {
            list.reload();
            onChanged();
          }}
        />
      )}
    </div>
  );
}
