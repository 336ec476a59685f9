// One school's pupil homework and sleep records (pupil-level health data: the route audits every read).
import { Grid, Modal, Table, Tag, Typography } from 'antd';
import { API } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { BurdenPupil } from '../../../../../src/wellbeing/burden/contract.js';
import type { BurdenT } from './i18n.js';

export function PupilsModal({ t, school, year, gradeName, onClose }: { t: BurdenT; school: { code: string; name: string }; year: number; gradeName: (g: number) => string; onClose: () => void }) {
  const r = useCall(API.burden.pupils, { params: { code: school.code }, query: { year } });
  // On a phone: grade and sex in one column, no source and date, so that the times fit on the screen.
  const narrow = !Grid.useBreakpoint().md;
  const who = (p: BurdenPupil) => [gradeName(p.grade), p.sex === null ? null : t(p.sex === 'M' ? 'boys' : 'girls')].filter(Boolean).join(' · ');
  return (
    <Modal open width={1000} footer={null} onCancel={onClose} title={t('pupilsTitle', { school: school.name, y: year, y1: year + 1 })}>
      <Typography.Paragraph type="secondary">{t('pupilsNote')}</Typography.Paragraph>
      {r.error ? (
        <ErrorResult error={r.error} onRetry={r.reload} />
      ) : (
        <Table<BurdenPupil>
          rowKey="recordId"
          size="small"
          loading={r.loading}
          dataSource={r.data?.pupils ?? []}
          pagination={{ pageSize: 50 }}
          scroll={narrow ? undefined : { x: 760 }}
          data-testid="burden-pupils"
          columns={[
            ...(narrow
              ? [
                  {
                    title: t('colId'),
                    key: 'id',
                    render: (_: unknown, p: BurdenPupil) => (
                      <>
                        <Typography.Text style={{ fontSize: 12, wordBreak: 'break-all' }}>{p.recordId}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {who(p)}
                        </Typography.Text>
                      </>
                    ),
                  },
                ]
              : [
                  { title: t('colId'), dataIndex: 'recordId', fixed: 'left' as const },
                  { title: t('colGrade'), key: 'g', render: (_: unknown, p: BurdenPupil) => gradeName(p.grade) },
                  { title: t('colSex'), key: 's', render: (_: unknown, p: BurdenPupil) => (p.sex === null ? formatNumber(null, 0) : t(p.sex === 'M' ? 'boys' : 'girls')) },
                ]),
            {
              title: t('colHomework'),
              key: 'hw',
              align: 'right' as const,
              render: (_: unknown, p: BurdenPupil) => (
                <>
                  {formatNumber(p.homeworkMinutes, 0)} {p.overLimit !== null && <Tag color={p.overLimit ? 'red' : 'green'}>{t(p.overLimit ? 'over' : 'within')}</Tag>}
                </>
              ),
            },
            {
              title: t('colSleep'),
              key: 'sl',
              align: 'right' as const,
              render: (_: unknown, p: BurdenPupil) => (
                <>
                  {formatNumber(p.sleepHours, 2)} {p.shortOfSleep !== null && <Tag color={p.shortOfSleep ? 'orange' : 'green'}>{t(p.shortOfSleep ? 'short' : 'meets')}</Tag>}
                </>
              ),
            },
            ...(narrow
              ? []
              : [
                  { title: t('colSource'), key: 'src', render: (_: unknown, p: BurdenPupil) => t(p.source) },
                  { title: t('colDate'), dataIndex: 'surveyedOn', render: (d: string | null) => d ?? formatNumber(null, 0) },
                ]),
          ]}
        />
      )}
    </Modal>
  );
}
