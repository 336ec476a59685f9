// The HTTP contract of planning: forecast. Pure module (zod and types only): the web imports it.
export const forecastApi = {};
