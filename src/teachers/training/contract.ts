// The HTTP contract of teachers: training. Pure module (zod and types only): the web imports it.
export const trainingApi = {};
