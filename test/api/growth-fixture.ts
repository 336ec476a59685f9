// A small deterministic pair of exams for the growth tests (three schools of test/helpers.ts), written as the CSV a
// bureau uploads. The same files go to R for the reference numbers (see growth.test.ts).
//   A 2133000001: 32 students in two classes, adds +4 points of 数学;  B 2133000002: 26 students, −3;
//   C 2133000003: 12 students (below the minimum n of 20), +1.
//   G0005 moves A → B; G0006 changes class within A (not a move); G0010 is 缺考 in 数学 of the exit exam;
//   G0901, G0902 sit the entry exam only; G0951–G0953 the exit exam only.
export const ENTRY_NAME = '2023学年七年级期末';
export const EXIT_NAME = '2024学年八年级期末';
export const SUBJECTS = [
  { subject: '语文', fullMarks: 120 },
  { subject: '数学', fullMarks: 120 },
];
const A = '2133000001';
const B = '2133000002';
const C = '2133000003';

function lcg(seed: number) {
  let s = seed >>> 0;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  // Irwin–Hall: the sum of 12 uniforms − 6, close enough to N(0, 1) for test data.
  return () => {
    let t = 0;
    for (let k = 0; k < 12; k++) t += u();
    return t - 6;
  };
}

const clamp = (x: number) => Math.max(0, Math.min(120, Math.round(x)));

interface Row {
  id: string;
  name: string;
  school: string;
  klass: string;
  yw: number | null;
  sx: number | null;
}

export function growthFixture(): { entry: Row[]; exit: Row[] } {
  const n = lcg(20250101);
  const entry: Row[] = [];
  const exit: Row[] = [];
  const va: Record<string, number> = { [A]: 4, [B]: -3, [C]: 1 };
  const plan: [string, number, string[]][] = [
    [A, 32, ['七(1)班', '七(2)班']],
    [B, 26, ['七(1)班']],
    [C, 12, ['七(1)班']],
  ];
  let k = 0;
  for (const [school, count, classes] of plan) {
    for (let i = 0; i < count; i++) {
      k++;
      const id = `G${String(k).padStart(4, '0')}`;
      const a = n();
      const klass = classes[i % classes.length];
      entry.push({ id, name: `学生${k}`, school, klass, yw: clamp(72 + 12 * a + 6 * n()), sx: clamp(66 + 15 * a + 7 * n()) });
      const later = id === 'G0005' ? B : school;
      const laterClass = (id === 'G0006' ? '七(2)班' : klass).replace('七', '八');
      exit.push({ id, name: `学生${k}`, school: later, klass: laterClass, yw: clamp(70 + 12 * a + va[later] / 2 + 6 * n()), sx: id === 'G0010' ? null : clamp(62 + 14 * a + va[later] + 8 * n()) });
    }
  }
  entry.push({ id: 'G0901', name: '转出甲', school: A, klass: '七(1)班', yw: 80, sx: 75 });
  entry.push({ id: 'G0902', name: '转出乙', school: C, klass: '七(1)班', yw: 61, sx: 58 });
  exit.push({ id: 'G0951', name: '转入甲', school: A, klass: '八(2)班', yw: 77, sx: 70 });
  exit.push({ id: 'G0952', name: '转入乙', school: B, klass: '八(1)班', yw: 66, sx: 52 });
  exit.push({ id: 'G0953', name: '转入丙', school: B, klass: '八(1)班', yw: 90, sx: 99 });
  return { entry, exit };
}

export function csvOf(rows: Row[]): Buffer {
  const lines = ['学籍号,姓名,学校代码,班级,语文,数学'];
  for (const r of rows) lines.push([r.id, r.name, r.school, r.klass, r.yw ?? '缺考', r.sx ?? '缺考'].join(','));
  return Buffer.from(lines.join('\n') + '\n');
}
