import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examCommand, type ExamCliOptions } from './cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-exam-cli-'));
const file = path.join(dir, 'a.csv');
fs.writeFileSync(file, '学籍号,学校代码,语文,数学\n1,A,90,100\n2,B,60,作弊\n3,B,30,50\n');

function run(sub: string | undefined, opts: ExamCliOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = examCommand(sub, opts, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('exam command', () => {
  it('usage and option errors: exit 2, nothing on stdout', () => {
    for (const [sub, opts, text] of [
      ['report', { input: file }, 'usage'],
      ['summary', { input: file, full: '语文=100' }, 'usage'],
      ['report', { input: file, full: '语文' }, '--full'],
      ['report', { input: file, full: '语文=100,数学=100', pass: '60' }, '--pass 60'],
      ['report', { input: file, full: '语文=100,数学=100', bottom: '130' }, '--bottom 130'],
      ['report', { input: path.join(dir, 'nope.csv'), full: '语文=100,数学=100' }, 'ENOENT'],
    ] as const) {
      const r = run(sub, opts);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(text);
    }
  });

  it('a table without --json; the voided score is announced on stderr', () => {
    const r = run('report', { input: file, full: '语文=100,数学=100' });
    expect(r.code).toBe(0);
    expect(r.err).toContain('1 voided (作弊) scores counted as absent');
    expect(r.out).toContain('3 名学生');
    expect(r.out).toMatch(/总分\s+200\s+2\s+135\.0/);
    expect(r.out).toMatch(/A\s+1\s+190\.0\s+0\.0%/);
  });

  it('--json prints one JSON document', () => {
    const r = run('report', { input: file, full: '语文=100,数学=100', json: true });
    expect(JSON.parse(r.out).subjects['总分'].district.n).toBe(2);
  });
});
