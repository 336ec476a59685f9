// The HTTP contract of homework and sleep (课业负担与睡眠, 双减). Pure module (zod and types only): the web imports it.
export const burdenApi = {};
