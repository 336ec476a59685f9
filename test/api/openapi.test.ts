// One API description: OpenAPI 3.1 from the contracts, served by the server, and docs/api.md generated
// from it — this test fails when docs/api.md is stale (run npm run docs:api).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/contracts.js';
import { openApiDocument } from '../../src/core/http/openapi.js';
import { apiMarkdown, typeText } from '../../src/core/http/api-markdown.js';
import { VERSION } from '../../src/core/version.js';
import { testApp } from '../helpers.js';

type Json = Record<string, any>;
const doc: Json = openApiDocument(API, VERSION);

describe('OpenAPI description', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  it('is OpenAPI 3.1 with one operation per contract route, each with its policy and path parameters', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Json).flatMap(([path, o]) => Object.entries(o as Json).map(([m, op]) => ({ path, m, op: op as Json })));
    const routes = Object.values(API).flatMap((c) => Object.values(c));
    expect(ops.length).toBe(routes.length);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    for (const { path, op } of ops) {
      expect(op['x-policy'], path).toBeTruthy();
      expect(op.responses['200'], path).toBeTruthy();
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      const declared = (op.parameters as Json[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared, path).toEqual(inPath);
    }
  });

  it('is served at /api/openapi.json and as a page at /api/docs, without sign-in', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/api/auth/login');
  });

  it('docs/api.md is generated from it and up to date (npm run docs:api)', () => {
    const md = fs.readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    expect(md === apiMarkdown(doc), 'docs/api.md is stale: run npm run docs:api').toBe(true);
  });

  it('writes schemas as compact types', () => {
    expect(typeText({ type: 'object', properties: { a: { type: 'string' }, b: { type: ['number', 'null'] } }, required: ['a'] })).toBe('{ a: string; b?: number | null }');
    expect(typeText({ type: 'array', items: { enum: ['x', 'y'] } })).toBe('("x" | "y")[]');
    expect(typeText({ type: 'object', additionalProperties: { type: 'integer' } })).toBe('{ [key]: integer }');
  });
});
