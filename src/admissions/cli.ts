// `junheng admissions lottery | assign | quota | verify`: the published methods on files, with no database, so that
// anyone can recompute a draw. Bad input: exit code 2, every problem (file, row, column, reason) on stderr, nothing
// on stdout. verify: exit 0 and "matches", or exit 1 naming the first difference.
import { assignV1, normalizeCapacities } from './assignment.js';
import { readAssignApplicants, readLotteryApplicants, readQuotaSchools, readSchoolSeats } from './input-files.js';
import { lotteryV1 } from './lottery.js';
import { AdmissionsInputError, describeProblem, inFile } from './problems.js';
import { quotaV1 } from './quota.js';
import { assignJson, firstDifference, lotteryJson, quotaJson } from './wire.js';
import { readInputFile, stdio, UsageError, type Output } from '../core/cli-io.js';

export interface AdmissionsCliOptions {
  applicants?: string;
  capacities?: string;
  schools?: string;
  result?: string;
  seats?: string;
  places?: string;
  'draw-id'?: string;
  entropy?: string[];
  'min-per-school'?: string;
  'rural-weight'?: string;
  json?: boolean;
}

export const ADMISSIONS_USAGE = `usage:
  junheng admissions lottery --applicants FILE --seats N --draw-id ID --entropy E [--entropy E …] [--json]
  junheng admissions assign --applicants FILE --capacities FILE --draw-id ID --entropy E [--entropy E …] [--json]
  junheng admissions quota --schools FILE --places Q --min-per-school M --rural-weight W [--json]
  junheng admissions verify --result RESULT.json --applicants FILE [--capacities FILE]`;

function integer(text: string | undefined, flag: string): number {
  if (text === undefined) throw new UsageError(`缺少 --${flag} / --${flag} is missing`);
  const v = /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(v)) throw new UsageError(`--${flag} ${text}: 应为整数 / must be a whole number`);
  return v;
}

const required = (v: string | undefined, flag: string): string => {
  if (v === undefined) throw new UsageError(`缺少 --${flag} / --${flag} is missing`);
  return v;
};

/** Runs the command; resolves to the exit code. */
export async function admissionsCommand(sub: string | undefined, opts: AdmissionsCliOptions, io: Output = stdio): Promise<number> {
  try {
    switch (sub) {
      case 'lottery': {
        const f = readInputFile(opts.applicants, 'applicants');
        const applicants = await readLotteryApplicants(f.buf, f.name);
        const r = lotteryJson(await inFile(f.name, () => lotteryV1(applicants, { drawId: required(opts['draw-id'], 'draw-id'), seats: integer(opts.seats, 'seats'), entropy: opts.entropy ?? [] })));
        if (opts.json) io.out(JSON.stringify(r, null, 2));
        else {
          io.out(`${r.method}  派位 / draw ${r.draw_id}  学位 / seats ${r.seats}\nlist_hash ${r.list_hash}\nseed      ${r.seed}\n现场摇号数 / entropy: ${r.entropy.join(' | ')}`);
          io.out(
            [
              '名次/rank\t报名编号/applicant_id\t优先级/priority\t录取/admitted\tkey',
              ...r.results.map((x) => `${x.rank}\t${x.applicant_id}\t${x.priority}\t${x.admitted ? '是/yes' : '候补/waiting'}\t${x.key}`),
            ].join('\n'),
          );
        }
        return 0;
      }
      case 'assign': {
        const a = readInputFile(opts.applicants, 'applicants');
        const c = readInputFile(opts.capacities, 'capacities');
        const r = assignJson(await assignFiles(a, c, { drawId: required(opts['draw-id'], 'draw-id'), entropy: opts.entropy ?? [] }));
        if (opts.json) io.out(JSON.stringify(r, null, 2));
        else {
          io.out(`${r.method}  派位 / draw ${r.draw_id}\nlist_hash ${r.list_hash}\ncaps      ${r.caps}\nseed      ${r.seed}\n现场摇号数 / entropy: ${r.entropy.join(' | ')}`);
          io.out(
            ['顺序/rank\t报名编号/applicant_id\t学校/school\tkey', ...r.assignments.map((x) => `${x.rank}\t${x.applicant_id}\t${x.school_code ?? '未录取，统筹安排 / unplaced'}\t${x.key}`)].join('\n'),
          );
        }
        return 0;
      }
      case 'quota': {
        const s = readInputFile(opts.schools, 'schools');
        const r = quotaJson(
          quotaV1(await readQuotaSchools(s.buf, s.name), {
            places: integer(opts.places, 'places'),
            minPerSchool: integer(opts['min-per-school'], 'min-per-school'),
            ruralWeight: required(opts['rural-weight'], 'rural-weight'),
          }),
        );
        if (opts.json) io.out(JSON.stringify(r, null, 2));
        else
          io.out(
            [
              `${r.method}  名额 / places ${r.places}  保底 / floor ${r.min_per_school}  农村权重 / rural weight ${r.rural_weight}`,
              '学校/school\t毕业生/graduates\t农村/rural\t名额/places',
              ...r.allocations.map((x) => `${x.school_code}\t${x.graduates}\t${x.rural}\t${x.places}${x.capped ? ' (= 毕业生数 / all graduates)' : ''}`),
            ].join('\n'),
          );
        return 0;
      }
      case 'verify':
        return await verify(opts, io);
      default:
        io.err(ADMISSIONS_USAGE);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) return (io.err(`${e.message}\n${ADMISSIONS_USAGE}`), 2);
    if (e instanceof AdmissionsInputError) return (io.err(e.problems.map(describeProblem).join('\n')), 2);
    if (e instanceof Error && !(e instanceof TypeError)) return (io.err(e.message), 2); // e.g. a file over the size limits
    throw e;
  }
}

/** Assignment v1 on two files; a bad row is named with its own file. */
async function assignFiles(a: { buf: Buffer; name: string }, c: { buf: Buffer; name: string }, params: { drawId: string; entropy: string[] }) {
  const applicants = await readAssignApplicants(a.buf, a.name);
  const capacities = await inFile(c.name, async () => normalizeCapacities(await readSchoolSeats(c.buf, c.name)));
  return inFile(a.name, () => assignV1(applicants, capacities, params));
}

async function verify(opts: AdmissionsCliOptions, io: Output): Promise<number> {
  const res = readInputFile(opts.result, 'result');
  let published: Record<string, unknown>;
  try {
    published = JSON.parse(res.buf.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`${res.name}: 不是有效的 JSON / not valid JSON (${(e as Error).message})`);
  }
  const entropy = Array.isArray(published.entropy) ? published.entropy.map(String) : [];
  const drawId = String(published.draw_id ?? '');
  const a = readInputFile(opts.applicants, 'applicants');
  let recomputed: object;
  if (published.method === 'junheng-lottery-v1') {
    const applicants = await readLotteryApplicants(a.buf, a.name);
    recomputed = lotteryJson(await inFile(a.name, () => lotteryV1(applicants, { drawId, seats: Number(published.seats), entropy })));
  } else if (published.method === 'junheng-assign-v1') {
    const c = readInputFile(opts.capacities, 'capacities');
    recomputed = assignJson(await assignFiles(a, c, { drawId, entropy }));
  } else throw new UsageError(`${res.name}: 未知的方法 ${JSON.stringify(published.method)} / unknown method`);
  const diff = firstDifference(published, recomputed);
  if (diff === null) {
    io.out(`matches — 与公布的结果一致 (${String(published.method)}, ${drawId})`);
    return 0;
  }
  io.out(`differs — 与公布的结果不一致：${diff}`);
  return 1;
}
