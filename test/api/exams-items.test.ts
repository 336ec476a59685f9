// Item (小题) scores: defined with the exam, imported from columns such as 数学.1 / 数学第2题 / 数学-3 next to the
// subject's score, checked (each item ≤ its full marks, items add up to the score), stored, and analysed.
// Expected figures worked out by hand (and with a few lines of plain Python): P, α, item–total r.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../helpers.js';
import { A, B } from '../fixtures/exams/data.js';

let t: Awaited<ReturnType<typeof testApp>>;
let bureau: Awaited<ReturnType<typeof signIn>>;
let examId: number;
beforeAll(async () => {
  t = await testApp();
  bureau = await signIn(t.app, 'analyst');
});
afterAll(async () => t.close());

function upload(url: string, text: string, name = 'items.csv') {
  const boundary = '----jhi' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`), Buffer.from(text), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return bureau.raw('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

// 数学 (20) = item 1 (objective, 5) + item 2 (objective, 5) + item 3 (subjective, 10); 语文 has no items.
const ITEMS = [
  [5, 5, 8],
  [5, 0, 10],
  [0, 5, 7],
  [5, 5, 10],
  [0, 0, 7],
  [5, 0, 5],
  [5, 5, 3],
  [0, 0, 4],
  [5, 5, 6],
];
const HEAD = '学籍号,姓名,学校代码,班级,语文,数学,数学.1,数学第2题,数学-3';
const good = () => [HEAD, ...ITEMS.map((r, i) => `S0${i + 1},生${i},${i % 2 ? A : B},1班,80,${r[0] + r[1] + r[2]},${r.join(',')}`), `S10,生9,${A},1班,80,缺考,,,`].join('\n');

describe('item scores', () => {
  it('are defined with the exam and listed with its subjects', async () => {
    const r = await bureau.post('/api/exams', {
      name: '小题测试',
      grade: 8,
      type: '期中',
      subjects: [
        { subject: '语文', fullMarks: 100 },
        {
          subject: '数学',
          fullMarks: 20,
          items: [
            { label: '1', fullMarks: 5, objective: true },
            { label: '2', fullMarks: 5, objective: true },
            { label: '3', fullMarks: 10 },
          ],
        },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    examId = r.json().exam.id;
    expect(r.json().exam.subjects[1].items).toEqual([
      { label: '1', fullMarks: 5, objective: true },
      { label: '2', fullMarks: 5, objective: true },
      { label: '3', fullMarks: 10, objective: false },
    ]);
    expect((await bureau.post('/api/exams', { name: 'x', grade: 8, type: '期中', subjects: [{ subject: '数学', fullMarks: 20, items: [{ label: '1', fullMarks: 30 }] }] })).statusCode).toBe(400);
  });

  it('bad item cells: above the item’s full marks, items not adding up, items without a score, a missing item column', async () => {
    const lines = good().split('\n');
    lines[1] = `S01,生0,${B},1班,80,18,6,5,7`; // item 1 above 5 (and the sum is 18 anyway)
    lines[2] = `S02,生1,${A},1班,80,16,5,0,10`; // adds up to 15
    lines[10] = `S10,生9,${A},1班,80,缺考,5,,`; // absent, yet an item score
    const r = await upload(`/api/exams/${examId}/import?wait=1`, lines.join('\n'));
    expect(r.statusCode).toBe(422);
    const at = r.json().problems.map((p: { column: string; row: number; reason: string }) => `${p.column}${p.row} ${p.reason}`);
    expect(at).toEqual([expect.stringMatching(/^G2 小题分 6 高于该题满分 5/), expect.stringMatching(/^F3 小题分之和 15 与数学成绩 16 不一致/), expect.stringMatching(/^F11 数学没有成绩,却有小题分/)]);
    const partial = await upload(`/api/exams/${examId}/import?wait=1`, good().replace(',数学-3', '').replace(/,\d+$/gm, ''));
    expect(partial.statusCode).toBe(422);
    expect(partial.json().problems[0].reason).toMatch(/小题列不全,缺少 3/);
  });

  it('imports them and analyses the items: P, α, item–total r', async () => {
    const r = await upload(`/api/exams/${examId}/import?wait=1`, good());
    expect(r.statusCode, r.body).toBe(200);
    const a = (await bureau.get(`/api/exams/${examId}/items?subject=${encodeURIComponent('数学')}`)).json();
    expect(a).toMatchObject({ subject: '数学', fullMarks: 20, students: 9 });
    const [i1, i2, i3] = a.analysis.items;
    expect(i1).toMatchObject({ name: '1', full: 5, objective: true, n: 9 });
    expect(i1.difficulty).toBeCloseTo(6 / 9, 12); // six students with 5/5
    expect(i2.difficulty).toBeCloseTo(5 / 9, 12);
    expect(i3.difficulty).toBeCloseTo(60 / 9 / 10, 12); // mean 6.667 of 10
    expect(i3.itemTotal).toBeCloseTo(0.6057877858496032, 12);
    expect(a.analysis.paper.reliability.alpha).toBeCloseTo(0.42143600416233074, 12);
    // 语文 has no items; a clerk sees the district's item analysis too (an aggregate).
    expect((await bureau.get(`/api/exams/${examId}/items?subject=${encodeURIComponent('语文')}`)).statusCode).toBe(404);
    const clerk = await signIn(t.app, 'clerkA');
    expect((await clerk.get(`/api/exams/${examId}/items?subject=${encodeURIComponent('数学')}`)).statusCode).toBe(200);
    // Items cannot change once scores are in.
    const put = await bureau.put(`/api/exams/${examId}`, {
      subjects: [
        {
          subject: '数学',
          fullMarks: 20,
          items: [
            { label: '1', fullMarks: 10 },
            { label: '2', fullMarks: 10 },
          ],
        },
      ],
    });
    expect(put.statusCode).toBe(409);
  });

  it('re-importing without item columns drops the old item scores', async () => {
    const plain = good()
      .split('\n')
      .map((l) => l.split(',').slice(0, 6).join(','))
      .join('\n');
    expect((await upload(`/api/exams/${examId}/import?wait=1`, plain)).statusCode).toBe(200);
    expect((await bureau.get(`/api/exams/${examId}/items?subject=${encodeURIComponent('数学')}`)).statusCode).toBe(404);
  });
});
