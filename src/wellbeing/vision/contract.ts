// The HTTP contract of vision screening (视力筛查, 近视率). Pure module (zod and types only): the web imports it.
export const visionApi = {};
