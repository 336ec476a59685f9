// The published JSON of each method (snake_case, as the method text names the fields): what the CLI prints, the
// bureau publishes beside a result and the verifier reads back. Pure.
import type { AssignResult } from './assignment.js';
import type { LotteryResult } from './lottery.js';
import type { QuotaResult } from './quota.js';

export const lotteryJson = (r: LotteryResult) => ({
  method: r.method,
  draw_id: r.drawId,
  list_hash: r.listHash,
  seed: r.seed,
  seats: r.seats,
  entropy: r.entropy,
  results: r.results.map((x) => ({ applicant_id: x.applicantId, priority: x.priority, key: x.key, rank: x.rank, admitted: x.admitted })),
});

export const assignJson = (r: AssignResult) => ({
  method: r.method,
  draw_id: r.drawId,
  list_hash: r.listHash,
  caps: r.caps,
  seed: r.seed,
  entropy: r.entropy,
  assignments: r.assignments.map((x) => ({ applicant_id: x.applicantId, key: x.key, rank: x.rank, school_code: x.schoolCode })),
});

export const quotaJson = (r: QuotaResult) => ({
  method: r.method,
  places: r.places,
  min_per_school: r.minPerSchool,
  rural_weight: r.ruralWeight,
  allocations: r.allocations.map((a) => ({ school_code: a.schoolCode, graduates: a.graduates, rural: a.rural ? 1 : 0, places: a.places, capped: a.capped })),
});

export type LotteryJson = ReturnType<typeof lotteryJson>;
export type AssignJson = ReturnType<typeof assignJson>;

/** The first difference between a published result and the recomputed one, or null when they are the same. */
export function firstDifference(published: unknown, recomputed: unknown, path = ''): string | null {
  if (Array.isArray(recomputed)) {
    if (!Array.isArray(published)) return `${path || 'result'}: 应为列表 / should be a list`;
    if (published.length !== recomputed.length) return `${path}: 公布 ${published.length} 项，重算得 ${recomputed.length} 项 / published ${published.length} entries, recomputed ${recomputed.length}`;
    for (let i = 0; i < recomputed.length; i++) {
      const d = firstDifference(published[i], recomputed[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (recomputed !== null && typeof recomputed === 'object') {
    if (published === null || typeof published !== 'object') return `${path || 'result'}: 缺少 / missing`;
    for (const [k, v] of Object.entries(recomputed)) {
      const d = firstDifference((published as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return published === recomputed
    ? null
    : `${path}: 公布为 ${JSON.stringify(published)}，重算为 ${JSON.stringify(recomputed)} / published ${JSON.stringify(published)}, recomputed ${JSON.stringify(recomputed)}`;
}
