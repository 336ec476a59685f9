// Text identifiers of the admissions methods (applicant IDs, school codes, draw IDs, entropy strings): trimmed at
// both ends and Unicode-NFC normalised — not NFKC, so a full-width "Ａ100" stays full-width — and sorted by their
// UTF-8 bytes, which is code-point order (admissions methods, "Common rules"). Pure: the browser verifier imports it.

/** Trimmed and NFC-normalised. */
export const normalizeId = (s: string): string => s.trim().normalize('NFC');

/**
 * Code-point (= UTF-8 byte) order. JavaScript's `<` compares UTF-16 code units, which puts U+10000… (surrogate
 * pairs, 0xD800–0xDFFF) below U+E000…U+FFFF; shifting the units as below restores code-point order.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitRank(x) - unitRank(y);
  }
  return a.length - b.length;
}

const unitRank = (u: number): number => (u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u);
