// The production web app: precompressed assets (scripts/precompress.mjs, run by the vite build) sent by
// Accept-Encoding, hashed files under /assets/ cached for good, index.html revalidated, the SPA
// fallback, and a JSON 404 for API paths and for hashed files that do not exist. First on a small web
// root made here, then on the real build in web/dist (which `npm test` builds when it is stale).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHttpApp, serveWeb, WEB_DIST, IMMUTABLE } from '../../src/core/http/app.js';
import type { AuthService } from '../../src/core/auth/service.js';
import { precompress } from '../../scripts/precompress.mjs';

const noSessions = { fromCookie: async () => null } as unknown as AuthService;
const JS = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "行 ${i}" }`).join(', ')}];\n`;

let root: string;
let app: FastifyInstance;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-web-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(
    path.join(root, 'index.html'),
    `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div>${' '.repeat(600)}</body></html>`,
  );
  fs.writeFileSync(path.join(root, 'assets', 'index-AbC123.js'), JS);
  fs.writeFileSync(path.join(root, 'assets', 'tiny-Zz9.js'), 'x');
  const s = await precompress(root);
  expect(s.files).toBe(3);
  app = await createHttpApp(noSessions);
  await serveWeb(app, root);
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('precompressed static files', () => {
  it('the build step writes .br and .gz beside each file, only when smaller', () => {
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(root, 'assets', 'index-AbC123.js.br'))).toString()).toBe(JS);
    expect(zlib.gunzipSync(fs.readFileSync(path.join(root, 'assets', 'index-AbC123.js.gz'))).toString()).toBe(JS);
    expect(fs.statSync(path.join(root, 'assets', 'index-AbC123.js.br')).size).toBeLessThan(JS.length / 4);
    expect(fs.existsSync(path.join(root, 'assets', 'tiny-Zz9.js.br'))).toBe(false);
  });

  it('sends brotli, gzip or the plain file by Accept-Encoding, hashed assets immutable', async () => {
    const url = '/assets/index-AbC123.js';
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(JS);
    const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(JS);
    const plain = await app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    // A file too small to compress is sent as it is, even to a browser that accepts br.
    const tiny = await app.inject({ method: 'GET', url: '/assets/tiny-Zz9.js', headers: { 'accept-encoding': 'br' } });
    expect([tiny.statusCode, tiny.headers['content-encoding'], tiny.body]).toEqual([200, undefined, 'x']);
  });

  it('index.html and the SPA fallback are compressed and revalidated (no-cache)', async () => {
    for (const url of ['/', '/schools/2133000001', '/exams/3/students?q=abc']) {
      const r = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-encoding'], url).toBe('br');
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(r.rawPayload).toString()).toContain('<div id="root">');
    }
  });

  it('API paths and missing hashed files are JSON 404s, not the app', async () => {
    for (const url of ['/api/nothing', '/assets/index-OLD999.js']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('not_found');
    }
    // The compressed copies are not addressable routes of their own… and /assets/X.br is a 404 too.
    expect((await app.inject({ method: 'GET', url: '/assets/index-AbC123.js.br' })).statusCode).toBe(404);
  });
});

describe('the real build (web/dist)', () => {
  it('has a .br and a .gz beside every script and style sheet, and serves index.html’s assets precompressed', async () => {
    expect(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'web/dist is missing: npm test builds it (node scripts/build.mjs --web)').toBe(true);
    const assets = fs.readdirSync(path.join(WEB_DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    expect(assets.length).toBeGreaterThan(3);
    const big = assets.filter((f) => fs.statSync(path.join(WEB_DIST, 'assets', f)).size > 1024);
    for (const f of big) for (const ext of ['.br', '.gz']) expect(fs.existsSync(path.join(WEB_DIST, 'assets', f + ext)), f + ext).toBe(true);
    const real = await createHttpApp(noSessions);
    await serveWeb(real);
    try {
      const index = await real.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
      expect(index.headers['cache-control']).toBe('no-cache');
      const html = zlib.brotliDecompressSync(index.rawPayload).toString();
      const linked = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(linked.length).toBeGreaterThan(0);
      for (const url of linked) {
        const r = await real.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
        expect(r.statusCode, url).toBe(200);
        expect(r.headers['cache-control'], url).toBe(IMMUTABLE);
        if (r.rawPayload.length > 0 && fs.existsSync(path.join(WEB_DIST, url + '.br'))) expect(r.headers['content-encoding'], url).toBe('br');
      }
    } finally {
      await real.close();
    }
  });
});
