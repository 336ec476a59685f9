// What the survey pages share: the status tag, names of audiences and dimensions in the interface language, the
// access-code normaliser of the answer page and the POST-for-a-file download the slips PDF needs.
import { Tag } from 'antd';
import { CheckCircleOutlined, EditOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { bilingual, csrfToken, ApiError } from '../../../api.js';
import { AUDIENCE_NAMES, DIMENSION_NAMES, type Audience, type Dimension, type SurveyStatus } from '../../../../../src/wellbeing/surveys/contract.js';
import type { SvT } from './i18n.js';

const STATUS: Record<SurveyStatus, { color: string; icon: React.ReactNode }> = {
  draft: { color: 'default', icon: <EditOutlined /> },
  open: { color: 'processing', icon: <PlayCircleOutlined /> },
  closed: { color: 'success', icon: <CheckCircleOutlined /> },
};

export function SurveyStatusTag({ status, t }: { status: SurveyStatus; t: SvT }) {
  return (
    <Tag color={STATUS[status].color} icon={STATUS[status].icon} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export type Lang = 'zh' | 'en';
export const audienceName = (a: Audience, lang: Lang) => AUDIENCE_NAMES[a][lang];
export const dimensionName = (d: Dimension, lang: Lang) => DIMENSION_NAMES[d][lang];
/** A zh/en text: English falls back to Chinese when empty. */
export const textOf = (x: { zh: string; en: string } | null | undefined, lang: Lang) => (x ? (lang === 'en' && x.en ? x.en : x.zh) : '');

/**
 * An access code as typed or scanned → as printed: letters upper case, everything but letters and digits dropped,
 * the dash after the fifth character when there are ten. Anything else is passed on as cleaned (the server decides).
 */
export function normalizeCode(raw: string): string {
  const s = raw
    .normalize('NFKC') // full-width letters and digits of a Chinese keyboard → ASCII
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return s.length === 10 ? `${s.slice(0, 5)}-${s.slice(5)}` : s;
}

/**
 * POST a JSON body to a route that answers a file (the slips PDF: the codes travel in the body, never in a URL) and
 * save the answer under the server's file name. Errors are thrown as ApiError with the message in the interface language.
 */
export async function postForFile(url: string, body: unknown, fallbackName: string, lang: Lang): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/pdf, application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', bilingual('无法连接服务器 / cannot reach the server', lang), null);
  }
  if (!res.ok) {
    let json: Record<string, unknown> | null = null;
    try {
      json = (await res.json()) as Record<string, unknown>;
    } catch {
      /* not JSON */
    }
    const err = (json?.error ?? {}) as { code?: string; message?: string };
    throw new ApiError(res.status, err.code ?? String(res.status), bilingual(err.message || `请求失败 (${res.status}) / request failed (${res.status})`, lang), json);
  }
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd);
  let name = fallbackName;
  if (star) {
    try {
      name = decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* keep the fallback */
    }
  } else {
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    if (plain) name = plain[1];
  }
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
