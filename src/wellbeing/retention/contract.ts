// The HTTP contract of the retention of pupil-level health data. Pure module (zod and types only): the web imports it.
export const retentionApi = {};
