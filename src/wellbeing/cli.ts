// `junheng wellbeing fitness --input FILE [--json]`: 学年总分 of 《国家学生体质健康标准（2014年修订）》 for a results
// file, with no database, by the same pack and scoring functions as the server (fitness/annual-score.ts). One row per
// pupil: student_id, grade (1–9), sex (M/F or 男/女), height_cm, weight_kg and the item keys of the pack (lung_capacity,
// run_50m, sit_and_reach, rope_1min, sit_up_1min, shuttle_50x8, standing_long_jump, pull_up, run_1000m, run_800m; the
// import's Chinese headers 学籍号, 年级, 性别, 身高, 体重, 肺活量 … are read too). Times in seconds or 3'40". An empty
// result leaves its item unscored and the pupil's total open: "total": null, "standard_score": null, "level": null,
// "incomplete": true (the same when the pack has no table for an item of the grade). Items the grade and sex do not
// take are absent. Bad input: exit 2, every bad cell (row, column, reason) on stderr, nothing on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { readTable } from '../core/tabular.js';
import { formatNumber, formatRunTime } from '../core/format.js';
import { annualScore, weightsOf } from './fitness/annual-score.js';
import { bmiBand } from './fitness/bmi.js';
import { normHeader, parseSeconds } from './fitness/import-file.js';
import { loadFitnessPack, type FitnessPack, type Sex } from './fitness/pack.js';
import { stdio, type Output } from '../core/cli-io.js';

export interface WellbeingCliOptions {
  input?: string;
  json?: boolean;
}

export const WELLBEING_USAGE = `usage:
  junheng wellbeing fitness --input FILE.csv|FILE.xlsx [--json]
    columns: student_id, grade (1–9), sex (M/F or 男/女), height_cm, weight_kg, lung_capacity, run_50m, sit_and_reach,
    rope_1min, sit_up_1min, shuttle_50x8, standing_long_jump, pull_up, run_1000m, run_800m (times: seconds or 3'40")
    an empty result: the item is unscored and the pupil's "total", "standard_score" and "level" are null with "incomplete": true`;

/** A pupil's row of the input, checked. */
export interface CliPupil {
  row: number;
  studentId: string;
  grade: number;
  sex: Sex;
  heightCm: number | null;
  weightKg: number | null;
  results: Record<string, number>;
}

export interface CliProblem {
  row: number | null;
  column: string | null;
  message: string;
}

const FIXED = {
  studentId: ['student_id', '学籍号', '学生学籍号', '全国学籍号'],
  grade: ['grade', '年级'],
  sex: ['sex', '性别'],
  heightCm: ['height_cm', '身高'],
  weightKg: ['weight_kg', '体重'],
} as const;
type Fixed = keyof typeof FIXED;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** The pupils of a results file, or every problem that stops it (then the pupils are not to be used). */
export async function readCliFitness(buf: Buffer, fileName: string, pack: FitnessPack): Promise<{ pupils: CliPupil[]; problems: CliProblem[] }> {
  let table;
  try {
    table = await readTable(buf, fileName);
  } catch (e) {
    return { pupils: [], problems: [{ row: null, column: null, message: (e as Error).message }] };
  }
  const heads = table.header.map(normHeader);
  const col: Partial<Record<Fixed, number>> = {};
  for (const [k, names] of Object.entries(FIXED) as [Fixed, readonly string[]][]) {
    const i = heads.findIndex((h) => names.some((n) => normHeader(n) === h));
    if (i >= 0) col[k] = i;
  }
  const items = Object.entries(pack.items)
    .map(([item, def]) => ({ item, def, col: heads.findIndex((h) => h === normHeader(item) || h === normHeader(def.name_zh)) }))
    .filter((x) => x.col >= 0);
  const problems: CliProblem[] = (['studentId', 'grade', 'sex'] as const)
    .filter((k) => col[k] === undefined)
    .map((k) => ({ row: 1, column: FIXED[k][0], message: `缺少列“${FIXED[k][0]}”（或“${FIXED[k][1]}”） / the header row has no column ${FIXED[k][0]}` }));
  if (problems.length) return { pupils: [], problems };
  if (table.rows.length === 0) return { pupils: [], problems: [{ row: null, column: null, message: '文件没有数据行 / the file has no data rows' }] };

  const pupils: CliPupil[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const header = (i: number) => table.header[i] ?? '';
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const before = problems.length;
    const bad = (i: number, message: string) => problems.push({ row, column: header(i), message });

    const studentId = cell(col.studentId);
    if (!studentId) bad(col.studentId!, '学籍号为空 / the pupil id is empty');
    else if (seen.has(studentId)) bad(col.studentId!, `与第 ${seen.get(studentId)} 行重复 / repeats row ${seen.get(studentId)}`);
    else seen.set(studentId, row);

    const gradeText = cell(col.grade);
    const grade = /^\d+$/.test(gradeText) ? Number(gradeText) : NaN;
    if (!(grade >= 1 && grade <= 9)) bad(col.grade!, `年级应为 1–9 的整数，而不是“${gradeText}” / the grade must be a whole number 1–9, not "${gradeText}"`);

    const sexText = cell(col.sex);
    const sex: Sex | null = ['M', 'm', '男'].includes(sexText) ? 'M' : ['F', 'f', '女'].includes(sexText) ? 'F' : null;
    if (!sex) bad(col.sex!, `性别应为 M/F 或 男/女，而不是“${sexText}” / the sex must be M/F or 男/女, not "${sexText}"`);

    const positive = (k: 'heightCm' | 'weightKg', unit: string): number | null => {
      const text = cell(col[k]);
      if (text === '') return null;
      const v = NUMBER.test(text) ? Number(text) : NaN;
      if (!(v > 0)) bad(col[k]!, `应为大于 0 的数（${unit}），而不是“${text}” / must be a number above 0 (${unit}), not "${text}"`);
      return v > 0 ? v : null;
    };
    const heightCm = positive('heightCm', 'cm');
    const weightKg = positive('weightKg', 'kg');

    const weights = sex && grade >= 1 && grade <= 9 ? weightsOf(pack, grade, sex) : null;
    const results: Record<string, number> = {};
    for (const { item, def, col: i } of items) {
      const text = cell(i);
      if (text === '') continue;
      // Times: seconds or minutes and seconds; counts: whole numbers ≥ 0; mL and the long jump above 0; sit-and-reach any sign.
      const v = def.better === 'lower' ? parseSeconds(text) : NUMBER.test(text) ? Number(text) : null;
      const ok = v !== null && (def.better === 'lower' ? v > 0 : def.unit === 'count' ? Number.isInteger(v) && v >= 0 : item === 'sit_and_reach' ? true : v > 0);
      if (!ok) {
        bad(
          i,
          def.better === 'lower'
            ? `应为秒数（如 9.8、215）或分秒（如 3'40"），而不是“${text}” / must be seconds (9.8, 215) or minutes and seconds (3'40"), not "${text}"`
            : def.unit === 'count'
              ? `应为不小于 0 的整数，而不是“${text}” / must be a whole number ≥ 0, not "${text}"`
              : `应为数（${def.unit}），而不是“${text}” / must be a number (${def.unit}), not "${text}"`,
        );
        continue;
      }
      if (weights && !(item in weights)) {
        bad(i, `${grade} 年级${sex === 'M' ? '男生' : '女生'}不测${def.name_zh} / grade ${grade} ${sex === 'M' ? 'boys' : 'girls'} do not take ${item}`);
        continue;
      }
      results[item] = v!;
    }
    if (problems.length === before) pupils.push({ row, studentId, grade, sex: sex!, heightCm, weightKg, results });
  }
  return { pupils, problems };
}

export interface CliStudent {
  student_id: string;
  grade: number;
  sex: Sex;
  bmi: { value: number; points: number; category: 'normal' | 'underweight' | 'overweight' | 'obese' } | null;
  items: Record<string, { value: number | null; points: number | null }>;
  bonus: number;
  standard_score: number | null;
  total: number | null;
  level: string | null;
  incomplete: boolean;
}

/** One pupil's JSON line, scored by the pack (the server's annualScore). */
export function scorePupil(pack: FitnessPack, p: CliPupil): CliStudent {
  const s = annualScore(pack, p.grade, p.sex, { heightCm: p.heightCm, weightKg: p.weightKg, results: p.results });
  const band = s.bmi === null ? null : bmiBand(pack, p.grade, p.sex, s.bmi);
  return {
    student_id: p.studentId,
    grade: p.grade,
    sex: p.sex,
    bmi: s.bmi === null || !band ? null : { value: s.bmi, points: band.points, category: band.band },
    items: Object.fromEntries(s.items.filter((i) => i.item !== 'bmi').map((i) => [i.item, { value: i.value, points: i.points }])),
    bonus: s.bonus,
    standard_score: s.standard,
    total: s.total,
    level: s.level,
    incomplete: s.total === null,
  };
}

const BMI_ZH = { normal: '正常', underweight: '低体重', overweight: '超重', obese: '肥胖' } as const;

function table(pack: FitnessPack, students: CliStudent[]): string[] {
  const value = (item: string, v: number | null) => (v === null ? '—' : pack.items[item].better === 'lower' ? (v >= 60 ? formatRunTime(v) : formatNumber(v, 1)) : String(v));
  const lines = students.map((s) => {
    const bmi = s.bmi ? `BMI ${formatNumber(s.bmi.value, 1)} ${BMI_ZH[s.bmi.category]} ${s.bmi.points}` : 'BMI —';
    const items = Object.entries(s.items).map(([k, i]) => `${pack.items[k].name_zh} ${value(k, i.value)}→${i.points ?? '—'}`);
    const end = s.incomplete ? '未完成 incomplete' : `标准分 ${formatNumber(s.standard_score, 2)}  总分 ${formatNumber(s.total, 2)}  ${s.level}`;
    return [s.student_id, `${s.grade}年级`, s.sex === 'M' ? '男' : '女', bmi, ...items, `附加分 ${s.bonus}`, end].join('  ');
  });
  const scored = students.filter((s) => !s.incomplete);
  const passed = scored.filter((s) => s.level !== '不及格').length;
  lines.push(
    `${pack.title} ${pack.id} v${pack.version}: ${students.length} 名学生 pupils, ${scored.length} 名有总分 with a total, ${students.length - scored.length} 名未完成 incomplete` +
      (scored.length ? `, 达标 pass ${passed}/${scored.length}` : ''),
  );
  return lines;
}

/** Runs the command; resolves to the exit code (0, or 2 for bad usage or input). */
export async function wellbeingCommand(sub: string | undefined, opts: WellbeingCliOptions, io: Output = stdio): Promise<number> {
  if (sub !== 'fitness' || !opts.input) {
    io.err(WELLBEING_USAGE);
    return 2;
  }
  let buf: Buffer;
  try {
    buf = fs.readFileSync(opts.input);
  } catch (e) {
    io.err(`${opts.input}: 无法读取 / cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 2;
  }
  const file = path.basename(opts.input);
  const pack = loadFitnessPack();
  const { pupils, problems } = await readCliFitness(buf, file, pack);
  if (problems.length) {
    for (const p of problems)
      io.err([file, p.row === null ? '' : `第 ${p.row} 行 / row ${p.row}`, p.column === null ? '' : `列 ${p.column} / column ${p.column}`].filter(Boolean).join('，') + `：${p.message}`);
    io.err(`${file}：${problems.length} 处问题 / ${problems.length} problems`);
    return 2;
  }
  const students = pupils.map((p) => scorePupil(pack, p));
  if (opts.json) io.out(JSON.stringify({ standard: pack.id, standard_version: pack.version, students }, null, 2));
  else for (const line of table(pack, students)) io.out(line);
  return 0;
}
