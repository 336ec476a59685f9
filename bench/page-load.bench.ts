// First page load on loopback, the server started from the compiled build (`junheng serve` from dist/,
// assets precompressed at build time). Target: well under 1 s (issue 9).
// 1. HTTP: index.html and every script and style sheet it links, as a browser fetches them (br accepted,
//    up to 6 connections, new connections each run); median of 15.
// 2. Chromium (headless, /usr/bin/chromium via playwright-core) when present: a new profile each run
//    (cold cache), time to the load event and to the sign-in form on screen; median of 7; then the
//    same page again with the cache warm (immutable assets are not asked for again).
import http from 'node:http';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { findChromium } from '../src/core/pdf.js';
import { ensureBuild, median, startServer } from './production.js';
import type { BenchResult } from './types.js';

/** Runs in the page (a string: no DOM types here): the load event's time and the bytes transferred. */
const NAVIGATION = `(() => {
  const n = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const bytes = resources.reduce((s, e) => s + e.transferSize, n.transferSize);
  // transferSize 0: taken from the browser's cache without asking the server
  return { load: n.loadEventEnd, bytes, resources: resources.length, cached: resources.filter((e) => e.transferSize === 0).length };
})()`;

function get(agent: http.Agent, url: string): Promise<{ status: number; body: Buffer; encoding: string | undefined; cache: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'accept-encoding': 'br, gzip, deflate' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts), encoding: res.headers['content-encoding'], cache: res.headers['cache-control'] }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function httpLoad(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const t = performance.now();
  const index = await get(agent, url);
  const html = (index.encoding === 'br' ? zlib.brotliDecompressSync(index.body) : index.body).toString();
  const links = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]))];
  const assets = await Promise.all(links.map((l) => get(agent, new URL(l, url).href)));
  const ms = performance.now() - t;
  agent.destroy();
  const all = [index, ...assets];
  if (all.some((r) => r.status !== 200)) throw new Error(`not every file answered 200: ${all.map((r) => r.status).join(',')}`);
  return {
    ms,
    files: all.length,
    bytes: all.reduce((n, r) => n + r.body.length, 0),
    brotli: all.filter((r) => r.encoding === 'br').length,
    immutable: assets.filter((r) => /immutable/.test(r.cache ?? '')).length,
  };
}

export default async function (): Promise<BenchResult[]> {
  const built = ensureBuild(['server', 'web']);
  const server = await startServer();
  const results: BenchResult[] = [];
  try {
    for (let i = 0; i < 3; i++) await httpLoad(server.url);
    const runs = [];
    for (let i = 0; i < 15; i++) runs.push(await httpLoad(server.url));
    const r = runs[0];
    results.push({
      name: 'first page over HTTP: index.html + its JS/CSS (median)',
      value: median(runs.map((x) => x.ms)) / 1000,
      unit: 's',
      target: 1,
      note: `${r.files} files, ${Math.round(r.bytes / 1024)} KB on the wire; ${r.brotli}/${r.files} brotli, ${r.immutable}/${r.files - 1} immutable; server ready in ${server.startSeconds.toFixed(1)} s; ${built}`,
    });

    const exe = findChromium();
    if (!exe) {
      results.push({ name: 'first page in Chromium', value: NaN, unit: 's', note: 'skipped: no Chromium (apt install chromium)' });
      return results;
    }
    const browser = await chromium.launch({
      executablePath: exe,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const cold: { load: number; form: number; bytes: number }[] = [];
      let warm = { load: NaN, resources: 0, cached: 0 };
      for (let i = 0; i < 8; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const t = performance.now();
        await page.goto(server.url, { waitUntil: 'load' });
        await page.waitForSelector('input[type="password"]', { timeout: 30_000 });
        const form = performance.now() - t;
        const nav = await page.evaluate<{ load: number; bytes: number }>(NAVIGATION);
        if (i > 0) cold.push({ load: nav.load, form, bytes: nav.bytes }); // the first run warms Chromium itself
        if (i === 7) {
          await page.goto(server.url, { waitUntil: 'load' });
          warm = await page.evaluate<{ load: number; resources: number; cached: number }>(NAVIGATION);
        }
        await context.close();
      }
      results.push({
        name: 'first page in Chromium, cold cache: load event (median)',
        value: median(cold.map((c) => c.load)) / 1000,
        unit: 's',
        target: 1,
        note: `${cold.length} runs, headless ${exe}; ${Math.round(cold[0].bytes / 1024)} KB transferred`,
      });
      results.push({
        name: 'first page in Chromium, cold cache: sign-in form on screen (median)',
        value: median(cold.map((c) => c.form)) / 1000,
        unit: 's',
        target: 1,
        note: 'from goto to the password field',
      });
      results.push({ name: 'same page again, warm cache: load event', value: warm.load / 1000, unit: 's', note: `${warm.cached} of ${warm.resources} files from the cache without a request` });
    } finally {
      await browser.close();
    }
  } finally {
    const code = await server.stop();
    results.push({ name: 'junheng serve: exit code on SIGTERM', value: code ?? NaN, unit: '', pass: code === 0, note: 'the bench stops the server as an operator would' });
  }
  return results;
}
