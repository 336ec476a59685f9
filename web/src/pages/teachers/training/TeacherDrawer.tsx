// One teacher's training hours (audited by the server): each year of the window against the year's target, the window's
// total against its target, and every attendance — with removal for those who may record the teacher's hours.
import { App, Descriptions, Drawer, Grid, Popconfirm, Table, Tag, Typography } from 'antd';
import { API, call } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { TRAINING_FIGURES, type AttendanceWire } from '../../../../../src/teachers/training/contract.js';
import type { TrainingT } from './i18n.js';

const h1 = (v: number) => formatNumber(v, TRAINING_FIGURES.hours);

export function TeacherDrawer({ t, teacherId, year, onClose, onChanged }: { t: TrainingT; teacherId: string; year: number; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const h = useCall(API.training.teacher, { params: { teacherId }, query: { year } });
  const d = h.data;
  const tag = (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'met' : 'notMet')}</Tag>;
  const remove = async (courseId: number) => {
    await call(API.training.removeAttendance, { params: { courseId, teacherId } });
    message.success(t('removed'));
    h.reload();
    onChanged();
  };
  return (
    <Drawer open onClose={onClose} size={narrow ? '100%' : 720} title={d ? t('teacherTitle', { name: d.name, id: d.teacherId }) : teacherId} data-testid="training-teacher">
      {h.error ? (
        <ErrorResult error={h.error} onRetry={h.reload} />
      ) : (
        d && (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('colSchool')}>{d.schoolName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('windowTotal', { from: d.windowFrom, y: d.year, h: h1(d.windowHours) })}>
                {tag(d.meetsWindow)} ≥ {d.targets.windowHours}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('perYear')}</Typography.Title>
            <Table
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={d.perYear}
              style={{ marginBottom: 16 }}
              columns={[
                { title: t('year'), dataIndex: 'year' },
                { title: t('colHours'), dataIndex: 'hours', align: 'right', render: h1 },
                { title: `≥ ${d.targets.yearHours}`, dataIndex: 'meets', render: (m: boolean) => tag(m) },
              ]}
            />
            <Typography.Title level={5}>{t('attendance')}</Typography.Title>
            <Table<AttendanceWire>
              rowKey="courseId"
              size="small"
              pagination={false}
              dataSource={d.attendance}
              scroll={{ x: 640 }}
              locale={{ emptyText: t('noAttendance') }}
              columns={[
                { title: t('colCourse'), dataIndex: 'title', width: 180 },
                { title: t('colLevel'), dataIndex: 'level', width: 70 },
                { title: t('colDates'), key: 'dates', width: 190, render: (_: unknown, a: AttendanceWire) => `${a.startDate} – ${a.endDate}` },
                { title: t('colCredited'), key: 'h', align: 'right', render: (_: unknown, a: AttendanceWire) => `${h1(a.hours)} / ${h1(a.courseHours)}` },
                { title: t('colCreditedYear'), dataIndex: 'creditedYear', align: 'right' },
                ...(d.editable
                  ? [
                      {
                        title: '',
                        key: 'x',
                        render: (_: unknown, a: AttendanceWire) => (
                          <Popconfirm title={t('removeConfirm')} onConfirm={() => remove(a.courseId)} okText={t('remove')} cancelText={t('cancel')}>
                            <Typography.Link type="danger" data-testid={`training-remove-${a.courseId}`}>
                              {t('remove')}
                            </Typography.Link>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )
      )}
    </Drawer>
  );
}
