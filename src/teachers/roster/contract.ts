// The HTTP contract of teachers: roster. Pure module (zod and types only): the web imports it.
export const rosterApi = {};
