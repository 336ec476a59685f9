// A synthetic cohort for the SGP benchmark (seeded, so every run sees the same data): N students followed from
// grade 3 to grade 6 over four years (2022–2025), WIDE like sgpData (ID, GRADE_<year>…, SS_<year>…).
// Scores: ability θ ~ N(0, 1) and a personal growth rate γ ~ N(0, 0.15²); year t's observed standing
// z_t = θ + γ·t + ε_t with ε_t ~ N(0, 0.4²) (adjacent-year correlation ≈ 0.85, as in sgpData reading), a mild
// negative skew z − 0.06(z² − 1) as in real scale scores, scale score round(500 + 35t + (70 + 3t)·z) clipped to
// [150, 950]. About 3 % of scores are missing each year and 1 % of students repeat a grade once.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller from a uniform source. */
function normal(rnd: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - rnd();
    const v = rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export const SYNTH_YEARS = [2022, 2023, 2024, 2025];

/** The cohort as WIDE CSV text. */
export function syntheticSgpCohort(students = 200_000, seed = 20250): string {
  const rnd = mulberry32(seed);
  const z = normal(rnd);
  const lines = [['ID', ...SYNTH_YEARS.map((y) => `GRADE_${y}`), ...SYNTH_YEARS.map((y) => `SS_${y}`)].join(',')];
  for (let i = 0; i < students; i++) {
    const theta = z();
    const growth = 0.15 * z();
    const repeatAt = rnd() < 0.01 ? 1 + Math.floor(rnd() * 3) : -1; // repeats the grade of year index repeatAt − 1
    const grades: string[] = [];
    const scores: string[] = [];
    let grade = 3;
    SYNTH_YEARS.forEach((_, t) => {
      if (t > 0) grade += t === repeatAt ? 0 : 1;
      let s = theta + growth * t + 0.4 * z();
      s = s - 0.06 * (s * s - 1);
      const score = Math.min(950, Math.max(150, Math.round(500 + 35 * t + (70 + 3 * t) * s)));
      const missing = rnd() < 0.03;
      grades.push(missing ? '' : String(grade));
      scores.push(missing ? '' : String(score));
    });
    lines.push([String(1_000_000 + i), ...grades, ...scores].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Writes (once) and returns the path of the gzipped cohort under .tmp/bench/. */
export function syntheticSgpFile(root: string, students = 200_000, seed = 20250): string {
  const file = path.join(root, '.tmp', 'bench', `sgp-synthetic-${students}-${seed}.csv.gz`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, gzipSync(syntheticSgpCohort(students, seed)));
  }
  return file;
}
