// A stored exchange plan as the page and the workbook show it: the moves with the schools' names, every teacher with
// their eligibility, per school the 骨干 before and after the moves and per 100 students (B_s / P_s × 100), arrivals
// and departures, and per school × subject the arrivals and departures. Pure.
import { isEligible } from './eligibility.js';
import type { ExchangeFlowWire, ExchangePlanDetail, ExchangePlanSummary, ExchangeSchoolWire } from './contract.js';
import type { ExchangePlan } from './store.js';

export function planSummary(p: ExchangePlan): ExchangePlanSummary {
  const m = p.metrics;
  return {
    id: p.id,
    name: p.name,
    year: p.year,
    status: p.status,
    teachers: p.teachers.length,
    eligible: m.eligible,
    movers: m.movers,
    violations: m.violations.length,
    dBefore: m.dBefore,
    dAfter: m.dAfter,
    cvBefore: m.cvBefore,
    cvAfter: m.cvAfter,
    mipGap: p.params.solve.mipGap,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedBy: p.updatedBy,
    updatedAt: p.updatedAt,
    lockedBy: p.lockedBy,
    lockedAt: p.lockedAt,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function planDetail(p: ExchangePlan): ExchangePlanDetail {
  const { rules } = p.params;
  const included = new Set(p.schools.included.map((s) => s.schoolCode));
  const names = new Map<string, string>([...p.schools.included, ...p.schools.excluded].map((s) => [s.schoolCode, s.schoolName]));
  const nameOf = (code: string) => names.get(code) ?? code;
  const to = new Map(p.moves.map((m) => [m.teacherId, m.to]));

  const perSchool = new Map<string, Omit<ExchangeSchoolWire, 'schoolCode' | 'schoolName' | 'students' | 'xKm' | 'yKm' | 'per100Before' | 'per100After'>>();
  const school = (code: string) => {
    let s = perSchool.get(code);
    if (!s) perSchool.set(code, (s = { teachers: 0, backboneBefore: 0, backboneAfter: 0, arrivals: 0, departures: 0 }));
    return s;
  };
  for (const t of p.teachers) {
    const s = school(t.schoolCode);
    s.teachers++;
    if (!t.backbone) continue;
    s.backboneBefore++;
    school(to.get(t.teacherId) ?? t.schoolCode).backboneAfter++;
  }
  const flows = new Map<string, ExchangeFlowWire>();
  const flow = (schoolCode: string, subject: string) => {
    const k = `${schoolCode}\u0000${subject}`;
    let f = flows.get(k);
    if (!f) flows.set(k, (f = { schoolCode, subject, arrivals: 0, departures: 0 }));
    return f;
  };
  for (const m of p.moves) {
    school(m.from).departures++;
    school(m.to).arrivals++;
    flow(m.from, m.subject).departures++;
    flow(m.to, m.subject).arrivals++;
  }

  const students = p.schools.included.reduce((n, s) => n + s.students, 0);
  const backbone = p.schools.included.reduce((n, s) => n + (perSchool.get(s.schoolCode)?.backboneBefore ?? 0), 0);
  const per100 = (b: number, n: number) => (n > 0 ? (b / n) * 100 : null);
  const teachersAt = (code: string) => perSchool.get(code)?.teachers ?? 0;

  return {
    ...planSummary(p),
    method: p.params.method,
    fileName: p.params.fileName,
    rules,
    metrics: {
      teachers: p.metrics.teachers,
      eligible: p.metrics.eligible,
      required: p.metrics.required,
      movers: p.metrics.movers,
      backboneMovers: p.metrics.backboneMovers,
      requiredBackbone: p.metrics.requiredBackbone,
      dBefore: p.metrics.dBefore,
      dAfter: p.metrics.dAfter,
      cvBefore: p.metrics.cvBefore,
      cvAfter: p.metrics.cvAfter,
    },
    violations: p.metrics.violations,
    solve: p.params.solve,
    edited: p.params.edited,
    per100District: per100(backbone, students),
    moves: p.moves.map((m) => ({ ...m, fromName: nameOf(m.from), toName: nameOf(m.to) })),
    teachers: p.teachers.map((t) => ({ ...t, eligible: isEligible(t, rules), included: included.has(t.schoolCode) })),
    schools: p.schools.included.map((s) => {
      const c = school(s.schoolCode);
      return { ...s, ...c, per100Before: per100(c.backboneBefore, s.students), per100After: per100(c.backboneAfter, s.students) };
    }),
    excluded: p.schools.excluded.map((e) => ({ ...e, teachers: teachersAt(e.schoolCode) })),
    flows: [...flows.values()].sort((a, b) => byText(a.schoolCode, b.schoolCode) || byText(a.subject, b.subject)),
  };
}
