// 年龄结构: the band of a teacher (the statistics' four: < 30, 30–39, 40–49, ≥ 50), age = Y − birth year (issue 13's
// shared rule: the age reached in the calendar year the school year Y starts). Pure.
import type { AgeBand } from './contract.js';

export function ageBandOf(year: number, birthYear: number): AgeBand {
  const age = year - birthYear;
  if (age < 30) return 'under30';
  if (age < 40) return '30to39';
  if (age < 50) return '40to49';
  return '50plus';
}
