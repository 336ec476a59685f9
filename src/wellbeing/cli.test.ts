// `junheng wellbeing fitness`: pupils of test/fixtures/fitness/cli-pupils.csv scored by hand from the standard's tables
// (the rows are quoted; the same pupils are worked out in fitness/worked-examples.test.ts against the reference
// copy), incomplete totals, items a grade does not take, GBK with Chinese headers and .xlsx read as the UTF-8 CSV,
// and bad cells: exit 2 naming the row and column, nothing on stdout — in process and as a real `junheng` process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../core/tabular.js';
import { wellbeingCommand, type WellbeingCliOptions } from './cli.js';

const FIXTURE = path.resolve('test/fixtures/fitness/cli-pupils.csv');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-fitness-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

async function run(opts: WellbeingCliOptions, sub = 'fitness') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await wellbeingCommand(sub, opts, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Json {
  standard: string;
  students: { student_id: string; items: Record<string, unknown>; [k: string]: unknown }[];
}
const byId = (j: Json) => Object.fromEntries(j.students.map((s) => [s.student_id, s]));

describe('junheng wellbeing fitness --json', () => {
  it('scores the hand-computed pupils', async () => {
    const r = await run({ input: FIXTURE, json: true });
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.standard).toBe('national-2014');
    const s = byId(j);
    // G1M: BMI 22 / 1.2² = 15.28 → 15.3 正常 (1-M 13.5–18.1) → 100; 肺活量 1240 = 78 row; 50米 11.0 = 76 row; 坐位体前屈 5.5 = 70 row;
    // 跳绳 120 ≥ 109 → 100, 附加分 ⌊11 / 2⌋ = 5. (1500 + 78×15 + 76×20 + 70×30 + 100×20) / 100 = 82.9; 总分 87.9 良好.
    expect(s.G1M).toEqual({
      student_id: 'G1M',
      grade: 1,
      sex: 'M',
      bmi: { value: 15.3, points: 100, category: 'normal' },
      items: { lung_capacity: { value: 1240, points: 78 }, run_50m: { value: 11, points: 76 }, sit_and_reach: { value: 5.5, points: 70 }, rope_1min: { value: 120, points: 100 } },
      bonus: 5,
      standard_score: 82.9,
      total: 87.9,
      level: '良好',
      incomplete: false,
    });
    // G3F (性别 女): 14.8 正常 → 100; 1600 = 90; 9.3 s = 95; 16.6 = 90; 跳绳 139 = 100 (exactly the 100 row: no bonus); 仰卧起坐 46 = 100.
    // (1500 + 1350 + 1900 + 1800 + 2000 + 1000) / 100 = 95.5 优秀.
    expect(s.G3F).toMatchObject({ sex: 'F', bonus: 0, standard_score: 95.5, total: 95.5, level: '优秀', incomplete: false });
    // G5F: 50米×8 written 1'53" = 113 s = 80 row; (1500 + 1350 + 85×20 + 80×10 + 100×10 + 78×20 + 80×10) / 100 = 87.1; 跳绳 180 − 158 = 22 → +11.
    expect(s.G5F).toMatchObject({ items: { shuttle_50x8: { value: 113, points: 80 } }, bonus: 11, standard_score: 87.1, total: 98.1, level: '优秀' });
    // G8M (性别 男): BMI 55 / 1.65² = 20.20 → 20.2 正常 → 100; 2600 = 70; 8.4 s (74 row 8.5) → 74; −0.1 = 62; 200 cm (74 row 198) → 74;
    // 引体向上 5 = 60; 1000米 3'30" = 210 s ≤ 230 → 100 and 20 s faster → +5.
    // (1500 + 1050 + 1480 + 620 + 740 + 600 + 2000) / 100 = 79.9; 总分 84.9 良好.
    expect(s.G8M).toEqual({
      student_id: 'G8M',
      grade: 8,
      sex: 'M',
      bmi: { value: 20.2, points: 100, category: 'normal' },
      items: {
        lung_capacity: { value: 2600, points: 70 },
        run_50m: { value: 8.4, points: 74 },
        sit_and_reach: { value: -0.1, points: 62 },
        standing_long_jump: { value: 200, points: 74 },
        pull_up: { value: 5, points: 60 },
        run_1000m: { value: 210, points: 100 },
      },
      bonus: 5,
      standard_score: 79.9,
      total: 84.9,
      level: '良好',
      incomplete: false,
    });
  });

  it('marks a total incomplete when a result is empty or the pack has no table; items a pupil does not take are absent', async () => {
    const s = byId(JSON.parse((await run({ input: FIXTURE, json: true })).out) as Json);
    // G3M-missing: 仰卧起坐 empty → unscored, total open.
    expect(s['G3M-missing']).toMatchObject({
      items: { sit_up_1min: { value: null, points: null }, rope_1min: { value: 76, points: 72 } },
      standard_score: null,
      total: null,
      level: null,
      incomplete: true,
    });
    // G7M: only 坐位体前屈 10.4 = 80 and 引体向上 15 ≥ 13 → 100 (+2) given; 肺活量, 50米, 立定跳远, 1000米 empty → unscored.
    expect(s.G7M).toMatchObject({
      items: {
        lung_capacity: { value: null, points: null },
        run_50m: { value: null, points: null },
        sit_and_reach: { value: 10.4, points: 80 },
        standing_long_jump: { value: null, points: null },
        pull_up: { value: 15, points: 100 },
        run_1000m: { value: null, points: null },
      },
      bonus: 2,
      total: null,
      incomplete: true,
    });
    // G2F-noheight: no height → BMI null (and the total open); the items still score: 700 = 60, 13.0 = 50, 2.2 → 50, 60 → 68.
    expect(s['G2F-noheight']).toMatchObject({
      bmi: null,
      items: { lung_capacity: { points: 60 }, run_50m: { points: 50 }, sit_and_reach: { points: 50 }, rope_1min: { points: 68 } },
      incomplete: true,
    });
    // Grade 1: no sit-up or shuttle; grade 8 boys: no sit-up, no 800 m; grade 3: no shuttle.
    expect(Object.keys(s.G1M.items)).toEqual(['lung_capacity', 'run_50m', 'sit_and_reach', 'rope_1min']);
    expect(Object.keys(s.G8M.items)).toEqual(['lung_capacity', 'run_50m', 'sit_and_reach', 'standing_long_jump', 'pull_up', 'run_1000m']);
    expect(Object.keys(s.G3F.items)).not.toContain('shuttle_50x8');
  });

  it('prints a readable table without --json', async () => {
    const r = await run({ input: FIXTURE });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/G1M\s+1年级\s+男\s+BMI 15\.3 正常 100\s+肺活量 1240→78/);
    expect(r.out).toMatch(/G8M .*1000米跑 3'30"→100\s+附加分 5\s+标准分 79\.90\s+总分 84\.90\s+良好/);
    expect(r.out).toMatch(/G3M-missing .*未完成 incomplete/);
    expect(r.out).toMatch(/7 名学生 pupils, 4 名有总分 with a total, 3 名未完成 incomplete, 达标 pass 4\/4/);
  });

  it('reads a GBK CSV with the Chinese headers of the import and an .xlsx as the UTF-8 CSV', async () => {
    const utf = await run({ input: FIXTURE, json: true });
    const zh = fs.readFileSync(FIXTURE, 'utf8').replace(/^[^\n]*/, '学籍号,年级,性别,身高,体重,肺活量,50米跑,坐位体前屈,1分钟跳绳,1分钟仰卧起坐,50米×8往返跑,立定跳远,引体向上,1000米跑,800米跑');
    const gbk = await run({ input: write('zh-gbk.csv', iconv.encode(zh, 'gbk')), json: true });
    expect(gbk.code, gbk.err).toBe(0);
    expect(gbk.out).toBe(utf.out);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    // Numbers as numbers, times as text (3'30"), empty results as empty cells.
    const [head, ...rows] = parseCsv(fs.readFileSync(FIXTURE, 'utf8').trim());
    ws.addRow(head);
    for (const r of rows) ws.addRow(r.map((c) => (c === '' ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
    const xlsx = await run({ input: write('p.xlsx', Buffer.from(await wb.xlsx.writeBuffer())), json: true });
    expect(xlsx.code, xlsx.err).toBe(0);
    expect(xlsx.out).toBe(utf.out);
  });
});
describe('junheng wellbeing fitness: bad input', () => {
  it('exits 2, names the row and column of every bad cell and prints nothing on stdout', async () => {
    const f = write(
      'bad.csv',
      [
        'student_id,grade,sex,height_cm,weight_kg,lung_capacity,run_50m,pull_up,sit_up_1min,run_800m',
        'A1,3,M,130,28,1500,9.9,,,',
        'A2,10,M,130,28,1500,9.9,,,', // row 3: grade
        'A3,3,X,130,28,1500,9.9,,,', // row 4: sex
        'A1,3,M,130,28,1500,9.9,,,', // row 5: repeats row 2
        'A5,3,M,130,28,1500,九,,,', // row 6: 50 m not a time
        'A6,8,F,160,50,2500,9.0,3,,', // row 7: pull-up for a girl
        'A7,8,F,160,50,2500,9.0,,12.5,"3\'70"""', // row 8: sit-up not whole, 3'70" not a time
        'A8,3,M,abc,28,1500,9.9,,,', // row 9: height
      ].join('\n'),
    );
    const r = await run({ input: f, json: true });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/bad\.csv，第 3 行 \/ row 3，列 grade \/ column grade：年级应为 1–9/);
    expect(r.err).toMatch(/第 4 行 \/ row 4，列 sex/);
    expect(r.err).toMatch(/第 5 行 \/ row 5，列 student_id.*第 2 行/);
    expect(r.err).toMatch(/第 6 行 \/ row 6，列 run_50m/);
    expect(r.err).toMatch(/第 7 行 \/ row 7，列 pull_up.*不测引体向上/);
    expect(r.err).toMatch(/第 8 行 \/ row 8，列 sit_up_1min/);
    expect(r.err).toMatch(/第 8 行 \/ row 8，列 run_800m/);
    expect(r.err).toMatch(/第 9 行 \/ row 9，列 height_cm/);
    expect(r.err).toMatch(/8 处问题 \/ 8 problems/);
  });

  it('exits 2 for a missing column, a missing file and a missing --input', async () => {
    const noSex = await run({ input: write('nosex.csv', 'student_id,grade\nA,1\n') });
    expect(noSex).toMatchObject({ code: 2, out: '' });
    expect(noSex.err).toMatch(/第 1 行 \/ row 1，列 sex/);
    expect((await run({ input: path.join(dir, 'none.csv') })).err).toMatch(/无法读取 \/ cannot read/);
    expect((await run({})).code).toBe(2);
    expect((await run({ input: FIXTURE }, 'vision')).err).toMatch(/usage/);
  });

  it('as a real process: exit 0 with JSON on stdout; exit 2 with the bad cell on stderr; listed in --help', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', ...args], { encoding: 'utf8' });
    const ok = cli('wellbeing', 'fitness', '--input', FIXTURE, '--json');
    expect(ok.status, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as Json).students).toHaveLength(7);
    const bad = cli('wellbeing', 'fitness', '--input', write('bad-proc.csv', 'student_id,grade,sex\nA,1,M\nB,0,F\n'));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/第 3 行 \/ row 3，列 grade/);
    expect(cli('--help').stdout).toMatch(/junheng wellbeing fitness --input FILE\.csv\|FILE\.xlsx \[--json\][\s\S]*"incomplete": true/);
  }, 60_000);
});
