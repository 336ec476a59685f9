// `junheng exam import` as a user runs it: a real process on a real database (PGlite in a folder, or a throw-away
// PostgreSQL database when DATABASE_URL is set), a progress bar on stderr, a summary on stdout, exit 2 on a bad file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/core/db/index.js';
import { ensureDistrict, insertSchool } from '../../src/registry/store.js';
import { ExamService } from '../../src/exams/service.js';
import { freshDatabase, DISTRICT, SCHOOL_A, SCHOOL_B, SCHOOL_C } from '../helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'exams');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-exam-import-'));
const dataDir = path.join(dir, 'data');
const FULL = '语文=120,数学=120,英语=100';
let pgDatabase: Database | null = null;
let env: NodeJS.ProcessEnv;

/** Opens the database the CLI wrote to (PGlite: only while no CLI process holds the folder). */
async function withDb<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  if (pgDatabase) return fn(pgDatabase);
  const d = await openDatabase({ dataDir });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

const actor = { districtId: DISTRICT, districtName: '测试县', username: 't', displayName: 't', role: 'admin' as const, schoolCode: null, mustChangePassword: false, assignedSchools: [] };

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    pgDatabase = await freshDatabase();
    env = { ...process.env, DATABASE_URL: pgDatabase.location };
  } else {
    env = { ...process.env, DATABASE_URL: '' };
  }
  await withDb(async (d) => {
    await d.migrate();
    await ensureDistrict(d.db, DISTRICT, '测试县');
    for (const s of [SCHOOL_A, SCHOOL_B, SCHOOL_C]) await insertSchool(d.db, s);
  });
});
afterAll(async () => {
  await pgDatabase?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/junheng.mjs', 'exam', 'import', ...args, '--data', dataDir], { cwd: ROOT, encoding: 'utf8', env });

describe('junheng exam import', () => {
  it('creates the exam and imports a GBK CSV, with a progress bar on stderr', () => {
    const r = run(path.join(FIXTURES, 'wide-gbk.csv'), '--exam', '九年级期末', '--create', '--grade', '9', '--type', '期末', '--full', FULL, '--date', '2025-01-15');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/18 名学生 students, 3 所学校 schools, 5 个班 classes \(csv gbk, wide\)/);
    expect(r.stderr).toMatch(/新建考试/);
    for (const phase of ['读取 reading', '分析 analysing', '写入 writing']) expect(r.stderr).toContain(phase);
    expect(r.stderr).toMatch(/写入 writing\s+\[#{30}\] 100%/);
  });

  it('a bad file: every problem on stderr, exit 2, nothing written', async () => {
    const before = await withDb(async (d) => {
      const s = new ExamService(d.db);
      const e = (await s.findByName(actor, '九年级期末'))!;
      return { exam: e, report: await s.report(actor, e.id) };
    });
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '学籍号,姓名,学校代码,班级,语文,数学,英语\nG001,甲,2133000001,1班,90,90,90\nG002,乙,2133000001,1班,121,90,90\nG001,丙,2133000002,1班,90,九十,90\n');
    const r = run(bad, '--exam', '九年级期末');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/3 处问题,未保存任何数据/);
    expect(r.stderr).toContain('bad.csv:3:E (语文): 分数 121 高于满分 120');
    expect(r.stderr).toContain('bad.csv:4:A (学籍号): 学籍号 G001 重复');
    expect(r.stderr).toContain('bad.csv:4:F (数学): 不是分数');
    await withDb(async (d) => {
      const s = new ExamService(d.db);
      expect(await s.findByName(actor, '九年级期末')).toEqual(before.exam);
      expect(await s.report(actor, before.exam.id)).toEqual(before.report);
    });
  });

  it('re-imports a long CSV with --json; an unknown exam without --create is refused', async () => {
    const r = run(path.join(FIXTURES, 'long.csv'), '--exam', '九年级期末', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ students: 18, replaced: 18, layout: ['long'], encoding: 'utf-8' });
    const missing = run(path.join(FIXTURES, 'long.csv'), '--exam', '没有这个考试');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--create/);
    const noFull = run(path.join(FIXTURES, 'long.csv'), '--exam', '新考试', '--create', '--grade', '9', '--type', '期末');
    expect(noFull.status).toBe(2);
    await withDb(async (d) => {
      const s = new ExamService(d.db);
      const e = (await s.findByName(actor, '九年级期末'))!;
      expect(e.studentCount).toBe(18);
      expect((await s.report(actor, e.id)).report.district.stats['总分'].mean).toBeCloseTo(236.17857142857142, 10);
      expect(await s.findByName(actor, '新考试')).toBeNull();
    });
  });
});
