// SHA-256 and HMAC-SHA256 as lowercase hex, with WebCrypto (crypto.subtle): the same code runs in Node 20, in the
// CLI and in the browser's public verifier, so the server and the verifier cannot disagree on a hash.
const utf8 = new TextEncoder();

const hex = (buf: ArrayBuffer): string => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}

/** Raw bytes of a lowercase hex string (a seed). */
export function hexBytes(h: string): Uint8Array<ArrayBuffer> {
  if (!/^(?:[0-9a-f]{2})*$/.test(h)) throw new Error(`not lowercase hex: ${h.slice(0, 16)}…`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** HMAC-SHA256 keyed by the raw bytes of `seedHex`: a function from a message to its lowercase hex MAC. */
export async function hmacWithSeed(seedHex: string): Promise<(message: string) => Promise<string>> {
  const key = await crypto.subtle.importKey('raw', hexBytes(seedHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (message) => hex(await crypto.subtle.sign('HMAC', key, utf8.encode(message)));
}
