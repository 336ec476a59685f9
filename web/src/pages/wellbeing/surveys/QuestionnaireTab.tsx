// The questionnaire tab: the pinned version's questions grouped by dimension; while the survey is a draft without
// codes the bureau edits them here (add, remove, reorder, change text and options, mark what counts toward 社会认可度),
// and each save makes a new version of the questionnaire that this survey then pins.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { API, call } from '../../../client.js';
import { useI18n } from '../../../i18n.js';
import { DEFAULT_SCALE, DIMENSIONS, type Dimension, type Questionnaire, type QuestionOption, type Survey } from '../../../../../src/wellbeing/surveys/contract.js';
import type { SvT } from './i18n.js';
import { dimensionName, textOf, type Lang } from './shared.js';

type Q = Questionnaire['questions'][number];

/** Questions grouped by dimension, the groups in the order their first question comes. */
export function byDimension<T extends { dimension: Dimension }>(questions: T[]): { dimension: Dimension; items: { q: T; index: number }[] }[] {
  const groups = new Map<Dimension, { q: T; index: number }[]>();
  questions.forEach((q, index) => groups.set(q.dimension, [...(groups.get(q.dimension) ?? []), { q, index }]));
  return [...groups.entries()].map(([dimension, items]) => ({ dimension, items }));
}

export function QuestionnaireTab({ t, survey, questionnaire, onChanged }: { t: SvT; survey: Survey; questionnaire: Questionnaire; onChanged: () => void }) {
  const { lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const editable = survey.status === 'draft' && survey.codesIssued === 0;
  const counted = questionnaire.questions.filter((q) => q.counts).length;
  return (
    <Card>
      <Flex justify="space-between" align="start" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{lang === 'en' && questionnaire.titleEn ? questionnaire.titleEn : questionnaire.title}</Typography.Text>
          <Typography.Text type="secondary" data-testid="survey-version-note">
            {t('q.versionNote', { title: questionnaire.title, v: questionnaire.version })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('q.count', { n: questionnaire.questions.length, c: counted })}</Typography.Text>
        </Space>
        {!editing && editable && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="survey-edit">
            {t('q.edit')}
          </Button>
        )}
      </Flex>
      {!editable && survey.status === 'draft' && <Alert type="info" showIcon message={t('q.lockedNote')} style={{ marginBottom: 12 }} />}
      {editing ? (
        <Editor
          t={t}
          lang={lang}
          survey={survey}
          questionnaire={questionnaire}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <QuestionList questions={questionnaire.questions} t={t} lang={lang} />
      )}
    </Card>
  );
}

function QuestionList({ questions, t, lang }: { questions: Q[]; t: SvT; lang: Lang }) {
  if (questions.length === 0) return <Empty />;
  return (
    <div data-testid="survey-questions">
      {byDimension(questions).map((g) => (
        <div key={g.dimension} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ marginBottom: 8 }}>
            {dimensionName(g.dimension, lang)}
          </Typography.Title>
          {g.items.map(({ q, index }) => (
            <div key={q.id} style={{ padding: '8px 12px', borderLeft: '3px solid #e8ebf2', marginBottom: 8 }}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{index + 1}.</Typography.Text>
                <Typography.Text>{textOf(q.text, lang)}</Typography.Text>
                {q.counts && <Tag color="blue">{t('q.counts')}</Tag>}
                {!q.required && <Tag>{t('q.optional')}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {q.id}
                </Typography.Text>
              </Flex>
              <Flex gap={4} wrap style={{ marginTop: 4 }}>
                {q.options.map((o) => (
                  <Tag key={o.value} variant="outlined">
                    {textOf(o.label, lang)}
                  </Tag>
                ))}
              </Flex>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

/** The next free id of the form prefix + number among those given. */
function nextId(prefix: string, taken: string[]): string {
  const used = new Set(taken);
  for (let n = taken.length + 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

function Editor({ t, lang, survey, questionnaire, onCancel, onSaved }: { t: SvT; lang: Lang; survey: Survey; questionnaire: Questionnaire; onCancel: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const original = useMemo(() => JSON.stringify({ t: questionnaire.title, e: questionnaire.titleEn, i: questionnaire.intro, q: questionnaire.questions }), [questionnaire]);
  const [title, setTitle] = useState(questionnaire.title);
  const [titleEn, setTitleEn] = useState(questionnaire.titleEn);
  const [intro, setIntro] = useState(questionnaire.intro ?? { zh: '', en: '' });
  const [qs, setQs] = useState<Q[]>(() => structuredClone(questionnaire.questions));
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);

  const set = (i: number, patch: Partial<Q>) => setQs(qs.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= qs.length) return;
    const next = [...qs];
    [next[i], next[j]] = [next[j], next[i]];
    setQs(next);
  };
  const add = () =>
    setQs([
      ...qs,
      {
        id: nextId(
          'q',
          qs.map((q) => q.id),
        ),
        text: { zh: '', en: '' },
        type: 'scale',
        options: structuredClone(DEFAULT_SCALE),
        dimension: 'overall',
        counts: true,
        required: true,
      },
    ]);
  const bad = (s: string) => tried && !s.trim();

  const save = async () => {
    setTried(true);
    const introOut = intro.zh.trim() ? intro : undefined;
    if (!title.trim() || qs.length === 0 || qs.some((q) => !q.text.zh.trim() || q.options.some((o) => !o.label.zh.trim()))) return;
    if (JSON.stringify({ t: title, e: titleEn, i: introOut ?? null, q: qs }) === original) {
      message.info(t('q.noChange'));
      return;
    }
    setBusy(true);
    try {
      const saved = await call(API.surveys.questionnaireUpdate, {
        params: { key: questionnaire.key },
        body: { title, titleEn, audience: questionnaire.audience, intro: introOut, questions: qs.map((q) => ({ ...q, counts: q.type === 'scale' && q.counts })) },
      });
      await call(API.surveys.update, { params: { id: survey.id }, body: { questionnaireKey: saved.key, questionnaireVersion: saved.version } });
      message.success(t('q.saved', { v: saved.version }));
      onSaved();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="survey-editor">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('q.saveNote', { v: questionnaire.version })} />
      <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Input addonBefore={t('q.titleZh')} value={title} status={bad(title) ? 'error' : undefined} onChange={(e) => setTitle(e.target.value)} maxLength={100} />
        <Input addonBefore={t('q.titleEn')} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} maxLength={150} />
        <Input.TextArea placeholder={t('q.intro')} value={intro.zh} onChange={(e) => setIntro({ ...intro, zh: e.target.value })} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
        <Input.TextArea placeholder={t('q.introEn')} value={intro.en} onChange={(e) => setIntro({ ...intro, en: e.target.value })} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
      </Space>
      {qs.map((q, i) => (
        <Card
          key={q.id}
          size="small"
          style={{ marginBottom: 10 }}
          title={
            <Space>
              <span>{i + 1}.</span>
              <Typography.Text type="secondary">{q.id}</Typography.Text>
            </Space>
          }
          extra={
            <Space size={2}>
              <Tooltip title={t('q.up')}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('q.up')} />
              </Tooltip>
              <Tooltip title={t('q.down')}>
                <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === qs.length - 1} onClick={() => move(i, 1)} aria-label={t('q.down')} />
              </Tooltip>
              <Tooltip title={t('q.delete')}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={qs.length === 1} onClick={() => setQs(qs.filter((_, k) => k !== i))} aria-label={t('q.delete')} />
              </Tooltip>
            </Space>
          }
          data-testid={`survey-q-${i}`}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input placeholder={t('q.text')} value={q.text.zh} status={bad(q.text.zh) ? 'error' : undefined} onChange={(e) => set(i, { text: { ...q.text, zh: e.target.value } })} maxLength={300} />
            <Input placeholder={t('q.textEn')} value={q.text.en} onChange={(e) => set(i, { text: { ...q.text, en: e.target.value } })} maxLength={300} />
            <Flex gap={8} wrap align="center">
              <Select
                style={{ width: 200 }}
                value={q.type}
                onChange={(type: Q['type']) => set(i, type === 'scale' ? { type, options: q.options.length >= 3 ? q.options : structuredClone(DEFAULT_SCALE) } : { type, counts: false })}
                options={[
                  { value: 'scale', label: t('q.scale') },
                  { value: 'choice', label: t('q.choice') },
                ]}
                aria-label={t('q.type')}
              />
              <Select
                style={{ width: 170 }}
                value={q.dimension}
                onChange={(dimension: Dimension) => set(i, { dimension, counts: dimension === 'background' ? false : q.counts })}
                options={DIMENSIONS.map((d) => ({ value: d, label: dimensionName(d, lang) }))}
                aria-label={t('q.dimension')}
              />
              <Tooltip title={q.type === 'scale' ? '' : t('q.scaleOnly')}>
                <Checkbox checked={q.counts} disabled={q.type !== 'scale'} onChange={(e) => set(i, { counts: e.target.checked })} data-testid={`survey-q-${i}-counts`}>
                  {t('q.counts')}
                </Checkbox>
              </Tooltip>
              <Checkbox checked={q.required} onChange={(e) => set(i, { required: e.target.checked })}>
                {t('q.required')}
              </Checkbox>
            </Flex>
            <OptionsEditor options={q.options} min={q.type === 'scale' ? 3 : 2} max={q.type === 'scale' ? 7 : 10} t={t} tried={tried} onChange={(options) => set(i, { options })} />
          </Space>
        </Card>
      ))}
      <Flex gap={8} wrap>
        <Button icon={<PlusOutlined />} onClick={add} disabled={qs.length >= 60} data-testid="survey-q-add">
          {t('q.add')}
        </Button>
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="survey-q-save">
          {t('q.save')}
        </Button>
        <Button onClick={onCancel}>{t('q.cancel')}</Button>
      </Flex>
    </div>
  );
}

function OptionsEditor({ options, min, max, t, tried, onChange }: { options: QuestionOption[]; min: number; max: number; t: SvT; tried: boolean; onChange: (o: QuestionOption[]) => void }) {
  const set = (i: number, label: QuestionOption['label']) => onChange(options.map((o, k) => (k === i ? { ...o, label } : o)));
  const [open, setOpen] = useState(false);
  const lacking = tried && options.some((o) => !o.label.zh.trim());
  if (!open && !lacking)
    return (
      <Flex gap={4} wrap align="center">
        <Typography.Text type="secondary">{t('q.options')}：</Typography.Text>
        {options.map((o) => (
          <Tag key={o.value} variant="outlined">
            {o.label.zh}
          </Tag>
        ))}
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setOpen(true)}>
          {t('q.editOptions')}
        </Button>
      </Flex>
    );
  return (
    <div>
      <Typography.Text type="secondary">{t('q.options')}</Typography.Text>
      {options.map((o, i) => (
        <Flex key={o.value} gap={6} align="center" style={{ marginTop: 4 }} wrap>
          <Typography.Text type="secondary" style={{ width: 20 }}>
            {i + 1}
          </Typography.Text>
          <Input
            style={{ flex: '1 1 160px' }}
            placeholder={t('q.option')}
            value={o.label.zh}
            status={tried && !o.label.zh.trim() ? 'error' : undefined}
            onChange={(e) => set(i, { ...o.label, zh: e.target.value })}
            maxLength={300}
          />
          <Input style={{ flex: '1 1 160px' }} placeholder={t('q.optionEn')} value={o.label.en} onChange={(e) => set(i, { ...o.label, en: e.target.value })} maxLength={300} />
          <Button size="small" type="text" icon={<DeleteOutlined />} disabled={options.length <= min} onClick={() => onChange(options.filter((_, k) => k !== i))} aria-label={t('q.delete')} />
        </Flex>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ marginTop: 6 }}
        disabled={options.length >= max}
        onClick={() =>
          onChange([
            ...options,
            {
              value: nextId(
                'o',
                options.map((o) => o.value),
              ),
              label: { zh: '', en: '' },
            },
          ])
        }
      >
        {t('q.addOption')}
      </Button>
    </div>
  );
}
