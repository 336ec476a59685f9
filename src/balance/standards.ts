// Standards packs: versioned data, validated on load. Built-in packs are files in ./standards/;
// a district's local packs live in the database (store.ts) as overrides of a built-in pack and
// are resolved here (resolveLocalPack), so both kinds reach the evaluator in the same shape.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_STANDARDS, isBuiltIn, StandardPackSchema, type LocalPackInput, type StandardPack } from './pack-schema.js';

export * from './pack-schema.js';

const DIR = fileURLToPath(new URL('./standards/', import.meta.url));

// Built-in packs are read and validated once per process, not on every request.
const loaded = new Map<string, StandardPack>();

export function loadStandard(id: string): StandardPack {
  const cached = loaded.get(id);
  if (cached) return cached;
  if (!isBuiltIn(id)) throw new Error(`unknown standard ${id}; built in: ${BUILT_IN_STANDARDS.join(', ')}`);
  const pack = StandardPackSchema.parse(JSON.parse(fs.readFileSync(`${DIR}${id}.json`, 'utf8')));
  loaded.set(id, pack);
  return pack;
}

/**
 * A local pack = its built-in base with the overrides applied. Unknown indicator keys and thresholds
 * on a pack without per-school standards are refused, so a typo cannot silently change nothing.
 */
export function resolveLocalPack(input: LocalPackInput, version: number, base: StandardPack): StandardPack {
  const o = input.overrides;
  const keys = new Set(base.indicators.map((i) => i.key));
  for (const k of [...Object.keys(o.thresholds ?? {}), ...Object.keys(o.unitCosts ?? {})]) {
    if (!keys.has(k)) throw new Error(`indicator ${k} is not in ${base.id}`);
  }
  if (o.thresholds && base.indicators.some((i) => !i.threshold && o.thresholds![i.key])) throw new Error(`${base.id} has no per-school thresholds to override`);
  if (o.schoolRule && !base.schoolRule) throw new Error(`${base.id} has no per-school rule to override`);
  if (o.schoolSize && !base.guarantees) throw new Error(`${base.id} has no school-size item to override`);
  if (o.schoolRule?.minMet !== undefined && o.schoolRule.minMet > base.indicators.length) throw new Error(`minMet ${o.schoolRule.minMet} exceeds the ${base.indicators.length} indicators`);
  return StandardPackSchema.parse({
    ...base,
    id: input.id,
    version,
    name: input.name,
    nameEn: input.nameEn || input.name,
    basis: input.basis || `${base.basis}；本地标准，在「${base.name}」第 ${base.version} 版的基础上调整`,
    extends: { id: base.id, version: base.version },
    indicators: base.indicators.map((i) => (i.threshold && o.thresholds?.[i.key] ? { ...i, threshold: { ...i.threshold, ...o.thresholds[i.key] } } : i)),
    cvLimit: { ...base.cvLimit, ...o.cvLimit },
    ...(base.schoolRule ? { schoolRule: { ...base.schoolRule, ...o.schoolRule } } : {}),
    classSize: { ...base.classSize, ...o.classSize, standard: { ...base.classSize.standard, ...o.classSize?.standard } },
    ...(base.guarantees ? { guarantees: { ...base.guarantees, schoolSize: { ...base.guarantees.schoolSize, ...o.schoolSize } } } : {}),
    ...(base.unitCosts || o.unitCosts ? { unitCosts: { ...base.unitCosts, ...o.unitCosts } } : {}),
  });
}
