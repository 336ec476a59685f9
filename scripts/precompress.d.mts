// Types of precompress.mjs.
export const COMPRESSIBLE: RegExp;
export function precompress(dir: string): Promise<{ files: number; bytes: number; br: number; gz: number }>;
