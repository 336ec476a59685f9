// The HTTP contract of planning: map. Pure module (zod and types only): the web imports it.
export const mapApi = {};
