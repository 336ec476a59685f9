// The HTTP contract of planning: pairing. Pure module (zod and types only): the web imports it.
export const pairingApi = {};
