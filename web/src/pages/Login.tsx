import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { AuditOutlined, BarChartOutlined, DatabaseOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, bilingual } from '../api.js';
import { API, call } from '../client.js';
import { useI18n } from '../i18n.js';
import { useSession } from '../session.js';
import { Logo } from '../components/Logo.js';
import { PageSpin } from '../components/Problem.js';

export default function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { me, checking, setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ kind: 'bad' | 'tooMany' | 'other'; text: string } | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  if (checking) return <PageSpin />;
  if (me) return <Navigate to={from && !from.startsWith('/login') ? from : '/'} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await call(API.auth.login, { body: { username: v.username.trim(), password: v.password } }, { silent: true, no401Redirect: true });
      setMe(r.user);
      void navigate(from && !from.startsWith('/login') ? from : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setError({ kind: 'tooMany', text: t('login.tooMany') });
      else if (e instanceof ApiError && (e.status === 401 || e.status === 400)) setError({ kind: 'bad', text: e.status === 401 ? t('login.bad') : bilingual(e.message, lang) });
      else setError({ kind: 'other', text: e instanceof ApiError ? bilingual(e.message, lang) : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="jh-login">
      <section className="jh-login-hero">
        <div>
          <div className="jh-login-brand">
            <Logo size={52} />
            <h1 className="jh-login-title">
              均衡<small>Junheng</small>
            </h1>
          </div>
          <div className="jh-login-tagline">{lang === 'zh' ? '义务教育优质均衡发展监测平台' : 'Monitoring the quality and balance of compulsory education'}</div>
          <ul className="jh-login-features">
            <li>
              <DatabaseOutlined />
              {t('login.feature1')}
            </li>
            <li>
              <BarChartOutlined />
              {t('login.feature2')}
            </li>
            <li>
              <AuditOutlined />
              {t('login.feature3')}
            </li>
          </ul>
          <div className="jh-login-bars" aria-hidden="true">
            {[42, 58, 50, 66, 54, 62, 57, 60, 59, 61].map((h, i) => (
              <span key={i} style={{ height: `${h + 20}%` }} />
            ))}
          </div>
        </div>
        <div className="jh-login-copy">Apache-2.0 · open source</div>
      </section>
      <section className="jh-login-panel">
        <div className="jh-login-lang">
          <Segmented
            size="small"
            value={lang}
            onChange={(v) => setLang(v as 'zh' | 'en')}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </div>
        <Card className="jh-login-card" variant="borderless" styles={{ body: { padding: '36px 36px 28px' } }} style={{ boxShadow: '0 10px 40px rgba(15, 29, 58, 0.10)' }}>
          <div style={{ textAlign: 'center', marginBottom: 28 }}>
            <Logo size={44} />
            <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
              均衡 Junheng
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          {error && <Alert type={error.kind === 'tooMany' ? 'warning' : 'error'} showIcon title={error.text} style={{ marginBottom: 20 }} data-testid="login-error" />}
          <Form layout="vertical" size="large" requiredMark={false} onFinish={(v) => void submit(v)} autoComplete="on">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.required') }]}>
              <Input prefix={<UserOutlined className="jh-muted" />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required') }]}>
              <Input.Password prefix={<LockOutlined className="jh-muted" />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12, marginTop: 8 }}>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, margin: 0 }}>
            {t('login.hint')}
          </Typography.Paragraph>
        </Card>
      </section>
    </div>
  );
}
