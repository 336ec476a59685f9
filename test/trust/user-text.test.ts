// Issue 10 item 13: no developer notes in what a user sees. Collects the user-facing texts — every string of the
// zh/en locale files, every human-readable text of the built-in standards packs, and the text of the rendered
// balance (district and school, both packs) and exam reports — and fails on notes meant for developers
// ("shared/reference", "standards.md", "§", "UNCONFIRMED", "[C]", "third-party sources", file paths), on English
// jargon in Chinese text, and on ASCII punctuation (, ; : ( )) next to Chinese characters.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtReportHtml, schoolReportHtml } from '../../src/balance/report-html.js';
import { BUILT_IN_STANDARDS, loadStandard, resolveLocalPack } from '../../src/balance/standards.js';
import { examReportHtml } from '../../src/exams/report-html.js';
import { STUDENTS, SUBJECTS } from '../fixtures/exams/data.js';
import { SCHOOL_A, SCHOOL_B, SCHOOL_C, sampleRecord, signIn, testApp } from '../helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Text {
  where: string;
  lang: 'zh' | 'en';
  text: string;
}

const CJK = '\\u3400-\\u9fff';
/** Notes for developers, in any language. */
const DEV_NOTES: [string, RegExp][] = [
  ['shared/reference', /shared\/reference/i],
  ['standards.md', /standards\.md/i],
  ['§', /§/],
  ['UNCONFIRMED', /unconfirmed/i],
  ['[C]', /\[[A-Z]\]/],
  ['third-party sources', /third[- ]party/i],
  ['a source file path', /(?:^|[\s(（"'`])\.{0,2}\/?(?:src|test|shared|docs|web|scripts|node_modules)\/[\w./-]+/],
  ['a source file name', /\b[\w-]+\.(?:md|ts|tsx|mjs|cjs)\b/],
  ['TODO/FIXME', /\b(?:TODO|FIXME|XXX|TBD)\b/],
];
/** English developer words that have no place in Chinese text. */
const JARGON = /\b(?:pack|packs|overrides?|local|config|configurable|confirmed|sources?|null|undefined|NaN|fixture|standards|rules?|thresholds?)\b/i;
/** ASCII , ; : ( ) touching a Chinese character (numbers such as 1,000 or 1:1.1 are left alone). */
const ASCII_PUNCT = new RegExp(`[${CJK}]\\s?[,;:()]|[,;:(]\\s?[${CJK}]|\\)[${CJK}]`);
const HAS_CJK = new RegExp(`[${CJK}]`);

function problems(t: Text): string[] {
  const out = DEV_NOTES.filter(([, re]) => re.test(t.text)).map(([name]) => `developer note (${name})`);
  if (t.lang === 'zh' && HAS_CJK.test(t.text)) {
    const text = t.text.replace(/\{\w+\}/g, ''); // {n}: a value filled in
    const j = JARGON.exec(text);
    if (j) out.push(`English jargon "${j[0]}" in Chinese text`);
    const p = ASCII_PUNCT.exec(text);
    if (p) out.push(`ASCII punctuation in Chinese text near "${p[0]}"`);
  }
  return out;
}

function report(texts: Text[]): string[] {
  const all = texts.flatMap((t) => problems(t).map((p) => `${t.where}: ${p}: ${JSON.stringify(t.text.length > 160 ? t.text.slice(0, 160) + '…' : t.text)}`));
  return [...new Set(all)];
}

// ---- locale files -------------------------------------------------------------------------------------------------

/** The string literals of a locale file that are values (not keys, not imports): [zh, en] pairs in the pages'
 * dictionaries, every value in web/src/i18n/{zh,en}. */
function localeTexts(file: string, lang: 'zh' | 'en' | 'pairs'): Text[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true);
  const out: Text[] = [];
  const isText = (n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
  const at = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
    if (lang === 'pairs' && ts.isArrayLiteralExpression(n) && n.elements.length === 2 && n.elements.every(isText)) {
      out.push({ where: at(n), lang: 'zh', text: (n.elements[0] as ts.StringLiteral).text });
      out.push({ where: at(n), lang: 'en', text: (n.elements[1] as ts.StringLiteral).text });
      return;
    }
    if (lang !== 'pairs' && ts.isPropertyAssignment(n) && isText(n.initializer)) {
      out.push({ where: at(n), lang, text: n.initializer.text });
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function allLocaleTexts(): Text[] {
  const out: Text[] = [];
  for (const lang of ['zh', 'en'] as const) for (const f of fs.readdirSync(path.join(ROOT, 'web/src/i18n', lang))) out.push(...localeTexts(`web/src/i18n/${lang}/${f}`, lang));
  for (const page of fs.readdirSync(path.join(ROOT, 'web/src/pages'))) {
    const f = `web/src/pages/${page}/i18n.ts`;
    if (fs.existsSync(path.join(ROOT, f))) out.push(...localeTexts(f, 'pairs'));
  }
  return out;
}

// ---- standards packs ----------------------------------------------------------------------------------------------

/** Keys of a pack whose strings are identifiers or numbers, not text. */
const NOT_TEXT = new Set(['id', 'key', 'fields', 'levels', 'threshold', 'cvLimit', 'remainderMinShare', 'extends']);
const ENGLISH = new Set(['nameEn', 'en', 'unitEn', 'basisEn']);

function packTexts(pack: unknown, where: string): Text[] {
  const out: Text[] = [];
  const walk = (v: unknown, at: string, key: string) => {
    if (NOT_TEXT.has(key)) return;
    if (typeof v === 'string') out.push({ where: at, lang: ENGLISH.has(key) ? 'en' : 'zh', text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`, k);
  };
  walk(pack, where, '');
  return out;
}

// ---- rendered reports ---------------------------------------------------------------------------------------------

/** The text nodes of an HTML page (styles and scripts left out, entities decoded). */
function htmlTexts(html: string, where: string): Text[] {
  const body = html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<script[\s\S]*?<\/script>/gi, '');
  const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", nbsp: ' ' })[e]!);
  return body
    .split(/<[^>]*>/)
    .map((s) => decode(s).trim())
    .filter(Boolean)
    .map((text) => ({ where, lang: 'zh' as const, text }));
}

describe('user-facing texts carry no developer notes', () => {
  it('the zh and en locale files', () => {
    const texts = allLocaleTexts();
    expect(texts.length).toBeGreaterThan(500);
    expect(report(texts)).toEqual([]);
  });

  it('the built-in standards packs (names, basis, notes) and the basis of a local pack', () => {
    const texts: Text[] = [];
    for (const id of BUILT_IN_STANDARDS) {
      const raw = JSON.parse(fs.readFileSync(path.join(ROOT, `src/balance/standards/${id}.json`), 'utf8'));
      texts.push(...packTexts(raw, id));
    }
    const base = loadStandard('national-2017-quality');
    const local = resolveLocalPack({ id: 'local-test', name: '本地标准', nameEn: '', basis: '', extends: base.id, overrides: {} }, 1, base);
    texts.push(...packTexts(local, 'local pack'));
    expect(texts.some((t) => t.where.endsWith('.basis'))).toBe(true);
    expect(report(texts)).toEqual([]);
  });

  it('every pack names the official document it comes from and says what a district may adjust', () => {
    const a = loadStandard('national-2017-quality');
    expect(a.basis).toContain('《县域义务教育优质均衡发展督导评估办法》');
    expect(a.basis).toContain('教督〔2017〕6号');
    expect(a.schoolRule?.remainderNote).toContain('可在本地标准中调整');
    const b = loadStandard('national-2012-basic');
    expect(b.basis).toContain('《县域义务教育均衡发展督导评估暂行办法》');
    expect(b.basis).toContain('教督〔2012〕3号');
  });
});

describe('rendered reports carry no developer notes', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    const admin = await signIn(t.app, 'admin');
    for (const code of [SCHOOL_A.code, SCHOOL_B.code, SCHOOL_C.code]) {
      const rec = sampleRecord();
      if (code === SCHOOL_C.code) {
        rec.enrolments = [{ grade: 7, students: 100 }];
        rec.classes = [
          { grade: 7, classNo: 1, size: 52 },
          { grade: 7, classNo: 2, size: 48 },
        ];
      }
      if (code === SCHOOL_B.code) rec.values = { ...rec.values, teachersAboveDegree: 2, books: 1000 };
      const res = await admin.put(`/api/schools/${code}/stats/2024`, rec);
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => t.close());

  it('the balance district and school reports, for both built-in packs', async () => {
    const analyst = await signIn(t.app, 'analyst');
    const texts: Text[] = [];
    for (const id of BUILT_IN_STANDARDS) {
      const r = await analyst.get(`/api/balance/evaluation?year=2024&standard=${id}`);
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      const ev = r.json();
      texts.push(...htmlTexts(districtReportHtml(ev, { districtName: '测试县' }), `balance district report (${id})`));
      for (const s of [SCHOOL_A, SCHOOL_B, SCHOOL_C]) texts.push(...htmlTexts(schoolReportHtml(ev, s.code, { districtName: '测试县' }) ?? '', `balance school report ${s.code} (${id})`));
    }
    expect(texts.some((x) => x.text.includes('评估依据'))).toBe(true);
    expect(report(texts)).toEqual([]);
  });

  it('the exam district and school reports', async () => {
    const bureau = await signIn(t.app, 'analyst');
    const c = await bureau.post('/api/exams', { name: '2024学年九年级期末', date: '2025-01-15', grade: 9, type: '期末', subjects: SUBJECTS });
    expect(c.statusCode, c.body).toBe(201);
    const examId = c.json().exam.id;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.addRow(['学籍号', '姓名', '性别', '学校代码', '班级', '语文', '数学', '英语']);
    for (const s of STUDENTS) ws.addRow(s);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const imp = await bureau.upload(`/api/exams/${examId}/import?wait=1`, buf, 'scores.xlsx');
    expect(imp.statusCode, imp.body).toBe(200);
    const { exam, report: rep } = (await bureau.get(`/api/exams/${examId}/report`)).json();
    const names = new Map([
      [SCHOOL_A.code, SCHOOL_A.name],
      [SCHOOL_B.code, SCHOOL_B.name],
    ]);
    const texts = [
      ...htmlTexts(examReportHtml(exam, rep, { districtName: '测试县', schoolNames: names }), 'exam district report'),
      ...htmlTexts(examReportHtml(exam, rep, { districtName: '测试县', schoolNames: names, school: SCHOOL_A.code }), 'exam school report'),
    ];
    expect(texts.some((x) => x.text.includes('三率一分'))).toBe(true);
    expect(report(texts)).toEqual([]);
  });
});
