// OpenAPI 3.1 from the route contracts. zod 4 writes JSON Schema 2020-12, which is OpenAPI 3.1's own
// schema dialect, so each schema goes in as zod writes it. Served at /api/openapi.json and rendered
// as a page at /api/docs; docs/api.md is generated from the same document (npm run docs:api).
import { z } from 'zod';
import { CAPABILITIES } from '../auth/policy.js';
import { ErrorBody, type AnyEndpoint, type Contract } from './contract.js';
import { typeText } from './api-markdown.js';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  try {
    const j = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
    delete j.$schema;
    return j;
  } catch (e) {
    return { description: `schema not representable: ${(e as Error).message}` };
  }
}

/** Query and path parameters from an object schema. */
function parametersOf(s: z.ZodType, where: 'query' | 'path'): Json[] {
  const j = schemaOf(s, 'input');
  const props = (j.properties ?? {}) as Record<string, Json>;
  const required = new Set((j.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema,
    ...(schema.description ? { description: schema.description } : {}),
  }));
}

export function policyText(e: AnyEndpoint): string {
  const cap = e.policy.capability;
  if (cap === 'public') return 'public (no sign-in)';
  const roles = Object.entries(CAPABILITIES[cap]).map(([role, scope]) => `${role}: ${scope}`);
  return `${cap} — ${roles.join(', ')}${e.policy.school ? ` (school checked: ${e.policy.school.in}.${e.policy.school.name})` : ''}`;
}

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html',
} as const;

export function openApiDocument(contracts: Record<string, Contract>, version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [area, contract] of Object.entries(contracts)) {
    for (const [key, e] of Object.entries(contract)) {
      const oaPath = e.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
      const op: Json = {
        operationId: `${area}.${key}`,
        summary: e.summary,
        tags: e.tags,
        'x-policy': e.policy,
        description: `Permission: ${policyText(e)}`,
        parameters: [...parametersOf(e.params, 'path'), ...parametersOf(e.query, 'query')],
        responses: {
          '200':
            e.produces === 'json'
              ? { description: 'OK', content: { 'application/json': { schema: schemaOf(e.response, 'output') } } }
              : { description: 'OK', content: { [FILE_TYPES[e.produces]]: { schema: { type: 'string', format: 'binary' } } } },
          '4XX': { description: 'Error (400 invalid, 401 not signed in, 403 not allowed, 404, 409, 413, 422, 429)', content: { 'application/json': { schema: schemaOf(ErrorBody, 'output') } } },
        },
      };
      if (e.upload)
        op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } };
      else if (e.method !== 'GET') {
        // A route whose body declares no field (an action such as sign-out) takes none.
        const body = schemaOf(e.body, 'input');
        if (body.type !== 'object' || Object.keys((body.properties as Json | undefined) ?? {}).length > 0) op.requestBody = { required: true, content: { 'application/json': { schema: body } } };
      }
      (paths[oaPath] ??= {})[e.method.toLowerCase()] = op;
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Junheng 均衡 API', version, description: 'The HTTP API of Junheng. Sessions are cookies; every state-changing request carries the x-csrf-token header.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
  };
}

/** A readable page of the API: a contents list by tag, then each route with its permission and compact types. */
export function openApiHtml(doc: Json): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0];
      const id = esc(String(op.operationId));
      const params = (op.parameters as Json[]) ?? [];
      const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: unknown }> | undefined;
      const ok = ((op.responses as Json)['200'] as Json).content as Record<string, { schema: unknown }>;
      const [rtype, { schema: rs }] = Object.entries(ok)[0];
      const rows = [
        params.length
          ? `<dt>Parameters</dt><dd><pre>${esc(params.map((p) => `${String(p.name)}${p.in === 'query' && !p.required ? '?' : ''}: ${typeText(p.schema)}${p.in === 'path' ? '   (path)' : ''}`).join('\n'))}</pre></dd>`
          : '',
        body ? `<dt>Body${Object.keys(body)[0] === 'application/json' ? '' : ` (${esc(Object.keys(body)[0])})`}</dt><dd><pre>${esc(typeText(Object.values(body)[0].schema))}</pre></dd>` : '',
        rtype === 'application/json' ? `<dt>Answer</dt><dd><pre>${esc(typeText(rs))}</pre></dd>` : `<dt>Answer</dt><dd>a file (<code>${esc(rtype)}</code>)</dd>`,
      ].join('');
      (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(
        `<section id="${id}"><h3><code>${method.toUpperCase()} ${esc(path)}</code></h3><p>${esc(String(op.summary))}</p><p class="p">${esc(String(op.description))}</p><dl>${rows}</dl></section>`,
      );
      (toc.get(tag) ?? toc.set(tag, []).get(tag)!).push(`<li><a href="#${id}"><code>${method.toUpperCase()} ${esc(path)}</code></a></li>`);
    }
  }
  const contents = [...toc].map(([tag, items]) => `<li>${esc(tag)}<ul>${items.join('')}</ul></li>`).join('');
  const sections = [...byTag].map(([tag, items]) => `<h2>${esc(tag)}</h2>${items.join('\n')}`).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Junheng API</title><style>
body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1f2328}
h1{font-size:22px}h2{font-size:18px;margin:1.6em 0 .4em;border-bottom:2px solid #1d4ed8}h3{font-size:14px;margin:1.2em 0 .2em}
section{border-top:1px solid #d0d7de}pre{background:#f6f8fa;padding:.5em .7em;overflow:auto;max-height:360px;font-size:12px;margin:.2em 0}
.p{color:#57606a}dt{font-weight:600;font-size:12px;color:#57606a;margin-top:.4em}dd{margin:0}ul{margin:.2em 0}a{color:#1d4ed8;text-decoration:none}
</style></head><body><h1>Junheng 均衡 API ${esc(String((doc.info as Json).version))}</h1>
<p>${esc(String((doc.info as Json).description))} OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a></p><ul>${contents}</ul>${sections}</body></html>`;
}
