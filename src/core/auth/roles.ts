// Roles and what each may see. Enforced on the server for every route.
export const ROLES = ['admin', 'analyst', 'clerk', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_ZH: Record<Role, string> = { admin: '管理员', analyst: '局科室', clerk: '学校填报员', inspector: '责任督学', viewer: '访客' };

export interface CurrentUser {
  districtId: string;
  districtName: string;
  username: string;
  displayName: string;
  role: Role;
  schoolCode: string | null;
  mustChangePassword: boolean;
  /** Schools an inspector is assigned to. */
  assignedSchools: string[];
}

export const isBureau = (u: CurrentUser) => u.role === 'admin' || u.role === 'analyst';

/** The schools whose figures a user may read: 'all' or a list of codes. */
export function schoolScope(u: CurrentUser): 'all' | string[] {
  switch (u.role) {
    case 'admin':
    case 'analyst':
    case 'viewer':
      return 'all';
    case 'clerk':
      return u.schoolCode ? [u.schoolCode] : [];
    case 'inspector':
      return u.assignedSchools;
  }
}

/** Detailed yearly statistics (per-field figures, classes) of one school. Viewers see aggregates only. */
export function canReadSchoolStats(u: CurrentUser, code: string): boolean {
  if (u.role === 'viewer') return false;
  const scope = schoolScope(u);
  return scope === 'all' || scope.includes(code);
}

export function canReadSchool(u: CurrentUser, code: string): boolean {
  const scope = schoolScope(u);
  return scope === 'all' || scope.includes(code);
}

/** Who may edit a school's yearly figures (the workflow state is checked separately). */
export function canEditSchoolStats(u: CurrentUser, code: string): boolean {
  return isBureau(u) || (u.role === 'clerk' && u.schoolCode === code);
}

/** Student-level rows (scores, ranks, growth): everyone in whose scope the school is, except viewers (aggregates only). */
export function canSeeStudents(u: CurrentUser, school: string): boolean {
  if (u.role === 'viewer') return false;
  const scope = schoolScope(u);
  return scope === 'all' || scope.includes(school);
}

/** Students' names: only the bureau and the clerk of the student's own school. */
export function canSeeStudentNames(u: CurrentUser, school: string): boolean {
  return isBureau(u) || (u.role === 'clerk' && u.schoolCode === school);
}
