// The HTTP contract of planning: exchange. Pure module (zod and types only): the web imports it.
export const exchangeApi = {};
