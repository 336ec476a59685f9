// Writes the synthetic demo district (demo.ts) into the database in one transaction.
import type { Db } from '../core/db/index.js';
import { recordAudit } from '../core/audit/store.js';
import { generateDemoDistrict } from './demo.js';
import { loadDemoExams } from '../exams/demo.js';
import { ensureDistrict, insertSchool, setCurrentYear, writeRecord } from './store.js';
import { statKey } from './types.js';

/** Progress of a long first start: one call per step, before it begins (the command line prints them). */
export type DemoProgress = (step: string) => void;

export async function loadDemoDistrict(db: Db, seed?: number, onProgress: DemoProgress = () => {}) {
  onProgress('生成演示数据 / generating the demo district');
  const demo = generateDemoDistrict(seed);
  const last = Math.max(...demo.years);
  onProgress(`写入 ${demo.schools.length} 所学校、${demo.years.length} 个年度的统计 / writing ${demo.schools.length} schools × ${demo.years.length} years of statistics`);
  await db.transaction(async (tx) => {
    await ensureDistrict(tx, demo.districtId, demo.name);
    for (const s of demo.schools) await insertSchool(tx, s);
    for (const y of demo.years) await setCurrentYear(tx, demo.districtId, y);
    for (const s of demo.schools)
      for (const y of demo.years) {
        const d = demo.stats.get(statKey(s.code, y));
        if (!d) continue;
        // Earlier years are approved; the current year is in the middle of its collection round.
        const status = y < last ? 'approved' : ['submitted', 'draft', 'approved', 'submitted', 'returned'][Number(s.code.slice(-1)) % 5];
        const comment = status === 'returned' ? '请核对各年级班级人数与体育运动场地面积后重新提交' : null;
        const submitted = status !== 'draft';
        const at = (month: number, day: number) => new Date(Date.UTC(y, month - 1, day, 2)).toISOString();
        await writeRecord(tx, demo.districtId, s.code, y, d, {
          status: status as 'draft',
          updatedBy: 'demo',
          reviewComment: comment,
          submittedBy: submitted ? `填报员-${s.code.slice(-4)}` : null,
          submittedAt: submitted ? at(10, 8 + (Number(s.code.slice(-2)) % 12)) : null,
          reviewedBy: status === 'approved' || status === 'returned' ? '局科室' : null,
          reviewedAt: status === 'approved' || status === 'returned' ? at(10, 25) : null,
        });
      }
    await recordAudit(tx, demo.districtId, [
      { username: 'system', action: 'create', entity: 'district', entityKey: demo.districtId, detail: `演示数据 demo data: ${demo.schools.length} schools, years ${demo.years.join(', ')}` },
    ]);
  });
  // The junior-secondary exams of two cohorts (grade 7 → 8), imported through the exam service (src/exams/demo.ts).
  onProgress('导入演示考试成绩 / importing the demo exams’ scores');
  await loadDemoExams(db, demo, seed);
  return demo;
}
