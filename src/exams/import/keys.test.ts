import { describe, expect, it } from 'vitest';
import { ByteKeySet } from './byte-key-set.js';
import { DuplicateKeys } from './duplicate-keys.js';

describe('byte keys', () => {
  it('ByteKeySet finds equal slices and keeps values, also after growing', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `G${i}`);
    const text = keys.join(',') + ',G17,G2999';
    const buf = Buffer.from(text);
    const set = new ByteKeySet(buf, 4);
    let pos = 0;
    const results: number[] = [];
    for (const k of text.split(',')) {
      results.push(set.add(pos, pos + k.length, pos));
      pos += k.length + 1;
    }
    expect(results.slice(0, 3000).every((r) => r === -1)).toBe(true);
    expect(results.slice(3000)).toEqual([text.indexOf('G17,'), text.indexOf('G2999')]);
    expect(set.size).toBe(3000);
  });
  it('ByteKeySet with a capacity that is not a power of two grows (its table stays a power of two); find + insertFound', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `G${1_000_000 + i}`);
    const buf = Buffer.from(keys.join(','));
    const set = new ByteKeySet(buf, 1400);
    let pos = 0;
    keys.forEach((k, i) => {
      expect(set.find(pos, pos + k.length)).toBe(-1);
      set.insertFound(i);
      pos += k.length + 1;
    });
    expect(set.size).toBe(5000);
    expect(set.find(0, keys[0].length)).toBe(0);
    const last = buf.length - keys[4999].length;
    expect(set.find(last, buf.length)).toBe(4999);
  });
  it('DuplicateKeys reports each later repeat with the first row', () => {
    const text = 'a1 b22 a1 c b22 a1 a10';
    const buf = Buffer.from(text);
    const d = new DuplicateKeys(buf, 2);
    let pos = 0;
    text.split(' ').forEach((k, i) => {
      d.add(pos, pos + k.length, i + 2);
      pos += k.length + 1;
    });
    expect(d.duplicates().map(({ row, first }) => [row, first])).toEqual([
      [4, 2],
      [6, 3],
      [7, 2],
    ]);
  });
});
