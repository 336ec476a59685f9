// Marks of a score cell, as the import builds them and exam_results.marks stores them (schema.ts re-exports them):
// a module without dependencies, so that `junheng exam report` loads no database code.
export const MARK_NORMAL = 0;
/** 缺考, an empty cell, or (long sheets) no row for the subject. */
export const MARK_ABSENT = 1;
/** 作弊: the score is void; counted as absent. */
export const MARK_VOIDED = 2;
/** 免考 */
export const MARK_EXEMPT = 3;
