// Record a move by hand (the personnel staff): the start date (its school year decides which rosters the school left
// is checked against), the school left, the teacher (one of that school's teachers in the roster of the year before or
// of that year), the school joined, the kind, an optional end date and a note. The server checks everything again;
// its problems are shown at their fields.
import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Drawer, Flex, Form, Grid, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { API, call } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useCall } from '../../../hooks.js';
import { useI18n } from '../../../i18n.js';
import { MOVE_KIND_EN, MOVE_KINDS, schoolYearOf, type MoveKind } from '../../../../../src/teachers/model.js';
import type { MovesT } from './i18n.js';

interface Values {
  startDate: Dayjs | null;
  fromSchool: string | null;
  teacherId: string | null;
  toSchool: string | null;
  kind: MoveKind;
  endDate: Dayjs | null;
  note: string;
}

export function MoveDrawer({ t, open, schools, onClose, onSaved }: { t: MovesT; open: boolean; schools: { code: string; name: string }[]; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const start = Form.useWatch('startDate', form);
  const from = Form.useWatch('fromSchool', form);
  const year = start ? schoolYearOf(start.format('YYYY-MM-DD')) : null;
  const teachers = useCall(API.moves.teachers, open && from && year ? { query: { school: from, year } } : null, { silent: true });
  const schoolOptions = useMemo(() => schools.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` })), [schools]);
  const yl = (y: number) => t('yearLabel', { y, y1: y + 1 });

  const save = async (v: Values) => {
    setBusy(true);
    try {
      await call(
        API.moves.create,
        {
          body: {
            teacherId: v.teacherId ?? '',
            fromSchool: v.fromSchool ?? '',
            toSchool: v.toSchool ?? '',
            kind: v.kind,
            startDate: v.startDate?.format('YYYY-MM-DD') ?? '',
            endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null,
            note: v.note?.trim() || null,
          },
        },
        { silent: true },
      );
      message.success(t('f.saved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const problems = (e.problems as { field?: string; reason?: string }[]).filter((p) => p.field?.startsWith('body.'));
      if (problems.length)
        form.setFields(
          [...new Set(problems.map((p) => p.field!.slice(5)))].map((name) => ({
            name: name as keyof Values,
            errors: problems.filter((p) => p.field === `body.${name}`).map((p) => bilingual(p.reason, lang)),
          })),
        );
      else message.error(`${t('f.problems')} ${bilingual(e.message, lang)}`);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('f.required') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={narrow ? '100%' : 480}
      title={t('f.title')}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('f.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="move-save">
            {t('f.save')}
          </Button>
        </Flex>
      }
      data-testid="move-drawer"
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: '交流轮岗', note: '' }} onFinish={(v) => void save(v)}>
        <Form.Item name="startDate" label={t('f.start')} rules={required} extra={year !== null ? t('f.startHelp', { y: yl(year) }) : undefined}>
          <DatePicker style={{ width: '100%' }} onChange={() => form.setFieldValue('teacherId', null)} data-testid="move-start" />
        </Form.Item>
        <Form.Item name="fromSchool" label={t('f.from')} rules={required} extra={t('f.fromHelp')}>
          <Select showSearch optionFilterProp="label" options={schoolOptions} onChange={() => form.setFieldValue('teacherId', null)} data-testid="move-from" />
        </Form.Item>
        <Form.Item name="teacherId" label={t('f.teacher')} rules={required} extra={!from || year === null ? t('f.teacherHelp') : undefined}>
          <Select
            showSearch
            optionFilterProp="label"
            disabled={!from || year === null}
            loading={teachers.loading}
            options={(teachers.data?.teachers ?? []).map((x) => ({ value: x.teacherId, label: `${x.name} · ${x.teacherId} · ${x.subject} · ${t('f.rosterYear', { y: yl(x.year) })}` }))}
            data-testid="move-teacher"
          />
        </Form.Item>
        <Form.Item name="toSchool" label={t('f.to')} rules={required}>
          <Select showSearch optionFilterProp="label" options={schoolOptions.filter((o) => o.value !== from)} data-testid="move-to" />
        </Form.Item>
        <Form.Item name="kind" label={t('f.kind')} rules={required}>
          <Select options={MOVE_KINDS.map((k) => ({ value: k, label: lang === 'en' ? MOVE_KIND_EN[k] : k }))} data-testid="move-kind" />
        </Form.Item>
        <Form.Item name="endDate" label={t('f.end')}>
          <DatePicker style={{ width: '100%' }} data-testid="move-end" />
        </Form.Item>
        <Form.Item name="note" label={t('f.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
