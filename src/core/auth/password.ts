// Password hashing with scrypt (node:crypto). Stored as scrypt$N$r$p$salt$hash (base64).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords.js';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) => new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (e, k) => (e ? reject(e) : resolve(k))));

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A readable one-time password: 4 groups of 4 characters without look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += alphabet[bytes[i] % alphabet.length];
    if (i % 4 === 3 && i < 15) s += '-';
  }
  return s;
}

/**
 * Why a new password is too weak, or null: fewer than 8 characters, a common password (COMMON_PASSWORDS), one
 * or two characters repeated, the username or containing it, or the current password again. Messages: '中文 / English'.
 */
export function passwordProblem(pw: string, ctx: { username?: string; current?: string } = {}): string | null {
  if (pw.length < 8) return '密码至少 8 个字符 / password must have at least 8 characters';
  const lower = pw.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) return '密码过于常见、容易被猜中，请换一个 / this password is too common and easy to guess; choose another';
  const name = ctx.username?.trim().toLowerCase();
  // Containing a name of 3+ characters (a 2-letter name such as 'li' is too common a part of words to forbid).
  if (name && (lower === name || (name.length >= 3 && lower.includes(name)))) return '密码不能包含用户名 / the password must not contain the username';
  if (ctx.current !== undefined && pw === ctx.current) return '新密码不能与当前密码相同 / the new password must differ from the current one';
  return null;
}

let dummy: Promise<string> | null = null;
/** A hash of a random password, made once: an unknown user's sign-in verifies against it and takes as long as a known one's. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('base64'));
  return dummy;
}
