import { Button, Result, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { bilingual, type ApiError } from '../api.js';
import { useI18n } from '../i18n.js';

/** Full-page states: loading, not allowed, not found, failed. */
export function PageSpin() {
  return (
    <div className="jh-center" style={{ minHeight: 320 }}>
      <Spin size="large" />
    </div>
  );
}

export function ErrorResult({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  if (error?.status === 403)
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('common.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    );
  if (error?.status === 404)
    return (
      <Result
        status="404"
        title="404"
        subTitle={bilingual(error.message, lang) || t('common.notFound')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    );
  return (
    <Result status="warning" title={t('common.loadFailed')} subTitle={error ? bilingual(error.message, lang) : undefined} extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>} />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
