// When a school's roster of year Y may change (issue 13): while the school's statistics of Y are 填报中 (draft, also
// when there are none yet) or 已退回 (returned); 已提交 (submitted) only for a user who reviews statistics; never once
// 已审核 (approved) — the roster's counts would change figures the bureau has approved. Pure module.
import type { StatStatus } from '../../registry/model.js';

/**
 * Why the roster of (school, year) may not change now (中文 / English), or null when it may. The school by its name, or
 * by words of both languages (其他学校 / another school) where the caller must not learn which school it is.
 */
export function rosterWriteRefusal(status: StatStatus | null, canReview: boolean, school: string | { zh: string; en: string }, year: number): string | null {
  const y = `${year}–${year + 1}`;
  const zh = typeof school === 'string' ? school : school.zh;
  const en = typeof school === 'string' ? school : school.en;
  if (status === 'approved')
    return `${zh} ${y}学年的统计已审核锁定，教师名册不能修改；如需修改请教育局先重新开放该校统计 / the ${y} statistics of ${en} are approved and locked: the teacher roster cannot change until the bureau reopens them`;
  if (status === 'submitted' && !canReview)
    return `${zh} ${y}学年的统计已提交待审核，教师名册不能修改；如需修改请教育局先退回 / the ${y} statistics of ${en} are submitted for review: the teacher roster cannot change until the bureau returns them`;
  return null;
}
