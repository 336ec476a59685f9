// 每百名学生拥有…: n × 100 / P (as the balance standards' per-100-students indicators); null when P is 0 or unknown. Pure.
export function perHundredStudents(n: number, students: number | null): number | null {
  return students !== null && students > 0 ? (n * 100) / students : null;
}
