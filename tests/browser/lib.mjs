// Harness for the browser tests: the real pagalba binary (started the same
// way as the HTTP tests) and Debian's Chromium driven by playwright-core.
// playwright-core and axe-core are devDependencies of web/ (npm ci there),
// so these tests need nothing of their own and never download a browser.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, stopServer, ROOT, DEMO_PASSWORD, USERS, loginAs } from '../http/lib.mjs';

export { startServer, stopServer, ROOT, DEMO_PASSWORD, USERS, loginAs };

const webRequire = createRequire(join(ROOT, 'web', 'package.json'));
const { chromium } = webRequire('playwright-core');
export const AXE_PATH = webRequire.resolve('axe-core/axe.min.js');

export const CHROMIUM = process.env.PAGALBA_CHROMIUM || '/usr/bin/chromium';
export const SCREENS = join(ROOT, 'test-results', 'screens');
export const RESULTS = join(ROOT, 'test-results');
export const VIEWPORT = { width: 1366, height: 768 };

if (!existsSync(join(ROOT, 'web', 'dist', 'index.html')) && !process.env.PAGALBA_WEB_DIR) {
  throw new Error('web/dist is missing: run `cd web && npm ci && npm run build` first');
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** A fresh context (own cookies and storage). bypassCSP lets axe be injected. */
export async function newPage(browser, server, { lang, viewport = VIEWPORT } = {}) {
  const context = await browser.newContext({ baseURL: server.base, viewport, bypassCSP: true, locale: 'lt-LT' });
  if (lang) {
    await context.addInitScript((l) => localStorage.setItem('pagalba.lang', l), lang);
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => { page.__errors = (page.__errors || []).concat(String(e)); });
  return page;
}

/**
 * Starts server and browser for one test file. PAGALBA_BROWSER_BASE (e.g.
 * http://127.0.0.1:8080) runs the tests against a server already running
 * with the demo data instead, for working on the UI.
 */
export async function setup(opts = {}) {
  const server = process.env.PAGALBA_BROWSER_BASE
    ? { base: process.env.PAGALBA_BROWSER_BASE, external: true }
    : await startServer(opts);
  const browser = await launchBrowser();
  return { server, browser };
}

export async function teardown(ctx) {
  if (!ctx) return;
  await ctx.browser?.close().catch(() => {});
  if (ctx.server && !ctx.server.external) await stopServer(ctx.server);
}

export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(/Naudotojo vardas|User name/).fill(username);
  await page.getByLabel(/^(Slaptažodis|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Prisijungti|Log in)$/ }).click();
  await page.waitForSelector('header.top');
}

export async function screenshot(page, name) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, name + '.png') });
}

export function record(name, data) {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, name + '.json'), JSON.stringify(data, null, 2) + '\n');
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function axeScan(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A person of the social worker's department, by family-name prefix. */
export async function findPerson(client, query) {
  const r = await client.post('/api/v1/persons/search', { query });
  if (r.status !== 200) throw new Error(`search ${query}: ${r.status} ${r.text}`);
  return r.json.items;
}
