// The 身份证号 (citizen identity number, GB 11643-1999) of a teacher is never stored: it is checked, then kept only as a
// keyed hash (HMAC-SHA256) that matches the same person across files and years. The key is the district's, made at first
// use and kept in teacher_id_keys; JUNHENG_ID_KEY, when set, is used instead — production should set it and keep it
// outside the database (a copy of the database alone then cannot test guessed numbers against the hashes).
import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../core/db/index.js';
import type { Sex } from './model.js';
import { teacherIdKeys } from './schema.js';

/** GB 11643-1999 weights of the first 17 digits: Wi = 2^(17−i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The check character for Σ(ai·Wi) mod 11 = 0…10 (ISO 7064 MOD 11-2: (12 − S mod 11) mod 11, 10 written X). */
const CHECK = '10X98765432';

/** The check character (0–9 or X) of the first 17 digits. */
export function idCheckChar(first17: string): string {
  const s = [...first17].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0);
  return CHECK[s % 11];
}

/** What a valid 身份证号 says: the birth date (digits 7–14) and the sex (digit 17: odd 男, even 女). */
export interface IdNumberFacts {
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  sex: Sex;
}

/** Why a 身份证号 is not valid (zh / en), or null: 18 characters, a real birth date, the MOD 11-2 check character. */
export function idNumberProblem(id: string): string | null {
  const t = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(t)) return '身份证号应为 18 位（17 位数字加数字或 X 校验位） / the ID number must have 18 characters: 17 digits and a check digit or X';
  const [y, m, d] = [Number(t.slice(6, 10)), Number(t.slice(10, 12)), Number(t.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return `身份证号中的出生日期 ${t.slice(6, 14)} 不是有效日期 / the birth date ${t.slice(6, 14)} in the ID number is not a real date`;
  const want = idCheckChar(t.slice(0, 17));
  if (t[17] !== want) return `身份证号校验位应为 ${want}，而不是 ${t[17]}（GB 11643） / the ID number's check digit should be ${want}, not ${t[17]} (GB 11643)`;
  return null;
}

/** The birth date and sex a valid 身份证号 encodes (call idNumberProblem first). */
export function idNumberFacts(id: string): IdNumberFacts {
  const t = id.trim().toUpperCase();
  return { birthYear: Number(t.slice(6, 10)), birthMonth: Number(t.slice(10, 12)), birthDay: Number(t.slice(12, 14)), sex: Number(t[16]) % 2 === 1 ? '男' : '女' };
}

/** The keyed hash kept instead of the number: HMAC-SHA256 (key as UTF-8 text) over the upper-cased, trimmed number, hex. */
export function hashIdNumber(key: string, id: string): string {
  return createHmac('sha256', key).update(id.trim().toUpperCase()).digest('hex');
}

/**
 * The district's hash key: JUNHENG_ID_KEY when set, else the one in teacher_id_keys — a random 32-byte key (base64) made
 * at first use; two first uses at once both insert with ON CONFLICT DO NOTHING and then read the one that won.
 * With JUNHENG_ID_KEY set, nothing is read from or written to teacher_id_keys (so the key is never in the database, as
 * the README says), even when a stored key exists from before. Switching keys (setting, changing or removing the
 * variable once hashes are stored) stops matching: the stored hashes no longer match the same 身份证号, and such
 * teachers are then found only by 工号 or name and birth year — set the variable before the first import.
 */
export async function districtIdKey(db: Db, districtId: string, env: string | undefined = process.env.JUNHENG_ID_KEY): Promise<string> {
  if (env && env.trim()) return env.trim();
  const read = async () => (await db.select({ key: teacherIdKeys.key }).from(teacherIdKeys).where(eq(teacherIdKeys.districtId, districtId)))[0]?.key;
  const found = await read();
  if (found) return found;
  await db
    .insert(teacherIdKeys)
    .values({ districtId, key: randomBytes(32).toString('base64') })
    .onConflictDoNothing();
  const made = await read();
  if (!made) throw new Error(`teacher_id_keys: no key for district ${districtId}`);
  return made;
}
