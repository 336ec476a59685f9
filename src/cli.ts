// junheng — serve | migrate | demo | import | export | user add | user reset-password
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from './core/db/index.js';
import type { CurrentUser, Role } from './core/auth/roles.js';
import { VERSION } from './core/version.js';

const HELP = `junheng ${VERSION} — 均衡 Junheng

用法 / usage:
  junheng serve [--port 8080] [--host 127.0.0.1] [--data ./data]   start the web app (first start: demo district + admin)
  junheng migrate [--data ./data]                                  apply database migrations
  junheng demo [--data ./data]                                     load the demo district into an empty database
  junheng import FILE.xlsx --year 2024 [--district ID]             import a statistics workbook (all or nothing)
  junheng export FILE.xlsx --year 2024 [--district ID]             export a year's statistics workbook
  junheng user add NAME --role admin|analyst|health|personnel|clerk|inspector|viewer [--school CODE] [--schools C1,C2] [--display-name X] [--password P] [--no-must-change]
      the new account must change its password at first sign-in; --no-must-change keeps --password as it is (scripted setups)
  junheng user reset-password NAME [--password P] [--no-must-change]
  junheng balance evaluate --input FILE.csv|FILE.xlsx [--standard national-2017-quality] [--strict] [--json]
      columns school_code, level (学段: 小学, 初中, 教学点, 九年一贯制, 十二年一贯制, 完全中学), students and the standard's numerators;
      optional school_type (学校类型: 学校 / school, 教学点 / teaching_point; 教学点 = a row with level 教学点, primary only).
      an unrecognised, unnamed or repeated column is a warning on stderr (stdout stays clean JSON); --strict makes a warning exit 2
  junheng exam report --input FILE.csv --full 语文=120,数学=120,… [--excellent 0.85 --pass 0.6 --low 0.4 --bottom 30] [--json]
  junheng exam import FILE --exam NAME [--create --grade 9 --type 中考 --full 语文=120,数学=120,…] [--district ID] [--json]   scores into the database (all or nothing)
  junheng growth va --input LONG.csv[.gz] --subject MATHEMATICS --from 2023_2024 --to 2024_2025 [--min-n 20] [--json]   school value-added (REML, as lme4)
  junheng growth sgp --input WIDE.csv[.gz] [--max-order 3] [--json]        student growth percentiles for the last year (as R SGP)
  junheng admissions lottery --applicants FILE --seats N --draw-id ID --entropy E [--entropy E …] [--json]   电脑派位 (lottery v1)
  junheng admissions assign --applicants FILE --capacities FILE --draw-id ID --entropy E … [--json]        多校划片 (assignment v1)
  junheng admissions quota --schools FILE --places Q --min-per-school M --rural-weight W [--json]          名额分配 (quota v1)
  junheng admissions verify --result RESULT.json --applicants FILE [--capacities FILE]                     recompute a published draw
  junheng wellbeing fitness --input FILE.csv|FILE.xlsx [--json]   体质健康 学年总分 (national-2014) per pupil
      columns student_id, grade (1–9), sex (M/F, 男/女), height_cm, weight_kg and the items (lung_capacity, run_50m, sit_and_reach,
      rope_1min, sit_up_1min, shuttle_50x8, standing_long_jump, pull_up, run_1000m, run_800m; times in seconds or 3'40"); an
      empty result leaves the item unscored: the pupil then has "total", "standard_score" and "level" null and "incomplete": true

  junheng planning forecast --enrolments FILE --horizon H --window K [--births FILE] [--json]   seat forecast (forecast v1)
      columns school_code, year, grade, students
  junheng planning rotation --teachers FILE --schools FILE [--rate 0.10 --backbone-share 0.20 --min-years 6 --max-age 55 --max-km 30] [--json]
      teacher exchange (交流轮岗) as a MIP: teacher_id, school_code, subject, backbone (1/0), years_at_school, age;
      school_code, school_name, students, x_km, y_km

Database: PGlite in --data (default ./data) unless DATABASE_URL=postgres://… is set.
Environment: JUNHENG_ADMIN_PASSWORD sets the first admin's password; PORT, HOST; JUNHENG_LOG_LEVEL (or LOG_LEVEL:
  fatal|error|warn|info|debug|trace|silent, default info) for the server's JSON logs; JUNHENG_PDF_PER_USER (default 4)
  and JUNHENG_PDF_TOTAL (default 32) cap the PDF reports waiting or being rendered, per user and in all;
  JUNHENG_CACHE=0 turns the response cache off (JUNHENG_CACHE_ENTRIES, default 1000, and JUNHENG_CACHE_MB, default 64,
  bound it); JUNHENG_VA_MIN_N (default 20) is the smallest group whose value-added is shown to users without pupil-level
  rights; JUNHENG_TIME_ZONE (default the server's zone, else Asia/Shanghai) is the zone of the audit log's export.
While \`junheng serve\` runs on a PGlite folder, the other commands cannot open that folder: add users in the web
app (用户管理 / users, as admin) or stop the server first.`;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    year: { type: 'string' },
    district: { type: 'string' },
    role: { type: 'string' },
    school: { type: 'string' },
    schools: { type: 'string' },
    'display-name': { type: 'string' },
    password: { type: 'string' },
    'no-must-change': { type: 'boolean' },
    input: { type: 'string' },
    standard: { type: 'string' },
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    full: { type: 'string' },
    excellent: { type: 'string' },
    pass: { type: 'string' },
    low: { type: 'string' },
    bottom: { type: 'string' },
    subject: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'min-n': { type: 'string' },
    exam: { type: 'string' },
    create: { type: 'boolean' },
    grade: { type: 'string' },
    type: { type: 'string' },
    term: { type: 'string' },
    date: { type: 'string' },
    'max-order': { type: 'string' },
    applicants: { type: 'string' },
    capacities: { type: 'string' },
    result: { type: 'string' },
    seats: { type: 'string' },
    places: { type: 'string' },
    'draw-id': { type: 'string' },
    entropy: { type: 'string', multiple: true },
    'min-per-school': { type: 'string' },
    'rural-weight': { type: 'string' },
    enrolments: { type: 'string' },
    horizon: { type: 'string' },
    window: { type: 'string' },
    births: { type: 'string' },
    teachers: { type: 'string' },
    rate: { type: 'string' },
    'backbone-share': { type: 'string' },
    'min-years': { type: 'string' },
    'max-age': { type: 'string' },
    'max-km': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
  },
});

function fail(message: string, code = 2): never {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(code);
}

async function open(): Promise<Database> {
  return M.openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: opts.data ?? process.env.JUNHENG_DATA ?? './data' });
}

/** The command line acts as the bureau's administrator of a district. */
async function cliActor(database: Database): Promise<CurrentUser> {
  const rows = await database.db.select().from(M.districts).orderBy(M.districts.districtId);
  const d = opts.district ? rows.find((r) => r.districtId === opts.district) : rows[0];
  if (!d) fail(opts.district ? `no district ${opts.district}` : 'the database has no district yet: run `junheng serve` or `junheng demo` first');
  return { districtId: d.districtId, districtName: d.name, username: 'cli', displayName: 'command line', role: 'admin', schoolCode: null, mustChangePassword: false, assignedSchools: [] };
}

// The server and database modules load only for the commands that need them, so the batch commands
// (balance, exam, growth) start in a fraction of the time.
const appModules = async () => {
  const [db, boot, http, auth, roles, errors, registry, demo, schema] = await Promise.all([
    import('./core/db/index.js'),
    import('./bootstrap.js'),
    import('./server.js'),
    import('./core/auth/service.js'),
    import('./core/auth/roles.js'),
    import('./core/http/errors.js'),
    import('./registry/service.js'),
    import('./registry/demo-load.js'),
    import('./core/schema.js'),
  ]);
  return {
    openDatabase: db.openDatabase,
    bootstrap: boot.bootstrap,
    buildApp: http.buildApp,
    createAuthService: http.createAuthService,
    AuthService: auth.AuthService,
    ROLES: roles.ROLES,
    AppError: errors.AppError,
    RegistryService: registry.RegistryService,
    loadDemoDistrict: demo.loadDemoDistrict,
    districts: schema.districts,
  };
};
let M: Awaited<ReturnType<typeof appModules>>;

async function main() {
  const [cmd, sub, arg] = positionals;
  if (opts.version) return console.log(VERSION);
  if (!cmd || opts.help) return console.log(HELP);
  if (cmd === 'balance') return balanceCommand(sub);
  if (cmd === 'exam') return void (process.exitCode = await (await import('./exams/cli.js')).examCommand(sub, { ...opts, file: arg }));
  if (cmd === 'growth' && sub === 'va') return void (process.exitCode = (await import('./growth/va/cli.js')).growthVaCommand(opts));
  if (cmd === 'admissions') return void (process.exitCode = await (await import('./admissions/cli.js')).admissionsCommand(sub, opts));
  if (cmd === 'planning') return void (process.exitCode = await (await import('./planning/cli.js')).planningCommand(sub, opts));
  if (cmd === 'wellbeing') return void (process.exitCode = await (await import('./wellbeing/cli.js')).wellbeingCommand(sub, opts));
  if (cmd === 'growth' && sub === 'sgp') return void (process.exitCode = (await import('./growth/sgp/cli.js')).sgpCommand(opts));
  M = await appModules();
  const { bootstrap, buildApp, ROLES, AppError, RegistryService, loadDemoDistrict, districts } = M;
  const database = await open().catch((e: Error) =>
    fail(
      cmd === 'user' && /in use by another Junheng process/.test(e.message)
        ? `${e.message}\n服务器运行时请在网页中以管理员身份添加账号（用户管理），或通过 API POST /api/users / while the server runs, add the user in the web app as an admin (用户管理 / users) or through POST /api/users`
        : e.message,
    ),
  );
  const close = () => database.close();
  try {
    switch (cmd) {
      case 'serve': {
        // The first start applies migrations and loads the demo district: say so, step by step, with the time.
        const t0 = performance.now();
        const step = (what: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${what}`);
        console.log(`均衡 Junheng ${VERSION} — ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${database.location}` : `PostgreSQL ${database.location}`}`);
        const boot = await bootstrap(database, { demo: 'auto', adminPassword: process.env.JUNHENG_ADMIN_PASSWORD, onProgress: step });
        step('启动网页服务 / starting the web server');
        // Logs: JSON lines on stdout at JUNHENG_LOG_LEVEL / LOG_LEVEL (default info), without personal data (src/core/log.ts).
        const app = await buildApp(database, { logger: true });
        const port = Number(opts.port ?? process.env.PORT ?? 8080);
        const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
        try {
          await app.listen({ port, host });
        } catch (e) {
          await app.close();
          await close();
          if ((e as { code?: string }).code === 'EADDRINUSE') fail(`端口 ${port} 已被占用，请用 --port 换一个 / port ${port} is in use: choose another with --port (or PORT=…)`);
          throw e;
        }
        const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`;
        if (boot.demoLoaded) console.log('已载入演示县 / demo district loaded');
        step(`就绪 / ready — 打开 / open: ${url}`);
        // stdout is a log stream: a generated password goes to the terminal (stderr) only, once; a chosen one is never printed.
        if (boot.adminPassword) {
          process.stderr.write(`管理员 / admin: 用户名 username = admin, 密码 password = ${boot.adminPassword}\n`);
          process.stderr.write('此密码只显示这一次，首次登录后须修改 / this password is shown only once; you will be asked to change it\n');
        } else if (boot.adminCreated) console.log('已创建管理员 admin，密码取自 JUNHENG_ADMIN_PASSWORD / admin created with the password from JUNHENG_ADMIN_PASSWORD');
        else console.log('管理员账号已存在；忘记密码时运行 / admin exists; if the password is lost run: junheng user reset-password admin');
        installShutdown(app, close);
        return; // keep running
      }
      case 'migrate':
        await database.migrate();
        console.log('migrations applied');
        break;
      case 'demo': {
        await database.migrate();
        const existing = await database.db.select().from(districts);
        if (existing.length) fail('the database already has data; use an empty --data folder for the demo');
        const demo = await loadDemoDistrict(database.db, undefined, (step) => console.log(step));
        console.log(`demo district ${demo.name}: ${demo.schools.length} schools, years ${demo.years.join(', ')}`);
        const boot = await bootstrap(database, { demo: 'never', adminPassword: process.env.JUNHENG_ADMIN_PASSWORD });
        if (boot.adminPassword) process.stderr.write(`admin password (shown once): ${boot.adminPassword}\n`);
        break;
      }
      case 'import':
      case 'export': {
        const file = sub;
        if (!file) fail(`usage: junheng ${cmd} FILE.xlsx --year YEAR`);
        await database.migrate();
        const actor = await cliActor(database);
        const reg = new RegistryService(database.db);
        const year = opts.year ? Number(opts.year) : await reg.currentYear(actor.districtId);
        if (cmd === 'export') {
          fs.writeFileSync(file, await reg.workbook(actor, year));
          console.log(`wrote ${file}`);
        } else {
          if (!fs.existsSync(file)) fail(`no such file: ${file}`);
          const r = await reg.importWorkbook(actor, year, path.basename(file), fs.readFileSync(file));
          console.log(r.unchanged ? `no changes (${r.schools} schools in the file)` : `imported: ${r.changedSchools} schools, ${r.changedFields} fields changed`);
        }
        break;
      }
      case 'user': {
        await database.migrate();
        const actor = await cliActor(database);
        const auth = M.createAuthService(database.db);
        if (sub === 'add' && arg) {
          const role = opts.role as Role;
          if (!(ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
          const r = await auth.createUser(actor, {
            username: arg,
            displayName: opts['display-name'] ?? arg,
            role,
            schoolCode: opts.school,
            assignedSchools: opts.schools?.split(',').map((x) => x.trim()),
            password: opts.password,
            mustChangePassword: !opts['no-must-change'],
          });
          // The password is echoed only when generated here (one given with --password is not repeated into logs).
          const pw = opts.password === undefined ? `password: ${r.password}` : 'password as given';
          console.log(`user ${arg} (${role}) created; ${pw}${opts['no-must-change'] ? '' : ' (must be changed at first sign-in)'}`);
        } else if (sub === 'reset-password' && arg) {
          const mustChange = !opts['no-must-change'];
          const pw = await auth.resetPassword(actor, arg, opts.password, mustChange);
          console.log(`new password for ${arg}: ${pw}${mustChange ? ' (must be changed at next sign-in)' : ''}`);
        } else fail('usage: junheng user add NAME --role ROLE … | junheng user reset-password NAME');
        break;
      }
      default:
        fail(`unknown command ${cmd}\n\n${HELP}`);
    }
    await close();
  } catch (e) {
    await close();
    if (e instanceof AppError) {
      const problems = (e.extra?.problems as { file?: string; sheet?: string; row?: number; column?: string; reason: string; field?: string }[]) ?? [];
      const where = (p: (typeof problems)[number]) => (p.sheet === undefined ? `${p.field}` : p.row ? `${p.file}:${p.sheet}!${p.column}${p.row}` : `${p.file}${p.sheet ? `:${p.sheet}` : ''}`);
      const lines = problems.map((p) => `${where(p)}: ${p.reason}`);
      fail([e.message, ...lines].join('\n'));
    }
    throw e;
  }
}

/**
 * SIGTERM / SIGINT: stop accepting requests and let those under way finish (app.close); closing the app
 * also closes the jobs service (src/core/jobs: running imports get up to 10 s to finish, the rest are
 * marked interrupted) and the PDF renderer; then close the database (PGlite: releases the data folder)
 * and exit 0. A second signal, or a shutdown still hanging after 30 s, exits 1 at once.
 */
function installShutdown(app: { close(): Promise<unknown>; log: { error(o: object, m: string): void } }, closeDatabase: () => Promise<void>) {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal}: 立即退出 / exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    setTimeout(() => {
      process.stderr.write('停止超时 / shutdown took too long: exiting\n');
      process.exit(1);
    }, 30_000).unref();
    console.log(`${signal}: 正在停止 / stopping — no new requests; running jobs get up to 10 s, then are marked interrupted`);
    try {
      await app.close();
      await closeDatabase();
      console.log('已停止 / stopped');
      process.exit(0);
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

/** Batch evaluation of a flat one-row-per-school table; needs no database. Bad input: exit 2, nothing on stdout. */
async function balanceCommand(sub: string | undefined) {
  const { readTable } = await import('./core/tabular.js');
  const { readFlatSchools, FlatInputError } = await import('./balance/flat-input.js');
  const { loadStandard, resolveLocalPack, LocalPackInputSchema, StandardPackSchema } = await import('./balance/standards.js');
  const { evaluateDistrict } = await import('./balance/evaluate.js');
  const { toCliJson } = await import('./balance/wire-keys.js');
  if (sub !== 'evaluate' || !opts.input) fail('usage: junheng balance evaluate --input FILE.csv|FILE.xlsx [--standard national-2017-quality] [--strict] [--json]');
  const file = opts.input;
  if (!fs.existsSync(file)) fail(`no such file: ${file}`);
  let pack;
  try {
    const std = opts.standard ?? 'national-2017-quality';
    if (std.endsWith('.json')) {
      // A local pack file: either overrides of a built-in pack ({id, name, extends, overrides}) or a whole pack.
      const body = JSON.parse(fs.readFileSync(std, 'utf8'));
      pack = body.extends && typeof body.extends === 'string' ? resolveLocalPack(LocalPackInputSchema.parse(body), 1, loadStandard(body.extends)) : StandardPackSchema.parse(body);
    } else pack = loadStandard(std);
  } catch (e) {
    fail((e as Error).message);
  }
  try {
    const { schools, warnings } = readFlatSchools(await readTable(fs.readFileSync(file), path.basename(file)), path.basename(file), pack);
    // Warnings go to stderr, once per column; --strict refuses the file instead of evaluating without those columns.
    for (const w of warnings) process.stderr.write(`警告 / warning: ${w}\n`);
    if (opts.strict && warnings.length) fail(`--strict: ${warnings.length} 条警告，未评估 / ${warnings.length} warning(s): not evaluated`);
    const result = evaluateDistrict(pack, schools);
    if (opts.json) return console.log(JSON.stringify(toCliJson(result), null, 2)); // snake_case school keys, as always
    for (const [level, r] of Object.entries(result.levels)) {
      if (!r.schools.length) continue;
      console.log(`${level}: ${r.pass ? '达标 pass' : '未达标 fail'}${r.schoolsPassing === null ? '' : ` (${r.schoolsPassing}/${r.counted} schools pass)`}`);
      for (const i of r.indicators)
        console.log(`  ${i.key.padEnd(34)} CV ${i.cv === null ? '—' : i.cv.toFixed(4)}${i.limit === null ? '' : ` ≤ ${i.limit}  ${i.pass ? 'ok' : 'FAIL'}  gap ${r.totalGaps[i.key]}`}`);
      if (r.composite) console.log(`  综合差异系数 composite CV ${r.composite.cv === null ? '—' : r.composite.cv.toFixed(4)} ≤ ${r.composite.limit}  ${r.composite.pass ? 'ok' : 'FAIL'}`);
    }
  } catch (e) {
    if (e instanceof FlatInputError) fail([...e.warnings.map((w) => `警告 / warning: ${w}`), e.message].join('\n'));
    if (/xlsx/.test((e as Error).message)) fail((e as Error).message);
    throw e;
  }
}

await main();
