// Student-weighted CV of school means, the formula of src/balance/weighted-cv.ts (教督〔2012〕3号 说明) applied to means:
// X̄ = Σ nᵢ·x̄ᵢ / Σ nᵢ, S = √(Σ nᵢ (x̄ᵢ − X̄)² / Σ nᵢ), CV = S / X̄. Schools without students carry no weight.

export function cvOfSchoolMeans(schools: readonly { n: number; mean: number | null }[]): number | null {
  let total = 0;
  let weighted = 0;
  for (const s of schools)
    if (s.n > 0 && s.mean !== null) {
      total += s.n;
      weighted += s.n * s.mean;
    }
  if (total === 0) return null;
  const mean = weighted / total;
  if (mean === 0) return null;
  let ss = 0;
  for (const s of schools)
    if (s.n > 0 && s.mean !== null) {
      const d = s.mean - mean;
      ss += s.n * d * d;
    }
  return Math.sqrt(ss / total) / mean;
}
