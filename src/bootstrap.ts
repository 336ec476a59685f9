// First start: apply migrations, create a district (the demo district on an empty embedded
// database), and an admin whose one-time password is printed once.
import { count, eq } from 'drizzle-orm';
import type { Database } from './core/db/index.js';
import { users } from './core/schema.js';
import { districts } from './registry/schema.js';
import { createAuthService } from './server.js';
import { generatePassword } from './core/auth/password.js';
import { loadDemoDistrict } from './registry/demo-load.js';
import { DEMO_DISTRICT_ID, DEMO_YEARS } from './registry/demo.js';
import { loadDemoAdmissions } from './admissions/demo.js';
import { loadDemoFitness } from './wellbeing/fitness/demo.js';
import { loadDemoVision } from './wellbeing/vision/demo.js';
import { loadDemoBurden } from './wellbeing/burden/demo.js';
import { loadDemoSurveys } from './wellbeing/surveys/demo.js';
import { RegistryService } from './registry/service.js';
import { BalanceService } from './balance/service.js';
import { ExamService } from './exams/service.js';
import { ExamCohorts } from './exams/cohorts.js';
import { GrowthService } from './growth/service.js';
import { MovesService } from './teachers/moves/service.js';
import { loadDemoTeachers } from './teachers/demo.js';
import type { PlanningDeps } from './planning/deps.js';
import { loadDemoForecast } from './planning/forecast/demo.js';
import { loadDemoExchange } from './planning/exchange/demo.js';
import { loadDemoPairings } from './planning/pairing/demo.js';
import { loadDemoMap } from './planning/map/demo.js';
import { ensureDistrict } from './registry/store.js';

export interface BootstrapResult {
  districtId: string;
  demoLoaded: boolean;
  /** The generated password of an admin account created now (to show once), or null (none created, or its password was given). */
  adminPassword: string | null;
  /** Was the first admin account created now? */
  adminCreated: boolean;
}

/** The demo district with every capability's demo data, into an empty database (migrations applied, no accounts). */
export async function loadDemo(database: Database, progress: (step: string) => void = () => {}): Promise<void> {
  const db = database.db;
  progress('首次启动：载入演示县 / first start: loading the demo district');
  await loadDemoDistrict(db, undefined, progress);
  progress('载入演示派位 / loading the demo admission draws');
  await loadDemoAdmissions(db, DEMO_DISTRICT_ID, Math.max(...DEMO_YEARS));
  progress('载入演示体质健康测试成绩 / loading the demo fitness results');
  await loadDemoFitness(db, DEMO_DISTRICT_ID, DEMO_YEARS);
  progress('载入演示视力筛查记录 / loading the demo vision screening');
  await loadDemoVision(db, DEMO_DISTRICT_ID, DEMO_YEARS);
  progress('载入演示作业与睡眠调查 / loading the demo homework and sleep survey');
  await loadDemoBurden(db, DEMO_DISTRICT_ID, DEMO_YEARS);
  progress('载入演示满意度调查 / loading the demo satisfaction survey');
  await loadDemoSurveys(db, DEMO_DISTRICT_ID, Math.max(...DEMO_YEARS));
  // Planning reads the registry, balance, exams and growth through their services, as on the server.
  const registry = new RegistryService(db);
  const planning: PlanningDeps = {
    registry,
    balance: new BalanceService(db, registry),
    exams: new ExamService(db),
    growth: new GrowthService(new ExamCohorts(db)),
    moves: new MovesService(db, { registry }),
  };
  const latest = Math.max(...DEMO_YEARS);
  progress('载入演示教师名册、培训与交流记录 / loading the demo teachers (roster, training, moves)');
  await loadDemoTeachers(db, registry, DEMO_DISTRICT_ID, latest);
  progress('载入演示学位预测数据 / loading the demo seat-forecast inputs');
  await loadDemoForecast(db, planning, DEMO_DISTRICT_ID, latest);
  progress('载入演示县界 / loading the demo county outline');
  await loadDemoMap(db, planning, DEMO_DISTRICT_ID, latest);
  progress('生成演示交流轮岗方案 / building the demo teacher-exchange plan');
  await loadDemoExchange(db, planning, DEMO_DISTRICT_ID, latest);
  progress('载入演示结对 / loading the demo pairings');
  await loadDemoPairings(db, planning, DEMO_DISTRICT_ID, latest);
}

export async function bootstrap(database: Database, opts: { demo: 'auto' | 'never'; adminPassword?: string; onProgress?: (step: string) => void }): Promise<BootstrapResult> {
  const progress = opts.onProgress ?? (() => {});
  progress('数据库迁移 / applying database migrations');
  await database.migrate();
  const db = database.db;
  let [first] = await db.select().from(districts).orderBy(districts.districtId).limit(1);
  let demoLoaded = false;
  if (!first) {
    if (opts.demo === 'auto' && database.kind === 'pglite') {
      await loadDemo(database, progress);
      demoLoaded = true;
    } else {
      await ensureDistrict(db, process.env.JUNHENG_DISTRICT_ID ?? '000000', process.env.JUNHENG_DISTRICT_NAME ?? '本县（区）');
    }
    [first] = await db.select().from(districts).orderBy(districts.districtId).limit(1);
  }
  const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  let adminPassword: string | null = null;
  const adminCreated = Number(n) === 0;
  if (adminCreated) {
    const password = opts.adminPassword || generatePassword();
    await createAuthService(db).createUser(
      { districtId: first.districtId, username: 'system' },
      { username: 'admin', displayName: '系统管理员', role: 'admin', password, mustChangePassword: !opts.adminPassword },
    );
    // A chosen password (JUNHENG_ADMIN_PASSWORD) is known already: only a generated one is handed back, to show once.
    if (!opts.adminPassword) adminPassword = password;
  }
  return { districtId: first.districtId, demoLoaded, adminPassword, adminCreated };
}
