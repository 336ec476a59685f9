// GET /api/health asks the database (`select 1`) and reports the version: 200 while the database
// answers, 503 once it does not (here: closed under the running server), logged at error level.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server.js';
import { freshDatabase } from '../helpers.js';
import type { Database } from '../../src/core/db/index.js';

const VERSION = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
const lines: string[] = [];

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp(database, { logger: { level: 'info', stream: { write: (s: string) => void lines.push(s) } } });
});
afterAll(async () => {
  await app.close();
});

describe('GET /api/health', () => {
  it('answers 200 with the version and the kind of database while the database answers', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', version: VERSION, database: database.kind });
  });

  it('answers 503 when the database does not answer, and the failure is logged', async () => {
    await database.close();
    const r = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'probe-1' } });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ status: 'unavailable', version: VERSION, database: database.kind });
    expect(r.json().message).toMatch(/数据库.* \/ the database/);
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === 'probe-1');
    expect(line).toMatchObject({ level: 50, req: { route: '/api/health' }, res: { statusCode: 503 } });
  });
});
