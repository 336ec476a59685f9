// The roster of a school year as the exchange optimiser's teachers (planning/exchange ExchangeTeacher): the 专任
// teachers of the public (公办), open schools — the county rotates its own staff; 民办 schools are not in it — with
//   subject = the main subject (the first of the roster's subjects), 骨干 = backbone level 县 / 市 / 省 (校级 not),
//   yearsAtSchool = year − schoolSince, age = year − birthYear.
// Pure.
import type { ExchangeTeacher } from '../../planning/exchange/model.js';
import type { RosterTeacher } from '../model.js';
import type { TeacherTargets } from '../targets.js';

export function exchangeCandidatesOf(roster: readonly RosterTeacher[], publicOpenSchools: ReadonlySet<string>, year: number, targets: Pick<TeacherTargets, 'backboneShare'>): ExchangeTeacher[] {
  const counted = new Set<string>(targets.backboneShare.levels);
  return roster
    .filter((t) => t.post === '专任' && publicOpenSchools.has(t.schoolCode))
    .map((t) => ({
      teacherId: t.teacherId,
      schoolCode: t.schoolCode,
      subject: t.subjects[0] ?? '',
      backbone: t.backboneLevel !== null && counted.has(t.backboneLevel),
      yearsAtSchool: year - t.schoolSince,
      age: year - t.birthYear,
    }))
    .sort((a, b) => (a.teacherId < b.teacherId ? -1 : a.teacherId > b.teacherId ? 1 : 0));
}
