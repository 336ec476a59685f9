// A realistic wide score sheet for the exam benchmark: 1,000,000 students × 9 subjects by default, seeded.
// 60 schools of different sizes (log-normal) and levels; scores in half points from a school level plus a
// student ability plus subject noise; ~1 % of cells 缺考 and a few 作弊 / 免考; rows in random school order.
// Usage: node --import tsx bench/gen-exam.ts [FILE] [STUDENTS] [SEED]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAM_SUBJECTS: [string, number][] = [
  ['语文', 120],
  ['数学', 120],
  ['英语', 120],
  ['物理', 100],
  ['化学', 100],
  ['道德与法治', 100],
  ['历史', 100],
  ['地理', 100],
  ['生物', 100],
];
export const EXAM_FULL_SPEC = EXAM_SUBJECTS.map(([s, f]) => `${s}=${f}`).join(',');

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

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '子涵浩宇欣怡梓轩雨泽一诺思彤俊杰佳琪晨阳若曦博文诗雨明轩可馨天佑语嫣志强婉清嘉怡睿哲紫萱奕辰梦瑶皓然静怡宇航心悦';

export function generateExamCsv(file: string, students = 1_000_000, seed = 20240611, schools = 60): void {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const weights = Array.from({ length: schools }, () => Math.exp(normal() * 0.7));
  const cumulative: number[] = [];
  weights.reduce((a, w, i) => (cumulative[i] = a + w), 0);
  const total = cumulative[schools - 1];
  const level = Array.from({ length: schools }, () => normal() * 0.45);
  const codes = Array.from({ length: schools }, (_, k) => `3309021${String(101 + ((k * 37) % 900)).padStart(3, '0')}`);
  const difficulty = EXAM_SUBJECTS.map(() => 0.62 + rand() * 0.12);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file + '.part', 'w');
  fs.writeSync(fd, ['学籍号', '姓名', '学校代码', '班级', ...EXAM_SUBJECTS.map(([s]) => s)].join(',') + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < students; i++) {
    const u = rand() * total;
    let s = 0;
    while (cumulative[s] < u) s++;
    const ability = level[s] + normal();
    const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] + (rand() < 0.6 ? GIVEN[Math.floor(rand() * GIVEN.length)] : '');
    const cells = [`G33090220${String(10_000_000 + i)}`, name, codes[s], `${1 + Math.floor(rand() * 12)}班`];
    for (let j = 0; j < EXAM_SUBJECTS.length; j++) {
      const r = rand();
      if (r < 0.01) cells.push('缺考');
      else if (r < 0.0102) cells.push('作弊');
      else if (r < 0.0104) cells.push('免考');
      else {
        const full = EXAM_SUBJECTS[j][1];
        const p = Math.min(1, Math.max(0, difficulty[j] + 0.15 * (0.8 * ability + 0.6 * normal())));
        cells.push(String(Math.round(p * full * 2) / 2));
      }
    }
    chunk.push(cells.join(','));
    if (chunk.length === 20_000) {
      fs.writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
  fs.closeSync(fd);
  fs.renameSync(file + '.part', file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file = '.tmp/bench/exam-1000000.csv', n = '1000000', seed = '20240611'] = process.argv.slice(2);
  const t = performance.now();
  generateExamCsv(file, Number(n), Number(seed));
  console.log(`wrote ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
