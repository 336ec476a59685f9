// Reading cells and headers of an uploaded statistics workbook.
import { GRADE_ZH, validateFieldValue } from '../fields.js';
import { CLASS_NO_SPEC, type ColumnDef, type NumberSpec, SHEET_GUIDE, SHEET_NAMES, type SheetKind } from './layout.js';

import { displayOf, isBlank, normalizeText, parseNumberText, scalarOf, textOf, type Scalar } from '../../core/xlsx/cells.js';
export { displayOf, isBlank, normalizeText, parseNumberText, scalarOf, textOf, type Scalar };

export type Reason = { zh: string; en: string };
export type NumberRead = { ok: true; value: number | null } | ({ ok: false } & Reason);

/** C0 control characters (line breaks and tab included) and DEL: no code, grade, number or name holds one, and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

/** The problem of a text cell holding a control character (after trimming), or null. */
export function controlCharReason(s: Scalar): Reason | null {
  const m = typeof s === 'string' ? CONTROL_CHAR.exec(s.trim()) : null;
  if (!m) return null;
  const u = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { zh: `含有控制字符 ${u}，请删除`, en: `contains a control character (${u}); remove it` };
}

/** A cell as a number, or why it is not one. Blank → value null. */
export function readNumber(s: Scalar): NumberRead {
  if (isBlank(s)) return { ok: true, value: null };
  if (typeof s === 'number') return { ok: true, value: s };
  const control = controlCharReason(s);
  if (control) return { ok: false, ...control };
  if (typeof s === 'string') {
    const n = parseNumberText(s);
    if (n !== null) return { ok: true, value: n };
  }
  if (s !== null && typeof s === 'object' && 'noResult' in s) {
    return { ok: false, zh: '公式没有保存计算结果，请在 Excel 中重新计算并保存', en: 'the formula has no saved result; recalculate and save it in Excel' };
  }
  if (s !== null && typeof s === 'object' && 'error' in s) return { ok: false, zh: `单元格是错误值 ${s.error}`, en: `the cell holds the error ${s.error}` };
  const shown = displayOf(s);
  return { ok: false, zh: `「${shown}」不是数字`, en: `"${shown}" is not a number` };
}

/** Bounds and type check of fields.ts (validateFieldValue), plus a lower bound above 0 for 班号 / 班级人数. */
export function checkBounds(spec: NumberSpec, value: number): Reason | null {
  const r = validateFieldValue({ type: spec.type, min: Math.min(0, spec.min), max: spec.max }, value);
  if (r) return { zh: `${r.zh}（填写值 ${value}）`, en: `${r.en} (value ${value})` };
  if (value < spec.min) return { zh: `不能小于 ${spec.min}（填写值 ${value}）`, en: `must be at least ${spec.min} (value ${value})` };
  return null;
}

export function readBoundedNumber(s: Scalar, spec: NumberSpec): NumberRead {
  const r = readNumber(s);
  if (!r.ok || r.value === null) return r;
  const bad = checkBounds(spec, r.value);
  return bad ? { ok: false, ...bad } : r;
}

/** 学校标识码 from a text or number cell; `4401010001` typed as a number still matches. */
export function readSchoolCode(s: Scalar, known: Map<string, unknown>): string {
  if (typeof s === 'number' && Number.isInteger(s)) {
    const plain = String(s);
    const padded = plain.padStart(10, '0'); // a leading 0 lost when typed as a number
    return known.has(plain) || !known.has(padded) ? plain : padded;
  }
  if (typeof s === 'string') return normalizeText(s).replace(/\s+/g, '');
  return textOf(s);
}

export const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** `七年级` `初一` `7` `7年级` `高二` `Grade 7` → grade number 1–12; null when unknown. */
export function parseGrade(s: Scalar): number | null {
  if (typeof s === 'number') return Number.isInteger(s) && s >= 1 && s <= 12 ? s : null;
  if (typeof s !== 'string') return null;
  const t = normalizeText(s).replace(/\s+/g, '').toLowerCase();
  const exact = GRADE_ZH.indexOf(t);
  if (exact > 0) return exact;
  const inRange = (n: number) => (n >= 1 && n <= 12 ? n : null);
  let m = /^(?:grade)?(\d{1,2})(?:年级)?$/.exec(t);
  if (m) return inRange(Number(m[1]));
  m = /^(?:小学)?(一|二|三|四|五|六|七|八|九|十|十一|十二)年级$/.exec(t);
  if (m) return CN_DIGITS.indexOf(m[1]);
  m = /^(初|高)(?:中)?(一|二|三)(?:年级)?$/.exec(t); // 初一 → 7, 高一 → 10, 初中二年级 → 8
  if (m) return (m[1] === '初' ? 6 : 9) + CN_DIGITS.indexOf(m[2]);
  return null;
}

/** 班号: `3`, `3班`, `(3)班`, `３`. */
export function readClassNo(s: Scalar): NumberRead {
  if (typeof s === 'string') {
    const m = /^\(?(\d{1,3})\)?班?$/.exec(normalizeText(s).replace(/\s+/g, ''));
    if (m) return readBoundedNumber(Number(m[1]), CLASS_NO_SPEC);
  }
  return readBoundedNumber(s, CLASS_NO_SPEC);
}

// ── headers ──

export function normalizeHeader(text: string): string {
  return normalizeText(text).replace(/\s+/g, '').toLowerCase();
}
export const stripUnit = (h: string): string => h.replace(/\([^()]*\)$/, '');

/** Accepted header texts: zh or en label, with or without `(unit)`, any parentheses/spaces/case. */
export function matchesHeader(def: ColumnDef, text: string): boolean {
  const h = normalizeHeader(text);
  const names = [def.zh, def.en, ...(def.aliases ?? [])].map(normalizeHeader);
  return names.includes(h) || names.includes(stripUnit(h));
}

export function sheetKindOf(name: string | undefined): SheetKind | 'guide' | null {
  const n = normalizeHeader(name ?? '');
  if (n === normalizeHeader(SHEET_GUIDE)) return 'guide';
  for (const kind of Object.keys(SHEET_NAMES) as SheetKind[]) {
    if (n === normalizeHeader(SHEET_NAMES[kind].zh) || n === normalizeHeader(SHEET_NAMES[kind].en)) return kind;
  }
  return null; // _lists and unknown sheets are ignored
}

/** Column positions found in row 1: def id → column number, and the header text of every column. */
export interface Layout {
  cols: Map<string, number>;
  texts: Map<number, string>;
}
