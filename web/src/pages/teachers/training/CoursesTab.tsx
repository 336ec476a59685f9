// 培训项目: the district's courses with filters (title or provider, level, the year their hours count in) and their
// attendees; the personnel staff ('teachers.manage') create, change and delete them — a course with attendance is deleted
// only when asked again to delete its attendance too. Holders of 'teachers.roster' open a course's attendees (their own
// school's for a clerk; audited by the server).
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { API, call } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useCall, useDebounced } from '../../../hooks.js';
import { ErrorResult } from '../../../components/Problem.js';
import { useI18n } from '../../../i18n.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { COURSE_LEVELS, type CourseLevel } from '../../../../../src/teachers/model.js';
import { TRAINING_FIGURES, type CourseWire } from '../../../../../src/teachers/training/contract.js';
import type { TrainingT } from './i18n.js';

const h1 = (v: number) => formatNumber(v, TRAINING_FIGURES.hours);

export function CoursesTab({ t, manage, rows, years, onChanged }: { t: TrainingT; manage: boolean; rows: boolean; years: number[]; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const { lang } = useI18n();
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<CourseLevel | undefined>(undefined);
  const [year, setYear] = useState<number | undefined>(undefined);
  const [editing, setEditing] = useState<CourseWire | 'new' | null>(null);
  const query = useDebounced(q.trim());
  const list = useCall(API.training.courses, { query: { ...(query ? { q: query } : {}), ...(level ? { level } : {}), ...(year ? { year } : {}) } });
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;

  const remove = async (c: CourseWire, force = false) => {
    try {
      await call(API.training.deleteCourse, { params: { id: c.id }, query: { force: force ? 'true' : 'false' } }, { silent: true });
      message.success(t('deleted'));
      list.reload();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'has_attendance')
        modal.confirm({
          title: t('deleteForceTitle'),
          content: <div style={{ whiteSpace: 'pre-line' }}>{t('deleteForceBody', { msg: bilingual(e.message, lang), n: c.attendees })}</div>,
          okText: t('deleteForce'),
          okButtonProps: { danger: true },
          cancelText: t('cancel'),
          onOk: () => remove(c, true),
        });
      else if (e instanceof ApiError) message.error(bilingual(e.message, lang));
      else throw e;
    }
  };

  return (
    <div data-testid="training-courses">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('q')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220, maxWidth: '100%' }} data-testid="training-courses-q" />
        <Select allowClear placeholder={t('anyLevel')} value={level} onChange={setLevel} options={COURSE_LEVELS.map((l) => ({ value: l, label: l }))} style={{ width: 120 }} />
        <Select allowClear placeholder={t('anyYear')} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: t('yearLabel', { y }) }))} style={{ width: 120 }} />
        {manage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="training-course-new">
            {t('newCourse')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('coursesReadOnly')}</Typography.Text>
        )}
      </Flex>
      <Table<CourseWire>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.courses ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('noCourses') }}
        data-testid="training-courses-table"
        expandable={rows ? { expandedRowRender: (c) => <Attendees t={t} id={c.id} />, rowExpandable: (c) => c.attendees > 0 } : undefined}
        columns={[
          { title: t('colTitle'), dataIndex: 'title', width: 220 },
          { title: t('colProvider'), dataIndex: 'provider', width: 160 },
          { title: t('colLevel'), dataIndex: 'level', width: 80 },
          { title: t('colHours'), dataIndex: 'hours', align: 'right', width: 70, render: h1 },
          { title: t('colStart'), dataIndex: 'startDate', width: 110 },
          { title: t('colEnd'), dataIndex: 'endDate', width: 110 },
          { title: t('colCreditedYear'), dataIndex: 'creditedYear', align: 'right', width: 90 },
          { title: t('colAttendees'), dataIndex: 'attendees', align: 'right', width: 90, render: (v: number) => formatNumber(v, 0) },
          ...(manage
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, c: CourseWire) => (
                    <Flex gap={8}>
                      <Typography.Link onClick={() => setEditing(c)} data-testid={`training-course-edit-${c.id}`}>
                        {t('edit')}
                      </Typography.Link>
                      <Typography.Link
                        type="danger"
                        onClick={() =>
                          modal.confirm({ title: t('deleteConfirm'), content: c.title, okText: t('delete'), okButtonProps: { danger: true }, cancelText: t('cancel'), onOk: () => remove(c) })
                        }
                        data-testid={`training-course-delete-${c.id}`}
                      >
                        {t('delete')}
                      </Typography.Link>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <CourseModal
          t={t}
          course={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function Attendees({ t, id }: { t: TrainingT; id: number }) {
  const r = useCall(API.training.courseAttendees, { params: { id } });
  if (r.error) return <ErrorResult error={r.error} onRetry={r.reload} />;
  return (
    <Table
      rowKey="teacherId"
      size="small"
      loading={r.loading}
      dataSource={r.data?.rows ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('attendeesNone') }}
      columns={[
        { title: t('colTeacher'), dataIndex: 'teacherId' },
        { title: t('colName'), dataIndex: 'name' },
        { title: t('colSchool'), dataIndex: 'schoolName', render: (v: string | null) => v ?? '—' },
        { title: t('colCredited'), dataIndex: 'hours', align: 'right', render: h1 },
      ]}
    />
  );
}

interface Values {
  title: string;
  provider: string;
  level: CourseLevel;
  hours: number;
  dates: [Dayjs, Dayjs];
}

function CourseModal({ t, course, onClose, onSaved }: { t: TrainingT; course: CourseWire | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const save = async (v: Values) => {
    setBusy(true);
    const body = { title: v.title, provider: v.provider, level: v.level, hours: v.hours, startDate: v.dates[0].format('YYYY-MM-DD'), endDate: v.dates[1].format('YYYY-MM-DD') };
    try {
      if (course) await call(API.training.updateCourse, { params: { id: course.id }, body }, { silent: true });
      else await call(API.training.createCourse, { body }, { silent: true });
      message.success(t('saved'));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      message.error(`${t('notSaved')} ${bilingual(e.message, lang)}`);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Modal open title={course ? t('editCourse') : t('newCourse')} onCancel={onClose} onOk={() => form.submit()} okText={t('save')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={course ? { ...course, dates: [dayjs(course.startDate), dayjs(course.endDate)] } : { level: '县级' }}
        data-testid="training-course-form"
      >
        <Form.Item name="title" label={t('colTitle')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="provider" label={t('colProvider')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="level" label={t('colLevel')} rules={required} style={{ minWidth: 120 }}>
            <Select options={COURSE_LEVELS.map((l) => ({ value: l, label: l }))} />
          </Form.Item>
          <Form.Item name="hours" label={t('colHours')} rules={required} style={{ width: 120 }}>
            <InputNumber min={0.1} max={10000} step={1} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="dates" label={`${t('colStart')} – ${t('colEnd')}`} rules={required} extra={t('datesHelp')}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
