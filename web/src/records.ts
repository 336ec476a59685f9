// Rules about a school's yearly record that several pages share.
import { allowedActions, rightsFor } from '../../src/registry/workflow.js';
import { can } from './session.js';
import type { Me, SchoolYearRecord } from './types.js';
import { sum } from './util.js';

/**
 * What the user may do with a school's figures now: the user's capabilities for the school (from the
 * server's permission table) through the server's own workflow rules (src/registry/workflow.ts).
 */
export function statPermissions(me: Me, code: string, rec: Pick<SchoolYearRecord, 'status'> | null) {
  const a = allowedActions(
    rightsFor((cap, school) => can(me, cap, school), code),
    rec?.status ?? 'draft',
  );
  return { edit: a.edit, submit: a.submit, review: a.approve && a.return, reopen: a.reopen };
}

export const studentsOfRecord = (r: Pick<SchoolYearRecord, 'enrolments'>) => sum(r.enrolments.map((e) => e.students));

/** The server answers with an empty draft when nothing was reported yet. */
export const isEmptyRecord = (r: SchoolYearRecord) => r.enrolments.length === 0 && r.classes.length === 0 && Object.values(r.values ?? {}).every((v) => v == null);
