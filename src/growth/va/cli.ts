// `junheng growth va --input LONG.csv[.gz] --subject S --from Y1 --to Y2 [--min-n 20] [--json]`: regression value-added
// of schools, one REML random-intercept model per later grade (post ~ pre + (1 | school)), as lme4's lmer. With a CLASS
// column, class value-added too (the same model with class within school as the group).
// Needs no database. Any input problem: exit code 2, every problem (up to 50) on stderr, nothing on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { columnLetter, type ProblemList } from '../../exams/import/problems.js';
import { linkExams, type Exam, type Linkage } from '../linkage/link.js';
import { vaMinNOf } from '../min-n.js';
import { SingularDesign } from './fit.js';
import { readLongCsv } from './long-csv.js';
import { gradePairs } from './pairs.js';
import { classKey, splitClassKey } from './class-key.js';
import { valueAdded, type VaResult } from './value-added.js';

export const GROWTH_VA_USAGE =
  '用法 / usage: junheng growth va --input LONG.csv[.gz] --subject MATHEMATICS --from 2023_2024 --to 2024_2025 [--min-n 20] [--json]\n' +
  '回归增值（含收缩估计）：每个年级一个学校随机截距模型，REML 估计；--min-n 为最小人数（本地设置，默认取 JUNHENG_VA_MIN_N，未设置时为 20） / ' +
  'Regression value-added with shrinkage: one school random-intercept model per grade, fitted by REML; --min-n is the minimum n (a local setting, default JUNHENG_VA_MIN_N, else 20).';

export interface GrowthVaOptions {
  input?: string;
  subject?: string;
  from?: string;
  to?: string;
  'min-n'?: string;
  json?: boolean;
}

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Output = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** Runs the command; returns the exit code. */
export function growthVaCommand(opts: GrowthVaOptions, io: Output = stdio): number {
  if (!opts.input || !opts.subject || !opts.from || !opts.to) return (io.err(GROWTH_VA_USAGE), 2);
  const minN = opts['min-n'] === undefined ? vaMinNOf() : Number(opts['min-n']);
  if (!Number.isInteger(minN) || minN < 1) return (io.err(`--min-n ${opts['min-n']}：应为正整数 / must be a positive whole number`), 2);
  const name = path.basename(opts.input);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(opts.input);
  } catch (e) {
    return (io.err(`${opts.input}：无法读取 / cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`), 2);
  }
  let read;
  try {
    read = readLongCsv(buf, { subject: opts.subject, from: opts.from, to: opts.to });
  } catch (e) {
    return (io.err(`${name}：无法解压或读取 / cannot decompress or read (${(e as Error).message})`), 2);
  }
  if (!read.exams) return reject(io, name, read.problems);
  const linkage = linkExams(read.exams, { movers: 'later' });
  const dup = duplicateProblems(read.exams, linkage, read.problems);
  if (dup.count) return reject(io, name, dup);
  const pairing = gradePairs(linkage);
  if (!pairing.grades.length) return (io.err(`${name}：${opts.subject} 在 ${opts.from} 与 ${opts.to} 之间没有可配对的学生 / no students with scores in both years in consecutive grades`), 2);
  const grades: Record<string, unknown> = {};
  for (const g of pairing.grades) {
    const fit = (group: string[], what: string) => {
      try {
        return valueAdded({ post: g.post, covariates: [g.pre], group }, { minN });
      } catch (e) {
        if (!(e instanceof SingularDesign)) throw e;
        io.err(`${g.grade} 年级：${what}模型无法拟合 / grade ${g.grade}: ${what === '班级' ? 'class' : 'school'} model not fitted (${e.message})`);
        return { n: g.post.length, error: e.message };
      }
    };
    const schools = fit(g.school, '学校');
    const out: Record<string, unknown> = 'error' in schools ? schools : gradeJson(schools);
    if (g.klass.every((k) => k !== undefined)) {
      const classes = fit(
        g.school.map((s, i) => classKey(s, g.klass[i]!)),
        '班级',
      );
      out.classes = 'error' in classes ? classes : classJson(classes);
    }
    grades[g.grade] = out;
  }
  const result = {
    subject: opts.subject,
    from: opts.from,
    to: opts.to,
    model: 'post ~ pre + (1 | school), REML',
    minN,
    linkage: linkageJson(linkage, pairing.gradeMismatch, read.invalidCases),
    grades,
  };
  io.out(opts.json ? JSON.stringify(result) : text(result.grades as Record<string, ReturnType<typeof gradeJson>>, minN));
  return 0;
}

function reject(io: Output, name: string, problems: ProblemList): number {
  io.err([`${name}：${problems.count} 个问题，未计算 / ${problems.count} problem(s), nothing computed`, ...problemLines(name, problems)].join('\n'));
  return 2;
}

/** Each problem on a line, with Chinese punctuation: "long.csv：第3行 E列（SCALE_SCORE）：reason"; then how many more. */
function problemLines(name: string, problems: ProblemList): string[] {
  const out = problems.items.map((p) => {
    const at = [p.row ? `第${p.row}行` : '', p.col !== undefined ? `${columnLetter(p.col)}列${p.header ? `（${p.header}）` : ''}` : ''].filter(Boolean).join(' ');
    return `${name}：${at ? `${at}：` : ''}${p.reason}`;
  });
  const more = problems.count - problems.items.length;
  if (more > 0) out.push(`另有 ${more} 个问题未列出 / ${more} more problems not listed`);
  return out;
}

/** An id on two scored rows of the same year is ambiguous: name every such row. */
function duplicateProblems(exams: Exam[], linkage: Linkage, problems: ProblemList): ProblemList {
  exams.forEach((e, k) => {
    const dups = new Set(linkage.exams[k].duplicates);
    if (!dups.size) return;
    for (const r of e.records) if (r.score !== null && dups.has(r.id)) problems.add({ row: r.row, reason: `学籍号 ${r.id} 在 ${e.name} 出现多次 / ID ${r.id} appears more than once in ${e.name}` });
  });
  return problems;
}

function gradeJson(r: VaResult) {
  return {
    n: r.n,
    schoolsCount: r.groups,
    tau2: r.tau2,
    sigma2: r.sigma2,
    theta: r.theta,
    beta: { intercept: r.beta[0], pre: r.beta[1] },
    betaSE: { intercept: r.betaSE[0], pre: r.betaSE[1] },
    reml: r.remlCriterion,
    boundary: r.boundary,
    schools: r.effects.map((e) => ({
      school: e.group,
      n: e.n,
      effect: e.effect,
      se: e.se,
      lower: e.lower,
      upper: e.upper,
      label: e.label,
      shrinkage: e.shrinkage,
      meanResidual: e.meanResidual,
      suppressed: e.suppressed,
    })),
  };
}

/** Class value-added: the same model with the class (within its school) as the group; see value-added.ts. */
function classJson(r: VaResult) {
  const g = gradeJson(r);
  return { tau2: g.tau2, sigma2: g.sigma2, beta: g.beta, groups: g.schoolsCount, list: g.schools.map(({ school: key, ...rest }) => ({ ...splitClassKey(key), ...rest })) };
}

function linkageJson(l: Linkage, gradeMismatch: number, invalidCases: number) {
  const [a, b] = l.exams;
  const side = (e: typeof a) => ({ students: e.students, linked: e.linked, rate: e.rate, unmatched: e.unmatched.length, absent: e.absent });
  return { from: side(a), to: side(b), linked: a.linked, rate: l.rate, movers: l.movers, gradeMismatch, invalidCases };
}

const LABEL = { above: '高于预期 above', expected: '符合预期 as expected', below: '低于预期 below' };

function text(grades: Record<string, ReturnType<typeof gradeJson>>, minN: number): string {
  const lines: string[] = [];
  for (const [g, r] of Object.entries(grades)) {
    if (!r.schools) continue;
    lines.push(
      `${g} 年级 / grade ${g}: n = ${r.n}, ${r.schoolsCount} 所学校 / schools, τ² = ${r.tau2.toFixed(3)}, σ² = ${r.sigma2.toFixed(3)}, post = ${r.beta.intercept.toFixed(3)} + ${r.beta.pre.toFixed(4)}·pre`,
    );
    lines.push('  学校 school      n    增值 effect     SE        95% 区间 interval');
    for (const s of r.schools) {
      if (s.suppressed) {
        lines.push(`  ${s.school.padEnd(12)} ${String(s.n).padStart(6)}   n < ${minN}：人数不足，不报告 / too few students, not reported`);
        continue;
      }
      lines.push(
        `  ${s.school.padEnd(12)} ${String(s.n).padStart(6)} ${s.effect.toFixed(2).padStart(12)} ${s.se.toFixed(2).padStart(8)}   [${s.lower.toFixed(2)}, ${s.upper.toFixed(2)}]  ${LABEL[s.label]}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
