// Demo pairings of 青溪县(演示): the suggestions of junheng-pairing-v1 for the year with the default parameters, of
// which the bureau "confirms" a handful — the strongest pairs of each level group first, with the three types in
// turn (融合型, 共建型, 协作型) — through the service, exactly as the page does (each confirmation audited as the
// demo user). The rest stay suggestions, so that the page shows both, and the share-vs-target card has numbers.
import type { Db } from '../../core/db/index.js';
import type { CurrentUser } from '../../core/auth/roles.js';
import { actorOf } from '../../core/http/routes.js';
import type { PlanningDeps } from '../deps.js';
import { PAIRING_DEFAULTS, PAIRING_TYPES, type Pairing, type SuggestedPair } from './contract.js';
import { PairingService } from './service.js';

/** How many suggested pairs the demo confirms. */
export const DEMO_CONFIRMED = 7;

const NOTES: Record<string, string> = {
  融合型: '一体化管理，统一课程与教研（演示）',
  共建型: '共建学科教研组，骨干教师定期送教（演示）',
  协作型: '联合教研与活动，资源共享（演示）',
};

/** The pairs the demo confirms: alternately from each group, the largest complementarity first. */
export function demoChoice(pairs: readonly SuggestedPair[], n = DEMO_CONFIRMED): SuggestedPair[] {
  const byGroup = (g: string) => pairs.filter((p) => p.group === g).sort((a, b) => b.complementarity - a.complementarity || a.memberCode.localeCompare(b.memberCode));
  const [primary, junior] = [byGroup('primary'), byGroup('junior')];
  const out: SuggestedPair[] = [];
  for (let i = 0; out.length < n && (i < primary.length || i < junior.length); i++) {
    if (i < junior.length && out.length < n) out.push(junior[i]);
    if (i < primary.length && out.length < n) out.push(primary[i]);
  }
  return out;
}

export async function loadDemoPairings(db: Db, deps: PlanningDeps, districtId: string, year: number): Promise<Pairing[]> {
  const user: CurrentUser = {
    districtId,
    districtName: (await deps.registry.districtName(districtId)) ?? districtId,
    username: 'demo',
    displayName: '演示数据',
    role: 'admin',
    schoolCode: null,
    mustChangePassword: false,
    assignedSchools: [],
  };
  const service = new PairingService(db, deps);
  const actor = actorOf(user, 'planning.manage');
  const s = await service.suggestions(actor, { year, ...PAIRING_DEFAULTS });
  const out: Pairing[] = [];
  for (const [i, p] of demoChoice(s.pairs).entries()) {
    const type = PAIRING_TYPES[i % PAIRING_TYPES.length];
    out.push(await service.confirm(actor, { year, leadCode: p.leadCode, memberCode: p.memberCode, type, note: NOTES[type] }));
  }
  return out;
}
