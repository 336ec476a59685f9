// A LONG score file for the value-added benchmark: N students (default 1,000,000) in ~500 schools of log-normal sizes,
// MATHEMATICS grade 7 in 2023_2024 → grade 8 in 2024_2025, as sgpData_LONG (CONTENT_AREA, YEAR, ID, GRADE, SCALE_SCORE,
// SCHOOL_NUMBER, VALID_CASE). Intake differs by school (SD 15 of 50); post = 110 + 0.8·pre + u_school + e with
// u ~ N(0, 8²) and e ~ N(0, 40²), so corr(pre, post) ≈ 0.7. 1% of students have no entry score (arrived later),
// 1% no exit score (left), 2% changed school; seeded, so every run sees the same file.
// Usage: node --import tsx bench/gen-va.ts [FILE] [STUDENTS] [SEED]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const VA_SUBJECT = 'MATHEMATICS';
export const VA_FROM = '2023_2024';
export const VA_TO = '2024_2025';

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateVaLong(file: string, students = 1_000_000, seed = 20250901, schools = 500): void {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cumulative: number[] = [];
  Array.from({ length: schools }, () => Math.exp(normal() * 0.8)).reduce((a, w, i) => (cumulative[i] = a + w), 0);
  const total = cumulative[schools - 1];
  const intake = Array.from({ length: schools }, () => normal() * 15);
  const effect = Array.from({ length: schools }, () => normal() * 8);
  const code = (s: number) => String(3309000 + s * 7);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file + '.part', 'w');
  fs.writeSync(fd, 'CONTENT_AREA,YEAR,ID,GRADE,SCALE_SCORE,SCHOOL_NUMBER,VALID_CASE\n');
  let chunk: string[] = [];
  for (let i = 0; i < students; i++) {
    const u = rand() * total;
    let s = 0;
    while (cumulative[s] < u) s++;
    const later = rand() < 0.02 ? Math.floor(rand() * schools) : s;
    const pre = Math.round(500 + intake[s] + normal() * Math.sqrt(50 * 50 - 15 * 15));
    const post = Math.round(110 + 0.8 * pre + effect[later] + normal() * 40);
    const id = `G${String(330900000000 + i)}`;
    const r = rand();
    if (r >= 0.01) chunk.push(`${VA_SUBJECT},${VA_FROM},${id},7,${pre},${code(s)},VALID_CASE`);
    if (r < 0.01 || r >= 0.02) chunk.push(`${VA_SUBJECT},${VA_TO},${id},8,${post},${code(later)},VALID_CASE`);
    if (chunk.length >= 40_000) {
      fs.writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
  fs.closeSync(fd);
  fs.renameSync(file + '.part', file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file = '.tmp/bench/va-1000000.csv', n = '1000000', seed = '20250901'] = process.argv.slice(2);
  generateVaLong(file, Number(n), Number(seed));
  console.log(`wrote ${file}`);
}
