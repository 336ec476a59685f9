// The HTTP contract of teachers: moves. Pure module (zod and types only): the web imports it.
export const movesApi = {};
