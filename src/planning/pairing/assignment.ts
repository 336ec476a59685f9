// The pairing assignment of junheng-pairing-v1, a MIP solved by HiGHS (src/planning/highs.ts):
//
//   maximise   Σ_a w_a·x_a                  x_a ∈ {0,1} for each candidate pair a = (lead l, member m)
//   subject to Σ_{a: member m} x_a ≤ 1        each member gets at most one lead
//              Σ_{a: lead l}   x_a ≤ c_l      each lead takes at most c_l members (maxPartners − its confirmed ones)
//              c_s·Σ_{a: member s} x_a + Σ_{a: lead s} x_a ≤ c_s
//                                            for a school that is a candidate lead in one group and a candidate member
//                                            in the other (a 一贯制 school): it is not both at once
//
// w_a = strength gap + 城乡结对 bonus > 0, so the model pairs as much complementarity as it can: it prefers pairing a
// weak school with a much stronger one, and spreads the strong schools over the weak ones rather than giving all the
// weak ones to one lead. Without the mixed rows this is a bipartite b-matching whose LP relaxation is integral; the
// mixed rows keep it a MIP, solved to optimality (HiGHS reports the status and the proven gap).
import { solveLp } from '../highs.js';

export interface AssignmentArc {
  lead: string;
  member: string;
  /** The pair's complementarity (> 0). */
  weight: number;
}

export interface AssignmentSolution {
  /** Indices of the chosen arcs, in arc order. */
  chosen: number[];
  status: string;
  objective: number | null;
  mipGap: number | null;
  seconds: number;
  variables: number;
}

/** A coefficient in LP text: plain decimals (no exponent), 9 places — far finer than the strengths' own precision. */
const coef = (v: number) => v.toFixed(9);

/** Terms written a few to a line (LP readers need not take very long lines). */
function terms(parts: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push('   ' + parts.slice(i, i + 8).join(' '));
  return lines.join('\n');
}

/** The model in CPLEX LP text; column x<i> is arc i. */
export function assignmentLp(arcs: readonly AssignmentArc[], capacity: ReadonlyMap<string, number>): string {
  const byMember = new Map<string, number[]>();
  const byLead = new Map<string, number[]>();
  arcs.forEach((a, i) => {
    byMember.set(a.member, [...(byMember.get(a.member) ?? []), i]);
    byLead.set(a.lead, [...(byLead.get(a.lead) ?? []), i]);
  });
  const rows: string[] = [];
  let k = 0;
  for (const [, idx] of byMember) rows.push(` m${k++}:\n${terms(idx.map((i, j) => `${j ? '+ ' : ''}x${i}`))}\n   <= 1`);
  k = 0;
  for (const [lead, idx] of byLead) {
    const c = capacity.get(lead) ?? 0;
    const asMember = byMember.get(lead) ?? [];
    const parts = [...asMember.map((i) => `${c} x${i}`), ...idx.map((i) => `x${i}`)].map((t, j) => (j ? `+ ${t}` : t));
    rows.push(` l${k++}:\n${terms(parts)}\n   <= ${c}`);
  }
  const obj = arcs.map((a, i) => `${i ? '+ ' : ''}${coef(a.weight)} x${i}`);
  return ['Maximize', ' obj:', terms(obj), 'Subject To', ...rows, 'Binary', terms(arcs.map((_, i) => `x${i}`)), 'End', ''].join('\n');
}

/** Solve the assignment with HiGHS; the arcs chosen (x > 0.5). */
export async function solveAssignment(arcs: readonly AssignmentArc[], capacity: ReadonlyMap<string, number>): Promise<AssignmentSolution> {
  const r = await solveLp(assignmentLp(arcs, capacity), { timeLimitSeconds: 60, mipRelGap: 0 });
  const chosen: number[] = [];
  arcs.forEach((_, i) => {
    if ((r.columns.get(`x${i}`) ?? 0) > 0.5) chosen.push(i);
  });
  return { chosen, status: r.status, objective: r.objective, mipGap: r.mipGap, seconds: r.seconds, variables: arcs.length };
}
