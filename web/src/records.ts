// Rules about a school's yearly record that several pages share.
import { isBureau } from './session.js';
import type { Me, SchoolYearRecord } from './types.js';
import { sum } from './util.js';

/** What the user may do with a school's figures (mirrors the server's rules in docs/api.md). */
export function statPermissions(me: Me, code: string, rec: Pick<SchoolYearRecord, 'status'> | null) {
  const own = me.role === 'clerk' && me.schoolCode === code;
  const bureau = isBureau(me.role);
  const st = rec?.status ?? 'draft';
  return {
    edit: (own && (st === 'draft' || st === 'returned')) || (bureau && st !== 'approved'),
    submit: (own || bureau) && (st === 'draft' || st === 'returned'),
    review: bureau && st === 'submitted',
    reopen: bureau && st === 'approved',
  };
}

export const studentsOfRecord = (r: Pick<SchoolYearRecord, 'enrolments'>) => sum(r.enrolments.map((e) => e.students));

/** The server answers with an empty draft when nothing was reported yet. */
export const isEmptyRecord = (r: SchoolYearRecord) =>
  r.enrolments.length === 0 && r.classes.length === 0 && Object.values(r.values ?? {}).every((v) => v == null);
