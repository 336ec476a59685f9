// One-time access codes (调查码): 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), written
// XXXXX-XXXXX, drawn with crypto.randomInt (uniform, no modulo bias). Only a slow hash of the canonical code (10
// characters, no dash) is stored; the code itself exists in clear only in the slips' PDF.
// 31¹⁰ ≈ 8.2 × 10¹⁴ codes (≈ 49.5 bits): guessing one valid code among even 10⁵ issued takes ~10¹⁰ tries on average.
// Over the API the wrong-code limit (service.ts) makes that impossible; against a copy of the database only the cost
// of each try protects the codes — with SHA-256 a GPU runs through all 8.2 × 10¹⁴ in about a day. Hence scrypt.
import { randomInt, scrypt, scryptSync } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;

/** A fresh code as printed: XXXXX-XXXXX. */
export function newCode(rand: (max: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[rand(CODE_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** `count` distinct fresh codes. */
export function newCodes(count: number, rand: (max: number) => number = randomInt): string[] {
  const out = new Set<string>();
  while (out.size < count) out.add(newCode(rand));
  return [...out];
}

/**
 * The canonical form of what a respondent typed: uppercase, spaces and dashes dropped (case and separators are
 * forgiven). null when it cannot be a code: a wrong length, or a character outside the alphabet (0, O, 1, I, L).
 */
export function canonicalCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s\-–—_]/g, '');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/**
 * The stored hash: scrypt (RFC 7914) of the canonical code, N = 2¹⁴, r = 8, p = 1 (16 MiB and about 30–60 ms a code
 * on one core), 32 bytes as hex. Deterministic (a fixed application salt) because a code is looked up by its hash;
 * the salt keeps tables computed for other systems useless. Against a dump every try costs the same memory-hard work
 * as ours: a GPU managing 10⁵ tries a second needs ~8 × 10⁹ s to run through the code space, and one code among
 * 10⁵ issued still takes ~10⁵ s on average — where SHA-256 fell in about a day for all of them.
 * Changing these parameters changes every stored hash: codes already issued would stop working.
 */
export const CODE_HASH = { id: 'scrypt-v1', salt: 'junheng/surveys/access-code/v1', N: 2 ** 14, r: 8, p: 1, keylen: 32 } as const;
const params = { N: CODE_HASH.N, r: CODE_HASH.r, p: CODE_HASH.p, maxmem: 64 * 1024 * 1024 };

/** The stored form of a canonical code (synchronous: blocks the thread ~50 ms; prefer codeHashAsync on a server). */
export const codeHash = (canonical: string): string => scryptSync(canonical, CODE_HASH.salt, CODE_HASH.keylen, params).toString('hex');

/** codeHash on libuv's thread pool (the event loop stays free while a respondent's code is hashed). */
export const codeHashAsync = (canonical: string): Promise<string> =>
  new Promise((resolve, reject) => scrypt(canonical, CODE_HASH.salt, CODE_HASH.keylen, params, (err, key) => (err ? reject(err) : resolve(key.toString('hex')))));

/** The hashes of many codes, in order, a few at a time on the thread pool. */
export async function codeHashes(canonicals: readonly string[], parallel = 4): Promise<string[]> {
  const out: string[] = new Array(canonicals.length);
  let next = 0;
  const worker = async () => {
    while (next < canonicals.length) {
      const i = next++;
      out[i] = await codeHashAsync(canonicals[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, canonicals.length) }, worker));
  return out;
}
