// /survey — public, no sign-in, phone first: a respondent opens /survey#code=XXXXX-XXXXX from the slip's QR code (or
// types the code), reads who runs the survey and that it is anonymous, answers one question per card and submits
// once. The code lives only in this component's state: it is taken out of the address bar as soon as it is read,
// and sent to the server in request bodies only.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, Progress, Result, Spin, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { API, call } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useI18n } from '../../../i18n.js';
import { codeOfLink, PUBLIC_ERRORS, type PublicQuestionnaire } from '../../../../../src/wellbeing/surveys/contract.js';
import { useSvT, type SvKey, type SvT } from './i18n.js';
import { dimensionName, normalizeCode, textOf, type Lang } from './shared.js';
import './answer.css';

type Phase = { k: 'enter' } | { k: 'loading' } | { k: 'answer'; q: PublicQuestionnaire } | { k: 'done' } | { k: 'final'; message: string };
/** Errors after which this code can do nothing more: the page says so and offers another code. */
const FINAL = new Set(['code_used', 'code_void', 'survey_closed', 'code_unknown', 'survey_not_open']);

function messageOf(e: unknown, t: SvT, lang: Lang): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('a.err.network');
    if ((PUBLIC_ERRORS as readonly string[]).includes(e.code)) return t(`a.err.${e.code}` as SvKey);
    if (e.status === 429) return t('a.err.too_many_attempts');
    return t('a.err.other', { m: bilingual(e.message, lang) });
  }
  return t('a.err.network');
}

export default function AnswerPage() {
  const t = useSvT();
  const { lang, setLang } = useI18n();
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<Phase>({ k: 'enter' });
  const [error, setError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const [sending, setSending] = useState(false);

  const start = async (raw: string) => {
    const c = normalizeCode(raw);
    if (!c) return;
    setCode(c);
    setError(null);
    setPhase({ k: 'loading' });
    try {
      const q = await call(API.surveys.publicStart, { body: { code: c } }, { silent: true, no401Redirect: true });
      setAnswers({});
      setMarked(new Set());
      setPhase({ k: 'answer', q });
    } catch (e) {
      setPhase({ k: 'enter' });
      setError(messageOf(e, t, lang));
    }
  };

  // The code from the slip's QR link (/survey#code=…: a fragment never reaches a server or its logs; a ?code=… is
  // ignored, contract.ts codeOfLink): read once, then out of the address bar and this history entry (the router's state kept).
  const read = useRef(false);
  useEffect(() => {
    if (read.current) return;
    read.current = true;
    const c = codeOfLink(window.location);
    if (window.location.search || window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
    if (c) void start(c);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    document.title = t('a.title');
  }, [t]);

  const submit = async (q: PublicQuestionnaire) => {
    const missing = q.questions.filter((x) => x.required && !answers[x.id]).map((x) => x.id);
    if (missing.length) {
      setMarked(new Set(missing));
      setError(null);
      document.getElementById(`sv-q-${missing[0]}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    setSending(true);
    setError(null);
    try {
      await call(API.surveys.publicAnswer, { body: { code, answers } }, { silent: true, no401Redirect: true });
      setCode(''); // spent: nothing of it stays in the page
      setPhase({ k: 'done' });
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (e instanceof ApiError && FINAL.has(e.code)) {
        setPhase({ k: 'final', message: messageOf(e, t, lang) });
        window.scrollTo({ top: 0 });
      } else {
        if (e instanceof ApiError && e.code === 'invalid_answers') {
          const fields = e.problems.map((p) => (p as { field?: string }).field).filter((f): f is string => !!f);
          setMarked(new Set(fields));
        }
        setError(e instanceof ApiError && e.code === 'invalid_answers' ? t('a.err.invalid_answers') : messageOf(e, t, lang));
      }
    } finally {
      setSending(false);
    }
  };

  const again = () => {
    setCode('');
    setError(null);
    setPhase({ k: 'enter' });
  };

  return (
    <div className="sv-answer">
      <main className="sv-answer-main">
        <div className="sv-answer-top">
          <span className="sv-answer-brand">
            <SafetyCertificateOutlined /> {t('a.title')}
          </span>
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
        </div>
        {phase.k === 'enter' && <EnterCode t={t} code={code} setCode={setCode} error={error} onStart={() => void start(code)} />}
        {phase.k === 'loading' && (
          <div className="jh-center" style={{ minHeight: 240 }}>
            <Spin size="large" />
          </div>
        )}
        {phase.k === 'answer' && (
          <Questions
            t={t}
            lang={lang}
            q={phase.q}
            answers={answers}
            marked={marked}
            error={error}
            sending={sending}
            onAnswer={(id, v) => {
              setAnswers((a) => ({ ...a, [id]: v }));
              if (marked.has(id)) setMarked((m) => new Set([...m].filter((x) => x !== id)));
            }}
            onSubmit={() => void submit(phase.q)}
          />
        )}
        {phase.k === 'done' && (
          <div className="sv-head">
            <Result status="success" title={<span data-testid="answer-thanks">{t('a.thanks')}</span>} subTitle={t('a.thanksText')} />
          </div>
        )}
        {phase.k === 'final' && (
          <div className="sv-head">
            <Result
              status="warning"
              title={<span data-testid="answer-final">{phase.message}</span>}
              extra={
                <Button size="large" onClick={again}>
                  {t('a.otherCode')}
                </Button>
              }
            />
          </div>
        )}
        <div className="sv-foot">{t('a.footer')}</div>
      </main>
    </div>
  );
}

function Anonymity({ t }: { t: SvT }) {
  return (
    <div className="sv-anon" data-testid="answer-anonymity">
      <LockOutlined style={{ fontSize: 18, marginTop: 3 }} />
      <div>
        <strong>{t('a.anonymous')}</strong>
        {t('a.anonymityText')}
      </div>
    </div>
  );
}

function EnterCode({ t, code, setCode, error, onStart }: { t: SvT; code: string; setCode: (c: string) => void; error: string | null; onStart: () => void }) {
  return (
    <div className="sv-head">
      <h1 style={{ fontSize: 18, margin: '0 0 12px' }}>{t('a.enter')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onStart();
        }}
      >
        <Input
          size="large"
          className="sv-code-input"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          placeholder={t('a.codePh')}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          aria-label={t('a.enter')}
          data-testid="answer-code"
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 12px', fontSize: 13 }}>
          {t('a.codeHint')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={<span data-testid="answer-error">{error}</span>} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block className="sv-submit" disabled={!normalizeCode(code)} data-testid="answer-start">
          {t('a.start')}
        </Button>
      </form>
      <Anonymity t={t} />
    </div>
  );
}

function Questions({
  t,
  lang,
  q,
  answers,
  marked,
  error,
  sending,
  onAnswer,
  onSubmit,
}: {
  t: SvT;
  lang: Lang;
  q: PublicQuestionnaire;
  answers: Record<string, string>;
  marked: Set<string>;
  error: string | null;
  sending: boolean;
  onAnswer: (id: string, value: string) => void;
  onSubmit: () => void;
}) {
  const n = q.questions.length;
  const done = q.questions.filter((x) => answers[x.id]).length;
  const title = lang === 'en' && q.titleEn ? q.titleEn : q.surveyTitle;
  return (
    <>
      <div className="sv-head">
        <h1 data-testid="answer-title">{title}</h1>
        <Typography.Text type="secondary" data-testid="answer-school">
          {t('a.school', { district: q.districtName, school: q.schoolName })} · {q.year}
        </Typography.Text>
        {q.intro && <Typography.Paragraph style={{ margin: '10px 0 0', fontSize: 14 }}>{textOf(q.intro, lang)}</Typography.Paragraph>}
        <Anonymity t={t} />
      </div>
      <div className="sv-progress" data-testid="answer-progress">
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('a.progress', { a: done, n })}
        </Typography.Text>
        <Progress percent={Math.round((100 * done) / Math.max(1, n))} showInfo={false} size="small" strokeColor="#1d4ed8" />
      </div>
      {q.questions.map((x, i) => {
        const missing = marked.has(x.id);
        return (
          <section key={x.id} id={`sv-q-${x.id}`} className={`sv-q${missing ? ' missing' : ''}`} data-testid={`answer-q-${i}`}>
            <div className="sv-q-title" id={`sv-q-${x.id}-t`}>
              <span className="sv-q-dim">
                {dimensionName(x.dimension, lang)} · {t(x.required ? 'a.required' : 'a.optional')}
              </span>
              <span className="sv-q-no">{i + 1}.</span>
              {textOf(x.text, lang)}
            </div>
            <div className="sv-opts" role="radiogroup" aria-labelledby={`sv-q-${x.id}-t`}>
              {x.options.map((o) => (
                <button key={o.value} type="button" role="radio" aria-checked={answers[x.id] === o.value} className="sv-opt" onClick={() => onAnswer(x.id, o.value)}>
                  <span className="sv-dot" />
                  <span>{textOf(o.label, lang)}</span>
                </button>
              ))}
            </div>
            {missing && <div className="sv-missing-note">{t('a.missingOne')}</div>}
          </section>
        );
      })}
      {(error || marked.size > 0) && <Alert type="error" showIcon message={<span data-testid="answer-error">{error ?? t('a.missing', { n: marked.size })}</span>} style={{ marginBottom: 12 }} />}
      <Button type="primary" block size="large" className="sv-submit" loading={sending} onClick={onSubmit} data-testid="answer-submit">
        {t('a.submit')}
      </Button>
    </>
  );
}
