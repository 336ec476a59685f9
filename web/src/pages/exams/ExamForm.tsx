// Create an exam or change its settings: name, date, term, grade, type, scope, subjects with full marks, and the
// cut lines (优秀 / 合格 / 低分 as % of full marks) for the exam and, where practice differs, per subject.
import { useEffect, useMemo, useState } from 'react';
import { App, AutoComplete, Button, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, bilingual } from '../../api.js';
import { API, call } from '../../client.js';
import { useI18n } from '../../i18n.js';
import { useLabels } from '../../session.js';
import { useExamT } from './i18n.js';
import { PRESETS, typeLabel } from './shared.js';
import { EXAM_TYPES, type Exam, type ExamInput } from './types.js';

interface SubjectValues {
  subject: string;
  fullMarks: number | null;
  excellent?: number | null;
  pass?: number | null;
  low?: number | null;
}
interface Values {
  name: string;
  date: Dayjs | null;
  term?: string;
  grade: number;
  type: ExamInput['type'];
  scope?: string;
  excellent: number;
  pass: number;
  low: number;
  bottomPercentile: number;
  hideRanks?: boolean;
  subjects: SubjectValues[];
}

const toPct = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 10);
const toShare = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 1000);

/** Terms around today, the current one first: September–January is the first term of the school year. */
function termOptions(): string[] {
  const d = new Date();
  const m = d.getMonth() + 1;
  const y = m >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  const first = m >= 8 || m === 1;
  const term = (yy: number, k: 1 | 2) => `${yy}-${yy + 1}学年第${k === 1 ? '一' : '二'}学期`;
  return first ? [term(y, 1), term(y - 1, 2), term(y - 1, 1)] : [term(y, 2), term(y, 1), term(y - 1, 2)];
}

export function ExamFormModal({ open, exam, onClose, onSaved }: { open: boolean; exam: Exam | null; onClose: () => void; onSaved: (exam: Exam | null, id: number) => void }) {
  const t = useExamT();
  const { t: tt, lang } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const fixedSubjects = !!exam && exam.studentCount > 0;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (exam)
      form.setFieldsValue({
        name: exam.name,
        date: exam.date ? dayjs(exam.date) : null,
        term: exam.term ?? undefined,
        grade: exam.grade,
        type: exam.type,
        scope: exam.scope ?? undefined,
        excellent: toPct(Number(exam.excellent)) ?? 85,
        pass: toPct(Number(exam.pass)) ?? 60,
        low: toPct(Number(exam.low)) ?? 40,
        bottomPercentile: exam.bottomPercentile ?? 30,
        hideRanks: exam.hideRanks,
        subjects: exam.subjects.map((s) => ({
          subject: s.subject,
          fullMarks: s.fullMarks,
          ...(s.custom ? { excellent: toPct(Number(s.excellent)), pass: toPct(Number(s.pass)), low: toPct(Number(s.low)) } : {}),
        })),
      });
    else
      form.setFieldsValue({
        date: dayjs(),
        term: termOptions()[0],
        grade: 9,
        type: '中考',
        scope: lang === 'zh' ? '全县' : 'County',
        excellent: 85,
        pass: 60,
        low: 40,
        bottomPercentile: 30,
        subjects: PRESETS[0].subjects.map(([subject, fullMarks]) => ({ subject, fullMarks })),
      });
  }, [open, exam, form, lang]);

  const grades = useMemo(() => Array.from({ length: 12 }, (_, i) => i + 1).map((g) => ({ value: g, label: L.grade(g) })), [L]);
  const subjects = Form.useWatch('subjects', form) ?? [];
  const examCuts = { excellent: Form.useWatch('excellent', form), pass: Form.useWatch('pass', form), low: Form.useWatch('low', form) };
  const fullTotal = subjects.reduce((s, x) => s + (Number(x?.fullMarks) || 0), 0);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: ExamInput = {
      name: v.name.trim(),
      date: v.date ? v.date.format('YYYY-MM-DD') : null,
      term: v.term?.trim() || null,
      grade: v.grade,
      type: v.type,
      scope: v.scope?.trim() || null,
      excellent: toShare(v.excellent)!,
      pass: toShare(v.pass)!,
      low: toShare(v.low)!,
      bottomPercentile: v.bottomPercentile,
      // The rank option exists once scores are imported (the server keeps it with the report).
      ...(exam && exam.studentCount > 0 && v.hideRanks !== undefined && v.hideRanks !== exam.hideRanks ? { hideRanks: v.hideRanks } : {}),
      // Items (小题) are defined by the CLI or the API; a subject kept by name keeps its items.
      subjects: v.subjects.map((s) => {
        const items = exam?.subjects.find((x) => x.subject === s.subject.trim())?.items;
        return { subject: s.subject.trim(), fullMarks: Number(s.fullMarks), excellent: toShare(s.excellent), pass: toShare(s.pass), low: toShare(s.low), ...(items?.length ? { items } : {}) };
      }),
    };
    setBusy(true);
    try {
      if (exam) {
        const r = await call(API.exams.update, { params: { id: exam.id }, body }, { silent: true });
        message.success(t('saved'));
        onSaved(r.exam, exam.id);
      } else {
        const r = await call(API.exams.create, { body }, { silent: true });
        message.success(t('created'));
        onSaved(r.exam, r.exam.id);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        const problems = e.problems as { field?: string; path?: string; reason?: string; message?: string }[];
        message.error(problems.length ? problems.map((p) => `${p.field ?? p.path ?? ''} ${bilingual(p.reason ?? p.message ?? '', lang)}`).join('；') : bilingual(e.message, lang));
      }
    } finally {
      setBusy(false);
    }
  };

  const pctInput = (placeholder?: string, testId?: string) => <InputNumber min={0} max={100} step={5} suffix="%" placeholder={placeholder} style={{ width: '100%' }} data-testid={testId} />;
  const cutRule = ({ getFieldValue }: { getFieldValue: (n: unknown) => unknown }) => ({
    validator: async () => {
      const e = Number(getFieldValue('excellent'));
      const p = Number(getFieldValue('pass'));
      const l = Number(getFieldValue('low'));
      if (!(l <= p && p <= e)) throw new Error(t('f.cutOrder'));
    },
  });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={exam ? t('editTitle', { name: exam.name }) : t('createTitle')}
      width={960}
      okText={tt('common.save')}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'exam-form-submit' }}
      styles={{ body: { paddingTop: 8 } }}
    >
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="exam-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('f.name')} rules={[{ required: true, whitespace: true, message: t('f.required') }]}>
              <Input placeholder={t('f.namePh')} maxLength={100} data-testid="exam-form-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="date" label={t('f.date')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="type" label={t('f.type')} rules={[{ required: true }]}>
              <Select options={EXAM_TYPES.map((x) => ({ value: x, label: typeLabel(x, lang) }))} data-testid="exam-form-type" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="term" label={t('f.term')}>
              <AutoComplete options={termOptions().map((x) => ({ value: x }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="grade" label={t('f.grade')} rules={[{ required: true }]}>
              <Select options={grades} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="scope" label={t('f.scope')}>
              <Input placeholder={t('f.scopePh')} maxLength={100} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
          <Typography.Text strong>{t('f.cuts')}</Typography.Text>
        </Divider>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="excellent" label={t('f.excellent')} rules={[{ required: true }, cutRule]} dependencies={['pass', 'low']}>
              {pctInput(undefined, 'exam-form-excellent')}
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="pass" label={t('f.pass')} rules={[{ required: true }]}>
              {pctInput()}
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="low" label={t('f.low')} rules={[{ required: true }]}>
              {pctInput()}
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="bottomPercentile" label={<Tooltip title={t('f.bottomHelp')}>{t('f.bottom')}</Tooltip>} rules={[{ required: true }]}>
              <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
          {t('f.cutsHelp')}
        </Typography.Paragraph>
        {fixedSubjects && (
          <Form.Item name="hideRanks" label={t('f.hideRanks')} valuePropName="checked" extra={t('f.hideRanksHelp')}>
            <Switch data-testid="exam-hide-ranks" />
          </Form.Item>
        )}

        <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
          <Typography.Text strong>{t('f.subjects')}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {subjects.length} · {t('r.fullMarks')} {fullTotal}
          </Typography.Text>
        </Divider>
        {fixedSubjects ? (
          <Typography.Paragraph type="warning" style={{ fontSize: 12 }}>
            {t('f.fixedSubjects')}
          </Typography.Paragraph>
        ) : (
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">
              <ThunderboltOutlined /> {t('f.presets')}:
            </Typography.Text>
            {PRESETS.map((p) => (
              <Button
                key={p.key}
                size="small"
                onClick={() =>
                  form.setFieldValue(
                    'subjects',
                    p.subjects.map(([subject, fullMarks]) => ({ subject, fullMarks })),
                  )
                }
                data-testid={`exam-preset-${p.key.split('.')[1]}`}
              >
                {t(p.key)}
              </Button>
            ))}
          </Flex>
        )}
        <Form.List
          name="subjects"
          rules={[
            {
              validator: async (_, list: SubjectValues[] | undefined) => {
                if (!list?.length) throw new Error(t('f.noSubjects'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div className="jh-exam-subjects">
              <div className="jh-exam-subjects-head">
                <span>{t('f.subject')}</span>
                <span>{t('f.fullMarks')}</span>
                <span>{t('f.excellent')}</span>
                <span>{t('f.pass')}</span>
                <span>{t('f.low')}</span>
                <span />
              </div>
              {fields.map((f) => (
                <div className="jh-exam-subjects-row" key={f.key}>
                  <Form.Item
                    name={[f.name, 'subject']}
                    rules={[
                      { required: true, whitespace: true, message: t('f.required') },
                      {
                        validator: async (_, v: string) => {
                          const all = (form.getFieldValue('subjects') as SubjectValues[]).map((s) => s?.subject?.trim());
                          if (v && all.filter((x) => x === v.trim()).length > 1) throw new Error(t('f.dupSubject'));
                        },
                      },
                    ]}
                  >
                    <Input disabled={fixedSubjects} maxLength={20} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'fullMarks']} rules={[{ required: true, message: t('f.required') }]}>
                    <InputNumber min={1} max={1000} step={10} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'excellent']}>{pctInput(examCuts.excellent != null ? String(examCuts.excellent) : t('f.default'))}</Form.Item>
                  <Form.Item name={[f.name, 'pass']}>{pctInput(examCuts.pass != null ? String(examCuts.pass) : t('f.default'))}</Form.Item>
                  <Form.Item name={[f.name, 'low']}>{pctInput(examCuts.low != null ? String(examCuts.low) : t('f.default'))}</Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} disabled={fixedSubjects || fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('delete')} />
                </div>
              ))}
              <Space style={{ marginTop: 4 }}>
                {!fixedSubjects && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ subject: '', fullMarks: 100 })}>
                    {t('f.addSubject')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </Space>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
