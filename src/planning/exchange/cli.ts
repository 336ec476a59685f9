// `junheng planning rotation --teachers FILE --schools FILE [--rate 0.10 --backbone-share 0.20 --min-years 6
// --max-age 55 --max-km 30] [--json]`: the exchange optimiser (solve.ts) on files, with no database. Bad input or
// infeasible rules: exit 2, the file/row/column or the binding rule on stderr, nothing on stdout.
import type { PlanningCliOptions } from '../cli-options.js';
import { ruleProblems } from './eligibility.js';
import { DEFAULT_EXCHANGE_RULES, ExchangeInfeasible, ExchangeNoPlan, type ExchangeRules, type ExchangeSolution } from './model.js';
import { describeInputProblem, ExchangeInputError, readSchoolsFile, readTeachersFile, teacherSchoolProblems } from './read-files.js';
import { solveExchange } from './solve.js';
import { readInputFile, stdio, UsageError, type Output } from '../../core/cli-io.js';

const USAGE = 'usage: junheng planning rotation --teachers FILE --schools FILE [--rate 0.10 --backbone-share 0.20 --min-years 6 --max-age 55 --max-km 30] [--json]';

/** A non-negative decimal option, or its default. */
function decimal(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const v = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(v)) throw new UsageError(`--${flag} ${text}: 应为非负数 / must be a non-negative number`);
  return v;
}

/** The JSON answer: the fields (snake_case) and a few more. */
export function rotationJson(s: ExchangeSolution) {
  return {
    method: s.method,
    moves: s.moves.map((m) => ({ teacher_id: m.teacherId, from: m.from, to: m.to, subject: m.subject, backbone: m.backbone, km: m.km })),
    teachers: s.teachers,
    eligible: s.eligible,
    required: s.required,
    movers: s.movers,
    backbone_movers: s.backboneMovers,
    required_backbone: s.requiredBackbone,
    d_before: s.dBefore,
    d_after: s.dAfter,
    cv_before: s.cvBefore,
    cv_after: s.cvAfter,
    mip_gap: s.mipGap,
    status: s.status,
  };
}

export async function rotationCommand(opts: PlanningCliOptions, io: Output = stdio): Promise<number> {
  try {
    const d = DEFAULT_EXCHANGE_RULES;
    const rules: ExchangeRules = {
      ...d,
      rate: decimal(opts.rate, 'rate', d.rate),
      backboneShare: decimal(opts['backbone-share'], 'backbone-share', d.backboneShare),
      minYears: decimal(opts['min-years'], 'min-years', d.minYears),
      maxAge: decimal(opts['max-age'], 'max-age', d.maxAge),
      maxKm: decimal(opts['max-km'], 'max-km', d.maxKm),
      pins: [],
    };
    const bad = ruleProblems(rules);
    if (bad.length) throw new UsageError(bad.join('\n'));
    const t = readInputFile(opts.teachers, 'teachers');
    const s = readInputFile(opts.schools, 'schools');
    const schools = await readSchoolsFile(s.buf, s.name);
    const teachers = await readTeachersFile(t.buf, t.name);
    const orphans = teacherSchoolProblems(teachers, schools, t.name);
    if (orphans.length) throw new ExchangeInputError(orphans);
    const r = await solveExchange(teachers, schools, rules);
    if (opts.json) io.out(JSON.stringify(rotationJson(r), null, 2));
    else io.out(summary(r));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return (io.err(`${e.message}\n${USAGE}`), 2);
    if (e instanceof ExchangeInputError) return (io.err(e.problems.map(describeInputProblem).join('\n')), 2);
    if (e instanceof ExchangeInfeasible) return (io.err(`规则无法同时满足 / the rules cannot all hold (${e.rule}):\n${e.message}`), 2);
    if (e instanceof ExchangeNoPlan) return (io.err(e.message), 2);
    if (e instanceof Error && !(e instanceof TypeError)) return (io.err(e.message), 2); // e.g. a file over the size limits
    throw e;
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function summary(r: ExchangeSolution): string {
  const status = { optimal: '最优 / optimal', gap_reached: '达到间隙 / within the gap', time_limit: '达到时限 / time limit' }[r.status];
  return [
    `${r.method}  ${status}  MIP 间隙 / gap ${pct(r.mipGap)}  ${r.seconds.toFixed(1)} s`,
    `教师 / teachers ${r.teachers}  符合条件 / eligible ${r.eligible}  应交流 / required ${r.required}  交流 / movers ${r.movers}  骨干 / 骨干 movers ${r.backboneMovers} (≥ ${r.requiredBackbone})`,
    `D  ${r.dBefore.toFixed(3)} → ${r.dAfter.toFixed(3)}    差异系数 / CV  ${r.cvBefore.toFixed(4)} → ${r.cvAfter.toFixed(4)}`,
    '',
    '教师/teacher\t学科/subject\t骨干/backbone\t调出/from\t调入/to\tkm',
    ...r.moves.map((m) => `${m.teacherId}\t${m.subject}\t${m.backbone ? '是' : '否'}\t${m.from}\t${m.to}\t${m.km.toFixed(1)}`),
  ].join('\n');
}
