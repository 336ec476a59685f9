// The bureau's pins, gathered per teacher: must stay, must move (optionally to one school), must not go to a school.
// Contradictory pins (stay and move; move to X and not to X; move to two schools) and pins naming an unknown teacher
// or school are reported, never silently resolved.
import type { ExchangePin, ExchangeViolation } from './model.js';

export interface TeacherPins {
  stay: boolean;
  mustMove: boolean;
  /** must move to this school */
  mustTo: string | null;
  notTo: Set<string>;
}

export function gatherPins(pins: readonly ExchangePin[], teacherIds: ReadonlySet<string>, schoolCodes: ReadonlySet<string>): { byTeacher: Map<string, TeacherPins>; problems: ExchangeViolation[] } {
  const byTeacher = new Map<string, TeacherPins>();
  const problems: ExchangeViolation[] = [];
  for (const p of pins) {
    if (!teacherIds.has(p.teacherId)) {
      problems.push({ rule: 'unknown', teacherId: p.teacherId, message: `锁定的教师 ${p.teacherId} 不在教师名单中 / pinned teacher ${p.teacherId} is not in the teachers list` });
      continue;
    }
    if (p.kind === 'not_to' && !p.schoolCode) {
      problems.push({ rule: 'pin', teacherId: p.teacherId, message: `教师 ${p.teacherId} 的“不去”锁定缺少学校 / the not_to pin of teacher ${p.teacherId} names no school` });
      continue;
    }
    if (p.schoolCode && !schoolCodes.has(p.schoolCode)) {
      problems.push({
        rule: 'unknown',
        teacherId: p.teacherId,
        schoolCode: p.schoolCode,
        message: `锁定中的学校 ${p.schoolCode} 不在学校名单中 / pinned school ${p.schoolCode} is not in the schools list`,
      });
      continue;
    }
    let t = byTeacher.get(p.teacherId);
    if (!t) byTeacher.set(p.teacherId, (t = { stay: false, mustMove: false, mustTo: null, notTo: new Set() }));
    if (p.kind === 'stay') t.stay = true;
    else if (p.kind === 'not_to') t.notTo.add(p.schoolCode!);
    else {
      if (p.schoolCode && t.mustTo && t.mustTo !== p.schoolCode)
        problems.push({ rule: 'pin', teacherId: p.teacherId, message: `教师 ${p.teacherId} 被锁定调往两所学校 / teacher ${p.teacherId} is pinned to move to two schools` });
      t.mustMove = true;
      if (p.schoolCode) t.mustTo = p.schoolCode;
    }
  }
  for (const [id, t] of byTeacher) {
    if (t.stay && t.mustMove) problems.push({ rule: 'pin', teacherId: id, message: `教师 ${id} 同时被锁定“留任”和“交流” / teacher ${id} is pinned both to stay and to move` });
    if (t.mustTo && t.notTo.has(t.mustTo))
      problems.push({ rule: 'pin', teacherId: id, message: `教师 ${id} 被锁定调往又禁止调往 ${t.mustTo} / teacher ${id} is pinned both to and not to ${t.mustTo}` });
  }
  return { byTeacher, problems };
}
