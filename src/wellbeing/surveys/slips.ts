// The printable access-code slips (调查码条): an A4 page of 10 slips (2 × 5, dashed cut lines), each with the survey
// title, the school, the code in large type, a QR code opening <origin>/survey#code=CODE (a fragment: browsers never send it to the server, so no code reaches a log or a Referer), and one line of instruction.
// The codes exist in clear only in this document; the server keeps their hashes.
import QRCode from 'qrcode';
import { BASE_CSS, esc } from '../../core/report-html.js';

export interface SlipBatch {
  schoolName: string;
  batch: number;
  codes: string[];
}

export interface SlipsInput {
  surveyTitle: string;
  districtName: string;
  /** e.g. https://junheng.example.gov.cn — the answer page is <origin>/survey. */
  origin: string;
  batches: SlipBatch[];
}

/** The answer page's link for a code (what the QR code holds). */
export const answerLink = (origin: string, code: string) => `${origin.replace(/\/+$/, '')}/survey#code=${encodeURIComponent(code)}`;

const CSS = `${BASE_CSS}
@page { size: A4; margin: 8mm; }
.page { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 55.4mm; page-break-after: always; }
.page:last-child { page-break-after: auto; }
.slip { border: 1px dashed #999; padding: 3mm 4mm; display: flex; gap: 3mm; overflow: hidden; }
.slip .qr { width: 30mm; height: 30mm; flex: none; }
.slip .qr svg { width: 30mm; height: 30mm; display: block; }
.slip .txt { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.slip .title { font-weight: bold; font-size: 9.5pt; line-height: 1.3; color: #1f3864; }
.slip .school { font-size: 8.5pt; color: #444; margin-top: 1mm; }
.slip .code { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace; font-size: 15pt; font-weight: bold; letter-spacing: 0.6mm; margin: 2mm 0 1mm; white-space: nowrap; }
.slip .how { font-size: 7.5pt; color: #333; line-height: 1.35; }
.slip .url { font-size: 7pt; color: #666; word-break: break-all; }
.slip .batch { font-size: 6.5pt; color: #999; margin-top: auto; }
`;

/** The slips' HTML (self-contained: the QR codes are inline SVG). */
export async function slipsHtml(input: SlipsInput): Promise<string> {
  const slips: string[] = [];
  const base = `${input.origin.replace(/\/+$/, '')}/survey`;
  for (const b of input.batches) {
    for (const code of b.codes) {
      const svg = await QRCode.toString(answerLink(input.origin, code), { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
      slips.push(`<div class="slip"><div class="qr">${svg}</div><div class="txt">
<div class="title">${esc(input.surveyTitle)}</div>
<div class="school">${esc(input.districtName)} · ${esc(b.schoolName)}</div>
<div class="code">${esc(code)}</div>
<div class="how">用手机扫描二维码作答，或打开下面的网址并输入调查码。问卷不记名，每个调查码只能提交一次。</div>
<div class="url">${esc(base)}</div>
<div class="batch">第 ${b.batch} 批</div>
</div></div>`);
    }
  }
  const pages: string[] = [];
  for (let i = 0; i < slips.length; i += 10) pages.push(`<div class="page">${slips.slice(i, i + 10).join('')}</div>`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(input.surveyTitle)}</title><style>${CSS}</style></head><body>${pages.join('')}</body></html>`;
}
