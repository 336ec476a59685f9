// Shapes of the HTTP API, derived from the route contracts (src/*/contract.ts) the server validates
// its answers against — so the web and the server cannot drift apart.
import type { z } from 'zod';
import type { StatStatus } from '../../src/registry/model.js';
import type { ChoiceSchema, ImportProblemSchema, SchoolBody } from '../../src/registry/contract.js';
import type { Role } from '../../src/core/auth/roles.js';
import type { API, ResponseOf } from './client.js';

export type { Role, StatStatus };

/** The signed-in user with their capabilities (API.auth.me). */
export type Me = ResponseOf<typeof API.auth.me>['user'];
/** An account as the administrator sees it (API.auth.listUsers). */
export type UserRow = ResponseOf<typeof API.auth.listUsers>['users'][number];
/** One entry of the audit log (API.audit.list). */
export type AuditRow = ResponseOf<typeof API.audit.list>['rows'][number];

/** The statistics, vocabularies and rules (API.registry.meta). */
export type Meta = ResponseOf<typeof API.registry.meta>;
export type StatField = Meta['fields'][number];
/** One value of a vocabulary list (level, location, ownership, status) with its labels. */
export type Choice = z.output<typeof ChoiceSchema>;
export type YearInfo = ResponseOf<typeof API.registry.years>['years'][number];

/** A school's card (API.registry.getSchool). */
export type School = ResponseOf<typeof API.registry.getSchool>['school'];
/** What the school form sends (API.registry.createSchool, API.registry.updateSchool). */
export type SchoolInput = z.input<typeof SchoolBody> & { code: string };
/** A school with its headline figures of a year (API.registry.listSchools). */
export type SchoolRow = ResponseOf<typeof API.registry.listSchools>['schools'][number];

/** A school's figures of one year with their workflow state (API.registry.getRecord). */
export type SchoolYearRecord = ResponseOf<typeof API.registry.getRecord>['record'];
export type GradeEnrolment = SchoolYearRecord['enrolments'][number];
export type ClassSize = SchoolYearRecord['classes'][number];

export type Overview = ResponseOf<typeof API.registry.overview>;
export type Band = Overview['classSize']['bands'][number]['band'];
export type ReviewItem = ResponseOf<typeof API.registry.review>['items'][number];

/** The answer of an accepted upload (API.registry.import). */
export type ImportResult = ResponseOf<typeof API.registry.import>;
/** A problem of an uploaded file (the `problems` of a 422 answer). */
export type ImportProblem = z.output<typeof ImportProblemSchema>;

/** A problem of a form's data (the `problems` of a 400 answer): a field key and the reason. */
export interface FieldProblem {
  field: string;
  reason: string;
}
