// The bytes of an uploaded CSV as UTF-8: valid UTF-8 (with or without a byte-order mark) is used as is;
// anything else is taken to be GBK (as Excel saves "CSV" on Chinese Windows) and decoded as GB18030, its superset.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type SourceEncoding = 'utf-8' | 'gbk';

export function toUtf8(buf: Buffer): { bytes: Buffer; encoding: SourceEncoding } {
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  if (isUtf8(body)) return { bytes: body, encoding: 'utf-8' };
  return { bytes: Buffer.from(iconv.decode(buf, 'gb18030'), 'utf8'), encoding: 'gbk' };
}
