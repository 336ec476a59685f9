// Who may do what: the one permission table of the server and the web (which reads it through
// GET /api/auth/me). Every route names one capability of this table in its contract; one preHandler
// (core/http/routes.ts) enforces it, so no route or page checks a role by hand.
//
// A capability maps each role that holds it to a scope:
//   all        — every school of the district
//   assigned   — the schools an inspector is assigned to (督学挂牌学校)
//   own        — the clerk's own school
//   aggregates — district / school aggregates only, never a school's detailed figures or a student row
//   self       — the user's own account (sign-out, password)
// A role missing from a capability's map does not hold it (403).
// Pure module: no Node imports, so the web may import it too.
import type { CurrentUser, Role } from './roles.js';

export type Scope = 'all' | 'assigned' | 'own' | 'aggregates' | 'self';

const BUREAU = { admin: 'all', analyst: 'all' } as const;

export const CAPABILITIES = {
  /** Sign-out, change one's own password, read one's own account. */
  'account.self': { admin: 'self', analyst: 'self', clerk: 'self', inspector: 'self', viewer: 'self', health: 'self', personnel: 'self' },
  /** Accounts of the district: list, create, change, reset passwords. */
  'users.manage': { admin: 'all' },
  /** The audit log (who changed what). */
  'audit.read': { ...BUREAU },

  /** The school list, one school's card, the district overview (学校名录). */
  'schools.read': { ...BUREAU, viewer: 'aggregates', clerk: 'own', inspector: 'assigned', health: 'aggregates', personnel: 'aggregates' },
  /** Create and edit schools in the registry. */
  'schools.edit': { ...BUREAU },
  /** A school's detailed yearly figures (students per grade, classes, teachers, areas …), the template and the export. */
  'stats.read': { ...BUREAU, clerk: 'own', inspector: 'assigned' },
  /** Enter, upload and submit a school's yearly figures (填报). */
  'stats.edit': { ...BUREAU, clerk: 'own' },
  /** Approve, return and reopen submitted figures (审核). */
  'stats.review': { ...BUREAU },

  /** The balance evaluation (均衡评估): CVs, compliance, gaps, plan, trend, class sizes, its reports. An inspector's
   *  per-school rows, PDFs and exports are the assigned schools' (the district figures still cover every school). */
  'balance.read': { ...BUREAU, inspector: 'assigned' },
  /** Save an evaluation with the pack and version it used. */
  'balance.save': { ...BUREAU },
  /** Create and edit local standards packs. */
  'standards.edit': { admin: 'all' },

  /** Exams and their aggregate reports (三率一分, distributions, school table). */
  'exams.read': { ...BUREAU, clerk: 'own', inspector: 'all', viewer: 'aggregates', health: 'aggregates' },
  /** Create and change exams, import scores, follow import jobs. */
  'exams.manage': { ...BUREAU },
  /** Delete an exam with all its scores. */
  'exams.delete': { admin: 'all' },
  /** Ranks (名次) of students and the order of schools, in an exam that hides them from the public (clerks, viewers). */
  'exams.ranks': { ...BUREAU, inspector: 'all' },
  /** Student rows: scores, ranks, growth of individual students (no names unless 'students.names'). */
  'students.read': { ...BUREAU, clerk: 'own', inspector: 'assigned' },
  /** Students' names beside their rows. */
  'students.names': { ...BUREAU, clerk: 'own' },

  /** Value-added, growth percentiles and targets (增值评价) by school. */
  'growth.read': { ...BUREAU, clerk: 'own', inspector: 'all', viewer: 'aggregates', health: 'aggregates' },

  /** Admission draws (电脑派位) and the 公民同招 report; applicants' names masked. */
  'admissions.read': { ...BUREAU, inspector: 'all' },
  /** Applicants' names in full: the bureau's only. */
  'admissions.names': { ...BUREAU },
  /** Create draws, import applicants, publish the list, run the draw, publish the result. */
  'admissions.manage': { ...BUREAU },

  /** Student wellbeing aggregates (体质健康达标率, 近视率, 课业负担 …) by school; small cells withheld from callers
   *  without 'wellbeing.pupils' for the school. */
  'wellbeing.read': { ...BUREAU, clerk: 'own', inspector: 'assigned', viewer: 'aggregates', health: 'all' },
  /** Import fitness, vision and homework/sleep results; the retention setting. */
  'wellbeing.manage': { ...BUREAU, health: 'all' },
  /** Pupil-level health rows (fitness, vision, sleep and homework) and their exports: sensitive personal information of
   *  minors (个人信息保护法 第28、31条), for the bureau's health staff and the pupil's own school only; every read audited. */
  'wellbeing.pupils': { health: 'all', clerk: 'own' },

  /** Satisfaction survey results (社会认可度) by school: aggregates, cells under the minimum withheld. */
  'surveys.read': { ...BUREAU, clerk: 'own', inspector: 'assigned', viewer: 'aggregates', health: 'aggregates' },
  /** Questionnaires, surveys, sampling plans and access codes. */
  'surveys.manage': { ...BUREAU },

  /** Planning (规划): seat forecasts with their backtest, classes and classrooms needed, pairings (教共体) and the layout
   *  map — school aggregates, no pupil or teacher rows. */
  'planning.read': { ...BUREAU, inspector: 'all', viewer: 'aggregates' },
  /** The planning inputs (townships, classroom stock, births, new housing, map layers) and confirmed pairings. */
  'planning.manage': { ...BUREAU },
  /** Teacher-exchange plans (交流轮岗): teachers' rows (id, subject, 骨干, years at the school, age) — the bureau only;
   *  build, edit, lock and export a plan. */
  'planning.exchange': { ...BUREAU, personnel: 'all' },

  /** The teaching staff's aggregates by school (教师队伍): roster counts, age and title structure, 骨干 and postgraduate
   *  shares with their 差异系数, the 梯队 against its targets, the share of teachers meeting the training hours, the
   *  yearly exchange rules — no teacher's row. */
  'teachers.read': { ...BUREAU, personnel: 'all', clerk: 'own', inspector: 'assigned', viewer: 'aggregates' },
  /** Teachers' rows (name, birth year, 学历, 职称, training, moves) and their exports: personal information, for the
   *  bureau's personnel staff (人事) and the teacher's own school only; every read audited. */
  'teachers.roster': { personnel: 'all', clerk: 'own' },
  /** Import and edit a school's roster (while its statistics are open) and its teachers' attendance. */
  'teachers.edit': { personnel: 'all', clerk: 'own' },
  /** Training courses, moves recorded by hand (交流、支教、调动) and the teacher targets: the personnel staff. */
  'teachers.manage': { personnel: 'all' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

/** The scope in which a role holds a capability, or null when it does not. */
export function scopeOf(role: Role, cap: Capability): Scope | null {
  return (CAPABILITIES[cap] as Partial<Record<Role, Scope>>)[role] ?? null;
}

/** Every capability a role holds, with its scope: what /api/auth/me sends to the web. */
export function capabilitiesOf(role: Role): Partial<Record<Capability, Scope>> {
  const out: Partial<Record<Capability, Scope>> = {};
  for (const c of CAPABILITY_NAMES) {
    const s = scopeOf(role, c);
    if (s) out[c] = s;
  }
  return out;
}

/** The schools within a scope: 'all', or the list of codes. Aggregates cover all schools' aggregates. */
export function schoolsOf(user: Pick<CurrentUser, 'schoolCode' | 'assignedSchools'>, scope: Scope): 'all' | string[] {
  switch (scope) {
    case 'all':
    case 'aggregates':
      return 'all';
    case 'own':
      return user.schoolCode ? [user.schoolCode] : [];
    case 'assigned':
      return user.assignedSchools;
    case 'self':
      return [];
  }
}

/** May this user use the capability, and, when a school is named, for that school? */
export function allows(user: Pick<CurrentUser, 'role' | 'schoolCode' | 'assignedSchools'>, cap: Capability, school?: string | null): boolean {
  return inScope(user, scopeOf(user.role, cap), school);
}

/** Does a scope (null: the capability is not held) cover the school, or, with no school named, exist at all? The web's check too. */
export function inScope(user: Pick<CurrentUser, 'schoolCode' | 'assignedSchools'>, scope: Scope | null | undefined, school?: string | null): boolean {
  if (!scope) return false;
  if (school == null) return true;
  if (scope === 'self') return false;
  const schools = schoolsOf(user, scope);
  return schools === 'all' || schools.includes(school);
}

/** The scopes that see the district rather than one school: the overview and the school list. */
export const DISTRICT_WIDE: readonly Scope[] = ['all', 'assigned', 'aggregates'];
