// 学时录入 (holders of 'teachers.edit': the personnel staff, a clerk for the own school's teachers): the import card (the
// template; a refused file lists every bad cell and nothing is kept) and a form for one attendance — the teacher by id,
// or by school and 工号; empty hours = the course's.
import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Spin, Typography, Upload } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { API, call, download, upload } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useCall } from '../../../hooks.js';
import { DownloadButton } from '../../../components/DownloadButton.js';
import { ImportProblems, type ImportProblem } from '../../../components/ImportProblems.js';
import { useI18n } from '../../../i18n.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { TRAINING_FIGURES } from '../../../../../src/teachers/training/contract.js';
import type { TrainingT } from './i18n.js';

export function EntryTab({ t, schools, onChanged }: { t: TrainingT; schools: { code: string; name: string }[]; onChanged: () => void }) {
  return (
    <Row gutter={[12, 12]} data-testid="training-entry">
      <Col xs={24} xl={14}>
        <ImportCard t={t} onChanged={onChanged} />
      </Col>
      <Col xs={24} xl={10}>
        <OneCard t={t} schools={schools} onChanged={onChanged} />
      </Col>
    </Row>
  );
}

function ImportCard({ t, onChanged }: { t: TrainingT; onChanged: () => void }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const send = async (file: File) => {
    setBusy(true);
    setProblems(null);
    try {
      const r = await upload(API.training.importAttendance, {}, file, file.name, { silent: true });
      message.success(t('imported', { rows: formatNumber(r.rows, 0), a: formatNumber(r.added, 0), u: formatNumber(r.updated, 0), s: formatNumber(r.unchanged, 0) }));
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.problems.length) setProblems(e.problems as ImportProblem[]);
      else if (e instanceof ApiError) message.error(bilingual(e.message, lang));
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={t('importTitle')}
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
      extra={
        <DownloadButton get={() => download(API.training.template, { query: { lang } }, 'training-template.xlsx')} data-testid="training-template">
          {t('template')}
        </DownloadButton>
      }
    >
      <Spin spinning={busy}>
        <Upload.Dragger accept=".xlsx,.csv" showUploadList={false} disabled={busy} customRequest={({ file }) => void send(file as File)} data-testid="training-upload">
          <p className="ant-upload-drag-icon">
            <CloudUploadOutlined />
          </p>
          <p>{t('drag')}</p>
          <Typography.Text type="secondary">{t('dragHint')}</Typography.Text>
        </Upload.Dragger>
      </Spin>
      {problems && <ImportProblems problems={problems} title={t('problems', { n: problems.length })} labels={{ row: t('row'), column: t('column'), reason: t('reason') }} />}
    </Card>
  );
}

interface Values {
  courseId: number;
  teacherId?: string;
  schoolCode?: string;
  staffNo?: string;
  hours?: number | null;
}

function OneCard({ t, schools, onChanged }: { t: TrainingT; schools: { code: string; name: string }[]; onChanged: () => void }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const courses = useCall(API.training.courses, {});
  const courseId = Form.useWatch('courseId', form);
  const course = courses.data?.courses.find((c) => c.id === courseId);
  const save = async (v: Values) => {
    setBusy(true);
    try {
      const r = await call(
        API.training.addAttendance,
        {
          body: {
            courseId: v.courseId,
            ...(v.teacherId?.trim() ? { teacherId: v.teacherId.trim() } : {}),
            ...(v.schoolCode && v.staffNo?.trim() ? { schoolCode: v.schoolCode, staffNo: v.staffNo.trim() } : {}),
            ...(v.hours ? { hours: v.hours } : {}),
          },
        },
        { silent: true },
      );
      message.success(t('added', { name: r.name, h: formatNumber(r.hours, TRAINING_FIGURES.hours) }));
      form.resetFields(['teacherId', 'staffNo', 'hours']);
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      message.error(`${t('notSaved')} ${bilingual(e.message, lang)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('oneTitle')}>
      <Typography.Paragraph type="secondary">{t('oneHelp')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ schoolCode: schools.length === 1 ? schools[0].code : undefined }} data-testid="training-one">
        <Form.Item name="courseId" label={t('fCourse')} rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={courses.loading}
            options={(courses.data?.courses ?? []).map((c) => ({ value: c.id, label: `${c.id} · ${c.title}（${c.endDate}，${formatNumber(c.hours, TRAINING_FIGURES.hours)}）` }))}
            data-testid="training-one-course"
          />
        </Form.Item>
        <Form.Item name="teacherId" label={t('fTeacher')}>
          <Input placeholder="T000123" maxLength={16} data-testid="training-one-teacher" />
        </Form.Item>
        <Typography.Text type="secondary">{t('fOr')}</Typography.Text>
        <Row gutter={8}>
          <Col xs={24} sm={14}>
            <Form.Item name="schoolCode" label={t('fSchool')}>
              <Select allowClear showSearch optionFilterProp="label" options={schools.map((s) => ({ value: s.code, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="staffNo" label={t('fStaffNo')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="hours" label={t('fHours')} extra={course ? t('fHoursHelp', { h: formatNumber(course.hours, TRAINING_FIGURES.hours) }) : undefined}>
          <InputNumber min={0.1} max={course?.hours} step={1} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="training-one-save">
          {t('fAdd')}
        </Button>
      </Form>
    </Card>
  );
}
