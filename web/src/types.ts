// Shapes of the HTTP API (docs/api.md). Registry types are shared with the server.
import type { StatField } from '../../src/registry/fields.js';
import type { School as RegistrySchool, StatStatus } from '../../src/registry/model.js';
import type { ClassSize, GradeEnrolment, ImportProblem, SchoolYearRecord } from '../../src/registry/types.js';

import type { API, ResponseOf } from './client.js';

export type { StatField, StatStatus, ClassSize, GradeEnrolment, ImportProblem, SchoolYearRecord };

export type Role = 'admin' | 'analyst' | 'clerk' | 'inspector' | 'viewer';

/** The signed-in user with their capabilities (GET /api/auth/me). */
export type Me = ResponseOf<typeof API.auth.me>['user'];

export type School = Omit<RegistrySchool, 'districtId'> & { districtId?: string };

export interface SchoolRow extends School {
  students: number | null;
  classes: number | null;
  teachers: number | null;
  maxClassSize: number | null;
  status: StatStatus | null;
}

/** One choice of a vocabulary list (level, location, ownership …) as the meta endpoint may send it. */
export interface Choice {
  value: string;
  zh: string;
  en: string;
}

export interface Meta {
  fields: StatField[];
  topics: { key: string; zh: string; en: string }[];
  grades: { zh: string[]; en: string[] };
  levels: Choice[];
  ownerships: Choice[];
  locations: Choice[];
  statuses: Choice[];
  gradesOfLevel: Record<string, number[]>;
  rules: { id: string; zh: string; en: string }[];
}

export interface YearInfo {
  year: number;
  isCurrent: boolean;
}

export type Band = '≤45' | '46–50' | '51–55' | '56–65' | '≥66';

export interface Overview {
  districtId: string;
  districtName: string;
  year: number;
  schools: number;
  students: number;
  teachers: number;
  classes: number;
  byLevel: { level: string; schools: number; students: number; classes: number }[];
  byLocation: { location: string; schools: number; students: number }[];
  statusCounts: Record<StatStatus, number>;
  classSizeBands: { band: Band | string; classes: number }[];
  trend: { year: number; students: number; teachers: number; classes: number }[];
  largestClasses: { schoolCode: string; schoolName: string; grade: number; classNo: number; size: number }[];
}

export interface ReviewItem {
  schoolCode: string;
  schoolName: string;
  level: string;
  status: StatStatus;
  submittedBy: string | null;
  submittedAt: string | null;
  students: number | null;
  problems: number;
}

export interface AuditRow {
  id: number | string;
  at: string;
  username: string;
  action: string;
  entity: string;
  entityKey: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  detail: string | null;
}

export interface UserRow {
  username: string;
  displayName: string;
  role: Role;
  schoolCode: string | null;
  disabled: boolean;
  assignedSchools: string[];
}

export interface ImportResult {
  ok: true;
  schools: number | string[];
  changedFields: number | unknown[];
  unchanged: boolean;
}

export interface FieldProblem {
  field: string;
  reason: string;
}
