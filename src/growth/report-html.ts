// Printable HTML of the value-added of an exam pair, rendered to PDF by src/core/pdf.ts: summary (linkage, model),
// the error-bar chart of the schools' value-added with 95% intervals, the achievement × growth quadrant scatter, the
// school table, the classes of each school, and the method and its basis. Self-contained: inline CSS and hand-drawn
// SVG, no scripts, no external resources. Every text from the data (school and class names) is escaped; every figure
// is written by figures.ts (the same digits as the page and the workbook).
import { districtTerm } from '../core/district-term.js';
import { BASE_CSS, BLUE, esc, FONT, GREEN, RED } from '../core/report-html.js';
import { gf, gfInterval, smallText } from './figures.js';
import { methodEn, methodZh, METHOD } from './method-text.js';
import { QUADRANT_LABEL, type Quadrant } from './targets/quadrants.js';
import { ENTRY_QUADRANT_LABEL, LABEL_ZH, type SchoolRow, type VaResponse } from './service.js';

export interface GrowthReportContext {
  districtName: string;
  generatedAt?: Date;
}

const COLOR = { above: GREEN, expected: BLUE, below: RED } as const;

const CSS = `
${BASE_CSS}tr.sup td { color: #999; background: #f3f3f3; }
.above { color: ${GREEN}; font-weight: bold; }
.below { color: ${RED}; font-weight: bold; }
.cards { display: flex; gap: 10px; margin: 6px 0 4px; }
.card { flex: 1; border: 1px solid #c9d3e0; border-radius: 4px; padding: 7px 10px; page-break-inside: avoid; }
.card .big { font-size: 14pt; font-weight: bold; margin: 2px 0 2px; }
.card div { margin: 1px 0; }
.chart { text-align: center; page-break-inside: avoid; margin: 4px 0; }
.chart svg { max-width: 100%; height: auto; }
.note { font-size: 8pt; color: #555; border-top: 1px solid #ccc; margin-top: 16px; padding-top: 6px; }
.note p { margin: 2px 0; }
.page-break { page-break-before: always; }
.basis { font-size: 8.5pt; color: #333; margin: 2px 0 6px; }
`;

export const growthReportTitle = (va: VaResponse) => `增值评价报告：${va.from.name} → ${va.to.name}（${va.subject}）`;

/** Nice axis bounds and ticks covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  if (out[out.length - 1] < hi) out.push(out[out.length - 1] + step);
  return out;
}

/** A row with its figures: not suppressed (and so not withheld). */
type Shown = SchoolRow & {
  effect: number;
  se: number;
  lower: number;
  upper: number;
  label: 'above' | 'expected' | 'below';
  achievement: number;
  entryMean: number;
  quadrant: Quadrant;
  entryQuadrant: Quadrant;
};
const shownOf = (schools: readonly SchoolRow[]): Shown[] => schools.filter((s): s is Shown => !s.suppressed && s.effect !== null && s.lower !== null && s.upper !== null && s.label !== null);

/** Schools' value-added with 95% intervals, sorted, one row each; suppressed schools are left out. */
export function errorBarSvg(schools: readonly SchoolRow[]): string {
  const rows = shownOf(schools).sort((a, b) => b.effect - a.effect);
  if (!rows.length) return '';
  const W = 720;
  const left = 190;
  const right = 82;
  const top = 28;
  const rowH = 17;
  const H = top + rows.length * rowH + 34;
  const t = ticks(Math.min(0, ...rows.map((r) => r.lower)), Math.max(0, ...rows.map((r) => r.upper)));
  const [lo, hi] = [t[0], t[t.length - 1]];
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (W - left - right);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="10">`];
  parts.push(`<text x="${W / 2}" y="14" text-anchor="middle" font-size="12" font-weight="bold">各校增值及 95% 区间（单位：出口考试标准差）</text>`);
  for (const v of t) {
    parts.push(
      `<line x1="${x(v)}" y1="${top - 4}" x2="${x(v)}" y2="${H - 30}" stroke="${v === 0 ? '#555' : '#e3e6ea'}" stroke-width="${v === 0 ? 1.2 : 1}"${v === 0 ? '' : ' stroke-dasharray="3,3"'}/>`,
    );
    parts.push(`<text x="${x(v)}" y="${H - 16}" text-anchor="middle" fill="#555">${gf('bound', v)}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const c = COLOR[r.label];
    parts.push(`<text x="${left - 8}" y="${y + 3.5}" text-anchor="end" fill="#333">${esc(r.name)}</text>`);
    parts.push(`<line x1="${x(r.lower)}" y1="${y}" x2="${x(r.upper)}" y2="${y}" stroke="${c}" stroke-width="1.6"/>`);
    parts.push(`<line x1="${x(r.lower)}" y1="${y - 4}" x2="${x(r.lower)}" y2="${y + 4}" stroke="${c}" stroke-width="1.4"/>`);
    parts.push(`<line x1="${x(r.upper)}" y1="${y - 4}" x2="${x(r.upper)}" y2="${y + 4}" stroke="${c}" stroke-width="1.4"/>`);
    parts.push(`<circle cx="${x(r.effect)}" cy="${y}" r="3.6" fill="${c}"/>`);
    parts.push(`<text x="${W - right + 6}" y="${y + 3.5}" fill="#555">${gf('effect', r.effect)}（n = ${gf('count', r.n)}）</text>`);
  });
  parts.push(
    `<text x="${left}" y="${H - 2}" fill="${GREEN}">● 高于预期</text><text x="${left + 80}" y="${H - 2}" fill="${BLUE}">● 符合预期</text><text x="${left + 160}" y="${H - 2}" fill="${RED}">● 低于预期</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

/** A label's box. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
/** Width of a text at a font size: CJK characters a full em, others about 0.55 em. */
const textWidth = (text: string, size: number) => [...text].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.55), 0);

export interface LabelPoint {
  x: number;
  y: number;
  r: number;
  text: string;
  /** Higher first: outliers get their labels before the crowd. */
  priority: number;
}
export interface PlacedLabel {
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
}

/**
 * Labels that do not overlap: each point (highest priority first) takes the first of right, left, above, below of
 * itself that stays inside the plot and clears every label placed so far and every point; a point with no free
 * place gets no label (null) — the school table lists every school.
 */
export function placeLabels(points: readonly LabelPoint[], plot: Box, size = 9): (PlacedLabel | null)[] {
  const out: (PlacedLabel | null)[] = points.map(() => null);
  const taken: Box[] = [];
  const dots: Box[] = points.map((p) => ({ x0: p.x - p.r, y0: p.y - p.r, x1: p.x + p.r, y1: p.y + p.r }));
  const order = points.map((_, i) => i).sort((a, b) => points[b].priority - points[a].priority);
  for (const i of order) {
    const p = points[i];
    const w = textWidth(p.text, size);
    const h = size + 2;
    const candidates: [PlacedLabel, Box][] = [
      [
        { x: p.x + p.r + 2, y: p.y + size * 0.38, anchor: 'start' },
        { x0: p.x + p.r + 2, y0: p.y - h / 2, x1: p.x + p.r + 2 + w, y1: p.y + h / 2 },
      ],
      [
        { x: p.x - p.r - 2, y: p.y + size * 0.38, anchor: 'end' },
        { x0: p.x - p.r - 2 - w, y0: p.y - h / 2, x1: p.x - p.r - 2, y1: p.y + h / 2 },
      ],
      [
        { x: p.x, y: p.y - p.r - 3, anchor: 'middle' },
        { x0: p.x - w / 2, y0: p.y - p.r - 3 - h, x1: p.x + w / 2, y1: p.y - p.r - 3 },
      ],
      [
        { x: p.x, y: p.y + p.r + size + 1, anchor: 'middle' },
        { x0: p.x - w / 2, y0: p.y + p.r + 1, x1: p.x + w / 2, y1: p.y + p.r + 1 + h },
      ],
    ];
    for (const [at, box] of candidates) {
      const inside = box.x0 >= plot.x0 && box.x1 <= plot.x1 && box.y0 >= plot.y0 && box.y1 <= plot.y1;
      if (!inside || taken.some((b) => overlaps(b, box)) || dots.some((d, j) => j !== i && overlaps(d, box))) continue;
      taken.push(box);
      out[i] = at;
      break;
    }
  }
  return out;
}

/** Achievement (or entry) × growth, cut at 0, quadrant names in the corners; labels never overlap (placeLabels). */
export function quadrantSvg(schools: readonly SchoolRow[], axis: 'achievement' | 'entry' = 'achievement'): string {
  const rows = shownOf(schools);
  if (!rows.length) return '';
  const W = 720;
  const H = 440;
  const m = { l: 56, r: 20, t: 30, b: 44 };
  const xv = (s: Shown) => (axis === 'entry' ? s.entryMean : s.achievement);
  const tx = ticks(Math.min(-0.2, ...rows.map(xv)), Math.max(0.2, ...rows.map(xv)));
  const ty = ticks(Math.min(-0.1, ...rows.map((s) => s.effect)), Math.max(0.1, ...rows.map((s) => s.effect)));
  const X = (v: number) => m.l + ((v - tx[0]) / (tx[tx.length - 1] - tx[0])) * (W - m.l - m.r);
  const Y = (v: number) => H - m.b - ((v - ty[0]) / (ty[ty.length - 1] - ty[0])) * (H - m.t - m.b);
  const labels = axis === 'entry' ? ENTRY_QUADRANT_LABEL : QUADRANT_LABEL;
  const p: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="10">`];
  p.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-size="12" font-weight="bold">${axis === 'entry' ? '起点 × 增长' : '成就 × 增长'}象限图</text>`);
  const x0 = X(0);
  const y0 = Y(0);
  const shade: [number, number, number, number, string][] = [
    [x0, m.t, W - m.r - x0, y0 - m.t, '#eaf5ea'],
    [m.l, m.t, x0 - m.l, y0 - m.t, '#eef3fb'],
    [x0, y0, W - m.r - x0, H - m.b - y0, '#fff6e6'],
    [m.l, y0, x0 - m.l, H - m.b - y0, '#fdecec'],
  ];
  for (const [a, b, w, h, c] of shade) if (w > 0 && h > 0) p.push(`<rect x="${a}" y="${b}" width="${w}" height="${h}" fill="${c}"/>`);
  for (const v of tx)
    p.push(
      `<line x1="${X(v)}" y1="${m.t}" x2="${X(v)}" y2="${H - m.b}" stroke="#e0e0e0" stroke-dasharray="3,3"/><text x="${X(v)}" y="${H - m.b + 14}" text-anchor="middle" fill="#555">${gf('meanZ', v)}</text>`,
    );
  for (const v of ty)
    p.push(
      `<line x1="${m.l}" y1="${Y(v)}" x2="${W - m.r}" y2="${Y(v)}" stroke="#e0e0e0" stroke-dasharray="3,3"/><text x="${m.l - 6}" y="${Y(v) + 3.5}" text-anchor="end" fill="#555">${gf('meanZ', v)}</text>`,
    );
  p.push(`<line x1="${x0}" y1="${m.t}" x2="${x0}" y2="${H - m.b}" stroke="#555"/><line x1="${m.l}" y1="${y0}" x2="${W - m.r}" y2="${y0}" stroke="#555"/>`);
  const q = (k: Quadrant, x: number, y: number, anchor: string) => `<text x="${x}" y="${y}" text-anchor="${anchor}" font-size="11" font-weight="bold" fill="#666">${labels[k]}</text>`;
  p.push(q('high-achievement-high-growth', W - m.r - 6, m.t + 14, 'end'), q('low-achievement-high-growth', m.l + 6, m.t + 14, 'start'));
  p.push(q('high-achievement-low-growth', W - m.r - 6, H - m.b - 6, 'end'), q('low-achievement-low-growth', m.l + 6, H - m.b - 6, 'start'));
  const points = rows.map((s) => ({ x: X(xv(s)), y: Y(s.effect), r: Math.max(3, Math.min(9, Math.sqrt(s.n) / 3)), text: s.name, priority: Math.hypot(xv(s), s.effect) }));
  // The quadrant names' corners are kept free: the plot for labels is the frame less a band at its top and bottom.
  const placed = placeLabels(points, { x0: m.l + 2, y0: m.t + 18, x1: W - m.r - 2, y1: H - m.b - 16 });
  rows.forEach((s, i) => {
    const pt = points[i];
    p.push(`<circle cx="${pt.x}" cy="${pt.y}" r="${pt.r}" fill="${COLOR[s.label]}" fill-opacity="0.75" stroke="#fff"/>`);
    const at = placed[i];
    if (at) p.push(`<text x="${at.x}" y="${at.y}" text-anchor="${at.anchor}" fill="#333" font-size="9">${esc(s.name)}</text>`);
  });
  p.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle" fill="#333">${axis === 'entry' ? '入口平均 z（起点）' : '出口平均 z（成就）'}</text>`);
  p.push(`<text x="14" y="${(m.t + H - m.b) / 2}" text-anchor="middle" fill="#333" transform="rotate(-90 14 ${(m.t + H - m.b) / 2})">增值（标准差）</text>`);
  p.push('</svg>');
  const unlabelled = rows.filter((_, i) => !placed[i]).map((s) => esc(s.name));
  return p.join('') + (unlabelled.length ? `<p class="muted">图中名称重叠、未标注的学校：${unlabelled.join('、')}（见学校增值表）。</p>` : '');
}

const smallRow = (va: VaResponse, span: number) => `<td colspan="${span}" class="c">${esc(smallText(va.minN))}</td>`;

function schoolTable(va: VaResponse): string {
  const rows = [...va.schools].sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.effect ?? 0) - (a.effect ?? 0));
  const body = rows
    .map((s) =>
      s.suppressed || s.effect === null || s.label === null || s.quadrant === null || s.entryQuadrant === null
        ? `<tr class="sup"><td>${esc(s.name)}</td><td class="n">${gf('count', s.n)}</td>${smallRow(va, 9)}<td class="n">${gf('rate', s.linkRate)}</td></tr>`
        : `<tr><td>${esc(s.name)}</td><td class="n">${gf('count', s.n)}</td><td class="n">${gf('effect', s.effect)}</td><td class="n">${gf('se', s.se)}</td><td class="n">${gfInterval(s.lower, s.upper)}</td><td class="c ${s.label}">${LABEL_ZH[s.label]}</td><td class="c">${QUADRANT_LABEL[s.quadrant]}</td><td class="c">${ENTRY_QUADRANT_LABEL[s.entryQuadrant]}</td><td class="n">${gf('meanZ', s.achievement)}</td><td class="n">${gf('meanZ', s.entryMean)}</td><td class="n">${gf('effect', s.gainMean)}</td><td class="n">${gf('rate', s.linkRate)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>学校</th><th>人数 n</th><th>增值</th><th>标准误</th><th>95% 区间</th><th>评价</th><th>成就 × 增长</th><th>起点 × 增长</th><th>出口平均 z</th><th>入口平均 z</th><th>z 分增量</th><th>匹配率</th></tr></thead><tbody>${body}</tbody></table>`;
}

function classTables(va: VaResponse): string {
  const bySchool = new Map<string, typeof va.classes>();
  for (const c of va.classes) (bySchool.get(c.school) ?? bySchool.set(c.school, []).get(c.school)!).push(c);
  const out: string[] = [];
  for (const s of [...va.schools].sort((a, b) => (a.school < b.school ? -1 : 1))) {
    const list = (bySchool.get(s.school) ?? []).sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.effect ?? 0) - (a.effect ?? 0));
    if (!list.length) continue;
    const body = list
      .map((c) =>
        c.suppressed || c.effect === null || c.label === null
          ? `<tr class="sup"><td>${esc(c.class)}</td><td class="n">${gf('count', c.n)}</td>${smallRow(va, 6)}</tr>`
          : `<tr><td>${esc(c.class)}</td><td class="n">${gf('count', c.n)}</td><td class="n">${gf('effect', c.effect)}</td><td class="n">${gf('se', c.se)}</td><td class="n">${gfInterval(c.lower, c.upper)}</td><td class="c ${c.label}">${LABEL_ZH[c.label]}</td><td class="n">${gf('meanZ', c.achievement)}</td><td class="n">${gf('effect', c.gainMean)}</td></tr>`,
      )
      .join('');
    out.push(
      `<h3>${esc(s.name)}</h3><table><thead><tr><th>班级</th><th>人数 n</th><th>增值</th><th>标准误</th><th>95% 区间</th><th>评价</th><th>出口平均 z</th><th>z 分增量</th></tr></thead><tbody>${body}</tbody></table>`,
    );
  }
  return out.join('');
}

export function growthReportHtml(va: VaResponse, ctx: GrowthReportContext): string {
  const L = va.linkage;
  const m = va.model;
  const d = va.district;
  const all = districtTerm(ctx.districtName).zh;
  const at = (ctx.generatedAt ?? new Date()).toISOString().slice(0, 10);
  const title = growthReportTitle(va);
  const suppressed = va.schools.filter((s) => s.suppressed);
  const method = { districtName: ctx.districtName, minN: va.minN, minNFloor: va.minNFloor, sgp: va.sgp.available };
  const basis = [METHOD.va.zh, ...(va.sgp.available ? [METHOD.sgp.zh] : [])].join('；');
  const body = `
<h1>${esc(ctx.districtName)} ${esc(title)}</h1>
<p class="sub">入口 ${esc(va.from.name)}（${esc(va.from.date ?? '—')}）→ 出口 ${esc(va.to.name)}（${esc(va.to.date ?? '—')}）；科目：${esc(va.subject)}；生成日期 ${at}${va.scope === 'own' ? `；本报告只含本校数据与${all}汇总` : ''}</p>
<p class="basis">评价方法：${basis}。</p>
<p class="basis">Method: ${METHOD.va.en}${va.sgp.available ? `; ${METHOD.sgp.en}` : ''}.</p>
<div class="cards">
  <div class="card"><div>学籍号匹配率</div><div class="big">${gf('rate', L.rate)}</div><div>匹配 ${gf('count', L.linked)} 人；入口未匹配 ${gf('count', L.entry.unmatched)}，出口未匹配 ${gf('count', L.exit.unmatched)}</div><div>转学 ${gf('count', L.movers)} 人（计入出口学校）</div></div>
  <div class="card"><div>回归模型（REML，学校随机截距）</div><div class="big">β₁ = ${gf('coef', m.beta.pre)}</div><div>τ² = ${gf('variance', m.tau2)}，σ² = ${gf('variance', m.sigma2)}，ICC = ${gf('coef', m.icc)}</div><div>n = ${gf('count', m.n)}，学校 ${gf('count', m.groups)} 所</div></div>
  <div class="card"><div>学校评价（n ≥ ${va.minN}）</div><div class="big"><span class="above">${d.above}</span> / ${d.expected} / <span class="below">${d.below}</span></div><div>高于预期 / 符合预期 / 低于预期</div><div>人数不足、不报告 ${d.suppressed} 所</div></div>
</div>
<h2>一、各校增值及 95% 区间</h2>
<div class="chart">${errorBarSvg(va.schools)}</div>
${suppressed.length ? `<p class="muted">匹配学生少于 ${va.minN} 人、不报告的学校：${suppressed.map((s) => `${esc(s.name)}（n = ${gf('count', s.n)}）`).join('、')}。</p>` : ''}
<h2>二、成就 × 增长象限</h2>
<div class="chart">${quadrantSvg(va.schools, 'achievement')}</div>
<div class="chart">${quadrantSvg(va.schools, 'entry')}</div>
<h2 class="page-break">三、学校增值表</h2>
${schoolTable(va)}
<h2>四、班级增值</h2>
<p class="muted">班级增值相对于${all}回归线，包含学校本身的贡献；宜在同一学校内比较班级。</p>
${classTables(va)}
<div class="note">
${methodZh(method)
  .map((x) => `<p>${esc(x)}</p>`)
  .join('\n')}
${methodEn(method)
  .map((x) => `<p>${esc(x)}</p>`)
  .join('\n')}
</div>`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}
