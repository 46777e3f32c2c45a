// Issue #7.4: a Vite app (examples/vite-app) that imports `santei` by its package name is built
// once (vite build, seconds) and driven in headless Chromium, served with the same strict CSP
// as a portal would use: it must evaluate, re-evaluate on a click, switch to English, and make
// no console error, no CSP violation and no request to any other origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, STRICT_CSP, serve, launch, watchedPage } from './portal_lib.mjs';

const APP = path.join(ROOT, 'examples/vite-app');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
let out;
let server;
let browser;

before(async () => {
  assert.ok(existsSync(path.join(ROOT, 'pkg/meta.js')), 'pkg/ is not built: run `npm run build` first');
  out = mkdtempSync(path.join(tmpdir(), 'santei-vite-'));
  execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'error', '--outDir', out, '--emptyOutDir'], {
    cwd: APP,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  server = await serve(out, { headers: { 'Content-Security-Policy': STRICT_CSP } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test('vite build: the bundle carries the wasm as an asset', () => {
  const assets = readdirSync(path.join(out, 'assets'));
  assert.ok(assets.some((f) => /^santei_bg-.*\.wasm$/.test(f)), assets.join(' '));
  assert.ok(assets.some((f) => f.endsWith('.js')));
});

test('the Vite app evaluates in headless Chromium under a strict CSP', async () => {
  const { page, seen } = await watchedPage(browser.context);
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector('body[data-status="evaluated"]', { timeout: 20000 });
  await page.waitForFunction(() => document.body.dataset.direct);
  const first = await page.evaluate(() => ({
    summary: document.querySelector('#summary').value,
    direct: document.body.dataset.direct,
    version: document.body.dataset.santeiVersion,
    title: document.querySelector('#result').shadowRoot.querySelector('[part~="title"]').textContent,
  }));
  assert.match(first.summary, /^R08 \d+ 点, \d+ lines/);
  assert.equal(first.direct, first.summary, 'direct call and element agree');
  assert.match(first.version, /^\d+\.\d+\.\d+/);
  assert.equal(first.title, '算定チェック');

  // Edit the claim, click, switch to English.
  await page.evaluate(() => {
    const t = document.querySelector('#claim');
    const c = JSON.parse(t.value);
    c.serviceDate = '2024-07-01';
    t.value = JSON.stringify(c);
    document.body.dataset.status = 'editing';
  });
  await page.click('#check');
  await page.waitForSelector('body[data-status="evaluated"]');
  await page.check('#english');
  const second = await page.evaluate(() => {
    const root = document.querySelector('#result').shadowRoot;
    return {
      summary: document.querySelector('#summary').value,
      title: root.querySelector('[part~="title"]').textContent,
      footer: root.querySelector('[part~="footer"]').textContent,
      violations: window.__cspViolations,
    };
  });
  assert.match(second.summary, /^R06 /);
  assert.equal(second.title, 'Claim check');
  assert.match(second.footer, /Revisions: R06 \(2024-06-01/);

  // Bad JSON in the box: the page says so, nothing throws.
  await page.fill('#claim', '{');
  await page.click('#check');
  await page.waitForSelector('body[data-status="error"]');

  assert.deepEqual(seen.console.filter((m) => m.type === 'error'), [], 'console errors');
  assert.deepEqual(seen.errors, [], 'page errors');
  assert.deepEqual(seen.failed, [], 'failed requests');
  assert.deepEqual(second.violations, [], 'CSP violations');
  const foreign = seen.requests.filter((u) => !u.startsWith(`${server.url}/`));
  assert.deepEqual(foreign, [], 'requests to another origin');
  assert.ok(seen.requests.some((u) => /\/assets\/santei_bg-.*\.wasm$/.test(u)), 'wasm from the bundle');
  await page.close();
});
