// The RBAC matrix over every route: each table file's rows run against a fresh test district.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';
import { runMatrix, type TestApp } from './matrix.js';
import { coreRows } from './core.matrix.js';
import { API } from '../../src/contracts.js';

describe('RBAC matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  it('core routes: system, sign-in, accounts, audit', async () => {
    await runMatrix(t, coreRows);
  });
});

describe('RBAC coverage', () => {
  it('every route of the contracts has a row, and every /api route of the server is a contract route', async () => {
    const t = await testApp();
    try {
      const declared = Object.entries(API).flatMap(([area, c]) => Object.keys(c).map((k) => `${area}.${k}`));
      const covered = new Set([...coreRows].map((r) => r.route));
      const missing = declared.filter((d) => !covered.has(d));
      expect(missing, 'routes without a matrix row').toEqual([]);
      const unknown = [...covered].filter((c) => !declared.includes(c));
      expect(unknown, 'matrix rows naming no route').toEqual([]);
      const served = (t.app as unknown as { routeList: { method: string; url: string; contract: boolean }[] }).routeList.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
      expect(served.filter((r) => !r.contract).map((r) => `${r.method} ${r.url}`), 'API routes not declared by a contract').toEqual([]);
    } finally {
      await t.close();
    }
  });
});
