// Assignment v1 (junheng-assign-v1): several schools of one catchment (多校划片), preference lists, random serial
// dictatorship. The published method (docs/methods/admissions.md):
//   list_hash = SHA-256("{applicant_id}\t{choices joined by |}" lines, sorted by bytes, joined by "\n")
//   caps      = "{school_code}={seats}" for every school, sorted by code, joined by ","
//   seed      = SHA-256("junheng-assign-v1", draw_id, list_hash, caps, entropy… joined by "\n")
//   key as in lottery v1; applicants in (key, applicant_id) order each take the first school on their list with a
//   seat left, else stay unplaced (school_code null) for the bureau to place (统筹安排).
// Strategy-proof: listing schools in one's true order is always best. Pure and WebCrypto-only.
import { compareCodePoints, normalizeId } from './identifiers.js';
import { hmacWithSeed, sha256Hex } from './digest.js';
import { parameterProblems } from './lottery.js';
import { AdmissionsInputError, type InputProblem } from './problems.js';
import { APPLICANT_ID, SCHOOL_CODE, uniqueIds } from './unique-ids.js';

export const ASSIGN_METHOD = 'junheng-assign-v1';

export interface AssignApplicant {
  applicantId: string;
  /** School codes, most wanted first. */
  choices: string[];
  row?: number;
}

export interface SchoolSeats {
  schoolCode: string;
  seats: number;
  row?: number;
}

export interface Assignment {
  applicantId: string;
  key: string;
  rank: number;
  /** null: unplaced, to be placed by the bureau (统筹安排). */
  schoolCode: string | null;
}

export interface AssignResult {
  method: typeof ASSIGN_METHOD;
  drawId: string;
  listHash: string;
  caps: string;
  seed: string;
  entropy: string[];
  /** In rank (processing) order. */
  assignments: Assignment[];
}

/** Capacities normalised and checked: codes present and unique, seats whole numbers ≥ 1. */
export function normalizeCapacities(capacities: readonly SchoolSeats[]): SchoolSeats[] {
  const problems: InputProblem[] = [];
  const codeOf = uniqueIds(SCHOOL_CODE, problems);
  const out = capacities.map((c, i) => {
    const row = c.row ?? i + 2;
    const schoolCode = codeOf(c.schoolCode, row);
    if (!(Number.isSafeInteger(c.seats) && c.seats > 0)) problems.push({ row, column: 'seats', message: `学位数应为正整数，而不是 ${c.seats} / seats must be a whole number above 0, not ${c.seats}` });
    return { schoolCode, seats: c.seats, row };
  });
  if (problems.length) throw new AdmissionsInputError(problems);
  return out;
}

/** Applicants normalised and checked against the schools: IDs unique, at least one choice, no school twice or unknown. */
export function normalizeAssignApplicants(applicants: readonly AssignApplicant[], schools: ReadonlySet<string>): AssignApplicant[] {
  const problems: InputProblem[] = [];
  const idOf = uniqueIds(APPLICANT_ID, problems);
  const out = applicants.map((a, i) => {
    const row = a.row ?? i + 2;
    const applicantId = idOf(a.applicantId, row);
    const choices = a.choices.map(normalizeId);
    if (choices.length === 0 || choices.some((c) => c === '')) problems.push({ row, column: 'choices', message: '志愿为空或含空项 / the choice list is empty or has an empty entry' });
    const twice = choices.find((c, k) => c !== '' && choices.indexOf(c) !== k);
    if (twice !== undefined) problems.push({ row, column: 'choices', message: `志愿中学校 ${twice} 出现两次 / school ${twice} is listed twice` });
    for (const c of new Set(choices))
      if (c !== '' && !schools.has(c)) problems.push({ row, column: 'choices', message: `志愿中的学校 ${c} 不在本片区的学位表中 / school ${c} is not among the catchment's schools` });
    return { applicantId, choices, row };
  });
  if (problems.length) throw new AdmissionsInputError(problems);
  return out;
}

export const assignListLines = (applicants: readonly AssignApplicant[]): string[] => applicants.map((a) => `${a.applicantId}\t${a.choices.join('|')}`).sort(compareCodePoints);

export const capsLine = (capacities: readonly SchoolSeats[]): string =>
  [...capacities]
    .sort((a, b) => compareCodePoints(a.schoolCode, b.schoolCode))
    .map((c) => `${c.schoolCode}=${c.seats}`)
    .join(',');

/** list_hash of a (normalised) applicant list with its choices. */
export const assignListHash = (applicants: readonly AssignApplicant[]): Promise<string> => sha256Hex(assignListLines(applicants).join('\n'));

/** Runs assignment v1. Throws AdmissionsInputError naming every bad row or parameter. */
export async function assignV1(applicantsIn: readonly AssignApplicant[], capacitiesIn: readonly SchoolSeats[], params: { drawId: string; entropy: readonly string[] }): Promise<AssignResult> {
  const problems = parameterProblems(params);
  if (problems.length) throw new AdmissionsInputError(problems);
  const capacities = normalizeCapacities(capacitiesIn);
  const applicants = normalizeAssignApplicants(applicantsIn, new Set(capacities.map((c) => c.schoolCode)));
  const drawId = normalizeId(params.drawId);
  const entropy = params.entropy.map(normalizeId);
  const listHash = await assignListHash(applicants);
  const caps = capsLine(capacities);
  const seed = await sha256Hex([ASSIGN_METHOD, drawId, listHash, caps, ...entropy].join('\n'));
  const mac = await hmacWithSeed(seed);
  const keyed = await Promise.all(applicants.map(async (a) => ({ a, key: await mac(a.applicantId) })));
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0) || compareCodePoints(x.a.applicantId, y.a.applicantId));
  const left = new Map(capacities.map((c) => [c.schoolCode, c.seats]));
  const assignments = keyed.map(({ a, key }, i): Assignment => {
    const school = a.choices.find((c) => left.get(c)! > 0) ?? null;
    if (school !== null) left.set(school, left.get(school)! - 1);
    return { applicantId: a.applicantId, key, rank: i + 1, schoolCode: school };
  });
  return { method: ASSIGN_METHOD, drawId, listHash, caps, seed, entropy, assignments };
}
