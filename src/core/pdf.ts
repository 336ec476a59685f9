// HTML → PDF through the system's Chromium (Debian package `chromium`) driven by playwright-core.
// One browser per process, started on the first render and closed after a while idle, on
// closePdfRenderer() (the report routes call it when the server closes) or when the process
// exits (playwright kills the browsers it launched).
// Renders run one at a time: a report takes well under a second, and one at a time keeps a
// laptop's memory flat however many people press the button. They queue fairly (pdf-queue.ts):
// round-robin by the user who asked, at most a few pending per user (429 beyond), so one user's
// sixteen reports do not hold up everybody else. Each render gets a fresh context with JavaScript
// off and every network request refused: the HTML is self-contained.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { AppError } from './http/errors.js';
import { FairQueue, type PdfOwner } from './pdf-queue.js';

export type { PdfOwner } from './pdf-queue.js';

export interface PdfOptions {
  landscape?: boolean;
  /** Text in the page header (left), e.g. the report's title; escaped here. */
  headerTitle?: string;
  /** Milliseconds for loading the content and printing (default 60 s). */
  timeoutMs?: number;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const IDLE_CLOSE_MS = 5 * 60_000;

const unavailable = (why: string) =>
  new AppError(
    503,
    'pdf_unavailable',
    `无法生成 PDF：服务器上没有可用的 Chromium（${why}）。请安装 Debian 软件包 chromium 和 fonts-noto-cjk（apt-get install chromium fonts-noto-cjk），或用环境变量 JUNHENG_CHROMIUM 指定浏览器路径 / ` +
      `cannot render the PDF: no usable Chromium on the server (${why}). Install the Debian packages chromium and fonts-noto-cjk, or set JUNHENG_CHROMIUM to the browser's path`,
  );

/** The Chromium to launch: $JUNHENG_CHROMIUM, /usr/bin/chromium, or chromium / chromium-browser on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const isExe = (p: string) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (env.JUNHENG_CHROMIUM) return isExe(env.JUNHENG_CHROMIUM) ? env.JUNHENG_CHROMIUM : null;
  if (isExe('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = path.join(dir, name);
      if (isExe(p)) return p;
    }
  }
  return null;
}

let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;

function launch(): Promise<Browser> {
  if (browser) return browser;
  const exe = findChromium();
  if (!exe) throw unavailable(process.env.JUNHENG_CHROMIUM ? `JUNHENG_CHROMIUM=${process.env.JUNHENG_CHROMIUM} 不存在 / does not exist` : '未找到 / not found');
  const p = (async () => {
    let chromium: typeof import('playwright-core').chromium;
    try {
      ({ chromium } = await import('playwright-core'));
    } catch {
      throw unavailable('未安装 playwright-core / playwright-core is not installed');
    }
    try {
      // Signals are the server's to handle (it closes the database first, then exits); playwright
      // still kills the browser on process exit.
      const b = await chromium.launch({ executablePath: exe, args: ARGS, timeout: 30_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
      b.on('disconnected', () => {
        if (browser === p) browser = null;
      });
      return b;
    } catch (e) {
      throw unavailable(`${exe}: ${(e as Error).message.split('\n')[0]}`);
    }
  })();
  browser = p;
  p.catch(() => {
    if (browser === p) browser = null;
  });
  return p;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const FONT = `'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif`;

async function renderNow(html: string, opts: PdfOptions): Promise<Buffer> {
  const b = await launch();
  const timeout = opts.timeoutMs ?? 60_000;
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load', timeout });
    const pdf = await page.pdf({
      format: 'A4',
      landscape: !!opts.landscape,
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '12mm', right: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-family:${FONT};font-size:7px;color:#888;width:100%;padding:0 12mm;">${esc(opts.headerTitle ?? '')}</div>`,
      footerTemplate: `<div style="font-family:${FONT};font-size:8px;color:#666;width:100%;text-align:center;">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
    });
    return Buffer.from(pdf);
  } finally {
    await context.close().catch(() => {});
  }
}

const queue = new FairQueue<{ html: string; opts: PdfOptions }, Buffer>(async ({ html, opts }) => {
  if (idleTimer) clearTimeout(idleTimer);
  try {
    return await renderNow(html, opts);
  } finally {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void closePdfRenderer(), IDLE_CLOSE_MS);
    idleTimer.unref();
  }
});

/**
 * Print self-contained HTML to an A4 PDF, queued fairly by `owner` (the signed-in user who asked; without one, the
 * render shares the internal lane and has no limit). Throws a 503 AppError when no Chromium can be started, a 429
 * (with retryAfter) when the owner already has the limit of renders pending.
 */
export function renderPdf(html: string, opts: PdfOptions = {}, owner?: PdfOwner): Promise<Buffer> {
  return queue.submit({ html, opts }, owner);
}

/** Close the shared browser (after the renders already queued). The next render starts a new one. */
export async function closePdfRenderer(): Promise<void> {
  await queue.onIdle();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const b = browser;
  browser = null;
  if (b) await b.then((x) => x.close()).catch(() => {});
}
