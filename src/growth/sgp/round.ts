// base::round(x, digits) for digits > 0 as R ≥ 4.0.0 does it (src/nmath/fround.c): of the two candidates
// floor(x·10^d)/10^d and ceil(x·10^d)/10^d take the one nearer to x, the even last digit on a tie; sign-symmetric.
export function roundR(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (x < 0) return -roundR(-x, digits);
  const p10 = 10 ** digits;
  const x10 = p10 * x;
  const i10 = Math.floor(x10);
  const xd = i10 / p10;
  const xu = Math.ceil(x10) / p10;
  const du = xu - x;
  const dd = x - xd;
  return du < dd || (du === dd && i10 % 2 === 1) ? xu : xd;
}
