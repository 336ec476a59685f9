// The demo county's admissions: one finished private-school lottery (民办初中 7 年级, two priority groups) and the
// county-seat catchment's assignment (公办, three junior schools) that follows it under 公民同招 — both published,
// so that a new user sees results and can verify them at /verify. Run through the service, as a bureau user would.
import type { Db } from '../core/db/index.js';
import { enrolmentOfGrade, registrySchools } from '../registry/lookup.js';
import { AdmissionsService } from './service.js';
import { ExamCohorts } from '../exams/cohorts.js';

/** mulberry32: the same applicants on every first start. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '子涵欣怡梓轩浩然宇轩雨桐思彤一诺佳怡俊杰博文诗涵梓萱晨曦嘉怡明轩皓轩若汐语桐沐阳书瑶天佑梦琪锦程雅琪';

export async function loadDemoAdmissions(db: Db, districtId: string, year: number): Promise<void> {
  const schools = await registrySchools(db, districtId);
  const privateJunior = schools.find((s) => s.ownership === '民办' && s.level === '初中');
  const catchment = schools.filter((s) => s.ownership === '公办' && s.level === '初中' && s.location === '城区').slice(0, 3);
  if (!privateJunior || catchment.length < 2) return;
  const svc = new AdmissionsService(db, new ExamCohorts(db));
  const bureau = { districtId, username: 'demo', can: () => true };
  const r = rng(2026);
  const name = () => SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN.slice(Math.floor(r() * 20) * 2, Math.floor(r() * 20) * 2 + (r() < 0.3 ? 1 : 2));
  const csv = (rows: string[][]) => Buffer.from(rows.map((x) => x.join(',')).join('\n'));

  // 1. The private school: 240 applicants for 180 seats; priority 1 = 本学区户籍 (150), 2 = others.
  const lotteryCode = `${year}-民办初中-博文`;
  const applicants = Array.from({ length: 240 }, (_, i) => [`${year}M${String(i + 1).padStart(4, '0')}`, i < 150 ? '1' : '2', name()]);
  await svc.create(bureau, {
    code: lotteryCode,
    name: `${privateJunior.name} ${year} 年七年级电脑派位`,
    year,
    method: 'junheng-lottery-v1',
    stage: 'private',
    schoolCode: privateJunior.code,
    seats: 180,
    priorityRules: '1 = 本学区户籍且实际居住；2 = 其他报名学生',
    drawDate: `${year}-07-10`,
  });
  await svc.importApplicants(bureau, lotteryCode, '博文报名名单.csv', csv([['applicant_id', 'priority', '姓名'], ...applicants]));
  await svc.publishList(bureau, lotteryCode);
  const lottery = await svc.run(bureau, lotteryCode, ['7,21,33,4,58', '公证处 0710-1']);
  await svc.publishResult(bureau, lotteryCode);

  // 2. The county seat's catchment: the private school's waiting list and the other pupils of the area, 3 schools.
  const waiting = lottery.applicants.filter((a) => !a.admitted).map((a) => a.applicantId);
  const others = Array.from({ length: 420 }, (_, i) => `${year}G${String(i + 1).padStart(4, '0')}`);
  const seats = catchment.map((s, i) => ({ schoolCode: s.code, seats: [200, 160, 120][i] ?? 100 }));
  const assignCode = `${year}-公办初中-城关片区`;
  await svc.create(bureau, {
    code: assignCode,
    name: `城关片区 ${year} 年公办初中多校划片派位`,
    year,
    method: 'junheng-assign-v1',
    stage: 'public',
    catchment: '城关片区',
    capacities: seats,
    drawDate: `${year}-07-15`,
  });
  const rows = [...waiting, ...others].map((id) => {
    const order = catchment.map((s) => s.code);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const k = 1 + Math.floor(r() * order.length);
    return [id, order.slice(0, k).join('|'), name()];
  });
  await svc.importApplicants(bureau, assignCode, '城关片区报名名单.csv', csv([['applicant_id', 'choices', '姓名'], ...rows]));
  await svc.publishList(bureau, assignCode);
  await svc.run(bureau, assignCode, ['12,5,40,27,9', '公证处 0715-2']);
  await svc.publishResult(bureau, assignCode);

  // 3. This year's 名额分配 of the key high school: a quarter of the graduates' places, at least 3 per school,
  //    rural schools weighted 1.2.
  const graduates = (await enrolmentOfGrade(db, districtId, year, 9)).values();
  const total = [...graduates].reduce((a, b) => a + b, 0);
  if (total > 0) await svc.createQuotaPlan(bureau, { year, highSchool: '青溪中学', places: Math.round(total / 4), minPerSchool: 3, ruralWeight: '1.2', ruralLocations: ['乡村'], tieSubjects: [] });
}
