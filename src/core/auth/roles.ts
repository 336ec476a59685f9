// The roles and the signed-in user. What each role may do and see: the capability table of ./policy.ts.
export const ROLES = ['admin', 'analyst', 'clerk', 'inspector', 'viewer', 'health', 'personnel'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_ZH: Record<Role, string> = { admin: '管理员', analyst: '局科室', clerk: '学校填报员', inspector: '责任督学', viewer: '访客', health: '卫生健康专员', personnel: '人事专员' };

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

// What each role may do is not here: it is the capability table of ./policy.ts.
