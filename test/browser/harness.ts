// What every browser test starts from: the demo district on a fresh PGlite folder (first start, as `npm start`
// does it), the server on a free local port, and one headless Debian Chromium; and the sign-in through the form.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../../src/core/db/index.js';
import { bootstrap } from '../../src/bootstrap.js';
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

/** The demo on a new folder with the admin's password; `beforeListen` may add users or data first. */
export async function startDemo(adminPassword: string, beforeListen?: (app: App) => Promise<void>): Promise<DemoServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-browser-'));
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
