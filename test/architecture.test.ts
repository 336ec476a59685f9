// The shape of the code, checked: no runtime import cycles in src, a core that imports no capability, and no
// capability reading another's tables (its schema.ts or store.ts) — it goes through that capability's service.
// Type-only imports are erased at build time and do not count.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const CAPABILITIES = ['registry', 'balance', 'exams', 'growth', 'teachers', 'improvement', 'admissions', 'planning', 'wellbeing'];

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Runtime imports of a file: `import … from`, `export … from` and `import()`, without `import type` / `export type`. */
export function runtimeImports(source: string): string[] {
  const out: string[] = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/gm)) if (!m[2]) out.push(m[4]);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const files = walk(SRC);
const graph = new Map<string, string[]>();
for (const f of files) {
  const deps = runtimeImports(fs.readFileSync(f, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(f), s).replace(/\.js$/, '.ts'))
    .filter((p) => fs.existsSync(p));
  graph.set(f, deps);
}
const rel = (f: string) => path.relative(SRC, f);
const areaOf = (f: string) => rel(f).split(path.sep)[0];

describe('architecture', () => {
  it('finds runtime imports and skips type-only ones', () => {
    const src =
      "import type { A } from './a.js';\nimport { B } from './b.js';\nexport { C } from './c.js';\nexport type { D } from './d.js';\nconst e = await import('./e.js');\n// import { F } from './f.js';";
    expect(runtimeImports(src).sort()).toEqual(['./b.js', './c.js', './e.js']);
  });

  it('has no runtime import cycle in src', () => {
    const cycles: string[] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 1);
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].map(rel).join(' → '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 2);
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('core imports no capability, nor the wiring', () => {
    const bad = files.filter((f) => areaOf(f) === 'core').flatMap((f) => (graph.get(f) ?? []).filter((d) => areaOf(d) !== 'core').map((d) => `${rel(f)} → ${rel(d)}`));
    expect(bad).toEqual([]);
  });

  it("no capability reads another capability's tables or store", () => {
    const bad = files
      .filter((f) => CAPABILITIES.includes(areaOf(f)))
      .flatMap((f) =>
        (graph.get(f) ?? [])
          .filter((d) => CAPABILITIES.includes(areaOf(d)) && areaOf(d) !== areaOf(f) && /(^|\/)(schema|store)\.ts$/.test(rel(d).split(path.sep).join('/')))
          .map((d) => `${rel(f)} → ${rel(d)}`),
      );
    expect(bad).toEqual([]);
  });
});
