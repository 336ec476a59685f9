// The CLI against an independent implementation of the same published methods, written in Python from the method
// text alone (test/fixtures/admissions/recompute.py, standard library only): lottery, assignment and quota results
// must agree field by field on generated inputs (with full-width, decomposed and astral-plane IDs). Then bad input
// (exit 2, file/row/column named, nothing on stdout), GBK files and verification of a tampered result (exit 1).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { admissionsCommand, type AdmissionsCliOptions } from './cli.js';

const PY = path.resolve('test/fixtures/admissions/recompute.py');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-adm-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

async function run(sub: string, opts: AdmissionsCliOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await admissionsCommand(sub, opts, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function python(...args: string[]): unknown {
  const r = spawnSync('python3', [PY, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`recompute.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A small deterministic generator (mulberry32), so the inputs are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_IDS = ['Ａ100', 'e\u0301-07', '😀-3', 'ｚ9', ' 3301-padded ']; // full-width, decomposed é, astral, spaces to trim

describe('admissions CLI = the independent Python recomputation', () => {
  it('lottery v1: 600 applicants in three priority groups', async () => {
    const r = rng(1);
    const lines = ['applicant_id,priority,name'];
    for (let i = 0; i < 600; i++) lines.push(`${i < ODD_IDS.length ? ODD_IDS[i] : `2026${String(i).padStart(5, '0')}`},${1 + Math.floor(r() * 3)},学生${i}`);
    const f = write('lottery.csv', lines.join('\n') + '\n');
    const ts = await run('lottery', { applicants: f, seats: '150', 'draw-id': '2026-民办-01', entropy: ['3,17,42,8,55', ' 公证 0917 '], json: true });
    expect(ts.code).toBe(0);
    expect(JSON.parse(ts.out)).toEqual(python('lottery', f, '150', '2026-民办-01', '3,17,42,8,55', ' 公证 0917 '));
  });

  it('assignment v1: 400 applicants, 6 schools, lists of 1–4 choices, some unplaced', async () => {
    const r = rng(2);
    const schools = ['X01', 'X02', 'X03', 'X10', 'Ｘ04', 'X05'];
    const caps = write('caps.csv', ['school_code,seats', ...schools.map((s, i) => `${s},${40 + i * 10}`)].join('\n'));
    const lines = ['applicant_id,choices'];
    for (let i = 0; i < 400; i++) {
      const pool = [...schools];
      const k = 1 + Math.floor(r() * 4);
      const choices = Array.from({ length: k }, () => pool.splice(Math.floor(r() * pool.length), 1)[0]);
      lines.push(`${i < ODD_IDS.length ? ODD_IDS[i].trim() : `P${i}`},${choices.join('|')}`);
    }
    const f = write('assign.csv', lines.join('\n'));
    const ts = await run('assign', { applicants: f, capacities: caps, 'draw-id': '城关片区-2026', entropy: ['12', '7', '33'], json: true });
    expect(ts.code).toBe(0);
    const got = JSON.parse(ts.out) as { assignments: { school_code: string | null }[] };
    expect(got).toEqual(python('assign', f, caps, '城关片区-2026', '12', '7', '33'));
    expect(got.assignments.some((a) => a.school_code === null)).toBe(true);
  });

  it('quota v1: 40 junior schools, rural weight 1.3, floors and caps', async () => {
    const r = rng(3);
    const lines = ['school_code,graduates,rural'];
    for (let i = 0; i < 40; i++) lines.push(`J${String(i).padStart(3, '0')},${i % 9 === 0 ? Math.floor(r() * 4) : 20 + Math.floor(r() * 400)},${r() < 0.5 ? 1 : 0}`);
    const f = write('quota.csv', lines.join('\n'));
    const ts = await run('quota', { schools: f, places: '3000', 'min-per-school': '3', 'rural-weight': '1.3', json: true });
    expect(ts.code).toBe(0);
    const got = JSON.parse(ts.out) as { allocations: { places: number; capped: boolean }[] };
    expect(got).toEqual(python('quota', f, '3000', '3', '1.3'));
    expect(got.allocations.reduce((s, a) => s + a.places, 0)).toBe(3000);
    expect(got.allocations.some((a) => a.capped)).toBe(true);
  });
});

describe('admissions CLI: bad input, GBK, verification', () => {
  it('names the file, row and column of every bad row, exits 2 and prints nothing on stdout', async () => {
    const f = write('bad.csv', 'applicant_id,priority\nA1,1\n,1\nA1,2\nA3,x\n');
    const r = await run('lottery', { applicants: f, seats: '1', 'draw-id': 'D', entropy: ['1'], json: true });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('bad.csv');
    expect(r.err).toMatch(/第 5 行.*priority/);
    expect(r.err).toMatch(/第 3 行.*applicant_id/);
    expect(r.err).toMatch(/第 4 行.*applicant_id.*第 2 行/);
    const noCol = await run('lottery', { applicants: write('nocol.csv', 'id\nA1\n'), seats: '1', 'draw-id': 'D', entropy: ['1'] });
    expect(noCol.code).toBe(2);
    expect(noCol.err).toMatch(/nocol\.csv.*第 1 行.*applicant_id/);
    const seats = await run('lottery', { applicants: write('ok.csv', 'applicant_id\nA1\n'), seats: '0', 'draw-id': 'D', entropy: ['1'] });
    expect(seats.code).toBe(2);
    expect(seats.err).toContain('seats');
  });

  it('names the capacities file for a bad seat count and the applicants file for an unknown school', async () => {
    const caps = write('caps-bad.csv', 'school_code,seats\nS1,3\nS2,0\n');
    const apps = write('apps.csv', 'applicant_id,choices\nP1,S1|S9\n');
    const r = await run('assign', { applicants: apps, capacities: caps, 'draw-id': 'D', entropy: ['1'] });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/caps-bad\.csv.*第 3 行.*seats/);
    const ok = write('caps-ok.csv', 'school_code,seats\nS1,3\n');
    const u = await run('assign', { applicants: apps, capacities: ok, 'draw-id': 'D', entropy: ['1'] });
    expect(u.err).toMatch(/apps\.csv.*第 2 行.*choices.*S9/);
  });

  it('reads a GBK CSV with Chinese headers as the UTF-8 one', async () => {
    const text = '报名编号,优先级,姓名\n甲001,1,张三\n乙002,2,李四\n';
    const utf = await run('lottery', { applicants: write('u.csv', text), seats: '1', 'draw-id': 'D', entropy: ['5'], json: true });
    const gbk = await run('lottery', { applicants: write('g.csv', iconv.encode(text, 'gbk')), seats: '1', 'draw-id': 'D', entropy: ['5'], json: true });
    expect(gbk.code).toBe(0);
    expect(gbk.out).toBe(utf.out);
  });

  it('reads an .xlsx list as the same CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('报名');
    ws.addRows([
      ['报名编号', '优先级', '姓名'],
      ['甲001', 1, '张三'],
      ['乙002', 2, '李四'],
    ]);
    const xlsx = write('x.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const csv = write('x.csv', '报名编号,优先级,姓名\n甲001,1,张三\n乙002,2,李四\n');
    const a = await run('lottery', { applicants: xlsx, seats: '1', 'draw-id': 'X', entropy: ['5'], json: true });
    const b = await run('lottery', { applicants: csv, seats: '1', 'draw-id': 'X', entropy: ['5'], json: true });
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });

  it('verify: "matches" for the published result, the first difference and exit 1 for a changed one', async () => {
    const apps = write('v.csv', 'applicant_id,priority\nA1,1\nA2,1\nA3,2\nA4,1\n');
    const r = await run('lottery', { applicants: apps, seats: '2', 'draw-id': 'V1', entropy: ['8', '13'], json: true });
    const result = write('v.json', r.out);
    expect(await run('verify', { result, applicants: apps })).toMatchObject({ code: 0, out: expect.stringContaining('matches') });
    const tampered = JSON.parse(r.out) as { results: { admitted: boolean }[] };
    tampered.results[2].admitted = true;
    const t = await run('verify', { result: write('t.json', JSON.stringify(tampered)), applicants: apps });
    expect(t.code).toBe(1);
    expect(t.out).toContain('results[2].admitted');
    // An applicant added after the list was published changes list_hash: named first.
    const added = write('v2.csv', 'applicant_id,priority\nA1,1\nA2,1\nA3,2\nA4,1\nA5,1\n');
    const a = await run('verify', { result, applicants: added });
    expect(a.code).toBe(1);
    expect(a.out).toContain('list_hash');
  });
});
