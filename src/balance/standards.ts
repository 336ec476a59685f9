// Standards packs: versioned data files in ./standards/, validated on load.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number written as a string, e.g. "4.2"');
const ByLevel = z.object({ 小学: Decimal, 初中: Decimal });
export const StandardPackSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  name: z.string(),
  nameEn: z.string(),
  basis: z.string(),
  levels: z.array(z.enum(['小学', '初中'])),
  indicators: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9_]+$/),
        zh: z.string(),
        en: z.string(),
        unitZh: z.string(),
        unitEn: z.string(),
        scale: z.union([z.literal(1), z.literal(100)]),
        count: z.boolean(), // counted in whole units (teachers, rooms): gaps round up to integers
        fields: z.array(z.string()).min(1), // registry fields summed into the numerator
        threshold: ByLevel,
      }),
    )
    .min(1),
  schoolRule: z.object({ minMet: z.number().int().min(0), remainderMinShare: Decimal, remainderNote: z.string().optional() }),
  cvLimit: ByLevel,
  exclusions: z.object({ teachingPointMinStudents: z.number().int().min(0) }),
  classSize: z.object({ standard: z.object({ 小学: z.number().int(), 初中: z.number().int() }), large: z.number().int(), huge: z.number().int(), note: z.string().optional() }),
});
export type StandardPack = z.infer<typeof StandardPackSchema>;
export type Indicator = StandardPack['indicators'][number];
export type BalanceLevel = '小学' | '初中';

const DIR = fileURLToPath(new URL('./standards/', import.meta.url));
export const BUILT_IN_STANDARDS = ['national-2017-quality'] as const;

// Built-in packs are read and validated once per process, not on every request.
const loaded = new Map<string, StandardPack>();

export function loadStandard(id: string): StandardPack {
  const cached = loaded.get(id);
  if (cached) return cached;
  if (!/^[a-z0-9-]+$/.test(id) || !fs.existsSync(`${DIR}${id}.json`)) throw new Error(`unknown standard ${id}; built in: ${BUILT_IN_STANDARDS.join(', ')}`);
  const pack = StandardPackSchema.parse(JSON.parse(fs.readFileSync(`${DIR}${id}.json`, 'utf8')));
  loaded.set(id, pack);
  return pack;
}
