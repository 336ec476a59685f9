// npm run docs:api — write docs/api.md from the route contracts (through the OpenAPI document).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API } from '../src/contracts.js';
import { openApiDocument } from '../src/core/http/openapi.js';
import { apiMarkdown } from '../src/core/http/api-markdown.js';
import { VERSION } from '../src/core/version.js';

const out = fileURLToPath(new URL('../docs/api.md', import.meta.url));
fs.writeFileSync(out, apiMarkdown(openApiDocument(API, VERSION)));
console.log(`wrote ${out}`);
