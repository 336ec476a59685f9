import { describe, expect, it } from 'vitest';
import { CsvRecordReader, FIELD_ESCAPED, FIELD_MALFORMED } from './csv-records.js';

function records(text: string) {
  const r = new CsvRecordReader(Buffer.from(text));
  const out: { record: number; fields: string[]; flags: number[] }[] = [];
  while (r.next()) out.push({ record: r.record, fields: Array.from({ length: r.count }, (_, i) => r.text(i)), flags: Array.from(r.flags.subarray(0, r.count)) });
  return out;
}

describe('CsvRecordReader', () => {
  it('splits LF, CRLF and CR records and keeps empty fields', () => {
    expect(records('a,b\r\n1,\n,2\r3,4').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
      ['3', '4'],
    ]);
  });
  it('reads quoted fields with separators, newlines and doubled quotes', () => {
    const r = records('"a,b","say ""hi""","two\nlines"\nx');
    expect(r[0].fields).toEqual(['a,b', 'say "hi"', 'two\nlines']);
    expect(r[0].flags).toEqual([0, FIELD_ESCAPED, 0]);
    expect(r[1]).toEqual({ record: 2, fields: ['x'], flags: [0] });
  });
  it('numbers records as Excel numbers rows; a blank line is a record of one empty field', () => {
    expect(records('h\n\nz\n').map((r) => [r.record, r.fields])).toEqual([
      [1, ['h']],
      [2, ['']],
      [3, ['z']],
    ]);
  });
  it('a trailing comma at the end of input gives one more empty field', () => {
    expect(records('a,b,').map((r) => r.fields)).toEqual([['a', 'b', '']]);
  });
  it('flags an unclosed quote and text after a closing quote', () => {
    expect(records('"ab"c,d\n"open').map((r) => r.flags)).toEqual([[FIELD_MALFORMED, 0], [FIELD_MALFORMED]]);
  });
  it('grows past 64 fields', () => {
    const line = Array.from({ length: 200 }, (_, i) => String(i)).join(',');
    const [r] = records(line);
    expect(r.fields.length).toBe(200);
    expect(r.fields[199]).toBe('199');
  });
});
