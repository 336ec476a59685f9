// Lottery v1 (junheng-lottery-v1): one oversubscribed school, applicants in priority groups (电脑派位, 公民同招).
// The published method, step by step (docs/methods/admissions.md):
//   list_hash = SHA-256("{applicant_id}\t{priority}" lines, sorted by UTF-8 bytes, joined by "\n")
//   seed      = SHA-256("junheng-lottery-v1", draw_id, list_hash, seats, entropy… joined by "\n")
//   key       = HMAC-SHA256(key = the 32 bytes of seed, message = applicant_id)
//   order by (priority, key, applicant_id); rank 1, 2, …; admitted = rank ≤ seats.
// Pure and WebCrypto-only: the server, the CLI and the browser's verifier all run this file.
import { compareCodePoints, normalizeId } from './identifiers.js';
import { hmacWithSeed, sha256Hex } from './digest.js';
import { AdmissionsInputError, type InputProblem } from './problems.js';
import { APPLICANT_ID, uniqueIds } from './unique-ids.js';

export const LOTTERY_METHOD = 'junheng-lottery-v1';

export interface LotteryApplicant {
  applicantId: string;
  /** 1 = drawn first; default 1. */
  priority: number;
  /** The applicant's row in the file, for error messages. */
  row?: number;
}

export interface LotteryParams {
  drawId: string;
  seats: number;
  /** Strings drawn on site, in the order they were drawn. */
  entropy: readonly string[];
}

export interface LotteryRow {
  applicantId: string;
  priority: number;
  key: string;
  rank: number;
  admitted: boolean;
}

export interface LotteryResult {
  method: typeof LOTTERY_METHOD;
  drawId: string;
  listHash: string;
  seed: string;
  seats: number;
  entropy: string[];
  /** Every applicant in rank order: the admitted, then the waiting list. */
  results: LotteryRow[];
}

/** Problems of the parameters (seats, draw ID, entropy), shared by lottery and assignment. */
export function parameterProblems(p: { drawId: string; entropy: readonly string[]; seats?: number }): InputProblem[] {
  const out: InputProblem[] = [];
  if (normalizeId(p.drawId) === '') out.push({ column: 'draw_id', message: '派位编号不能为空 / the draw ID is empty' });
  if (p.seats !== undefined && !(Number.isSafeInteger(p.seats) && p.seats > 0))
    out.push({ column: 'seats', message: `学位数应为正整数，而不是 ${p.seats} / seats must be a whole number above 0, not ${p.seats}` });
  if (p.entropy.length === 0) out.push({ column: 'entropy', message: '至少需要一个现场摇号数 / at least one entropy string drawn on site is needed' });
  p.entropy.forEach((e, i) => {
    if (normalizeId(e) === '') out.push({ column: 'entropy', message: `第 ${i + 1} 个现场摇号数为空 / entropy string ${i + 1} is empty` });
  });
  return out;
}

/** The applicant list normalised and checked: IDs present and unique, priorities whole numbers ≥ 1. */
export function normalizeLotteryApplicants(applicants: readonly LotteryApplicant[]): LotteryApplicant[] {
  const problems: InputProblem[] = [];
  const idOf = uniqueIds(APPLICANT_ID, problems);
  const out = applicants.map((a, i) => {
    const row = a.row ?? i + 2;
    const applicantId = idOf(a.applicantId, row);
    if (!(Number.isSafeInteger(a.priority) && a.priority >= 1))
      problems.push({ row, column: 'priority', message: `优先级应为 ≥ 1 的整数，而不是 ${a.priority} / the priority must be a whole number ≥ 1, not ${a.priority}` });
    return { applicantId, priority: a.priority, row };
  });
  if (problems.length) throw new AdmissionsInputError(problems);
  return out;
}

/** The lines whose SHA-256 is list_hash: "{applicant_id}\t{priority}", sorted by bytes. */
export const lotteryListLines = (applicants: readonly LotteryApplicant[]): string[] => applicants.map((a) => `${a.applicantId}\t${a.priority}`).sort(compareCodePoints);

/** list_hash of a (normalised) applicant list: published before the draw (公示). */
export const lotteryListHash = (applicants: readonly LotteryApplicant[]): Promise<string> => sha256Hex(lotteryListLines(applicants).join('\n'));

/** Runs lottery v1. Throws AdmissionsInputError naming every bad row or parameter. */
export async function lotteryV1(applicantsIn: readonly LotteryApplicant[], params: LotteryParams): Promise<LotteryResult> {
  const problems = parameterProblems(params);
  if (problems.length) throw new AdmissionsInputError(problems);
  const applicants = normalizeLotteryApplicants(applicantsIn);
  const drawId = normalizeId(params.drawId);
  const entropy = params.entropy.map(normalizeId);
  const listHash = await lotteryListHash(applicants);
  const seed = await sha256Hex([LOTTERY_METHOD, drawId, listHash, String(params.seats), ...entropy].join('\n'));
  const mac = await hmacWithSeed(seed);
  const keyed = await Promise.all(applicants.map(async (a) => ({ applicantId: a.applicantId, priority: a.priority, key: await mac(a.applicantId) })));
  keyed.sort((a, b) => a.priority - b.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || compareCodePoints(a.applicantId, b.applicantId));
  return {
    method: LOTTERY_METHOD,
    drawId,
    listHash,
    seed,
    seats: params.seats,
    entropy,
    results: keyed.map((a, i) => ({ ...a, rank: i + 1, admitted: i < params.seats })),
  };
}
