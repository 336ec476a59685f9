// The HTTP contract of satisfaction surveys (满意度调查, 社会认可度). Pure module (zod and types only): the web imports it.
export const surveysApi = {};
