// Recomputing a published draw in the browser: the same method code the server ran (src/admissions, WebCrypto),
// fed only with what the public page shows — the IDs, priorities or choices, the draw's parameters and the entropy.
import { assignListHash, assignV1 } from '../../../../src/admissions/assignment.js';
import { lotteryListHash, lotteryV1 } from '../../../../src/admissions/lottery.js';
import { assignJson, firstDifference, lotteryJson } from '../../../../src/admissions/wire.js';
import type { PublicDraw } from './shared.js';

export interface Verification {
  listHash: string;
  listMatches: boolean;
  /** null: no published result yet; else the first difference, or null inside when everything matches. */
  result: { difference: string | null } | null;
}

export async function verifyDraw(p: PublicDraw): Promise<Verification> {
  const d = p.draw;
  const lottery = d.method === 'junheng-lottery-v1';
  const listHash = lottery ? await lotteryListHash(p.applicants) : await assignListHash(p.applicants.map((a) => ({ applicantId: a.applicantId, choices: a.choices ?? [] })));
  const out: Verification = { listHash, listMatches: listHash === d.listHash, result: null };
  if (!p.result) return out;
  const entropy = Array.isArray(p.result.entropy) ? (p.result.entropy as unknown[]).map(String) : [];
  const recomputed = lottery
    ? lotteryJson(await lotteryV1(p.applicants, { drawId: d.code, seats: d.seats ?? 0, entropy }))
    : assignJson(
        await assignV1(
          p.applicants.map((a) => ({ applicantId: a.applicantId, choices: a.choices ?? [] })),
          d.capacities ?? [],
          { drawId: d.code, entropy },
        ),
      );
  out.result = { difference: firstDifference(p.result, recomputed) };
  return out;
}
