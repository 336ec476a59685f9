// Which schools a reader of the balance evaluation sees one by one. The bureau sees every school; an inspector
// (督学) sees the per-school rows, reports and exports of the assigned schools only — while the district figures
// (CVs, pass/fail, the number of schools meeting the rule, gap totals) are still computed over every school, as the
// evaluation defines them. The scope comes from the policy table (src/core/auth/policy.ts, 'balance.read').
import { schoolsOf, scopeOf } from '../core/auth/policy.js';
import type { CurrentUser } from '../core/auth/roles.js';
import type { ClassSizes, Evaluation, Plan } from './contract.js';

/** 'all', or the codes of the schools the reader may see one by one. */
export type SchoolScope = 'all' | string[];

export function balanceScopeOf(user: Pick<CurrentUser, 'role' | 'schoolCode' | 'assignedSchools'>): SchoolScope {
  const scope = scopeOf(user.role, 'balance.read');
  return scope ? schoolsOf(user, scope) : [];
}

/** A section's code (…-P 小学部, …-J 初中部) → its school's code. */
export const schoolOfPart = (code: string) => code.replace(/-[PJ]$/, '');

const within = (scope: SchoolScope) => (code: string) => scope === 'all' || scope.includes(schoolOfPart(code));

/** The evaluation with per-school rows limited to the scope (unchanged for 'all'). */
export function limitEvaluation<E extends Evaluation>(ev: E, scope: SchoolScope): E {
  if (scope === 'all') return ev;
  const keep = within(scope);
  const levels = Object.fromEntries(Object.entries(ev.levels).map(([lv, lr]) => [lv, { ...lr, schools: lr.schools.filter((s) => keep(s.schoolCode)) }]));
  return {
    ...ev,
    levels,
    inputs: ev.inputs.filter((i) => keep(i.code)),
    guarantees: ev.guarantees.filter((g) => keep(g.schoolCode)),
    missing: ev.missing.filter(keep),
    unapproved: ev.unapproved.filter(keep),
    scopedTo: [...scope],
  };
}

/** The plan with per-school additions limited to the scope; totals and CVs stay the district's. */
export function limitPlan(plan: Plan, scope: SchoolScope): Plan {
  if (scope === 'all') return plan;
  const keep = within(scope);
  const levels = Object.fromEntries(
    Object.entries(plan.levels).map(([lv, lp]) => [
      lv,
      {
        ...lp,
        additions: lp.additions.filter((a) => keep(a.schoolCode)),
        leftAtRemainder: lp.leftAtRemainder.filter((a) => keep(a.schoolCode)),
        skipped: lp.skipped.filter((a) => keep(a.schoolCode)),
      },
    ]),
  );
  return { ...plan, levels };
}

/** The class-size list limited to the scope; the counts stay the district's. */
export function limitClassSizes(c: ClassSizes, scope: SchoolScope): ClassSizes {
  if (scope === 'all') return c;
  const keep = within(scope);
  return { ...c, list: c.list.filter((x) => keep(x.schoolCode)) };
}
