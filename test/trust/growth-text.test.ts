// Issue 10 item 13 (growth): the growth report, the growth workbook, the texts of the growth answers and the messages
// of the growth command-line tools carry no developer notes ("shared/reference", "§", "UNCONFIRMED", "[C]", file
// names), no English jargon and no ASCII punctuation in Chinese text; they name the method each number comes from
// (回归增值（含收缩估计）, 学生成长百分位 SGP（分位数回归，Betebenner 2009）), say that the minimum n is a local,
// configurable setting, carry a proper English basis line, and say 全县 / 全区 as the district's own name does.
// The checks are those of user-text.test.ts (kept in step by hand); bilingual lines "中文 / English" are split and
// each half checked in its language.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { csvOf, ENTRY_NAME, EXIT_NAME, growthFixture, SUBJECTS } from '../api/growth-fixture.js';
import { growthReportHtml } from '../../src/growth/report-html.js';
import { growthWorkbook } from '../../src/growth/export-xlsx.js';
import { growthVaCommand } from '../../src/growth/va/cli.js';
import { sgpCommand } from '../../src/growth/sgp/cli.js';
import type { VaResponse } from '../../src/growth/service.js';

interface Text {
  where: string;
  lang: 'zh' | 'en';
  text: string;
}

const CJK = '\\u3400-\\u9fff';
const DEV_NOTES: [string, RegExp][] = [
  ['shared/reference', /shared\/reference/i],
  ['standards.md', /standards\.md/i],
  ['anchors.md', /anchors/i],
  ['§', /§/],
  ['UNCONFIRMED', /unconfirmed/i],
  ['[C]', /\[[A-Z]\]/],
  ['third-party sources', /third[- ]party/i],
  ['a source file path', /(?:^|[\s(（"'`])\.{0,2}\/?(?:src|test|shared|docs|web|scripts|node_modules|bench)\/[\w./-]+/],
  ['a source file name', /\b[\w-]+\.(?:md|ts|tsx|mjs|cjs|R)\b/],
  ['TODO/FIXME', /\b(?:TODO|FIXME|XXX|TBD)\b/],
];
const JARGON = /\b(?:pack|packs|overrides?|local|config|configurable|confirmed|sources?|null|undefined|NaN|fixture|standards|rules?|thresholds?|suppressed)\b/i;
const ASCII_PUNCT = new RegExp(`[${CJK}]\\s?[,;:()]|[,;:(]\\s?[${CJK}]|\\)[${CJK}]`);
const HAS_CJK = new RegExp(`[${CJK}]`);

function problems(t: Text): string[] {
  const out = DEV_NOTES.filter(([, re]) => re.test(t.text)).map(([name]) => `developer note (${name})`);
  if (t.lang === 'zh' && HAS_CJK.test(t.text)) {
    const j = JARGON.exec(t.text);
    if (j) out.push(`English jargon "${j[0]}" in Chinese text`);
    const p = ASCII_PUNCT.exec(t.text);
    if (p) out.push(`ASCII punctuation in Chinese text near "${p[0]}"`);
  }
  return out;
}

/** A text; a bilingual "中文 / English" line is split into its halves. */
function texts(where: string, text: string): Text[] {
  const i = text.indexOf(' / ');
  if (i < 0) return [{ where, lang: HAS_CJK.test(text) ? 'zh' : 'en', text }];
  return [
    { where, lang: 'zh', text: text.slice(0, i) },
    { where, lang: 'en', text: text.slice(i + 3) },
  ];
}

/** Names from the data (schools, classes: "八(1)班") are the users' own words, not ours. */
let dataNames = new Set<string>();

function report(all: Text[]): string[] {
  return [
    ...new Set(all.filter((t) => !dataNames.has(t.text)).flatMap((t) => problems(t).map((p) => `${t.where}: ${p}: ${JSON.stringify(t.text.length > 160 ? t.text.slice(0, 160) + '…' : t.text)}`))),
  ];
}

function htmlTexts(html: string, where: string): Text[] {
  const body = html.replace(/<style[\s\S]*?<\/style>/gi, '');
  const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", nbsp: ' ' })[e]!);
  return body
    .split(/<[^>]*>/)
    .map((s) => decode(s).trim())
    .filter(Boolean)
    .flatMap((text) => texts(where, text));
}

async function workbookTexts(buf: Buffer, where: string): Promise<Text[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: Text[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (typeof cell.value === 'string') out.push(...texts(`${where} ${ws.name}!R${r}C${c}`, cell.value));
      }),
    );
  return out;
}

let t: Awaited<ReturnType<typeof testApp>>;
let va: VaResponse;
let targets: { rule: { zh: string; en: string } };
let entryId: number;
let exitId: number;
let analyst: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await testApp();
  analyst = await signIn(t.app, 'analyst');
  const f = growthFixture();
  const make = async (name: string, date: string, grade: number, csv: Buffer) => {
    const r = await analyst.post('/api/exams', { name, date, term: '第二学期', grade, type: '期末', scope: '全县', subjects: SUBJECTS });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().exam.id as number;
    expect((await analyst.upload(`/api/exams/${id}/import?wait=1`, csv, `${name}.csv`)).statusCode).toBe(200);
    return id;
  };
  entryId = await make(ENTRY_NAME, '2024-06-27', 7, csvOf(f.entry));
  exitId = await make(EXIT_NAME, '2025-06-26', 8, csvOf(f.exit));
  va = (await analyst.get(`/api/growth/value-added?from=${entryId}&to=${exitId}&subject=${encodeURIComponent('数学')}`)).json();
  targets = (await analyst.get('/api/growth/targets')).json();
  dataNames = new Set([...va.schools.map((s) => s.name), ...va.classes.map((c) => c.class)]);
});
afterAll(async () => t.close());

describe('growth texts carry no developer notes and name their method', () => {
  it('the PDF report (its HTML): clean, the methods named, the minimum n configurable, an English basis line', () => {
    const html = growthReportHtml(va, { districtName: '测试县' });
    expect(report(htmlTexts(html, 'growth report'))).toEqual([]);
    expect(html).toContain('回归增值（含收缩估计）');
    if (va.sgp.available) expect(html).toContain('学生成长百分位 SGP（分位数回归，Betebenner 2009）');
    expect(html).toContain('最小人数为本地设置，可由系统管理员配置');
    expect(html).toContain('Method: regression value-added with shrinkage');
    expect(html).toContain('The minimum n is a local setting that the administrator can configure');
  });

  it('the workbook: every text cell clean, the method named', async () => {
    const r = await analyst.get(`/api/growth/export.xlsx?from=${entryId}&to=${exitId}&subject=${encodeURIComponent('数学')}`);
    expect(r.statusCode).toBe(200);
    const all = await workbookTexts(r.rawPayload, 'growth workbook');
    expect(all.length).toBeGreaterThan(50);
    expect(report(all)).toEqual([]);
    const joined = all.map((x) => x.text).join('\n');
    expect(joined).toContain('回归增值（含收缩估计）');
    expect(joined).toContain('可由系统管理员配置');
    expect(joined).toContain('regression value-added with shrinkage');
  });

  it('全县 or 全区 from the district’s own name, in the report and in the workbook', async () => {
    for (const [name, own, other] of [
      ['测试县', '全县', '全区'],
      ['舟山市定海区', '全区', '全县'],
    ] as const) {
      const html = growthReportHtml(va, { districtName: name });
      expect(html, name).toContain(own);
      expect(html, name).not.toContain(other);
      const all = (await workbookTexts(await growthWorkbook(va, name), name)).map((x) => x.text).join('\n');
      expect(all, name).toContain(own);
      expect(all, name).not.toContain(other);
    }
  });

  it('the texts of the answers: SGP note, quadrant names, the targets rule', () => {
    const all: Text[] = [
      ...texts('sgp.note', va.sgp.note),
      ...Object.values(va.quadrants.labels).flatMap((l) => [...texts('quadrant zh', l.zh), ...texts('quadrant en', l.en)]),
      ...Object.values(va.quadrants.entryLabels).flatMap((l) => [...texts('entry quadrant zh', l.zh), ...texts('entry quadrant en', l.en)]),
      { where: 'targets rule', lang: 'zh', text: targets.rule.zh },
      { where: 'targets rule', lang: 'en', text: targets.rule.en },
    ];
    expect(report(all)).toEqual([]);
    expect(targets.rule.zh).toContain('回归增值（含收缩估计）');
    expect(targets.rule.en).not.toMatch(HAS_CJK);
  });

  it('the messages of junheng growth va and junheng growth sgp', () => {
    const lines: Text[] = [];
    const io = (where: string) => ({
      out: (s: string) => s.split('\n').forEach((l) => lines.push(...texts(`${where} stdout`, l))),
      err: (s: string) => s.split('\n').forEach((l) => lines.push(...texts(`${where} stderr`, l))),
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-growth-text-'));
    const csv = path.join(dir, 'long.csv');
    const rows = ['CONTENT_AREA,YEAR,ID,GRADE,SCALE_SCORE,SCHOOL_NUMBER,VALID_CASE'];
    for (let i = 0; i < 40; i++) {
      const school = i % 2 ? 'S1' : 'S2';
      rows.push(`MATHEMATICS,2023_2024,${i},4,${400 + ((i * 37) % 50)},${school},VALID_CASE`);
      rows.push(`MATHEMATICS,2024_2025,${i},5,${420 + ((i * 53) % 60)},${school},VALID_CASE`);
    }
    fs.writeFileSync(csv, rows.join('\n'));
    expect(growthVaCommand({ input: csv, subject: 'MATHEMATICS', from: '2023_2024', to: '2024_2025', 'min-n': '21' }, io('va text'))).toBe(0);
    expect(lines.map((l) => l.text).join('\n')).toContain('人数不足，不报告');
    expect(growthVaCommand({}, io('va usage'))).toBe(2);
    expect(growthVaCommand({ input: csv, subject: 'MATHEMATICS', from: '2023_2024', to: '2024_2025', 'min-n': '0' }, io('va min-n'))).toBe(2);
    expect(growthVaCommand({ input: path.join(dir, 'nope.csv'), subject: 'MATHEMATICS', from: '2023_2024', to: '2024_2025' }, io('va missing'))).toBe(2);
    expect(growthVaCommand({ input: csv, subject: 'READING', from: '2023_2024', to: '2024_2025' }, io('va no pairs'))).toBe(2);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'CONTENT_AREA,YEAR,ID,GRADE,SCALE_SCORE\n');
    expect(growthVaCommand({ input: bad, subject: 'MATHEMATICS', from: '2023_2024', to: '2024_2025' }, io('va bad'))).toBe(2);
    expect(sgpCommand({}, io('sgp usage'))).toBe(2);
    expect(sgpCommand({ input: csv, 'max-order': '0' }, io('sgp max-order'))).toBe(2);
    expect(sgpCommand({ input: path.join(dir, 'nope.csv') }, io('sgp missing'))).toBe(2);
    expect(lines.length).toBeGreaterThan(10);
    expect(report(lines)).toEqual([]);
    const usage = lines
      .filter((l) => l.where.includes('usage'))
      .map((l) => l.text)
      .join('\n');
    expect(usage).toContain('回归增值（含收缩估计）');
    expect(usage).toContain('学生成长百分位 SGP（分位数回归，Betebenner 2009）');
  });
});
