// Issue 10, item 1: decompression bombs. An upload is bounded in what it may expand to (zip central directory before
// reading; inflated bytes, rows, cells, shared strings while reading), CSV records in fields and length, and imports
// in how many run at once (one per user, two in all).
import { crc32, deflateRawSync, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { configureXlsxLimits } from '../../src/core/xlsx/limits.js';
import { importSlots } from '../../src/core/jobs/limit.js';
import { readTable } from '../../src/core/tabular.js';
import { parseExamFile } from '../../src/exams/import/exam-file.js';

interface Entry {
  name: string;
  data: Buffer; // deflated
  crc: number;
  size: number; // real uncompressed size
  declared?: number; // what the headers say, when it lies
}

const deflated = (name: string, text: string): Entry => {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(raw), crc: crc32(raw) >>> 0, size: raw.length };
};

/** `repeat` copies of `unit` between head and tail, deflated in a stream: never the whole text in memory. */
async function deflatedRepeat(name: string, head: string, unit: string, repeat: number, tail: string): Promise<Entry> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((r) => z.on('end', r));
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(unit)))), 'utf8');
  const per = block.length / Buffer.byteLength(unit);
  let crc = 0;
  let size = 0;
  const write = (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    return new Promise<void>((r) => (z.write(b) ? r() : z.once('drain', () => r())));
  };
  await write(Buffer.from(head));
  let left = repeat;
  for (; left >= per; left -= per) await write(block);
  if (left > 0) await write(Buffer.from(unit.repeat(left)));
  await write(Buffer.from(tail));
  z.end();
  await done;
  return { name, data: Buffer.concat(out), crc: crc >>> 0, size };
}

/** A minimal zip writer (deflate, no data descriptors); `declared` makes an entry lie about its size. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declared ?? e.size;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, name, e.data);
    centrals.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A one-sheet workbook around the given shared strings and sheet entries. */
function workbook(
  sharedStrings: Entry,
  sheet: Entry = deflated('xl/worksheets/sheet1.xml', `${XML}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`),
): Buffer {
  return zip([
    deflated(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    deflated(
      '_rels/.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflated('xl/workbook.xml', `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="成绩" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    sheet,
    sharedStrings,
  ]);
}

/** 200 MB of shared strings (one repeated string), deflated to well under 1 MB. */
const bombStrings = () => deflatedRepeat('xl/sharedStrings.xml', `${XML}<sst xmlns="${NS}">`, '<si><t>炸弹炸弹炸弹炸弹炸弹炸弹炸弹炸弹炸弹炸弹</t></si>', 2_000_000, '</sst>');

let t: Awaited<ReturnType<typeof testApp>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let bureau: Client;
let examId: number;

beforeAll(async () => {
  t = await testApp();
  bureau = await signIn(t.app, 'analyst');
  const r = await bureau.post('/api/exams', {
    name: '炸弹测试',
    date: '2025-01-15',
    grade: 9,
    type: '期末',
    subjects: [
      { subject: '语文', fullMarks: 120 },
      { subject: '数学', fullMarks: 120 },
    ],
  });
  expect(r.statusCode, r.body).toBe(201);
  examId = r.json().exam.id;
});
afterAll(async () => t.close());

const upload = (c: Client, url: string, buf: Buffer, name: string) => c.upload(url, buf, name);

async function scoresXlsx(rows = 3): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow(['学籍号', '姓名', '学校代码', '班级', '语文', '数学']);
  for (let i = 0; i < rows; i++) ws.addRow([`G${1000 + i}`, `学生${i}`, '2133000001', '1班', 60 + (i % 50), 70 + (i % 40)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('decompression bombs', () => {
  it('an .xlsx whose shared strings expand to 200 MB is refused at once with 413, in bounded memory', async () => {
    const bomb = workbook(await bombStrings());
    expect(bomb.length).toBeLessThan(1 << 20);
    global.gc?.();
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const reg = await upload(bureau, '/api/import?year=2024', bomb, '炸弹.xlsx');
    expect(reg.statusCode, reg.body).toBe(413);
    expect(reg.json().error.message).toContain('炸弹.xlsx');
    expect(reg.json().error.message).toMatch(/64 MB|512 MB|100:1/);
    const exam = await upload(bureau, `/api/exams/${examId}/import?wait=1`, bomb, '炸弹.xlsx');
    expect(exam.statusCode, exam.body).toBe(413);
    expect(exam.json().error.message).toContain('炸弹.xlsx');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('an entry that declares a small size but inflates to 200 MB is refused while streaming', async () => {
    const strings = await bombStrings();
    strings.declared = 4000; // passes the central directory's check; the inflated bytes give it away
    global.gc?.();
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const r = await upload(bureau, `/api/exams/${examId}/import?wait=1`, workbook(strings), '伪装.xlsx');
    expect(r.statusCode, r.body).toBe(413);
    expect(r.json().error.message).toContain('伪装.xlsx');
    expect(r.json().error.message).toContain('xl/sharedStrings.xml');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('a row of 100,000 cells is refused while streaming (422), before exceljs builds it', async () => {
    const sheet = await deflatedRepeat('xl/worksheets/sheet1.xml', `${XML}<worksheet xmlns="${NS}"><sheetData><row r="1">`, '<c r="A1" t="s"><v>0</v></c>', 100_000, '</row></sheetData></worksheet>');
    configureXlsxLimits({ ratio: 1e6 }); // past the central directory's ratio check: the stream's count refuses it
    const r = await upload(bureau, `/api/exams/${examId}/import?wait=1`, workbook(deflated('xl/sharedStrings.xml', `${XML}<sst xmlns="${NS}"><si><t>x</t></si></sst>`), sheet), '宽表.xlsx').finally(
      () => configureXlsxLimits({}),
    );
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.message, r.body).toMatch(/宽表\.xlsx.*4096 列/);
  });

  it('rows, cells and shared strings over configured limits are refused (422)', async () => {
    const buf = await scoresXlsx(20);
    try {
      configureXlsxLimits({ rows: 10 });
      await expect(readTable(buf, 'rows.xlsx')).rejects.toMatchObject({ status: 422, message: expect.stringContaining('10 行') });
      configureXlsxLimits({ cells: 50 });
      await expect(readTable(buf, 'cells.xlsx')).rejects.toMatchObject({ status: 422 });
      configureXlsxLimits({ sharedStrings: 5 });
      await expect(readTable(buf, 'strings.xlsx')).rejects.toMatchObject({ status: 422 });
      configureXlsxLimits({ sharedStringsBytes: 100 });
      await expect(readTable(buf, 'bytes.xlsx')).rejects.toMatchObject({ status: 413 });
    } finally {
      configureXlsxLimits({});
    }
    expect((await readTable(buf, 'ok.xlsx')).rows).toHaveLength(20);
  });

  it('a normal workbook is still accepted, and a real 20,000-row workbook passes the default limits', async () => {
    const r = await upload(bureau, `/api/exams/${examId}/import?wait=1`, await scoresXlsx(), '正常.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().result.students).toBe(3);
    const big = await scoresXlsx(20_000);
    expect((await readTable(big, 'big.xlsx')).rows).toHaveLength(20_000);
  }, 60_000);
});

describe('CSV limits', () => {
  const ctx = { subjects: [{ name: '语文', full: 120 }], schools: new Map([['2133000001', '测试第一小学']]) };
  it('a record of more than 4,096 fields is named by its row and not read', async () => {
    const csv = Buffer.from(['学籍号,学校代码,语文', 'A1,2133000001,90', 'A2,2133000001,' + ','.repeat(10_000)].join('\n'));
    const r = await parseExamFile(csv, 'wide.csv', ctx);
    expect(r.data).toBeNull();
    expect(r.problems.list()).toEqual([expect.objectContaining({ row: 3, reason: expect.stringContaining('4096') })]);
  });
  it('a record longer than 256 KB (e.g. a quote that never closes) is named by its row and not read', async () => {
    const csv = Buffer.from(['学籍号,学校代码,语文', 'A1,2133000001,90', 'A2,2133000001,"' + 'x'.repeat(300 * 1024)].join('\r\n'));
    const r = await parseExamFile(csv, 'long.csv', ctx);
    expect(r.data).toBeNull();
    expect(r.problems.list()).toEqual([expect.objectContaining({ row: 3, reason: expect.stringContaining('256 KB') })]);
  });
  it('the table reader (schools CSV) names the row too', async () => {
    await expect(readTable(Buffer.from('a,b\n1,2\n' + ','.repeat(5000)), 'x.csv')).rejects.toThrow(/第 3 行超过 4096 列/);
    expect((await readTable(Buffer.from('a,b\n1,2\n'), 'x.csv')).rows).toHaveLength(1);
  });
});

describe('concurrent imports', () => {
  it('two imports at once by one user: one is refused with 429 and a Retry-After', async () => {
    const buf = await scoresXlsx(2000);
    const other = await bureau.post('/api/exams', {
      name: '炸弹测试 2',
      date: '2025-01-15',
      grade: 9,
      type: '期末',
      subjects: [
        { subject: '语文', fullMarks: 120 },
        { subject: '数学', fullMarks: 120 },
      ],
    });
    const otherId = other.json().exam.id as number;
    const [a, b] = await Promise.all([upload(bureau, `/api/exams/${examId}/import?wait=1`, buf, 'a.xlsx'), upload(bureau, `/api/exams/${otherId}/import?wait=1`, buf, 'b.xlsx')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 429]);
    const refused = a.statusCode === 429 ? a : b;
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json().error.message).toMatch(/正在进行.*\/ .*running/);
    // The slot is given back: the next import runs.
    expect((await upload(bureau, `/api/exams/${examId}/import?wait=1`, buf, 'c.xlsx')).statusCode).toBe(200);
  }, 60_000);

  it('at most two in all: a third user waits for a slot (429), the registry import too', async () => {
    const r1 = importSlots.acquire({ districtId: 'x', username: 'one' });
    const r2 = importSlots.acquire({ districtId: 'x', username: 'two' });
    try {
      expect((await upload(bureau, `/api/exams/${examId}/import?wait=1`, await scoresXlsx(), 'd.xlsx')).statusCode).toBe(429);
      const reg = await upload(bureau, '/api/import?year=2024', await scoresXlsx(), 'e.xlsx');
      expect(reg.statusCode).toBe(429);
      expect(reg.json().error.message).toContain('try again');
    } finally {
      r1();
      r2();
    }
    expect(importSlots.active).toBe(0);
  });
});
