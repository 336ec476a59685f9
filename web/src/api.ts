// A small fetch wrapper around the Junheng HTTP API (docs/api.md):
// same-origin cookies, JSON, the CSRF header on every non-GET request, 401 → sign-in, errors → message.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> | null,
  ) {
    super(message);
  }
  /** Field problems (`problems: [...]`) of a 400 or 422 answer, if any. */
  get problems(): unknown[] {
    const p = this.body?.problems;
    return Array.isArray(p) ? p : [];
  }
}

interface Handlers {
  onUnauthorized?: () => void;
  notifyError?: (text: string) => void;
  lang?: () => 'zh' | 'en';
}
const handlers: Handlers = {};
export function setApiHandlers(h: Handlers) {
  Object.assign(handlers, h);
}

/** The bureau's messages are "中文 / English"; show the half that matches the interface language. */
export function bilingual(text: string | null | undefined, lang: 'zh' | 'en' = handlers.lang?.() ?? 'zh'): string {
  if (!text) return '';
  const i = text.indexOf(' / ');
  if (i < 0) return text;
  return lang === 'en' ? text.slice(i + 3).trim() : text.slice(0, i).trim();
}

export function readCookie(name: string): string {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return '';
}
export const csrfToken = () => readCookie('jh_csrf');

export interface RequestOptions {
  /** Do not show an error message (the caller handles the error). */
  silent?: boolean;
  /** Do not redirect to the sign-in page on 401. */
  no401Redirect?: boolean;
  signal?: AbortSignal;
}

/** Build a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

async function parseError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> | null;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = null;
  }
  const err = (body?.error ?? {}) as { code?: string; message?: string };
  const fallback: Record<number, string> = {
    401: '请先登录 / please sign in',
    403: '无权访问 / not allowed',
    404: '未找到 / not found',
    409: '当前状态不允许此操作 / not allowed in the current state',
    429: '尝试次数过多，请稍后再试 / too many attempts, try again later',
  };
  const message = err.message || fallback[res.status] || `请求失败 (${res.status}) / request failed (${res.status})`;
  return new ApiError(res.status, err.code ?? String(res.status), message, body);
}

function handleError(e: ApiError, url: string, opts: RequestOptions) {
  if (e.status === 401 && !opts.no401Redirect && !url.startsWith('/api/auth/login')) {
    handlers.onUnauthorized?.();
    return;
  }
  if (!opts.silent) handlers.notifyError?.(bilingual(e.message));
}

export async function request<T>(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    const e = new ApiError(0, 'network', '无法连接服务器 / cannot reach the server', null);
    if (!opts.silent) handlers.notifyError?.(bilingual(e.message));
    throw e;
  }
  if (!res.ok) {
    const e = await parseError(res);
    handleError(e, url, opts);
    throw e;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(url: string, opts?: RequestOptions) => request<T>('GET', url, undefined, opts),
  post: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', url, body ?? {}, opts),
  put: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', url, body ?? {}, opts),
  del: <T>(url: string, opts?: RequestOptions) => request<T>('DELETE', url, undefined, opts),
  upload: <T>(url: string, file: Blob, fileName: string, opts?: RequestOptions) => {
    const fd = new FormData();
    fd.append('file', file, fileName);
    return request<T>('POST', url, fd, opts);
  },
};

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/** Download a file (template, export) through fetch so that errors show as messages, not as a JSON page. */
export async function download(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    const e = new ApiError(0, 'network', '无法连接服务器 / cannot reach the server', null);
    handlers.notifyError?.(bilingual(e.message));
    throw e;
  }
  if (!res.ok) {
    const e = await parseError(res);
    handleError(e, url, {});
    throw e;
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
