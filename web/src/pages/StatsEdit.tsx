// Data-entry form of one school's yearly figures, generated from the field registry (API.registry.meta).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseOutlined, ExclamationCircleFilled, InfoCircleOutlined, PlusOutlined, SaveOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import { checkConsistency, MAX_CLASS_SIZE, MAX_GRADE_STUDENTS } from '../../../src/registry/fields.js';
import { ApiError, bilingual } from '../api.js';
import { API, call } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { fmt, useLabels, useMe, useSession, yearLabel } from '../session.js';
import { useYear } from '../year.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult, PageSpin } from '../components/Problem.js';
import { StatusTag } from '../components/StatusTag.js';
import type { FieldProblem, School, SchoolYearRecord, StatField } from '../types.js';
import { chipClass, sum, useClassSize } from '../util.js';
import { NumberField, numberProblem } from '../components/NumberField.js';
import { statPermissions } from '../records.js';

type Sizes = Record<number, (number | null)[]>;

/** `enrolments.<grade>` or `classes.<grade>.<classNo>` (see src/registry/validate.ts) → the grade. */
function gradeOfProblem(p: FieldProblem): number | null {
  const m = /^(?:enrolments|classes)\.(\d+)/.exec(p.field ?? '');
  return m ? Number(m[1]) : null;
}
type Enrol = Record<number, number | null>;

/** A number field with the unit as an addon; Form.Item injects value/onChange. What is typed stays until corrected. */
function UnitNumber({ field, unit, value, onChange, disabled, id }: { field: StatField; unit: string; value?: number | null; onChange?: (v: number | null) => void; disabled?: boolean; id?: string }) {
  return (
    <Space.Compact block>
      <NumberField id={id} value={value ?? null} onChange={(v) => onChange?.(v)} disabled={disabled} style={{ width: '100%' }} data-field={field.key} />
      <Space.Addon style={{ minWidth: 52, justifyContent: 'center' }}>{unit || '—'}</Space.Addon>
    </Space.Compact>
  );
}

/** The limits of a grade's students and of one class's size (the server's own, src/registry/validate.ts). */
const STUDENTS_FIELD = { type: 'int' as const, min: 0, max: MAX_GRADE_STUDENTS };
const CLASS_FIELD = { type: 'int' as const, min: 1, max: MAX_CLASS_SIZE };

function GradeCheck({ students, sizes }: { students: number | null; sizes: (number | null)[] }) {
  const { t } = useI18n();
  const total = sum(sizes.filter((x) => x == null || !Number.isNaN(x)));
  if (students == null && !sizes.length) return <span className="jh-muted">—</span>;
  if (students != null && total === students && sizes.length > 0)
    return (
      <Tooltip title={t('form.sumOk')}>
        <Tag color="success" icon={<CheckCircleFilled />} variant="filled">
          Σ {total}
        </Tag>
      </Tooltip>
    );
  return (
    <Tooltip title={`${t('form.sum', { sum: total })}，${t('form.sumMismatch', { n: students ?? 0 })}`}>
      <Tag color="warning" icon={<ExclamationCircleFilled />} variant="filled" data-testid="grade-mismatch">
        Σ {total} ≠ {students ?? 0}
      </Tag>
    </Tooltip>
  );
}

function ClassEditor({ grade, sizes, disabled, onChange }: { grade: number; sizes: (number | null)[]; disabled: boolean; onChange: (s: (number | null)[]) => void }) {
  const { t, pick } = useI18n();
  const cs = useClassSize();
  return (
    <div className="jh-class-editor" data-grade={grade}>
      {sizes.map((size, i) => {
        const problem = numberProblem(CLASS_FIELD, size);
        const band = size != null && !problem ? cs.band(grade, size) : null;
        return (
          <span key={i} className={`jh-class-cell ${chipClass(band)}`}>
            <span className="jh-class-no">{t('form.classN', { n: i + 1 })}</span>
            <Tooltip title={problem ? pick(problem.zh, problem.en) : band && band !== 'within' ? `${cs.label(band)} · ${t('form.largeWarn', { n: cs.standardOf(grade) })}` : undefined}>
              <NumberField
                size="small"
                variant="borderless"
                value={size}
                disabled={disabled}
                status={problem ? 'error' : band && band !== 'within' ? 'warning' : undefined}
                onChange={(v) => {
                  const next = [...sizes];
                  next[i] = v;
                  onChange(next);
                }}
                style={{ width: 52 }}
                aria-label={`${grade}-${i + 1}`}
                aria-invalid={problem ? true : undefined}
              />
            </Tooltip>
            {!disabled && <Button type="text" size="small" icon={<CloseOutlined style={{ fontSize: 10 }} />} onClick={() => onChange(sizes.filter((_, j) => j !== i))} aria-label="remove" />}
          </span>
        );
      })}
      {!disabled && (
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...sizes, sizes.length ? sizes[sizes.length - 1] : null])}>
          {t('form.addClass')}
        </Button>
      )}
      {disabled && !sizes.length && <span className="jh-muted">{t('form.noClasses')}</span>}
    </div>
  );
}

/** While the school's roster stands in for the teacher figures: the typed-in figures that differ from the roster's. */
function RosterDifferences({ rec, fields }: { rec: SchoolYearRecord; fields: StatField[] }) {
  const { pick, lang } = useI18n();
  if (!rec.rosterDifferences.length) return null;
  const label = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? pick(f.zh, f.en) : key;
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="roster-differences"
      title={pick(
        `${rec.rosterDifferences.length} 项录入数与教师名册不一致（统计采用名册数）`,
        `${rec.rosterDifferences.length} typed-in figures differ from the roster (the statistics use the roster's)`,
      )}
      description={
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rec.rosterDifferences}
          columns={[
            { title: pick('指标', 'Figure'), key: 'label', render: (_v, d) => label(d.key) },
            {
              title: pick('录入数', 'Typed in'),
              key: 'typed',
              align: 'right',
              render: (_v, d) => (d.typed == null ? <span className="jh-muted">{pick('未填', 'empty')}</span> : fmt(d.typed, 0, lang)),
            },
            { title: pick('名册数', 'Roster'), key: 'roster', align: 'right', render: (_v, d) => fmt(d.roster, 0, lang) },
          ]}
        />
      }
    />
  );
}

function Editor({ school, record, year }: { school: School; record: SchoolYearRecord; year: number }) {
  const { t, lang, pick } = useI18n();
  const L = useLabels();
  const me = useMe();
  const { meta } = useSession();
  const { link } = useYear();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ values: Record<string, number | null> }>();
  const [rec, setRec] = useState(record);
  const perm = statPermissions(me, school.code, rec);
  const locked = !perm.edit;

  const grades = useMemo(() => {
    const set = new Set<number>([...(meta?.gradesOfLevel[school.level] ?? []), ...record.enrolments.map((e) => e.grade), ...record.classes.map((c) => c.grade)]);
    return [...set].sort((a, b) => a - b);
  }, [meta, school.level, record]);

  const [enrol, setEnrol] = useState<Enrol>(() => Object.fromEntries(record.enrolments.map((e) => [e.grade, e.students])));
  const [sizes, setSizes] = useState<Sizes>(() => {
    const out: Sizes = {};
    for (const c of [...record.classes].sort((a, b) => a.classNo - b.classNo)) (out[c.grade] ??= []).push(c.size);
    return out;
  });
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState<null | 'save' | 'submit'>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [liveValues, setLiveValues] = useState<Record<string, number | null>>(record.values ?? {});
  const topRef = useRef<HTMLDivElement>(null);

  const fields = useMemo(() => meta?.fields ?? [], [meta]);
  const topics = (meta?.topics ?? []).filter((tp) => fields.some((f) => f.topic === tp.key));
  // The teacher figures follow from the school's roster: shown, read-only, and never sent (the server keeps them).
  const fromRoster = rec.teachersSource === 'roster';
  const readOnly = (f: StatField) => fromRoster && f.topic === 'teachers';

  // Leave-page guard while there are unsaved changes.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('common.unsaved'),
      okText: t('common.leave'),
      cancelText: t('common.stay'),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const h = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, [dirty]);

  const violated = useMemo(() => checkConsistency(liveValues), [liveValues]);
  const mismatches = grades.filter((g) => {
    const s = sizes[g] ?? [];
    const n = enrol[g] ?? null;
    if (n == null && !s.length) return false;
    return sum(s) !== (n ?? 0);
  });
  const totalStudents = sum(grades.map((g) => enrol[g]));
  const totalClasses = sum(grades.map((g) => (sizes[g] ?? []).filter((x) => x != null).length));

  const body = useCallback(() => {
    const raw = form.getFieldsValue(true).values ?? {};
    const values: Record<string, number | null> = {};
    for (const f of fields) if (!(fromRoster && f.topic === 'teachers')) values[f.key] = raw[f.key] ?? null;
    const enrolments = grades.filter((g) => enrol[g] != null).map((g) => ({ grade: g, students: enrol[g] as number }));
    const classes = grades.flatMap((g) => (sizes[g] ?? []).filter((x): x is number => x != null).map((size, i) => ({ grade: g, classNo: i + 1, size })));
    return { values, enrolments, classes };
  }, [form, fields, grades, enrol, sizes, fromRoster]);

  const showProblems = (list: FieldProblem[]) => {
    setProblems(list);
    const fieldErrors = new Map<string, string[]>();
    for (const p of list) {
      const key = p.field?.replace(/^values\./, '');
      if (key && fields.some((f) => f.key === key)) fieldErrors.set(key, [...(fieldErrors.get(key) ?? []), bilingual(p.reason, lang)]);
    }
    form.setFields(fields.map((f) => ({ name: ['values', f.key], errors: fieldErrors.get(f.key) ?? [] })));
    topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  /** Figures typed that are no valid number (text, negative, a fraction of a person …): named, and nothing is sent. */
  const numberProblems = (): FieldProblem[] => {
    const out: FieldProblem[] = [];
    const raw = (form.getFieldsValue(true).values ?? {}) as Record<string, number | null>;
    for (const f of fields.filter((x) => !readOnly(x))) {
      const p = numberProblem(f, raw[f.key]);
      if (p) out.push({ field: f.key, reason: `${p.zh} / ${p.en}` });
    }
    for (const g of grades) {
      const p = numberProblem(STUDENTS_FIELD, enrol[g]);
      if (p) out.push({ field: `enrolments.${g}`, reason: `${p.zh} / ${p.en}` });
      (sizes[g] ?? []).forEach((v, i) => {
        const q = numberProblem(CLASS_FIELD, v);
        if (q) out.push({ field: `classes.${g}.${i + 1}`, reason: `${q.zh} / ${q.en}` });
      });
    }
    return out;
  };

  const save = async (andSubmit: boolean) => {
    const bad = numberProblems();
    if (bad.length) {
      showProblems(bad);
      message.error(t('form.fixNumbers', { n: bad.length }));
      return;
    }
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSaving(andSubmit ? 'submit' : 'save');
    const params = { code: school.code, year };
    try {
      const r = await call(API.registry.saveRecord, { params, body: body() }, { silent: true });
      setRec(r.record);
      setProblems([]);
      setDirty(false);
      if (andSubmit) {
        await call(API.registry.submit, { params });
        message.success(t('form.submitted'));
        // Let the blocker see the clean state before navigating.
        setTimeout(() => navigate(link(`/schools/${school.code}`)), 0);
      } else {
        message.success(t('form.saved'));
      }
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) showProblems(e.problems as FieldProblem[]);
      else if (e instanceof ApiError) {
        if (e.status !== 401) message.error(bilingual(e.message, lang));
      }
    } finally {
      setSaving(null);
    }
  };

  const problemLabel = (p: FieldProblem) => {
    const key = p.field?.replace(/^values\./, '');
    const f = fields.find((x) => x.key === key);
    if (f) return pick(f.zh, f.en);
    const rule = meta?.rules.find((r) => r.id === p.field);
    if (rule) return pick(rule.zh, rule.en);
    const g = gradeOfProblem(p);
    if (g != null) {
      const c = /^classes\.\d+\.(\d+)$/.exec(p.field);
      return c ? `${L.grade(g)} ${t('form.classN', { n: c[1] })}` : L.grade(g);
    }
    return p.field;
  };
  const problemGrades = new Set(problems.map(gradeOfProblem).filter((g): g is number => g != null));

  return (
    <div ref={topRef} style={{ scrollMarginTop: 72 }}>
      <PageHeader
        crumbs={[
          // A user whose registry is their own school alone (a clerk) has no school list to go back to.
          ...(me.capabilities['schools.read'] === 'own' ? [] : [{ title: t('nav.schools'), to: link('/schools') }]),
          { title: school.name, to: link(`/schools/${school.code}`) },
          { title: t('form.breadcrumb') },
        ]}
        title={t('form.title', { school: school.name, year: yearLabel(year, lang) })}
        tags={<StatusTag status={rec.status} />}
        subtitle={
          <span>
            <span className="jh-num">{school.code}</span> · {L.level(school.level)} · {L.location(school.location)}
          </span>
        }
      />

      {locked && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('form.locked', { status: L.status(rec.status) })} />}
      {rec.status === 'returned' && rec.reviewComment && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('form.returned', { comment: rec.reviewComment })} />}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('form.problems', { n: problems.length })}
          data-testid="form-problems"
          description={
            <ul className="jh-problem-list">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.field && <b>{problemLabel(p)}：</b>}
                  {bilingual(p.reason, lang)}
                </li>
              ))}
            </ul>
          }
          closable={{ onClose: () => setProblems([]) }}
        />
      )}

      <Form
        form={form}
        layout="vertical"
        disabled={locked}
        initialValues={{ values: record.values ?? {} }}
        onValuesChange={(_c, all) => {
          setDirty(true);
          setLiveValues({ ...(all.values ?? {}) });
        }}
        requiredMark={false}
        scrollToFirstError
      >
        <Card
          variant="borderless"
          title={t('form.enrolTitle')}
          extra={<Typography.Text type="secondary">{t('form.totalStudents', { n: fmt(totalStudents, 0, lang), c: totalClasses })}</Typography.Text>}
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            {t('form.enrolHelp')}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey={(g) => g}
            dataSource={grades}
            pagination={false}
            bordered
            data-testid="enrolment-table"
            rowClassName={(g: number) => (problemGrades.has(g) ? 'jh-row-error' : '')}
            columns={[
              { title: t('school.grade'), key: 'g', width: 110, render: (_v, g: number) => <b>{L.grade(g)}</b> },
              {
                title: t('school.gradeStudents'),
                key: 's',
                width: 130,
                render: (_v, g: number) => (
                  <NumberField
                    value={enrol[g] ?? null}
                    disabled={locked}
                    status={numberProblem(STUDENTS_FIELD, enrol[g]) ? 'error' : undefined}
                    onChange={(v) => {
                      setEnrol((e) => ({ ...e, [g]: v }));
                      setDirty(true);
                    }}
                    style={{ width: '100%' }}
                    aria-label={`students-${g}`}
                    data-grade={g}
                  />
                ),
              },
              {
                title: t('school.classSizes'),
                key: 'c',
                render: (_v, g: number) => (
                  <ClassEditor
                    grade={g}
                    sizes={sizes[g] ?? []}
                    disabled={locked}
                    onChange={(next) => {
                      setSizes((s) => ({ ...s, [g]: next }));
                      setDirty(true);
                    }}
                  />
                ),
              },
              { title: 'Σ', key: 'chk', width: 130, align: 'center', render: (_v, g: number) => <GradeCheck students={enrol[g] ?? null} sizes={sizes[g] ?? []} /> },
            ]}
          />
          {mismatches.length > 0 && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('form.mismatchWarn', { n: mismatches.length })} description={mismatches.map((g) => L.grade(g)).join('、')} />
          )}
        </Card>

        {topics.map((tp) => (
          <Card
            key={tp.key}
            variant="borderless"
            title={
              <Space>
                {pick(tp.zh, tp.en)}
                {fromRoster && tp.key === 'teachers' && (
                  <Tag color="blue" icon={<TeamOutlined />} data-testid="teachers-from-roster">
                    {pick('来自教师名册', 'From the roster')}
                  </Tag>
                )}
              </Space>
            }
            style={{ marginTop: 16 }}
            data-topic={tp.key}
          >
            {fromRoster && tp.key === 'teachers' && <RosterDifferences rec={rec} fields={fields} />}
            <Row gutter={[24, 0]}>
              {fields
                .filter((f) => f.topic === tp.key)
                .map((f) => (
                  <Col key={f.key} xs={24} md={12} xl={8}>
                    <Form.Item
                      name={['values', f.key]}
                      label={pick(f.zh, f.en)}
                      tooltip={f.helpZh && lang === 'zh' ? { title: f.helpZh, icon: <InfoCircleOutlined /> } : undefined}
                      rules={[
                        {
                          validator: (_r, v: number | null | undefined) => {
                            const p = numberProblem(f, v);
                            return p ? Promise.reject(new Error(pick(p.zh, p.en))) : Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <UnitNumber field={f} unit={L.unit(f)} disabled={locked || readOnly(f)} />
                    </Form.Item>
                  </Col>
                ))}
            </Row>
          </Card>
        ))}
      </Form>

      {violated.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={t('form.rules')}
          data-testid="form-rules"
          description={
            <>
              <div className="jh-muted" style={{ marginBottom: 4 }}>
                {t('form.rulesHelp')}
              </div>
              <ul className="jh-problem-list">
                {violated.map((r) => (
                  <li key={r.id}>{pick(r.zh, r.en)}</li>
                ))}
              </ul>
            </>
          }
        />
      )}

      <div className="jh-action-bar">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space size={16} className="jh-muted">
            {dirty ? <Tag color="orange">{lang === 'zh' ? '有未保存的修改' : 'Unsaved changes'}</Tag> : null}
            {mismatches.length > 0 && (
              <span>
                <ExclamationCircleFilled style={{ color: '#d97706' }} /> {t('form.mismatchWarn', { n: mismatches.length })}
              </span>
            )}
          </Space>
          <Space>
            <Button onClick={() => navigate(link(`/schools/${school.code}`))}>{t('common.back')}</Button>
            {!locked && (
              <>
                <Button icon={<SaveOutlined />} loading={saving === 'save'} disabled={!!saving} onClick={() => void save(false)} data-testid="form-save">
                  {t('form.save')}
                </Button>
                {perm.submit && (
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    loading={saving === 'submit'}
                    disabled={!!saving}
                    data-testid="form-save-submit"
                    onClick={() =>
                      modal.confirm({
                        title: t('school.submitConfirm'),
                        okText: t('form.saveSubmit'),
                        onOk: () => save(true),
                      })
                    }
                  >
                    {t('form.saveSubmit')}
                  </Button>
                )}
              </>
            )}
          </Space>
        </Flex>
      </div>
    </div>
  );
}

export default function StatsEditPage() {
  const { code = '', year: yearParam = '' } = useParams();
  const year = Number(yearParam);
  const { meta } = useSession();
  const school = useCall(API.registry.getSchool, { params: { code } }, { silent: true });
  const record = useCall(API.registry.getRecord, Number.isInteger(year) ? { params: { code, year } } : null, { silent: true });
  if (school.error) return <ErrorResult error={school.error} onRetry={school.reload} />;
  if (record.error) return <ErrorResult error={record.error} onRetry={record.reload} />;
  if (!school.data || !record.data || !meta) return <PageSpin />;
  return <Editor key={`${code}-${year}`} school={school.data.school} record={record.data.record} year={year} />;
}
