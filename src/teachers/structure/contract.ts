// The HTTP contract of teachers: structure. Pure module (zod and types only): the web imports it.
export const structureApi = {};
