// What every browser test starts from: the demo district on a fresh PGlite folder, the server on a free local port,
// and one headless Debian Chromium; and the sign-in through the form.
//
// The demo takes most of a minute to load, so a test run loads it once: the first browser test file to start builds
// a template folder (migrations and the demo data, no accounts) under a lock, the others wait for it, and each copies
// it and starts from there as `npm start` does (bootstrap creates the admin). The template belongs to one `vitest run`
// (JH_TEST_RUN, set by vitest.config.ts; test/global-setup.ts removes it at the end).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../../src/core/db/index.js';
import { bootstrap, loadDemo } from '../../src/bootstrap.js';
import { buildApp } from '../../src/server.js';
import { WEB_DIST } from '../../src/core/http/app.js';

export const CHROMIUM = '/usr/bin/chromium';
/** Browser tests run where Debian's chromium is installed and the web app is built (npm test builds it). */
export const hasBrowser = fs.existsSync(CHROMIUM) && fs.existsSync(path.join(WEB_DIST, 'index.html'));
/** Screenshots for a person to look at (not compared). */
export const SHOTS = path.resolve('.tmp/screenshots');

export type App = Awaited<ReturnType<typeof buildApp>>;

export interface DemoServer {
  database: Database;
  app: App;
  browser: Browser;
  /** http://127.0.0.1:PORT */
  base: string;
  close(): Promise<void>;
}

/** The folder of this test run's demo template (see the head of this file). */
export const demoTemplateDir = (run = process.env.JH_TEST_RUN ?? `pid-${process.pid}`) => path.join(os.tmpdir(), `jh-demo-template-${run}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The PGlite data folder holding the demo (migrated, demo loaded, no accounts), built once per test run. */
async function demoTemplate(): Promise<string> {
  const dir = demoTemplateDir();
  const data = path.join(dir, 'data');
  const lock = `${dir}.lock`;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'READY'))) return data;
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another test file is building it; a lock older than 15 minutes was left by a process that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (fs.existsSync(path.join(dir, 'READY'))) return data;
      fs.rmSync(dir, { recursive: true, force: true });
      const building = `${dir}.building`;
      fs.rmSync(building, { recursive: true, force: true });
      const database = await openDatabase({ dataDir: path.join(building, 'data') });
      try {
        await database.migrate();
        await loadDemo(database);
      } finally {
        await database.close();
      }
      fs.writeFileSync(path.join(building, 'READY'), new Date().toISOString());
      fs.renameSync(building, dir);
      return data;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** The demo on a new folder with the admin's password; `beforeListen` may add users or data first. */
export async function startDemo(adminPassword: string, beforeListen?: (app: App) => Promise<void>): Promise<DemoServer> {
  const template = await demoTemplate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-browser-'));
  fs.cpSync(template, path.join(dir, 'data'), { recursive: true });
  const database = await openDatabase({ dataDir: path.join(dir, 'data') });
  await bootstrap(database, { demo: 'auto', adminPassword });
  const app = await buildApp(database);
  await beforeListen?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    database,
    app,
    browser,
    base,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form and waits for the app to leave the sign-in page. */
export async function signInPage(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
}
